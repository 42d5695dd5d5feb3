/**
 * Merging a study bundle from another site into ours. Pure.
 *
 * Same lineage (a partner's copy of this study): `mergeStudies` is a three-way merge on record
 * revisions against the per-partner merge base (docs/exchange.md, "Revisions and three-way merge").
 * Different lineage (two independent studies, asked first): `unionMerge`, the union rules below;
 * nothing is overwritten silently:
 *  - frames (stages, situations, groups, actors, coders): union by id; same id with another label →
 *    base label kept, conflict reported;
 *  - codes: same id and same content → one code; same id, different content → incoming kept under a
 *    new id and reported; same NAME (case-insensitive) with a different definition, colour or parent
 *    → kept as a separate code named "Navn (site)" and reported; identical by name → unified;
 *  - interviews: same id and content → one; same id, different content → incoming re-id'd, reported;
 *    same code with different ids (two sites used YF-03) → both kept, incoming re-coded "YF-03-site";
 *  - transcripts follow their interview; segments, overrides, benchmarks, audit, terms, pseudonyms:
 *    by id, identical → one, different → incoming re-id'd and reported.
 */
import { namespaceTags } from './pseudonyms';
import type { Code, FrameItem, MergeBase, PendingConflict, Revision, RevisedEntity, StudyData, Tombstone } from '../model';
import { slugify } from '../text/slug';
import { attributesId } from '../model/attributes';

export type ConflictKind = 'interview-code' | 'code-name' | 'same-id' | 'frame-label';

export interface Conflict {
  kind: ConflictKind;
  /** Collection, e.g. `interviews`, `codes`, `study.stages`. */
  entity: string;
  id: string;
  message: string;
  /** The id or name the incoming record now has, when it was changed. */
  renamedTo?: string;
}

export interface MergeReport {
  added: Record<string, number>;
  conflicts: Conflict[];
}

