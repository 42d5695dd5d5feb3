/**
 * Counsellor findings as the method reports them (Brukerreisen Kim 2021: Vg2, n = 21 informants:
 * 5 positive, 9 "ok, but …", 7 with one or more bad experiences), with Wilson intervals, and an
 * external benchmark shown beside — never merged with — them.
 *
 * The per-informant rule lives in shared/model/counsellor.ts (assessCounsellor /
 * deriveCounsellorCategory); this file only counts its results.
 */
import { assessCounsellor, deriveCounsellorCategory, type CounsellorAssessment } from '../model/counsellor';
import { DEFAULT_VALENCE_LABELS } from '../model/defaults';
import type { Benchmark, CounsellorCategory, GroupDef, Interview, Segment, Study, StudyData } from '../model/schema';
import { finalCoding } from './final';
import { percentSum, roundPercentages, wilson, type Proportion } from './stats';

export interface StudyAssessmentOptions {
  /** The lead coder (default: the study's first coder); see shared/analysis/final.ts. */
  leadCoderId?: string | null;
  /** The informants to assess (default: every interview of the study). */
  interviews?: readonly Interview[];
  /** Narrows the evidence after the final rule is applied (e.g. the report's stage filter). */
  keep?: (s: Segment) => boolean;
}

/**
 * assessCounsellor over the final coding: every screen, report and export that shows counsellor
 * findings goes through here, so an interview coded by two coders counts once. The final rule
 * runs before `keep`, so narrowing the evidence never changes whose coding counts.
 */
export function studyAssessments(data: Pick<StudyData, 'study' | 'interviews' | 'segments' | 'overrides'>, opts: StudyAssessmentOptions = {}): CounsellorAssessment[] {
  const final = finalCoding(data.segments, data.study.coders, opts.leadCoderId);
  const evidence = opts.keep ? final.filter(opts.keep) : final;
  return assessCounsellor(opts.interviews ?? data.interviews, evidence, data.overrides, data.study.counsellorActorId);
}

/** The three categories that carry n; 'not-discussed' is reported beside them. */
export type RatedCategory = 'positive' | 'mixed' | 'negative';
export const RATED_CATEGORIES: readonly RatedCategory[] = ['positive', 'mixed', 'negative'];

export interface CategoryCounts {
  positive: number;
  mixed: number;
  negative: number;
}

export interface StageBreakdown {
  stageId: string | null;
  counts: CategoryCounts;
  /** Informants with counsellor evidence at this stage. */
  n: number;
}

export interface BreakdownRow {
  /** A group id, or the id given for the combined row. */
  id: string;
  label: string;
  groupIds: string[];
  counts: CategoryCounts;
  /** Informants whose counsellor experience was not discussed: not part of n. */
  notDiscussed: number;
  /** Informants with a rated category (excludes not-discussed). */
  n: number;
  /** Wilson 95 % per category over n; null when n = 0. */
  intervals: Record<RatedCategory, Proportion | null>;
  /** Whole percentages, each the rounded exact share (percentOf); all 0 when n = 0. */
  percents: CategoryCounts;
  /** n < smallCell. */
  suppressed: boolean;
  /**
   * Per stage of the evidence: each informant's counsellor segments at that stage, through the same
   * rule (an informant can appear under several stages). Overrides apply to the whole informant,
   * not to a stage, so they are not reflected here.
   */
  byStage: StageBreakdown[];
}

export interface CounsellorBreakdown {
  groups: BreakdownRow[];
  /** The chosen groups together (e.g. Vg2 = yf-vg2 + sf-vg2); null when no groupIds were chosen. */
  combined: BreakdownRow | null;
  smallCell: number;
}

