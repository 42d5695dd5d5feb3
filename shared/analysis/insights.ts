/**
 * The insights lane: suggestions from the data and the evidence behind each insight.
 *
 * Suggestions (never stored until the facilitator confirms one):
 *   - pain point: a cell (stage × situation) where negative is the most frequent valence of the
 *     experiences (more than positive and more than mixed) and at least k informants (the
 *     small-cell threshold) are behind it;
 *   - opportunity: wishes at one stage × situation grouped by code, when at least k informants
 *     wished it.
 * Each suggestion carries its numbers and candidate quotes (pickQuotes, one per informant first).
 *
 * Evidence of a stored insight: how many of its quotes still exist, how many may be shown (text
 * reviewed), and whether the cell is small. An insight whose quotes are all deleted, or whose cell
 * falls under the small-cell rule, says so and is held back from every sharing output.
 */
import type { Insight, InsightKind } from '../model/insight';
import type { Segment } from '../model/schema';
import { canExport, textReviewed } from '../model/gate';
import { KIND_EXPERIENCE, KIND_WISH, NO_VALENCE, VALENCE_CODE } from './columns';
import { filterIndices, segmentColumns, type AnalysisFilter, type StudyIndex } from './filter';
import { pickQuotes, type QuoteRef } from './journey';

export interface InsightSuggestion {
  /** Stable key: `pain:<stage>:<situation>` or `opportunity:<stage>:<situation>:<code>`. */
  key: string;
  kind: InsightKind;
  stageId: string;
  situationId: string;
  codeId: string | null;
  /** What the default text is made of (the UI words it in the study's language). */
  params: { negative: number; rated: number; informants: number; wishes: number };
  quotes: QuoteRef[];
}

/** Pain-point and opportunity candidates, in stage then situation order. */
export function suggestInsights(index: StudyIndex, filter: AnalysisFilter, opts: { smallCell: number; quotes?: number }): InsightSuggestion[] {
  const k = opts.smallCell;
  const quoteK = opts.quotes ?? 3;
  const stages = index.study.stages;
  const situations = index.study.situations;
  const cols = segmentColumns(index);
  const stageOf = new Map(stages.map((s, i) => [s.id, i] as const));
  const sitOf = new Map(situations.map((s, i) => [s.id, i] as const));
  const nCells = stages.length * situations.length;
  const rated: number[][] = Array.from({ length: nCells }, () => []);
  const negative: number[][] = Array.from({ length: nCells }, () => []);
  const positive = new Int32Array(nCells);
  const mixed = new Int32Array(nCells);
  const wishes = Array.from({ length: nCells }, () => new Map<string, number[]>());
  for (const i of filterIndices(index, filter)) {
    const s = index.segments[i] as Segment;
    const c = s.stageId === null ? undefined : stageOf.get(s.stageId);
    const r = s.situationId === null ? undefined : sitOf.get(s.situationId);
    if (c === undefined || r === undefined) continue;
    const cell = r * stages.length + c;
    if (cols.kind[i] === KIND_EXPERIENCE && cols.valence[i] !== NO_VALENCE) {
      rated[cell]!.push(i);
      if (cols.valence[i] === VALENCE_CODE.negative) negative[cell]!.push(i);
      else if (cols.valence[i] === VALENCE_CODE.positive) positive[cell]! += 1;
      else mixed[cell]! += 1;
    } else if (cols.kind[i] === KIND_WISH) {
      for (const codeId of s.codeIds) {
        const list = wishes[cell]!.get(codeId);
        if (list) list.push(i);
        else wishes[cell]!.set(codeId, [i]);
      }
    }
  }
  const informantsOf = (segs: readonly number[]): number => new Set(segs.map((i) => index.segInformant[i])).size;
  const out: InsightSuggestion[] = [];
  stages.forEach((stage, c) => {
    situations.forEach((sit, r) => {
      const cell = r * stages.length + c;
      const neg = negative[cell]!;
      const all = rated[cell]!;
      const infs = informantsOf(all);
      if (neg.length > (positive[cell] as number) && neg.length > (mixed[cell] as number) && infs >= k) {
        out.push({ key: `pain:${stage.id}:${sit.id}`, kind: 'pain', stageId: stage.id, situationId: sit.id, codeId: null, params: { negative: neg.length, rated: all.length, informants: infs, wishes: 0 }, quotes: pickQuotes(index, neg, quoteK, 'negative') });
      }
      const byCode = [...wishes[cell]!].map(([codeId, segs]) => ({ codeId, segs, informants: informantsOf(segs) }));
      byCode.sort((a, b) => b.informants - a.informants || b.segs.length - a.segs.length || (a.codeId < b.codeId ? -1 : 1));
      for (const w of byCode) {
        if (w.informants < k) continue;
        out.push({ key: `opportunity:${stage.id}:${sit.id}:${w.codeId}`, kind: 'opportunity', stageId: stage.id, situationId: sit.id, codeId: w.codeId, params: { negative: 0, rated: 0, informants: w.informants, wishes: w.segs.length }, quotes: pickQuotes(index, w.segs, quoteK, null) });
      }
    });
  });
  return out;
}

