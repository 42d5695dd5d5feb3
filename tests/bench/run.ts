/**
 * npm run bench [-- --tiny] [--node-only] [--app-only] [--workbench-only] [--no-build] [--out <dir>]
 *
 * --app-only: only the Chromium app scenarios (cold start, opening the large study on the journey
 * screen, heap, redraws; the bench page only seeds the study). It writes JSON and docs/bench.md
 * only with --out, so a quick iteration never overwrites the full run's results.
 * --workbench-only: only the coding workbench on a 20,000-word transcript (tests/bench/workbench.ts);
 * like --app-only it writes nothing without --out.
 * BENCH_DIR=<folder> builds into <folder>/web and <folder>/page instead of .bench/ (parallel runs).
 *
 * Runs the Node scenarios, then the Chromium ones (the app and a bench page built into .bench/,
 * served on 127.0.0.1), and writes <out>/bench-results/latest.json and the results section of
 * <out>/docs/bench.md (default out: the repository). Targets are reported as PASS/FAIL, never
 * asserted: the exit code is 0 whenever the bench itself ran.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from '../../renderer/bench/stats';
import { machine } from './machine';
import { runNodeBench } from './node';
import { resultsSection, updateDoc, type BenchResults } from './report';
import { scale } from './sizes';

const ROOT = resolve(import.meta.dirname, '../..');

export interface RunOptions {
  tiny: boolean;
  nodeOnly: boolean;
  appOnly?: boolean;
  workbenchOnly?: boolean;
  build: boolean;
  out: string;
}

export function parseRunArgs(argv: readonly string[]): RunOptions {
  const outAt = argv.indexOf('--out');
  return {
    tiny: argv.includes('--tiny'),
    nodeOnly: argv.includes('--node-only'),
    appOnly: argv.includes('--app-only'),
    workbenchOnly: argv.includes('--workbench-only'),
    build: !argv.includes('--no-build'),
    out: outAt >= 0 && argv[outAt + 1] ? resolve(argv[outAt + 1] as string) : ROOT,
  };
}

export async function runBench(opts: RunOptions, log: (s: string) => void = console.log): Promise<BenchResults> {
  const t0 = performance.now();
  const sizes = scale(opts.tiny);
  const m = machine();
  const rows: BenchRow[] = [];
  if (!opts.nodeOnly) {
    // Chromium first: the Node scenarios leave a large heap behind in this process.
    const { runChromiumBench } = await import('./chromium');
    const c = await runChromiumBench(sizes, log, { build: opts.build, appOnly: opts.appOnly === true, workbenchOnly: opts.workbenchOnly === true });
    rows.push(...c.rows);
    m.chromium = c.chromium;
  }
  const subset = opts.appOnly === true || opts.workbenchOnly === true;
  if (!subset) rows.push(...(await runNodeBench(sizes, log)));
  const res: BenchResults = {
    machine: m,
    scale: `${opts.tiny ? 'tiny' : 'full'}: ${sizes.interviews} interviews / ${sizes.segments} segments, CSV ${sizes.csvRows} rows`,
    durationMs: performance.now() - t0,
    rows,
  };
  if (subset && opts.out === ROOT) return res;
  const json = join(opts.out, 'bench-results/latest.json');
  mkdirSync(dirname(json), { recursive: true });
  writeFileSync(json, `${JSON.stringify(res, null, 2)}\n`);
  const md = join(opts.out, 'docs/bench.md');
  mkdirSync(dirname(md), { recursive: true });
  const doc = existsSync(md) ? readFileSync(md, 'utf8') : '# Bench\n';
  writeFileSync(md, updateDoc(doc, resultsSection(res)));
  return res;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const opts = parseRunArgs(process.argv.slice(2));
  runBench(opts).then(
    (res) => {
      for (const r of res.rows) console.log(`${r.verdict.padEnd(4)} ${r.env.padEnd(8)} ${r.label}: ${r.value.toFixed(2)} ${r.unit}${r.ratio !== undefined ? ` (${r.ratio.toFixed(2)}× ${r.peer?.label})` : ''}`);
      if ((opts.appOnly || opts.workbenchOnly) && opts.out === ROOT) console.log(`subset run: nothing written (pass --out <dir> to keep it) in ${(res.durationMs / 1000).toFixed(0)} s`);
      else console.log(`wrote ${join(opts.out, 'bench-results/latest.json')} and ${join(opts.out, 'docs/bench.md')} in ${(res.durationMs / 1000).toFixed(0)} s`);
    },
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
