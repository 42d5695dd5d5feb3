/**
 * The coding workbench on a 20,000-word transcript (issue "Coding workbench": "a 20,000-word
 * transcript scrolls and selects smoothly"), in the built app on Debian's Chromium:
 *
 * - time to interactive: navigation → the first transcript block's text visible (polled every frame);
 * - scrolling: the transcript container from top to bottom in ~40 `scrollTop` steps, one frame each,
 *   gaps between requestAnimationFrame timestamps; the longest long task while scrolling;
 * - selecting: at 10 points spread through the transcript (caret placed by a click), `s` then `]`
 *   three times; each key → selection painted is the workbench's own `coding:select` measure
 *   (Workbench.tsx: keydown timestamp → commit → next frame);
 * - coding one segment by keys (`s`, `1`, `i`, `p`, Enter) → the status painted (the workbench's
 *   `coding:saved` mark) and the save's own time (`coding:save`); bench marks, renderer/perf/marks.ts.
 */
import type { Browser, Page } from 'playwright-core';
import type { BenchApi, Measured } from './page/api';
import { row, summarise, type BenchRow } from './page/stats';
import { newSession } from '../e2e/chromium';

export const WORKBENCH_WORDS = 20_000;
const SEED = 7;
const SCROLL_STEPS = 40;
const SCROLL_PASSES = 3;
const SELECT_POINTS = 10;
const EXTENDS = 3;
const CODINGS = 5;

type Api = { __bench: BenchApi };
type Seeded = { studyId: string; interviewId: string; words: number; chars: number; turns: number };

export interface WorkbenchDeps {
  baseUrl: string;
  longTaskInit: string;
  coldStart: (page: Page, baseUrl: string, label: string) => Promise<{ visible: number; dcl: number }>;
  longTasksSince: (page: Page, since: number) => Promise<{ max: number; count: number }>;
  label: string;
  log: (s: string) => void;
}

const fmt = (n: number) => n.toLocaleString('en-US');

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.ceil(s.length / 2) - 1] ?? Number.NaN;
}

/** Navigation (a real load, not a hash change) → first transcript block with text on screen, in the page's clock. */
async function openWorkbench(page: Page, url: string): Promise<number> {
  await page.goto('about:blank');
  await page.goto(url, { waitUntil: 'commit' });
  const h = await page.waitForFunction(
    () => {
      const b = document.querySelector<HTMLElement>('[data-testid="transcript"] .t-block');
      return b && b.offsetParent !== null && (b.textContent ?? '').trim().length > 0 ? performance.now() : false;
    },
    undefined,
    { polling: 'raf', timeout: 60_000 },
  );
  return (await h.jsonValue()) as number;
}

/** One pass top → bottom in `steps` scrollTop steps, one frame each: the gaps between frames. */
async function scrollPass(page: Page, steps: number): Promise<{ gaps: number[]; steps: number; height: number }> {
  return page.evaluate(async (n) => {
    const el = document.querySelector<HTMLElement>('[data-testid="transcript"]');
    if (!el) throw new Error('no transcript');
    // No named helpers in here: tsx's keepNames would wrap them in a __name the page lacks.
    el.scrollTop = 0;
    await new Promise<number>((r) => requestAnimationFrame(r));
    await new Promise<number>((r) => requestAnimationFrame(r));
    const stamps: number[] = [await new Promise<number>((r) => requestAnimationFrame(r))];
    let i = 0;
    // The virtualiser measures rows as they appear, so the height can grow: recompute the rest each step.
    for (; i < n * 2; i++) {
      const rest = el.scrollHeight - el.clientHeight - el.scrollTop;
      if (rest <= 1) break;
      el.scrollTop += Math.ceil(rest / Math.max(1, n - i));
      stamps.push(await new Promise<number>((r) => requestAnimationFrame(r)));
    }
    const gaps = stamps.slice(1).map((t, k) => t - (stamps[k] as number));
    return { gaps, steps: i, height: el.scrollHeight };
  }, steps);
}

/** Scrolls so the transcript shows fraction `f` of its height and clicks into an informant's turn near the middle: the caret lands there. */
async function placeCaret(page: Page, f: number): Promise<void> {
  const point = await page.evaluate(async (frac) => {
    const el = document.querySelector<HTMLElement>('[data-testid="transcript"]');
    if (!el) throw new Error('no transcript');
    el.scrollTop = (el.scrollHeight - el.clientHeight) * frac;
    for (let k = 0; k < 3; k++) await new Promise((r) => requestAnimationFrame(r));
    const box = el.getBoundingClientRect();
    const mid = box.top + box.height / 2;
    let best: { x: number; y: number; d: number } | null = null;
    for (const p of el.querySelectorAll<HTMLElement>('.t-block[data-participant="P1"]')) {
      const span = p.querySelector('span');
      if (!span) continue;
      const r = span.getClientRects()[0];
      if (!r || r.top < box.top || r.bottom > box.bottom) continue;
      const d = Math.abs(r.top - mid);
      if (!best || d < best.d) best = { x: r.left + Math.min(40, r.width / 2), y: r.top + r.height / 2, d };
    }
    return best;
  }, f);
  if (!point) throw new Error(`no informant turn on screen at ${f}`);
  await page.mouse.click(point.x, point.y);
}

