/**
 * The journey map screen: stages as columns, situations as lanes, the emotion curve, quotes per
 * cell, filters, small multiples per group, as-is / to-be and the "Kim" persona. Numbers come from
 * shared/analysis, pictures from shared/charts; this file only wires them to the screen.
 */
import { memo, useCallback, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnalysisFilter, StudyIndex } from '../../../shared/analysis';
import { emotionCurveLayout, journeyMapLayout, sharedEmotionCurve, sharedJourneyMap, type ChartStrings, type RectPrimitive } from '../../../shared/charts';
import type { ScreenProps } from '../../app/features';
import { navigate } from '../../app/router';
import { ChartFigure } from '../../components/chart/ChartFigure';
import { chartStringsFor } from '../../components/chart/chartStrings';
import { requestFullscreenQuietly } from '../present';
import { localSource, useAnalysis, useJourneySource, type AnalysisSource } from './analysisCache';
import type { AnswerOf } from '../../workers/analysisJob';
import { EMPTY_FILTER, JourneyFilters, toAnalysisFilter, type JourneyFilterState } from './filters';
import { ActorLanePanel } from './ActorLane';
import { InsightsLane } from './InsightsLane';
import { PersonaPanel } from './PersonaPanel';
import { QuotePanel } from './QuotePanel';
import './journey.css';
import { Loading } from '../../components/Loading';
import { BENCH_MARKS, benchMark, benchMeasureAfterPaint } from '../../perf/marks';
import { NotForSharing } from '../../components/NotForSharing';

export const MAP_W = 1100;
const LANE_H = 130;
// Wide enough for whole code names in the chips (at 640 a cell was 80 px: "Usikke…"); drawn scaled to the card.
const SMALL_W = 900;

export function mapHeight(lanes: number, laneH = LANE_H): number {
  return 40 + 26 + 6 + lanes * laneH;
}

/**
 * Filter → paint, for the bench only (renderer/perf/marks.ts; nothing in the production build):
 * `start` when a filter changes, `drawn` after the charts commit a new layout (a layout effect).
 */
function useRedrawMarks(): { start: () => void; drawn: (layout: unknown) => void } {
  const pending = useRef(false);
  return useMemo(
    () => ({
      start: () => {
        if (!BENCH_MARKS) return;
        benchMark('journey:redraw:start');
        pending.current = true;
      },
      drawn: () => {
        if (!pending.current) return;
        pending.current = false;
        benchMeasureAfterPaint('journey:redraw', 'journey:redraw:start');
      },
    }),
    [],
  );
}

export function enterPresentation(studyId: string): void {
  requestFullscreenQuietly();
  navigate({ name: 'study', studyId, view: 'present' });
}

export function JourneyScreen({ study }: ScreenProps) {
  const { t } = useTranslation();
  const loaded = useJourneySource(study.id);
  return (
    <div className="journey-screen" data-testid="journey-screen">
      <div className="page-head">
        <h1>{t('journey.title')}</h1>
        <NotForSharing />
        <span className="spacer" />
        <button type="button" className="primary" onClick={() => enterPresentation(study.id)} data-testid="open-present" aria-keyshortcuts="F11">
          {t('journey.present')}
        </button>
      </div>
      {loaded === undefined ? <Loading label={t('journey.loading')} /> : loaded === null ? null : <JourneyBody index={loaded.index} source={loaded.source} />}
    </div>
  );
}

/**
 * The screen below its heading. `index` gives labels and filter options (with the worker it has
 * no segments); `source` gives the numbers: the analysis worker, or by default `index` itself.
 */
