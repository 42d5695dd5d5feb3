import { participantsFor } from './informants';
import type { Interview, InterviewFormat, InterviewMode, InterviewStatus } from './schema';

/** What the interview form edits: plain strings and numbers, as the inputs give them. */
export interface InterviewDraft {
  code: string;
  groupId: string;
  format: InterviewFormat;
  participantCount: number;
  mode: InterviewMode;
  date: string;
  interviewer: string;
  site: string;
  consent: boolean;
  notes: string;
  status: InterviewStatus;
}

export type DraftIssue = { field: keyof InterviewDraft; key: string; params?: Record<string, string | number> };

/** Codes are non-identifying labels such as `YF-03`: letters, digits and hyphens only, so a name never fits comfortably. */
const CODE_RE = /^[A-Za-zÆØÅæøå0-9][A-Za-zÆØÅæøå0-9-]{0,39}$/;

export function draftFromInterview(iv: Interview): InterviewDraft {
  return {
    code: iv.code,
    groupId: iv.groupId,
    format: iv.format,
    participantCount: iv.participants.length,
    mode: iv.mode,
    date: iv.date ?? '',
    interviewer: iv.interviewer,
    site: iv.site,
    consent: iv.consent,
    notes: iv.notes,
    status: iv.status,
  };
}

/** Validates a draft against the study; issues name the field and a locale key. */
export function validateDraft(draft: InterviewDraft, others: readonly Pick<Interview, 'id' | 'code'>[], selfId: string | null): DraftIssue[] {
  const issues: DraftIssue[] = [];
  const code = draft.code.trim();
  if (!code) issues.push({ field: 'code', key: 'common.required' });
  else if (!CODE_RE.test(code)) issues.push({ field: 'code', key: 'interviews.codeInvalid' });
  else if (others.some((o) => o.id !== selfId && o.code.toLowerCase() === code.toLowerCase())) {
    issues.push({ field: 'code', key: 'interviews.codeTaken', params: { code } });
  }
  if (!draft.groupId) issues.push({ field: 'groupId', key: 'common.required' });
  if (draft.format === 'group' && (!Number.isInteger(draft.participantCount) || draft.participantCount < 2 || draft.participantCount > 30)) {
    issues.push({ field: 'participantCount', key: 'interviews.participantsHint' });
  }
  if (draft.date && !/^\d{4}-\d{2}-\d{2}$/.test(draft.date)) issues.push({ field: 'date', key: 'common.dateFormat' });
  return issues;
}

/** Applies a valid draft to a new or existing interview. Participants keep their notes when the count is unchanged. */
export function interviewFromDraft(draft: InterviewDraft, base: { id: string; studyId: string; createdAt: string; participants?: Interview['participants'] }, now: string): Interview {
  const count = draft.format === 'individual' ? 1 : draft.participantCount;
  const participants = base.participants && base.participants.length === count ? base.participants : participantsFor(count);
  return {
    id: base.id,
    studyId: base.studyId,
    code: draft.code.trim(),
    groupId: draft.groupId,
    format: draft.format,
    participants,
    mode: draft.mode,
    date: draft.date || null,
    interviewer: draft.interviewer.trim().slice(0, 10),
    site: draft.site.trim(),
    consent: draft.consent,
    notes: draft.notes,
    status: draft.status,
    createdAt: base.createdAt,
    updatedAt: now,
  };
}

/**
 * Which statuses a user may pick by hand. "anonymised" is reached only by completing the
 * anonymisation review, so before it the choice is planned/conducted/transcribed, and after it
 * anonymised/coded/reviewed (an anonymised transcript never goes back to unreviewed).
 */
export function selectableStatuses(current: InterviewStatus): InterviewStatus[] {
  const before: InterviewStatus[] = ['planned', 'conducted', 'transcribed'];
  return before.includes(current) ? before : ['anonymised', 'coded', 'reviewed'];
}
