/**
 * The bench page (tests/bench/page/bench.html, built by vite.bench.config.ts): the scenarios of
 * scenarios.ts in real Chromium with real IndexedDB, each watched by a long-task observer.
 * It is served beside the built app on the same origin, so `seedApp` can fill the app's database.
 */
import { generateStudy } from '../../../fixtures/generator';
import type { StudyData } from '../../../shared/model';
import { DB_NAME, openDatabase, replaceStudyData } from '../../../renderer/db';
import { countWords, workbenchStudy } from './workbench';
import type { BenchApi, LongTasks, Measured, StudySize } from './api';
import { benchAnonymiser, benchCsvImport, benchJourney, benchLoad, benchSaveSegment, transcriptText, type IdbEnv } from './scenarios';

const longTasks: PerformanceEntry[] = [];
new PerformanceObserver((list) => longTasks.push(...list.getEntries())).observe({ type: 'longtask', buffered: true });

const now = () => performance.now();
/** A macrotask boundary (MessageChannel: no 4 ms clamp), so each timed step is its own task. */
const tick = () =>
  new Promise<void>((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve();
    ch.port2.postMessage(null);
  });
const env: IdbEnv = { indexedDB, IDBKeyRange };

const studies = new Map<string, StudyData>();
function study(size: StudySize): StudyData {
  const key = `${size.interviews}/${size.segments}/${size.seed}`;
  let s = studies.get(key);
  if (!s) {
    s = generateStudy(size);
    studies.set(key, s);
  }
  return s;
}

function heap(): number | null {
  const m = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
  return m ? m.usedJSHeapSize : null;
}

/** Runs `work` after the study is generated (generation is not what is measured) and reports its long tasks. */
async function measured<T>(prepare: () => void, work: () => Promise<T> | T): Promise<Measured<T>> {
  prepare();
  await tick();
  const start = performance.now();
  const result = await work();
  // Long-task entries are delivered asynchronously: give the observer a frame to report.
  await new Promise((r) => setTimeout(r, 50));
  const mine = longTasks.filter((e) => e.startTime >= start);
  const lt: LongTasks = { max: mine.reduce((m, e) => Math.max(m, e.duration), 0), count: mine.length };
  return { result, longTasks: lt, heapBytes: heap() };
}

const api: BenchApi = {
  journey: (size, changes) => measured(() => study(size), () => benchJourney(study(size), changes, now, tick)),
  anonymiser: (size, rounds) => {
    let text = '';
    return measured(() => (text = transcriptText(study(size))), () => benchAnonymiser(text, rounds, now));
  },
  load: (size, rounds) => measured(() => study(size), () => benchLoad(env, study(size), rounds, now, tick)),
  csv: (size, rounds) => measured(() => study(size), () => benchCsvImport(env, study(size), now, tick, rounds)),
  save: (size, n) => measured(() => study(size), () => benchSaveSegment(env, study(size), n, now, tick)),
  seedApp: (size) =>
    measured(
      () => study(size),
      async () => {
        const db = openDatabase(DB_NAME);
        const r = await replaceStudyData(db, study(size));
        db.close();
        if (!r.ok) throw new Error(`seeding the app database failed: ${JSON.stringify(r).slice(0, 300)}`);
        return study(size).study.id;
      },
    ),
  seedWorkbench: (words, seed) =>
    measured(
      () => undefined,
      async () => {
        const data = workbenchStudy(words, seed);
        const db = openDatabase(DB_NAME);
        const r = await replaceStudyData(db, data);
        db.close();
        if (!r.ok) throw new Error(`seeding the workbench study failed: ${JSON.stringify(r).slice(0, 300)}`);
        const t = data.transcripts[0];
        return { studyId: data.study.id, interviewId: data.interviews[0]?.id ?? '', words: countWords(t?.text ?? ''), chars: t?.text.length ?? 0, turns: t?.turns.length ?? 0 };
      },
    ),
  forget: () => studies.clear(),
};

(window as unknown as { __bench: BenchApi }).__bench = api;
document.getElementById('status')?.setAttribute('data-ready', 'true');
