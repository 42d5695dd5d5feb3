/**
 * Small-cell suppression that holds (statistical disclosure control, Eurostat's handbook: primary
 * and secondary cell suppression), one function for every sharing output.
 *
 * A table is a set of published numbers (cells) and the sums that tie them together: a row total
 * is the sum of its row, a column total of its column, a merged row ("YF Vg2 + SF Vg2") of the rows
 * it merges. Hiding a cell is not enough when the sums give it back (27 − 6 − 5 − 6 − 6 = 4).
 *
 *  - Primary: every informant count 1 … k−1 is hidden. A true 0 is shown: it describes nobody.
 *  - Secondary: while a sum has exactly one hidden member, the smallest other published member of
 *    that sum is hidden too (smallest first: least information lost; non-zero first, since a hidden
 *    0 protects little).
 *  - Verified by solving: for each hidden cell, min and max of its value over every non-negative
 *    table that agrees with what is published (a linear programme per bound, simplex below). When a
 *    range holds a single value, one more cell of a sum around it is hidden, and the check repeats.
 * Everything derived from a hidden count (a percentage, an interval) must be hidden with it: the
 * callers hide those when they hide the count.
 */

import { RATED_CATEGORIES, type BreakdownRow, type CounsellorBreakdown } from './counsellor';

export interface SdcCell {
  id: string;
  value: number;
  /** Subject to primary suppression (an informant count). Default true. */
  sensitive?: boolean;
}

/** `total` = Σ `parts` (ids of cells). */
export interface SdcSum {
  total: string;
  parts: readonly string[];
}

export interface SdcTable {
  cells: readonly SdcCell[];
  sums: readonly SdcSum[];
}

export interface SdcResult {
  /** Every hidden cell: primary ∪ secondary. */
  hidden: ReadonlySet<string>;
  primary: ReadonlySet<string>;
  secondary: ReadonlySet<string>;
  /** The feasible range [min, max] of each hidden cell given the published cells (max may be Infinity). */
  ranges: ReadonlyMap<string, readonly [number, number]>;
  /**
   * Primary cells that may print "<k" (the reader then knows 1…k−1, and the ranges count that in).
   * Empty when even that would pin a cell down: then every hidden cell prints the same "hidden".
   */
  fewer: ReadonlySet<string>;
}

const EPS = 1e-9;

// ---------------------------------------------------------------- a small dense simplex

/**
 * min c·x subject to A x = b, x ≥ 0 (two phases, Bland's rule: no cycling). Returns the optimum,
 * Infinity-signed when unbounded below (−Infinity), or null when infeasible.
 */
