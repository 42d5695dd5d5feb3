/**
 * Evidence strength per journey cell: how much a workshop should trust it. Behind each cell:
 * distinct informants, interviews and groups, and — where a second coder coded the same interviews —
 * how often the second coder put the same passage in the same cell with the same valence.
 *
 * The level (one visual cue on the map, words for screen readers):
 *   - `strong`:   at least 2k informants (k = the small-cell threshold) from at least k interviews
 *                 and at least two groups, and coders agree on ≥ 80 % of the doubly coded passages
 *                 (or nothing there was coded twice);
 *   - `moderate`: at least k informants, and agreement ≥ 60 % (or nothing coded twice);
 *   - `weak`:     anything else with at least one segment (fewer than k informants, one interview,
 *                 or coders disagree);
 *   - `none`:     no segment.
 * A small cell (fewer than k informants) is `weak` and its counts stay hidden in sharing outputs.
 */
import type { Segment } from '../model/schema';
import { pairSegments } from './agreement';

import { filterIndices, segmentColumns, type AnalysisFilter, type StudyIndex } from './filter';

export type EvidenceLevel = 'strong' | 'moderate' | 'weak' | 'none';
export const EVIDENCE_LEVELS: readonly EvidenceLevel[] = ['strong', 'moderate', 'weak', 'none'];

export interface CellAgreement {
  /** Passages of the final coding in this cell that a second coder also marked (paired by overlap). */
  pairs: number;
  /** Of those, the second coder gave the same stage, situation and valence. */
  agree: number;
  /** agree / pairs. */
  p: number;
}

export interface CellEvidence {
  stageId: string;
  situationId: string;
  segments: number;
  informants: number;
  interviews: number;
  groups: number;
  /** null: no interview behind the cell was coded by two coders. */
  agreement: CellAgreement | null;
  level: EvidenceLevel;
  /** informants < smallCell. */
  suppressed: boolean;
}

export const STRONG_AGREEMENT = 0.8;
export const MODERATE_AGREEMENT = 0.6;

export function evidenceLevel(e: Pick<CellEvidence, 'segments' | 'informants' | 'interviews' | 'groups' | 'agreement'>, smallCell: number): EvidenceLevel {
  if (e.segments === 0) return 'none';
  const p = e.agreement?.p ?? null;
  if (e.informants >= 2 * smallCell && e.interviews >= smallCell && e.groups >= 2 && (p === null || p >= STRONG_AGREEMENT)) return 'strong';
  if (e.informants >= smallCell && e.interviews >= 2 && (p === null || p >= MODERATE_AGREEMENT)) return 'moderate';
  return 'weak';
}

/**
 * Per final-coding segment (by index): 1 the second coder agrees on stage, situation and valence,
 * 0 they disagree, -1 not coded twice. Interviews coded by one coder cost one pass.
 */
function secondCoderAgreement(index: StudyIndex): Int8Array {
  const out = new Int8Array(index.segments.length).fill(-1);
  const byInterview = new Map<string, Map<string, number[]>>();
  index.segments.forEach((s, i) => {
    let coders = byInterview.get(s.interviewId);
    if (!coders) byInterview.set(s.interviewId, (coders = new Map()));
    const list = coders.get(s.coderId);
    if (list) list.push(i);
    else coders.set(s.coderId, [i]);
  });
  for (const coders of byInterview.values()) {
    if (coders.size < 2) continue;
    const finalList = [...coders.values()].find((l) => index.segCounted[l[0] as number] === 1);
    if (!finalList) continue;
    const finals = finalList.map((i) => index.segments[i] as Segment);
    const pos = new Map(finalList.map((i) => [index.segments[i] as Segment, i] as const));
    for (const other of coders.values()) {
      if (other === finalList) continue;
      const { pairs } = pairSegments(finals, other.map((i) => index.segments[i] as Segment));
      for (const { a, b } of pairs) {
        const i = pos.get(a) as number;
        const same = a.stageId === b.stageId && a.situationId === b.situationId && a.valence === b.valence;
        // With three coders a passage counts as agreed only when every other coder agrees.
        out[i] = same && out[i] !== 0 ? 1 : 0;
      }
    }
  }
  return out;
}

