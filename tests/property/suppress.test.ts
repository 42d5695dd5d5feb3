/**
 * Issue 14, point 4: suppression that holds. Over random tables (with totals and merged rows),
 * every hidden cell's feasible range given what is published holds more than one value. The ranges
 * come from the LP; on small tables they are checked against brute-force enumeration of every
 * non-negative integer table that agrees with the published cells.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { feasibleRanges, gridTable, simplexMin, suppressTable, type SdcTable } from '../../shared/analysis/suppress';

/**
 * Every integer assignment of the hidden cells (0…cap) that keeps all sums: min and max per cell.
 * Depth-first; a sum with one unknown member left fixes that member (no branching on it).
 */
function bruteRanges(table: SdcTable, hidden: ReadonlySet<string>, cap: number): Map<string, [number, number]> {
  const ids = [...hidden];
  const out = new Map<string, [number, number]>(ids.map((id) => [id, [Infinity, -Infinity]]));
  const vals = new Map<string, number>(table.cells.filter((c) => !hidden.has(c.id)).map((c) => [c.id, c.value]));
  const lines = table.sums.map((s) => ({ total: s.total, parts: s.parts }));
  const walk = (): void => {
    // Propagate: sums with exactly one unknown.
    const set: string[] = [];
    let bad = false;
    for (let again = true; again && !bad; ) {
      again = false;
      for (const l of lines) {
        const members = [l.total, ...l.parts];
        const unknown = members.filter((id) => !vals.has(id));
        if (unknown.length === 0) {
          if ((vals.get(l.total) ?? 0) !== l.parts.reduce((x, p) => x + (vals.get(p) ?? 0), 0)) bad = true;
          continue;
        }
        if (unknown.length !== 1) continue;
        const u = unknown[0] as string;
        const partsSum = l.parts.reduce((x, p) => x + (p === u ? 0 : (vals.get(p) ?? 0)), 0);
        const v = u === l.total ? partsSum : (vals.get(l.total) ?? 0) - partsSum;
        if (v < 0 || v > cap) {
          bad = true;
          break;
        }
        vals.set(u, v);
        set.push(u);
        again = true;
      }
    }
    if (!bad) {
      const next = ids.find((id) => !vals.has(id));
      if (next === undefined) {
        for (const id of ids) {
          const r = out.get(id) as [number, number];
          const v = vals.get(id) as number;
          out.set(id, [Math.min(r[0], v), Math.max(r[1], v)]);
        }
      } else {
        for (let v = 0; v <= cap; v++) {
          vals.set(next, v);
          walk();
          vals.delete(next);
        }
      }
    }
    for (const u of set) vals.delete(u);
  };
  walk();
  return out;
}

const gridArb = fc
  .record({
    rows: fc.integer({ min: 2, max: 4 }),
    cols: fc.integer({ min: 2, max: 3 }),
    cells: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 12, maxLength: 12 }),
    merge: fc.boolean(),
  })
  .map(({ rows, cols, cells, merge }) => ({
    rows: Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => cells[i * cols + j] ?? 0)),
    merged: merge ? [[0, 1]] : [],
  }));

describe('suppressTable (property, seeded)', () => {
  it('every hidden cell of a random table has more than one feasible value; no cell 1…k−1 is published', () => {
    fc.assert(
      fc.property(gridArb, fc.integer({ min: 3, max: 5 }), (g, k) => {
        const table = gridTable(g);
        const r = suppressTable(table, k);
        for (const c of table.cells) if (c.value > 0 && c.value < k) expect(r.hidden.has(c.id), c.id).toBe(true);
        for (const id of r.hidden) {
          const [lo, hi] = r.ranges.get(id) ?? [0, 0];
          expect(Math.floor(hi + 1e-7) - Math.ceil(lo - 1e-7), `${id} in ${JSON.stringify(g)}`).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 300, seed: 1414 },
    );
  });

  it('the LP ranges equal brute-force enumeration on small tables', () => {
    fc.assert(
      fc.property(
        fc.record({ a: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 4, maxLength: 4 }), mask: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }) }),
        ({ a, mask }) => {
          const table = gridTable({ rows: [[a[0] ?? 0, a[1] ?? 0], [a[2] ?? 0, a[3] ?? 0]] });
          const hidden = new Set(['r0c0', 'r0c1', 'r1c0', 'r1c1'].filter((_, i) => mask[i]));
          if (hidden.size === 0) return;
          const lp = feasibleRanges(table, hidden);
          const brute = bruteRanges(table, hidden, 20);
          for (const id of hidden) {
            const [lo, hi] = lp.get(id) ?? [NaN, NaN];
            expect([Math.round(lo) + 0, Math.round(hi) + 0], id).toEqual(brute.get(id));
          }
        },
      ),
      { numRuns: 200, seed: 4141 },
    );
  });

  it('suppressed cells of random 2×3 tables with totals are not recoverable (brute force)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 6, maxLength: 6 }), (v) => {
        const table = gridTable({ rows: [v.slice(0, 3), v.slice(3, 6)] });
        const r = suppressTable(table, 3);
        if (r.hidden.size === 0 || r.hidden.size > 6) return;
        const brute = bruteRanges(table, r.hidden, 40);
        for (const id of r.hidden) {
          const [lo, hi] = brute.get(id) ?? [0, 0];
          expect(hi - lo, id).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 60, seed: 77 },
    );
  });
});

