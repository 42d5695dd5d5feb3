/**
 * Counsellor satisfaction: stacked bars per group with counts, percentages and Wilson whiskers,
 * the chosen groups combined (Vg2 samlet), the benchmark beside (never merged), and the same
 * numbers per stage. Counts first, then percentages, then the plausible range, in words that
 * suit n ≈ 20 ("5 av 21 (sannsynlig område 11–45 %)").
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  RATED_CATEGORIES, benchmarkComparison, combinedRowLabel, counsellorBreakdown, studyAssessments, suppressBreakdown, vg2GroupIds,
  type BenchmarkComparison, type BreakdownRow, type CounsellorBreakdown, type RatedCategory,
} from '../../../shared/analysis';
import { satisfactionBarsLayout, withHeldBackNote } from '../../../shared/charts';
import { heldBackQuotes } from '../../../shared/exchange/outbound';
import type { Proportion } from '../../../shared/analysis';
import type { GroupDef, StudyData } from '../../../shared/model';
import type { ScreenProps } from '../../app/features';
import { formatNumber } from '../../app/format';
import { ChartFigure } from '../../components/chart/ChartFigure';
import { chartStringsFor } from '../../components/chart/chartStrings';
import { useStudyIndex } from '../journey';
import './satisfaction.css';
import { Loading } from '../../components/Loading';
import { NotForSharing } from '../../components/NotForSharing';

const GLYPH: Record<RatedCategory, string> = { positive: '+', mixed: '~', negative: '−' };

/** Groups the method reports together as "Vg2" (the shared rule the report uses too). */
export function defaultCombined(groups: readonly GroupDef[]): string[] {
  return vg2GroupIds(groups);
}

/** "10,6–45,1 %": one decimal, decimal comma in nb/nn. */
export function intervalText(ci: Proportion | null, lang: string, digits = 1): string {
  if (!ci) return '–';
  return `${formatNumber(ci.lo * 100, lang, digits)}–${formatNumber(ci.hi * 100, lang, digits)} %`;
}

export function SatisfactionScreen({ study }: ScreenProps) {
  const { t } = useTranslation();
  const loaded = useStudyIndex(study.id);
  return (
    <div className="satisfaction-screen" data-testid="satisfaction-screen">
      <div className="page-head">
        <h1>{t('satisfaction.title')}</h1>
        <NotForSharing />
      </div>
      {loaded === undefined ? <Loading label={t('satisfaction.loading')} /> : loaded === null ? null : <SatisfactionBody data={loaded.data} />}
    </div>
  );
}