async function pressMeasured(page: Page, key: string): Promise<void> {
  const n = await page.evaluate(() => performance.getEntriesByName('coding:select').length);
  await page.keyboard.press(key);
  await page.waitForFunction((m) => performance.getEntriesByName('coding:select').length > m, n, { polling: 'raf', timeout: 10_000 });
}

// The workbench's bench marks (renderer/perf/marks.ts): `coding:save` measures the durable write,
// `coding:saved` is set once the status is painted. Read from marks, never from the screen's text.
const SAVE_WATCH = `
  window.__keys = [];
  window.__saved = [];
  let lastSave = NaN;
  document.addEventListener('keydown', (e) => window.__keys.push({ key: e.key, t: e.timeStamp }), true);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.entryType === 'measure' && e.name === 'coding:save') lastSave = e.duration;
      if (e.entryType === 'mark' && e.name === 'coding:saved') window.__saved.push({ save: lastSave, painted: e.startTime });
    }
  }).observe({ entryTypes: ['mark', 'measure'] });
`;

interface SaveSample {
  endToEnd: number;
  enterToSaved: number;
  announced: number;
}

async function codeOne(page: Page, f: number): Promise<SaveSample> {
  await placeCaret(page, f);
  const before = await page.evaluate(() => (window as unknown as { __saved: unknown[] }).__saved.length);
  await page.evaluate(() => ((window as unknown as { __keys: unknown[] }).__keys.length = 0));
  for (const k of ['s', '1', 'i', 'p', 'Enter']) await page.keyboard.press(k);
  await page.waitForFunction((b) => (window as unknown as { __saved: unknown[] }).__saved.length > b, before, { polling: 'raf', timeout: 30_000 });
  return page.evaluate(() => {
    const w = window as unknown as { __keys: { key: string; t: number }[]; __saved: { save: number; painted: number }[] };
    const saved = w.__saved[w.__saved.length - 1] as { save: number; painted: number };
    const s = w.__keys.find((k) => k.key === 's')?.t ?? Number.NaN;
    const enter = w.__keys.find((k) => k.key === 'Enter')?.t ?? Number.NaN;
    return { endToEnd: saved.painted - s, enterToSaved: saved.painted - enter, announced: Math.round(saved.save) };
  });
}

