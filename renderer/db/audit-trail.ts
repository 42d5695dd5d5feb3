/**
 * The audit trail (issue #18): every change that matters is appended to the audit log with who
 * (the study's current coder) and when, in the same transaction as the change — whichever screen
 * made it. A Dexie DBCore middleware sees each write to the audited tables (segments, codes,
 * overrides, interviews, transcripts, the interview guide, and code merges through their
 * tombstones) and writes one entry per kind of change: counts, interview codes and code names,
 * never quoted text. Whole-study writes (import, restore, merge: every table in one transaction)
 * are not logged row by row; their callers write one entry (`study.replace` …).
 *
 * Append-only in the app: nothing but a whole-study replace (which keeps the log, study.ts) or a
 * study deletion touches the `audit` table.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import type { AuditEntry } from '../../shared/model';

const AUDITED: Record<string, string> = { segments: 'segment', codes: 'code', overrides: 'override', interviews: 'interview', transcripts: 'transcript', guide: 'guide', tombstones: 'tombstone' };
/** Stores a transaction that writes audited tables also needs (read interview codes, code names, the coder; write the log). */
const EXTRA = ['audit', 'interviews', 'codes', 'meta', 'studies', 'tombstones'];
/** Above this many rows in one write, created and edited are not told apart (no read of the old rows). */
const READ_LIMIT = 200;

type Row = Record<string, unknown>;

export interface AuditEnv {
  now: () => string;
  newId: () => string;
}

export function auditTrailMiddleware(env: AuditEnv): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'reisekart-audit-trail',
    create(down: DBCore): DBCore {
      const logged = new WeakSet<DBCoreTransaction>();
      const all = down.schema.tables.length;
      const has = new Set(down.schema.tables.map((t) => t.name));
      return {
        ...down,
        transaction(stores, mode, options) {
          const audited = mode === 'readwrite' && stores.some((s) => s in AUDITED && s !== 'tombstones') && stores.length < all && has.has('audit');
          const trans = down.transaction(audited ? [...new Set([...stores, ...EXTRA.filter((x) => has.has(x))])] : stores, mode, options);
          if (audited) logged.add(trans);
          return trans;
        },
        table(name) {
          const t = down.table(name);
          const noun = AUDITED[name];
          if (!noun) return t;
          return {
            ...t,
            async mutate(req: DBCoreMutateRequest) {
              if (!logged.has(req.trans)) return t.mutate(req);
              let before: (Row | undefined)[] | null = null;
              const keys = keysOf(t, req);
              if (keys && keys.length <= READ_LIMIT) before = (await t.getMany({ trans: req.trans, keys })) as (Row | undefined)[];
              const res = await t.mutate(req);
              try {
                const entries = await describe(down, req, name, noun, keys, before);
                if (entries.length) {
                  const who = await whoOf(down, req.trans, entries[0]?.studyId ?? '');
                  const at = env.now();
                  await down.table('audit').mutate({ type: 'add', trans: req.trans, values: entries.map((e) => ({ ...e, id: env.newId(), at, who })) });
                }
              } catch {
                // The trail never stops a write it describes.
              }
              return res;
            },
          };
        },
      };
    },
  };
}

function keysOf(t: DBCoreTable, req: DBCoreMutateRequest): unknown[] | null {
  if (req.type === 'delete') return req.keys;
  if (req.type === 'deleteRange') return null;
  if (req.keys) return req.keys;
  const extract = t.schema.primaryKey.extractKey;
  return extract ? req.values.map((v) => extract(v)) : null;
}

type Draft = Pick<AuditEntry, 'studyId' | 'action' | 'subject' | 'counts' | 'note'>;

/** Interview codes of interviews deleted earlier in the same transaction (their transcript and segments follow). */
const goneInterviews = new WeakMap<DBCoreTransaction, Map<string, string>>();

async function namesOf(down: DBCore, trans: DBCoreTransaction, table: 'interviews' | 'codes', ids: string[], field: 'code' | 'name'): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = (await down.table(table).getMany({ trans, keys: ids })) as (Row | undefined)[];
  const out = new Map(rows.filter((r): r is Row => r !== undefined).map((r) => [String(r.id), String(r[field])]));
  if (table === 'interviews') for (const [id, code] of goneInterviews.get(trans) ?? []) if (!out.has(id)) out.set(id, code);
  return out;
}

const list = (xs: Iterable<string>, max = 8): string => {
  const a = [...new Set(xs)].filter((x) => x !== '');
  return a.length > max ? `${a.slice(0, max).join(', ')} …` : a.join(', ');
};

