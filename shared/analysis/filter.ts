/**
 * The analysis index and the one filter every analysis view shares.
 *
 * `buildIndex` does the joins once (segment → interview → group, segment → informant, code → ancestors)
 * into parallel arrays, so that a filter change is a single plain loop over the segments with no
 * allocation beyond the result (50,000 segments: a few milliseconds, see tests/unit/analysis-filter.test.ts).
 *
 * Two coders: the index keeps every segment, but by default only the final coding passes the
 * filter (shared/analysis/final.ts: per interview, the lead coder's segments, else the first
 * coder's who coded it), so an interview coded twice for agreement is counted once. An explicit
 * `AnalysisFilter.coderId` selects that coder's segments instead, ignoring the final rule (the
 * agreement screen, the workbench's coder filter).
 */
import { informantKey } from '../model/informants';
import { finalMask } from './final';
import type { Code, Interview, InterviewFormat, InterviewMode, Segment, SegmentKind, Study, Valence } from '../model/schema';

export interface AnalysisFilter {
  groupIds?: readonly string[];
  formats?: readonly InterviewFormat[];
  modes?: readonly InterviewMode[];
  /** A segment passes when any of its actors is listed. */
  actorIds?: readonly string[];
  /** A segment passes when any of its codes is listed or is a descendant of a listed code. */
  codeIds?: readonly string[];
  stageIds?: readonly string[];
  situationIds?: readonly string[];
  /** Segments without a valence never pass a valence constraint. */
  valences?: readonly Valence[];
  /** 'all' (the default) keeps experiences and wishes. */
  kind?: SegmentKind | 'all';
  /** One coder's segments only, ignoring the final-coding rule. Unset: the final coding (see buildIndex). */
  coderId?: string;
}

export interface IndexOptions {
  /** The lead coder whose coding is final where it exists (default: the study's first coder). */
  leadCoderId?: string | null;
  /** false: every segment passes a filter without coderId (a list of everything coded, not an analysis). Default true. */
  final?: boolean;
}

/** What buildIndex needs: a StudyData fits. */
export interface IndexInput {
  study: Study;
  codes: readonly Code[];
  interviews: readonly Interview[];
  segments: readonly Segment[];
}

export interface StudyIndex {
  study: Study;
  codes: readonly Code[];
  interviews: readonly Interview[];
  segments: readonly Segment[];
  interviewById: ReadonlyMap<string, Interview>;
  codeById: ReadonlyMap<string, Code>;
  /** Informant keys (`interviewId:participantId`), one per distinct informant seen in segments or interviews. */
  informantKeys: readonly string[];
  /** Group of each informant (parallel to informantKeys); '' when the interview is unknown. */
  informantGroup: readonly string[];
  /** Per segment (parallel to `segments`): index into informantKeys. */
  segInformant: Int32Array;
  /** Per segment: its interview's group id ('' when the interview is missing). */
  segGroup: readonly string[];
  segFormat: readonly (InterviewFormat | null)[];
  segMode: readonly (InterviewMode | null)[];
  /** Per segment: 1 when it counts without an explicit coderId (the final coding, or all with `final: false`). */
  segCounted: Uint8Array;
  /** Code id → itself and its ancestors (root last); cycles are cut. */
  codeSelfAndAncestors: ReadonlyMap<string, readonly string[]>;
  /** Code id → its descendants (not itself). */
  codeDescendants: ReadonlyMap<string, readonly string[]>;
}

