/** Code frequencies (own and rolled up the code tree), the tree order, and code co-occurrence. */
import type { Segment } from '../model/schema';
import { filterIndices, type AnalysisFilter, type StudyIndex } from './filter';

export interface CodeFrequency {
  codeId: string;
  parentId: string | null;
  /** Depth in the code tree (root 0). */
  depth: number;
  /** Segments coded with exactly this code. */
  segments: number;
  informants: number;
  /** Segments coded with this code or any descendant (each segment once). */
  segmentsRolled: number;
  informantsRolled: number;
}

/** Per code, in codebook order (tree order: parent, then its children by `order`, then name). */
export function codeFrequencies(index: StudyIndex, filter: AnalysisFilter): CodeFrequency[] {
  const own = new Map<string, { segs: number; infs: Set<number> }>();
  const rolled = new Map<string, { segs: number; infs: Set<number> }>();
  for (const c of index.codes) {
    own.set(c.id, { segs: 0, infs: new Set() });
    rolled.set(c.id, { segs: 0, infs: new Set() });
  }
  const touched = new Set<string>();
  for (const i of filterIndices(index, filter)) {
    const s = index.segments[i] as Segment;
    const inf = index.segInformant[i] as number;
    touched.clear();
    for (const c of s.codeIds) {
      const o = own.get(c);
      if (!o) continue;
      o.segs += 1;
      o.infs.add(inf);
      for (const a of index.codeSelfAndAncestors.get(c) ?? [c]) touched.add(a);
    }
    // A segment coded with two children of one parent counts once for the parent.
    for (const a of touched) {
      const r = rolled.get(a);
      if (!r) continue;
      r.segs += 1;
      r.infs.add(inf);
    }
  }
  return codeTreeOrder(index).map(({ id, depth }) => {
    const o = own.get(id)!;
    const r = rolled.get(id)!;
    return { codeId: id, parentId: index.codeById.get(id)?.parentId ?? null, depth, segments: o.segs, informants: o.infs.size, segmentsRolled: r.segs, informantsRolled: r.infs.size };
  });
}

/** Codes in tree order with depth; orphans (unknown parent) are treated as roots. */
export function codeTreeOrder(index: StudyIndex): { id: string; depth: number }[] {
  const children = new Map<string | null, string[]>();
  for (const c of index.codes) {
    const p = c.parentId !== null && index.codeById.has(c.parentId) ? c.parentId : null;
    const list = children.get(p);
    if (list) list.push(c.id);
    else children.set(p, [c.id]);
  }
  const byOrder = (a: string, b: string): number => {
    const ca = index.codeById.get(a)!;
    const cb = index.codeById.get(b)!;
    return ca.order - cb.order || ca.name.localeCompare(cb.name, 'nb') || (a < b ? -1 : 1);
  };
  const out: { id: string; depth: number }[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number): void => {
    for (const id of [...(children.get(parent) ?? [])].sort(byOrder)) {
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ id, depth });
      walk(id, depth + 1);
    }
  };
  walk(null, 0);
  // Codes caught in a parent cycle are unreachable from a root: list them at the end, flat.
  for (const c of index.codes) if (!seen.has(c.id)) out.push({ id: c.id, depth: 0 });
  return out;
}

export interface CodePair {
  /** a < b (string order). */
  a: string;
  b: string;
  /** Segments carrying both codes. */
  sameSegment: number;
  /**
   * Pairs of different, overlapping segments of the same informant, one carrying a and the other b
   * (each segment pair counted once per code pair).
   */
  overlapping: number;
}

export function codeCooccurrence(index: StudyIndex, filter: AnalysisFilter): CodePair[] {
  const pairs = new Map<string, CodePair>();
  const bump = (x: string, y: string, field: 'sameSegment' | 'overlapping'): void => {
    if (x === y) return;
    const [a, b] = x < y ? [x, y] : [y, x];
    const key = `${a}\u0000${b}`;
    let p = pairs.get(key);
    if (!p) {
      p = { a, b, sameSegment: 0, overlapping: 0 };
      pairs.set(key, p);
    }
    p[field] += 1;
  };
  const byInformant = new Map<number, Segment[]>();
  for (const i of filterIndices(index, filter)) {
    const s = index.segments[i] as Segment;
    const codes = [...new Set(s.codeIds)];
    for (let x = 0; x < codes.length; x++) for (let y = x + 1; y < codes.length; y++) bump(codes[x]!, codes[y]!, 'sameSegment');
    const inf = index.segInformant[i] as number;
    const list = byInformant.get(inf);
    if (list) list.push(s);
    else byInformant.set(inf, [s]);
  }
  for (const list of byInformant.values()) {
    list.sort((p, q) => p.start - q.start || p.end - q.end);
    for (let x = 0; x < list.length; x++) {
      const s = list[x]!;
      for (let y = x + 1; y < list.length; y++) {
        const t = list[y]!;
        if (t.start >= s.end) break; // sorted by start: nothing later overlaps s
        const seen = new Set<string>();
        for (const ca of s.codeIds)
          for (const cb of t.codeIds) {
            if (ca === cb) continue;
            const key = ca < cb ? `${ca}\u0000${cb}` : `${cb}\u0000${ca}`;
            if (seen.has(key)) continue;
            seen.add(key);
            bump(ca, cb, 'overlapping');
          }
      }
    }
  }
  return [...pairs.values()].sort((p, q) => q.sameSegment + q.overlapping - (p.sameSegment + p.overlapping) || (p.a < q.a ? -1 : p.a > q.a ? 1 : p.b < q.b ? -1 : p.b > q.b ? 1 : 0));
}
