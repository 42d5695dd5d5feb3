/**
 * Bench row "risk" (issue 20): the re-identification check before sharing — equivalence classes
 * over the revealed attributes, every generalisation's effect, the indirect-identifier scan of
 * every quote — on the synthetic 500-interview / 50,000-segment study (median of a few runs).
 * Runs alone, cheaply: `npx tsx tests/bench/risk.ts [--tiny]`; `npm run bench` includes it.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateStudy } from '../../fixtures/generator';
import { row, type BenchRow } from './page/stats';
import { riskCheck } from '../../shared/risk/check';
import { scale, type Sizes } from './sizes';

export function benchRisk(sizes: Sizes, rounds = 3): BenchRow {
  const big = generateStudy({ interviews: sizes.interviews, segments: sizes.segments, seed: 42 });
  const times: number[] = [];
  let last = riskCheck(big);
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    last = riskCheck(big);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  return row({
    id: 'risk',
    env: 'node',
    label: `Re-identification check before sharing, ${sizes.interviews} interviews`,
    value: median,
    unit: 'ms',
    detail: `median of ${rounds} (after one warm-up), ${sizes.segments} segments, ${last.scanned} quotes scanned (${new Set(big.segments.map((x) => x.quote)).size} distinct texts), ${last.assessment.atRisk.length} informants at risk, ${last.quotes.length} quotes flagged`,
    limit: { op: '<', value: 1000 },
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = benchRisk(scale(process.argv.includes('--tiny')));
  console.log(`${r.verdict} ${r.label}: ${r.value.toFixed(0)} ${r.unit} (${r.detail})`);
}
