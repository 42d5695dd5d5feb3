/**
 * Bench scenario for matrix queries (issue #19): the worker's work per redraw — matrixQuery plus
 * suppressMatrix — over a sequence of axis and filter changes, on a study with informant
 * attributes (an age band and a site per informant, seeded).
 */
import { buildIndex, matrixQuery, suppressMatrix, type MatrixQuery } from '../../../shared/analysis';
import type { StudyData } from '../../../shared/model';
import { lcg, summarise, type Timing } from './stats';

type Now = () => number;
type Yield = () => Promise<void>;

export const BENCH_AGE = ['13–15', '16–18', '19+'];
export const BENCH_SITE = ['Skien', 'Bø', 'Porsgrunn', 'Notodden'];

/** Attributes for every informant of `data`: age band and site. */
export function withBenchAttributes(data: StudyData, seed = 7): StudyData {
  const rnd = lcg(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const attributes = data.interviews.flatMap((iv) =>
    iv.participants.map((p) => ({ id: `${iv.id}:${p.id}`, studyId: data.study.id, interviewId: iv.id, participantId: p.id, values: { age: pick(BENCH_AGE), site: pick(BENCH_SITE) }, updatedAt: data.study.updatedAt })),
  );
  return { ...data, attributes };
}

export interface MatrixBenchResult {
  redraw: Timing;
  cells: number;
}

/** `changes` matrix redraws (rows × cols × an attribute filter rotating), each timed. */
export async function benchMatrix(data: StudyData, changes: number, now: Now, yieldNow: Yield): Promise<MatrixBenchResult> {
  const index = buildIndex(withBenchAttributes(data));
  const labels = { valence: { positive: '+', mixed: '~', negative: '-' } };
  const rows = ['codes', 'valence', 'situation'] as const;
  const cols: MatrixQuery['cols'][] = [{ kind: 'group' }, { kind: 'stage' }, { kind: 'attribute', variableId: 'age' }, { kind: 'attribute', variableId: 'site' }];
  const k = data.study.smallCellThreshold;
  suppressMatrix(matrixQuery(index, { rows: 'codes', cols: { kind: 'group' } }, labels), k);
  const times: number[] = [];
  let cells = 0;
  for (let i = 0; i < changes; i++) {
    const q: MatrixQuery = { rows: rows[i % rows.length] ?? 'codes', cols: cols[i % cols.length] ?? { kind: 'group' }, filter: i % 3 === 2 ? { attributes: { site: [BENCH_SITE[i % BENCH_SITE.length] ?? 'Skien'] } } : {} };
    await yieldNow();
    const t = now();
    const m = suppressMatrix(matrixQuery(index, q, { ...labels, ...(q.cols.kind === 'attribute' ? { attributeValues: q.cols.variableId === 'age' ? BENCH_AGE : BENCH_SITE } : {}) }), k);
    times.push(now() - t);
    cells = Math.max(cells, m.cells.length);
  }
  return { redraw: summarise(times), cells };
}
