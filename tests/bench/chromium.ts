/**
 * The Chromium half of the bench: the app (built to .bench/web) and the bench page (.bench/page)
 * served on one 127.0.0.1 origin, driven by playwright-core against Debian's Chromium.
 *
 * - bench page: the scenarios of tests/bench/page/scenarios.ts on real IndexedDB, each with its long tasks;
 * - app: cold start to the study home, opening the large study's journey screen, JS heap (CDP), and
 *   the screen's own redraw measure (`journey:redraw`, JourneyScreen.tsx) over real filter changes;
 * - the gzip size of the app build.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, CDPSession, Page } from 'playwright-core';
import type { BenchApi, Measured, StudySize } from './page/api';
import { row, type BenchRow } from './page/stats';
import { launch, newSession } from '../e2e/chromium';
import { serve } from '../../scripts/static-server';
import type { Sizes } from './sizes';
import { workbenchBench } from './workbench';

const ROOT = resolve(import.meta.dirname, '../..');
/** BENCH_DIR lets two engineers bench at once without building over each other. */
const BENCH_DIR = resolve(ROOT, process.env.BENCH_DIR ?? '.bench');
const WEB = join(BENCH_DIR, 'web');
const PAGE = join(BENCH_DIR, 'page');
const fmt = (n: number) => n.toLocaleString('en-US');

/** Builds the app and the bench page into .bench/ (never dist/, which the e2e suite owns). */
export function buildAll(log: (s: string) => void): void {
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
  for (const args of [
    ['build', '--config', 'vite.web.config.ts', '--outDir', WEB, '--emptyOutDir'],
    ['build', '--config', 'vite.bench.config.ts', '--outDir', PAGE, '--emptyOutDir'],
  ]) {
    log(`chromium: vite ${args.slice(0, 3).join(' ')}`);
    // The bench's builds turn the bench marks on (renderer/perf/marks.ts); production has none.
    const r = spawnSync(process.execPath, [vite, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, REISEKART_BENCH_MARKS: '1' } });
    if (r.status !== 0) throw new Error(`vite ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  }
}

export interface BundleSize {
  jsGzip: number;
  cssGzip: number;
  raw: number;
  largestChunk: { name: string; gzip: number };
}

/** gzip -9 of every .js/.css/.html file of the build (source maps excluded: they are not shipped to the page). */
export function bundleSize(dir: string): BundleSize {
  const out: BundleSize = { jsGzip: 0, cssGzip: 0, raw: 0, largestChunk: { name: '', gzip: 0 } };
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) {
        walk(p);
        continue;
      }
      if (!/\.(js|css|html)$/.test(name)) continue;
      const bytes = readFileSync(p);
      const gz = gzipSync(bytes, { level: 9 }).length;
      out.raw += bytes.length;
      if (name.endsWith('.css')) out.cssGzip += gz;
      else out.jsGzip += gz;
      if (name.endsWith('.js') && gz > out.largestChunk.gzip) out.largestChunk = { name, gzip: gz };
    }
  };
  walk(dir);
  return out;
}

type Api = { __bench: BenchApi };

async function callBench<T>(page: Page, method: keyof BenchApi, ...args: unknown[]): Promise<Measured<T>> {
  return page.evaluate(
    ([m, a]) => ((window as unknown as Api).__bench[m as keyof BenchApi] as (...x: unknown[]) => Promise<unknown>)(...(a as unknown[])),
    [method, args] as const,
  ) as Promise<Measured<T>>;
}

function openDemoLabel(): string {
  const core = JSON.parse(readFileSync(join(ROOT, 'shared/locales/nb/core.json'), 'utf8')) as { home?: { openDemo?: string } };
  return core.home?.openDemo ?? 'Åpne demostudien';
}

/** Collects long tasks from the first script on, in every page of the context. */
const LONGTASK_INIT = `
  window.__longtasks = [];
  try { new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longtasks.push({ start: e.startTime, duration: e.duration }); }).observe({ type: 'longtask', buffered: true }); } catch {}
