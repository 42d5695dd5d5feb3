/**
 * Expected write failures as values (STYLE.md §4): invalid input, a missing parent, a full
 * disk. Anything else is a bug and is thrown.
 */
import type { z } from 'zod';

/** A located problem: `path` like `segments[3].start` or `date`; `field` its last name. */
export interface FieldIssue {
  path: string;
  field: string;
  message: string;
}

export type WriteFailure =
  | { ok: false; reason: 'invalid'; issues: FieldIssue[] }
  | { ok: false; reason: 'not-found'; message: string }
  | { ok: false; reason: 'quota'; message: string }
  | { ok: false; reason: 'database'; name: string; message: string };

export type WriteResult<T = undefined> = { ok: true; value: T } | WriteFailure;

export function issuesFromZod(error: z.ZodError, prefix = ''): FieldIssue[] {
  return error.issues.map((i) => {
    const path = formatPath(prefix, i.path);
    const last = [...i.path].reverse().find((p) => typeof p === 'string');
    return { path, field: typeof last === 'string' ? last : prefix, message: i.message };
  });
}

function formatPath(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix;
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

/** Parse or return an `invalid` failure with located issues. */
export function parseRecord<S extends z.ZodType>(
  schema: S,
  input: unknown,
  prefix = '',
): { ok: true; value: z.output<S> } | WriteFailure {
  const r = schema.safeParse(input);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, reason: 'invalid', issues: issuesFromZod(r.error, prefix) };
}

/** Parse a list; issues are located as `prefix[index].field`. */
export function parseList<S extends z.ZodType>(
  schema: S,
  inputs: readonly unknown[],
  prefix: string,
): { ok: true; value: z.output<S>[] } | WriteFailure {
  const out: z.output<S>[] = [];
  const issues: FieldIssue[] = [];
  inputs.forEach((input, i) => {
    const r = schema.safeParse(input);
    if (r.success) out.push(r.data);
    else issues.push(...issuesFromZod(r.error, `${prefix}[${i}]`));
  });
  return issues.length ? { ok: false, reason: 'invalid', issues } : { ok: true, value: out };
}

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  inner?: unknown;
  cause?: unknown;
  failures?: unknown;
}

function asErrorLike(e: unknown): ErrorLike | null {
  return typeof e === 'object' && e !== null ? (e as ErrorLike) : null;
}

/**
 * True when the error is, or wraps, a QuotaExceededError. Dexie reports a transaction aborted
 * by the browser as `AbortError` with the real cause in `inner`; bulk operations as `BulkError`
 * with `failures` (an array in Dexie 3, a position map in Dexie 4).
 */
export function isQuotaError(e: unknown, depth = 0): boolean {
  const err = asErrorLike(e);
  if (!err || depth > 5) return false;
  if (err.name === 'QuotaExceededError') return true;
  if (isQuotaError(err.inner, depth + 1) || isQuotaError(err.cause, depth + 1)) return true;
  const failures = err.failures;
  if (failures && typeof failures === 'object') {
    return Object.values(failures).some((f) => isQuotaError(f, depth + 1));
  }
  return false;
}

/** Dexie's and IndexedDB's own error names: a database problem, not a bug in our code. */
const DATABASE_ERROR_NAMES = new Set([
  'AbortError',
  'ConstraintError',
  'DataError',
  'DatabaseClosedError',
  'InvalidStateError',
  'OpenFailedError',
  'ReadOnlyError',
  'TransactionInactiveError',
  'UnknownError',
  'VersionError',
  'BulkError',
  'MissingAPIError',
  'TimeoutError',
]);

/** Marks a failure decided inside a transaction: throwing it aborts, and it becomes the value. */
export class WriteAbort extends Error {
  constructor(readonly failure: WriteFailure) {
    super(failure.reason);
    this.name = 'WriteAbort';
  }
}

export function classifyWriteError(e: unknown): WriteFailure | null {
  if (e instanceof WriteAbort) return e.failure;
  const err = asErrorLike(e);
  const message = typeof err?.message === 'string' ? err.message : String(e);
  if (isQuotaError(e)) return { ok: false, reason: 'quota', message };
  if (err && typeof err.name === 'string' && DATABASE_ERROR_NAMES.has(err.name)) {
    return { ok: false, reason: 'database', name: err.name, message };
  }
  return null;
}

/** Run a write; expected failures come back as values, bugs are rethrown. */
export async function guarded<T>(work: () => Promise<T>): Promise<WriteResult<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (e) {
    const failure = classifyWriteError(e);
    if (failure) return failure;
    throw e;
  }
}
