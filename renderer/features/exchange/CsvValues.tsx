import { useTranslation } from 'react-i18next';
import { FIXED_DIMENSIONS, valueOptions, type AnchorReport, type FoundValue } from '../../../shared/exchange/csv-import';
import type { ValueChoice } from '../../../shared/model/import-mapping';
import type { StudyData } from '../../../shared/model';

/** `to:<id>` / `add` as one <select> value. */
export function choiceValue(c: ValueChoice | null | undefined): string {
  if (!c) return '';
  return 'to' in c ? `to:${c.to}` : 'add';
}

export const foundId = (v: FoundValue) => `${v.dimension}:${v.key}`;

/**
 * The value step: every distinct value of the file that the study does not know, once, with the
 * file's own column header, its count and first rows, and a choice — an existing value (the
 * suggestion preselected) or "add to the study". Nothing unknown is imported without a choice.
 */
export function CsvValues({ values, choices, base, onChoose }: { values: readonly FoundValue[]; choices: Readonly<Record<string, ValueChoice | null>>; base: StudyData; onChoose: (id: string, c: ValueChoice | null) => void }) {
  const { t } = useTranslation();
  return (
    <table className="data csv-values" data-testid="csv-values">
      <caption>{t('exchange.values.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('exchange.values.column')}</th>
          <th scope="col">{t('exchange.values.value')}</th>
          <th scope="col" className="num">{t('exchange.values.count')}</th>
          <th scope="col">{t('exchange.values.rows')}</th>
          <th scope="col">{t('exchange.values.choice')}</th>
        </tr>
      </thead>
      <tbody>
        {values.map((v) => {
          const id = foundId(v);
          const opts = valueOptions(v.dimension, base);
          const c = choices[id] ?? null;
          const state = v.remembered ? 'remembered' : v.suggestion ? 'suggested' : 'unknown';
          return (
            <tr key={id} data-dimension={v.dimension} data-value={v.raw} data-state={state}>
              <td>{v.column}</td>
              <td>
                «{v.raw}»{state === 'remembered' ? <span className="muted"> ({t('exchange.values.remembered')})</span> : null}
              </td>
              <td className="num">{v.count}</td>
              <td>{v.lines.join(', ')}{v.count > v.lines.length ? ' …' : ''}</td>
              <td>
                <select
                  aria-label={t('exchange.values.chooseFor', { value: v.raw, column: v.column })}
                  value={choiceValue(c)}
                  data-testid="csv-value-choice"
                  onChange={(e) => {
                    const x = e.target.value;
                    onChoose(id, x === '' ? null : x === 'add' ? { add: v.raw } : { to: x.slice(3) });
                  }}
                >
                  <option value="">{t('exchange.values.choose')}</option>
                  {opts.map((o) => (
                    <option key={o.value} value={`to:${o.value}`}>
                      {o.label}
                      {o.value === v.suggestion ? ` (${t('exchange.values.suggested')})` : ''}
                    </option>
                  ))}
                  {FIXED_DIMENSIONS.has(v.dimension) ? null : <option value="add">{t('exchange.values.add', { value: v.raw })}</option>}
                </select>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Fuzzy matches to confirm, one by one or all at or above a similarity. */
export function CsvFuzzy({ anchors, confirmed, onConfirm, threshold, onThreshold }: { anchors: AnchorReport; confirmed: ReadonlySet<number>; onConfirm: (next: Set<number>) => void; threshold: number; onThreshold: (x: number) => void }) {
  const { t } = useTranslation();
  return (
    <div className="csv-fuzzy" data-testid="csv-fuzzy">
      <p>{t('exchange.anchor.fuzzyHead', { count: anchors.fuzzy.length })}</p>
      <div className="toolbar">
        <label>
          {t('exchange.anchor.confirmAbove')}{' '}
          <input type="number" min={0} max={100} step={1} value={Math.round(threshold * 100)} onChange={(e) => onThreshold(Number(e.target.value) / 100)} data-testid="csv-fuzzy-threshold" /> %
        </label>
        <button type="button" data-testid="csv-fuzzy-confirm-all" onClick={() => onConfirm(new Set([...confirmed, ...anchors.fuzzy.filter((f) => f.score >= threshold).map((f) => f.index)]))}>
          {t('exchange.anchor.confirmAll', { pct: Math.round(threshold * 100) })}
        </button>
      </div>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{t('exchange.lineCol')}</th>
            <th scope="col">{t('exchange.anchor.inFile')}</th>
            <th scope="col">{t('exchange.anchor.found')}</th>
            <th scope="col" className="num">{t('exchange.anchor.score')}</th>
            <th scope="col">{t('exchange.anchor.confirm')}</th>
          </tr>
        </thead>
        <tbody>
          {anchors.fuzzy.map((f) => (
            <tr key={f.index} data-line={f.line}>
              <td className="num">{f.line}</td>
              <td>{f.quote}</td>
              <td>{f.found}</td>
              <td className="num">{Math.round(f.score * 100)} %</td>
              <td>
                <input
                  type="checkbox"
                  aria-label={t('exchange.anchor.confirmLine', { line: f.line })}
                  checked={confirmed.has(f.index)}
                  onChange={(e) => {
                    const next = new Set(confirmed);
                    if (e.target.checked) next.add(f.index);
                    else next.delete(f.index);
                    onConfirm(next);
                  }}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{t('exchange.anchor.unconfirmedNote')}</p>
    </div>
  );
}
