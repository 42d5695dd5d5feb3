/**
 * Migration harness (STYLE.md §7): for every past schema version N, create a database with
 * exactly version N's stores, put seed rows in version-N shape, close, open with the current
 * module and check that the rows were upgraded. Plus a committed snapshot of the declared
 * versions (Actual Budget style): an accidental schema edit fails here until reviewed.
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { Segment, Study, type Insight } from '../../shared/model';
import { TABLE_SCHEMAS } from '../../renderer/db/study';
import {
  CURRENT_VERSION,
  SCHEMA_VERSIONS,
  TABLE_NAMES,
  listUndo,
  loadStudyData,
  openDatabase,
  saveMemo,
  type ReisekartDb,
  type SchemaVersion,
} from '../../renderer/db';
import { FIXED_NOW, sortedStudy, syntheticStudy } from './db-fixtures';
import { outboundView } from '../../shared/exchange/outbound';

/** Every table whose rows are zod records: after any upgrade each row must parse to itself. */
const ROW_SCHEMAS: Partial<Record<(typeof TABLE_NAMES)[number], z.ZodType>> = { studies: Study, ...TABLE_SCHEMAS };

interface PastSeed {
  /** Write rows exactly as version N's code wrote them. */
  seed: (old: Dexie) => Promise<void>;
  /** What the current module must show after the upgrade. */
  verify: (db: ReisekartDb) => Promise<void>;
}

const v1Data = syntheticStudy({ studyId: 'old', interviews: 3, segmentsPerInterview: 4, seed: 7 });

/** Version 1 wrote segments without `kind` and `anchor` (wishes and re-anchoring came later). */
function v1Segment(s: Segment): Omit<Segment, 'kind' | 'anchor'> {
  const { kind: _k, anchor: _a, ...rest } = s;
  return rest;
}

/** What the version-3 upgrade gives a record without a revision: revision 1, site of its study. */
function withRev1<T extends Record<string, unknown>>(r: T, site: string): T {
  const at = typeof r.updatedAt === 'string' ? r.updatedAt : typeof r.at === 'string' ? r.at : '';
  return { ...r, rev: { n: 1, by: '', site, at } };
}
function expectedAfterV3(d: typeof v1Data) {
  const site = d.study.site;
  return {
    ...d,
    codes: d.codes.map((r) => withRev1(r, site)),
    interviews: d.interviews.map((r) => withRev1(r, site)),
    transcripts: d.transcripts.map((r) => withRev1(r, site)),
    segments: d.segments.map((r) => withRev1(r, site)),
    overrides: d.overrides.map((r) => withRev1(r, site)),
    benchmarks: d.benchmarks.map((r) => withRev1(r, site)),
    tombstones: [],
    mergeBases: [],
    conflicts: [],
  };
}

const v2Data = syntheticStudy({ studyId: 'v2', interviews: 2, segmentsPerInterview: 3, seed: 11 });
v2Data.study = { ...v2Data.study, site: 'Skien' };

