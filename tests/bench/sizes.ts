/** How big the bench is: the full suite (the scale) or a tiny one that proves the wiring in seconds. */
export interface Sizes {
  interviews: number;
  segments: number;
  filterChanges: number;
  csvRows: number;
  loadRounds: number;
  saves: number;
  anonymiserRounds: number;
}

export const FULL: Sizes = { interviews: 500, segments: 50_000, filterChanges: 60, csvRows: 100_000, loadRounds: 5, saves: 50, anonymiserRounds: 3 };
export const TINY: Sizes = { interviews: 42, segments: 1_000, filterChanges: 50, csvRows: 1_000, loadRounds: 3, saves: 10, anonymiserRounds: 1 };

export function scale(tiny: boolean): Sizes {
  return tiny ? TINY : FULL;
}
