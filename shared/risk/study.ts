/**
 * The risk check of a whole study before a sharing output leaves (issue 20): informants at risk
 * over the revealed attributes (after the generalisations the study has chosen), quotes with
 * indirect identifiers, and what is still undecided. Pure; runs in the analysis worker, in
 * `npm run report` and in tests.
 */
import { detectIndirect, type IndirectHit } from '../anonymise/indirect';
import { informantKey } from '../model/informants';
import type { RiskDecision } from '../model/risk';
import type { Segment, StudyData } from '../model/schema';
import { assessRisk, type RiskAssessment, type RiskRecord } from './classes';
import { applyGeneralisations, generalisationEffects, type GeneralisationEffect, type GeneralisationId, type GeneraliseContext } from './generalise';

/** What every sharing output reveals about an informant today (informant attributes join later). */
export const DEFAULT_RISK_ATTRS = ['group', 'site', 'format', 'mode', 'month'] as const;

export const STUDY_SUBJECT = 'study';
export function informantSubject(key: string): string {
  return `informant:${key}`;
}
export function quoteSubject(segmentId: string): string {
  return `quote:${segmentId}`;
}

/** One record per informant (interview × participant) with the revealed attributes. */
export function riskRecords(data: Pick<StudyData, 'interviews'>): RiskRecord[] {
  const out: RiskRecord[] = [];
  for (const iv of data.interviews) {
    for (const p of iv.participants) {
      out.push({
        key: informantKey(iv.id, p.id),
        label: `${iv.code} ${p.id}`,
        values: { group: iv.groupId, site: iv.site, format: iv.format, mode: iv.mode, month: iv.date ? iv.date.slice(0, 7) : null },
      });
    }
  }
  return out;
}

export function generaliseContext(data: Pick<StudyData, 'study'>): GeneraliseContext {
  return { groupLabels: new Map(data.study.groups.map((g) => [g.id, g.label])) };
}

export interface QuoteRisk {
  segmentId: string;
  informantKey: string;
  /** `YF-03 P1`. */
  label: string;
  stageId: string | null;
  situationId: string | null;
  /** In memory only: the hits carry the quote's words. */
  hits: IndirectHit[];
  quoteLength: number;
}

export interface PendingRisk {
  subject: string;
  kind: 'informant' | 'quote';
  label: string;
  /** For informants: the combination that singles them out; for quotes: the hit kinds. */
  detail: string[];
}

export interface StudyRiskCheck {
  k: number;
  attrs: string[];
  generalisations: GeneralisationId[];
  /** With the chosen generalisations applied. */
  assessment: RiskAssessment;
  /** Each further generalisation's effect, before it is applied. */
  effects: GeneralisationEffect[];
  quotes: QuoteRisk[];
  /** Risks with no (or a stale) decision: the panel's list; `npm run report` refuses while any. */
  pending: PendingRisk[];
  /** Quotes scanned (non-empty, i.e. reviewed text that may leave). */
  scanned: number;
}

/** The study-wide generalisations chosen (the `study` decision). */
export function chosenGeneralisations(decisions: readonly RiskDecision[] | undefined): GeneralisationId[] {
  const d = decisions?.find((x) => x.subject === STUDY_SUBJECT);
  return d ? [...d.generalisations] : [];
}

/** A decision on a quote holds while the quote has the length it was decided on. */
export function decisionHolds(d: RiskDecision | undefined, s: Pick<Segment, 'quote'>): boolean {
  return d !== undefined && (d.quoteLength === undefined || d.quoteLength === s.quote.length);
}

export interface RiskCheckOptions {
  attrs?: readonly string[];
  /** Scan only these segments' quotes (e.g. the quotes a report will print); default every quote. */
  segmentIds?: ReadonlySet<string>;
}

/**
 * The check. `data` is the study as the sharing output reads it (outboundView's sharing view
 * BEFORE risk decisions are applied, so quotes held back by the gate are empty and not scanned).
 */
export function checkStudyRisk(data: StudyData, opts: RiskCheckOptions = {}): StudyRiskCheck {
  const k = data.study.smallCellThreshold;
  const attrs = [...(opts.attrs ?? DEFAULT_RISK_ATTRS)];
  const decisions = new Map((data.riskDecisions ?? []).map((d) => [d.subject, d]));
  const chosen = chosenGeneralisations(data.riskDecisions);
  const ctx = generaliseContext(data);
  const records = riskRecords(data);
  const assessment = assessRisk(applyGeneralisations(records, chosen, ctx), attrs, k);
  const effects = generalisationEffects(records, attrs, k, chosen, ctx);
  const labels = new Map(records.map((r) => [r.key, r.label]));
  const quotes: QuoteRisk[] = [];
  // The same words (a repeated quote) are scanned once.
  const cache = new Map<string, IndirectHit[]>();
  let scanned = 0;
  for (const s of data.segments) {
    if (s.quote === '' || (opts.segmentIds && !opts.segmentIds.has(s.id))) continue;
    scanned++;
    let hits = cache.get(s.quote);
    if (!hits) {
      hits = detectIndirect(s.quote);
      cache.set(s.quote, hits);
    }
    if (hits.length === 0) continue;
    const key = informantKey(s.interviewId, s.participantId);
    quotes.push({ segmentId: s.id, informantKey: key, label: labels.get(key) ?? key, stageId: s.stageId, situationId: s.situationId, hits, quoteLength: s.quote.length });
  }
  const pending: PendingRisk[] = [];
  for (const r of assessment.atRisk) {
    if (decisions.has(informantSubject(r.key))) continue;
    pending.push({ subject: informantSubject(r.key), kind: 'informant', label: r.label, detail: r.combination });
  }
  const segById = new Map(data.segments.map((s) => [s.id, s]));
  for (const q of quotes) {
    const seg = segById.get(q.segmentId);
    if (seg && decisionHolds(decisions.get(quoteSubject(q.segmentId)), seg)) continue;
    // An informant left out takes their quotes with them.
    if (decisions.get(informantSubject(q.informantKey))?.action === 'leave-out') continue;
    pending.push({ subject: quoteSubject(q.segmentId), kind: 'quote', label: q.label, detail: [...new Set(q.hits.map((h) => h.kind))] });
  }
  return { k, attrs, generalisations: chosen, assessment, effects, quotes, pending, scanned };
}
