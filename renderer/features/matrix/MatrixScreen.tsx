/**
 * Matrix queries (issue #19): codes, valence or situation × group, stage or an informant attribute,
 * computed in the analysis worker (analysisJob 'matrix'); cells show segments and informants with a
 * heat shading; small cells are held back as in every sharing output; a click lists the cell's
 * quotes (reviewed text only); CSV export of what is shown.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cellFilter, matrixCsv, type MatrixCols, type MatrixQuery, type MatrixRows } from '../../../shared/analysis';
import type { ScreenProps } from '../../app/features';
import { Loading } from '../../components/Loading';
import { showToast } from '../../components/Toasts';
import { useVariables } from '../../db';
import { platform } from '../../platform';
import { useAnalysis, useJourneySource, type AnalysisSource } from '../journey';
import { AttributeFilters, toAttributeFilter, type AttributeFilterState } from '../informants';
import '../informants/informants.css';

const ROWS: readonly MatrixRows[] = ['codes', 'valence', 'situation'];

/**
 * The heat shading: blue (31, 95, 158) over white at 8–68 %, as an opaque colour so it reads the
 * same in the light and the high-contrast theme; dark text keeps a contrast above 4.5:1 at the top.
 */
function heat(share: number): string {
  const a = 0.08 + 0.6 * share;
  const mix = (c: number): number => Math.round(255 - a * (255 - c));
  return `rgb(${mix(31)}, ${mix(95)}, ${mix(158)})`;
}

export function MatrixScreen({ study }: ScreenProps) {
  const { t } = useTranslation();
  const loaded = useJourneySource(study.id);
  return (
    <div data-testid="matrix-screen">
      <div className="page-head">
        <h1>{t('informants.matrix.title')}</h1>
      </div>
      {loaded === undefined ? <Loading /> : loaded === null ? null : <MatrixBody studyId={study.id} smallCell={study.smallCellThreshold} valenceLabels={study.valenceLabels} source={loaded.source} />}
    </div>
  );
}

