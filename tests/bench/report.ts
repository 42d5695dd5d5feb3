/** Bench results → bench-results/latest.json and the tables of docs/bench.md (between markers, so the prose around them stays). */
import type { BenchRow, Limit } from './page/stats';
import type { Machine } from './machine';

export interface BenchResults {
  machine: Machine;
  scale: string;
  durationMs: number;
  rows: BenchRow[];
  /** Set when part of the run failed (e.g. the Node half), so the rows written are known to be partial. */
  errors?: string[];
}

export const BEGIN = '<!-- bench:results:begin (written by npm run bench) -->';
export const END = '<!-- bench:results:end -->';
/** The large run (npm run bench -- --large) has its own section, so neither run overwrites the other. */
export const LARGE_BEGIN = '<!-- bench:large:begin (written by npm run bench -- --large) -->';
export const LARGE_END = '<!-- bench:large:end -->';
export type Section = 'default' | 'large';
const markers = (s: Section) => (s === 'large' ? { begin: LARGE_BEGIN, end: LARGE_END, title: 'Latest large results' } : { begin: BEGIN, end: END, title: 'Latest results' });

function num(v: number, unit: string): string {
  if (!Number.isFinite(v)) return '—';
  const digits = unit === 'MB/s' || Math.abs(v) < 10 ? 2 : Math.abs(v) < 100 ? 1 : 0;
  return `${v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${unit}`;
}

function limitText(l: Limit | undefined, unit: string): string {
  return l ? `${l.op === '<=' ? '≤' : l.op === '>=' ? '≥' : '<'} ${num(l.value, unit)}` : '';
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|');
}

export function markdownTable(rows: readonly BenchRow[]): string {
  const head = '| Measure | Value | Target | Peer (same run) | Ratio | Verdict | Detail |\n|---|---:|---|---|---:|---|---|';
  const lines = rows.map((r) => {
    const target = [limitText(r.limit, r.unit), r.peer?.maxRatio !== undefined ? `≤ ${r.peer.maxRatio}× peer` : ''].filter(Boolean).join(', ') || '—';
    const peer = r.peer ? `${r.peer.label}: ${num(r.peer.value, r.unit)}` : '—';
    const ratio = r.ratio !== undefined ? `${r.ratio.toFixed(2)}×` : '—';
    return `| ${cell(r.label)} | ${num(r.value, r.unit)} | ${target} | ${cell(peer)} | ${ratio} | ${r.verdict === 'INFO' ? 'info' : `**${r.verdict}**`} | ${cell(r.detail)} |`;
  });
  return [head, ...lines].join('\n');
}

export function resultsSection(res: BenchResults, section: Section = 'default'): string {
  const { begin, end } = markers(section);
  const m = res.machine;
  const envs: { env: BenchRow['env']; title: string }[] = [
    { env: 'chromium', title: 'Chromium (real IndexedDB, the built renderer)' },
    { env: 'node', title: 'Node (fake-indexeddb for the database rows: ratios matter, not absolute times)' },
  ];
  const pass = res.rows.filter((r) => r.verdict === 'PASS').length;
  const fail = res.rows.filter((r) => r.verdict === 'FAIL').length;
  const parts = [
    begin,
    `Run ${m.date.slice(0, 10)} (${m.date}), scale: ${res.scale}, took ${(res.durationMs / 1000).toFixed(0)} s.`,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB RAM, ${m.platform}; Node ${m.node}; Chromium ${m.chromium ?? 'not run'}.`,
    '',
    `${pass} PASS, ${fail} FAIL, ${res.rows.length - pass - fail} info.`,
  ];
  for (const { env, title } of envs) {
    const rows = res.rows.filter((r) => r.env === env);
    if (rows.length === 0) continue;
    parts.push('', `### ${title}`, '', markdownTable(rows));
  }
  for (const e of res.errors ?? []) parts.push('', `**Run error:** ${cell(e.split('\n')[0] ?? e)}`);
  parts.push(end);
  return parts.join('\n');
}

/** Replaces the generated section of an existing document, or appends it. */
export function updateDoc(doc: string, section: string, which: Section = 'default'): string {
  const { begin, end, title } = markers(which);
  const a = doc.indexOf(begin);
  const b = doc.indexOf(end);
  if (a >= 0 && b > a) return doc.slice(0, a) + section + doc.slice(b + end.length);
  return `${doc.trimEnd()}\n\n## ${title}\n\n${section}\n`;
}
