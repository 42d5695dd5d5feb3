/**
 * Re-identification risk decisions (issue 20), per study: saved with an audit entry (counts and
 * the choice, never a reason's words or a quote's), read with the study (loadStudyData) and in
 * bundles (StudyData.riskDecisions). The reason for accepting a risk is text typed in the app:
 * scanned as saved (typedTextReview), kept out of every sharing output.
 */
import { RiskDecision, riskDecisionId, type RiskAction, type QuoteRewrite } from '../../shared/model';
import { typedTextReview } from '../../shared/model/typed-text';
import type { GeneralisationId } from '../../shared/risk/generalise';
import type { ReisekartDb } from './database';
import { useKeyedLiveQuery } from './hooks';
import { appDb } from './database';
import { writeAudit } from './records';
import { guarded, parseRecord, type WriteResult } from './results';

export interface RiskDecisionInput {
  studyId: string;
  subject: string;
  action: RiskAction;
  by: string;
  reason?: string;
  generalisations?: readonly GeneralisationId[];
  rewrites?: readonly QuoteRewrite[];
  quoteLength?: number;
  /** Study terms, so the reason's scan finds the study's own names. */
  terms?: readonly { term: string; kind: string }[];
}

export async function listRiskDecisions(db: ReisekartDb, studyId: string): Promise<RiskDecision[]> {
  return db.riskDecisions.where('studyId').equals(studyId).toArray();
}

/** Save (replace) the decision on one subject and log it: action, subject kind, counts only. */
export async function saveRiskDecision(db: ReisekartDb, input: RiskDecisionInput): Promise<WriteResult<RiskDecision>> {
  const at = db.env.now();
  const reason = (input.reason ?? '').trim();
  const review = reason === '' ? undefined : typedTextReview(reason, input.by, at, { terms: input.terms ?? [] });
  const parsed = parseRecord(RiskDecision, {
    id: riskDecisionId(input.studyId, input.subject),
    studyId: input.studyId,
    subject: input.subject,
    action: input.action,
    generalisations: [...(input.generalisations ?? [])],
    rewrites: [...(input.rewrites ?? [])],
    reason,
    ...(review ? { reasonReview: review } : {}),
    ...(input.quoteLength !== undefined ? { quoteLength: input.quoteLength } : {}),
    by: input.by,
    at,
  });
  if (!parsed.ok) return parsed;
  const record = parsed.value;
  const saved = await guarded(async () => {
    await db.riskDecisions.put(record);
    return record;
  });
  if (!saved.ok) return saved;
  const kind = input.subject.split(':')[0] ?? input.subject;
  const counts: Record<string, number> = { [input.action]: 1, rewrites: record.rewrites.length, generalisations: record.generalisations.length };
  for (const [k, n] of Object.entries(review?.hits ?? {})) counts[`reasonHits.${k}`] = n;
  await writeAudit(db, { studyId: input.studyId, who: input.by, action: `risk.${input.action}`, subject: kind, counts, note: record.generalisations.join(',') });
  return saved;
}

export function useRiskDecisions(studyId: string | null | undefined, db: ReisekartDb = appDb()): RiskDecision[] | undefined {
  return useKeyedLiveQuery(`risk:${studyId ?? ''}`, () => (studyId ? listRiskDecisions(db, studyId) : Promise.resolve([])), [studyId, db]);
}
