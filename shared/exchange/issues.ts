/**
 * The exchange importers' issues: the one coded type of shared/issues.ts (this path stays so imports
 * keep working). `LegacyIssue` is transitional: the CSV and REFI-QDA importers (csv-import.ts,
 * refi/import.ts) still write nb prose in `message`; when they speak in codes it goes.
 */
import type { Issue as CodedIssue, IssueParams, IssueSeverity } from '../issues';
import { issueMessage, issueText } from '../issue-text';

export type { IssueParams, IssueSeverity } from '../issues';
export { issue } from '../issues';

/** @deprecated An nb `message` without a code; only csv-import.ts and refi/import.ts still write it. */
export interface LegacyIssue {
  file: string;
  line?: number;
  field?: string;
  message: string;
  severity?: IssueSeverity;
  code?: string;
  params?: IssueParams;
}

export type Issue = CodedIssue | LegacyIssue;

export type Result<T> = ({ ok: true } & T) | { ok: false; issues: Issue[] };

/** True when the issue speaks in a code (its text comes from the locale files). */
export function isCoded(i: Issue): i is CodedIssue {
  return typeof i.code === 'string' && i.params !== undefined;
}

/** The message alone, in `lang` (a legacy issue: its nb prose). */
export function issueWords(i: Issue, lang: 'nb' | 'nn' | 'en' = 'nb'): string {
  return isCoded(i) ? issueMessage(i, lang) : i.message;
}

/** `fil.csv, linje 4, «dato»: …` — one line a person can act on (nb, for logs and the CLIs). */
export function formatIssue(i: Issue, lang: 'nb' | 'nn' | 'en' = 'nb'): string {
  if (isCoded(i)) return issueText(i, lang);
  const where = [i.file, i.line !== undefined ? `linje ${i.line}` : '', i.field ? `«${i.field}»` : ''].filter(Boolean).join(', ');
  return `${where}: ${i.message}`;
}
