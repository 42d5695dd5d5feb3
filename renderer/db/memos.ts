/**
 * Memos (shared/model/memo.ts): save (scanned as saved, never empty), list and watch by study and
 * kind, delete (returns the memo, so the screen can undo with `restoreMemo`). Every write stamps a
 * revision (memos merge like other revised records) and appends one audit entry in the same
 * transaction (kind and hit counts, never the text).
 */
import { Memo, MEMO_MAX, memoTargetIssue, type Code, type MemoKind, type MemoTarget, type RoomTag } from '../../shared/model';
import { typedTextReview } from '../../shared/model/typed-text';
import { appDb, type ReisekartDb } from './database';
import { useKeyedLiveQuery } from './hooks';
import { parseRecord, type WriteResult } from './results';
import { buryRevisedRows, currentCoder, putRevisedRows, writeRevisedInStudy } from './revised';

export interface MemoInput {
  /** Absent: a new memo. */
  id?: string;
  studyId: string;
  kind: MemoKind;
  target?: MemoTarget;
  text: string;
  tag?: RoomTag | null;
  /** Coder id; default: the study's current coder (an edit keeps the memo's author). */
  author?: string;
  /**
   * Values the author confirmed are not identifiers (held in memory by the screen, never stored):
   * they no longer count as hits of this save's scan.
   */
  confirmed?: readonly string[];
}

/** Error codes of a refused memo (FieldIssue.message; text in the locale files under `memo.error`). */
export const MEMO_EMPTY = 'memo.error.empty';
export const MEMO_TOO_LONG = 'memo.error.tooLong';
export const MEMO_TARGET = 'memo.error.target';

/**
 * Save a memo: refused when its text is empty (after trimming) or its target does not fit its kind;
 * otherwise scanned with the study's term list (`typedTextReview`): clean → reviewed by its author,
 * hits → `needs-review` (reason `typed`, counts per kind) until the author resolves them.
 */
export async function saveMemo(db: ReisekartDb, input: MemoInput): Promise<WriteResult<Memo>> {
  const text = input.text.replace(/\r\n?/g, '\n').trim();
  if (text === '') return { ok: false, reason: 'invalid', issues: [{ path: 'text', field: 'text', message: MEMO_EMPTY }] };
  if (text.length > MEMO_MAX) return { ok: false, reason: 'invalid', issues: [{ path: 'text', field: 'text', message: MEMO_TOO_LONG }] };
  const target = input.target ?? {};
  const missing = memoTargetIssue(input.kind, target);
  if (missing) return { ok: false, reason: 'invalid', issues: [{ path: `target.${missing}`, field: missing, message: MEMO_TARGET }] };
  const [prev, terms, coder] = await Promise.all([
    input.id ? db.memos.get(input.id) : Promise.resolve(undefined),
    db.terms.where('studyId').equals(input.studyId).toArray(),
    currentCoder(db, input.studyId),
  ]);
  if (prev && prev.studyId !== input.studyId) return { ok: false, reason: 'not-found', message: `memo ${prev.id} not in study ${input.studyId}` };
  const now = db.env.now();
  const author = prev?.author || input.author || coder;
  const review = typedTextReview(text, author, now, { terms: terms.map((t) => ({ term: t.term, kind: t.kind })), confirmed: input.confirmed ?? [] });
  const parsed = parseRecord(Memo, {
    ...(prev ?? {}),
    id: prev?.id ?? input.id ?? db.env.newId(),
    studyId: input.studyId,
    kind: input.kind,
    target,
    text,
    tag: input.kind === 'room' ? (input.tag ?? null) : null,
    author,
    createdAt: prev?.createdAt ?? now,
    updatedAt: now,
    review,
  });
  if (!parsed.ok) return parsed;
  const memo = parsed.value;
  return writeRevisedInStudy(db, memo.studyId, [db.memos], async (who, audit) => {
    const [saved] = await putRevisedRows(db, 'memos', [memo], who);
    await audit({ action: prev ? 'memo.edit' : 'memo.create', subject: memo.kind, counts: review.state === 'reviewed' ? {} : review.hits });
    return saved as Memo;
  });
}

/** A study's memos, newest first; only one kind when given. */
export async function listMemos(db: ReisekartDb, studyId: string, kind?: MemoKind): Promise<Memo[]> {
  const rows = await db.memos.where('studyId').equals(studyId).toArray();
  return rows
    .filter((m) => kind === undefined || m.kind === kind)
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id.localeCompare(b.id)));
}

/** Live list of a study's memos (one kind when given), newest first; undefined while loading. */
export function useMemos(studyId: string | null | undefined, kind?: MemoKind, db: ReisekartDb = appDb()): Memo[] | undefined {
  return useKeyedLiveQuery(`${studyId ?? ''}|${kind ?? ''}`, () => (studyId ? listMemos(db, studyId, kind) : Promise.resolve([])), [db]);
}

/** Delete a memo (leaves a tombstone that travels); returns it, for undo with `restoreMemo`. */
export async function deleteMemo(db: ReisekartDb, id: string): Promise<WriteResult<Memo>> {
  const memo = await db.memos.get(id);
  if (!memo) return { ok: false, reason: 'not-found', message: `memo ${id} not found` };
  return writeRevisedInStudy(db, memo.studyId, [db.memos], async (who, audit) => {
    const [gone] = await buryRevisedRows<Memo>(db, 'memos', [id], who);
    if (!gone) return memo;
    await audit({ action: 'memo.delete', subject: memo.kind });
    return gone;
  });
}

/** Undo of `deleteMemo`: the memo comes back as it was (parsed again; its tombstone lifted). */
export async function restoreMemo(db: ReisekartDb, memo: Memo): Promise<WriteResult<Memo>> {
  const parsed = parseRecord(Memo, memo);
  if (!parsed.ok) return parsed;
  return writeRevisedInStudy(db, parsed.value.studyId, [db.memos], async (who, audit) => {
    const [saved] = await putRevisedRows(db, 'memos', [parsed.value], who);
    await audit({ action: 'memo.restore', subject: parsed.value.kind });
    return saved as Memo;
  });
}

/** The study's term list as the scanner takes it (for showing a memo's hits to its author). */
export function useTermSpecs(studyId: string | null | undefined, db: ReisekartDb = appDb()): { term: string; kind: string }[] | undefined {
  return useKeyedLiveQuery(studyId ?? '', async () => (studyId ? (await db.terms.where('studyId').equals(studyId).toArray()).map((t) => ({ term: t.term, kind: t.kind })) : []), [db]);
}

/** A study's codes (names for memo and guide screens). */
export function useStudyCodes(studyId: string | null | undefined, db: ReisekartDb = appDb()): Code[] | undefined {
  return useKeyedLiveQuery(studyId ?? '', () => (studyId ? db.codes.where('studyId').equals(studyId).toArray() : Promise.resolve([])), [db]);
}
