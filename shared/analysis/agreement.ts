/**
 * Inter-coder agreement: percent agreement, Cohen's kappa (Cohen 1960) and Krippendorff's alpha
 * for nominal data (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability", Annenberg
 * School for Communication, University of Pennsylvania), per coding dimension.
 *
 * Units: two coders mark their own segments, so the units are first paired by overlap (see pairSegments).
 */
import type { Segment } from '../model/schema';

/** A coder's value for a unit; null/undefined = missing (the coder gave no value). */
export type Value = string | number | boolean | null | undefined;

const present = (v: Value): v is string | number | boolean => v !== null && v !== undefined;

export interface PercentAgreement {
  /** Units where both coders gave a value. */
  n: number;
  agree: number;
  /** agree / n; null when n = 0. */
  p: number | null;
}

/** The units where both coders gave a value, as [a's value, b's value] pairs. */
function pairedValues(a: readonly Value[], b: readonly Value[]): [Value, Value][] {
  const out: [Value, Value][] = [];
  const len = Math.min(a.length, b.length);
  for (let i = 0; i < len; i++) {
    const x = a[i];
    const y = b[i];
    if (present(x) && present(y)) out.push([x, y]);
  }
  return out;
}

/** Share of units (both values present) on which the two coders agree. */
export function percentAgreement(a: readonly Value[], b: readonly Value[]): PercentAgreement {
  const pairs = pairedValues(a, b);
  const n = pairs.length;
  const agree = pairs.filter(([x, y]) => x === y).length;
  return { n, agree, p: n > 0 ? agree / n : null };
}

export interface Kappa {
  n: number;
  /** Observed agreement. */
  po: number;
  /** Agreement expected by chance from each coder's own marginals. */
  pe: number;
  /** (po − pe) / (1 − pe); null when pe = 1 (both coders used one and the same value throughout). */
  kappa: number | null;
}

/**
 * Cohen's kappa for two coders (Cohen 1960, "A coefficient of agreement for nominal scales").
 * Units with a missing value on either side are left out. null when no unit is left.
 */
export function cohensKappa(a: readonly Value[], b: readonly Value[]): Kappa | null {
  const ma = new Map<Value, number>();
  const mb = new Map<Value, number>();
  const { n, agree } = percentAgreement(a, b);
  if (n === 0) return null;
  for (const [x, y] of pairedValues(a, b)) {
    ma.set(x, (ma.get(x) ?? 0) + 1);
    mb.set(y, (mb.get(y) ?? 0) + 1);
  }
  let pe = 0;
  for (const [v, ca] of ma) pe += (ca / n) * ((mb.get(v) ?? 0) / n);
  const po = agree / n;
  return { n, po, pe, kappa: pe >= 1 - 1e-12 ? null : (po - pe) / (1 - pe) };
}

export interface Alpha {
  /** Pairable values: values in units with at least two values (Krippendorff's n). */
  n: number;
  /** Units with at least two values. */
  units: number;
  /** Observed and expected disagreement. */
  dO: number;
  dE: number;
  /** 1 − dO/dE; null when dE = 0 (only one value in all pairable data: no variation to judge). */
  alpha: number | null;
}

/**
 * Krippendorff's alpha, nominal metric, any number of coders, missing values allowed.
 * `units[u][c]` is coder c's value for unit u. Following Krippendorff (2011) section C:
 * each unit with m_u ≥ 2 values adds 1/(m_u − 1) to the coincidence o_ck for every ordered pair of
 * values from different coders; n_c = Σ_k o_ck; α = 1 − (n − 1) Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k.
 */
export function krippendorffAlphaNominal(units: readonly (readonly Value[])[]): Alpha {
  const coincidence = new Map<string | number | boolean, Map<string | number | boolean, number>>();
  const add = (c: string | number | boolean, k: string | number | boolean, w: number): void => {
    let row = coincidence.get(c);
    if (!row) {
      row = new Map();
      coincidence.set(c, row);
    }
    row.set(k, (row.get(k) ?? 0) + w);
  };
  let pairableUnits = 0;
  for (const unit of units) {
    const vals = unit.filter(present);
    const m = vals.length;
    if (m < 2) continue;
    pairableUnits += 1;
    const w = 1 / (m - 1);
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) if (i !== j) add(vals[i]!, vals[j]!, w);
  }
  const nc = new Map<string | number | boolean, number>();
  let n = 0;
  let observed = 0;
  for (const [c, row] of coincidence) {
    for (const [k, o] of row) {
      nc.set(c, (nc.get(c) ?? 0) + o);
      n += o;
      if (c !== k) observed += o;
    }
  }
  let expected = 0;
  for (const [c, a] of nc) for (const [k, b] of nc) if (c !== k) expected += a * b;
  // Round n: it is a sum of 1/(m−1) weights and is a whole number in exact arithmetic.
  n = Math.round(n * 1e9) / 1e9;
  const dO = n > 0 ? observed / n : 0;
  const dE = n > 1 ? expected / (n * (n - 1)) : 0;
  return { n, units: pairableUnits, dO, dE, alpha: dE > 0 ? 1 - dO / dE : null };
}