export function buildIndex(data: IndexInput, opts: IndexOptions = {}): StudyIndex {
  const interviewById = new Map(data.interviews.map((iv) => [iv.id, iv] as const));
  const codeById = new Map(data.codes.map((c) => [c.id, c] as const));
  const informantIndex = new Map<string, number>();
  const informantKeys: string[] = [];
  const informantGroup: string[] = [];
  const addInformant = (key: string, groupId: string): number => {
    const known = informantIndex.get(key);
    if (known !== undefined) return known;
    informantIndex.set(key, informantKeys.length);
    informantKeys.push(key);
    informantGroup.push(groupId);
    return informantKeys.length - 1;
  };
  for (const iv of data.interviews) for (const p of iv.participants) addInformant(informantKey(iv.id, p.id), iv.groupId);

  const n = data.segments.length;
  const segInformant = new Int32Array(n);
  const segGroup: string[] = new Array<string>(n);
  const segFormat: (InterviewFormat | null)[] = new Array<InterviewFormat | null>(n);
  const segMode: (InterviewMode | null)[] = new Array<InterviewMode | null>(n);
  for (let i = 0; i < n; i++) {
    const s = data.segments[i] as Segment;
    const iv = interviewById.get(s.interviewId);
    segGroup[i] = iv?.groupId ?? '';
    segFormat[i] = iv?.format ?? null;
    segMode[i] = iv?.mode ?? null;
    segInformant[i] = addInformant(informantKey(s.interviewId, s.participantId), iv?.groupId ?? '');
  }

  const segCounted = opts.final === false ? new Uint8Array(n).fill(1) : finalMask(data.segments, data.study.coders, opts.leadCoderId);

  const codeSelfAndAncestors = new Map<string, string[]>();
  const codeDescendants = new Map<string, string[]>();
  for (const c of data.codes) codeDescendants.set(c.id, []);
  for (const c of data.codes) {
    const chain = [c.id];
    const seen = new Set(chain);
    let parent = c.parentId;
    while (parent !== null && codeById.has(parent) && !seen.has(parent)) {
      chain.push(parent);
      seen.add(parent);
      codeDescendants.get(parent)?.push(c.id);
      parent = codeById.get(parent)?.parentId ?? null;
    }
    codeSelfAndAncestors.set(c.id, chain);
  }

  return {
    study: data.study,
    codes: data.codes,
    interviews: data.interviews,
    segments: data.segments,
    interviewById,
    codeById,
    informantKeys,
    informantGroup,
    segInformant,
    segGroup,
    segFormat,
    segMode,
    segCounted,
    codeSelfAndAncestors,
    codeDescendants,
  };
}

/** A constraint is active when its list is non-empty; undefined and [] both mean "no constraint". */
function setOf<T>(list: readonly T[] | undefined): Set<T> | null {
  return list && list.length > 0 ? new Set(list) : null;
}

function anyIn(values: readonly string[], set: Set<string>): boolean {
  for (const v of values) if (set.has(v)) return true;
  return false;
}

/**
 * Indices (into index.segments) of the segments that pass the filter, in segment order.
 * One pass; the sets are built once per call, never per segment.
 */
export function filterIndices(index: StudyIndex, filter: AnalysisFilter = {}): Int32Array {
  const groups = setOf(filter.groupIds);
  const formats = setOf(filter.formats);
  const modes = setOf(filter.modes);
  const actors = setOf(filter.actorIds);
  const stages = setOf(filter.stageIds);
  const situations = setOf(filter.situationIds);
  const valences = setOf(filter.valences);
  const kind = filter.kind && filter.kind !== 'all' ? filter.kind : null;
  const coder = filter.coderId ?? null;
  let codes: Set<string> | null = null;
  if (filter.codeIds && filter.codeIds.length > 0) {
    // Selecting a parent code selects its whole subtree (roll-up), expanded once here.
    codes = new Set<string>();
    for (const id of filter.codeIds) {
      codes.add(id);
      for (const d of index.codeDescendants.get(id) ?? []) codes.add(d);
    }
  }
  const segs = index.segments;
  const out = new Int32Array(segs.length);
  let k = 0;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i] as Segment;
    if (kind !== null && s.kind !== kind) continue;
    if (coder !== null ? s.coderId !== coder : index.segCounted[i] === 0) continue;
    if (groups !== null && !groups.has(index.segGroup[i] as string)) continue;
    if (formats !== null) {
      const f = index.segFormat[i];
      if (f == null || !formats.has(f)) continue;
    }
    if (modes !== null) {
      const m = index.segMode[i];
      if (m == null || !modes.has(m)) continue;
    }
    if (stages !== null && (s.stageId === null || !stages.has(s.stageId))) continue;
    if (situations !== null && (s.situationId === null || !situations.has(s.situationId))) continue;
    if (valences !== null && (s.valence === null || !valences.has(s.valence))) continue;
    if (actors !== null && !anyIn(s.actorIds, actors)) continue;
    if (codes !== null && !anyIn(s.codeIds, codes)) continue;
    out[k++] = i;
  }
  return out.subarray(0, k);
}

/** The segments that pass the filter, in segment order. */
export function filterSegments(index: StudyIndex, filter: AnalysisFilter = {}): Segment[] {
  const idx = filterIndices(index, filter);
  const out = new Array<Segment>(idx.length);
  for (let j = 0; j < idx.length; j++) out[j] = index.segments[idx[j] as number] as Segment;
  return out;
}
