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
import { anyMarked, buildColumns, KIND_EXPERIENCE, KIND_WISH, maskOf, NO_VALENCE, VALENCE_CODE, type SegmentColumns } from './columns';
import { finalMask } from './final';
import { informantAttributeMask, type AttributeFilter, type InformantValues } from './attribute-filter';
import type { InformantAttributes } from '../model/attributes';
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
  /** Informant attributes: variable id → values that pass (./attribute-filter.ts). */
  attributes?: AttributeFilter;
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
  /** Informant attributes (optional: a study without variables has none). */
  attributes?: readonly Pick<InformantAttributes, 'id' | 'values'>[] | undefined;
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
  /** The segments as typed columns (./columns.ts), built here once: what every filter pass reads. */
  columns: SegmentColumns;
  /** Informant key → variable id → value (absent: no attributes in the input). */
  informantValues?: InformantValues;
}

/** The index's columns (kept for the call sites that asked for them before the index owned them). */
export function segmentColumns(index: StudyIndex): SegmentColumns {
  return index.columns;
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
    columns: buildColumns(data.segments, { segGroup, segFormat, segMode }),
    ...(data.attributes ? { informantValues: new Map(data.attributes.map((a) => [a.id, a.values])) } : {}),
  };
}

/**
 * Indices (into index.segments) of the segments that pass the filter, in segment order.
 * One pass over the index's columns (./columns.ts): each constraint is a byte mask over that
 * column's dictionary, built once per call, never per segment.
 */
export function filterIndices(index: StudyIndex, filter: AnalysisFilter = {}): Int32Array {
  const cols = index.columns;
  const groups = maskOf(cols.group.ids, filter.groupIds);
  const formats = maskOf(cols.format.ids, filter.formats);
  const modes = maskOf(cols.mode.ids, filter.modes);
  const actors = maskOf(cols.actors.ids, filter.actorIds);
  const stages = maskOf(cols.stage.ids, filter.stageIds);
  const situations = maskOf(cols.situation.ids, filter.situationIds);
  let valences: Uint8Array | null = null;
  if (filter.valences && filter.valences.length > 0) {
    valences = new Uint8Array(NO_VALENCE + 1);
    for (const v of filter.valences) if (v in VALENCE_CODE) valences[VALENCE_CODE[v]] = 1;
  }
  const kind = filter.kind === 'experience' ? KIND_EXPERIENCE : filter.kind === 'wish' ? KIND_WISH : -1;
  // A coder that never coded here matches nothing (-2 is in no column).
  const coder = filter.coderId === undefined ? -1 : (() => {
    const p = cols.coder.ids.indexOf(filter.coderId);
    return p < 0 ? -2 : p;
  })();
  let codes: Uint8Array | null = null;
  if (filter.codeIds && filter.codeIds.length > 0) {
    // Selecting a parent code selects its whole subtree (roll-up), expanded once here.
    const wanted = new Set<string>();
    for (const id of filter.codeIds) {
      wanted.add(id);
      for (const d of index.codeDescendants.get(id) ?? []) wanted.add(d);
    }
    codes = maskOf(cols.codes.ids, wanted) ?? new Uint8Array(cols.codes.ids.length);
  }
  const informants = informantAttributeMask(index.informantKeys, index.informantValues, filter.attributes);
  const segInformant = index.segInformant;
  const n = cols.n;
  const counted = index.segCounted;
  const out = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (kind >= 0 && cols.kind[i] !== kind) continue;
    if (coder !== -1 ? cols.coder.col[i] !== coder : counted[i] === 0) continue;
    if (groups !== null && groups[cols.group.col[i] as number] !== 1) continue;
    if (formats !== null && formats[cols.format.col[i] as number] !== 1) continue;
    if (modes !== null && modes[cols.mode.col[i] as number] !== 1) continue;
    if (stages !== null && stages[cols.stage.col[i] as number] !== 1) continue;
    if (situations !== null && situations[cols.situation.col[i] as number] !== 1) continue;
    if (valences !== null && valences[cols.valence[i] as number] !== 1) continue;
    if (actors !== null && !anyMarked(cols.actors, i, actors)) continue;
    if (codes !== null && !anyMarked(cols.codes, i, codes)) continue;
    if (informants !== null && informants[segInformant[i] as number] !== 1) continue;
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
