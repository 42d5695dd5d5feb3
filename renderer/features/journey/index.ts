/** What other features may use of the journey feature: the study index and analysis answers. */
export { localSource, useAnalysis, useJourneySource, useStudyIndex, workerSource, type AnalysisSource } from './analysisCache';
