/** The renderer's study database: one module, versioned (schema.ts), documented in docs/store.md. */
export { DB_NAME, ReisekartDb, appDb, db, openDatabase } from './database';
export type { DbEnv, MetaEntry, OpenOptions, StoreChange, UndoEntry } from './database';
export { CURRENT_VERSION, SCHEMA_VERSIONS, TABLE_NAMES } from './schema';
export type { SchemaVersion, TableName } from './schema';
export { classifyWriteError, isQuotaError } from './results';
export type { FieldIssue, WriteFailure, WriteResult } from './results';
export {
  META_DEMO_SEEDED,
  META_LAST_STUDY,
  createStudy,
  deleteStudy,
  ensureDemoStudy,
  listStudies,
  loadStudyData,
  parseStudyData,
  replaceStudyData,
  resetDemoStudy,
  writeStudyDiff,
} from './study';
export type { StudySummary } from './study';
export {
  UNDO_LIMIT,
  applyChange,
  clearUndo,
  deleteBenchmark,
  deleteCode,
  deleteInterview,
  deleteOverride,
  deleteSegment,
  deleteTerm,
  deleteUndo,
  getMeta,
  listUndo,
  pushUndo,
  restoreInterview,
  saveBenchmark,
  saveCode,
  saveInterview,
  saveOverride,
  savePseudonym,
  saveSegment,
  saveParsedSegments,
  saveSegments,
  saveStudy,
  saveTerm,
  saveTranscript,
  setMeta,
  writeAudit,
} from './records';
export type { DeletedInterview } from './records';
export { requestPersistentStorage } from './storage';
export {
  useAnalysisInput,
  useCodes,
  useInterview,
  useInterviewList,
  useInterviewSegments,
  useMeta,
  useSegmentCounts,
  useSegments,
  useTerms,
  useTranscript,
  useTranscriptReviews,
  useUndoCounts,
  useUnreviewedCounts,
} from './live';
export { useInterviews, useKeyedLiveQuery, useStudies, useStudy, useStudyData, useStudyDataInPages } from './hooks';
export { MEMO_EMPTY, MEMO_TARGET, MEMO_TOO_LONG, deleteMemo, listMemos, restoreMemo, saveMemo, useMemos, useStudyCodes, useTermSpecs } from './memos';
export type { MemoInput } from './memos';
export { listAudit, logAudit, useAudit } from './audit';
export {
  deleteVariable,
  listAttributes,
  listVariables,
  restoreVariable,
  saveAttributes,
  saveAttributesMany,
  saveVariable,
  useAttributes,
  useVariables,
} from './attributes';
export type { AttributeFieldIssue, AttributeInput, DeletedVariable, SaveAttributesOptions } from './attributes';
export { executeRetention, getRetentionPlan, saveRetentionPlan, useRetentionPlan } from './retention';
export type { RetentionCounts } from './retention';
export { listRiskDecisions, saveRiskDecision, useRiskDecisions } from './risk';
export type { RiskDecisionInput } from './risk';
export { deleteInsight, listInsights, saveInsight, scanInsightText, useInsights } from './insights';
export type { InsightDraft, SaveInsightOptions } from './insights';
