/**
 * Revisjonsspor: the study's audit log, readable — who did what and when (segments, codes, review
 * decisions as counts, overrides, imports, exports, merges, restores, deletions) — filtered by
 * action, coder and text, and exported as CSV (every cell checked for numbers, phones, e-mails and
 * terms first: shared/exchange/audit-csv.ts).
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { auditCsv } from '../../../shared/exchange/audit-csv';
import { fold } from '../../../shared/coding/search';
import type { ScreenProps } from '../../app/features';
import { logAudit, appDb, useAudit, useTermSpecs } from '../../db';
import { platform } from '../../platform';
import { Loading } from '../../components/Loading';
import { showToast } from '../../components/Toasts';

export function AuditScreen({ study }: ScreenProps) {
  const { t, i18n } = useTranslation();
  const entries = useAudit(study.id);
  const terms = useTermSpecs(study.id);
  const [area, setArea] = useState('');
  const [who, setWho] = useState('');
  const [query, setQuery] = useState('');
  const areas = useMemo(() => [...new Set((entries ?? []).map((e) => e.action.split('.')[0] ?? e.action))].sort(), [entries]);
  const coderName = useMemo(() => new Map(study.coders.map((c) => [c.id, `${c.name} (${c.initials})`])), [study.coders]);
  if (!entries || !terms) return <Loading />;
  const q = fold(query.trim());
  const shown = entries
    .filter((e) => (area === '' || e.action === area || e.action.startsWith(`${area}.`)) && (who === '' || e.who === who) && (q === '' || fold(`${e.action} ${e.subject} ${e.note}`).includes(q)))
    .slice()
    .reverse();
  const whos = [...new Set(entries.map((e) => e.who))].sort();

  const exportCsv = async () => {
    const { csv, withheld } = auditCsv(shown.slice().reverse(), study.coders, terms);
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(csv)]);
    const r = await platform.saveFile(bytes, `${study.title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60) || 'studie'}-revisjonsspor.csv`, [{ name: 'CSV', extensions: ['csv'] }]);
    if (r.ok) {
      await logAudit(appDb(), study.id, { action: 'export', subject: r.name, counts: { rows: shown.length, withheld } });
      showToast({ message: t('audit.saved', { name: r.name, count: withheld }) });
    } else if (r.reason !== 'cancelled') showToast({ kind: 'error', message: r.message });
  };

  return (
    <div className="audit-screen" data-testid="audit-screen">
      <div className="page-head">
        <h1>{t('audit.title')}</h1>
      </div>
      <p className="muted">{t('audit.intro')}</p>
      <div className="toolbar">
        <label className="field">
          {t('audit.area')}
          <select value={area} onChange={(e) => setArea(e.target.value)} data-testid="audit-area">
            <option value="">{t('common.all')}</option>
            {areas.map((a) => (
              <option key={a} value={a}>{t(`audit.areas.${a}`, { defaultValue: a })}</option>
            ))}
          </select>
        </label>
        <label className="field">
          {t('audit.who')}
          <select value={who} onChange={(e) => setWho(e.target.value)} data-testid="audit-who">
            <option value="">{t('common.all')}</option>
            {whos.map((w) => (
              <option key={w} value={w}>{coderName.get(w) ?? (w || t('audit.unknown'))}</option>
            ))}
          </select>
        </label>
        <label className="field">
          {t('audit.search')}
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} data-testid="audit-search" />
        </label>
        <span className="muted" data-testid="audit-count" data-count={shown.length}>{t('audit.count', { count: shown.length, total: entries.length })}</span>
        <button type="button" onClick={() => void exportCsv()} disabled={shown.length === 0} data-testid="audit-csv">{t('audit.csv')}</button>
      </div>
      <div className="card">
        <table className="table" data-testid="audit-table">
          <thead>
            <tr>
              <th>{t('audit.col.at')}</th>
              <th>{t('audit.col.who')}</th>
              <th>{t('audit.col.action')}</th>
              <th>{t('audit.col.subject')}</th>
              <th>{t('audit.col.counts')}</th>
              <th>{t('audit.col.note')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((e) => (
              <tr key={e.id} data-action={e.action} data-testid="audit-row">
                <td>{new Date(e.at).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'nb-NO')}</td>
                <td>{coderName.get(e.who) ?? (e.who || t('audit.unknown'))}</td>
                <td>{t(`audit.actions.${e.action.replace('.', '_')}`, { defaultValue: e.action })}</td>
                <td>{e.subject}</td>
                <td className="num">{Object.entries(e.counts).map(([k, v]) => `${k}: ${v}`).join(', ')}</td>
                <td>{e.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {shown.length === 0 ? <p className="muted">{t('audit.none')}</p> : null}
      </div>
    </div>
  );
}
