/**
 * Matrix queries (issue #19): codes (or valence, or situation) × group / stage / an informant
 * attribute. Each cell holds the number of segments and of distinct informants; a code row counts a
 * segment coded with the code or any of its descendants (the roll-up the code filter uses), so a
 * cell's quotes are exactly what `cellFilter` selects. Small cells: `suppressMatrix` hides informant
 * counts under the study's threshold (shared/analysis/suppress.ts, with secondary suppression over
 * the row totals where the columns partition the informants: groups and attributes). Pure.
 */
import { VALENCES, type Valence } from '../model/schema';
import type { AnalysisFilter } from './filter';
import { filterIndices, type StudyIndex } from './filter';
import { codeTreeOrder } from './journey';
import { suppressTable, type SdcCell, type SdcSum } from './suppress';

export type MatrixRows = 'codes' | 'valence' | 'situation';
export type MatrixCols = { kind: 'group' } | { kind: 'stage' } | { kind: 'attribute'; variableId: string };

export interface MatrixQuery {
  rows: MatrixRows;
  cols: MatrixCols;
  filter?: AnalysisFilter;
}

export interface MatrixAxisItem {
  id: string;
  label: string;
  /** Tree depth of a code row (0 at the root); 0 elsewhere. */
  depth: number;
}

export interface MatrixCell {
  segments: number;
  informants: number;
}

export interface MatrixResult {
  rows: MatrixAxisItem[];
  cols: MatrixAxisItem[];
  /** rows × cols, row-major. */
  cells: MatrixCell[];
  /** Distinct informants per row over all columns. */
  rowInformants: number[];
  /** The largest segment count of a cell (for the heat scale). */
  max: number;
  /** True when every informant falls in at most one column (groups, attributes): row totals add up. */
  partition: boolean;
}

/** The column values of an attribute variable, in the variable's order (categories) or sorted. */
function attributeColumns(index: StudyIndex, variableId: string, values: readonly string[] | undefined): MatrixAxisItem[] {
  if (values && values.length) return values.map((v) => ({ id: v, label: v, depth: 0 }));
  const seen = new Set<string>();
  for (const rec of index.informantValues?.values() ?? []) {
    const v = rec[variableId];
    if (v !== undefined) seen.add(String(v));
  }
  return [...seen].sort((a, b) => a.localeCompare(b, 'nb', { numeric: true })).map((v) => ({ id: v, label: v, depth: 0 }));
}

export interface MatrixLabels {
  valence: Record<Valence, string>;
  /** Allowed values of the attribute variable (categories), in order. */
  attributeValues?: readonly string[];
}

/**
 * Compute the matrix. One pass over the filtered segments; informants counted with one stamp
 * array per cell (a cell's informants are distinct by a last-seen marker, no Set per cell).
 */
export function matrixQuery(index: StudyIndex, q: MatrixQuery, labels: MatrixLabels): MatrixResult {
  const study = index.study;
  let rows: MatrixAxisItem[];
  if (q.rows === 'codes') rows = codeTreeOrder(index).map(({ id, depth }) => ({ id, label: index.codeById.get(id)?.name ?? id, depth }));
  else if (q.rows === 'valence') rows = VALENCES.map((v) => ({ id: v, label: labels.valence[v], depth: 0 }));
  else rows = study.situations.map((s) => ({ id: s.id, label: s.label, depth: 0 }));
  let cols: MatrixAxisItem[];
  if (q.cols.kind === 'group') cols = study.groups.map((g) => ({ id: g.id, label: g.label, depth: 0 }));
  else if (q.cols.kind === 'stage') cols = study.stages.map((s) => ({ id: s.id, label: s.label, depth: 0 }));
  else cols = attributeColumns(index, q.cols.variableId, labels.attributeValues);

  const rowOf = new Map(rows.map((r, i) => [r.id, i]));
  const colOf = new Map(cols.map((c, i) => [c.id, i]));
  const nR = rows.length;
  const nC = cols.length;
  const segs = new Int32Array(nR * nC);
  const infs = new Int32Array(nR * nC);
  const rowInf = new Int32Array(nR);
  // Informants are counted with a stamp per cell and per row (the last informant counted there, +1):
  // the filtered segments are visited grouped by informant (a counting sort, O(n + informants)), so
  // a cell's informants are distinct without a Set per cell.
  const nInf = index.informantKeys.length;
  const cellStamp = new Int32Array(nR * nC);
  const rowStamp = new Int32Array(nR);
  const informantCol = new Int32Array(nInf).fill(-1);
  if (q.cols.kind === 'attribute') {
    const vid = q.cols.variableId;
    for (let i = 0; i < nInf; i++) {
      const v = index.informantValues?.get(index.informantKeys[i] as string)?.[vid];
      if (v !== undefined) informantCol[i] = colOf.get(String(v)) ?? -1;
    }
  } else if (q.cols.kind === 'group') {
    for (let i = 0; i < nInf; i++) informantCol[i] = colOf.get(index.informantGroup[i] as string) ?? -1;
  }
  const idx = filterIndices(index, q.filter ?? {});
  const start = new Int32Array(nInf + 1);
  for (let j = 0; j < idx.length; j++) { const p = (index.segInformant[idx[j] as number] as number) + 1; start[p] = (start[p] as number) + 1; }
  for (let i = 0; i < nInf; i++) start[i + 1] = (start[i + 1] as number) + (start[i] as number);
  const order = new Int32Array(idx.length);
  const fill = start.slice(0, nInf);
  for (let j = 0; j < idx.length; j++) {
    const si = idx[j] as number;
    const inf = index.segInformant[si] as number;
    order[fill[inf] as number] = si;
    fill[inf] = (fill[inf] as number) + 1;
  }
  // Row index per code (with its ancestors), resolved once per query instead of per segment.
  const codeRows = new Map<string, number[]>();
  if (q.rows === 'codes') for (const c of index.codes) codeRows.set(c.id, (index.codeSelfAndAncestors.get(c.id) ?? []).map((a) => rowOf.get(a)).filter((r): r is number => r !== undefined));
  const rowBuf: number[] = [];
  for (let j = 0; j < order.length; j++) {
    const si = order[j] as number;
    const s = index.segments[si];
    if (!s) continue;
    const inf = index.segInformant[si] as number;
    const mark = inf + 1;
    const c = q.cols.kind === 'stage' ? (s.stageId === null ? -1 : (colOf.get(s.stageId) ?? -1)) : (informantCol[inf] as number);
    rowBuf.length = 0;
    if (q.rows === 'codes') {
      for (const code of s.codeIds) for (const r of codeRows.get(code) ?? []) if (!rowBuf.includes(r)) rowBuf.push(r);
    } else {
      const key = q.rows === 'valence' ? s.valence : s.situationId;
      const r = key === null ? undefined : rowOf.get(key);
      if (r !== undefined) rowBuf.push(r);
    }
    for (const r of rowBuf) {
      if (rowStamp[r] !== mark) {
        rowStamp[r] = mark;
        rowInf[r] = (rowInf[r] as number) + 1;
      }
      if (c < 0) continue;
      const cell = r * nC + c;
      segs[cell] = (segs[cell] as number) + 1;
      if (cellStamp[cell] !== mark) {
        cellStamp[cell] = mark;
        infs[cell] = (infs[cell] as number) + 1;
      }
    }
  }
  const cells: MatrixCell[] = new Array<MatrixCell>(nR * nC);
  let max = 0;
  for (let k = 0; k < nR * nC; k++) {
    cells[k] = { segments: segs[k] as number, informants: infs[k] as number };
    if ((segs[k] as number) > max) max = segs[k] as number;
  }
  return { rows, cols, cells, rowInformants: Array.from(rowInf), max, partition: q.cols.kind !== 'stage' };
}

