/**
 * The risk decisions applied to the sharing view of a study (called by outboundView): the one place
 * a sharing output's text and attributes are changed for re-identification risk. Pure.
 *
 *  - a quote left out is emptied (quote pickers skip empty quotes; counts still use the segment);
 *  - a quote generalised gets its chosen rewrites (while it has the length it was decided on; a
 *    changed quote is held back until decided again);
 *  - an informant left out has every quote emptied;
 *  - the study's generalisations recode what the output reveals: sites → region or hidden, groups
 *    merged into their stage (with interview codes renumbered, since a code's prefix names the
 *    group), month → term (the report prints terms) and mode hidden (the report leaves its table out);
 *  - the reasons (typed text) never reach a sharing output.
 */
import { applyRewrites } from '../anonymise/indirect';
import type { RiskDecision } from '../model/risk';
import type { GroupDef, Interview, StudyData } from '../model/schema';
import { groupToStage, siteToRegion } from './generalise';
import { chosenGeneralisations, decisionHolds, informantSubject, quoteSubject } from './study';
import { informantKey } from '../model/informants';

export interface AppliedRisk {
  data: StudyData;
  /** Quotes emptied by a decision (left out, or a generalised quote that changed since). */
  leftOut: number;
  rewritten: number;
}

/** Decisions as a sharing output may carry them: choices only, no reasons. */
export function sharingDecisions(decisions: readonly RiskDecision[]): RiskDecision[] {
  return decisions.map(({ reasonReview: _r, ...d }) => ({ ...d, reason: '' }));
}

function mergeGroups(data: StudyData): { groups: GroupDef[]; interviews: Interview[] } {
  const byStage = new Map<string, GroupDef[]>();
  for (const g of data.study.groups) {
    const stage = groupToStage(g.label);
    byStage.set(stage, [...(byStage.get(stage) ?? []), g]);
  }
  const target = new Map<string, GroupDef>();
  const groups: GroupDef[] = [];
  for (const [stage, list] of byStage) {
    const first = list[0] as GroupDef;
    if (list.length === 1) {
      groups.push(first);
      continue;
    }
    const m: GroupDef = { id: first.id, label: stage, short: stage, prefix: stage.replace(/[^\p{L}\p{N}]/gu, '').toUpperCase() || first.prefix };
    groups.push(m);
    for (const g of list) target.set(g.id, m);
  }
  const counters = new Map<string, number>();
  const interviews = data.interviews.map((iv) => {
    const g = target.get(iv.groupId);
    if (!g) return iv;
    const n = (counters.get(g.id) ?? 0) + 1;
    counters.set(g.id, n);
    return { ...iv, groupId: g.id, code: `${g.prefix}-${String(n).padStart(2, '0')}` };
  });
  return { groups, interviews };
}

export function applyRiskDecisions(data: StudyData): AppliedRisk {
  const decisions = data.riskDecisions ?? [];
  if (decisions.length === 0) return { data, leftOut: 0, rewritten: 0 };
  const bySubject = new Map(decisions.map((d) => [d.subject, d]));
  let leftOut = 0;
  let rewritten = 0;
  const segments = data.segments.map((s) => {
    if (s.quote === '') return s;
    if (bySubject.get(informantSubject(informantKey(s.interviewId, s.participantId)))?.action === 'leave-out') {
      leftOut++;
      return { ...s, quote: '', note: '' };
    }
    const d = bySubject.get(quoteSubject(s.id));
    if (!d) return s;
    if (d.action === 'leave-out' || !decisionHolds(d, s)) {
      leftOut++;
      return { ...s, quote: '', note: '' };
    }
    if (d.action === 'generalise' && d.rewrites.length > 0) {
      rewritten++;
      return { ...s, quote: applyRewrites(s.quote, d.rewrites) };
    }
    return s;
  });
  const gens = chosenGeneralisations(decisions);
  let interviews = data.interviews;
  let study = data.study;
  if (gens.includes('group-stage')) {
    const m = mergeGroups(data);
    interviews = m.interviews;
    study = { ...study, groups: m.groups };
  }
  if (gens.includes('site-hide')) interviews = interviews.map((iv) => ({ ...iv, site: '' }));
  else if (gens.includes('site-region')) interviews = interviews.map((iv) => ({ ...iv, site: iv.site.trim() === '' ? '' : siteToRegion(iv.site) }));
  return { data: { ...data, study, interviews, segments, riskDecisions: sharingDecisions(decisions) }, leftOut, rewritten };
}