export function JourneyBody({ index, source: given }: { index: StudyIndex; source?: AnalysisSource }) {
  const { t, i18n } = useTranslation();
  const study = index.study;
  const source = useMemo(() => given ?? localSource(index), [given, index]);
  const [state, setState] = useState<JourneyFilterState>(EMPTY_FILTER);
  const [selected, setSelected] = useState<{ stageId: string; situationId: string } | null>(null);
  const [compare, setCompare] = useState(false);
  const [showPersona, setShowPersona] = useState(false);
  // Computing here (no worker): the selects commit at once (the filter bar is memoised) and the
  // charts follow in a deferred render, so a select never waits for the analysis of its value.
  // With the worker the analysis is already off this thread: ask at once, no extra render pass.
  const deferred = useDeferredValue(state);
  const shown = source.now ? deferred : state;
  const filter = useMemo(() => toAnalysisFilter(shown), [shown]);
  const smallCell = study.smallCellThreshold;
  const strings: ChartStrings = useMemo(() => ({ ...chartStringsFor(i18n.language), smallCellNote: t('journey.fewInformants') }), [i18n.language, t]);
  const markStart = useRedrawMarks();

  const update = useCallback(
    (patch: Partial<JourneyFilterState>): void => {
      markStart.start();
      setState((s) => ({ ...s, ...patch }));
    },
    [markStart],
  );
  const answer = useAnalysis(source, { type: 'journey', filter, smallCell });
  return (
    <>
      <JourneyFilters index={index} value={state} onChange={update} />
      {answer ? (
        <JourneyCharts
          index={index}
          source={source}
          filter={filter}
          wish={shown.kind === 'wish'}
          answer={answer}
          strings={strings}
          selected={selected}
          setSelected={setSelected}
          compare={compare}
          setCompare={setCompare}
          showPersona={showPersona}
          setShowPersona={setShowPersona}
          onDrawn={markStart.drawn}
        />
      ) : (
        <Loading label={t('journey.loading')} />
      )}
    </>
  );
}

interface ChartsProps {
  index: StudyIndex;
  source: AnalysisSource;
  filter: AnalysisFilter;
  wish: boolean;
  answer: AnswerOf['journey'];
  strings: ChartStrings;
  selected: { stageId: string; situationId: string } | null;
  setSelected: (s: { stageId: string; situationId: string } | null) => void;
  compare: boolean;
  setCompare: (v: boolean) => void;
  showPersona: boolean;
  setShowPersona: (v: boolean) => void;
  onDrawn: (dep: unknown) => void;
}