export async function workbenchBench(browser: Browser, d: WorkbenchDeps): Promise<BenchRow[]> {
  const s = await newSession(browser, d.baseUrl);
  const rows: BenchRow[] = [];
  try {
    await s.context.addInitScript(d.longTaskInit);
    await d.coldStart(s.page, d.baseUrl, d.label); // the app creates its database and the demo, as on a first run

    d.log(`chromium: seeding one anonymised interview of ${fmt(WORKBENCH_WORDS)} words`);
    const benchPage = await s.context.newPage();
    await benchPage.goto(`${d.baseUrl}bench/bench.html`);
    await benchPage.waitForSelector('#status[data-ready="true"]');
    const seeded = (await benchPage.evaluate(([w, seed]) => (window as unknown as Api).__bench.seedWorkbench(w, seed), [WORKBENCH_WORDS, SEED] as const)) as Measured<Seeded>;
    await benchPage.close();
    const sd = seeded.result;
    const scale = `1 interview, ${fmt(sd.words)} words, ${fmt(sd.chars)} characters, ${fmt(sd.turns)} turns`;
    const url = `${d.baseUrl}#/study/${encodeURIComponent(sd.studyId)}/coding/${encodeURIComponent(sd.interviewId)}`;

    d.log('chromium: workbench time to interactive');
    const ttis: number[] = [];
    let openLong = { max: 0, count: 0 };
    for (let i = 0; i < 3; i++) {
      ttis.push(await openWorkbench(s.page, url));
      // Each load is a new document (its own long-task list): keep the worst load.
      const lt = await d.longTasksSince(s.page, 0);
      if (lt.max > openLong.max || (lt.max === openLong.max && lt.count > openLong.count)) openLong = lt;
    }
    const blocksInDom = await s.page.locator('[data-testid="transcript"] .t-block').count();
    rows.push(
      row({ id: 'workbench.tti', env: 'chromium', label: `Workbench on a ${fmt(WORKBENCH_WORDS)}-word transcript: navigation → transcript text visible`, value: median(ttis), unit: 'ms', detail: `median of 3 loads (${ttis.map((t) => Math.round(t)).join(', ')} ms), ${scale}; ${blocksInDom} of ${fmt(sd.turns)} turns in the DOM (virtualised)` }),
      row({ id: 'longtask.workbench.open', env: 'chromium', label: 'Longest task while opening the workbench', value: openLong.max, unit: 'ms', detail: `${openLong.count} long tasks in the worst of 3 loads`, limit: { op: '<=', value: 200 } }),
    );

    d.log('chromium: workbench scrolling');
    const scrollSince = await s.page.evaluate(() => performance.now());
    const gaps: number[] = [];
    const stepCounts: number[] = [];
    let height = 0;
    for (let p = 0; p < SCROLL_PASSES; p++) {
      const r = await scrollPass(s.page, SCROLL_STEPS);
      gaps.push(...r.gaps);
      stepCounts.push(r.steps);
      height = r.height;
    }
    const scrollLong = await d.longTasksSince(s.page, scrollSince);
    const g = summarise(gaps);
    rows.push(
      row({ id: 'workbench.scroll.p95', env: 'chromium', label: 'Workbench scrolling top → bottom: frame gap, p95', value: g.p95, unit: 'ms', detail: `${SCROLL_PASSES} passes of ${stepCounts.join('/')} scrollTop steps over ${fmt(Math.round(height))} px, one frame each; ${g.n} gaps, p50 ${g.p50.toFixed(1)} ms, max ${g.max.toFixed(1)} ms`, limit: { op: '<=', value: 50 } }),
      row({ id: 'longtask.workbench.scroll', env: 'chromium', label: 'Longest task while scrolling the workbench', value: scrollLong.max, unit: 'ms', detail: `${scrollLong.count} long tasks`, limit: { op: '<=', value: 200 } }),
    );

    d.log('chromium: workbench selecting');
    const selectSince = await s.page.evaluate(() => {
      performance.clearMeasures('coding:select');
      return performance.now();
    });
    for (let i = 0; i < SELECT_POINTS; i++) {
      await placeCaret(s.page, (i + 0.5) / SELECT_POINTS);
      await pressMeasured(s.page, 's');
      for (let k = 0; k < EXTENDS; k++) await pressMeasured(s.page, ']');
      // A measure without a visible selection would be a false figure: the sentence and three more must be highlighted.
      const selected = await s.page.evaluate(() => [...document.querySelectorAll('[data-testid="transcript"] span.sel')].map((e) => e.textContent ?? '').join(''));
      if (selected.trim().length < 20) throw new Error(`no selection painted at point ${i} (got ${JSON.stringify(selected)})`);
      await s.page.keyboard.press('Escape');
    }
    const selLong = await d.longTasksSince(s.page, selectSince);
    const selDur = await s.page.evaluate(() => performance.getEntriesByName('coding:select').map((e) => e.duration));
    const sel = summarise(selDur);
    rows.push(
      row({ id: 'workbench.select.p95', env: 'chromium', label: 'Workbench selecting (s, then ] ×3): key → selection painted, p95', value: sel.p95, unit: 'ms', detail: `${sel.n} keys at ${SELECT_POINTS} points through the transcript, p50 ${sel.p50.toFixed(1)} ms, max ${sel.max.toFixed(1)} ms; coding:select = keydown timestamp → commit → next frame; longest task ${selLong.max.toFixed(0)} ms`, limit: { op: '<', value: 100 } }),
    );

    d.log('chromium: workbench coding by keys');
    await s.page.evaluate(SAVE_WATCH);
    const saves: SaveSample[] = [];
    for (let i = 0; i < CODINGS; i++) saves.push(await codeOne(s.page, (i + 0.25) / CODINGS));
    const total = await s.page.getByTestId('wb-total').innerText();
    if (!total.includes(String(CODINGS))) throw new Error(`expected ${CODINGS} saved segments, the workbench says "${total}"`);
    const e2e = summarise(saves.map((x) => x.endToEnd));
    rows.push(
      row({ id: 'workbench.code.p50', env: 'chromium', label: 'Coding one segment by keys (s 1 i p Enter) → "Lagret" shown, p50', value: e2e.p50, unit: 'ms', detail: `${e2e.n} segments; keydown s → status painted, coding:saved mark (incl. Playwright's key delivery); Enter → shown p50 ${median(saves.map((x) => x.enterToSaved)).toFixed(0)} ms; saves (coding:save) ${saves.map((x) => x.announced).join(', ')} ms` }),
    );
    if (s.errors.length > 0) d.log(`  console errors: ${s.errors.join(' | ')}`);
    return rows;
  } finally {
    await s.context.close();
  }
}
