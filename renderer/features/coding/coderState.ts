/**
 * Who is coding, and whether blind mode is on: both in the database's meta table, per study, so
 * they survive a reload and are shared by the workbench and the agreement screen.
 */
import type { Study } from '../../../shared/model';
import { appDb, setMeta, useMeta } from '../../db';

const coderKey = (studyId: string) => `coding.currentCoder.${studyId}`;
const blindKey = (studyId: string) => `coding.blind.${studyId}`;

/** The current coder's id: the stored one when it is still a coder of the study, else the first coder. */
export function useCurrentCoder(study: Study): string | undefined {
  const stored = useMeta(coderKey(study.id));
  if (stored === undefined) return undefined;
  const ok = typeof stored === 'string' && study.coders.some((c) => c.id === stored);
  return ok ? stored : (study.coders[0]?.id ?? 'coder-1');
}

export function setCurrentCoder(studyId: string, coderId: string) {
  return setMeta(appDb(), coderKey(studyId), coderId);
}

export function useBlind(studyId: string): boolean {
  return useMeta(blindKey(studyId)) === true;
}

export function setBlind(studyId: string, on: boolean) {
  return setMeta(appDb(), blindKey(studyId), on);
}

/** A place to jump to when the workbench opens (search hits, segment list clicks). */
let pendingJump: { interviewId: string; start: number; end: number; segmentId?: string } | null = null;
export function setPendingJump(j: typeof pendingJump): void {
  pendingJump = j;
}
export function takePendingJump(interviewId: string): typeof pendingJump {
  if (pendingJump?.interviewId !== interviewId) return null;
  const j = pendingJump;
  pendingJump = null;
  return j;
}
