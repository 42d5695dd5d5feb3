/**
 * Merging a study bundle from another site into ours. Pure; nothing is overwritten silently:
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
import type { Code, FrameItem, StudyData } from '../model';

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
  // ø and æ do not decompose under NFKD; å does (a + ring).
  const s = site
    .replace(/[øØ]/g, 'o')
    .replace(/[æÆ]/g, 'ae')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
  return s === '' ? 'import' : s.slice(0, 20);
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

export function mergeStudies(base: StudyData, incoming: StudyData): { merged: StudyData; report: MergeReport } {
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
  };
  return { merged, report: { added, conflicts } };
}