const agreementCache = new WeakMap<StudyIndex, Int8Array>();
const interviewCache = new WeakMap<StudyIndex, { col: Int32Array; n: number }>();

/** Per segment: its interview numbered 0…n−1 (once per index). */
function interviewColumn(index: StudyIndex): { col: Int32Array; n: number } {
  let got = interviewCache.get(index);
  if (got) return got;
  const pos = new Map<string, number>();
  const col = new Int32Array(index.segments.length);
  index.segments.forEach((s, i) => {
    let p = pos.get(s.interviewId);
    if (p === undefined) pos.set(s.interviewId, (p = pos.size));
    col[i] = p;
  });
  got = { col, n: pos.size };
  interviewCache.set(index, got);
  return got;
}

/** Evidence per cell, `[situationIndex][stageIndex]` like the journey matrix. */
export function cellEvidence(index: StudyIndex, filter: AnalysisFilter, opts: { smallCell: number }): CellEvidence[][] {
  const stages = index.study.stages;
  const situations = index.study.situations;
  const stageCol = new Map(stages.map((s, i) => [s.id, i] as const));
  const sitRow = new Map(situations.map((s, i) => [s.id, i] as const));
  const cols = segmentColumns(index);
  const colOf = Int32Array.from(cols.stage.ids, (id) => stageCol.get(id) ?? -1);
  const rowOf = Int32Array.from(cols.situation.ids, (id) => sitRow.get(id) ?? -1);
  let agreed = agreementCache.get(index);
  if (!agreed) agreementCache.set(index, (agreed = secondCoderAgreement(index)));
  const ivCol = interviewColumn(index);
  const nCells = stages.length * situations.length;
  const nInf = index.informantKeys.length;
  const nGroups = cols.group.ids.length + 1;
  // Distinct counts by byte marks per (cell, informant | interview | group): no Set per segment.
  const seenInf = new Uint8Array(nCells * nInf);
  const seenIv = new Uint8Array(nCells * ivCol.n);
  const seenGroup = new Uint8Array(nCells * nGroups);
  const segs = new Int32Array(nCells);
  const infs = new Int32Array(nCells);
  const ivs = new Int32Array(nCells);
  const groups = new Int32Array(nCells);
  const pairs = new Int32Array(nCells);
  const agree = new Int32Array(nCells);
  for (const i of filterIndices(index, filter)) {
    const sp = cols.stage.col[i] as number;
    const tp = cols.situation.col[i] as number;
    const c = sp < 0 ? -1 : (colOf[sp] as number);
    const r = tp < 0 ? -1 : (rowOf[tp] as number);
    if (c < 0 || r < 0) continue;
    const k = r * stages.length + c;
    segs[k]! += 1;
    const mi = k * nInf + (index.segInformant[i] as number);
    if (seenInf[mi] === 0) {
      seenInf[mi] = 1;
      infs[k]! += 1;
    }
    const mv = k * ivCol.n + (ivCol.col[i] as number);
    if (seenIv[mv] === 0) {
      seenIv[mv] = 1;
      ivs[k]! += 1;
    }
    const mg = k * nGroups + 1 + (cols.group.col[i] as number);
    if (seenGroup[mg] === 0) {
      seenGroup[mg] = 1;
      groups[k]! += 1;
    }
    const a = agreed[i] as number;
    if (a >= 0) {
      pairs[k]! += 1;
      agree[k]! += a;
    }
  }
  return situations.map((sit, r) =>
    stages.map((stage, c): CellEvidence => {
      const k = r * stages.length + c;
      const n = pairs[k] as number;
      const e = {
        stageId: stage.id,
        situationId: sit.id,
        segments: segs[k] as number,
        informants: infs[k] as number,
        interviews: ivs[k] as number,
        groups: groups[k] as number,
        agreement: n > 0 ? { pairs: n, agree: agree[k] as number, p: (agree[k] as number) / n } : null,
      };
      return { ...e, level: evidenceLevel(e, opts.smallCell), suppressed: e.informants < opts.smallCell };
    }),
  );
}