export function simplexMin(A: readonly (readonly number[])[], b: readonly number[], c: readonly number[]): number | null {
  const m = A.length;
  const n = c.length;
  // Tableau rows: [x (n) | artificials (m) | rhs]; make b ≥ 0.
  const T: number[][] = A.map((row, i) => {
    const sign = (b[i] ?? 0) < 0 ? -1 : 1;
    const r = new Array<number>(n + m + 1).fill(0);
    for (let j = 0; j < n; j++) r[j] = sign * (row[j] ?? 0);
    r[n + i] = 1;
    r[n + m] = sign * (b[i] ?? 0);
    return r;
  });
  const basis = Array.from({ length: m }, (_, i) => n + i);
  const width = n + m + 1;

  const pivot = (row: number, col: number): void => {
    const pr = T[row] as number[];
    const p = pr[col] as number;
    for (let j = 0; j < width; j++) pr[j] = (pr[j] as number) / p;
    for (let i = 0; i < m; i++) {
      if (i === row) continue;
      const r = T[i] as number[];
      const f = r[col] as number;
      if (Math.abs(f) < EPS) continue;
      for (let j = 0; j < width; j++) r[j] = (r[j] as number) - f * (pr[j] as number);
    }
    basis[row] = col;
  };

  /** Minimise `cost` over columns allowed by `usable`; false when unbounded. */
  const run = (cost: readonly number[], usable: (j: number) => boolean): boolean => {
    for (let iter = 0; iter < 5000; iter++) {
      // Reduced cost of column j: cost_j − Σ_i cost_{basis_i} T_ij.
      let enter = -1;
      for (let j = 0; j < n + m; j++) {
        if (!usable(j) || basis.includes(j)) continue;
        let rc = cost[j] ?? 0;
        for (let i = 0; i < m; i++) rc -= (cost[basis[i] as number] ?? 0) * ((T[i] as number[])[j] as number);
        if (rc < -EPS) {
          enter = j;
          break; // Bland: the first improving column
        }
      }
      if (enter < 0) return true;
      let leave = -1;
      let best = Infinity;
      for (let i = 0; i < m; i++) {
        const a = (T[i] as number[])[enter] as number;
        if (a > EPS) {
          const ratio = ((T[i] as number[])[width - 1] as number) / a;
          if (ratio < best - EPS || (Math.abs(ratio - best) <= EPS && leave >= 0 && (basis[i] as number) < (basis[leave] as number))) {
            best = ratio;
            leave = i;
          }
        }
      }
      if (leave < 0) return false;
      pivot(leave, enter);
    }
    throw new Error('simplex: iteration limit');
  };

  // Phase 1: minimise the artificials.
  const phase1 = new Array<number>(n + m).fill(0).map((_, j) => (j >= n ? 1 : 0));
  run(phase1, () => true);
  let infeasibility = 0;
  for (let i = 0; i < m; i++) if ((basis[i] as number) >= n) infeasibility += (T[i] as number[])[width - 1] as number;
  if (infeasibility > 1e-7) return null;
  // Drive remaining (zero-level) artificials out of the basis where a real column can take their place.
  for (let i = 0; i < m; i++) {
    if ((basis[i] as number) < n) continue;
    const r = T[i] as number[];
    const j = r.findIndex((v, col) => col < n && Math.abs(v) > EPS);
    if (j >= 0) pivot(i, j);
  }
  // Phase 2: the real objective over the real columns (artificials left in the basis sit at 0 on redundant rows).
  const cost = [...c, ...new Array<number>(m).fill(0)];
  if (!run(cost, (j) => j < n)) return -Infinity;
  let z = 0;
  for (let i = 0; i < m; i++) z += (cost[basis[i] as number] ?? 0) * ((T[i] as number[])[width - 1] as number);
  return z;
}

// ---------------------------------------------------------------- ranges of hidden cells

/**
 * [min, max] of each hidden cell over all non-negative values of the hidden cells that keep every
 * sum true, the published cells fixed at their values.
 */
export function feasibleRanges(table: SdcTable, hidden: ReadonlySet<string>, bounds: ReadonlyMap<string, readonly [number, number]> = new Map()): Map<string, [number, number]> {
  const cellVars = [...hidden].filter((id) => table.cells.some((c) => c.id === id));
  // What a reader also knows of a hidden cell (a "<5" says 1…4): bounds, as rows with slack columns.
  const bounded = cellVars.filter((id) => bounds.has(id));
  const vars = [...cellVars, ...bounded.flatMap((id) => [`${id}\u0000lo`, `${id}\u0000hi`])];
  const index = new Map(vars.map((id, i) => [id, i]));
  const value = new Map(table.cells.map((c) => [c.id, c.value]));
  const A: number[][] = [];
  const b: number[] = [];
  for (const s of table.sums) {
    // total − Σ parts = 0, published values moved to the right-hand side.
    const row = new Array<number>(vars.length).fill(0);
    let rhs = 0;
    let touches = false;
    const add = (id: string, coef: number): void => {
      const j = index.get(id);
      if (j !== undefined) {
        row[j] = (row[j] ?? 0) + coef;
        touches = true;
      } else rhs -= coef * (value.get(id) ?? 0);
    };
    add(s.total, 1);
    for (const p of s.parts) add(p, -1);
    if (touches) {
      A.push(row);
      b.push(rhs);
    }
  }
  for (const id of bounded) {
    const [lo, hi] = bounds.get(id) as readonly [number, number];
    const x = index.get(id) as number;
    const lower = new Array<number>(vars.length).fill(0);
    lower[x] = 1;
    lower[index.get(`${id}\u0000lo`) as number] = -1;
    A.push(lower);
    b.push(lo);
    const upper = new Array<number>(vars.length).fill(0);
    upper[x] = 1;
    upper[index.get(`${id}\u0000hi`) as number] = 1;
    A.push(upper);
    b.push(hi);
  }
  const out = new Map<string, [number, number]>();
  cellVars.forEach((id, j) => {
    const unit = vars.map((_, i) => (i === j ? 1 : 0));
    const lo = A.length === 0 ? 0 : simplexMin(A, b, unit);
    const negHi = A.length === 0 ? -Infinity : simplexMin(A, b, unit.map((v) => -v));
    // "+ 0" turns a -0 from the tableau into 0.
    out.set(id, [(lo ?? value.get(id) ?? 0) + 0, (negHi === null ? (value.get(id) ?? 0) : -negHi) + 0]);
  });
  return out;
}