function slug(site: string): string {
  return slugify(site, 20, 'import');
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function freshId(base: string, suffix: string, taken: Set<string>): string {
  let id = `${base}@${suffix}`.slice(0, 100);
  for (let n = 2; taken.has(id); n++) id = `${base}@${suffix}-${n}`.slice(0, 100);
  taken.add(id);
  return id;
}

function mergeFrame<T extends FrameItem>(entity: string, base: readonly T[], incoming: readonly T[], conflicts: Conflict[]): { items: T[]; added: number } {
  const byId = new Map(base.map((x) => [x.id, x]));
  const items = [...base];
  let added = 0;
  for (const x of incoming) {
    const b = byId.get(x.id);
    if (!b) {
      items.push(x);
      byId.set(x.id, x);
      added++;
    } else if (b.label !== x.label) {
      conflicts.push({ kind: 'frame-label', entity, id: x.id, message: `«${x.id}» heter «${b.label}» her og «${x.label}» i den andre pakken; beholder «${b.label}»` });
    }
  }
  return { items, added };
}

/** Record-by-id union where a different record with a taken id gets a new id (returned in `remap`). */
function mergeById<T extends { id: string }>(entity: string, base: readonly T[], incoming: readonly T[], suffix: string, conflicts: Conflict[], prepare: (x: T) => T = (x) => x) {
  const byId = new Map(base.map((x) => [x.id, x]));
  const taken = new Set(byId.keys());
  const out = [...base];
  const remap = new Map<string, string>();
  let added = 0;
  for (const raw of incoming) {
    const x = prepare(raw);
    const b = byId.get(x.id);
    if (b && same(b, x)) continue;
    if (b) {
      const id = freshId(x.id, suffix, taken);
      conflicts.push({ kind: 'same-id', entity, id: x.id, message: `To ulike poster har id «${x.id}»; den innkommende får id «${id}»`, renamedTo: id });
      remap.set(x.id, id);
      out.push({ ...x, id });
    } else {
      taken.add(x.id);
      byId.set(x.id, x);
      out.push(x);
    }
    added++;
  }
  return { items: out, remap, added };
}

/** An object without its undefined fields (zod's optional fields are absent, not undefined). */
function stripUndefined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Guide ticks of both sides, by id (`interviewId:itemId`): the newer tick wins; undefined when neither side has any. */
export function mergeTicks(ours: StudyData['guideTicks'], theirs: StudyData['guideTicks'], studyId: string): StudyData['guideTicks'] {
  if (ours === undefined && (theirs === undefined || theirs.length === 0)) return ours;
  const out = new Map((ours ?? []).map((t) => [t.id, t]));
  for (const t of theirs ?? []) {
    const o = out.get(t.id);
    if (!o || t.at > o.at) out.set(t.id, { ...t, studyId });
  }
  return [...out.values()];
}

/** An optional StudyData array, left out when empty (a study without any reads as before). */
function optional<K extends 'variables' | 'attributes', T>(key: K, items: T[]): Partial<Record<K, T[]>> {
  return items.length ? ({ [key]: items } as Partial<Record<K, T[]>>) : {};
}

/**
 * Union by id where ours wins on a taken id (study variables, informant attributes: an attribute's
 * id is its informant key, so it cannot be renamed like a segment's).
 */
function unionKeepOurs<T extends { id: string }>(base: readonly T[] | undefined, incoming: readonly T[] | undefined, prepare: (x: T) => T): { items: T[]; added: number } {
  const out = [...(base ?? [])];
  const taken = new Set(out.map((x) => x.id));
  let added = 0;
  for (const raw of incoming ?? []) {
    const x = prepare(raw);
    if (taken.has(x.id)) continue;
    taken.add(x.id);
    out.push(x);
    added++;
  }
  return { items: out, added };
}

/** Today's union rules: for two studies without a common ancestor (different lineage). */
export function unionMerge(base: StudyData, incoming: StudyData): { merged: StudyData; report: MergeReport } {
  const conflicts: Conflict[] = [];
  const added: Record<string, number> = {};
  const site = incoming.study.site || incoming.study.title;
  const suffix = slug(site);
  const studyId = base.study.id;

  const stages = mergeFrame('study.stages', base.study.stages, incoming.study.stages, conflicts);
  const situations = mergeFrame('study.situations', base.study.situations, incoming.study.situations, conflicts);
  const groups = mergeFrame('study.groups', base.study.groups, incoming.study.groups, conflicts);
  const actors = mergeFrame('study.actors', base.study.actors, incoming.study.actors, conflicts);
  const coders = base.study.coders.slice();
  let codersAdded = 0;
  for (const c of incoming.study.coders) {
    const b = coders.find((x) => x.id === c.id);
    if (!b) {
      coders.push(c);
      codersAdded++;
    } else if (b.name !== c.name || b.initials !== c.initials) {
      conflicts.push({ kind: 'frame-label', entity: 'study.coders', id: c.id, message: `Koder «${c.id}» er «${b.name}» her og «${c.name}» i den andre pakken; beholder «${b.name}»` });
    }
  }
  Object.assign(added, { stages: stages.added, situations: situations.added, groups: groups.added, actors: actors.added, coders: codersAdded });

  // Codes: first by id, then by name.
  const codeRemap = new Map<string, string>();
  const codes: Code[] = base.codes.slice();
  const codeTaken = new Set(codes.map((c) => c.id));
  const parentName = (list: readonly Code[], c: Code) => list.find((x) => x.id === c.parentId)?.name.toLowerCase() ?? null;
  const comparable = (list: readonly Code[], c: Code) => ({ def: c.definition, color: c.color.toLowerCase(), parent: parentName(list, c) });
  let codesAdded = 0;
  for (const x of incoming.codes) {
    const byId = codes.find((c) => c.id === x.id);
    const byName = codes.find((c) => c.name.trim().toLowerCase() === x.name.trim().toLowerCase());
    if (byId && same({ ...byId, studyId: '' }, { ...x, studyId: '' })) continue;
    if (byName && same(comparable(codes, byName), comparable(incoming.codes, x))) {
      if (byName.id !== x.id) codeRemap.set(x.id, byName.id);
      continue;
    }
    let id = x.id;
    let name = x.name;
    if (byId) {
      id = freshId(x.id, suffix, codeTaken);
      codeRemap.set(x.id, id);
      conflicts.push({ kind: 'same-id', entity: 'codes', id: x.id, message: `Koden «${x.id}» finnes med annet innhold; den innkommende får id «${id}»`, renamedTo: id });
    } else codeTaken.add(id);
    if (byName) {
      name = `${x.name} (${site})`.slice(0, 200);
      conflicts.push({ kind: 'code-name', entity: 'codes', id: x.id, message: `Koden «${x.name}» har en annen definisjon, farge eller plassering i den andre pakken; beholdt som «${name}»`, renamedTo: name });
    }
    codes.push({ ...x, id, name, studyId });
    codesAdded++;
  }
  // Parents of incoming codes follow their remapped ids.
  for (let i = base.codes.length; i < codes.length; i++) {
    const c = codes[i] as Code;
    if (c.parentId !== null && codeRemap.has(c.parentId)) codes[i] = { ...c, parentId: codeRemap.get(c.parentId) as string };
  }
  added.codes = codesAdded;

  // Interviews: by id, then by code.
  const ivRemap = new Map<string, string>();
  const interviews = base.interviews.slice();
  const ivTaken = new Set(interviews.map((i) => i.id));
  const codesTaken = new Set(interviews.map((i) => i.code.toLowerCase()));
  let ivAdded = 0;
  for (const x of incoming.interviews) {
    const byId = interviews.find((i) => i.id === x.id);
    if (byId && same({ ...byId, studyId: '' }, { ...x, studyId: '' })) continue;
    let id = x.id;
    if (byId) {
      id = freshId(x.id, suffix, ivTaken);
      ivRemap.set(x.id, id);
      conflicts.push({ kind: 'same-id', entity: 'interviews', id: x.id, message: `Intervjuet «${x.id}» finnes med annet innhold; det innkommende får id «${id}»`, renamedTo: id });
    } else ivTaken.add(id);
    let code = x.code;
    if (codesTaken.has(code.toLowerCase())) {
      code = `${x.code}-${suffix}`.slice(0, 40);
      for (let n = 2; codesTaken.has(code.toLowerCase()); n++) code = `${x.code}-${suffix}${n}`.slice(0, 40);
      conflicts.push({ kind: 'interview-code', entity: 'interviews', id: x.id, message: `Intervjukoden «${x.code}» brukes av begge steder; det innkommende heter nå «${code}»`, renamedTo: code });
    }
    codesTaken.add(code.toLowerCase());
    interviews.push({ ...x, id, code, studyId });
    ivAdded++;
  }
  added.interviews = ivAdded;
  const iv = (id: string) => ivRemap.get(id) ?? id;

  const transcripts = base.transcripts.slice();
  let trAdded = 0;
  for (const t of incoming.transcripts) {
    const interviewId = iv(t.interviewId);
    const b = transcripts.find((x) => x.interviewId === interviewId);
    if (b && same({ ...b, studyId: '' }, { ...t, interviewId, studyId: '' })) continue;
    if (b) {
      conflicts.push({ kind: 'same-id', entity: 'transcripts', id: interviewId, message: `Transkripsjonen for «${interviewId}» er ulik i de to pakkene; beholder denne` });
      continue;
    }
    transcripts.push({ ...t, interviewId, studyId });
    trAdded++;
  }
  added.transcripts = trAdded;

  const segs = mergeById('segments', base.segments, incoming.segments, suffix, conflicts, (s) => ({ ...s, studyId, interviewId: iv(s.interviewId), codeIds: [...new Set(s.codeIds.map((c) => codeRemap.get(c) ?? c))] }));
  const overrides = mergeById('overrides', base.overrides, incoming.overrides, suffix, conflicts, (o) => ({ ...o, studyId, interviewId: iv(o.interviewId) }));
  const benchmarks = mergeById('benchmarks', base.benchmarks, incoming.benchmarks, suffix, conflicts, (b) => ({ ...b, studyId }));
  const audit = mergeById('audit', base.audit, incoming.audit, suffix, conflicts, (a) => ({ ...a, studyId }));
  const terms = mergeById('terms', base.terms, incoming.terms, suffix, conflicts, (t) => ({ ...t, studyId }));
  const pseudonyms = mergeById('pseudonyms', base.pseudonyms, incoming.pseudonyms, suffix, conflicts, (p) => ({ ...p, studyId }));
  Object.assign(added, { segments: segs.added, overrides: overrides.added, benchmarks: benchmarks.added, audit: audit.added, terms: terms.added, pseudonyms: pseudonyms.added });
  const segId = (id: string | undefined) => (id === undefined ? undefined : (segs.remap.get(id) ?? id));
  const memos = mergeById('memos', base.memos ?? [], incoming.memos ?? [], suffix, conflicts, (m) => ({
    ...m,
    studyId,
    target: stripUndefined({ ...m.target, interviewId: m.target.interviewId === undefined ? undefined : iv(m.target.interviewId), segmentId: segId(m.target.segmentId), codeId: m.target.codeId === undefined ? undefined : (codeRemap.get(m.target.codeId) ?? m.target.codeId) }),
  }));
  const guide = mergeById('guide', base.guide ?? [], incoming.guide ?? [], suffix, conflicts, (g) => ({ ...g, studyId, codeIds: [...new Set(g.codeIds.map((c) => codeRemap.get(c) ?? c))] }));
  const guideRemap = guide.remap;
  const ticks = mergeTicks(base.guideTicks, (incoming.guideTicks ?? []).map((t) => ({ ...t, interviewId: iv(t.interviewId), itemId: guideRemap.get(t.itemId) ?? t.itemId, id: `${iv(t.interviewId)}:${guideRemap.get(t.itemId) ?? t.itemId}` })), studyId);
  Object.assign(added, { memos: memos.added, guide: guide.added });
  const variables = unionKeepOurs(base.variables, incoming.variables, (v) => ({ ...v, studyId }));
  const attributes = unionKeepOurs(base.attributes, incoming.attributes, (a) => ({ ...a, studyId, interviewId: iv(a.interviewId), id: attributesId(iv(a.interviewId), a.participantId) }));
  if (variables.added) added.variables = variables.added;
  if (attributes.added) added.attributes = attributes.added;

  const merged: StudyData = {
    study: { ...base.study, stages: stages.items, situations: situations.items, groups: groups.items, actors: actors.items, coders },
    codes,
    interviews,
    transcripts,
    segments: segs.items,
    overrides: overrides.items,
    benchmarks: benchmarks.items,
    audit: audit.items,
    terms: terms.items,
    pseudonyms: pseudonyms.items,
    ...(memos.items.length > 0 || base.memos !== undefined ? { memos: memos.items } : {}),
    ...(guide.items.length > 0 || base.guide !== undefined ? { guide: guide.items } : {}),
    ...(ticks !== undefined ? { guideTicks: ticks } : {}),
    ...optional('variables', variables.items),
    ...optional('attributes', attributes.items),
    ...(base.retention ? { retention: base.retention } : {}),
  };
  return { merged, report: { added, conflicts } };
}

// ---------------------------------------------------------------------------------------------
// Three-way merge on revisions
// ---------------------------------------------------------------------------------------------

/** Record kinds merged by revision, in the order they are merged (codes before what uses them). */
export const REVISED: readonly RevisedEntity[] = ['codes', 'interviews', 'transcripts', 'segments', 'overrides', 'benchmarks', 'memos', 'guide', 'variables', 'attributes'];

/** The rows of one revised kind (memos, the guide, variables and attributes are optional lists of StudyData). */
const rowsOf = (data: StudyData, entity: RevisedEntity): Rec[] => (data[entity] ?? []) as unknown as Rec[];
/** The code fields merged one by one when both sides changed a code. */
const CODE_FIELDS = ['name', 'color', 'definition', 'examples', 'parentId', 'order'] as const;

type Rec = Record<string, unknown> & { studyId: string; rev?: Revision };

/** The id every copy of a study shares. */
export function lineageOf(data: StudyData): string {
  return data.study.lineageId ?? data.study.id;
}

/** Who a bundle is from: its site, else its title. */
export function partnerOf(data: StudyData): string {
  return data.study.site.trim() || data.study.title.trim();
}

export function recordKey(entity: RevisedEntity, r: Record<string, unknown>): string {
  return String(entity === 'transcripts' ? r.interviewId : r.id);
}

const revN = (r: { rev?: Revision }): number => r.rev?.n ?? 1;
const REV1: Revision = { n: 1, by: '', site: '', at: '' };

/** Content without revision and timestamps: what "the same record" means. */
function content(r: Record<string, unknown>): string {
  const { rev: _rev, updatedAt: _u, studyId: _s, ...rest } = r;
  return JSON.stringify(rest);
}

/** Does revision `a` already include revision `b` (a resolution or merge made from it)? */
function includes(a: Revision | undefined, b: Revision | undefined, bSite: string): boolean {
  if (!a?.merged || !b) return false;
  return (a.merged[bSite] ?? 0) >= b.n;
}

export type MergeRefusal =
  | { code: 'merge.unrelated'; params: { ours: string; theirs: string } }
  | { code: 'merge.older'; params: { partner: string; last: string; bundle: string } };

/**
 * What must be asked or refused before a merge: a bundle of another lineage (an unrelated study:
 * asked, then merged by the union rules), or one older than the last merge with that partner
 * (refused: its revisions would go backwards).
 */
export function checkIncoming(base: StudyData, incoming: StudyData): MergeRefusal | null {
  if (lineageOf(base) !== lineageOf(incoming)) return { code: 'merge.unrelated', params: { ours: base.study.title, theirs: incoming.study.title } };
  const partner = partnerOf(incoming);
  const stored = base.mergeBases?.find((b) => b.partner === partner);
  if (!stored) return null;
  const older = { code: 'merge.older' as const, params: { partner, last: stored.partnerUpdatedAt, bundle: incoming.study.updatedAt } };
  if (stored.partnerUpdatedAt && incoming.study.updatedAt < stored.partnerUpdatedAt) return older;
  for (const entity of REVISED) {
    for (const r of rowsOf(incoming, entity)) {
      const k = `${entity}:${recordKey(entity, r)}`;
      const t = stored.theirs[k];
      if (t !== undefined && revN(r) < t) return older;
    }
  }
  for (const tb of incoming.tombstones ?? []) {
    const t = stored.theirs[`${tb.entity}:${tb.recordId}`];
    if (t !== undefined && tb.rev.n < t) return older;
  }
  return null;
}

export interface CodebookDiffEntry {
  kind: 'added' | 'renamed' | 'changed' | 'merged' | 'deleted';
  id: string;
  name: string;
  /** renamed: the new name; merged: the code it went into. */
  to?: string;
}

export interface ThreeWayReport extends MergeReport {
  mode: 'three-way' | 'union';
  partner: string;
  updated: Record<string, number>;
  deleted: Record<string, number>;
  /** Conflicts found by this merge (also kept in `merged.conflicts` until resolved). */
  pending: PendingConflict[];
  /** Fields taken from each side of a code both sides changed. */
  fieldMerged: number;
  codebook: CodebookDiffEntry[];
}

export interface MergeOutcome {
  merged: StudyData;
  report: ThreeWayReport;
}

export interface MergeOptions {
  /** The merge's time (merge base, conflicts); default: the later of the two studies' updatedAt. */
  now?: string;
}

type State = { live: true; rec: Rec; n: number } | { live: false; tomb: Tombstone; n: number };

/** Both sides changed a code: merge field by field when no field changed on both sides to different values. */
function mergeCodeFields(o: Rec, t: Rec, bo: number, bt: number, ourSite: string, partner: string, now: string): Rec | null {
  const of = o.rev?.fields;
  const tf = t.rev?.fields;
  if (!of || !tf) return null;
  const out: Rec = { ...o };
  const fields: Record<string, number> = { ...of };
  const n = Math.max(revN(o), revN(t)) + 1;
  for (const f of CODE_FIELDS) {
    const oc = (of[f] ?? 1) > bo;
    const tc = (tf[f] ?? 1) > bt;
    const sameVal = JSON.stringify(o[f]) === JSON.stringify(t[f]);
    if (oc && tc && !sameVal) return null;
    if (tc && !oc && !sameVal) {
      out[f] = t[f];
      fields[f] = n;
    }
  }
  if (content(out) === content(t)) return t;
  if (content(out) === content(o)) return o;
  const merged = { ...(o.rev?.merged ?? {}), [partner]: revN(t) };
  return { ...out, rev: { n, by: o.rev?.by ?? '', site: ourSite, at: now, fields, merged } };
}

/**
 * Three-way merge of a partner's copy of this study (same lineage) into ours; a study of another
 * lineage is merged by the union rules (`unionMerge`; the screen asks first, see checkIncoming).
 *
 * Per record (codes, interviews, transcripts, segments, overrides, benchmarks), against the
 * revisions both sides had at the last merge with this partner (the merge base; without one, the
 * lineage's revision 1):
 *  - changed on their side only → theirs (a tombstone deletes); on ours only → ours;
 *  - changed on both, same content → one; codes: field by field where no field differs on both;
 *    else a conflict: ours stays (and is what analysis counts), theirs waits in `conflicts`;
 *  - only in theirs → added; only in ours, or held back by their bundle → kept (only a tombstone deletes).
 * Frames and coders: union by id (labels: ours). Audit: union by id. Terms and pseudonyms never
 * travel (outboundView), so theirs are ignored.
 */
export function mergeStudies(base: StudyData, incoming: StudyData, opts: MergeOptions = {}): MergeOutcome {
  if (lineageOf(base) !== lineageOf(incoming)) {
    const u = unionMerge(base, incoming);
    return { merged: u.merged, report: { ...u.report, mode: 'union', partner: partnerOf(incoming), updated: {}, deleted: {}, pending: [], fieldMerged: 0, codebook: [] } };
  }
  const now = opts.now ?? (base.study.updatedAt > incoming.study.updatedAt ? base.study.updatedAt : incoming.study.updatedAt);
  const studyId = base.study.id;
  const partner = partnerOf(incoming);
  const ourSite = base.study.site.trim() || base.study.title.trim();
  const conflictsNotes: Conflict[] = [];
  const stored = base.mergeBases?.find((b) => b.partner === partner);
  const newBase: MergeBase = {
    id: `${studyId}:${partner}`.slice(0, 400),
    studyId,
    partner,
    lineageId: lineageOf(base),
    at: now,
    partnerUpdatedAt: incoming.study.updatedAt,
    ours: { ...(stored?.ours ?? {}) },
    theirs: { ...(stored?.theirs ?? {}) },
  };
  const added: Record<string, number> = {};
  const updated: Record<string, number> = {};
  const deleted: Record<string, number> = {};
  const pending: PendingConflict[] = [];
  const conflicts = new Map((base.conflicts ?? []).map((c) => [c.id, c]));
  const tombs = new Map((base.tombstones ?? []).map((t) => [t.id, t]));
  const out: Record<RevisedEntity, Map<string, Rec>> = {} as Record<RevisedEntity, Map<string, Rec>>;
  let fieldMerged = 0;
  const adoptedDeletes: Tombstone[] = [];
  /** Records that arrived new from the partner this time, per kind (keys). */
  const arrived = Object.fromEntries(REVISED.map((e) => [e, new Set<string>()])) as Record<RevisedEntity, Set<string>>;

  const frames = {
    stages: mergeFrame('study.stages', base.study.stages, incoming.study.stages, conflictsNotes),
    situations: mergeFrame('study.situations', base.study.situations, incoming.study.situations, conflictsNotes),
    groups: mergeFrame('study.groups', base.study.groups, incoming.study.groups, conflictsNotes),
    actors: mergeFrame('study.actors', base.study.actors, incoming.study.actors, conflictsNotes),
  };
  const coders = base.study.coders.slice();
  for (const c of incoming.study.coders) if (!coders.some((x) => x.id === c.id)) coders.push(c);
  Object.assign(added, { stages: frames.stages.added, situations: frames.situations.added, groups: frames.groups.added, actors: frames.actors.added, coders: coders.length - base.study.coders.length });

  for (const entity of REVISED) {
    const ours = new Map(rowsOf(base, entity).map((r) => [recordKey(entity, r), r]));
    const theirs = new Map(rowsOf(incoming, entity).map((r) => [recordKey(entity, r), { ...r, studyId } as Rec]));
    const theirTombs = new Map((incoming.tombstones ?? []).filter((t) => t.entity === entity).map((t) => [t.recordId, t]));
    const result = new Map(ours);
    out[entity] = result;
    const count = (m: Record<string, number>) => (m[entity] = (m[entity] ?? 0) + 1);
    const keys = new Set([...theirs.keys(), ...theirTombs.keys()]);
    for (const k of keys) {
      const bk = `${entity}:${k}`;
      const tRec = theirs.get(k);
      const tTomb = theirTombs.get(k);
      // A record both alive and buried in one bundle: the higher revision tells.
      const t: State = tRec && (!tTomb || revN(tRec) >= tTomb.rev.n) ? { live: true, rec: tRec, n: revN(tRec) } : { live: false, tomb: { ...(tTomb as Tombstone), studyId, id: bk }, n: (tTomb as Tombstone).rev.n };
      const oRec = ours.get(k);
      const oTomb = tombs.get(bk);
      const o: State | null = oRec ? { live: true, rec: oRec, n: revN(oRec) } : oTomb ? { live: false, tomb: oTomb, n: oTomb.rev.n } : null;
      const setBase = (on: number) => {
        newBase.ours[bk] = on;
        newBase.theirs[bk] = t.n;
      };
      const adopt = () => {
        if (t.live) {
          if (o?.live) count(updated);
          else count(added);
          result.set(k, t.rec);
          tombs.delete(bk);
        } else {
          if (o?.live) {
            count(deleted);
            adoptedDeletes.push(t.tomb);
          }
          result.delete(k);
          tombs.set(bk, t.tomb);
        }
        conflicts.delete(`${partner}|${bk}`);
        setBase(t.n);
      };
      if (!o) {
        adopt();
        if (t.live) arrived[entity].add(k);
        continue;
      }
      const sameContent = o.live && t.live ? content(o.rec) === content(t.rec) : !o.live && !t.live;
      if (sameContent) {
        conflicts.delete(`${partner}|${bk}`);
        setBase(o.n);
        continue;
      }
      const known = stored && stored.ours[bk] !== undefined && stored.theirs[bk] !== undefined;
      const bo = known ? (stored.ours[bk] as number) : 1;
      const bt = known ? (stored.theirs[bk] as number) : 1;
      const oChanged = o.n !== bo;
      const tChanged = t.n !== bt;
      const oRev = o.live ? o.rec.rev : o.tomb.rev;
      const tRev = t.live ? t.rec.rev : t.tomb.rev;
      if (!tChanged && (known || oChanged)) {
        // Nothing new from them: ours stands (ours changed, or a conflict resolved as ours).
        setBase(o.n);
        continue;
      }
      if (tChanged && (!oChanged || includes(tRev, oRev, ourSite))) {
        adopt();
        continue;
      }
      if (includes(oRev, tRev, partner)) {
        setBase(o.n);
        continue;
      }
      if (entity === 'codes' && o.live && t.live) {
        const m = mergeCodeFields(o.rec, t.rec, bo, bt, ourSite, partner, now);
        if (m) {
          fieldMerged++;
          if (m !== o.rec) {
            result.set(k, m);
            count(updated);
          }
          setBase(revN(m));
          newBase.theirs[bk] = t.n;
          conflicts.delete(`${partner}|${bk}`);
          continue;
        }
      }
      // Changed on both sides (or differing with no base to tell): a conflict; ours stays.
      const c: PendingConflict = {
        id: `${partner}|${bk}`,
        studyId,
        entity,
        recordId: k,
        partner,
        theirs: t.live ? (t.rec as Record<string, unknown>) : null,
        theirsRev: tRev ?? REV1,
        oursRev: o.live ? (o.rec.rev ?? REV1) : o.tomb.rev,
        at: now,
      };
      const before = conflicts.get(c.id);
      if (!before || before.theirsRev.n !== c.theirsRev.n || JSON.stringify(before.theirs) !== JSON.stringify(c.theirs)) pending.push(c);
      conflicts.set(c.id, before && before.theirsRev.n === c.theirsRev.n && JSON.stringify(before.theirs) === JSON.stringify(c.theirs) ? before : c);
      setBase(o.n);
    }
  }

  // An interview they deleted while ours still has records under it: keep it, as a conflict.
  const ivOf = (e: RevisedEntity) => [...out[e].values()].map((r) => String(r.interviewId));
  const stillUsed = new Set([...ivOf('transcripts'), ...ivOf('segments'), ...ivOf('overrides')]);
  for (const tb of adoptedDeletes) {
    if (tb.entity !== 'interviews' || !stillUsed.has(tb.recordId)) continue;
    const bk = `interviews:${tb.recordId}`;
    const ours = base.interviews.find((i) => i.id === tb.recordId) as unknown as Rec;
    out.interviews.set(tb.recordId, ours);
    tombs.delete(bk);
    deleted.interviews = (deleted.interviews ?? 1) - 1;
    newBase.ours[bk] = revN(ours);
    // Its transcript, if their deletion took it in this merge, stays with it.
    const trBk = `transcripts:${tb.recordId}`;
    const ourTr = base.transcripts.find((t) => t.interviewId === tb.recordId) as unknown as Rec | undefined;
    if (ourTr && !out.transcripts.has(tb.recordId) && adoptedDeletes.some((d) => d.id === trBk)) {
      out.transcripts.set(tb.recordId, ourTr);
      tombs.delete(trBk);
      deleted.transcripts = (deleted.transcripts ?? 1) - 1;
      newBase.ours[trBk] = revN(ourTr);
      // Their transcript deletion is decided with the interview: keep the base at theirs so it is not re-applied.
    }
    const c: PendingConflict = { id: `${partner}|${bk}`, studyId, entity: 'interviews', recordId: tb.recordId, partner, theirs: null, theirsRev: tb.rev, oursRev: ours.rev ?? REV1, at: now };
    conflicts.set(c.id, c);
    pending.push(c);
  }

  // Codes that are gone: our records that still use them follow the operation (merged → into, else removed).
  const goneCodes = new Map<string, string | null>();
  for (const t of tombs.values()) if (t.entity === 'codes' && !out.codes.has(t.recordId)) goneCodes.set(t.recordId, t.into);
  const follow = (id: string): string | null => {
    let cur: string | null = id;
    for (let i = 0; i < 20 && cur !== null && goneCodes.has(cur); i++) cur = goneCodes.get(cur) ?? null;
    return cur !== null && out.codes.has(cur) ? cur : null;
  };
  const bump = (r: Rec): Rec => ({ ...r, rev: { ...(r.rev ?? REV1), n: revN(r) + 1, site: ourSite, at: now } });
  if (goneCodes.size > 0) {
    for (const [k, sg] of out.segments) {
      const ids = sg.codeIds as string[];
      if (!ids.some((id) => goneCodes.has(id))) continue;
      const next = [...new Set(ids.map(follow).filter((x): x is string => x !== null))];
      const b = bump({ ...sg, codeIds: next });
      out.segments.set(k, b);
      if (newBase.ours[`segments:${k}`] !== undefined) newBase.ours[`segments:${k}`] = revN(b);
    }
    for (const [k, c] of out.codes) {
      if (typeof c.parentId === 'string' && goneCodes.has(c.parentId)) out.codes.set(k, bump({ ...c, parentId: follow(c.parentId) }));
    }
  }

  // Records that arrived new and must change here: a partner's pseudonym tags get the partner's
  // namespace (their segments follow), a partner's interview code already used here gets the
  // site as suffix. Each is a new revision of ours that includes theirs, so the partner takes it
  // back at the next exchange and both copies read the same.
  const localEdit = (entity: RevisedEntity, k: string, patch: Record<string, unknown>) => {
    const r = out[entity].get(k);
    if (!r) return;
    const n = revN(r) + 1;
    const rev: Revision = { n, by: '', site: ourSite, at: now, merged: { ...(r.rev?.merged ?? {}), [partner]: revN(r) } };
    out[entity].set(k, { ...r, ...patch, rev });
    newBase.ours[`${entity}:${k}`] = n;
  };
  if (partner !== ourSite) {
    for (const k of arrived.transcripts) {
      const tr = out.transcripts.get(k) as Rec;
      const ns = namespaceTags(String(tr.text), partner);
      if (ns.changed === 0) continue;
      const turns = (tr.turns as { start: number; end: number; participantId: string | null }[]).map((x) => ({ ...x, start: ns.map(x.start), end: ns.map(x.end) }));
      localEdit('transcripts', k, { text: ns.text, turns });
      for (const sk of arrived.segments) {
        const sg = out.segments.get(sk) as Rec;
        if (sg.interviewId !== k) continue;
        const start = ns.map(sg.start as number);
        const end = ns.map(sg.end as number);
        localEdit('segments', sk, { start, end, quote: sg.quote === String(tr.text).slice(sg.start as number, sg.end as number) ? ns.text.slice(start, end) : namespaceTags(String(sg.quote), partner).text });
      }
    }
    const codesInUse = new Map<string, string>();
    for (const [k, iv] of out.interviews) if (!arrived.interviews.has(k)) codesInUse.set(String(iv.code).toLowerCase(), k);
    for (const k of arrived.interviews) {
      const iv = out.interviews.get(k) as Rec;
      let code = String(iv.code);
      if (codesInUse.has(code.toLowerCase())) {
        const suffix = slug(partner);
        code = `${iv.code}-${suffix}`.slice(0, 40);
        for (let n = 2; codesInUse.has(code.toLowerCase()); n++) code = `${iv.code}-${suffix}${n}`.slice(0, 40);
        conflictsNotes.push({ kind: 'interview-code', entity: 'interviews', id: k, message: `Intervjukoden «${iv.code}» brukes av begge steder; det innkommende heter nå «${code}»`, renamedTo: code });
        localEdit('interviews', k, { code });
      }
      codesInUse.set(code.toLowerCase(), k);
    }
  }

  const codebook = codebookDiff(base, out.codes as unknown as Map<string, Code>, tombs);
  const list = <T>(e: RevisedEntity): T[] => [...out[e].values()] as unknown as T[];
  const audit = mergeById('audit', base.audit, incoming.audit, slug(partner), conflictsNotes, (a) => ({ ...a, studyId })).items;
  const merged: StudyData = {
    study: { ...base.study, lineageId: lineageOf(base), stages: frames.stages.items, situations: frames.situations.items, groups: frames.groups.items, actors: frames.actors.items, coders },
    codes: list('codes'),
    interviews: list('interviews'),
    transcripts: list('transcripts'),
    segments: list('segments'),
    overrides: list('overrides'),
    benchmarks: list('benchmarks'),
    audit,
    memos: list('memos'),
    guide: list('guide'),
    guideTicks: mergeTicks(base.guideTicks, incoming.guideTicks, studyId),
    terms: base.terms,
    pseudonyms: base.pseudonyms,
    tombstones: [...tombs.values()],
    mergeBases: [...(base.mergeBases ?? []).filter((b) => b.partner !== partner), newBase],
    conflicts: [...conflicts.values()],
    ...optional('variables', list<NonNullable<StudyData['variables']>[number]>('variables')),
    ...optional('attributes', list<NonNullable<StudyData['attributes']>[number]>('attributes')),
    ...(base.retention ? { retention: base.retention } : {}),
  };
  added.audit = audit.length - base.audit.length;
  return { merged, report: { mode: 'three-way', partner, added, updated, deleted, conflicts: conflictsNotes, pending, fieldMerged, codebook } };
}

/**
 * A study made from a partner's bundle ("import as new study") starts with that partner's merge
 * base: every record and tombstone at the revision the bundle holds, on both sides. So the first
 * merge with that partner later is a true three-way merge, not one against revision 1 (which would
 * see every record edited before the export as changed on both sides).
 */
export function withBaseFromBundle(data: StudyData, now: string): StudyData {
  const revs: Record<string, number> = {};
  for (const entity of REVISED) for (const r of rowsOf(data, entity)) revs[`${entity}:${recordKey(entity, r)}`] = revN(r);
  for (const t of data.tombstones ?? []) revs[`${t.entity}:${t.recordId}`] = t.rev.n;
  const partner = partnerOf(data);
  const base: MergeBase = { id: `${data.study.id}:${partner}`.slice(0, 400), studyId: data.study.id, partner, lineageId: lineageOf(data), at: now, partnerUpdatedAt: data.study.updatedAt, ours: revs, theirs: { ...revs } };
  return { ...data, study: { ...data.study, lineageId: lineageOf(data) }, mergeBases: [base], conflicts: [] };
}

/** What the merge does to the codebook, shown before it is applied. */
export function codebookDiff(base: StudyData, after: Map<string, Code>, tombs: Map<string, Tombstone>): CodebookDiffEntry[] {
  const out: CodebookDiffEntry[] = [];
  const before = new Map(base.codes.map((c) => [c.id, c]));
  for (const [id, c] of after) {
    const b = before.get(id);
    if (!b) out.push({ kind: 'added', id, name: c.name });
    else if (b.name !== c.name) out.push({ kind: 'renamed', id, name: b.name, to: c.name });
    else if (content(b) !== content(c)) out.push({ kind: 'changed', id, name: c.name });
  }
  for (const [id, b] of before) {
    if (after.has(id)) continue;
    const into = tombs.get(`codes:${id}`)?.into ?? null;
    const target = into ? after.get(into) : undefined;
    out.push(target ? { kind: 'merged', id, name: b.name, to: target.name } : { kind: 'deleted', id, name: b.name });
  }
  return out;
}

export type ResolutionChoice = 'ours' | 'theirs' | 'both';
export interface Resolution {
  conflictId: string;
  choice: ResolutionChoice;
}

export interface ResolveOptions {
  now: string;
  /** Coder id (or name) of who resolved, for the audit log and the revisions. */
  who: string;
  newId: () => string;
}

/** Can a conflict be resolved by keeping both versions? Only a segment or a code both sides still have. */
export function canKeepBoth(c: PendingConflict): boolean {
  return c.theirs !== null && c.oursRev !== null && (c.entity === 'segments' || c.entity === 'codes');
}

/**
 * Apply decisions to pending conflicts. ours: our record stays, with a revision that includes
 * theirs (so the partner, merging ours back, takes it without a second conflict); theirs: their
 * record (or their deletion) replaces ours as it is; both: ours stays and theirs is added under a
 * new id (segments and codes only; a code's copy is named "Name (partner)"). One audit entry
 * records the decisions (ids and choices, never content).
 */
export function resolveConflicts(data: StudyData, decisions: readonly Resolution[], opts: ResolveOptions): { data: StudyData; resolved: number } {
  const site = data.study.site.trim() || data.study.title.trim();
  const pendingById = new Map((data.conflicts ?? []).map((c) => [c.id, c]));
  const tables: Record<RevisedEntity, Rec[]> = {} as Record<RevisedEntity, Rec[]>;
  for (const e of REVISED) tables[e] = rowsOf(data, e).slice();
  const tombs = new Map((data.tombstones ?? []).map((t) => [t.id, t]));
  const bases = (data.mergeBases ?? []).map((b) => ({ ...b, ours: { ...b.ours }, theirs: { ...b.theirs } }));
  const counts: Record<ResolutionChoice, number> = { ours: 0, theirs: 0, both: 0 };
  const notes: string[] = [];
  for (const d of decisions) {
    const c = pendingById.get(d.conflictId);
    if (!c) continue;
    const choice: ResolutionChoice = d.choice === 'both' && !canKeepBoth(c) ? 'ours' : d.choice;
    const e = c.entity;
    const bk = `${e}:${c.recordId}`;
    const idx = tables[e].findIndex((r) => recordKey(e, r) === c.recordId);
    const base = bases.find((b) => b.partner === c.partner);
    if (choice === 'theirs') {
      if (c.theirs) {
        const rec = { ...(c.theirs as Rec), studyId: data.study.id };
        if (idx >= 0) tables[e][idx] = rec;
        else tables[e].push(rec);
        tombs.delete(bk);
      } else {
        if (idx >= 0) tables[e].splice(idx, 1);
        tombs.set(bk, { id: bk, studyId: data.study.id, entity: e, recordId: c.recordId, rev: c.theirsRev, into: null });
      }
      if (base) base.ours[bk] = c.theirsRev.n;
    } else {
      // ours (and both): a new revision of ours that includes theirs.
      const cur = idx >= 0 ? tables[e][idx] : undefined;
      const n = Math.max(cur ? revN(cur) : (tombs.get(bk)?.rev.n ?? 1), c.theirsRev.n) + 1;
      const merged = { ...((cur?.rev ?? tombs.get(bk)?.rev)?.merged ?? {}), [c.partner]: c.theirsRev.n };
      const rev: Revision = { ...(cur?.rev ?? REV1), n, by: opts.who, site, at: opts.now, merged };
      if (cur) tables[e][idx] = { ...cur, rev };
      else {
        const t = tombs.get(bk);
        if (t) tombs.set(bk, { ...t, rev });
      }
      if (base) base.ours[bk] = n;
      if (choice === 'both' && c.theirs) {
        const copy: Rec = { ...(c.theirs as Rec), id: opts.newId(), studyId: data.study.id, rev: { n: 1, by: opts.who, site, at: opts.now } };
        if (e === 'codes') copy.name = `${String(copy.name)} (${c.partner})`.slice(0, 200);
        tables[e].push(copy);
      }
    }
    counts[choice] += 1;
    notes.push(`${bk}=${choice}`);
    pendingById.delete(c.id);
  }
  const resolved = counts.ours + counts.theirs + counts.both;
  if (resolved === 0) return { data, resolved: 0 };
  const partners = [...new Set(decisions.map((d) => (data.conflicts ?? []).find((c) => c.id === d.conflictId)?.partner).filter(Boolean))].join(', ');
  const auditEntry = {
    id: opts.newId(),
    studyId: data.study.id,
    at: opts.now,
    who: opts.who,
    action: 'merge.resolve',
    subject: partners.slice(0, 200),
    counts,
    note: notes.join('; ').slice(0, 2000),
  };
  const out: StudyData = {
    ...data,
    codes: tables.codes as unknown as StudyData['codes'],
    interviews: tables.interviews as unknown as StudyData['interviews'],
    transcripts: tables.transcripts as unknown as StudyData['transcripts'],
    segments: tables.segments as unknown as StudyData['segments'],
    overrides: tables.overrides as unknown as StudyData['overrides'],
    benchmarks: tables.benchmarks as unknown as StudyData['benchmarks'],
    ...(data.memos !== undefined || tables.memos.length > 0 ? { memos: tables.memos as unknown as StudyData['memos'] } : {}),
    ...(data.guide !== undefined || tables.guide.length > 0 ? { guide: tables.guide as unknown as StudyData['guide'] } : {}),
    ...optional('variables', tables.variables as unknown as NonNullable<StudyData['variables']>),
    ...optional('attributes', tables.attributes as unknown as NonNullable<StudyData['attributes']>),
    audit: [...data.audit, auditEntry],
    tombstones: [...tombs.values()],
    mergeBases: bases,
    conflicts: [...pendingById.values()],
  };
  return { data: out, resolved };
}
