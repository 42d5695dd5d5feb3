/**
 * Performance marks for the bench (npm run bench), and nowhere else: every mark the screens set
 * goes through this module. They are on only in the bench's build of the app
 * (tests/bench/chromium.ts builds with REISEKART_BENCH_MARKS=1, which vite.web.config.ts turns
 * into `__BENCH_MARKS__ = true`); the production build defines it false, so the minifier drops
 * the bodies below, and in tests (no define) they do nothing.
 *
 * Names the bench reads: `journey:redraw` (filter change → map painted), `coding:select`
 * (keydown → selection painted), `coding:save` (the segment's durable write) and
 * `coding:saved` (the save's status painted).
 */
declare const __BENCH_MARKS__: boolean | undefined;

export const BENCH_MARKS: boolean = typeof __BENCH_MARKS__ !== 'undefined' && __BENCH_MARKS__;

/** After the current commit: the next frame is painted, then the macrotask after it runs. */
function afterPaint(fn: () => void): void {
  requestAnimationFrame(() => window.setTimeout(fn, 0));
}

export function benchMark(name: string): void {
  if (BENCH_MARKS) performance.mark(name);
}

/** A measure from `start` (a mark name or a time) to now, taken after the next paint. */
export function benchMeasureAfterPaint(name: string, start: string | number): void {
  if (!BENCH_MARKS) return;
  afterPaint(() => {
    if (typeof start === 'string') {
      performance.mark(`${name}:end`);
      performance.measure(name, start, `${name}:end`);
    } else performance.measure(name, { start, end: performance.now() });
  });
}

/** A mark set after the next paint (e.g. a status message shown). */
export function benchMarkAfterPaint(name: string): void {
  if (BENCH_MARKS) afterPaint(() => performance.mark(name));
}

/** A measure of `ms` that just ended (an operation timed by the caller). */
export function benchDuration(name: string, ms: number): void {
  if (!BENCH_MARKS) return;
  const end = performance.now();
  performance.measure(name, { start: end - ms, end });
}
