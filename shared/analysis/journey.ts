/**
 * The journey views, split by job (this file only re-exports them, so existing imports keep working):
 * - cells.ts: cell statistics (segments, distinct informants, valence) and their accumulators
 * - quotes.ts: representative quotes
 * - journey-matrix.ts: the stage × situation matrix and its presentable view
 * - curve.ts: the emotion curve
 * - persona.ts: "persona Kim" per stage
 * - groups.ts: the group comparison
 * - code-counts.ts: code frequencies, tree order and co-occurrence
 * All take the same index (filter.ts) and filter. New analysis goes in a new file beside these.
 */
export { dominantValence, type CellStats, type ValenceCounts } from './cells';
export { pickQuotes, type QuoteRef } from './quotes';
export { journeyMatrix, presentJourney, type CodeCount, type JourneyCell, type JourneyMatrix, type JourneyOptions, type PresentedCell } from './journey-matrix';
export { emotionCurve, type EmotionPoint } from './curve';
export { personaKim, type PersonaItem, type PersonaStage } from './persona';
export { groupComparison, type GroupRow } from './groups';
export { codeCooccurrence, codeFrequencies, codeTreeOrder, type CodeFrequency, type CodePair } from './code-counts';