const SEEDS: Record<number, PastSeed> = {
  1: {
    seed: async (old) => {
      await old.transaction('rw', old.tables, async () => {
        await old.table('studies').put(v1Data.study);
        await old.table('interviews').bulkPut(v1Data.interviews);
        await old.table('transcripts').bulkPut(v1Data.transcripts);
        await old.table('codes').bulkPut(v1Data.codes);
        await old.table('overrides').bulkPut(v1Data.overrides);
        await old.table('benchmarks').bulkPut(v1Data.benchmarks);
        await old.table('terms').bulkPut(v1Data.terms);
        await old.table('segments').bulkPut(v1Data.segments.map(v1Segment));
        // One segment already had a kind (a hand-edited import): the upgrade must keep it.
        const first = v1Data.segments[0];
        if (first) await old.table('segments').put({ ...v1Segment(first), kind: 'wish' });
        await old.table('undo').bulkAdd([
          { studyId: 'old', scope: 'old-iv-0000', at: FIXED_NOW, forward: {}, backward: {} },
          { studyId: 'old', scope: 'old-iv-0001', at: FIXED_NOW, forward: {}, backward: {} },
        ]);
        await old.table('meta').put({ key: 'demoSeeded', value: { studyId: 'demo', at: FIXED_NOW } });
      });
    },
    verify: async (db) => {
      const loaded = await loadStudyData(db, 'old');
      // Version 4: the synthetic transcripts carry the review screen's reviewer and time (no
      // audit entry: counts {}), and every synthetic quote is its span, so all come out reviewed.
      const review = { state: 'reviewed', record: { reviewer: 'AB', at: FIXED_NOW, counts: {} }, reason: null, hits: {} } as const;
      const expected = sortedStudy(
        expectedAfterV3({
          ...v1Data,
          transcripts: v1Data.transcripts.map((t) => ({ ...t, review })),
          segments: v1Data.segments.map((s, i) => ({ ...s, kind: i === 0 ? 'wish' : 'experience', anchor: 'ok', review })),
        }),
      );
      expect(loaded).toEqual(expected);
      expect(await listUndo(db, 'old', 'old-iv-0001')).toHaveLength(1);
      expect((await db.meta.get('demoSeeded'))?.value).toEqual({ studyId: 'demo', at: FIXED_NOW });
    },
  },
  2: {
    // Version 2 wrote complete records without revisions; one code already had one (kept).
    seed: async (old) => {
      await old.transaction('rw', old.tables, async () => {
        await old.table('studies').put(v2Data.study);
        await old.table('interviews').bulkPut(v2Data.interviews);
        await old.table('transcripts').bulkPut(v2Data.transcripts);
        await old.table('codes').bulkPut(v2Data.codes.map((c, i) => (i === 0 ? { ...c, rev: { n: 4, by: 'k1', site: 'Bø', at: FIXED_NOW } } : c)));
        await old.table('segments').bulkPut(v2Data.segments);
        await old.table('overrides').bulkPut(v2Data.overrides);
        await old.table('benchmarks').bulkPut(v2Data.benchmarks);
        await old.table('terms').bulkPut(v2Data.terms);
      });
    },
    verify: async (db) => {
      const loaded = await loadStudyData(db, 'v2');
      const review = { state: 'reviewed', record: { reviewer: 'AB', at: FIXED_NOW, counts: {} }, reason: null, hits: {} } as const;
      const expected = expectedAfterV3({ ...v2Data, transcripts: v2Data.transcripts.map((t) => ({ ...t, review })), segments: v2Data.segments.map((x) => ({ ...x, review })) });
      expected.codes = expected.codes.map((c, i) => (i === 0 ? { ...c, rev: { n: 4, by: 'k1', site: 'Bø', at: FIXED_NOW } } : c));
      expect(loaded).toEqual(sortedStudy(expected));
      // Hand-checked: every revised record is at revision 1 of site Skien, but the one code.
      expect(loaded?.segments.every((s) => s.rev?.n === 1 && s.rev.site === 'Skien')).toBe(true);
      expect(loaded?.codes.filter((c) => c.rev?.n === 4)).toHaveLength(1);
      expect(await db.tombstones.count()).toBe(0);
    },
  },
  3: {
    // Version 3 rows carry no review state. One study shows every case the upgrade must tell apart.
    seed: async (old) => {
      const base = v1Data.interviews[0];
      const seg = v1Data.segments[0];
      if (!base || !seg) throw new Error('fixture');
      const text = 'P1: Jeg het [NAVN-1] og gikk på [SKOLE-1]. Rådgiveren hjalp meg.';
      const raw = 'P1: Ola Nordmann ringte 912 34 567.';
      await old.transaction('rw', old.tables, async () => {
        await old.table('studies').put({ ...v1Data.study, id: 'v2' });
        await old.table('interviews').bulkPut([
          { ...base, id: 'v2-rev', studyId: 'v2', code: 'YF-01', status: 'coded' },
          { ...base, id: 'v2-refi', studyId: 'v2', code: 'YF-02', status: 'reviewed' },
          { ...base, id: 'v2-csv', studyId: 'v2', code: 'YF-03', status: 'coded' },
        ]);
        await old.table('transcripts').bulkPut([
          { interviewId: 'v2-rev', studyId: 'v2', text, source: 'typed', turns: [], reviewedBy: 'Koder 1', reviewedAt: '2021-01-02T10:00:00.000Z', updatedAt: FIXED_NOW },
          // A REFI import: no reviewer, although the file said "reviewed".
          { interviewId: 'v2-refi', studyId: 'v2', text: raw, source: 'import', turns: [], reviewedBy: null, reviewedAt: null, updatedAt: FIXED_NOW },
        ]);
        await old.table('audit').bulkPut([
          { id: 'a-old', studyId: 'v2', at: '2021-01-01T10:00:00.000Z', who: 'Koder 1', action: 'anonymise.review', subject: 'YF-01', counts: { NAVN: 9 }, note: '' },
          { id: 'a-new', studyId: 'v2', at: '2021-01-02T10:00:00.000Z', who: 'Koder 1', action: 'anonymise.edit', subject: 'YF-01', counts: { NAVN: 1, SKOLE: 1 }, note: '' },
        ]);
        const quote = 'Rådgiveren hjalp meg.';
        const at = text.indexOf(quote);
        await old.table('segments').bulkPut([
          { ...seg, id: 'v2-s-ok', studyId: 'v2', interviewId: 'v2-rev', start: at, end: at + quote.length, quote, anchor: 'ok' },
          { ...seg, id: 'v2-s-lost', studyId: 'v2', interviewId: 'v2-rev', start: 0, end: 5, quote: 'Ola sa', anchor: 'lost' },
          { ...seg, id: 'v2-s-refi', studyId: 'v2', interviewId: 'v2-refi', start: 4, end: 16, quote: 'Ola Nordmann', anchor: 'ok' },
          // A free-standing quote from a CSV import (no transcript).
          { ...seg, id: 'v2-s-csv', studyId: 'v2', interviewId: 'v2-csv', start: 0, end: 20, quote: 'på Skien vgs, sa Ola', anchor: 'ok' },
        ]);
      });
    },
    verify: async (db) => {
      const t = new Map((await db.transcripts.where('studyId').equals('v2').toArray()).map((x) => [x.interviewId, x.review]));
      expect(t.get('v2-rev')).toEqual({ state: 'reviewed', record: { reviewer: 'Koder 1', at: '2021-01-02T10:00:00.000Z', counts: { NAVN: 1, SKOLE: 1 } }, reason: null, hits: {} });
      expect(t.get('v2-refi')).toEqual({ state: 'needs-review', record: null, reason: 'migrated', hits: {} });
      const s = new Map((await db.segments.where('studyId').equals('v2').toArray()).map((x) => [x.id, x.review?.state]));
      expect(Object.fromEntries(s)).toEqual({ 'v2-s-ok': 'reviewed', 'v2-s-lost': 'needs-review', 'v2-s-refi': 'needs-review', 'v2-s-csv': 'needs-review' });
      const loaded = await loadStudyData(db, 'v2');
      expect(loaded ? outboundView(loaded).exchange.segments.map((x) => x.id) : null).toEqual(['v2-s-ok']);
    },
  },
  4: {
    // Version 4 had no memo or guide tables: its rows stay as they were, and the new tables are empty and writable.
    seed: async (old) => {
      await old.transaction('rw', old.tables, async () => {
        await old.table('studies').put(v2Data.study);
        await old.table('interviews').bulkPut(v2Data.interviews);
        await old.table('codes').bulkPut(v2Data.codes.map((c) => ({ ...c, rev: { n: 1, by: '', site: 'Skien', at: FIXED_NOW } })));
      });
    },
    verify: async (db) => {
      expect(await db.codes.where('studyId').equals('v2').count()).toBe(v2Data.codes.length);
      expect(await db.memos.count()).toBe(0);
      expect(await db.guide.count()).toBe(0);
      const r = await saveMemo(db, { studyId: 'v2', kind: 'study', text: 'Første notat etter oppgraderingen.' });
      expect(r.ok).toBe(true);
      expect((await loadStudyData(db, 'v2'))?.memos).toHaveLength(1);
    },
  },
  5: {
    // Version 5 had no variables, attributes or retention tables: the study comes through untouched
    // and the new tables start empty (and take records).
    seed: async (old) => {
      await old.transaction('rw', old.tables, async () => {
        await old.table('studies').put({ ...v2Data.study, id: 'v4' });
        await old.table('interviews').bulkPut(v2Data.interviews.map((iv) => ({ ...iv, id: `v4-${iv.id}`, studyId: 'v4', rev: { n: 2, by: 'k1', site: 'Skien', at: FIXED_NOW } })));
      });
    },
    verify: async (db) => {
      const loaded = await loadStudyData(db, 'v4');
      expect(loaded?.interviews.map((iv) => iv.rev?.n)).toEqual(v2Data.interviews.map(() => 2));
      expect([loaded?.variables, loaded?.attributes, loaded?.retention]).toEqual([undefined, undefined, undefined]);
      expect([await db.variables.count(), await db.attributes.count(), await db.retention.count()]).toEqual([0, 0, 0]);
      await db.variables.put({ id: 'v4-age', studyId: 'v4', label: 'Alder', type: 'category', values: ['13–15', '16–18'], order: 0, createdAt: FIXED_NOW, updatedAt: FIXED_NOW });
      expect((await loadStudyData(db, 'v4'))?.variables?.map((v) => v.label)).toEqual(['Alder']);
    },
  },
  6: {
    // Version 6 had no riskDecisions table: a study written then loads with none, and saves one after.
    seed: async (old) => {
      await old.transaction('rw', old.tables, async () => {
        await old.table('studies').put({ ...v2Data.study, id: 'v6' });
        await old.table('interviews').bulkPut(v2Data.interviews.map((iv) => withRev1({ ...iv, id: `v6-${iv.id}`, studyId: 'v6' }, 'Skien')));
      });
    },
    verify: async (db) => {
      const loaded = await loadStudyData(db, 'v6');
      expect(loaded?.riskDecisions ?? []).toEqual([]);
      expect(loaded?.interviews).toHaveLength(v2Data.interviews.length);
      await db.riskDecisions.put({ id: 'v6|study', studyId: 'v6', subject: 'study', action: 'generalise', generalisations: ['month-term'], rewrites: [], reason: '', by: 'K1', at: FIXED_NOW });
      expect((await loadStudyData(db, 'v6'))?.riskDecisions?.map((d) => d.generalisations)).toEqual([['month-term']]);
    },
  },
  7: {
    // Version 7 had no insights table: a study written then loads with an empty list and takes insights after the upgrade.
    seed: async (old) => {
      await old.transaction('rw', old.tables, async () => {
        await old.table('studies').put({ ...v1Data.study, id: 'v4' });
        await old.table('interviews').bulkPut(v1Data.interviews.map((iv) => ({ ...iv, studyId: 'v4' })));
      });
    },
    verify: async (db) => {
      expect(await db.insights.count()).toBe(0);
      const loaded = await loadStudyData(db, 'v4');
      expect(loaded?.insights).toBeUndefined();
      expect(loaded?.interviews).toHaveLength(v1Data.interviews.length);
      const row: Insight = { id: 'i1', studyId: 'v4', kind: 'pain', stageId: 'vg1', situationId: null, text: 'Rådgiveren hadde ikke tid', quoteIds: [], origin: 'facilitator', suggestionKey: null, createdBy: 'K1', createdAt: FIXED_NOW, updatedAt: FIXED_NOW };
      await db.insights.put(row);
      expect((await loadStudyData(db, 'v4'))?.insights).toEqual([row]);
    },
  },
};

