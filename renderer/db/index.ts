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
export { deleteInsight, listInsights, saveInsight, scanInsightText, useInsights } from './insights';
export type { InsightDraft, SaveInsightOptions } from './insights';
