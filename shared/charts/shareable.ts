/**
 * The journey charts as they leave the app (chart export SVG/PNG): suppressed by the one rule
 * (shared/analysis/sharing.ts: primary and secondary, the map and the curve as one table) and
 * carrying the "n held back" line. The screens draw the same layouts with `suppress: false` for
 * the researcher; what is exported is only ever built here.
 */
import type { EmotionPoint, JourneyMatrix } from '../analysis/journey';
import { suppressJourney } from '../analysis/sharing';
import { emotionCurveLayout, type EmotionCurveOptions } from './emotionCurve';
import { journeyMapLayout, type JourneyMapOptions } from './journeyMap';
import type { Layout } from './types';
import { withHeldBackNote } from './withheld';

type MapStudy = Parameters<typeof journeyMapLayout>[1];

/**
 * The journey map as exported. `curve`: the emotion curve shown with it (experiences only), so a
 * stage total hidden on one is hidden on the other; leave it out for a wishes-only map.
 * `quotes`: how many quotes the gate holds back.
 */
export function sharedJourneyMap(matrix: JourneyMatrix, curve: readonly EmotionPoint[] | undefined, study: MapStudy, opts: Omit<JourneyMapOptions, 'suppress'>, quotes: number): Layout {
  const shared = suppressJourney(matrix, curve);
  return withHeldBackNote(journeyMapLayout(shared.matrix, study, { ...opts, suppress: true }), { cells: shared.hiddenCells, quotes }, { ...(opts.strings ? { strings: opts.strings } : {}), ...(opts.theme ? { theme: opts.theme } : {}) });
}

/** The emotion curve as exported: a point hidden where the map's stage total is hidden. */
export function sharedEmotionCurve(matrix: JourneyMatrix, curve: readonly EmotionPoint[], opts: Omit<EmotionCurveOptions, 'suppress'>, quotes: number): Layout {
  const shown = suppressJourney(matrix, curve).curve ?? [...curve];
  const cells = shown.filter((p) => p.suppressed && p.n > 0).length;
  return withHeldBackNote(emotionCurveLayout(shown, { ...opts, suppress: true }), { cells, quotes }, { ...(opts.strings ? { strings: opts.strings } : {}), ...(opts.theme ? { theme: opts.theme } : {}) });
}
