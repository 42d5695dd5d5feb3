/**
 * The workbench's undo/redo model: every edit is a command with a forward and a backward change
 * (puts and deletes by table), so undo is "apply backward" and redo "apply forward", each in one
 * transaction. The log lives in the database (`undo` table), so it survives a reload: the undo
 * stack is scope `<interviewId>`, the redo stack scope `<interviewId>#redo`. A new edit clears redo.
 */
import type { Code, Interview, Segment } from '../model/schema';

/** Structurally the store's `StoreChange` (renderer/db), restricted to what coding touches. */
export interface Change {
  puts?: { segments?: Segment[]; interviews?: Interview[]; codes?: Code[] };
  deletes?: { segments?: string[]; codes?: string[] };
}

export interface Command {
  label: string;
  forward: Change;
  backward: Change;
}

export const redoScope = (scope: string): string => `${scope}#redo`;

/** Create a segment; when the interview is not yet `coded`, the same step marks it so (and undo un-marks it). */
export function createSegmentCommand(seg: Segment, interview?: Interview | null, now?: string): Command {
  const promote = interview && (interview.status === 'anonymised');
  const forward: Change = { puts: { segments: [seg] } };
  const backward: Change = { deletes: { segments: [seg.id] } };
  if (promote && interview) {
    forward.puts = { ...forward.puts, interviews: [{ ...interview, status: 'coded', updatedAt: now ?? interview.updatedAt }] };
    backward.puts = { interviews: [interview] };
  }
  return { label: 'create', forward, backward };
}

export function updateSegmentCommand(before: Segment, after: Segment): Command {
  return { label: 'update', forward: { puts: { segments: [after] } }, backward: { puts: { segments: [before] } } };
}

export function deleteSegmentCommand(seg: Segment): Command {
  return { label: 'delete', forward: { deletes: { segments: [seg.id] } }, backward: { puts: { segments: [seg] } } };
}

/**
 * The in-memory mirror of the two stacks, used to decide what Ctrl+Z / Ctrl+Shift+Z do. Entries are
 * ordered oldest first; the last entry is the next to undo / redo.
 */
export interface Stacks<E> {
  undo: readonly E[];
  redo: readonly E[];
}

export function afterDo<E>(s: Stacks<E>, entry: E, limit = 200): Stacks<E> {
  const undo = [...s.undo, entry];
  return { undo: undo.slice(Math.max(0, undo.length - limit)), redo: [] };
}

export function afterUndo<E>(s: Stacks<E>): { stacks: Stacks<E>; entry: E } | null {
  const entry = s.undo[s.undo.length - 1];
  if (entry === undefined) return null;
  return { stacks: { undo: s.undo.slice(0, -1), redo: [...s.redo, entry] }, entry };
}

export function afterRedo<E>(s: Stacks<E>): { stacks: Stacks<E>; entry: E } | null {
  const entry = s.redo[s.redo.length - 1];
  if (entry === undefined) return null;
  return { stacks: { undo: [...s.undo, entry], redo: s.redo.slice(0, -1) }, entry };
}
