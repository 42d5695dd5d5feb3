/**
 * Layout of overlapping segments: each segment gets a lane (0, 1, 2 …) so that no two segments
 * sharing a character share a lane. Greedy interval colouring by start (then longer first) is
 * optimal for intervals: the number of lanes equals the maximum overlap depth.
 */

export interface Span {
  id: string;
  start: number;
  end: number;
}

export interface LaneLayout {
  lane: Map<string, number>;
  /** Number of lanes used (= the maximum number of segments covering one character). */
  depth: number;
}

export function assignLanes(spans: readonly Span[]): LaneLayout {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  /** laneEnd[k] = end offset of the last span placed in lane k. */
  const laneEnd: number[] = [];
  const lane = new Map<string, number>();
  for (const s of sorted) {
    let k = laneEnd.findIndex((end) => end <= s.start);
    if (k < 0) {
      k = laneEnd.length;
      laneEnd.push(s.end);
    } else laneEnd[k] = s.end;
    lane.set(s.id, k);
  }
  return { lane, depth: laneEnd.length };
}

export interface Piece {
  start: number;
  end: number;
  /** Ids of the spans covering this piece, in lane order. */
  ids: string[];
}

/**
 * Cut [from, to) into pieces at every span boundary, each with the spans covering it: what a
 * paragraph renderer draws as runs of text with stacked underline bars.
 */
export function piecesOf(from: number, to: number, spans: readonly Span[], lanes: ReadonlyMap<string, number>, extraCuts: readonly number[] = []): Piece[] {
  const inside = spans.filter((s) => s.end > from && s.start < to && s.end > s.start);
  const cuts = new Set<number>([from, to]);
  for (const c of extraCuts) if (c > from && c < to) cuts.add(c);
  for (const s of inside) {
    if (s.start > from) cuts.add(s.start);
    if (s.end < to) cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Piece[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i] as number;
    const b = points[i + 1] as number;
    const ids = inside
      .filter((s) => s.start <= a && s.end >= b)
      .sort((x, y) => (lanes.get(x.id) ?? 0) - (lanes.get(y.id) ?? 0))
      .map((s) => s.id);
    out.push({ start: a, end: b, ids });
  }
  return out;
}