/** More than one whole value in the range (counts are integers). */
function protects(range: readonly [number, number]): boolean {
  return Math.floor(range[1] + 1e-7) - Math.ceil(range[0] - 1e-7) >= 1;
}

// ---------------------------------------------------------------- suppression

export interface SuppressOptions {
  /**
   * The primary cells, when the count that makes a cell small is not the value the sums add up
   * (a journey cell is small by its distinct informants, which do not add up; its segments do):
   * then these are hidden first and no "<k" bound is assumed for their values.
   */
  primary?: ReadonlySet<string>;
}

/** Primary then secondary suppression of `table` at threshold `k`, verified by solving. */
export function suppressTable(table: SdcTable, k: number, opts: SuppressOptions = {}): SdcResult {
  const value = new Map(table.cells.map((c) => [c.id, c.value]));
  const primary = opts.primary
    ? new Set([...opts.primary].filter((id) => value.has(id)))
    : new Set(table.cells.filter((c) => c.sensitive !== false && c.value > 0 && c.value < k).map((c) => c.id));
  // A primary cell is printed as "<k": the reader knows it is 1…k−1, and the check counts that in.
  let bounds = new Map<string, readonly [number, number]>(opts.primary ? [] : [...primary].map((id) => [id, [1, k - 1] as const]));
  const hidden = new Set(primary);
  const lines = table.sums.map((s) => [s.total, ...s.parts].filter((id) => value.has(id)));
  const linesOf = (id: string): string[][] => lines.filter((l) => l.includes(id));
  /** Smallest published cell of a line (non-zero first, parts before the total). */
  const complement = (line: readonly string[]): string | null => {
    const open = line.filter((id) => !hidden.has(id));
    if (open.length === 0) return null;
    const rank = (id: string): [number, number, number] => [(value.get(id) ?? 0) === 0 ? 1 : 0, value.get(id) ?? 0, id === line[0] ? 1 : 0];
    return [...open].sort((a, b) => {
      const ra = rank(a);
      const rb = rank(b);
      return ra[0] - rb[0] || ra[1] - rb[1] || ra[2] - rb[2] || a.localeCompare(b);
    })[0] as string;
  };

  let ranges = new Map<string, [number, number]>();
  for (let round = 0; round < table.cells.length + 2; round++) {
    // A sum with exactly one hidden member gives it back by subtraction.
    for (let changed = true; changed; ) {
      changed = false;
      for (const line of lines) {
        if (line.filter((id) => hidden.has(id)).length !== 1) continue;
        const extra = complement(line);
        if (extra !== null) {
          hidden.add(extra);
          changed = true;
        }
      }
    }
    if (hidden.size === 0) break;
    ranges = feasibleRanges(table, hidden, bounds);
    const exposed = [...hidden].filter((id) => !protects(ranges.get(id) ?? [0, 0]));
    if (exposed.length === 0) break;
    // Still pinned by a combination of sums: hide one more cell next to the first exposed one.
    const around = linesOf(exposed[0] as string).map(complement).filter((id): id is string => id !== null);
    const next = around.sort((a, b) => (value.get(a) ?? 0) - (value.get(b) ?? 0))[0] ?? table.cells.map((c) => c.id).find((id) => !hidden.has(id));
    if (next !== undefined) {
      hidden.add(next);
      continue;
    }
    if (bounds.size === 0) break;
    // Nothing left to hide and "<k" itself gives a cell away (two "<3" adding up to a "<3"): print all as "hidden".
    bounds = new Map();
  }
  const secondary = new Set([...hidden].filter((id) => !primary.has(id)));
  return { hidden, primary, secondary, ranges, fewer: new Set(bounds.keys()) };
}

/**
 * A two-way table of informant counts with row totals, column totals and a grand total, and
 * optional merged rows (each the sum of some rows). Ids: `r{i}c{j}`, `r{i}t`, `c{j}t`, `t`, `m{i}c{j}`, `m{i}t`.
 */
export interface GridInput {
  rows: readonly (readonly number[])[];
  /** Each merged row is the sum of these row indexes. */
  merged?: readonly (readonly number[])[];
  /** Publish row totals / column totals / the grand total (default true). */
  rowTotals?: boolean;
  colTotals?: boolean;
}