async function describe(down: DBCore, req: DBCoreMutateRequest, table: string, noun: string, keys: unknown[] | null, before: (Row | undefined)[] | null): Promise<Draft[]> {
  const out: Draft[] = [];
  const trans = req.trans;
  if (req.type === 'deleteRange') return out;
  if (req.type === 'delete') {
    if (table === 'tombstones') return out;
    const gone = (before ?? []).filter((r): r is Row => r !== undefined);
    const studyId = String(gone[0]?.studyId ?? '');
    if (!studyId) return out;
    if (table === 'codes') {
      const tombs = (await down.table('tombstones').getMany({ trans, keys: gone.map((r) => `codes:${String(r.id)}`) })) as (Row | undefined)[];
      const merged = new Set(tombs.filter((x) => x && x.into).map((x) => String(x?.recordId)));
      const deleted = gone.filter((r) => !merged.has(String(r.id)));
      if (deleted.length) out.push({ studyId, action: 'code.delete', subject: '', counts: { codes: deleted.length }, note: list(deleted.map((r) => String(r.name))) });
      return out;
    }
    if (table === 'interviews') goneInterviews.set(trans, new Map([...(goneInterviews.get(trans) ?? []), ...gone.map((r) => [String(r.id), String(r.code)] as [string, string])]));
    const ivIds = gone.map((r) => String(table === 'interviews' ? r.id : (r.interviewId ?? '')));
    const codes = await namesOf(down, trans, 'interviews', ivIds, 'code');
    out.push({ studyId, action: `${noun}.delete`, subject: list(ivIds.map((i) => codes.get(i) ?? (table === 'interviews' ? String(gone.find((r) => r.id === i)?.code ?? '') : ''))).slice(0, 200), counts: { [table]: gone.length || (keys?.length ?? 0) }, note: '' });
    return out;
  }
  const rows = req.values as Row[];
  if (rows.length === 0) return out;
  const studyId = String(rows[0]?.studyId ?? '');
  if (!studyId) return out;
  if (table === 'tombstones') {
    const merges = rows.filter((r) => r.entity === 'codes' && typeof r.into === 'string');
    if (merges.length === 0) return out;
    const names = await namesOf(down, trans, 'codes', merges.flatMap((r) => [String(r.recordId), String(r.into)]), 'name');
    out.push({ studyId, action: 'code.merge', subject: '', counts: { codes: merges.length }, note: merges.map((r) => `${names.get(String(r.recordId)) ?? '?'} → ${names.get(String(r.into)) ?? '?'}`).join('; ').slice(0, 2000) });
    return out;
  }
  const created: Row[] = [];
  const edited: { prev: Row; next: Row }[] = [];
  const unknown: Row[] = [];
  rows.forEach((r, i) => {
    if (before === null) unknown.push(r);
    else if (before[i] === undefined) created.push(r);
    else if (changed(before[i] as Row, r)) edited.push({ prev: before[i] as Row, next: r });
  });
  const ivOf = (r: Row) => String(table === 'interviews' ? r.id : (r.interviewId ?? ''));
  const ivCodes = table === 'codes' || table === 'guide' ? new Map<string, string>() : await namesOf(down, trans, 'interviews', [...created, ...unknown, ...edited.map((e) => e.next)].map(ivOf), 'code');
  const subject = (rs: Row[]) => (table === 'interviews' ? list(rs.map((r) => String(r.code))) : list(rs.map((r) => ivCodes.get(ivOf(r)) ?? ''))).slice(0, 200);
  const n = (k: number) => ({ [table]: k });
  if (table === 'codes') {
    if (created.length) out.push({ studyId, action: 'code.create', subject: '', counts: n(created.length), note: list(created.map((r) => String(r.name))) });
    const renamed = edited.filter((e) => e.prev.name !== e.next.name);
    if (renamed.length) out.push({ studyId, action: 'code.rename', subject: '', counts: n(renamed.length), note: renamed.map((e) => `${String(e.prev.name)} → ${String(e.next.name)}`).join('; ').slice(0, 2000) });
    const other = edited.filter((e) => e.prev.name === e.next.name);
    if (other.length) out.push({ studyId, action: 'code.edit', subject: '', counts: n(other.length), note: list(other.map((e) => String(e.next.name))) });
  } else {
    if (created.length) out.push({ studyId, action: `${noun}.create`, subject: subject(created), counts: n(created.length), note: '' });
    if (edited.length) {
      const note = table === 'interviews' ? list(edited.filter((e) => e.prev.status !== e.next.status).map((e) => `${String(e.next.code)}: ${String(e.prev.status)} → ${String(e.next.status)}`), 20) : '';
      out.push({ studyId, action: `${noun}.edit`, subject: subject(edited.map((e) => e.next)), counts: n(edited.length), note });
    }
  }
  if (unknown.length) out.push({ studyId, action: `${noun}.save`, subject: table === 'codes' ? '' : subject(unknown), counts: n(unknown.length), note: '' });
  return out;
}

/** Changed beyond its revision and timestamps (a save of the same content is no change). */
function changed(a: Row, b: Row): boolean {
  const strip = ({ rev: _r, updatedAt: _u, ...rest }: Row) => JSON.stringify(rest);
  return strip(a) !== strip(b);
}

async function whoOf(down: DBCore, trans: DBCoreTransaction, studyId: string): Promise<string> {
  const meta = (await down.table('meta').get({ trans, key: `coding.currentCoder.${studyId}` })) as { value?: unknown } | undefined;
  if (typeof meta?.value === 'string' && meta.value !== '') return meta.value.slice(0, 100);
  const study = (await down.table('studies').get({ trans, key: studyId })) as { coders?: { id: string }[] } | undefined;
  return study?.coders?.[0]?.id ?? '';
}
