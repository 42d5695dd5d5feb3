/**
 * Presentation mode for a workshop: full window (full screen when the host allows), large type,
 * one stage at a time with the keyboard, quote cards, Kim walking the emotion curve and a
 * storyboard. NOTHING here identifies an interview or an informant: only suppressed views
 * (presentJourney, suppress: true, anonymous storyboard) are drawn, and quote sources never are.
 * What is hidden is decided once (shared/analysis/sharing.ts: primary and secondary suppression,
 * the cards and the curve as one table); every slide says how many cells it holds back.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { distinctBy, presentJourney, isSecondary, suppressJourney, suppressPersona, type CellEvidence, type EmotionPoint, type JourneyMatrix, type PersonaStage, type PresentedCell, type StudyIndex } from '../../../shared/analysis';
import {
  emotionCurveLayout, highContrastTheme, lightTheme, storyboardLayout, VALENCE_GLYPHS,
  type Layout, type Theme,
} from '../../../shared/charts';
import { VALENCES } from '../../../shared/model';
import type { ScreenProps } from '../../app/features';
import { navigate } from '../../app/router';
import { ChartSvg } from '../../components/chart/ChartSvg';
import { EvidenceBadge } from '../../components/EvidenceBadge';
import { chartStringsFor } from '../../components/chart/chartStrings';
import { localSource, useAnalysis, useJourneySource, type AnalysisSource } from '../journey';
import { leaveFullscreenQuietly, requestFullscreenQuietly } from './fullscreen';
import './present.css';
import { Loading } from '../../components/Loading';

type PresentView = 'walk' | 'storyboard';

/** Where Kim stands on the curve at stage `step`: the stage's point, or the 0-line when it has none. */
export function kimPosition(layout: Layout, step: number): { x: number; y: number; onCurve: boolean } {
  const labels = layout.primitives.filter((p) => p.type === 'text' && p.role === 'stage-label');
  const label = labels[step];
  const x = label && label.type === 'text' ? label.x : 0;
  const point = layout.primitives.find((p) => p.type === 'circle' && p.role === 'point' && Math.abs(p.cx - x) < 0.5);
  if (point && point.type === 'circle') return { x, y: point.cy, onCurve: true };
  const zero = layout.primitives.filter((p) => p.type === 'line' && p.role === 'grid')[1];
  return { x, y: zero && zero.type === 'line' ? zero.y1 : layout.height / 2, onCurve: false };
}

/** Keys that step the presentation; anything else is left to the page. */
export function stepFor(key: string, step: number, last: number): number | 'leave' | null {
  switch (key) {
    case 'ArrowRight': case 'PageDown': case ' ': return Math.min(last, step + 1);
    case 'ArrowLeft': case 'PageUp': return Math.max(0, step - 1);
    case 'Home': return 0;
    case 'End': return last;
    case 'Escape': return 'leave';
    default: return null;
  }
}

export function PresentScreen({ study }: ScreenProps) {
  const { t } = useTranslation();
  const loaded = useJourneySource(study.id);
  const leave = (): void => {
    leaveFullscreenQuietly();
    navigate({ name: 'study', studyId: study.id, view: 'journey' });
  };
  return (
    <div className="present" data-testid="present" role="region" aria-roledescription={t('present.roledescription')} aria-label={t('present.title')}>
      {loaded ? <PresentBody index={loaded.index} source={loaded.source} onLeave={leave} /> : <Loading label={t('present.loading')} className="present-loading" />}
    </div>
  );
}

const EXPERIENCES = { kind: 'experience' as const };
const EVERYTHING = { kind: 'all' as const };

