/**
 * The segments as columns: every field a filter or the journey views read, dictionary-encoded
 * into typed arrays once, by `buildIndex` (the StudyIndex owns them as `index.columns`).
 *
 * Why: a filter change at 50,000 segments read five or six properties of every Segment object
 * (scattered over the heap) plus a Set lookup per string; in Chromium the filter pass alone was
 * ~5 ms and the journey screen ran it twice per change (matrix and curve), ~75 % of the screen's
 * script time (CPU profile, docs/bench.md). With columns a constraint is a byte lookup in a mask
 * over the dictionary, and the loop touches a few contiguous arrays.
 *
 * Exact semantics are kept: every distinct value seen in the segments gets a number (not only the
 * study's own stages or groups), so a filter on an id outside the frame still matches what it did.
 */
import type { Segment, Valence } from '../model/schema';

/** A string column: `ids[col[i]]` is segment i's value; -1 is null (or, for groups, ''). */
export interface DictColumn {
  ids: string[];
  col: Int32Array;
}

/** A multi-valued column in CSR form: segment i's values are `values[start[i]..start[i+1]]`, numbered into `ids`. */
export interface ListColumn {
  ids: string[];
  start: Int32Array;
  values: Int32Array;
}

export const VALENCE_CODE: Readonly<Record<Valence, number>> = { positive: 0, mixed: 1, negative: 2 };
/** Valence code of a segment without a valence. */
export const NO_VALENCE = 3;
export const KIND_EXPERIENCE = 0;
export const KIND_WISH = 1;

export interface SegmentColumns {
  n: number;
  /** KIND_EXPERIENCE or KIND_WISH. */
  kind: Uint8Array;
  /** VALENCE_CODE, or NO_VALENCE. */
  valence: Uint8Array;
  stage: DictColumn;
  situation: DictColumn;
  /** The interview's group (index.segGroup); '' (missing interview) is numbered like any id. */
  group: DictColumn;
  format: DictColumn;
  mode: DictColumn;
  coder: DictColumn;
  actors: ListColumn;
  codes: ListColumn;
  /** Length of the trimmed quote (quote choice reads it for every segment of a cell). */
  quoteLen: Int32Array;
}

function dict(n: number, value: (i: number) => string | null | undefined): DictColumn {
  const pos = new Map<string, number>();
  const ids: string[] = [];
  const col = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = value(i);
    if (v === null || v === undefined) {
      col[i] = -1;
      continue;
    }
    let p = pos.get(v);
    if (p === undefined) {
      p = ids.length;
      pos.set(v, p);
      ids.push(v);
    }
    col[i] = p;
  }
  return { ids, col };
}

function list(segs: readonly Segment[], values: (s: Segment) => readonly string[]): ListColumn {
  const n = segs.length;
  const pos = new Map<string, number>();
  const ids: string[] = [];
  let total = 0;
  for (const s of segs) total += values(s).length;
  const start = new Int32Array(n + 1);
  const out = new Int32Array(total);
  let k = 0;
  for (let i = 0; i < n; i++) {
    start[i] = k;
    for (const v of values(segs[i] as Segment)) {
      let p = pos.get(v);
      if (p === undefined) {
        p = ids.length;
        pos.set(v, p);
        ids.push(v);
      }
      out[k++] = p;
    }
  }
  start[n] = k;
  return { ids, start, values: out };
}

/** The joins buildIndex has already done, one entry per segment (see StudyIndex). */
export interface SegmentJoins {
  segGroup: readonly string[];
  segFormat: readonly (string | null)[];
  segMode: readonly (string | null)[];
}

/** The segments' columns (one pass per column over the segments); called once, by buildIndex. */
export function buildColumns(segs: readonly Segment[], joins: SegmentJoins): SegmentColumns {
  const n = segs.length;
  const kind = new Uint8Array(n);
  const valence = new Uint8Array(n);
  const quoteLen = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const s = segs[i] as Segment;
    kind[i] = s.kind === 'wish' ? KIND_WISH : KIND_EXPERIENCE;
    valence[i] = s.valence === null ? NO_VALENCE : VALENCE_CODE[s.valence];
    quoteLen[i] = s.quote.trim().length;
  }
  return {
    n,
    kind,
    valence,
    stage: dict(n, (i) => (segs[i] as Segment).stageId),
    situation: dict(n, (i) => (segs[i] as Segment).situationId),
    group: dict(n, (i) => joins.segGroup[i]),
    format: dict(n, (i) => joins.segFormat[i]),
    mode: dict(n, (i) => joins.segMode[i]),
    coder: dict(n, (i) => (segs[i] as Segment).coderId),
    actors: list(segs, (s) => s.actorIds),
    codes: list(segs, (s) => s.codeIds),
    quoteLen,
  };
}

/**
 * A byte per dictionary entry: 1 when the entry is one of `wanted`. null when there is no
 * constraint (undefined or an empty list, as in AnalysisFilter).
 */
export function maskOf(ids: readonly string[], wanted: readonly string[] | Iterable<string> | undefined): Uint8Array | null {
  if (wanted === undefined) return null;
  const set = new Set(wanted);
  if (set.size === 0) return null;
  const mask = new Uint8Array(ids.length);
  for (let p = 0; p < ids.length; p++) if (set.has(ids[p] as string)) mask[p] = 1;
  return mask;
}

/** True when any value of segment i in the list column is marked in `mask`. */
export function anyMarked(c: ListColumn, i: number, mask: Uint8Array): boolean {
  const end = c.start[i + 1] as number;
  for (let j = c.start[i] as number; j < end; j++) if (mask[c.values[j] as number] === 1) return true;
  return false;
}
