/**
 * Stamping revisions and tombstones (docs/exchange.md, "Revisions and three-way merge"). Pure: the
 * store (renderer/db/records.ts) calls these inside its write transactions, tests call them to
 * play a partner.
 */
import type { RevisedEntity, Revision, Tombstone } from '../model';

export interface RevisionAuthor {
  /** Coder id (or '' when no coder is known). */
  by: string;
  /** The study's site. */
  site: string;
  at: string;
}

/** The code fields whose own revision is kept (field-level merge). */
const CODE_FIELDS = ['name', 'color', 'definition', 'examples', 'parentId', 'order'] as const;

type Revised = Record<string, unknown> & { rev?: Revision };

function content(r: Record<string, unknown>): string {
  const { rev: _r, updatedAt: _u, ...rest } = r;
  return JSON.stringify(rest);
}

/**
 * The record to store when `next` replaces `prev` (undefined: new record; `buried`: its tombstone
 * when it had been deleted): unchanged content keeps the old revision, anything else gets the next
 * number. Codes remember which fields changed at which revision.
 */
export function stampRevision<T extends Revised>(entity: RevisedEntity, prev: Revised | undefined, next: T, who: RevisionAuthor, buried?: Tombstone): T {
  if (prev && content(prev) === content(next)) return prev.rev ? { ...next, rev: prev.rev } : next;
  const n = Math.max(prev ? (prev.rev?.n ?? 1) : 0, buried?.rev.n ?? 0) + 1;
  const rev: Revision = { n, by: who.by, site: who.site, at: who.at };
  if (prev?.rev?.merged) rev.merged = prev.rev.merged;
  if (entity === 'codes' && prev) {
    const fields: Record<string, number> = { ...(prev.rev?.fields ?? {}) };
    for (const f of CODE_FIELDS) if (JSON.stringify(prev[f]) !== JSON.stringify(next[f])) fields[f] = n;
    rev.fields = fields;
  } else if (entity === 'codes') rev.fields = {};
  return { ...next, rev };
}

export function tombstoneId(entity: RevisedEntity, recordId: string): string {
  return `${entity}:${recordId}`;
}

/** The tombstone of a deleted record: its next revision number, who, where, when — no content. */
export function tombstoneOf(entity: RevisedEntity, rec: Revised & { studyId: string }, who: RevisionAuthor, into: string | null = null): Tombstone {
  const recordId = String(entity === 'transcripts' ? rec.interviewId : rec.id);
  return {
    id: tombstoneId(entity, recordId),
    studyId: rec.studyId,
    entity,
    recordId,
    rev: { n: (rec.rev?.n ?? 1) + 1, by: who.by, site: who.site, at: who.at },
    into,
  };
}
