/**
 * Memos in REFI-QDA (QDA-XML 1.0): each memo is a `<Note>` under `<Notes>` (a TextSource: its text
 * in `<PlainTextContent>`, its author as `creatingUser`), referenced by a `<NoteRef>` from what it
 * is about — a code (`<Code>`), an interview (`<TextSource>`), a segment (`<PlainTextSelection>`),
 * or the project (the study journal, cells, workshop notes). A cell memo also codes its Note with
 * the stage and situation dimension codes, so other tools see where it belongs. The Note's name
 * says the memo's kind ("Kontekstnotat", "Verkstedreaksjon (enig)"), which our import reads back.
 *
 * Import: every memo arrives as `needs-review` (the gate at the door in), as every other text.
 * Pure; kept apart from export.ts / import.ts so those files change by a few lines only.
 */
import type { Memo, MemoKind, MemoTarget, RoomTag, StudyData } from '../../model';
import { guidFor } from './guid';
import { escapeAttr as a, escapeText as t, decodeEntities } from './xml';

/** The Note's name per memo kind (nb, as the other labels of our export). */
export const MEMO_NOTE_NAME: Record<MemoKind, string> = {
  study: 'Forskningsjournal',
  interview: 'Intervjunotat',
  segment: 'Utsagnsnotat',
  code: 'Kodenotat',
  cell: 'Cellenotat',
  context: 'Kontekstnotat',
  room: 'Verkstedreaksjon',
};
const TAG_NB: Record<RoomTag, string> = { agree: 'enig', disagree: 'uenig', idea: 'idé' };

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const dt = (name: string, v: string): string => (DATETIME.test(v) ? ` ${name}="${a(v)}"` : '');

export interface MemoNotes {
  /** `<Notes>…</Notes>` (or '' when there are no memos), indented for the Project. */
  xml: string;
  /** The `<NoteRef>` lines for the element with this GUID ('' when none). */
  refs: (guid: string, indent: string) => string;
}

/** Where a memo's NoteRef goes: the GUID of the element it is about, or null for the project. */
function anchorOf(m: Memo, data: StudyData): string | null {
  const tg = m.target;
  if (m.kind === 'segment' && tg.segmentId && data.segments.some((s) => s.id === tg.segmentId)) return guidFor('selection', tg.segmentId);
  if ((m.kind === 'interview' || m.kind === 'context') && tg.interviewId && data.interviews.some((i) => i.id === tg.interviewId)) return guidFor('source', tg.interviewId);
  if (m.kind === 'code' && tg.codeId && data.codes.some((c) => c.id === tg.codeId)) return guidFor('code', tg.codeId);
  return null;
}

export function memoNotes(data: StudyData): MemoNotes {
  const memos = data.memos ?? [];
  const byAnchor = new Map<string, string[]>();
  const coders = new Set(data.study.coders.map((c) => c.id));
  const notes: string[] = [];
  for (const m of memos) {
    const guid = guidFor('memo', m.id);
    const key = anchorOf(m, data) ?? 'project';
    byAnchor.set(key, [...(byAnchor.get(key) ?? []), guid]);
    const name = m.kind === 'room' && m.tag ? `${MEMO_NOTE_NAME.room} (${TAG_NB[m.tag]})` : MEMO_NOTE_NAME[m.kind];
    const user = m.author && coders.has(m.author) ? ` creatingUser="${guidFor('user', m.author)}"` : '';
    const codings = [
      ...(m.target.stageId && data.study.stages.some((s) => s.id === m.target.stageId) ? [guidFor('stage', m.target.stageId)] : []),
      ...(m.target.situationId && data.study.situations.some((s) => s.id === m.target.situationId) ? [guidFor('situation', m.target.situationId)] : []),
    ].map((r) => `      <Coding guid="${guidFor('coding', `${m.id}/${r}`)}"${user}><CodeRef targetGUID="${r}"/></Coding>\n`);
    notes.push(`    <Note guid="${guid}" name="${a(name)}"${user}${dt('creationDateTime', m.createdAt)}${dt('modifiedDateTime', m.updatedAt)}>\n      <PlainTextContent>${t(m.text)}</PlainTextContent>\n${codings.join('')}    </Note>\n`);
  }
  return {
    xml: notes.length ? `  <Notes>\n${notes.join('')}  </Notes>` : '',
    refs: (guid, indent) => (byAnchor.get(guid) ?? []).map((g) => `${indent}<NoteRef targetGUID="${g}"/>\n`).join(''),
  };
}

// ---------------------------------------------------------------------------------------- import

type X = Record<string, unknown>;
const attr = (x: X | undefined, name: string): string | undefined => {
  const v = x?.[`@${name}`];
  return typeof v === 'string' ? decodeEntities(v) : undefined;
};
const textOf = (v: unknown): string => (typeof v === 'string' ? decodeEntities(v) : typeof v === 'object' && v !== null && typeof (v as X)['#text'] === 'string' ? decodeEntities((v as X)['#text'] as string) : '');
const asList = (v: unknown): X[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is X => typeof x === 'object' && x !== null);
const g = (s: string | undefined) => (s ?? '').replace(/[{}]/g, '').toLowerCase();