`;

async function longTasksSince(page: Page, since: number): Promise<{ max: number; count: number }> {
  await page.waitForTimeout(60);
  return page.evaluate((s) => {
    const all = (window as unknown as { __longtasks?: { start: number; duration: number }[] }).__longtasks ?? [];
    const mine = all.filter((e) => e.start >= s);
    return { max: mine.reduce((m, e) => Math.max(m, e.duration), 0), count: mine.length };
  }, since);
}

/** Navigation start → the demo card's button visible (polled every frame, so ±16 ms), and DOMContentLoaded as the peer. */
async function coldStart(page: Page, baseUrl: string, label: string): Promise<{ visible: number; dcl: number }> {
  await page.goto(baseUrl, { waitUntil: 'commit' });
  const visible = await page.waitForFunction(
    (text) => {
      for (const b of document.querySelectorAll('button')) if (b.textContent?.trim() === text && b.offsetParent !== null) return performance.now();
      return false;
    },
    label,
    { polling: 'raf', timeout: 60_000 },
  );
  const t = (await visible.jsonValue()) as number;
  const dcl = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.domContentLoadedEventEnd ?? 0);
  return { visible: t, dcl };
}

/** Raw IndexedDB getAll of `stores` in one read transaction, in the page (the app's database), `rounds` times. */
async function rawGetAllInPage(page: Page, stores: string[], rounds: number): Promise<{ median: number; runs: number[] }> {
  const runs = await page.evaluate(
    async ([names, n]) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open('reisekart');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        await new Promise((r) => setTimeout(r, 100));
        const t0 = performance.now();
        const tx = db.transaction(names, 'readonly');
        await Promise.all(
          names.map(
            (name) =>
              new Promise((resolve, reject) => {
                const r = tx.objectStore(name).getAll();
                r.onsuccess = () => resolve(r.result.length);
                r.onerror = () => reject(r.error);
              }),
          ),
        );
        out.push(performance.now() - t0);
      }
      db.close();
      return out;
    },
    [stores, rounds] as const,
  );
  return { median: median(runs), runs };
}

/**
 * JS heap in use summed over the page and every worker it runs (the analysis lives in a worker):
 * each target is attached through the page's CDP session (Target.setAutoAttach, non-flat), garbage
 * collected, then asked for Runtime.getHeapUsage.
 */
export async function heapOverTargets(cdp: CDPSession): Promise<{ total: number; parts: { type: string; used: number }[] }> {
  await cdp.send('HeapProfiler.collectGarbage');
  const page = await cdp.send('Runtime.getHeapUsage');
  const parts: { type: string; used: number }[] = [{ type: 'page', used: page.usedSize }];
  const attached: { sessionId: string; type: string }[] = [];
  const pending = new Map<number, (result: unknown) => void>();
  cdp.on('Target.attachedToTarget', (e) => attached.push({ sessionId: e.sessionId, type: e.targetInfo.type }));
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const msg = JSON.parse(e.message) as { id?: number; result?: unknown; error?: unknown };
    if (msg.id !== undefined) pending.get(msg.id)?.(msg.result ?? msg.error);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  await new Promise((r) => setTimeout(r, 300));
  let id = 1;
  const call = (sessionId: string, method: string): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const my = id++;
      const timer = setTimeout(() => reject(new Error(`${method} timed out in ${sessionId}`)), 30_000);
      pending.set(my, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: my, method }) });
    });
  for (const t of attached) {
    await call(t.sessionId, 'HeapProfiler.collectGarbage');
    const u = (await call(t.sessionId, 'Runtime.getHeapUsage')) as { usedSize?: number };
    parts.push({ type: t.type, used: u.usedSize ?? 0 });
  }
  await cdp.send('Target.setAutoAttach', { autoAttach: false, waitForDebuggerOnStart: false, flatten: false });
  return { total: parts.reduce((a, p) => a + p.used, 0), parts };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.ceil(s.length / 2) - 1] ?? Number.NaN;
}

export async function runChromiumBench(sizes: Sizes, log: (s: string) => void, opts: { build: boolean; appOnly?: boolean; workbenchOnly?: boolean; rows?: BenchRow[] }): Promise<{ rows: BenchRow[]; chromium: string }> {
  if (opts.build || !existsSync(join(WEB, 'index.html')) || !existsSync(join(PAGE, 'bench.html'))) buildAll(log);
  const { server, baseUrl } = await serve([
    { prefix: '/bench/', dir: PAGE },
    { prefix: '/', dir: WEB },
  ]);
  const browser: Browser = await launch();
  // The caller's array when given: rows measured before a failure are kept.
  const rows: BenchRow[] = opts.rows ?? [];
  const large: StudySize = { interviews: sizes.interviews, segments: sizes.segments, seed: 42 };
  const scaleText = `${fmt(sizes.interviews)} interviews / ${fmt(sizes.segments)} segments`;
  try {
    // ---------------------------------------------------------------- bench page scenarios
    if (!opts.appOnly && !opts.workbenchOnly) {
      const s = await newSession(browser, baseUrl);
      await s.page.goto(`${baseUrl}bench/bench.html`);
      await s.page.waitForSelector('#status[data-ready="true"]');

      log('chromium: journey filter changes');
      const j = await callBench<import('./page/scenarios').JourneyResult>(s.page, 'journey', large, sizes.filterChanges);
      const jr = j.result;
      rows.push(
        row({ id: 'journey.p50', env: 'chromium', label: 'Journey analysis + layout per filter change, p50', value: jr.analysis.p50, unit: 'ms', detail: `${jr.analysis.n} filter changes, ${scaleText}`, peer: { label: 'bare loop p50', value: jr.bare.p50 } }),
        row({ id: 'journey.p95', env: 'chromium', label: 'Journey analysis + layout per filter change, p95', value: jr.analysis.p95, unit: 'ms', detail: `${jr.analysis.n} filter changes, ${scaleText}`, limit: { op: '<', value: 50 }, peer: { label: 'bare loop p95', value: jr.bare.p95 } }),
        row({ id: 'journey.buildIndex', env: 'chromium', label: 'buildIndex (once per loaded study)', value: jr.buildIndexMs, unit: 'ms', detail: scaleText, peer: { label: 'bare loop p50', value: jr.bare.p50 } }),
        row({ id: 'longtask.journey', env: 'chromium', label: 'Longest task during the filter changes', value: j.longTasks.max, unit: 'ms', detail: `${j.longTasks.count} long tasks (> 50 ms)`, limit: { op: '<=', value: 200 } }),
      );

      log('chromium: anonymiser');
      const a = await callBench<import('./page/scenarios').AnonymiserResult>(s.page, 'anonymiser', large, sizes.anonymiserRounds);
      rows.push(
        row({ id: 'anonymiser', env: 'chromium', label: 'Anonymiser (detectIdentifiers) throughput', value: a.result.mbPerSecond, unit: 'MB/s', detail: `median of ${sizes.anonymiserRounds}, ${a.result.mb.toFixed(1)} MB of transcripts (main thread here; the app runs it in a worker)`, limit: { op: '>=', value: 5 } }),
      );

      log('chromium: loadStudyData');
      const l = await callBench<import('./page/scenarios').LoadResult>(s.page, 'load', large, sizes.loadRounds);
      rows.push(
        row({ id: 'load', env: 'chromium', label: 'loadStudyData, whole study', value: l.result.load, unit: 'ms', detail: `median of ${l.result.rounds}, ${scaleText} (written once by replaceStudyData in ${fmt(Math.round(l.result.writeMs))} ms)`, peer: { label: 'raw getAll of every store', value: l.result.raw, maxRatio: 1.5 } }),
        row({ id: 'longtask.load', env: 'chromium', label: 'Longest task during the loads', value: l.result.appLongestTaskMs ?? l.longTasks.max, unit: 'ms', detail: `the app's path only: replaceStudyData ${fmt(Math.round(l.result.appLongestByPhase?.write ?? 0))} ms, loadStudyData ${fmt(Math.round(l.result.appLongestByPhase?.load ?? 0))} ms; ${l.longTasks.count} long tasks in the whole scenario, the raw getAll peer's one-clone reads included (longest ${fmt(Math.round(l.longTasks.max))} ms)`, limit: { op: '<=', value: 200 } }),
      );

      log('chromium: saveSegment');
      const sv = await callBench<import('./page/scenarios').SaveResult>(s.page, 'save', large, sizes.saves);
      rows.push(
        row({ id: 'save', env: 'chromium', label: 'Coding a segment: saveSegment, p95', value: sv.result.save.p95, unit: 'ms', detail: `${sv.result.save.n} saves, p50 ${sv.result.save.p50.toFixed(1)} ms, store of ${scaleText}, durability strict`, limit: { op: '<', value: 50 }, peer: { label: 'raw put p95', value: sv.result.raw.p95 } }),
      );
      await s.page.evaluate(() => (window as unknown as Api).__bench.forget());

      log('chromium: CSV import');
      const csvSize: StudySize = { interviews: sizes.interviews, segments: sizes.csvRows, seed: 43 };
      const c = await callBench<import('./page/scenarios').CsvResult>(s.page, 'csv', csvSize, sizes.csvRounds);
      const cr = c.result;
      rows.push(
        row({ id: 'csv', env: 'chromium', label: `CSV import, ${fmt(cr.rows)} segment rows`, value: cr.importMs, unit: 'ms', detail: `${(cr.bytes / 2 ** 20).toFixed(1)} MB; parse ${fmt(Math.round(cr.parseMs))} + records ${fmt(Math.round(cr.toRecordsMs))} + write ${fmt(Math.round(cr.writeMs))} ms; peer: Papa ${fmt(Math.round(cr.papaMs))} + raw write ${fmt(Math.round(cr.rawWriteMs))} ms`, peer: { label: 'PapaParse + raw bulk write', value: cr.papaMs + cr.rawWriteMs, maxRatio: 1.5 } }),
        // The app's path only (worker parse + validate, chunked write): the raw peer's one-task bulk write is not the app's.
        row({ id: 'longtask.csv', env: 'chromium', label: 'Longest task during the CSV import', value: cr.appLongestTaskMs ?? c.longTasks.max, unit: 'ms', detail: `${cr.appLongTasks} long tasks on the page during the app's path (worker parse + validate, chunked write), ${cr.rounds} rounds; ${c.longTasks.count} in the whole scenario, raw peer included`, limit: { op: '<=', value: 200 } }),
      );
      await s.context.close();
    }

    const label = openDemoLabel();
    // ---------------------------------------------------------------- the coding workbench, 20,000 words
    log('chromium: coding workbench');
    rows.push(...(await workbenchBench(browser, { baseUrl, longTaskInit: LONGTASK_INIT, coldStart, longTasksSince, label, log })));
    if (opts.workbenchOnly) return { rows, chromium: browser.version() };

    // ---------------------------------------------------------------- the app: cold start
    const colds: number[] = [];
    const dcls: number[] = [];
    let coldLong = { max: 0, count: 0 };
    log('chromium: cold start');
    for (let i = 0; i < 3; i++) {
      const s = await newSession(browser, baseUrl);
      await s.context.addInitScript(LONGTASK_INIT);
      const r = await coldStart(s.page, baseUrl, label);
      colds.push(r.visible);
      dcls.push(r.dcl);
      const lt = await longTasksSince(s.page, 0);
      if (lt.max > coldLong.max) coldLong = lt;
      if (s.errors.length > 0) log(`  console errors: ${s.errors.join(' | ')}`);
      await s.context.close();
    }
    rows.push(
      row({ id: 'coldstart', env: 'chromium', label: 'Cold start: navigation → demo card visible (fresh profile, seeds the demo)', value: median(colds), unit: 'ms', detail: `median of 3 fresh profiles (${colds.map((c) => Math.round(c)).join(', ')} ms)`, peer: { label: 'DOMContentLoaded of the same load', value: median(dcls) } }),
      row({ id: 'longtask.coldstart', env: 'chromium', label: 'Longest task during cold start', value: coldLong.max, unit: 'ms', detail: `${coldLong.count} long tasks in the worst of 3`, limit: { op: '<=', value: 200 } }),
    );

    // ---------------------------------------------------------------- the app with the large study
    {
      const s = await newSession(browser, baseUrl);
      await s.context.addInitScript(LONGTASK_INIT);
      await coldStart(s.page, baseUrl, label); // the demo is seeded, as on a real first run
      const warm = await coldStart(s.page, baseUrl, label);
      rows.push(row({ id: 'warmstart', env: 'chromium', label: 'Start with an existing profile: navigation → demo card visible', value: warm.visible, unit: 'ms', detail: 'second load of the same profile', peer: { label: 'DOMContentLoaded of the same load', value: warm.dcl } }));

      log('chromium: seeding the app database with the large study');
      const benchPage = await s.context.newPage();
      await benchPage.goto(`${baseUrl}bench/bench.html`);
      await benchPage.waitForSelector('#status[data-ready="true"]');
      const seeded = await callBench<string>(benchPage, 'seedApp', large);
      await benchPage.close();

      log('chromium: opening the large study on the journey screen');
      const page = s.page;
      const t0 = Date.now();
      await page.goto(`${baseUrl}#/study/${encodeURIComponent(seeded.result)}/journey`);
      await page.waitForSelector('[data-testid="journey-map"] svg', { timeout: 600_000 });
      const firstMapMs = Date.now() - t0;
      await page.waitForSelector('[data-testid="journey-map"][data-complete="true"], [data-testid="journey-map"]:not([data-complete])', { timeout: 600_000 });
      await page.waitForSelector('[data-testid="filter-actor"]');
      const openMs = Date.now() - t0;
      const openLong = await longTasksSince(page, 0);
      // The peer: a raw getAll of the stores the journey screen reads (the worker reads the study,
      // its interviews, codes and segments; no transcripts), in the same page, median of 3.
      const rawOpen = await rawGetAllInPage(page, ['studies', 'interviews', 'codes', 'segments'], 3);
      rows.push(
        row({ id: 'open.firstMap', env: 'chromium', label: 'Open the large study: navigation → first journey map on screen', value: firstMapMs, unit: 'ms', detail: `${scaleText}; the map is drawn from the full index (no snapshot yet)`, limit: { op: '<', value: 1000 } }),
        row({ id: 'open.full', env: 'chromium', label: 'Open the large study on the journey screen (load + index + first draw)', value: openMs, unit: 'ms', detail: `${scaleText}; raw getAll runs ${rawOpen.runs.map((r) => fmt(Math.round(r))).join(', ')} ms`, peer: { label: 'raw getAll of studies, interviews, codes, segments (same page)', value: rawOpen.median, maxRatio: 1.3 } }),
        row({ id: 'longtask.open', env: 'chromium', label: 'Longest task while opening the large study', value: openLong.max, unit: 'ms', detail: `${openLong.count} long tasks`, limit: { op: '<=', value: 200 } }),
      );

      const cdp = await s.context.newCDPSession(page);
      const mem = await heapOverTargets(cdp);
      const memLimit = sizes.name === 'large' ? 500 : 300;
      rows.push(row({ id: 'heap', env: 'chromium', label: 'JS heap after opening the large study, page + every worker (after GC)', value: mem.total / 2 ** 20, unit: 'MB', detail: `CDP Runtime.getHeapUsage usedSize after HeapProfiler.collectGarbage in each target: ${mem.parts.map((p) => `${p.type} ${(p.used / 2 ** 20).toFixed(1)} MB`).join(', ')}; journey screen, ${scaleText}`, limit: { op: '<', value: memLimit } }));

      log('chromium: journey redraws in the app');
      const redraw = await appRedraws(page, sizes.filterChanges);
      const since = redraw.since;
      const lt = await longTasksSince(page, since);
      const analysisP95 = rows.find((r) => r.id === 'journey.p95' && r.env === 'chromium')?.value ?? Number.NaN;
      rows.push(
        row({ id: 'redraw.p50', env: 'chromium', label: 'Journey screen full redraw per filter change (journey:redraw), p50', value: redraw.p50, unit: 'ms', detail: `${redraw.n} filter changes via the screen's selects, ${scaleText}`, peer: { label: 'analysis + layout p50 (bench page)', value: rows.find((r) => r.id === 'journey.p50' && r.env === 'chromium')?.value ?? Number.NaN } }),
        row({ id: 'redraw.p95', env: 'chromium', label: 'Journey screen full redraw per filter change (journey:redraw), p95', value: redraw.p95, unit: 'ms', detail: `${redraw.n} filter changes; mark → next frame painted`, limit: { op: '<', value: 50 }, peer: { label: 'analysis + layout p95 (bench page)', value: analysisP95 } }),
        row({ id: 'longtask.redraw', env: 'chromium', label: 'Longest task during the screen redraws', value: lt.max, unit: 'ms', detail: `${lt.count} long tasks`, limit: { op: '<=', value: 200 } }),
      );
      if (s.errors.length > 0) log(`  console errors: ${s.errors.join(' | ')}`);
      await s.context.close();
    }

    const b = bundleSize(WEB);
    rows.push(
      row({ id: 'bundle', env: 'chromium', label: 'Renderer bundle, gzip -9 (JS + CSS + HTML, no source maps)', value: (b.jsGzip + b.cssGzip) / 1024, unit: 'KB', detail: `JS ${fmt(Math.round(b.jsGzip / 1024))} KB, CSS ${fmt(Math.round(b.cssGzip / 1024))} KB; largest chunk ${b.largestChunk.name} ${fmt(Math.round(b.largestChunk.gzip / 1024))} KB`, peer: { label: 'uncompressed', value: b.raw / 1024 } }),
    );
    return { rows, chromium: browser.version() };
  } finally {
    await browser.close();
    server.close();
  }
}

