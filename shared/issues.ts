/**
 * The one problem type of the app: every parser, importer, gate and the report says what went wrong
 * as a stable `code` with `params`, located by `file`/`line`/`field`. Text is made at the edge (the
 * renderer with i18next, the CLIs and the PDF with `issueText` in shared/issue-text.ts) from
 * shared/locales/<lang>/issues.json, where the code is the key path (`zip.tooManyEntries` →
 * `issues.zip.tooManyEntries`, plural forms as `_one`/`_other`). tests/unit/issues.test.ts fails when a
 * code used in the source has no text in nb, nn or en.
 */
export type IssueParams = Record<string, string | number>;

export type IssueSeverity = 'error' | 'warning';

export interface Issue {
  /** `area.thing`, e.g. `zip.tooManyEntries`; the key of its text under `issues` in the locale files. */
  code: string;
  params: IssueParams;
  /** The file (or file name shown) the problem is in. */
  file?: string;
  /** 1-based line. */
  line?: number;
  /** The column, JSON path or form field. */
  field?: string;
  /** `warning`: imported or built but flagged. Default error. */
  severity?: IssueSeverity;
}

export interface IssueWhere {
  file?: string;
  line?: number;
  field?: string;
  severity?: IssueSeverity;
}

/** `issue('zip.tooLarge', { limit }, { file })`: an issue without `undefined` members. */
export function issue(code: string, params: IssueParams = {}, where: IssueWhere = {}): Issue {
  const out: Issue = { code, params };
  if (where.file !== undefined) out.file = where.file;
  if (where.line !== undefined) out.line = where.line;
  if (where.field !== undefined) out.field = where.field;
  if (where.severity !== undefined) out.severity = where.severity;
  return out;
}

/** A result that is either the value's fields or the issues that stopped it. */
export type Result<T> = ({ ok: true } & T) | { ok: false; issues: Issue[] };