/** The presentation once its numbers are in: from the analysis worker, or by default from `index` itself. */
export function PresentBody({ index, source: given, onLeave }: { index: StudyIndex; source?: AnalysisSource; onLeave: () => void }) {
  const { t } = useTranslation();
  const source = useMemo(() => given ?? localSource(index), [given, index]);
  // More quotes than a card shows at 1280×720: a 1920×1080 room fills its cards, a small one hides the rest (useFitQuotes).
  const journey = useAnalysis(source, { type: 'journey', filter: EXPERIENCES, smallCell: index.study.smallCellThreshold, quotes: 6 });
  const persona = useAnalysis(source, { type: 'persona', filter: EVERYTHING });
  if (!journey || !persona) return <Loading label={t('present.loading')} className="present-loading" />;
  return <PresentSlides index={index} matrix={journey.matrix} curve={journey.curve} heldBack={journey.heldBack} evidence={journey.evidence} persona={persona} onLeave={onLeave} />;
}

function PresentSlides({ index, matrix, curve, heldBack, evidence, persona, onLeave }: { index: StudyIndex; matrix: JourneyMatrix; curve: EmotionPoint[]; heldBack: number; evidence: CellEvidence[][]; persona: PersonaStage[]; onLeave: () => void }) {
  const { t, i18n } = useTranslation();
  const study = index.study;
  const smallCell = study.smallCellThreshold;
  const [step, setStep] = useState(0);
  const [view, setView] = useState<PresentView>('walk');
  const [highContrast, setHighContrast] = useState(false);
  const theme: Theme = highContrast ? highContrastTheme : lightTheme;
  const strings = chartStringsFor(i18n.language);
  const last = study.stages.length - 1;
  const stage = study.stages[step];

  const shared = useMemo(() => suppressJourney(matrix, curve), [matrix, curve]);
  const shown = useMemo(() => presentJourney(shared.matrix), [shared]);
  const board = useMemo(() => suppressPersona(persona, smallCell), [persona, smallCell]);
  const sharedCurve = shared.curve ?? curve;
  // Both charts are laid out for the box they get, so they fill it without scrolling at any
  // window size (1280×720 up to 1920×1080 at scale 2): the layout is the box divided by a
  // type scale, so a projector gets larger text, not a taller page.
  const curveRef = useRef<HTMLDivElement>(null);
  const boardRef = useRef<HTMLElement>(null);
  const curveBox = useBoxSize(curveRef, view);
  const boardBox = useBoxSize(boardRef, view);
  const curveScale = Math.max(1, Math.min(2, curveBox.h / 190));
  const curveLayout = useMemo(
    () => emotionCurveLayout(sharedCurve, { width: Math.max(300, curveBox.w / curveScale), height: Math.max(150, curveBox.h / curveScale), suppress: true, smallCell, theme, strings, inset: KIM_R + 4 }),
    [sharedCurve, smallCell, theme, strings, curveBox.w, curveBox.h, curveScale],
  );
  const boardLayout = useMemo(
    () => storyboardLayout(board.persona, { width: 960, height: boardBox.w > 0 ? Math.max(240, (960 * boardBox.h) / boardBox.w) : 400, theme, strings, codes: index.codes, smallCell, suppress: true, anonymous: true }),
    [board, theme, strings, index.codes, smallCell, boardBox.w, boardBox.h],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const target = e.target as HTMLElement | null;
      if (target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) return;
      if (e.key === ' ' && target?.tagName === 'BUTTON') return;
      const next = stepFor(e.key, step, last);
      if (next === null) return;
      e.preventDefault();
      if (next === 'leave') onLeave();
      else setStep(next);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [step, last, onLeave]);

  const kim = kimPosition(curveLayout, step);
  // This slide's cells held back: the stage's hidden cards (walk), or the storyboard's hidden items.
  const withheld = view === 'walk' ? shared.matrix.cells.filter((row) => row[step]?.suppressed === true).length : board.hidden;
  const panel = boardLayout.primitives.find((p) => p.type === 'rect' && p.role === 'panel' && p.data?.stageId === stage?.id);

  return (
    <div className={highContrast ? 'present-body high-contrast' : 'present-body'}>
      <header className="present-bar">
        <h1 className="present-title">
          {t('present.heading')} <span className="present-stage" data-testid="present-stage">{t('present.stageOf', { n: step + 1, total: last + 1, label: stage?.label ?? '' })}</span>
        </h1>
        <div className="present-controls" role="toolbar" aria-label={t('present.controls')}>
          <button type="button" onClick={() => setStep((s) => Math.max(0, s - 1))} disabled={step === 0} aria-keyshortcuts="ArrowLeft PageUp">← {t('present.prev')}</button>
          <button type="button" onClick={() => setStep((s) => Math.min(last, s + 1))} disabled={step === last} aria-keyshortcuts="ArrowRight PageDown">{t('present.next')} →</button>
          <button type="button" aria-pressed={view === 'walk'} onClick={() => setView('walk')} data-testid="view-walk">{t('present.walk')}</button>
          <button type="button" aria-pressed={view === 'storyboard'} onClick={() => setView('storyboard')} data-testid="view-storyboard">{t('present.storyboard')}</button>
          <button type="button" aria-pressed={highContrast} onClick={() => setHighContrast((v) => !v)} data-testid="toggle-contrast">{t('present.highContrast')}</button>
          <button type="button" onClick={() => requestFullscreenQuietly()}>{t('present.fullscreen')}</button>
          <button type="button" onClick={onLeave} aria-keyshortcuts="Escape" data-testid="present-leave">{t('present.leave')}</button>
        </div>
      </header>
      <p className="sr-only" aria-live="polite">{stage?.label}</p>
      <ol className="present-steps" aria-label={t('present.stages')}>
        {study.stages.map((s, i) => (
          <li key={s.id}>
            <button type="button" className={i === step ? 'current' : undefined} aria-current={i === step ? 'step' : undefined} onClick={() => setStep(i)}>
              {s.short ?? s.label}
            </button>
          </li>
        ))}
      </ol>
      {view === 'walk' ? (
        <main className="present-walk">
          <div className="present-curve" ref={curveRef}>
            <ChartSvg layout={curveLayout} fontFamily={theme.fontFamily} testId="present-curve">
              <g className="kim" style={{ transform: `translate(${kim.x}px, ${kim.y}px)` }} data-testid="kim" data-step={step} aria-hidden="true">
                <circle r={KIM_R} fill={theme.background} stroke={theme.text} strokeWidth={3} />
                <text y={5} textAnchor="middle" fontSize={13} fontWeight="bold" fill={theme.text}>Kim</text>
                {kim.onCurve ? null : <text y={-22} textAnchor="middle" fontSize={14} fill={theme.mutedText}>?</text>}
              </g>
            </ChartSvg>
          </div>
          <div className="present-cells" style={{ '--lanes': study.situations.length } as CSSProperties}>
            {study.situations.map((sit, r) => {
              const cell = shown.cells[r]?.[step];
              const secondary = isSecondary(shared.matrix.cells[r]?.[step] ?? {});
              const ev = evidence[r]?.[step];
              return cell ? (
                <StageCard key={sit.id} label={sit.label} cell={cell} secondary={secondary} smallCell={smallCell} labels={study.valenceLabels} evidence={ev ? <EvidenceBadge evidence={ev} hidden={cell.suppressed} smallCell={smallCell} /> : null} />
              ) : null;
            })}
          </div>
        </main>
      ) : (
        <main className="present-board" ref={boardRef}>
          <ChartSvg layout={boardLayout} fontFamily={theme.fontFamily} testId="present-storyboard">
            {panel && panel.type === 'rect' ? (
              <rect className="board-focus" x={panel.x - 3} y={panel.y - 3} width={panel.w + 6} height={panel.h + 6} rx={10} fill="none" stroke={theme.line} strokeWidth={5} />
            ) : null}
          </ChartSvg>
        </main>
      )}
      <footer className="present-foot">
        {t('present.footer', { k: smallCell })}
        <span data-testid="present-withheld"> {t('present.withheld', { count: withheld })}</span>
        {heldBack > 0 ? <span data-testid="present-held-back"> {t('present.heldBack', { count: heldBack })}</span> : null}
      </footer>
    </div>
  );
}