export function SatisfactionBody({ data }: { data: StudyData }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const study = data.study;
  const [combined, setCombined] = useState<string[]>(() => defaultCombined(study.groups));
  const [benchmarkId, setBenchmarkId] = useState<string>(data.benchmarks[0]?.id ?? '');
  const combinedLabel = combinedRowLabel(study.groups, combined, { vg2: t('satisfaction.combinedVg2'), chosen: t('satisfaction.combined') });
  const stageOrder = useMemo(() => study.stages.map((s) => s.id), [study.stages]);
  // Final coding only (shared/analysis/final.ts): an interview coded by two coders counts once.
  const assessments = useMemo(() => studyAssessments(data), [data]);
  const breakdown = useMemo(
    () => counsellorBreakdown(assessments, study.groups, { groupIds: combined, combinedId: 'combined', combinedLabel, smallCell: study.smallCellThreshold, stageOrder }),
    [assessments, study.groups, combined, combinedLabel, study.smallCellThreshold, stageOrder],
  );
  const benchmark = data.benchmarks.find((b) => b.id === benchmarkId);
  const comparison = useMemo(() => (benchmark ? benchmarkComparison(benchmark, study.valenceLabels) : null), [benchmark, study.valenceLabels]);
  const strings = chartStringsFor(lang);
  const layout = useMemo(() => satisfactionBarsLayout(breakdown, comparison, { width: 960, suppress: false, strings: { ...strings, smallCellNote: t('journey.fewInformants') }, valenceLabels: study.valenceLabels }), [breakdown, comparison, strings, study.valenceLabels, t]);
  const rows: BreakdownRow[] = [...(breakdown.combined ? [breakdown.combined] : []), ...breakdown.groups];

  const toggle = (id: string, on: boolean): void => setCombined((c) => (on ? [...c, id] : c.filter((x) => x !== id)));

  return (
    <>
      <fieldset className="card combine-groups" data-testid="combine-groups">
        <legend>{t('satisfaction.combineLegend')}</legend>
        {study.groups.map((g) => (
          <label key={g.id} className="field inline">
            <input type="checkbox" checked={combined.includes(g.id)} onChange={(e) => toggle(g.id, e.target.checked)} />
            {g.label}
          </label>
        ))}
      </fieldset>

      {breakdown.combined ? <CombinedSummary row={breakdown.combined} labels={study.valenceLabels} /> : null}

      <div className="card">
        <ChartFigure
          heading={t('satisfaction.chartTitle')}
          layout={layout}
          fileBase={t('satisfaction.chartTitle')}
          exportLayout={() => {
            // A sharing output (shared/analysis/suppress.ts decides): hidden rows, and "n held back" under the picture.
            const shared = suppressBreakdown(breakdown);
            const cells = [...(shared.breakdown.combined ? [shared.breakdown.combined] : []), ...shared.breakdown.groups].filter((r) => r.suppressed).length;
            return withHeldBackNote(satisfactionBarsLayout(shared.breakdown, comparison, { width: 960, suppress: true, strings, valenceLabels: study.valenceLabels }), { cells, quotes: heldBackQuotes(data.segments) }, { strings });
          }}
          testId="satisfaction-chart"
        />
      </div>

      <div className="card">
        <h2>{t('satisfaction.tableTitle')}</h2>
        <SatisfactionTable rows={rows} breakdown={breakdown} labels={study.valenceLabels} />
      </div>

      {data.benchmarks.length > 0 ? (
        <div className="card" data-testid="benchmark">
          <div className="chart-head">
            <h2 className="chart-heading">{t('satisfaction.benchmarkTitle')}</h2>
            {data.benchmarks.length > 1 ? (
              <label className="field inline">
                {t('satisfaction.benchmarkPick')}
                <select value={benchmarkId} onChange={(e) => setBenchmarkId(e.target.value)}>
                  {data.benchmarks.map((b) => (
                    <option key={b.id} value={b.id}>{b.name}</option>
                  ))}
                </select>
              </label>
            ) : null}
          </div>
          {comparison ? <BenchmarkBlock c={comparison} /> : null}
        </div>
      ) : null}

      <div className="card">
        <StageTable rows={rows} labels={study.valenceLabels} stages={study.stages} />
      </div>
    </>
  );
}

function CombinedSummary({ row, labels }: { row: BreakdownRow; labels: Record<RatedCategory, string> }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="card combined-summary" aria-labelledby="combined-title" data-testid="combined-summary">
      <h2 id="combined-title">{row.label}</h2>
      {row.suppressed ? <p className="badge few-informants">{t('journey.fewInformants')}</p> : null}
      <ul>
        {RATED_CATEGORIES.map((c) => (
          <li key={c} data-category={c}>
            <span className={`swatch valence-${c}`} aria-hidden="true">{GLYPH[c]}</span>
            <strong>{labels[c]}:</strong>{' '}
            {t('satisfaction.kOfN', { k: row.counts[c], n: row.n })} ({t('satisfaction.range')} {intervalText(row.intervals[c], i18n.language, 0)})
          </li>
        ))}
      </ul>
      {row.notDiscussed > 0 ? <p className="muted">{t('satisfaction.notDiscussedNote', { count: row.notDiscussed })}</p> : null}
    </section>
  );
}