/**
 * Drives the journey screen's selects through distinct filters (actor × group, a new pair at every
 * step) and reads the screen's own `journey:redraw` measures.
 */
async function appRedraws(page: Page, changes: number): Promise<{ p50: number; p95: number; n: number; since: number }> {
  const options = async (testId: string) =>
    page.$$eval(`[data-testid="${testId}"] option`, (os) => os.map((o) => (o as HTMLOptionElement).value));
  const groups = await options('filter-group');
  const actors = await options('filter-actor');
  const codes = await options('filter-code');
  const since = await page.evaluate(() => performance.now());
  await page.evaluate(() => performance.clearMeasures('journey:redraw'));
  const steps: { testId: string; value: string }[] = [];
  // Walk actor-major, group-minor: every step selects a (actor, group, code) state not seen before.
  outer: for (const code of codes.slice(0, 4)) {
    steps.push({ testId: 'filter-code', value: code });
    for (const actor of actors) {
      steps.push({ testId: 'filter-actor', value: actor });
      for (const g of groups) {
        steps.push({ testId: 'filter-group', value: g });
        if (steps.length >= changes + 5) break outer;
      }
    }
  }
  const current = new Map<string, string>();
  let count = 0;
  for (const step of steps) {
    if (count >= changes) break;
    const before = current.get(step.testId) ?? (await page.$eval(`[data-testid="${step.testId}"]`, (e) => (e as HTMLSelectElement).value));
    if (before === step.value) continue;
    await page.selectOption(`[data-testid="${step.testId}"]`, step.value);
    current.set(step.testId, step.value);
    count++;
    await page.waitForFunction((n) => performance.getEntriesByName('journey:redraw').length >= n, count, { polling: 'raf', timeout: 30_000 });
  }
  const durations = await page.evaluate(() => performance.getEntriesByName('journey:redraw').map((e) => e.duration));
  const sorted = [...durations].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(Math.max(Math.ceil((p / 100) * sorted.length), 1), sorted.length) - 1] ?? Number.NaN;
  return { p50: at(50), p95: at(95), n: durations.length, since };
}
