/** The emotion curve: mean valence score per stage, with its interval and informants. */
import type { AnalysisFilter, StudyIndex } from './filter';
import { informantEmotionCurve, type CurveIntervalMethod } from './interval';

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
  /** How mean and band were computed (interval.ts): the mean of informant means, 95 % interval over informants. */
  method?: CurveIntervalMethod;
}

/**
 * Mean valence score per stage. Only experiences count: a wish has no as-is feeling.
 * The unit is the informant (interval.ts): a talkative informant no longer narrows the band;
 * `n` (statements) is shown beside it.
 */
export function emotionCurve(index: StudyIndex, filter: AnalysisFilter, opts: { smallCell?: number } = {}): EmotionPoint[] {
  return informantEmotionCurve(index, filter, opts);
}
