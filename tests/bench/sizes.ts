/**
 * How big the bench is: the default suite (ten times the method's size), a tiny one that proves the
 * wiring in seconds, or the large one of issue 23 (a hundred times: 5,000 interviews / 500,000
 * segments, a 1,000,000-row CSV).
 */
export type ScaleName = 'tiny' | 'full' | 'large';

export interface Sizes {
  name: ScaleName;
  interviews: number;
  segments: number;
  filterChanges: number;
  csvRows: number;
  /** The CSV scenario's rounds (each alternates app/peer order). */
  csvRounds: number;
  /**
   * Rows per chunk when the Node half imports the CSV: the whole file's text, its parsed table and
   * its records do not fit in one Node heap at 1,000,000 rows, so the Node half imports the file as
   * consecutive files of this many rows (0: one file).
   */
  nodeCsvChunk: number;
  loadRounds: number;
  saves: number;
  anonymiserRounds: number;
}

export const FULL: Sizes = { name: 'full', interviews: 500, segments: 50_000, filterChanges: 60, csvRows: 100_000, csvRounds: 2, nodeCsvChunk: 0, loadRounds: 5, saves: 50, anonymiserRounds: 3 };
/** nodeCsvChunk: the tiny run takes the chunked path the large run needs, so the wiring is proven. */
export const TINY: Sizes = { name: 'tiny', interviews: 42, segments: 1_000, filterChanges: 50, csvRows: 1_000, csvRounds: 2, nodeCsvChunk: 400, loadRounds: 3, saves: 10, anonymiserRounds: 1 };
/** One CSV round and three loads: a round of the 1,000,000-row import is minutes on 2 cores. */
export const LARGE: Sizes = { name: 'large', interviews: 5_000, segments: 500_000, filterChanges: 60, csvRows: 1_000_000, csvRounds: 1, nodeCsvChunk: 100_000, loadRounds: 3, saves: 50, anonymiserRounds: 1 };

export function scale(which: boolean | ScaleName): Sizes {
  if (which === true || which === 'tiny') return TINY;
  if (which === 'large') return LARGE;
  return FULL;
}

export function scaleText(sizes: Sizes): string {
  return `${sizes.name}: ${sizes.interviews} interviews / ${sizes.segments} segments, CSV ${sizes.csvRows} rows`;
}