export interface BreakdownOptions {
  /** Groups to combine into one row (and, when `onlyChosen`, the only groups listed). */
  groupIds?: readonly string[];
  combinedId?: string;
  combinedLabel?: string;
  /** List only the chosen groups in `groups` (default false: every group). */
  onlyChosen?: boolean;
  smallCell: number;
  /** Stage order for byStage (default: order of first appearance). */
  stageOrder?: readonly string[];
}

function rowOf(id: string, label: string, groupIds: string[], list: readonly CounsellorAssessment[], opts: BreakdownOptions): BreakdownRow {
  const counts: CategoryCounts = { positive: 0, mixed: 0, negative: 0 };
  let notDiscussed = 0;
  for (const a of list) {
    if (a.category === 'not-discussed') notDiscussed += 1;
    else counts[a.category] += 1;
  }
  const n = counts.positive + counts.mixed + counts.negative;
  const [positive = 0, mixed = 0, negative = 0] = roundPercentages([counts.positive, counts.mixed, counts.negative]);
  return {
    id,
    label,
    groupIds,
    counts,
    notDiscussed,
    n,
    intervals: { positive: wilson(counts.positive, n), mixed: wilson(counts.mixed, n), negative: wilson(counts.negative, n) },
    percents: { positive, mixed, negative },
    suppressed: n < opts.smallCell,
    byStage: stageBreakdown(list, opts.stageOrder),
  };
}

function stageBreakdown(list: readonly CounsellorAssessment[], order?: readonly string[]): StageBreakdown[] {
  const byStage = new Map<string | null, Map<string, CounsellorAssessment['evidence']>>();
  for (const a of list) {
    for (const s of a.evidence) {
      let m = byStage.get(s.stageId);
      if (!m) {
        m = new Map();
        byStage.set(s.stageId, m);
      }
      const ev = m.get(a.informantKey);
      if (ev) ev.push(s);
      else m.set(a.informantKey, [s]);
    }
  }
  const out: StageBreakdown[] = [];
  for (const [stageId, m] of byStage) {
    const counts: CategoryCounts = { positive: 0, mixed: 0, negative: 0 };
    for (const ev of m.values()) {
      const c: CounsellorCategory = deriveCounsellorCategory(ev.map((s) => s.valence));
      if (c !== 'not-discussed') counts[c] += 1;
    }
    out.push({ stageId, counts, n: counts.positive + counts.mixed + counts.negative });
  }
  const rank = (id: string | null): number => {
    if (id === null) return Number.MAX_SAFE_INTEGER;
    const i = order ? order.indexOf(id) : -1;
    return i < 0 ? Number.MAX_SAFE_INTEGER - 1 : i;
  };
  if (order) out.sort((a, b) => rank(a.stageId) - rank(b.stageId));
  return out;
}

/**
 * Counts per category per group, and for the chosen groups combined.
 * `assessments` come from assessCounsellor(); overrides are already applied there.
 */
export function counsellorBreakdown(assessments: readonly CounsellorAssessment[], groups: readonly GroupDef[], opts: BreakdownOptions): CounsellorBreakdown {
  const chosen = opts.groupIds && opts.groupIds.length > 0 ? [...opts.groupIds] : null;
  const listed = chosen && opts.onlyChosen ? groups.filter((g) => chosen.includes(g.id)) : groups;
  const rows = listed.map((g) => rowOf(g.id, g.short ?? g.label, [g.id], assessments.filter((a) => a.groupId === g.id), opts));
  const combined = chosen
    ? rowOf(
        opts.combinedId ?? chosen.join('+'),
        opts.combinedLabel ?? chosen.map((id) => groups.find((g) => g.id === id)?.short ?? id).join(' + '),
        chosen,
        assessments.filter((a) => chosen.includes(a.groupId)),
        opts,
      )
    : null;
  return { groups: rows, combined, smallCell: opts.smallCell };
}

/**
 * The groups the method reports together as "Vg2": those whose id or short label names Vg2. One
 * rule for the screen and the report (STYLE.md §14), so both combine the same groups.
 */