/** Jaccard index of two character ranges [start, end): overlap / union; 0 when disjoint. */
export function spanJaccard(a: { start: number; end: number }, b: { start: number; end: number }): number {
  const overlap = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  if (overlap <= 0) return 0;
  const union = Math.max(a.end, b.end) - Math.min(a.start, b.start);
  return union > 0 ? overlap / union : 0;
}

export interface SegmentPair {
  a: Segment;
  b: Segment;
  jaccard: number;
}

export interface Pairing {
  pairs: SegmentPair[];
  onlyA: Segment[];
  onlyB: Segment[];
}

/**
 * Pair two coders' segments into units. Candidates are segments on the same interview and
 * participant whose spans overlap with Jaccard ≥ minJaccard (default 0.5). Greedy, best overlap
 * first (ties by the ids, so the result is deterministic); each segment is used at most once.
 */
export function pairSegments(a: readonly Segment[], b: readonly Segment[], minJaccard = 0.5): Pairing {
  const bByInformant = new Map<string, Segment[]>();
  for (const s of b) {
    const k = `${s.interviewId}\u0000${s.participantId}`;
    const list = bByInformant.get(k);
    if (list) list.push(s);
    else bByInformant.set(k, [s]);
  }
  const candidates: SegmentPair[] = [];
  for (const s of a) {
    for (const t of bByInformant.get(`${s.interviewId}\u0000${s.participantId}`) ?? []) {
      const j = spanJaccard(s, t);
      if (j >= minJaccard && j > 0) candidates.push({ a: s, b: t, jaccard: j });
    }
  }
  candidates.sort((p, q) => q.jaccard - p.jaccard || cmp(p.a.id, q.a.id) || cmp(p.b.id, q.b.id));
  const usedA = new Set<Segment>();
  const usedB = new Set<Segment>();
  const pairs: SegmentPair[] = [];
  for (const c of candidates) {
    if (usedA.has(c.a) || usedB.has(c.b)) continue;
    usedA.add(c.a);
    usedB.add(c.b);
    pairs.push(c);
  }
  pairs.sort((p, q) => cmp(p.a.interviewId, q.a.interviewId) || p.a.start - q.a.start || cmp(p.a.id, q.a.id));
  return { pairs, onlyA: a.filter((s) => !usedA.has(s)), onlyB: b.filter((s) => !usedB.has(s)) };
}

const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

export interface DimensionAgreement {
  /** 'stage' | 'situation' | 'valence' | `code:<id>`. */
  dimension: string;
  codeId?: string;
  percent: PercentAgreement;
  kappa: Kappa | null;
  alpha: Alpha;
}

export interface AgreementReport {
  pairs: number;
  onlyA: number;
  onlyB: number;
  /** Matched units / all units (pairs + onlyA + onlyB): how far the coders marked the same passages. null when none. */
  unitizing: number | null;
  dimensions: DimensionAgreement[];
}

function dimension(name: string, a: Value[], b: Value[], codeId?: string): DimensionAgreement {
  const units = a.map((x, i) => [x, b[i]]);
  return { dimension: name, ...(codeId ? { codeId } : {}), percent: percentAgreement(a, b), kappa: cohensKappa(a, b), alpha: krippendorffAlphaNominal(units) };
}

/**
 * Agreement between two coders' segments on the same interviews, over matched units only.
 * Stage, situation and valence: null (not coded) is a missing value. Codes: present / absent for
 * each code in `codeIds` (never missing). Unmatched segments are a unitizing difference, reported
 * as counts, not folded into the per-dimension figures.
 */
export function agreementReport(a: readonly Segment[], b: readonly Segment[], codeIds: readonly string[], minJaccard = 0.5): AgreementReport {
  const { pairs, onlyA, onlyB } = pairSegments(a, b, minJaccard);
  const all = pairs.length + onlyA.length + onlyB.length;
  const dims: DimensionAgreement[] = [
    dimension('stage', pairs.map((p) => p.a.stageId), pairs.map((p) => p.b.stageId)),
    dimension('situation', pairs.map((p) => p.a.situationId), pairs.map((p) => p.b.situationId)),
    dimension('valence', pairs.map((p) => p.a.valence), pairs.map((p) => p.b.valence)),
    ...codeIds.map((id) => dimension(`code:${id}`, pairs.map((p) => p.a.codeIds.includes(id)), pairs.map((p) => p.b.codeIds.includes(id)), id)),
  ];
  return { pairs: pairs.length, onlyA: onlyA.length, onlyB: onlyB.length, unitizing: all > 0 ? pairs.length / all : null, dimensions: dims };
}
