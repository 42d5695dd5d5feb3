/**
 * The coding gate: informants are minors, so no interview is coded or exported before a person
 * has reviewed its transcript for identifiers. Status `anonymised` is set only by completing that
 * review (renderer/features/transcript), and every later status (coded, reviewed) implies it.
 */
import type { Interview, InterviewStatus, Transcript } from './schema';

/** Statuses that can only be reached through a completed anonymisation review. */
export const REVIEWED_STATUSES: readonly InterviewStatus[] = ['anonymised', 'coded', 'reviewed'];

export type GateState = 'no-transcript' | 'needs-review' | 'open';

function reviewed(interview: Pick<Interview, 'status'>): boolean {
  return REVIEWED_STATUSES.includes(interview.status);
}

/** May this interview be coded? Only after its anonymisation review. */
export function canCode(interview: Pick<Interview, 'status'>): boolean {
  return reviewed(interview);
}

/** May this interview's transcript or segments leave the app (CSV, REFI-QDA, bundle, report)? */
export function canExport(interview: Pick<Interview, 'status'>): boolean {
  return reviewed(interview);
}

/** What the transcript screen shows about the gate. */
export function gateState(interview: Pick<Interview, 'status'>, transcript: Pick<Transcript, 'text'> | null | undefined): GateState {
  if (!transcript) return 'no-transcript';
  return reviewed(interview) ? 'open' : 'needs-review';
}

export interface GateIssue {
  interviewId: string;
  /** The interview's non-identifying code, for the message. */
  code: string;
  message: string;
}

/**
 * For export helpers: the transcripts that may leave, or the interviews that block it. A
 * transcript whose interview is missing is refused too (nothing vouches for its review).
 */
export function exportableTranscripts<T extends Pick<Transcript, 'interviewId'>>(
  interviews: readonly Pick<Interview, 'id' | 'code' | 'status'>[],
  transcripts: readonly T[],
): { ok: true; transcripts: T[] } | { ok: false; issues: GateIssue[] } {
  const byId = new Map(interviews.map((iv) => [iv.id, iv]));
  const issues: GateIssue[] = [];
  for (const t of transcripts) {
    const iv = byId.get(t.interviewId);
    if (!iv) issues.push({ interviewId: t.interviewId, code: '', message: 'Transkripsjonen hører ikke til noe intervju og kan ikke eksporteres.' });
    else if (!canExport(iv)) {
      issues.push({ interviewId: iv.id, code: iv.code, message: `${iv.code} er ikke anonymisert (status «${iv.status}») og kan ikke eksporteres.` });
    }
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, transcripts: [...transcripts] };
}