export function gridTable(g: GridInput): SdcTable {
  const cells: SdcCell[] = [];
  const sums: SdcSum[] = [];
  const nCols = g.rows[0]?.length ?? 0;
  const rowTotals = g.rowTotals ?? true;
  const colTotals = g.colTotals ?? true;
  g.rows.forEach((row, i) => {
    row.forEach((v, j) => cells.push({ id: `r${i}c${j}`, value: v }));
    if (rowTotals) {
      cells.push({ id: `r${i}t`, value: row.reduce((a, v) => a + v, 0) });
      sums.push({ total: `r${i}t`, parts: row.map((_, j) => `r${i}c${j}`) });
    }
  });
  if (colTotals) {
    for (let j = 0; j < nCols; j++) {
      cells.push({ id: `c${j}t`, value: g.rows.reduce((a, r) => a + (r[j] ?? 0), 0) });
      sums.push({ total: `c${j}t`, parts: g.rows.map((_, i) => `r${i}c${j}`) });
    }
    if (rowTotals) {
      cells.push({ id: 't', value: g.rows.flat().reduce((a, v) => a + v, 0) });
      sums.push({ total: 't', parts: g.rows.map((_, i) => `r${i}t`) });
      sums.push({ total: 't', parts: Array.from({ length: nCols }, (_, j) => `c${j}t`) });
    }
  }
  (g.merged ?? []).forEach((members, m) => {
    for (let j = 0; j < nCols; j++) {
      cells.push({ id: `m${m}c${j}`, value: members.reduce((a, i) => a + (g.rows[i]?.[j] ?? 0), 0) });
      sums.push({ total: `m${m}c${j}`, parts: members.map((i) => `r${i}c${j}`) });
    }
    if (rowTotals) {
      cells.push({ id: `m${m}t`, value: members.reduce((a, i) => a + (g.rows[i] ?? []).reduce((x, v) => x + v, 0), 0) });
      sums.push({ total: `m${m}t`, parts: members.map((i) => `r${i}t`) });
      sums.push({ total: `m${m}t`, parts: Array.from({ length: nCols }, (_, j) => `m${m}c${j}`) });
    }
  });
  return { cells, sums };
}

// ---------------------------------------------------------------- the counsellor breakdown

const BREAKDOWN_COLS = [...RATED_CATEGORIES, 'n', 'nd'] as const;

/** A row with any hidden cell shows no share or interval (each would give a count back). */
export function breakdownRowHidden(row: BreakdownRow, sdc: SdcResult): boolean {
  return BREAKDOWN_COLS.some((c) => sdc.hidden.has(`${row.id}:${c}`));
}

/**
 * The counsellor breakdown as every sharing output shows it (PDF table and chart, chart export):
 * cells `<rowId>:<positive|mixed|negative|n|nd>`, per row n = positive + mixed + negative, and the
 * combined row ("YF Vg2 + SF Vg2") = the sum of its groups column by column. Rows with a hidden
 * cell come back marked `suppressed`, so a chart draws them as hidden.
 */
export function suppressBreakdown(breakdown: CounsellorBreakdown): { breakdown: CounsellorBreakdown; sdc: SdcResult } {
  const rows = [...(breakdown.combined ? [breakdown.combined] : []), ...breakdown.groups];
  const cells: SdcCell[] = [];
  const sums: SdcSum[] = [];
  const val = (r: BreakdownRow, c: (typeof BREAKDOWN_COLS)[number]): number => (c === 'n' ? r.n : c === 'nd' ? r.notDiscussed : r.counts[c]);
  for (const r of rows) {
    for (const c of BREAKDOWN_COLS) cells.push({ id: `${r.id}:${c}`, value: val(r, c) });
    sums.push({ total: `${r.id}:n`, parts: RATED_CATEGORIES.map((c) => `${r.id}:${c}`) });
  }
  const combined = breakdown.combined;
  if (combined) {
    const members = breakdown.groups.filter((g) => combined.groupIds.includes(g.id));
    if (members.length > 0) for (const c of BREAKDOWN_COLS) sums.push({ total: `${combined.id}:${c}`, parts: members.map((g) => `${g.id}:${c}`) });
  }
  const sdc = suppressTable({ cells, sums }, breakdown.smallCell);
  const hide = (r: BreakdownRow): BreakdownRow => (breakdownRowHidden(r, sdc) ? { ...r, suppressed: true } : r);
  return { breakdown: { ...breakdown, combined: combined ? hide(combined) : null, groups: breakdown.groups.map(hide) }, sdc };
}