function SatisfactionTable({ rows, breakdown, labels }: { rows: BreakdownRow[]; breakdown: CounsellorBreakdown; labels: Record<RatedCategory, string> }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="chart-table-wrap">
      <table className="data satisfaction-table" data-testid="satisfaction-table">
        <caption className="sr-only">{t('satisfaction.tableTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('satisfaction.group')}</th>
            <th scope="col" className="num">n</th>
            {RATED_CATEGORIES.map((c) => (
              <th key={c} scope="col">{GLYPH[c]} {labels[c]}</th>
            ))}
            <th scope="col" className="num">{t('satisfaction.notDiscussed')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-row={r.id} className={r.suppressed ? 'small-row' : undefined}>
              <th scope="row">
                {r.label}
                {r.suppressed && r.n > 0 ? <span className="badge few-informants">{t('journey.fewInformants')}</span> : null}
              </th>
              <td className="num">{r.n}</td>
              {RATED_CATEGORIES.map((c) => (
                <td key={c} data-category={c}>
                  {r.n === 0 ? '–' : (
                    <>
                      <span className="count">{t('satisfaction.kOfN', { k: r.counts[c], n: r.n })}</span>{' '}
                      <span className="pct">({r.percents[c]} %)</span>
                      <br />
                      <span className="interval muted">{intervalText(r.intervals[c], i18n.language)}</span>
                    </>
                  )}
                </td>
              ))}
              <td className="num">{r.notDiscussed}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted note">{t('satisfaction.tableNote', { k: breakdown.smallCell })}</p>
    </div>
  );
}

function BenchmarkBlock({ c }: { c: BenchmarkComparison }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="benchmark-block">
      <p>
        <strong>{c.name}</strong>
        <br />
        {t('satisfaction.benchmarkSource', { source: c.source, year: c.year, n: `${c.nApprox ? '≈ ' : ''}${formatNumber(c.n, i18n.language)}` })}
      </p>
      <ul className="benchmark-categories" data-testid="benchmark-categories">
        {c.categories.map((cat) => (
          <li key={cat.label}>
            <span className="bm-percent">{formatNumber(cat.percent, i18n.language)} %</span> «{cat.label}»
          </li>
        ))}
      </ul>
      {c.categoriesDiffer ? <p className="notice warn" data-testid="benchmark-differ">{t('satisfaction.categoriesDiffer')}</p> : null}
      {c.sum !== 100 ? <p className="notice" data-testid="benchmark-rounding">{t('satisfaction.rounding', { sum: formatNumber(c.sum, i18n.language) })}</p> : null}
    </div>
  );
}

function StageTable({ rows, labels, stages }: { rows: BreakdownRow[]; labels: Record<RatedCategory, string>; stages: { id: string; label: string }[] }) {
  const { t } = useTranslation();
  const [rowId, setRowId] = useState(rows[0]?.id ?? '');
  const row = rows.find((r) => r.id === rowId) ?? rows[0];
  if (!row) return null;
  const stageLabel = (id: string | null): string => (id === null ? t('satisfaction.noStage') : (stages.find((s) => s.id === id)?.label ?? id));
  return (
    <>
      <div className="chart-head">
        <h2 className="chart-heading">{t('satisfaction.stageTitle')}</h2>
        <label className="field inline">
          {t('satisfaction.stageRow')}
          <select value={row.id} onChange={(e) => setRowId(e.target.value)} data-testid="stage-row">
            {rows.map((r) => (
              <option key={r.id} value={r.id}>{r.label}</option>
            ))}
          </select>
        </label>
      </div>
      <table className="data" data-testid="stage-table">
        <thead>
          <tr>
            <th scope="col">{t('satisfaction.stage')}</th>
            <th scope="col" className="num">n</th>
            {RATED_CATEGORIES.map((c) => (
              <th key={c} scope="col" className="num">{GLYPH[c]} {labels[c]}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {row.byStage.length === 0 ? (
            <tr><td colSpan={5}>{t('satisfaction.noData')}</td></tr>
          ) : row.byStage.map((s) => (
            <tr key={s.stageId ?? '-'}>
              <th scope="row">{stageLabel(s.stageId)}</th>
              <td className="num">{s.n}</td>
              {RATED_CATEGORIES.map((c) => (
                <td key={c} className="num">{s.counts[c]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted note">{t('satisfaction.stageNote')}</p>
    </>
  );
}