export function vg2GroupIds(groups: readonly GroupDef[]): string[] {
  return groups.filter((g) => /vg2/i.test(g.id) || /vg2/i.test(g.short ?? g.label)).map((g) => g.id);
}

/**
 * The one name of the combined row, on screen and in the PDF: the caller's word for "Vg2 together"
 * when the chosen groups are exactly the Vg2 groups, else its word for "the chosen groups together".
 * Words come from the caller's locale file (shared/ translates nothing).
 */
export function combinedRowLabel(groups: readonly GroupDef[], chosen: readonly string[], words: { vg2: string; chosen: string }): string {
  const vg2 = vg2GroupIds(groups);
  const same = chosen.length > 0 && chosen.length === vg2.length && [...chosen].sort().join('\u0000') === [...vg2].sort().join('\u0000');
  return same ? words.vg2 : words.chosen;
}

export type BenchmarkDifference =
  | { kind: 'unmapped'; label: string }
  | { kind: 'not-one-to-one'; category: RatedCategory; sourceLabels: string[] }
  | { kind: 'maps-to-not-discussed'; label: string }
  | { kind: 'wording'; label: string; ours: string };

export interface BenchmarkComparison {
  id: string;
  name: string;
  source: string;
  year: number;
  n: number;
  nApprox: boolean;
  /** As in the source: wording and percent untouched. */
  categories: { label: string; percent: number; mapsTo: CounsellorCategory | null }[];
  /** Sum of the source's percentages. */
  sum: number;
  categoriesDiffer: boolean;
  differences: BenchmarkDifference[];
  /** e.g. "sums to 101 % because of rounding in the source"; null when the sum is 100. */
  roundingNote: string | null;
}

const norm = (s: string): string => s.trim().toLocaleLowerCase('nb').replace(/\s+/g, ' ');

/**
 * Describe a benchmark for showing beside the interview counts. Never merges: it returns the
 * source's own categories and percentages, and flags every way they differ from ours.
 * `categoriesDiffer` is true when the categories do not map 1:1 onto positive / mixed / negative,
 * or when a category's wording differs from our label (Ungdata's "litt fornøyd" is not
 * "OK, men kunne vært bedre": a different question, so a different answer).
 */
export function benchmarkComparison(benchmark: Benchmark, ourLabels: Study['valenceLabels'] = DEFAULT_VALENCE_LABELS): BenchmarkComparison {
  const differences: BenchmarkDifference[] = [];
  const byCategory = new Map<RatedCategory, string[]>();
  for (const c of benchmark.categories) {
    if (c.mapsTo === null) differences.push({ kind: 'unmapped', label: c.label });
    else if (c.mapsTo === 'not-discussed') differences.push({ kind: 'maps-to-not-discussed', label: c.label });
    else {
      const list = byCategory.get(c.mapsTo) ?? [];
      list.push(c.label);
      byCategory.set(c.mapsTo, list);
      if (norm(c.label) !== norm(ourLabels[c.mapsTo])) differences.push({ kind: 'wording', label: c.label, ours: ourLabels[c.mapsTo] });
    }
  }
  for (const cat of RATED_CATEGORIES) {
    const labels = byCategory.get(cat) ?? [];
    if (labels.length !== 1) differences.push({ kind: 'not-one-to-one', category: cat, sourceLabels: labels });
  }
  const sum = percentSum(benchmark.categories.map((c) => c.percent));
  return {
    id: benchmark.id,
    name: benchmark.name,
    source: benchmark.source,
    year: benchmark.year,
    n: benchmark.n,
    nApprox: benchmark.nApprox,
    categories: benchmark.categories.map((c) => ({ label: c.label, percent: c.percent, mapsTo: c.mapsTo })),
    sum,
    categoriesDiffer: differences.length > 0,
    differences,
    roundingNote: sum === 100 ? null : `sums to ${sum} % because of rounding in the source`,
  };
}
