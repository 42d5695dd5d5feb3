/**
 * Words for enum values in CSV files: Norwegian in the `excel-nb` dialect, the enum value itself in
 * `plain`. Import accepts either (and is case-insensitive), so a file from either dialect comes back.
 */
import type { CounsellorCategory, InterviewFormat, InterviewMode, InterviewStatus, SegmentKind } from '../model';

export const FORMAT_NB: Record<InterviewFormat, string> = { individual: 'individuelt', group: 'gruppe' };
export const MODE_NB: Record<InterviewMode, string> = { digital: 'digitalt', 'in-person': 'fysisk', 'drawing-workshop': 'tegneverksted' };
export const KIND_NB: Record<SegmentKind, string> = { experience: 'opplevelse', wish: 'ønske' };
export const STATUS_NB: Record<InterviewStatus, string> = {
  planned: 'planlagt',
  conducted: 'gjennomført',
  transcribed: 'transkribert',
  anonymised: 'anonymisert',
  coded: 'kodet',
  reviewed: 'gjennomgått',
};
export const CATEGORY_NB: Record<CounsellorCategory, string> = {
  positive: 'Positiv',
  mixed: 'OK, men kunne vært bedre',
  negative: 'En eller flere dårlige erfaringer',
  'not-discussed': 'Ikke tema',
};
export const YES_NB = 'ja';
export const NO_NB = 'nei';

/** Looks a cell up among enum values and their Norwegian words; null when nothing matches. */
export function fromVocab<T extends string>(table: Record<T, string>, raw: string): T | null {
  const s = raw.trim().toLowerCase();
  for (const [value, word] of Object.entries(table) as [T, string][]) {
    if (s === value.toLowerCase() || s === word.toLowerCase()) return value;
  }
  return null;
}

export function parseYesNo(raw: string): boolean | null {
  const s = raw.trim().toLowerCase();
  if (['ja', 'j', 'yes', 'y', 'true', '1', 'sann'].includes(s)) return true;
  if (['nei', 'n', 'no', 'false', '0', 'usann'].includes(s)) return false;
  return null;
}
