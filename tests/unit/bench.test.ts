/**
 * The bench's own logic (percentiles, verdicts, the markdown section, its static server). The bench
 * itself runs with `npm run bench`, never inside this suite, and no target is asserted here.
 */
import { describe, expect, it } from 'vitest';
import { generateStudy } from '../../fixtures/generator';
import { buildIndex, journeyMatrix } from '../../shared/analysis';
import { bareLoop, filterSequence } from '../bench/page/scenarios';
import { lcg, percentile, row, summarise } from '../bench/page/stats';
import { BEGIN, END, LARGE_BEGIN, LARGE_END, resultsSection, updateDoc } from '../../tests/bench/report';
import { LARGE, scale } from '../../tests/bench/sizes';
import { parseRunArgs } from '../../tests/bench/run';
import { resolveInside } from '../../scripts/static-server';

describe('bench statistics', () => {
  it('takes nearest-rank percentiles: p95 of 1..100 is 95, p50 of 1..50 is 25, of one sample is that sample', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred.slice(0, 50), 50)).toBe(25);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('summarises unsorted samples', () => {
    const rand = lcg(3);
    const xs = Array.from({ length: 60 }, () => rand() * 100);
    const s = summarise(xs);
    const sorted = [...xs].sort((a, b) => a - b);
    expect(s.n).toBe(60);
    expect(s.min).toBe(sorted[0]);
    expect(s.max).toBe(sorted[59]);
    expect(s.p95).toBe(sorted[56]); // ceil(0.95 * 60) = 57th smallest
    expect(s.p50).toBeLessThanOrEqual(s.p95);
  });

  it('judges a row by its limit and its ratio to the peer', () => {
    expect(row({ id: 'a', env: 'node', label: '', value: 40, unit: 'ms', detail: '', limit: { op: '<', value: 50 } }).verdict).toBe('PASS');
    expect(row({ id: 'a', env: 'node', label: '', value: 50, unit: 'ms', detail: '', limit: { op: '<', value: 50 } }).verdict).toBe('FAIL');
    expect(row({ id: 'a', env: 'node', label: '', value: 4, unit: 'MB/s', detail: '', limit: { op: '>=', value: 5 } }).verdict).toBe('FAIL');
    const within = row({ id: 'a', env: 'node', label: '', value: 140, unit: 'ms', detail: '', peer: { label: 'raw', value: 100, maxRatio: 1.5 } });
    expect(within.ratio).toBeCloseTo(1.4);
    expect(within.verdict).toBe('PASS');
    expect(row({ id: 'a', env: 'node', label: '', value: 160, unit: 'ms', detail: '', peer: { label: 'raw', value: 100, maxRatio: 1.5 } }).verdict).toBe('FAIL');
    // Both checks must hold.
    expect(row({ id: 'a', env: 'node', label: '', value: 40, unit: 'ms', detail: '', limit: { op: '<', value: 50 }, peer: { label: 'raw', value: 10, maxRatio: 2 } }).verdict).toBe('FAIL');
    // A peer without a bound is information, as is a NaN limit check a failure.
    expect(row({ id: 'a', env: 'node', label: '', value: 40, unit: 'ms', detail: '', peer: { label: 'raw', value: 10 } }).verdict).toBe('INFO');
    expect(row({ id: 'a', env: 'node', label: '', value: Number.NaN, unit: 'ms', detail: '', limit: { op: '<', value: 50 } }).verdict).toBe('FAIL');
  });
});

describe('bench scenarios', () => {
  const data = generateStudy({ interviews: 42, segments: 1000, seed: 5 });
  const index = buildIndex(data);

  it('chooses distinct, reproducible filters', () => {
    const a = filterSequence(index, 50);
    expect(a).toHaveLength(50);
    expect(new Set(a.map((f) => JSON.stringify(f))).size).toBe(50);
    expect(filterSequence(index, 50)).toEqual(a);
  });

  it('has a bare loop that counts what the journey matrix places in cells', () => {
    for (const f of filterSequence(index, 20)) {
      const m = journeyMatrix(index, f, { smallCell: 5 });
      expect(bareLoop(index, f)).toBe(m.filtered - m.unplaced);
    }
  });
});

describe('bench output', () => {
  it('writes its section between markers and keeps the prose around it', () => {
    const res = {
      machine: { cpu: 'Test CPU', cores: 2, memoryGb: 4, node: 'v20', chromium: null, platform: 'linux x64', date: '2021-04-01T12:00:00.000Z' },
      scale: 'tiny',
      durationMs: 1000,
      rows: [row({ id: 'x', env: 'node' as const, label: 'Thing | with pipe', value: 12.5, unit: 'ms' as const, detail: 'd', limit: { op: '<' as const, value: 50 } })],
    };
    const section = resultsSection(res);
    expect(section).toContain('Test CPU, 2 cores, 4 GB RAM');
    expect(section).toContain('Thing \\| with pipe');
    expect(section).toContain('**PASS**');
    const doc = updateDoc(`# Bench\n\nprose before\n\n${BEGIN}\nold\n${END}\n\nprose after\n`, section);
    expect(doc).toContain('prose before');
    expect(doc).toContain('prose after');
    expect(doc).not.toContain('\nold\n');
    expect(updateDoc(doc, section)).toBe(doc);
  });

  it('keeps the large run in its own section, leaving the default run\'s table as it was', () => {
    const res = {
      machine: { cpu: 'Test CPU', cores: 2, memoryGb: 4, node: 'v20', chromium: null, platform: 'linux x64', date: '2021-04-01T12:00:00.000Z' },
      scale: 'large: 5000 interviews / 500000 segments, CSV 1000000 rows',
      durationMs: 1000,
      rows: [row({ id: 'y', env: 'node' as const, label: 'Large thing', value: 3, unit: 'ms' as const, detail: 'd' })],
    };
    const base = `# Bench\n\n${BEGIN}\ndefault table\n${END}\n`;
    const once = updateDoc(base, resultsSection(res, 'large'), 'large');
    expect(once).toContain('default table');
    expect(once).toContain(LARGE_BEGIN);
    expect(once).toContain('Large thing');
    const twice = updateDoc(once, resultsSection({ ...res, rows: [] }, 'large'), 'large');
    expect(twice).not.toContain('Large thing');
    expect(twice.indexOf(LARGE_END)).toBeGreaterThan(twice.indexOf(LARGE_BEGIN));
    expect(twice).toContain('default table');
  });

  it('serves only files inside its root', () => {
    expect(resolveInside('/srv/web', '/assets/a.js')).toBe('/srv/web/assets/a.js');
    for (const hostile of ['/../etc/passwd', '/%2e%2e/etc/passwd', '/assets/../../secret', '/%E0%A4%A']) expect(resolveInside('/srv/web', hostile)).toBeNull();
  });

  it('parses its arguments', () => {
    expect(parseRunArgs(['--tiny', '--node-only', '--out', '/tmp/x'])).toMatchObject({ tiny: true, nodeOnly: true, build: true, out: '/tmp/x' });
    expect(parseRunArgs([])).toMatchObject({ tiny: false, nodeOnly: false, large: false });
    expect(parseRunArgs(['--large'])).toMatchObject({ tiny: false, large: true });
    expect(scale('large')).toBe(LARGE);
    expect(LARGE).toMatchObject({ interviews: 5_000, segments: 500_000, csvRows: 1_000_000 });
    expect(scale(false).segments).toBe(50_000);
  });
});
