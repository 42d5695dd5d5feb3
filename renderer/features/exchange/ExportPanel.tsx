import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { zipSync } from 'fflate';
import { CSV_TABLES, exportCsv, type CsvDialect, type CsvTable } from '../../../shared/exchange/csv-export';
import { csvView, outboundView, passphraseStrength, type OutboundView } from '../../../shared/exchange/outbound';
import { exportQdc, exportQdpx } from '../../../shared/exchange/refi/export';
import type { Study, StudyData } from '../../../shared/model';
import { loadStudyData, db, logAudit } from '../../db';
import { useStudyData } from '../../db/hooks';
import { platform, type FileFilter } from '../../platform';
import { Field } from '../../components/Field';
import { fileStem } from './common';
import { exportBundleInWorker } from '../../workers/bundleClient';

type Status = { kind: 'ok' | 'error'; text: string } | null;

const FILTERS: Record<string, FileFilter[]> = {
  bundle: [{ name: 'Reisekart', extensions: ['reisekart'] }],
  csv: [{ name: 'CSV', extensions: ['csv'] }],
  zip: [{ name: 'Zip', extensions: ['zip'] }],
  qdpx: [{ name: 'REFI-QDA', extensions: ['qdpx'] }],
  qdc: [{ name: 'REFI-QDA', extensions: ['qdc'] }],
};