function dexieAt(name: string, factory: IDBFactory, v: SchemaVersion): Dexie {
  const old = new Dexie(name, { indexedDB: factory, IDBKeyRange });
  old.version(v.version).stores(v.stores);
  return old;
}

/** The real IndexedDB layout: key path and index names/key paths per store. */
async function idbLayout(factory: IDBFactory, name: string): Promise<Record<string, unknown>> {
  const idb = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = factory.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const out: Record<string, unknown> = {};
  const tx = idb.transaction([...idb.objectStoreNames], 'readonly');
  for (const storeName of [...idb.objectStoreNames].sort()) {
    const store = tx.objectStore(storeName);
    out[storeName] = {
      keyPath: store.keyPath,
      autoIncrement: store.autoIncrement,
      indexes: [...store.indexNames].sort().map((n) => ({ name: n, keyPath: store.index(n).keyPath })),
    };
  }
  idb.close();
  return out;
}

describe('schema versions', () => {
  it('matches the committed snapshot (review the diff before updating with -u)', () => {
    const declared = SCHEMA_VERSIONS.map((v) => ({ version: v.version, why: v.why, stores: v.stores, upgrade: Boolean(v.upgrade) }));
    expect(declared).toMatchSnapshot();
  });

  it('are strictly increasing; the current one declares every table, earlier ones only known tables', () => {
    const versions = SCHEMA_VERSIONS.map((v) => v.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(CURRENT_VERSION).toBe(versions.at(-1));
    expect(Object.keys(SCHEMA_VERSIONS.at(-1)?.stores ?? {}).sort()).toEqual([...TABLE_NAMES].sort());
    for (const v of SCHEMA_VERSIONS) for (const t of Object.keys(v.stores)) expect(TABLE_NAMES).toContain(t);
    // A table, once added, stays in every later version (dropping one needs its own version).
    for (let i = 1; i < SCHEMA_VERSIONS.length; i++) {
      for (const t of Object.keys(SCHEMA_VERSIONS[i - 1]?.stores ?? {})) expect(Object.keys(SCHEMA_VERSIONS[i]?.stores ?? {})).toContain(t);
    }
  });

  it('every past version has a seed in this harness', () => {
    const past = SCHEMA_VERSIONS.slice(0, -1).map((v) => v.version);
    expect(Object.keys(SEEDS).map(Number)).toEqual(past);
  });
});

describe.each(SCHEMA_VERSIONS.slice(0, -1))('upgrade from version $version', (past) => {
  it('keeps and upgrades the rows, and ends with the same layout as a fresh install', async () => {
    const factory = new IDBFactory();
    const seed = SEEDS[past.version];
    if (!seed) throw new Error(`no seed for version ${past.version}`);
    const old = dexieAt('upgrade', factory, past);
    await seed.seed(old);
    old.close();
    expect((await idbLayout(factory, 'upgrade')).segments).toBeDefined();

    const db = openDatabase('upgrade', { indexedDB: factory, IDBKeyRange, now: () => FIXED_NOW });
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    await seed.verify(db);
    for (const [table, schema] of Object.entries(ROW_SCHEMAS)) {
      for (const row of await db.table(table).toArray()) {
        // Parsing must succeed and add nothing: upgraded rows carry every default already.
        expect(schema.parse(row)).toEqual(row);
      }
    }
    db.close();

    const fresh = openDatabase('fresh', { indexedDB: factory, IDBKeyRange });
    await fresh.open();
    fresh.close();
    expect(await idbLayout(factory, 'upgrade')).toEqual(await idbLayout(factory, 'fresh'));
  });
});

describe('the harness itself', () => {
  it('would notice a missing upgrade: version 1 rows lack kind/anchor before upgrading', async () => {
    const factory = new IDBFactory();
    const v1 = SCHEMA_VERSIONS[0];
    if (!v1) throw new Error('no version 1');
    const old = dexieAt('raw', factory, v1);
    await SEEDS[1]?.seed(old);
    const rows = await old.table('segments').toArray();
    old.close();
    expect(rows.filter((r: Record<string, unknown>) => r.kind === undefined).length).toBe(v1Data.segments.length - 1);
    expect(rows.some((r: Record<string, unknown>) => Segment.safeParse(r).success && !('anchor' in r))).toBe(true);
  });
});
