/**
 * A chart as the researcher sees it: heading, the picture, "Vis som tabell" (the layout's text
 * alternative, reachable by keyboard) and export as SVG or PNG. The export may be a different
 * layout from the one on screen: exports suppress small cells, the screen only greys them.
 */
import { memo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Layout } from '../../../shared/charts';
import { showToast } from '../Toasts';
import { ChartSvg, ChartTable, type ChartSvgProps } from './ChartSvg';
import { exportPng, exportSvg } from './exportChart';

export interface ChartFigureProps extends Omit<ChartSvgProps, 'layout'> {
  layout: Layout;
  heading: string;
  /** Base of the export file name. */
  fileBase: string;
  /** What export writes (default: the layout on screen). */
  exportLayout?: () => Layout;
  headingLevel?: 2 | 3;
  /** Extra content in the figure's toolbar. */
  extra?: ReactNode;
  testId?: string;
}

/**
 * Memoised: a screen re-renders on every filter change, and a figure whose layout (and callbacks)
 * did not change must not re-draw its hundreds of SVG elements. Pass stable props (useMemo /
 * useCallback) to benefit.
 */
export const ChartFigure = memo(function ChartFigure(props: ChartFigureProps) {
  const { t } = useTranslation();
  const [asTable, setAsTable] = useState(false);
  const [busy, setBusy] = useState(false);
  const H = props.headingLevel === 3 ? 'h3' : 'h2';
  const run = async (kind: 'svg' | 'png'): Promise<void> => {
    setBusy(true);
    try {
      const layout = props.exportLayout ? props.exportLayout() : props.layout;
      const res = kind === 'svg' ? await exportSvg(layout, props.fileBase) : await exportPng(layout, props.fileBase);
      if (res.ok) showToast({ message: t('journey.chart.exported', { name: res.name }) });
      else if (res.reason !== 'cancelled') showToast({ message: t('journey.chart.exportFailed', { message: res.message }), kind: 'error' });
    } catch (e) {
      showToast({ message: t('journey.chart.exportFailed', { message: e instanceof Error ? e.message : String(e) }), kind: 'error' });
    } finally {
      setBusy(false);
    }
  };
  const { layout, heading, fileBase: _f, exportLayout: _e, headingLevel: _h, extra, testId, ...svgProps } = props;
  return (
    <figure className="chart-figure" data-testid={testId}>
      <div className="chart-head">
        <H className="chart-heading">{heading}</H>
        <span className="spacer" />
        {extra}
        <button type="button" className="ghost" aria-pressed={asTable} onClick={() => setAsTable((v) => !v)} data-testid="toggle-table">
          {asTable ? t('journey.chart.showChart') : t('journey.chart.showTable')}
        </button>
        <button type="button" className="ghost" disabled={busy} onClick={() => void run('svg')} data-testid="export-svg">
          {t('journey.chart.exportSvg')}
        </button>
        <button type="button" className="ghost" disabled={busy} onClick={() => void run('png')} data-testid="export-png">
          {t('journey.chart.exportPng')}
        </button>
      </div>
      {asTable ? <ChartTable layout={layout} testId="chart-table" /> : <ChartSvg layout={layout} {...svgProps} />}
    </figure>
  );
});