function MatrixBody({ studyId, smallCell, valenceLabels, source }: { studyId: string; smallCell: number; valenceLabels: Record<'positive' | 'mixed' | 'negative', string>; source: AnalysisSource }) {
  const { t } = useTranslation();
  const variables = useVariables(studyId);
  const [rows, setRows] = useState<MatrixRows>('codes');
  const [colKey, setColKey] = useState('group');
  const [attrs, setAttrs] = useState<AttributeFilterState>({});
  const [picked, setPicked] = useState<{ r: number; c: number } | null>(null);
  const variable = colKey.startsWith('attr:') ? variables?.find((v) => v.id === colKey.slice(5)) : undefined;
  const cols: MatrixCols = variable ? { kind: 'attribute', variableId: variable.id } : colKey === 'stage' ? { kind: 'stage' } : { kind: 'group' };
  const query: MatrixQuery = useMemo(() => ({ rows, cols, filter: { attributes: toAttributeFilter(attrs) } }), [rows, cols.kind, variable?.id, attrs]); // eslint-disable-line react-hooks/exhaustive-deps
  const labels = useMemo(() => ({ valence: valenceLabels, ...(variable?.type === 'category' ? { attributeValues: variable.values } : {}) }), [valenceLabels, variable]);
  const m = useAnalysis(source, { type: 'matrix', query, labels, smallCell });
  const cell = picked && m ? { row: m.rows[picked.r], col: m.cols[picked.c] } : null;
  const filter = cell?.row && cell.col ? cellFilter(query, cell.row.id, cell.col.id) : null;
  const quotes = useAnalysis(source, { type: 'cell', filter: filter ?? { codeIds: ['\u0000none'] }, limit: 20 }, 'matrix-cell');

  async function exportCsv() {
    if (!m) return;
    const csv = matrixCsv(m, { rows: t(`informants.matrix.rows.${rows}`), segments: t('informants.matrix.segments'), informants: t('informants.matrix.informants'), hidden: t('informants.matrix.hiddenShort', { k: smallCell }), total: t('informants.matrix.total') });
    const r = await platform.saveFile(new TextEncoder().encode(csv), 'matrise.csv', [{ name: 'CSV', extensions: ['csv'] }]);
    if (r.ok) showToast({ message: t('informants.matrix.saved', { name: r.name }) });
  }

  return (
    <>
      <div className="toolbar" role="group" aria-label={t('informants.matrix.axes')}>
        <label className="field">
          <span>{t('informants.matrix.rowsLabel')}</span>
          <select value={rows} onChange={(e) => { setRows(e.target.value as MatrixRows); setPicked(null); }} data-testid="matrix-rows">
            {ROWS.map((r) => (
              <option key={r} value={r}>{t(`informants.matrix.rows.${r}`)}</option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('informants.matrix.colsLabel')}</span>
          <select value={colKey} onChange={(e) => { setColKey(e.target.value); setPicked(null); }} data-testid="matrix-cols">
            <option value="group">{t('informants.matrix.cols.group')}</option>
            <option value="stage">{t('informants.matrix.cols.stage')}</option>
            {(variables ?? []).filter((v) => v.type !== 'text').map((v) => (
              <option key={v.id} value={`attr:${v.id}`}>{v.label}</option>
            ))}
          </select>
        </label>
        <AttributeFilters studyId={studyId} value={attrs} onChange={setAttrs} />
        <button type="button" onClick={() => void exportCsv()} disabled={!m} data-testid="matrix-csv">{t('informants.matrix.csv')}</button>
      </div>
      {!m ? (
        <Loading />
      ) : (
        <>
          <p className="muted">{t('informants.matrix.hint', { k: smallCell })}{m.hidden > 0 ? ` ${t('informants.matrix.heldBack', { count: m.hidden })}` : ''}</p>
          <div className="informants-scroll">
            <table className="data matrix-table" data-testid="matrix-table" data-state="ready">
              <thead>
                <tr>
                  <th scope="col">{t(`informants.matrix.rows.${rows}`)}</th>
                  {m.cols.map((c) => (
                    <th scope="col" key={c.id}>{c.label}</th>
                  ))}
                  <th scope="col">{t('informants.matrix.total')}</th>
                </tr>
              </thead>
              <tbody>
                {m.rows.map((r, i) => (
                  <tr key={r.id}>
                    <th scope="row" style={{ paddingLeft: `${0.5 + r.depth}rem` }}>{r.label}</th>
                    {m.cols.map((c, j) => {
                      const x = m.cells[i * m.cols.length + j];
                      const hidden = !x || x.informants === null;
                      const share = hidden || m.max === 0 ? 0 : (x.segments ?? 0) / m.max;
                      const label = hidden ? t('informants.matrix.hiddenCell', { k: smallCell }) : t('informants.matrix.cell', { segments: x.segments, informants: x.informants });
                      return (
                        <td key={c.id} className={hidden ? 'matrix-cell hidden' : 'matrix-cell'} style={hidden ? undefined : { background: heat(share), color: '#111' }}>
                          {hidden || x.segments === 0 ? (
                            <span aria-label={label}>{hidden ? '·' : '0'}</span>
                          ) : (
                            <button type="button" className="ghost" style={{ color: 'inherit' }} aria-label={`${r.label} × ${c.label}: ${label}`} aria-pressed={picked?.r === i && picked.c === j} onClick={() => setPicked({ r: i, c: j })} data-testid="matrix-cell">
                              {x.segments} <small>({x.informants})</small>
                            </button>
                          )}
                        </td>
                      );
                    })}
                    <td>{m.rowInformants[i] ?? '·'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {cell?.row && cell.col && quotes ? (
            <section className="card" aria-live="polite" data-testid="matrix-quotes">
              <h2>{`${cell.row.label} × ${cell.col.label}`}</h2>
              <p className="muted">{t('informants.matrix.quotesOf', { total: quotes.total, informants: quotes.informants })}</p>
              <ul>
                {quotes.segments.filter((s) => s.quote !== '').map((s) => (
                  <li key={s.id} data-testid="matrix-quote">«{s.quote}»</li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      )}
    </>
  );
}
