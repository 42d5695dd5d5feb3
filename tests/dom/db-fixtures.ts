/**
 * Seeded synthetic studies for the database tests (not a test file itself). Deterministic:
 * a fixed LCG (Numerical Recipes constants) and a fixed clock, so every run writes the same rows.
 */
import {
  VALENCES,
  newStudy,
  participantsFor,
  type Code,
  type Interview,
  type Segment,
  type StudyData,
  type Transcript,
} from '../../shared/model';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach } from 'vitest';
import { openDatabase, type ReisekartDb } from '../../renderer/db';

export const FIXED_NOW = '2024-03-01T10:00:00.000Z';

export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function pick<T>(rnd: () => number, xs: readonly T[]): T {
  const x = xs[Math.floor(rnd() * xs.length)];
  if (x === undefined) throw new Error('pick from empty list');
  return x;
}

export interface SyntheticOptions {
  studyId?: string;
  title?: string;
  interviews?: number;
  segmentsPerInterview?: number;
  seed?: number;
}

/** A whole study as `replaceStudyData` / `ensureDemoStudy` take it. */
export function syntheticStudy(opts: SyntheticOptions = {}): StudyData {
  const studyId = opts.studyId ?? 'study-a';
  const rnd = lcg(opts.seed ?? 42);
  const study = { ...newStudy(studyId, opts.title ?? 'Syntetisk studie', FIXED_NOW) };
  const codes: Code[] = ['Informasjon', 'Tilgjengelighet', 'Relasjon'].map((name, i) => ({
    id: `${studyId}-code-${i}`,
    studyId,
    parentId: null,
    name,
    color: ['#1f77b4', '#ff7f0e', '#2ca02c'][i] ?? '#000000',
    definition: '',
    examples: [],
    order: i,
  }));
  const interviews: Interview[] = [];
  const transcripts: Transcript[] = [];
  const segments: Segment[] = [];
  const nInterviews = opts.interviews ?? 3;
  const perInterview = opts.segmentsPerInterview ?? 4;
  for (let i = 0; i < nInterviews; i++) {
    const group = pick(rnd, study.groups);
    const ivId = `${studyId}-iv-${String(i).padStart(4, '0')}`;
    const participants = participantsFor(1 + Math.floor(rnd() * 3));
    interviews.push({
      id: ivId,
      studyId,
      code: `${group.prefix}-${String(i + 1).padStart(2, '0')}`,
      groupId: group.id,
      format: participants.length > 1 ? 'group' : 'individual',
      participants,
      mode: 'in-person',
      date: '2021-10-12',
      interviewer: 'AB',
      site: '',
      consent: true,
      notes: '',
      status: 'coded',
      createdAt: FIXED_NOW,
      updatedAt: FIXED_NOW,
    });
    const text = `Intervju ${i}: Rådgiveren hjalp meg å velge Vg1. Det var ok, men kunne vært bedre. ${'x'.repeat(200)}`;
    transcripts.push({
      interviewId: ivId,
      studyId,
      text,
      source: 'typed',
      turns: [],
      reviewedBy: 'AB',
      reviewedAt: FIXED_NOW,
      updatedAt: FIXED_NOW,
    });
    for (let k = 0; k < perInterview; k++) {
      const start = Math.floor(rnd() * 100);
      const end = start + 10 + Math.floor(rnd() * 50);
      segments.push({
        id: `${ivId}-seg-${String(k).padStart(4, '0')}`,
        studyId,
        interviewId: ivId,
        participantId: pick(rnd, participants).id,
        start,
        end,
        quote: text.slice(start, end),
        stageId: pick(rnd, study.stages).id,
        situationId: pick(rnd, study.situations).id,
        actorIds: [pick(rnd, study.actors).id],
        valence: pick(rnd, VALENCES),
        kind: rnd() < 0.2 ? 'wish' : 'experience',
        codeIds: [pick(rnd, codes).id],
        note: '',
        coderId: 'coder-1',
        anchor: 'ok',
        createdAt: FIXED_NOW,
        updatedAt: FIXED_NOW,
      });
    }
  }
  const firstIv = interviews[0];
  return {
    study,
    codes,
    interviews,
    transcripts,
    segments,
    overrides: firstIv
      ? [
          {
            id: `${studyId}-ov-0`,
            studyId,
            interviewId: firstIv.id,
            participantId: 'P1',
            category: 'mixed',
            reason: 'Sa det muntlig etter opptak',
            by: 'AB',
            at: FIXED_NOW,
          },
        ]
      : [],
    benchmarks: [
      {
        id: `${studyId}-bm-0`,
        studyId,
        name: 'Ungdata Telemark 2018',
        source: 'Ungdata',
        year: 2018,
        n: 7000,
        nApprox: true,
        population: '',
        question: '',
        categories: [{ label: 'fornøyd', percent: 54, mapsTo: 'positive' }],
      },
    ],
    audit: [],
    terms: [{ id: `${studyId}-term-0`, studyId, term: 'Eksempelskolen', kind: 'SKOLE' }],
    pseudonyms: [],
  };
}

/** A fresh, isolated IndexedDB per call (no state leaks between tests), fixed clock and ids. */
export function freshDb(name = 'reisekart-test'): ReisekartDb {
  let n = 0;
  return openDatabase(name, {
    indexedDB: new IDBFactory(),
    IDBKeyRange,
    now: () => FIXED_NOW,
    newId: () => `id-${++n}`,
  });
}

/**
 * For a test file: `const newDb = freshDbs()` gives a fresh database per call, each closed after
 * its test (the same helper every DOM test file used to write out).
 */
export function freshDbs(): (name?: string) => ReisekartDb {
  const open: ReisekartDb[] = [];
  afterEach(() => {
    for (const db of open.splice(0)) db.close();
  });
  return (name) => {
    const db = freshDb(name);
    open.push(db);
    return db;
  };
}

/** Sort a study's lists by primary key, to compare regardless of read order. */
export function sortedStudy(d: StudyData): StudyData {
  const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => cmp(a.id, b.id));
  return {
    ...d,
    codes: byId(d.codes),
    interviews: byId(d.interviews),
    transcripts: [...d.transcripts].sort((a, b) => cmp(a.interviewId, b.interviewId)),
    segments: byId(d.segments),
    overrides: byId(d.overrides),
    benchmarks: byId(d.benchmarks),
    audit: byId(d.audit),
    terms: byId(d.terms),
    pseudonyms: byId(d.pseudonyms),
    tombstones: byId(d.tombstones ?? []),
    mergeBases: byId(d.mergeBases ?? []),
    conflicts: byId(d.conflicts ?? []),
    memos: byId(d.memos ?? []),
    guide: byId(d.guide ?? []),
    guideTicks: byId(d.guideTicks ?? []),
  };
}

/** Code-unit order, as IndexedDB orders string keys. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