/** Kim's radius in layout px; the curve keeps this much room above +1 and below −1. */
const KIM_R = 17;

/** The content box of `ref`'s element, kept current with a ResizeObserver (0×0 until it is laid out). */
function useBoxSize(ref: RefObject<HTMLElement | null>, key: string): { w: number; h: number } {
  const [box, setBox] = useState({ w: 0, h: 0 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const measure = (): void => {
      const w = Math.floor(el.clientWidth);
      const h = Math.floor(el.clientHeight);
      setBox((b) => (b.w === w && b.h === h ? b : { w, h }));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref, key]);
  return box;
}

/**
 * Show as many quote cards as fit the card's remaining height, whole: the rest are hidden rather
 * than clipped (a projector cannot scroll); data-hidden-quotes on the list says how many.
 */
function useFitQuotes(ref: RefObject<HTMLElement | null>, key: string): void {
  useLayoutEffect(() => {
    const list = ref.current;
    if (!list) return undefined;
    const fit = (): void => {
      const items = [...list.children].filter((c): c is HTMLElement => c instanceof HTMLElement);
      for (const it of items) it.hidden = false;
      let hidden = 0;
      for (let k = items.length - 1; k >= 0 && list.scrollHeight > list.clientHeight + 1; k--) {
        (items[k] as HTMLElement).hidden = true;
        hidden += 1;
      }
      list.dataset.hiddenQuotes = String(hidden);
    };
    fit();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const ro = new ResizeObserver(fit);
    ro.observe(list);
    return () => ro.disconnect();
  }, [ref, key]);
}

/** The same sentence from two informants, or nearly the same, is one card: a projector has no room for repeats. */
function distinctQuotes(cell: PresentedCell): PresentedCell['quotes'] {
  return distinctBy(cell.quotes, (q) => q.quote);
}

function StageCard({ label, cell, secondary, smallCell, labels, evidence }: { label: string; cell: PresentedCell; secondary: boolean; smallCell: number; labels: Record<'positive' | 'mixed' | 'negative', string>; evidence: ReactNode }) {
  const { t } = useTranslation();
  if (cell.suppressed || !cell.valence || cell.segments === null) {
    return (
      <section className="stage-card suppressed" data-testid="stage-card" data-hidden={secondary ? 'secondary' : 'primary'}>
        <h2>{label}</h2>
        {evidence}
        <p className="suppressed-note">{secondary ? t('present.hidden') : t('present.suppressed', { k: smallCell })}</p>
      </section>
    );
  }
  return <RatedCard label={label} cell={cell} labels={labels} evidence={evidence} />;
}

function RatedCard({ label, cell, labels, evidence }: { label: string; cell: PresentedCell; labels: Record<'positive' | 'mixed' | 'negative', string>; evidence: ReactNode }) {
  const { t } = useTranslation();
  const listRef = useRef<HTMLDivElement>(null);
  const quotes = distinctQuotes(cell);
  useFitQuotes(listRef, quotes.map((q) => q.segmentId).join());
  const v = cell.valence ?? { positive: 0, mixed: 0, negative: 0, none: 0 };
  const rated = v.positive + v.mixed + v.negative;
  return (
    <section className="stage-card" data-testid="stage-card">
      <h2>{label}</h2>
      {evidence}
      <p className="stage-n">{t('present.n', { informants: cell.informants ?? 0, segments: cell.segments ?? 0 })}</p>
      {rated > 0 ? (
        <div className="mix" role="img" aria-label={VALENCES.map((k) => `${labels[k]}: ${v[k]}`).join(', ')}>
          {VALENCES.map((k) => (v[k] > 0 ? (
            <span key={k} className={`mix-part valence-${k}`} style={{ flexGrow: v[k] }}>{VALENCE_GLYPHS[k]} {v[k]}</span>
          ) : null))}
        </div>
      ) : null}
      <div className="quote-cards" ref={listRef}>
        {quotes.map((q) => (
          <blockquote key={q.segmentId} className={`quote-card valence-${q.valence ?? 'none'}`} data-testid="quote-card">
            <span className="qc-glyph" aria-hidden="true">{q.valence ? VALENCE_GLYPHS[q.valence] : ''}</span>«{q.quote}»
          </blockquote>
        ))}
      </div>
    </section>
  );
}
