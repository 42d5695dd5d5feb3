import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StudyData } from '../../../shared/model';
import { composeReport, DEFAULT_SECTIONS, leakCounts, SECTION_IDS, type LeakHit, type PageFormat, type ReportIssue, type ReportLocale, type ReportOptions, type SectionId } from '../../../shared/report';
import type { ScreenProps } from '../../app/features';
import { db, logAudit, writeAudit } from '../../db';
import { useStudyData } from '../../db/hooks';
import { tracked } from '../../components/SaveIndicator';
import { showToast } from '../../components/Toasts';
import { DateField } from '../../components/DateField';
import { Field } from '../../components/Field';
import { platform } from '../../platform';
import { ReportPreview } from './ReportPreview';
import { useReportWorker } from './useReportWorker';
import { Loading } from '../../components/Loading';
import { RiskPanel, useRiskCheck } from '../risk';

const FILE_NAME = 'reisekart-rapport.pdf';

interface Form {
  title: string;
  subtitle: string;
  organisation: string;
  authors: string;
  date: string;
  locale: ReportLocale;
  sections: SectionId[];
  groupIds: string[];
  stageIds: string[];
  journeyPage: PageFormat;
}

function today(): string {
  const d = new Date();
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

function toOptions(f: Form): ReportOptions {
  return {
    title: f.title,
    subtitle: f.subtitle,
    organisation: f.organisation,
    authors: f.authors,
    date: f.date,
    locale: f.locale,
    // Keep the method report's order whatever order the boxes were ticked in.
    sections: SECTION_IDS.filter((s) => f.sections.includes(s)),
    groupIds: f.groupIds,
    stageIds: f.stageIds,
    journeyPage: f.journeyPage,
  };
}

/** Debounce a value: the preview recomposes 300 ms after the last keystroke, not on every one. */
function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

type Status = { kind: 'idle' } | { kind: 'blocked'; hits: LeakHit[] } | { kind: 'done'; name: string; pages: number } | { kind: 'error'; message: string };

function issueText(issues: readonly ReportIssue[]): string {
  return issues.map((i) => (i.kind === 'options' ? `${i.field}: ${i.message}` : i.kind === 'leak' ? `${i.hits.length}` : i.message)).join('; ');
}

function Checkboxes<T extends string>({ legend, items, chosen, onChange, hint, testId }: { legend: string; items: { id: T; label: string }[]; chosen: T[]; onChange: (next: T[]) => void; hint?: string; testId: string }) {
  return (
    <fieldset className="rp-fieldset" data-testid={testId}>
      <legend>{legend}</legend>
      {hint && <p className="muted rp-hint">{hint}</p>}
      {items.map((it) => (
        <label key={it.id} className="field inline">
          <input type="checkbox" checked={chosen.includes(it.id)} onChange={(e) => onChange(e.target.checked ? [...chosen, it.id] : chosen.filter((x) => x !== it.id))} />
          {it.label}
        </label>
      ))}
    </fieldset>
  );
}

function LeakList({ hits }: { hits: LeakHit[] }) {
  const { t } = useTranslation();
  return (
    <table className="data" data-testid="leak-list">
      <thead>
        <tr>
          <th scope="col">{t('report.ui.leakSection')}</th>
          <th scope="col">{t('report.ui.leakKind')}</th>
          <th scope="col">{t('report.ui.leakText')}</th>
          <th scope="col">{t('report.ui.leakContext')}</th>
        </tr>
      </thead>
      <tbody>
        {hits.map((h, i) => (
          <tr key={i}>
            <td>{h.section === 'meta' ? t('report.ui.leakMeta') : h.sectionTitle}</td>
            <td><span className="badge">{h.kind}</span></td>
            <td><mark>{h.text}</mark></td>
            <td className="muted">{h.context}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Composer({ study, data }: { study: ScreenProps['study']; data: StudyData }) {
  const { t, i18n } = useTranslation();
  const [form, setForm] = useState<Form>(() => ({
    title: study.title,
    subtitle: '',
    organisation: study.site,
    authors: '',
    date: today(),
    locale: i18n.language === 'nn' || i18n.language === 'en' ? i18n.language : 'nb',
    sections: [...DEFAULT_SECTIONS],
    groupIds: [],
    stageIds: [],
    journeyPage: 'a4',
  }));
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const { build, progress } = useReportWorker();
  const set = <K extends keyof Form>(k: K, v: Form[K]): void => {
    setForm((f) => ({ ...f, [k]: v }));
    setStatus({ kind: 'idle' });
  };

  const options = useMemo(() => toOptions(form), [form]);
  const debounced = useDebounced(options, 300);
  const composed = useMemo(() => composeReport(data, debounced), [data, debounced]);
  const busy = progress !== null;
  // Re-identification risk (issue 20): nothing leaves while a risk is undecided.
  const risk = useRiskCheck(data);

  async function exportPdf(override: boolean, hits: LeakHit[] = []) {
    if (risk.pending.length > 0) {
      setStatus({ kind: 'error', message: t('risk.blocked', { count: risk.pending.length }) });
      document.getElementById('rk-h')?.scrollIntoView({ block: 'start' });
      return;
    }
    const r = await build(data, { ...options, overrideLeaks: override });
    if (!r.ok) {
      const leak = r.issues.find((i) => i.kind === 'leak');
      if (leak && leak.kind === 'leak') setStatus({ kind: 'blocked', hits: leak.hits });
      else setStatus({ kind: 'error', message: issueText(r.issues) });
      return;
    }
    if (override) {
      // The override is logged: counts per kind, never the values.
      const logged = await tracked(() => writeAudit(db, { studyId: study.id, who: form.authors.slice(0, 100), action: 'report.export-override', subject: FILE_NAME, counts: leakCounts(hits), note: '' }));
      if (!logged.ok) showToast({ kind: 'error', message: t('report.ui.auditFailed') });
    }
    const saved = await platform.saveFile(r.bytes, FILE_NAME, [{ name: 'PDF', extensions: ['pdf'] }]);
    if (saved.ok) {
      void logAudit(db, study.id, { action: 'export', subject: saved.name, counts: { pages: r.pages } });
      setStatus({ kind: 'done', name: saved.name, pages: r.pages });
      showToast({ message: t('report.ui.saved', { name: saved.name, pages: r.pages }) });
    } else if (saved.reason === 'cancelled') setStatus({ kind: 'idle' });
    else setStatus({ kind: 'error', message: saved.message });
  }

  const sectionItems = SECTION_IDS.map((id) => ({ id, label: t(`report.pdf.sections.${id}`) }));
  const invalid = !composed.ok ? issueText(composed.issues) : null;

  return (
    <div className="rp-layout">
      <form className="card rp-form" onSubmit={(e) => { e.preventDefault(); void exportPdf(false); }} aria-labelledby="rp-form-h">
        <h2 id="rp-form-h">{t('report.ui.cover')}</h2>
        <div className="rp-fields">
          <label className="field">
            {t('report.ui.title')}
            <input value={form.title} onChange={(e) => set('title', e.target.value)} required data-testid="report-title" />
          </label>
          <label className="field">
            {t('report.ui.subtitle')}
            <input value={form.subtitle} onChange={(e) => set('subtitle', e.target.value)} />
          </label>
          <label className="field">
            {t('report.ui.organisation')}
            <input value={form.organisation} onChange={(e) => set('organisation', e.target.value)} />
          </label>
          <label className="field">
            {t('report.ui.authors')} <span className="muted hint">{t('report.ui.optional')}</span>
            <input value={form.authors} onChange={(e) => set('authors', e.target.value)} />
          </label>
          <Field label={t('report.ui.date')}>
            <DateField value={form.date} onChange={(v) => set('date', v)} required testId="report-date" />
          </Field>
          <label className="field">
            {t('report.ui.language')}
            <select value={form.locale} onChange={(e) => set('locale', e.target.value as ReportLocale)}>
              <option value="nb">Bokmål</option>
              <option value="nn">Nynorsk</option>
              <option value="en">English</option>
            </select>
          </label>
        </div>

        <Checkboxes legend={t('report.ui.sections')} items={sectionItems} chosen={form.sections} onChange={(v) => set('sections', v)} testId="report-sections" />
        <fieldset className="rp-fieldset">
          <legend>{t('report.ui.journeyPage')}</legend>
          {(['a4', 'a3'] as const).map((f) => (
            <label key={f} className="field inline">
              <input type="radio" name="journey-page" value={f} checked={form.journeyPage === f} onChange={() => set('journeyPage', f)} />
              {t('report.ui.landscape', { format: f.toUpperCase() })}
            </label>
          ))}
        </fieldset>
        <Checkboxes legend={t('report.ui.groups')} hint={t('report.ui.noneIsAll')} items={study.groups.map((g) => ({ id: g.id, label: g.label }))} chosen={form.groupIds} onChange={(v) => set('groupIds', v)} testId="report-groups" />
        <Checkboxes legend={t('report.ui.stages')} hint={t('report.ui.noneIsAll')} items={study.stages.map((s) => ({ id: s.id, label: s.label }))} chosen={form.stageIds} onChange={(v) => set('stageIds', v)} testId="report-stages" />

        <RiskPanel data={data} check={risk} by={form.authors.trim().slice(0, 100) || (study.coders[0]?.initials ?? '')} />

        <div className="rp-actions">
          <button type="submit" className="primary" disabled={busy || invalid !== null} data-testid="report-export">
            {t('report.ui.export')}
          </button>
          {busy && (
            <span className="rp-progress" role="status">
              <progress max={1} value={progress ?? 0} aria-label={t('report.ui.building')} /> {t('report.ui.buildingPct', { pct: Math.round((progress ?? 0) * 100) })}
            </span>
          )}
        </div>
        <div aria-live="polite">
          {invalid && <p className="notice error">{invalid}</p>}
          {status.kind === 'done' && <p className="notice ok" data-testid="report-done">{t('report.ui.saved', { name: status.name, pages: status.pages })}</p>}
          {status.kind === 'error' && <p className="notice error">{t('report.ui.failed', { message: status.message })}</p>}
        </div>
        {status.kind === 'blocked' && (
          <div className="notice warn rp-leaks" role="alert" data-testid="report-blocked">
            <h3>{t('report.ui.leakTitle', { count: status.hits.length })}</h3>
            <p>{t('report.ui.leakIntro')}</p>
            <LeakList hits={status.hits} />
            <p className="muted">{t('report.ui.leakLogged')}</p>
            <button type="button" className="danger" disabled={busy} onClick={() => void exportPdf(true, status.hits)} data-testid="report-export-anyway">
              {t('report.ui.exportAnyway')}
            </button>
          </div>
        )}
      </form>

      <section className="card rp-preview" aria-labelledby="rp-preview-h">
        <h2 id="rp-preview-h">{t('report.ui.preview')}</h2>
        <p className="muted rp-hint">{t('report.ui.previewHint')}</p>
        {composed.ok && <ReportPreview doc={composed.doc} />}
      </section>
    </div>
  );
}

export function ReportScreen({ study }: ScreenProps) {
  const { t } = useTranslation();
  const data = useStudyData(study.id);
  return (
    <div>
      <div className="page-head">
        <h1>{t('report.ui.heading')}</h1>
        <p className="muted">{t('report.ui.intro')}</p>
      </div>
      {data ? <Composer study={study} data={data} /> : <Loading />}
    </div>
  );
}
