/**
 * `npm run test:e2e:stress`: the whole end-to-end suite N times in a row (default 5) with every
 * page's CPU throttled (default 4x, CDP Emulation.setCPUThrottlingRate), to prove that no wait in
 * the suite is shorter than a loaded machine needs. CI runs the suite once; this is run before a
 * change to the suite or to anything it waits for lands.
 *   npm run test:e2e:stress -- [--runs 5] [--rate 4] [vitest filters…]
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
function take(flag: string, fallback: number): number {
  const i = args.indexOf(flag);
  if (i < 0) return fallback;
  const n = Number(args[i + 1]);
  args.splice(i, 2);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}
const runs = take('--runs', 5);
const rate = take('--rate', 4);

const results: { run: number; ok: boolean; seconds: number }[] = [];
for (let run = 1; run <= runs; run++) {
  const t0 = Date.now();
  console.log(`\n== e2e stress run ${run}/${runs} (CPU throttled ${rate}x)`);
  const r = spawnSync(process.execPath, [resolve(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'vitest.e2e.config.ts', ...args], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, REISEKART_CPU_THROTTLE: String(rate) },
  });
  results.push({ run, ok: r.status === 0, seconds: Math.round((Date.now() - t0) / 1000) });
}
console.log('\n== e2e stress summary');
for (const r of results) console.log(`run ${r.run}: ${r.ok ? 'passed' : 'FAILED'} in ${r.seconds} s`);
const passed = results.filter((r) => r.ok).length;
console.log(`${passed} of ${runs} runs passed (CPU throttled ${rate}x)`);
process.exit(passed === runs ? 0 : 1);
