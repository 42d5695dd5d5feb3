import type { Interview, Participant } from './schema';

/** An informant is one participant of one interview. Its key is stable and non-identifying. */
export interface Informant {
  key: string;
  interviewId: string;
  interviewCode: string;
  participantId: string;
  groupId: string;
  format: Interview['format'];
  mode: Interview['mode'];
}

export function informantKey(interviewId: string, participantId: string): string {
  return `${interviewId}:${participantId}`;
}

/** Every informant of the given interviews, in interview order then P1…Pn. */
export function informantsOf(interviews: readonly Interview[]): Informant[] {
  const out: Informant[] = [];
  for (const iv of interviews) {
    for (const p of iv.participants) {
      out.push({
        key: informantKey(iv.id, p.id),
        interviewId: iv.id,
        interviewCode: iv.code,
        participantId: p.id,
        groupId: iv.groupId,
        format: iv.format,
        mode: iv.mode,
      });
    }
  }
  return out;
}

/** `P1` … `Pn`. */
export function participantsFor(count: number): Participant[] {
  return Array.from({ length: Math.max(1, count) }, (_, i) => ({ id: `P${i + 1}`, note: '' }));
}
