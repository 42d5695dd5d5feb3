/** The emotion curve: mean valence score per stage, with its interval and informants. */
import { VALENCES, VALENCE_SCORE } from '../model/schema';
import { KIND_EXPERIENCE, NO_VALENCE, VALENCE_CODE } from './columns';
import { filterIndices, type AnalysisFilter, type StudyIndex } from './filter';
import { meanInterval } from './stats';

export interface EmotionPoint {
  stageId: string;
  label: string;
  /** Experience segments with a valence at this stage. */
  n: number;
  informants: number;
  /** Mean valence score (positive +1, mixed 0, negative −1); null when n = 0. */
  mean: number | null;
  lo: number | null;
  hi: number | null;
  suppressed: boolean;
}

/**
 * Mean valence score per stage. Only experiences count: a wish has no as-is feeling.
 * The unit is the segment (a talkative informant weighs more); `informants` is shown beside it.
 */
/** VALENCE_SCORE by valence code (columns.ts). */
const SCORE_BY_CODE: readonly number[] = (() => {
  const out = [0, 0, 0, 0];
  for (const v of VALENCES) out[VALENCE_CODE[v]] = VALENCE_SCORE[v];
  return out;
})();

export function emotionCurve(index: StudyIndex, filter: AnalysisFilter, opts: { smallCell?: number } = {}): EmotionPoint[] {
  const smallCell = opts.smallCell ?? index.study.smallCellThreshold;
  const stages = index.study.stages;
  const col = new Map(stages.map((s, i) => [s.id, i] as const));
  const scores: number[][] = stages.map(() => []);
  // Distinct informants per stage: a byte mark per (stage, informant), not a Set per stage.
  const nInf = index.informantKeys.length;
  const seen = new Uint8Array(stages.length * nInf);
  const informantsAt = new Int32Array(stages.length);
  const cols = index.columns;
  const colOf = Int32Array.from(cols.stage.ids, (id) => col.get(id) ?? -1);
  for (const i of filterIndices(index, filter)) {
    const v = cols.valence[i] as number;
    const sp = cols.stage.col[i] as number;
    if (cols.kind[i] !== KIND_EXPERIENCE || v === NO_VALENCE || sp < 0) continue;
    const c = colOf[sp] as number;
    if (c < 0) continue;
    scores[c]!.push(SCORE_BY_CODE[v] as number);
    const mark = c * nInf + (index.segInformant[i] as number);
    if (seen[mark] === 0) {
      seen[mark] = 1;
      informantsAt[c]! += 1;
    }
  }
  return stages.map((st, c) => {
    const m = meanInterval(scores[c]!);
    const informants = informantsAt[c] as number;
    return { stageId: st.id, label: st.short ?? st.label, n: m.n, informants, mean: m.mean, lo: m.lo, hi: m.hi, suppressed: informants < smallCell };
  });
}
