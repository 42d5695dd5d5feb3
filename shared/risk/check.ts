/**
 * The risk check as every door out runs it (issue 20): over the study's sharing view (the gate
 * applied, risk decisions NOT yet applied, so the check sees the quotes it decides on), with the
 * stored decisions. Pure; the analysis worker, the report screen and `npm run report` call it.
 */
import { outboundView } from '../exchange/outbound';
import type { StudyData } from '../model/schema';
import { checkStudyRisk, type RiskCheckOptions, type StudyRiskCheck } from './study';

export function riskCheck(data: StudyData, opts: RiskCheckOptions = {}): StudyRiskCheck {
  const { riskDecisions, ...rest } = data;
  const sharing = outboundView(rest).sharing;
  return checkStudyRisk({ ...sharing, ...(riskDecisions ? { riskDecisions } : {}) }, opts);
}

/** One line per undecided risk, for a terminal or a log: kind, label and what (never a quote's words). */
export function describePending(check: StudyRiskCheck): string[] {
  return check.pending.map((p) => (p.kind === 'informant' ? `informant ${p.label}: class < ${check.k} on ${p.detail.join(' + ') || 'the whole study'}` : `quote of ${p.label}: ${p.detail.join(', ')}`));
}
