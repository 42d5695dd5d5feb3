/**
 * Bench: every hostile-corpus file (tests/fixtures/hostile) in its own Node process, so its peak
 * memory is the process's max RSS. Rows: the worst refused file by time and by peak memory
 * (targets: decided in < 5 s and < 512 MB), and the worst accepted one. `hostileTable` is the
 * per-file table for the docs and the issue's closing note.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { row, type BenchRow } from './page/stats';
import { writeHostileCorpus, type CorpusEntry } from '../fixtures/hostile/write';

const ROOT = resolve(import.meta.dirname, '../..');
const ONE = join(ROOT, 'tests/fixtures/hostile/one.ts');

export interface HostileMeasure {
  entry: CorpusEntry;
  ms: number;
  maxRssMb: number;
  ok: boolean | null;
  code: string | null;
}

function runOne(dir: string, name: string): { ms: number; maxRssMb: number; ok: boolean | null; code: string | null } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', ONE, dir, name], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as { ms: number; maxRssMb: number; ok: boolean | null; code: string | null };
}

/** The files that were the worst cases when measured (time or memory); the tiny bench runs only these. */
export const WORST_KNOWN = ['zip64-4e9-entries.reisekart', 'zip-bomb-underdeclared.reisekart', 'qdpx-4m-elements.qdpx', 'qdpx-bomb.qdpx', 'docx-5m-paragraphs.docx', 'txt-60mb.txt', 'csv-200k-interviews.csv', 'vtt-200k-cues.vtt'];

export async function measureHostile(log: (s: string) => void = () => {}, only?: readonly string[]): Promise<{ baselineMb: number; measures: HostileMeasure[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'reisekart-hostile-bench-'));
  try {
    const entries = await writeHostileCorpus(dir, 15);
    const baselineMb = runOne(dir, '-').maxRssMb;
    const measures: HostileMeasure[] = [];
    for (const entry of entries) {
      if (only && !only.includes(entry.name)) continue;
      log(`hostile: ${entry.name}`);
      measures.push({ entry, ...runOne(dir, entry.name) });
    }
    return { baselineMb, measures };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function hostileRows(m: { baselineMb: number; measures: HostileMeasure[] }): BenchRow[] {
  const refused = m.measures.filter((x) => x.entry.expect.outcome === 'refused');
  const accepted = m.measures.filter((x) => x.entry.expect.outcome === 'accepted');
  const worst = (xs: HostileMeasure[], by: (x: HostileMeasure) => number) => xs.reduce((a, b) => (by(b) > by(a) ? b : a));
  const slow = worst(refused, (x) => x.ms);
  const big = worst(refused, (x) => x.maxRssMb);
  const slowOk = worst(accepted, (x) => x.ms);
  const wrong = m.measures.filter((x) => x.ok !== (x.entry.expect.outcome === 'accepted')).map((x) => x.entry.name);
  const n = `${m.measures.length} files, one process each${m.measures.length < 60 ? ' (tiny: the known worst cases only)' : ''}; baseline (code loaded, no file) ${m.baselineMb.toFixed(0)} MB RSS`;
  return [
    row({ id: 'hostile.refused.time', env: 'node', label: 'Hostile corpus: slowest refused file', value: slow.ms, unit: 'ms', detail: `${slow.entry.name} (${slow.code ?? 'no code'}); ${n}${wrong.length ? `; WRONG OUTCOME: ${wrong.join(', ')}` : ''}`, limit: { op: '<', value: 5000 } }),
    row({ id: 'hostile.refused.memory', env: 'node', label: 'Hostile corpus: largest peak RSS of a refused file', value: big.maxRssMb, unit: 'MB', detail: `${big.entry.name} (${big.code ?? 'no code'}); ${n}`, limit: { op: '<', value: 512 } }),
    row({ id: 'hostile.accepted.time', env: 'node', label: 'Hostile corpus: slowest accepted file', value: slowOk.ms, unit: 'ms', detail: `${slowOk.entry.name}; genuine large files are held to the scale rows` }),
  ];
}

/** Markdown table: file → outcome → time → peak memory. */
export function hostileTable(m: { baselineMb: number; measures: HostileMeasure[] }): string {
  const lines = ['| File | Attack | Outcome | Time (ms) | Peak RSS (MB) |', '|---|---|---|---:|---:|'];
  for (const x of m.measures) {
    const outcome = x.ok ? 'accepted' : `refused${x.code ? ` (${x.code})` : ''}`;
    lines.push(`| ${x.entry.name} | ${x.entry.what} | ${outcome} | ${x.ms.toFixed(0)} | ${x.maxRssMb.toFixed(0)} |`);
  }
  return lines.join('\n');
}