describe('simplexMin', () => {
  it('solves a known LP: min −x−y, x+y+s=4, x+3y+t=6 → −4', () => {
    expect(simplexMin([[1, 1, 1, 0], [1, 3, 0, 1]], [4, 6], [-1, -1, 0, 0])).toBeCloseTo(-4);
  });
  it('reports infeasible (x+y = −1 with x,y ≥ 0) and unbounded (min −x, x−y = 0)', () => {
    expect(simplexMin([[1, 1]], [-1], [0, 0])).toBeNull();
    expect(simplexMin([[1, -1]], [0], [-1, 0])).toBe(-Infinity);
  });
});

describe('the demo method table (27 / 15 / 42, 10th grade 4)', () => {
  it('the 10th-grade row is no longer 27 − 6 − 5 − 6 − 6', () => {
    // Groups: YF Vg2, SF Vg2, OT, MS, VO, 10th grade; columns: individual, in group.
    const table = gridTable({ rows: [[6, 5], [5, 5], [0, 5], [6, 0], [6, 0], [4, 0]] });
    const r = suppressTable(table, 5);
    expect([...r.primary].sort()).toEqual(['r5c0', 'r5t']);
    expect(r.secondary.size).toBeGreaterThan(0);
    const brute = bruteRanges(table, r.hidden, 42);
    for (const id of r.hidden) expect((brute.get(id) as [number, number])[1] - (brute.get(id) as [number, number])[0], id).toBeGreaterThanOrEqual(1);
  });
});

describe('the demo PDF method table as printed', () => {
  it('no printed hidden cell can be worked out from the printed numbers (brute force over the printed table)', async () => {
    const { buildDemoStudy } = await import('../../fixtures/demo/demo');
    const { composeReport } = await import('../../shared/report');
    const r = composeReport(buildDemoStudy(), { title: 'T', date: '2024-06-01', sections: ['method'] });
    if (!r.ok) throw new Error('compose');
    const table = r.doc.sections[0]?.blocks.find((b) => b.kind === 'table');
    if (!table || table.kind !== 'table') throw new Error('no table');
    const printed = [...table.rows, ...(table.foot ?? [])].map((row) => row.slice(1));
    // Before issue 14 the table printed everything but the 10th grade's "<5" (27 − 6 − 5 − 6 − 6 = 4).
    expect(printed.at(-1)).toEqual(['27', '15', '42']);
    const cells = printed.flatMap((row, i) => row.map((v, j) => ({ id: i === printed.length - 1 ? (j === 2 ? 't' : `c${j}t`) : j === 2 ? `r${i}t` : `r${i}c${j}`, v })));
    const hidden = new Set(cells.filter((c) => !/^\d+$/.test(c.v)).map((c) => c.id));
    expect(hidden.has('r5c0')).toBe(true);
    const model = gridTable({ rows: printed.slice(0, -1).map((row) => row.slice(0, 2).map((v) => (/^\d+$/.test(v) ? Number(v) : 0))) });
    const withPrinted: SdcTable = { cells: model.cells.map((c) => ({ ...c, value: Number(cells.find((p) => p.id === c.id)?.v ?? 0) || 0 })), sums: model.sums };
    const brute = bruteRanges(withPrinted, hidden, 42);
    for (const id of hidden) {
      const [lo, hi] = brute.get(id) as [number, number];
      expect(hi - lo, `${id}: ${lo}…${hi}`).toBeGreaterThanOrEqual(1);
    }
  });
});