export function ExportPanel({ study }: { study: Study }) {
  const { t } = useTranslation();
  const live = useStudyData(study.id);
  const gated = useMemo(() => (live ? outboundView(live) : null), [live]);
  const blocked = gated?.blocked ?? [];
  const [pass, setPass] = useState('');
  const [pass2, setPass2] = useState('');
  const [tables, setTables] = useState<CsvTable[]>(['segments', 'interviews', 'informants', 'counsellor-breakdown']);
  const [dialect, setDialect] = useState<CsvDialect>('excel-nb');
  const [packaging, setPackaging] = useState<'zip' | 'files'>('zip');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<Status>(null);
  const stem = fileStem(study.title);
  const strength = passphraseStrength(pass);
  const mismatch = pass !== '' && pass2 !== '' && pass !== pass2;

  /** Always export what is in the database now (not a render-time copy), through the gate. */
  async function run(work: (data: StudyData, view: OutboundView) => Promise<string[]>) {
    setBusy(true);
    setStatus(null);
    try {
      const data = await loadStudyData(db, study.id);
      if (!data) throw new Error(t('errors.notFound'));
      const view = outboundView(data);
      const saved = await work(view.exchange, view);
      if (saved.length) setStatus({ kind: 'ok', text: t('exchange.saved', { names: saved.join(', ') }) });
      // The export log (audit trail): file names and what the gate held back, in counts.
      if (saved.length) await logAudit(db, study.id, { action: 'export', subject: saved.join(', '), counts: { quotesHeldBack: view.heldBack.quotes, transcriptsHeldBack: view.heldBack.transcripts } });
    } catch (e) {
      setStatus({ kind: 'error', text: t('exchange.exportFailed', { message: e instanceof Error ? e.message : String(e) }) });
    } finally {
      setBusy(false);
    }
  }

  async function save(bytes: Uint8Array, name: string, filters: FileFilter[]): Promise<string[]> {
    const r = await platform.saveFile(bytes, name, filters);
    if (r.ok) return [r.name];
    if (r.reason === 'cancelled') return [];
    throw new Error(r.message);
  }

  const exportBundleNow = () =>
    run(async (data) => {
      const now = new Date().toISOString();
      const bytes = await exportBundleInWorker(data, { now, ...(pass ? { passphrase: pass } : {}) });
      return save(bytes, `${stem}.reisekart`, FILTERS.bundle ?? []);
    });

  const exportCsvNow = () =>
    run(async (_data, view) => {
      const files = tables.map((tb) => [`${stem}-${tb}.csv`, exportCsv(tb, csvView(tb, view), dialect)] as const);
      if (files.length > 1 && packaging === 'zip') {
        const zip = zipSync(Object.fromEntries(files.map(([n, b]) => [n, [b, { mtime: new Date() }]])) as Record<string, [Uint8Array, { mtime: Date }]>, { level: 6 });
        return save(zip, `${stem}-csv.zip`, FILTERS.zip ?? []);
      }
      const names: string[] = [];
      for (const [n, b] of files) names.push(...(await save(b, n, FILTERS.csv ?? [])));
      return names;
    });

  const exportRefi = (kind: 'qdpx' | 'qdc') =>
    run(async (data) => {
      const bytes = kind === 'qdpx' ? exportQdpx(data, { now: new Date().toISOString() }) : exportQdc(data);
      return save(bytes, `${stem}.${kind}`, FILTERS[kind] ?? []);
    });

  return (
    <section className="card exchange-export" aria-labelledby="exp-title">
      <h2 id="exp-title">{t('exchange.export')}</h2>
      {blocked.length > 0 ? (
        <div className="notice warn" data-testid="export-gate">
          <p>{t('exchange.gate', { count: blocked.length })}</p>
          <p data-testid="export-held-back">{t('exchange.heldBack', { count: gated?.heldBack.quotes ?? 0, transcripts: gated?.heldBack.transcripts ?? 0 })}</p>
          <p><strong>{blocked.map((b) => b.code).join(', ')}</strong></p>
        </div>
      ) : null}
      <p className="muted">{t('exchange.privacy')}</p>

      <div className="exchange-block">
        <h3>{t('exchange.bundleTitle')}</h3>
        <p className="muted">{t('exchange.bundleHint')}</p>
        <div className="form-grid">
          <Field label={t('exchange.passphrase')} hint={pass ? t(`exchange.strength.${strength}`) : t('exchange.passphraseHint')}>
            <input type="password" autoComplete="new-password" value={pass} onChange={(e) => setPass(e.target.value)} data-testid="export-passphrase" />
          </Field>
          <Field label={t('exchange.passphraseAgain')} error={mismatch ? t('exchange.mismatch') : null}>
            <input type="password" autoComplete="new-password" value={pass2} onChange={(e) => setPass2(e.target.value)} data-testid="export-passphrase2" />
          </Field>
        </div>
        {pass ? <meter className="strength" min={0} max={3} low={1.5} high={2.5} optimum={3} value={{ empty: 0, weak: 1, fair: 2, strong: 3 }[strength]} aria-label={t('exchange.strengthLabel')} /> : null}
        <div className="toolbar">
          <button type="button" className="primary" disabled={busy || mismatch || (pass !== '' && pass2 === '')} onClick={() => void exportBundleNow()} data-testid="export-bundle">
            {pass ? t('exchange.exportBundleEncrypted') : t('exchange.exportBundle')}
          </button>
        </div>
      </div>

      <div className="exchange-block">
        <h3>{t('exchange.csvTitle')}</h3>
        <div className="exchange-options">
          <fieldset>
            <legend>{t('exchange.tables')}</legend>
            {CSV_TABLES.map((tb) => (
              <label key={tb} className="field inline">
                <input type="checkbox" checked={tables.includes(tb)} onChange={(e) => setTables((cur) => (e.target.checked ? CSV_TABLES.filter((x) => x === tb || cur.includes(x)) : cur.filter((x) => x !== tb)))} data-testid={`csv-table-${tb}`} />
                {t(`exchange.tableNames.${tb}`)}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t('exchange.dialect')}</legend>
            {(['excel-nb', 'plain'] as const).map((d) => (
              <label key={d} className="field inline">
                <input type="radio" name="csv-dialect" checked={dialect === d} onChange={() => setDialect(d)} data-testid={`csv-dialect-${d}`} />
                {t(`exchange.dialects.${d}`)}
              </label>
            ))}
          </fieldset>
          <fieldset disabled={tables.length < 2}>
            <legend>{t('exchange.packaging')}</legend>
            {(['zip', 'files'] as const).map((p) => (
              <label key={p} className="field inline">
                <input type="radio" name="csv-packaging" checked={packaging === p} onChange={() => setPackaging(p)} data-testid={`csv-packaging-${p}`} />
                {t(`exchange.packagings.${p}`)}
              </label>
            ))}
          </fieldset>
        </div>
        <div className="toolbar">
          <button type="button" disabled={busy || tables.length === 0} onClick={() => void exportCsvNow()} data-testid="export-csv">{t('exchange.exportCsv')}</button>
        </div>
      </div>

      <div className="exchange-block">
        <h3>{t('exchange.refiTitle')}</h3>
        <p className="muted">{t('exchange.refiHint')}</p>
        <div className="toolbar">
          <button type="button" disabled={busy} onClick={() => void exportRefi('qdpx')} data-testid="export-qdpx">{t('exchange.exportQdpx')}</button>
          <button type="button" disabled={busy} onClick={() => void exportRefi('qdc')} data-testid="export-qdc">{t('exchange.exportQdc')}</button>
        </div>
      </div>
      <div role="status" aria-live="polite" data-testid="export-status">
        {status ? <p className={`notice ${status.kind === 'ok' ? 'ok' : 'error'}`}>{status.text}</p> : null}
      </div>
    </section>
  );
}
