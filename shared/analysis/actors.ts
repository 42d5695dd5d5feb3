/**
 * The actor lane: where the silos are. Per stage, which actors informants met (how many
 * informants, with what valence), and the handovers: consecutive segments of one informant's story
 * — ordered by stage (the study's order), then by position in the transcript — whose actors
 * differ. A handover goes from the earlier segment's first actor to the later one's first actor;
 * it went badly when the later segment is negative. Only segments with a stage and an actor count.
 */
import type { Segment, Valence } from '../model/schema';
import { filterIndices, type AnalysisFilter, type StudyIndex } from './filter';

export interface ActorAtStage {
  actorId: string;
  informants: number;
  segments: number;
  valence: Record<Valence, number>;
}

export interface Handover {
  from: string;
  to: string;
  /** Stage of the later segment. */
  stageId: string;
  /** Times it happened, and how many of those went badly (later segment negative). */
  n: number;
  bad: number;
  informants: number;
  /** Segment ids of the bad handovers' later segments (their quotes, one click away). */
  badSegmentIds: string[];
}

export interface ActorLane {
  stages: { stageId: string; actors: ActorAtStage[]; suppressed: boolean }[];
  handovers: Handover[];
}

export function actorLane(index: StudyIndex, filter: AnalysisFilter, opts: { smallCell: number }): ActorLane {
  const stages = index.study.stages;
  const stageOf = new Map(stages.map((s, i) => [s.id, i] as const));
  const perStage = stages.map(() => new Map<string, { infs: Set<number>; segments: number; valence: Record<Valence, number> }>());
  const stageInfs = stages.map(() => new Set<number>());
  const byInformant = new Map<number, number[]>();
  for (const i of filterIndices(index, filter)) {
    const s = index.segments[i] as Segment;
    const c = s.stageId === null ? undefined : stageOf.get(s.stageId);
    if (c === undefined || s.actorIds.length === 0 || s.kind !== 'experience') continue;
    const inf = index.segInformant[i] as number;
    stageInfs[c]!.add(inf);
    for (const a of new Set(s.actorIds)) {
      let acc = perStage[c]!.get(a);
      if (!acc) perStage[c]!.set(a, (acc = { infs: new Set(), segments: 0, valence: { positive: 0, mixed: 0, negative: 0 } }));
      acc.infs.add(inf);
      acc.segments += 1;
      if (s.valence) acc.valence[s.valence] += 1;
    }
    const list = byInformant.get(inf);
    if (list) list.push(i);
    else byInformant.set(inf, [i]);
  }
  const hand = new Map<string, { h: Handover; infs: Set<number> }>();
  for (const [inf, list] of byInformant) {
    const seg = (i: number): Segment => index.segments[i] as Segment;
    list.sort((a, b) => (stageOf.get(seg(a).stageId!) as number) - (stageOf.get(seg(b).stageId!) as number) || seg(a).start - seg(b).start || (seg(a).id < seg(b).id ? -1 : 1));
    for (let j = 1; j < list.length; j++) {
      const a = seg(list[j - 1] as number);
      const b = seg(list[j] as number);
      const from = a.actorIds[0] as string;
      const to = b.actorIds[0] as string;
      if (from === to) continue;
      const key = `${b.stageId}\u0000${from}\u0000${to}`;
      let e = hand.get(key);
      if (!e) hand.set(key, (e = { h: { from, to, stageId: b.stageId as string, n: 0, bad: 0, informants: 0, badSegmentIds: [] }, infs: new Set() }));
      e.h.n += 1;
      e.infs.add(inf);
      if (b.valence === 'negative') {
        e.h.bad += 1;
        e.h.badSegmentIds.push(b.id);
      }
    }
  }
  const handovers = [...hand.values()]
    .map(({ h, infs }) => ({ ...h, informants: infs.size }))
    .sort((p, q) => (stageOf.get(p.stageId) as number) - (stageOf.get(q.stageId) as number) || q.n - p.n || (p.from + p.to < q.from + q.to ? -1 : 1));
  return {
    stages: stages.map((st, c) => ({
      stageId: st.id,
      suppressed: stageInfs[c]!.size < opts.smallCell,
      actors: [...perStage[c]!]
        .map(([actorId, a]) => ({ actorId, informants: a.infs.size, segments: a.segments, valence: a.valence }))
        .sort((p, q) => q.informants - p.informants || q.segments - p.segments || (p.actorId < q.actorId ? -1 : 1)),
    })),
    handovers,
  };
}
