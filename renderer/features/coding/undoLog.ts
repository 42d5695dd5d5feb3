/**
 * The persisted undo/redo log of the workbench (model: shared/coding/undo.ts). One scope per
 * interview; redo lives in `<scope>#redo`. Each step applies its change in one transaction
 * (applyChange), then moves its log entry between the two stacks.
 */
import { applyChange, saveSegment, clearUndo, deleteUndo, listUndo, pushUndo, type ReisekartDb, type StoreChange, type WriteResult } from '../../db';
import { redoScope, type Command } from '../../../shared/coding';

/**
 * Apply a command, then log it. Returns how long the data write itself took (ms): that is the
 * user's work and must be durable fast; the log entries follow in their own transactions.
 */
export async function runCommand(db: ReisekartDb, studyId: string, scope: string, cmd: Command): Promise<WriteResult<number>> {
  const t0 = performance.now();
  // One segment and nothing else (the common case): one put, not the general change path.
  const only = cmd.forward.puts?.segments;
  const single = only?.length === 1 && !cmd.forward.deletes && Object.keys(cmd.forward.puts ?? {}).length === 1;
  const applied = single && only?.[0] ? await saveSegment(db, only[0]) : await applyChange(db, studyId, cmd.forward as StoreChange);
  const ms = performance.now() - t0;
  if (!applied.ok) return applied;
  // The log is a convenience: a failure to record it must not undo the user's work.
  await pushUndo(db, { studyId, scope, label: cmd.label, forward: cmd.forward as StoreChange, backward: cmd.backward as StoreChange });
  await clearUndo(db, studyId, redoScope(scope));
  return { ok: true, value: ms };
}

async function move(db: ReisekartDb, studyId: string, from: string, to: string, dir: 'forward' | 'backward'): Promise<WriteResult<string | null>> {
  const log = await listUndo(db, studyId, from);
  const entry = log[log.length - 1];
  if (!entry || entry.id === undefined) return { ok: true, value: null };
  const applied = await applyChange(db, studyId, entry[dir]);
  if (!applied.ok) return applied;
  await deleteUndo(db, [entry.id]);
  await pushUndo(db, { studyId, scope: to, label: entry.label ?? '', forward: entry.forward, backward: entry.backward });
  return { ok: true, value: entry.label ?? '' };
}

export const undoStep = (db: ReisekartDb, studyId: string, scope: string) => move(db, studyId, scope, redoScope(scope), 'backward');
export const redoStep = (db: ReisekartDb, studyId: string, scope: string) => move(db, studyId, redoScope(scope), scope, 'forward');
