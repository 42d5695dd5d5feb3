/** Valence by interview group, with whole percentages (the group comparison). */
import { addTo, newAcc, statsOf, type ValenceCounts } from './cells';
import { filterIndices, type AnalysisFilter, type StudyIndex } from './filter';
import { roundPercentages } from './stats';

export interface GroupRow {
  groupId: string;
  label: string;
  segments: number;
  informants: number;
  valence: ValenceCounts;
  /** Whole percentages of positive/mixed/negative (segments with a valence), each the rounded exact share. */
  percents: { positive: number; mixed: number; negative: number };
  suppressed: boolean;
}

export function groupComparison(index: StudyIndex, filter: AnalysisFilter, opts: { smallCell?: number } = {}): GroupRow[] {
  const smallCell = opts.smallCell ?? index.study.smallCellThreshold;
  const groups = index.study.groups;
  const row = new Map(groups.map((g, i) => [g.id, i] as const));
  const accs = groups.map(() => newAcc(index.informantKeys.length, false));
  for (const i of filterIndices(index, filter)) {
    const r = row.get(index.segGroup[i] as string);
    if (r === undefined) continue;
    addTo(accs[r]!, i, index.segInformant[i] as number, index.columns.valence[i] as number);
  }
  return groups.map((g, r) => {
    const st = statsOf(accs[r]!, smallCell);
    const [positive = 0, mixed = 0, negative = 0] = roundPercentages([st.valence.positive, st.valence.mixed, st.valence.negative]);
    return { groupId: g.id, label: g.short ?? g.label, segments: st.segments, informants: st.informants, valence: st.valence, percents: { positive, mixed, negative }, suppressed: st.suppressed };
  });
}