function JourneyCharts({ index, source, filter, wish, answer, strings, selected, setSelected, compare, setCompare, showPersona, setShowPersona, onDrawn }: ChartsProps) {
  const { t, i18n } = useTranslation();
  const study = index.study;
  const smallCell = study.smallCellThreshold;
  const { matrix, curve } = answer;
  const height = mapHeight(study.situations.length);
  const evidence = answer.evidence;
  const mapLayout = useMemo(() => journeyMapLayout(matrix, index, { width: MAP_W, height, suppress: false, strings, evidence }), [matrix, index, height, strings, evidence]);
  const curveLayout = useMemo(() => emotionCurveLayout(curve, { width: MAP_W, height: 280, suppress: false, smallCell, strings }), [curve, smallCell, strings]);
  // In the commit, before the browser paints it: the rAF in `drawn` then fires in the frame that
  // shows the new map (a passive effect can run after that paint, and the rAF a frame later).
  useLayoutEffect(() => onDrawn(mapLayout), [onDrawn, mapLayout]);

  // Exports are sharing outputs: primary and secondary suppression, map and curve as one table, "n held back".
  const heldBack = answer.heldBack;
  const exportMap = useCallback(
    () => sharedJourneyMap(matrix, wish ? undefined : curve, index, { width: MAP_W, height, strings: chartStringsFor(i18n.language), evidence }, heldBack),
    [matrix, curve, wish, index, height, i18n.language, heldBack, evidence],
  );
  const exportCurve = useCallback(
    () => sharedEmotionCurve(matrix, curve, { width: MAP_W, height: 280, smallCell, strings: chartStringsFor(i18n.language) }, heldBack),
    [matrix, curve, smallCell, i18n.language, heldBack],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'F11' && !e.defaultPrevented) {
        e.preventDefault();
        enterPresentation(study.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [study.id]);

  const onCell = useCallback((p: RectPrimitive): void => {
    const stageId = p.data?.stageId;
    const situationId = p.data?.situationId;
    if (typeof stageId === 'string' && typeof situationId === 'string') setSelected({ stageId, situationId });
  }, [setSelected]);
  const isSelected = useCallback(
    (p: RectPrimitive): boolean => selected !== null && p.data?.stageId === selected.stageId && p.data?.situationId === selected.situationId,
    [selected],
  );
  const closePanel = useCallback(() => setSelected(null), [setSelected]);

  return (
    <>
      <div className="toolbar journey-options">
        <label className="field inline">
          <input type="checkbox" checked={compare} onChange={(e) => setCompare(e.target.checked)} data-testid="toggle-compare" />
          {t('journey.compare')}
        </label>
        <label className="field inline">
          <input type="checkbox" checked={showPersona} onChange={(e) => setShowPersona(e.target.checked)} data-testid="toggle-persona" />
          {t('journey.persona.toggle')}
        </label>
        <span className="muted" data-testid="journey-total">
          {t('journey.total', { segments: matrix.total.segments, informants: matrix.total.informants, unplaced: matrix.unplaced })}
        </span>
        {answer.heldBack > 0 ? (
          <span className="muted" data-testid="journey-held-back">
            {t('present.heldBack', { count: answer.heldBack })}
          </span>
        ) : null}
      </div>
      <div className={selected ? 'journey-layout with-panel' : 'journey-layout'}>
        <div className="journey-main">
          <div className="card">
            <ChartFigure
              heading={wish ? t('journey.mapTitleToBe') : t('journey.mapTitle')}
              layout={mapLayout}
              fileBase={t('journey.mapTitle')}
              exportLayout={exportMap}
              interactiveRoles={['cell']}
              onActivate={onCell}
              isSelected={isSelected}
              testId="journey-map"
            />
            <p className="muted chart-hint">{t('journey.cellHint', { k: smallCell })}</p>
            <p className="muted chart-hint" data-testid="evidence-legend">{t('journey.evidenceLegend', { k: smallCell, k2: 2 * smallCell })}</p>
          </div>
          <div className="card">
            {wish ? (
              <p className="muted">{t('journey.curveNoWishes')}</p>
            ) : (
              <ChartFigure
                heading={t('journey.curveTitle')}
                layout={curveLayout}
                fileBase={t('journey.curveTitle')}
                exportLayout={exportCurve}
                testId="emotion-curve"
              />
            )}
            {wish ? null : (
              <p className="muted chart-hint" data-testid="curve-method">
                {t('journey.curveMethod')}
              </p>
            )}
          </div>
          <InsightsLane index={index} source={source} filter={filter} matrix={matrix} />
          <ActorLanePanel index={index} source={source} filter={filter} />
          {compare ? <SmallMultiples index={index} source={source} filter={filter} strings={strings} heldBack={heldBack} /> : null}
          {showPersona ? <Persona index={index} source={source} filter={filter} /> : null}
        </div>
        {selected ? <QuotePanel index={index} source={source} filter={filter} stageId={selected.stageId} situationId={selected.situationId} onClose={closePanel} /> : null}
      </div>
    </>
  );
}

const Persona = memo(function Persona({ index, source, filter }: { index: StudyIndex; source: AnalysisSource; filter: AnalysisFilter }) {
  // Kim sums up the whole journey: experiences (pains, helps) and wishes together.
  const persona = useAnalysis(source, { type: 'persona', filter: { ...filter, kind: 'all' } });
  return persona ? <PersonaPanel index={index} persona={persona} /> : null;
});

const SmallMultiples = memo(function SmallMultiples({ index, source, filter, strings, heldBack }: { index: StudyIndex; source: AnalysisSource; filter: AnalysisFilter; strings: ChartStrings; heldBack: number }) {
  const { t } = useTranslation();
  const study = index.study;
  const groups = useAnalysis(source, { type: 'groups', filter, smallCell: study.smallCellThreshold });
  const matrixOf = new Map(groups?.map((g) => [g.groupId, g.matrix] as const));
  return (
    <section className="card small-multiples" aria-labelledby="sm-title" data-testid="small-multiples">
      <h2 id="sm-title">{t('journey.compareTitle')}</h2>
      <p className="muted">{t('journey.compareIntro')}</p>
      <div className="sm-grid">
        {study.groups.map((g) => {
          const m = matrixOf.get(g.id);
          if (!m) return null;
          const layout = journeyMapLayout(m, index, { width: SMALL_W, height: mapHeight(study.situations.length, 96), suppress: false, strings: { ...strings, journeyTitle: g.label } });
          return (
            <ChartFigure
              key={g.id}
              heading={g.label}
              headingLevel={3}
              layout={layout}
              fileBase={`${t('journey.mapTitle')} ${g.short ?? g.label}`}
              exportLayout={() => sharedJourneyMap(m, undefined, index, { width: SMALL_W, height: mapHeight(study.situations.length, 96), strings: { ...strings, journeyTitle: g.label } }, heldBack)}
              testId={`small-map-${g.id}`}
            />
          );
        })}
      </div>
    </section>
  );
});