export interface ReadNotesContext {
  studyId: string;
  now: string;
  /** Was the file written by Reisekart (then the Note's name gives the memo's kind)? */
  ours: boolean;
  /** Segment (selection GUID) → its interview (source GUID), as imported. */
  interviewOfSegment: ReadonlyMap<string, string>;
  interviews: ReadonlySet<string>;
  codes: ReadonlySet<string>;
  /** Dimension code GUID → stage or situation. */
  dimOf: ReadonlyMap<string, string>;
  /** The text of a Note kept as a file in the archive (`internal://…`), if any. */
  fileText: (path: string) => string | null;
}

/** Which elements point at each Note (`NoteRef`): element name and its GUID. */
function noteRefs(root: X): Map<string, { tag: string; guid: string }> {
  const out = new Map<string, { tag: string; guid: string }>();
  const walk = (x: X, tag: string, guid: string, depth: number) => {
    if (depth > 40) return;
    for (const [k, v] of Object.entries(x)) {
      if (k.startsWith('@') || k === '#text' || k === 'Notes') continue;
      for (const c of asList(v)) {
        if (k === 'NoteRef') {
          const target = g(attr(c, 'targetGUID'));
          if (target && !out.has(target)) out.set(target, { tag, guid });
        } else walk(c, k, g(attr(c, 'guid')), depth + 1);
      }
    }
  };
  walk(root, 'Project', '', 0);
  return out;
}

function kindFromName(name: string): { kind: MemoKind; tag: RoomTag | null } | null {
  for (const [kind, label] of Object.entries(MEMO_NOTE_NAME) as [MemoKind, string][]) {
    if (name === label) return { kind, tag: null };
    if (kind === 'room' && name.startsWith(`${label} (`)) {
      const tag = (Object.entries(TAG_NB) as [RoomTag, string][]).find(([, nb]) => name === `${label} (${nb})`)?.[0] ?? null;
      return { kind, tag };
    }
  }
  return null;
}

/** The memos of a project's `<Notes>`; Notes without text are left out (counted in `skipped`). */
export function readNotes(root: X, ctx: ReadNotesContext): { memos: Memo[]; skipped: number } {
  const refs = noteRefs(root);
  const memos: Memo[] = [];
  let skipped = 0;
  const notesEl = root.Notes;
  for (const n of asList(typeof notesEl === 'object' && notesEl !== null ? (notesEl as X).Note : undefined)) {
    const guid = g(attr(n, 'guid'));
    const path = attr(n, 'plainTextPath');
    const text = (n.PlainTextContent !== undefined ? textOf(n.PlainTextContent) : path ? (ctx.fileText(path) ?? '') : textOf(n.Description)).trim();
    if (!guid || text === '') {
      skipped++;
      continue;
    }
    const ref = refs.get(guid);
    const target: MemoTarget = {};
    let kind: MemoKind = 'study';
    if (ref?.tag === 'PlainTextSelection' && ctx.interviewOfSegment.has(ref.guid)) {
      kind = 'segment';
      target.segmentId = ref.guid;
      target.interviewId = ctx.interviewOfSegment.get(ref.guid) as string;
    } else if (ref?.tag === 'TextSource' && ctx.interviews.has(ref.guid)) {
      kind = 'interview';
      target.interviewId = ref.guid;
    } else if (ref?.tag === 'Code' && ctx.codes.has(ref.guid)) {
      kind = 'code';
      target.codeId = ref.guid;
    }
    for (const c of asList(n.Coding)) {
      for (const cr of asList(c.CodeRef)) {
        const r = g(attr(cr, 'targetGUID'));
        const dim = ctx.dimOf.get(r);
        if (dim === 'stage') target.stageId ??= r;
        else if (dim === 'situation') target.situationId ??= r;
      }
    }
    const named = ctx.ours ? kindFromName(attr(n, 'name') ?? '') : null;
    let tag: RoomTag | null = null;
    if (named && (named.kind === kind || (named.kind === 'context' && kind === 'interview') || ((named.kind === 'cell' || named.kind === 'room') && kind === 'study'))) {
      kind = named.kind;
      tag = named.tag;
    } else if (kind === 'study' && target.stageId && target.situationId) kind = 'cell';
    if (kind === 'cell' && !(target.stageId && target.situationId)) kind = 'study';
    memos.push({
      id: guid,
      studyId: ctx.studyId,
      kind,
      target,
      text: text.slice(0, 20000),
      tag,
      author: g(attr(n, 'creatingUser')),
      createdAt: attr(n, 'creationDateTime') ?? ctx.now,
      updatedAt: attr(n, 'modifiedDateTime') ?? attr(n, 'creationDateTime') ?? ctx.now,
      review: { state: 'needs-review', record: null, reason: 'import', hits: {} },
    });
  }
  return { memos, skipped };
}