/** A matrix as every sharing output shows it: hidden cells' counts are null (both counts). */
export interface SuppressedMatrix extends Omit<MatrixResult, 'cells' | 'rowInformants'> {
  cells: { segments: number | null; informants: number | null }[];
  rowInformants: (number | null)[];
  /** How many cells (and row totals) are held back. */
  hidden: number;
}

/**
 * Small-cell rules: an informant count 1 … k−1 is hidden with its segment count; where the
 * columns partition the informants, the row totals are published sums, so a hidden cell that the
 * total would give back takes a second one with it (suppressTable's secondary suppression).
 */
export function suppressMatrix(m: MatrixResult, k: number): SuppressedMatrix {
  const nC = m.cols.length;
  const cells: SdcCell[] = m.cells.map((c, i) => ({ id: `c${i}`, value: c.informants }));
  const sums: SdcSum[] = [];
  if (m.partition) {
    m.rows.forEach((_, r) => {
      cells.push({ id: `t${r}`, value: m.rowInformants[r] as number });
      sums.push({ total: `t${r}`, parts: Array.from({ length: nC }, (_, c) => `c${r * nC + c}`) });
    });
  } else m.rows.forEach((_, r) => cells.push({ id: `t${r}`, value: m.rowInformants[r] as number }));
  const sdc = suppressTable({ cells, sums }, k);
  let max = 0;
  const out = m.cells.map((c, i) => {
    if (sdc.hidden.has(`c${i}`)) return { segments: null, informants: null };
    if (c.segments > max) max = c.segments;
    return c;
  });
  return { ...m, cells: out, rowInformants: m.rowInformants.map((v, r) => (sdc.hidden.has(`t${r}`) ? null : v)), max, hidden: sdc.hidden.size };
}

/** The analysis filter that selects one cell's segments (the quotes behind a click). */
export function cellFilter(q: MatrixQuery, rowId: string, colId: string): AnalysisFilter {
  const base: AnalysisFilter = { ...(q.filter ?? {}) };
  if (q.rows === 'codes') base.codeIds = [rowId];
  else if (q.rows === 'valence') base.valences = [rowId as Valence];
  else base.situationIds = [rowId];
  if (q.cols.kind === 'group') base.groupIds = [colId];
  else if (q.cols.kind === 'stage') base.stageIds = [colId];
  else base.attributes = { ...(base.attributes ?? {}), [q.cols.variableId]: [colId] };
  return base;
}

/** CSV of a suppressed matrix (`;` and a BOM for Excel-norsk; hidden cells say so, never a number). */
export function matrixCsv(m: SuppressedMatrix, heading: { rows: string; segments: string; informants: string; hidden: string; total: string }): string {
  const q = (s: string) => (/[";\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${s.replace(/^([=+\-@])/, "'$1").replace(/"/g, '""')}"` : s);
  const head = [heading.rows, ...m.cols.flatMap((c) => [`${c.label} – ${heading.segments}`, `${c.label} – ${heading.informants}`]), heading.total].map(q).join(';');
  const lines = m.rows.map((r, i) => {
    const vals = m.cols.flatMap((_, c) => {
      const cell = m.cells[i * m.cols.length + c];
      return cell && cell.informants !== null ? [String(cell.segments), String(cell.informants)] : [heading.hidden, heading.hidden];
    });
    const total = m.rowInformants[i];
    return [q(`${'  '.repeat(r.depth)}${r.label}`), ...vals.map(q), q(total === null || total === undefined ? heading.hidden : String(total))].join(';');
  });
  return `\uFEFF${[head, ...lines].join('\r\n')}\r\n`;
}
