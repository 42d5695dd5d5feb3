/**
 * npm run bench [-- --tiny | --large] [--node-only] [--app-only] [--workbench-only] [--no-build] [--out <dir>]
 *
 * --app-only: only the Chromium app scenarios (cold start, opening the large study on the journey
 * screen, heap, redraws; the bench page only seeds the study). It writes JSON and docs/bench.md
 * only with --out, so a quick iteration never overwrites the full run's results.
 * --workbench-only: only the coding workbench on a 20,000-word transcript (tests/bench/workbench.ts);
 * like --app-only it writes nothing without --out.
 * --large: 5,000 interviews / 500,000 segments and a 1,000,000-row CSV (issue 23); writes
 * bench-results/large.json and the large section of docs/bench.md, never the default run's.
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
import type { BenchRow } from './page/stats';
import { machine } from './machine';
import { runNodeBench } from './node';
import { resultsSection, updateDoc, type BenchResults } from './report';
import { scale, scaleText, type ScaleName } from './sizes';

const ROOT = resolve(import.meta.dirname, '../..');

export interface RunOptions {
  tiny: boolean;
  large?: boolean;
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
    large: argv.includes('--large'),
    nodeOnly: argv.includes('--node-only'),
    appOnly: argv.includes('--app-only'),
    workbenchOnly: argv.includes('--workbench-only'),
    build: !argv.includes('--no-build'),
    out: outAt >= 0 && argv[outAt + 1] ? resolve(argv[outAt + 1] as string) : ROOT,
  };
}

export async function runBench(opts: RunOptions, log: (s: string) => void = console.log): Promise<BenchResults> {
  const t0 = performance.now();
  const which: ScaleName = opts.tiny ? 'tiny' : opts.large === true ? 'large' : 'full';
  const sizes = scale(which);
  const m = machine();
  const rows: BenchRow[] = [];
  const errors: string[] = [];
  const results = (): BenchResults => ({
    machine: m,
    scale: scaleText(sizes),
    durationMs: performance.now() - t0,
    // Every row says at which scale it was measured, so rows of two runs are never mixed up.
    rows: rows.map((r) => ({ ...r, scale: sizes.name })),
    ...(errors.length > 0 ? { errors } : {}),
  });
  const subset = opts.appOnly === true || opts.workbenchOnly === true;
  if (!opts.nodeOnly) {
    // Chromium first: the Node scenarios leave a large heap behind in this process.
    const { runChromiumBench } = await import('./chromium');
    try {
      const c = await runChromiumBench(sizes, log, { build: opts.build, appOnly: opts.appOnly === true, workbenchOnly: opts.workbenchOnly === true, rows });
      m.chromium = c.chromium;
    } catch (e) {
      errors.push(`chromium half: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      log(errors[errors.length - 1] as string);
    }
    // A long run keeps what it has: the Chromium half is written before the Node half starts.
    if (!subset || opts.out !== ROOT) write(opts, sizes.name, results());
  }
  if (!subset) {
    try {
      rows.push(...(await runNodeBench(sizes, log)));
    } catch (e) {
      // A failed Node half must not lose the Chromium half: the error is written with the rows.
      errors.push(`node half: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      log(errors[errors.length - 1] as string);
    }
  }
  const res = results();
  if (subset && opts.out === ROOT) return res;
  write(opts, sizes.name, res);
  return res;
}

function write(opts: RunOptions, which: ScaleName, res: BenchResults): void {
  const large = which === 'large';
  const json = join(opts.out, large ? 'bench-results/large.json' : 'bench-results/latest.json');
  mkdirSync(dirname(json), { recursive: true });
  writeFileSync(json, `${JSON.stringify(res, null, 2)}\n`);
  const md = join(opts.out, 'docs/bench.md');
  mkdirSync(dirname(md), { recursive: true });
  const doc = existsSync(md) ? readFileSync(md, 'utf8') : '# Bench\n';
  writeFileSync(md, updateDoc(doc, resultsSection(res, large ? 'large' : 'default'), large ? 'large' : 'default'));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const opts = parseRunArgs(process.argv.slice(2));
  runBench(opts).then(
    (res) => {
      for (const r of res.rows) console.log(`${r.verdict.padEnd(4)} ${r.env.padEnd(8)} ${r.label}: ${r.value.toFixed(2)} ${r.unit}${r.ratio !== undefined ? ` (${r.ratio.toFixed(2)}× ${r.peer?.label})` : ''}`);
      if ((opts.appOnly || opts.workbenchOnly) && opts.out === ROOT) console.log(`subset run: nothing written (pass --out <dir> to keep it) in ${(res.durationMs / 1000).toFixed(0)} s`);
      else console.log(`wrote ${join(opts.out, opts.large === true ? 'bench-results/large.json' : 'bench-results/latest.json')} and ${join(opts.out, 'docs/bench.md')} in ${(res.durationMs / 1000).toFixed(0)} s`);
    },
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