export type InsightHold = 'quotes-deleted' | 'small-cell' | 'text-unreviewed' | null;

export interface InsightEvidence {
  /** Linked quotes that still exist. */
  quotes: number;
  /** Linked quotes whose segment was deleted. */
  deleted: number;
  /** Existing quotes whose text may leave (reviewed). */
  shareable: number;
  /** Distinct informants behind the existing quotes. */
  informants: number;
  /** Informants behind the insight's cell (or stage, without a situation), all segments. */
  cellInformants: number;
  /** Why the insight is held back from sharing outputs; null: it may be shared. */
  hold: InsightHold;
}

/**
 * The evidence of one insight against the study's segments (the store's, before the outbound
 * view empties unreviewed text). Held back: text not reviewed; the cell is small (fewer than k
 * informants); or it had quotes and none is left to show (deleted, or all unreviewed).
 */
export function insightEvidence(insight: Insight, segments: readonly Segment[], smallCell: number, byId?: ReadonlyMap<string, Segment>): InsightEvidence {
  const map = byId ?? new Map(segments.map((s) => [s.id, s] as const));
  const linked = insight.quoteIds.map((id) => map.get(id)).filter((s): s is Segment => s !== undefined);
  const shareable = linked.filter((s) => canExport(s)).length;
  const informants = new Set(linked.map((s) => `${s.interviewId}:${s.participantId}`)).size;
  const cell = new Set<string>();
  for (const s of segments) {
    if (s.stageId !== insight.stageId) continue;
    if (insight.situationId !== null && s.situationId !== insight.situationId) continue;
    cell.add(`${s.interviewId}:${s.participantId}`);
  }
  const deleted = insight.quoteIds.length - linked.length;
  let hold: InsightHold = null;
  if (!textReviewed(insight)) hold = 'text-unreviewed';
  else if (insight.quoteIds.length > 0 && shareable === 0) hold = 'quotes-deleted';
  else if (insight.origin !== 'room' && cell.size < smallCell) hold = 'small-cell';
  return { quotes: linked.length, deleted, shareable, informants, cellInformants: cell.size, hold };
}

export interface SharedInsight {
  insight: Insight;
  evidence: InsightEvidence;
  /** The quotes that may be shown with it (reviewed text only). */
  quotes: Segment[];
}

/**
 * The insights a sharing output (presentation, PDF, CSV) may show, each with its evidence and
 * shareable quotes, plus how many were held back and why.
 */
export function sharingInsights(insights: readonly Insight[], segments: readonly Segment[], smallCell: number): { shown: SharedInsight[]; held: { insight: Insight; hold: Exclude<InsightHold, null> }[] } {
  const byId = new Map(segments.map((s) => [s.id, s] as const));
  const shown: SharedInsight[] = [];
  const held: { insight: Insight; hold: Exclude<InsightHold, null> }[] = [];
  for (const ins of insights) {
    const evidence = insightEvidence(ins, segments, smallCell, byId);
    if (evidence.hold !== null) held.push({ insight: ins, hold: evidence.hold });
    else shown.push({ insight: ins, evidence, quotes: ins.quoteIds.map((id) => byId.get(id)).filter((s): s is Segment => s !== undefined && canExport(s)) });
  }
  return { shown, held };
}
