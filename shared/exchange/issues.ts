/** A located problem in imported input. `line` is 1-based; `field` names the column or JSON path. */
export interface Issue {
  file: string;
  line?: number;
  field?: string;
  message: string;
  /** `warning`: imported but flagged (e.g. a quote that no longer matches its span). Default error. */
  severity?: 'error' | 'warning';
  /** A stable code (e.g. `zip.tooManyEntries`) the UI translates with `params`; `message` is the nb text. */
  code?: string;
  params?: Record<string, string | number>;
}

export type Result<T> = ({ ok: true } & T) | { ok: false; issues: Issue[] };

/** `fil.csv, linje 4, «dato»: …` — one line a person can act on. */
export function formatIssue(i: Issue): string {
  const where = [i.file, i.line !== undefined ? `linje ${i.line}` : '', i.field ? `«${i.field}»` : ''].filter(Boolean).join(', ');
  return `${where}: ${i.message}`;
}
