/**
 * Bundle and REFI-QDA work as a job for a Web Worker (renderer/workers/bundle.worker.ts): opening a
 * `.reisekart` bundle (decrypt → unzip → JSON → zod → integrity), a `.qdpx`/`.qdc` file, and
 * packing a snapshot or export (hash + deflate). At 500 interviews / 50,000 segments each is far
 * over 200 ms on the main thread.
 *
 * A study travels back in pieces (`study`, then `rows` of at most ROWS_PER_MESSAGE records per
 * table), so that receiving it is many short tasks on the page, not one structured clone of
 * the whole study. Pure: the worker file passes `post`; jsdom tests run the job in-thread.
 */
import { newStudy, type StudyData } from '../model';
import { exportStudyJson, restoreBundle, type ExportBundleOptions, type RestorePhase, type RestoreResult } from './bundle';
import { emptySummary, type IncomingSummary } from './gate-in';
import type { Issue } from './issues';
import { importQdc, importQdpx } from './refi/import';

export const ROWS_PER_MESSAGE = 5000;

/** The record lists of a StudyData, in its key order (tombstones travel in bundles; merge bases and conflicts in snapshots). */
export const STUDY_LISTS = ['codes', 'interviews', 'transcripts', 'segments', 'overrides', 'benchmarks', 'audit', 'terms', 'pseudonyms', 'tombstones', 'mergeBases', 'conflicts', 'memos', 'guide', 'guideTicks'] as const;
export type StudyList = (typeof STUDY_LISTS)[number];

export type BundleJobRequest =
  | { id: number; type: 'restore'; bytes: Uint8Array; passphrase?: string; fileName: string }
  | { id: number; type: 'refi'; bytes: Uint8Array; fileName: string; now: string }
  | { id: number; type: 'pack'; study: Uint8Array; counts: Record<string, number>; opts: ExportBundleOptions };

/** A result whose study (if any) came before it in `study` + `rows` messages. */
export type RestoreHead = Exclude<RestoreResult, { ok: true }> | ({ ok: true; data: null } & Omit<Extract<RestoreResult, { ok: true }>, 'data'>);
export type RefiHead = { ok: true; data: null; warnings: Issue[]; review: IncomingSummary } | { ok: false; issues: Issue[] };

export type BundleJobMessage =
  | { id: number; type: 'study'; study: StudyData['study'] }
  | { id: number; type: 'rows'; list: StudyList; rows: unknown[] }
  | { id: number; type: 'restored'; result: RestoreHead }
  | { id: number; type: 'refi'; result: RefiHead }
  | { id: number; type: 'packed'; bytes: Uint8Array }
  | { id: number; type: 'progress'; phase: RestorePhase | 'refi' | 'rows'; done: number; total: number }
  | { id: number; type: 'error'; message: string };

/** Send a study as `study` + `rows` messages. */
export function postStudy(post: (m: BundleJobMessage) => void, id: number, data: StudyData): void {
  post({ id, type: 'study', study: data.study });
  for (const list of STUDY_LISTS) {
    const rows = (data[list] ?? []) as unknown[];
    for (let i = 0; i < rows.length; i += ROWS_PER_MESSAGE) post({ id, type: 'rows', list, rows: rows.slice(i, i + ROWS_PER_MESSAGE) });
  }
}

/** Collects `study` + `rows` messages back into a StudyData (the page side of postStudy). */
export function studyCollector(): { take(m: BundleJobMessage): void; data(): StudyData | null } {
  let study: StudyData['study'] | null = null;
  const lists = Object.fromEntries(STUDY_LISTS.map((l) => [l, [] as unknown[]])) as Record<StudyList, unknown[]>;
  return {
    take(m) {
      if (m.type === 'study') study = m.study;
      else if (m.type === 'rows') for (const r of m.rows) lists[m.list].push(r);
    },
    data() {
      // The rows were parsed in the job (restoreBundle / importQdpx): they are StudyData's lists.
      // The optional lists stay absent when nothing came, as restoreBundle gives them.
      if (!study) return null;
      const out: Record<string, unknown> = { study, ...lists };
      for (const l of ['tombstones', 'mergeBases', 'conflicts', 'memos', 'guide', 'guideTicks'] as const) if (lists[l].length === 0) delete out[l];
      return out as unknown as StudyData;
    },
  };
}

/** A QDC codebook as a new, empty study holding its codes (as the exchange screen stages it). */
export function qdcStudy(codes: StudyData['codes'], fileName: string, now: string): StudyData {
  const base = newStudy('import', fileName.replace(/\.qdc$/i, '') || 'Kodebok', now);
  return { study: base, codes: codes.map((c) => ({ ...c, studyId: base.id })), interviews: [], transcripts: [], segments: [], overrides: [], benchmarks: [], audit: [], terms: [], pseudonyms: [] };
}

export async function runBundleJob(req: BundleJobRequest, post: (m: BundleJobMessage) => void): Promise<void> {
  try {
    if (req.type === 'restore') {
      const r = await restoreBundle(req.bytes, req.passphrase, { fileName: req.fileName, onPhase: (phase) => post({ id: req.id, type: 'progress', phase, done: 0, total: 0 }) });
      if (!r.ok) return post({ id: req.id, type: 'restored', result: r });
      postStudy(post, req.id, r.data);
      return post({ id: req.id, type: 'restored', result: { ...r, data: null } });
    }
    if (req.type === 'refi') {
      post({ id: req.id, type: 'progress', phase: 'refi', done: 0, total: 0 });
      if (/\.qdc$/i.test(req.fileName)) {
        const r = importQdc(req.bytes, { now: req.now, fileName: req.fileName });
        if (!r.ok) return post({ id: req.id, type: 'refi', result: r });
        postStudy(post, req.id, qdcStudy(r.codes, req.fileName, req.now));
        return post({ id: req.id, type: 'refi', result: { ok: true, data: null, warnings: [], review: emptySummary() } });
      }
      const r = importQdpx(req.bytes, { now: req.now, fileName: req.fileName });
      if (!r.ok) return post({ id: req.id, type: 'refi', result: r });
      postStudy(post, req.id, r.data);
      return post({ id: req.id, type: 'refi', result: { ok: true, data: null, warnings: r.warnings, review: r.review } });
    }
    const bytes = await exportStudyJson(req.study, req.counts, req.opts);
    post({ id: req.id, type: 'packed', bytes });
  } catch (e) {
    post({ id: req.id, type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
}
