/**
 * Retention (issue #19): the study's end date and rule, reminders before it, and the deletion —
 * which keeps no before-snapshot and says so before it runs; a date in the past asks first.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RetentionRule, retentionStatus } from '../../../shared/model';
import type { ScreenProps } from '../../app/features';
import { backupStore } from '../../backup';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DateField } from '../../components/DateField';
import { formatDate } from '../../app/format';
import { Loading } from '../../components/Loading';
import { tracked } from '../../components/SaveIndicator';
import { db, executeRetention, saveRetentionPlan, useRetentionPlan } from '../../db';
import { removeStudyBackups } from './backups';

export function RetentionScreen({ study }: ScreenProps) {
  const { t } = useTranslation();
  const plan = useRetentionPlan(study.id);
  const [date, setDate] = useState<string | null>(null);
  const [confirm, setConfirm] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  if (plan === undefined) return <Loading />;
  const today = new Date().toISOString().slice(0, 10);
  const status = retentionStatus(plan, today);
  const endDate = date ?? plan?.endDate ?? '';

  async function save() {
    const r = await tracked(() => saveRetentionPlan(db, { studyId: study.id, endDate, remindDays: plan?.remindDays ?? 30, rule: plan?.rule ?? RetentionRule.parse({}) }));
    setMessage(r.ok ? t('informants.retention.saved') : t('informants.retention.invalid'));
  }
  async function run() {
    setConfirm(false);
    const r = await tracked(() => executeRetention(db, study.id, ''));
    if (!r.ok) {
      setMessage(r.reason === 'invalid' ? r.issues.map((i) => i.message).join(' ') : r.message);
      return;
    }
    const b = await removeStudyBackups(backupStore(), study.id);
    setMessage(t('informants.retention.done', { transcripts: r.value.transcripts, backups: b.ok ? b.removed : 0 }));
  }

  return (
    <div data-testid="retention-screen" data-state="ready">
      <div className="page-head">
        <h1>{t('informants.retention.title')}</h1>
      </div>
      <section className="card">
        <p className="muted">{t('informants.retention.intro')}</p>
        <p data-testid="retention-status" role="status">{t(`informants.retention.status.${status.kind}`, { days: 'daysLeft' in status ? status.daysLeft : 'daysOver' in status ? status.daysOver : 0 })}</p>
        <form className="toolbar" onSubmit={(e) => { e.preventDefault(); void save(); }}>
          <label className="field">
            {t('informants.retention.endDate')}
            {status.kind === 'done' ? <span data-testid="retention-date">{formatDate(endDate)}</span> : <DateField name="endDate" value={endDate} onChange={(v) => setDate(v)} testId="retention-date" />}
          </label>
          <button type="submit" disabled={status.kind === 'done' || !/^\d{4}-\d{2}-\d{2}$/.test(endDate)} data-testid="retention-save">{t('informants.retention.save')}</button>
        </form>
        <p>{t('informants.retention.rule')}</p>
        {plan && status.kind !== 'done' ? (
          <button type="button" className="danger" onClick={() => setConfirm(true)} data-testid="retention-run">{t('informants.retention.run')}</button>
        ) : null}
        {message ? <p role="alert" data-testid="retention-message">{message}</p> : null}
      </section>
      {confirm && plan ? (
        <ConfirmDialog
          message={`${status.kind === 'due' && status.daysOver > 0 ? t('informants.retention.past', { date: formatDate(plan.endDate) }) : t('informants.retention.early', { date: formatDate(plan.endDate) })} ${t('informants.retention.noSnapshot')}`}
          confirmLabel={t('informants.retention.run')}
          onConfirm={() => void run()}
          onCancel={() => setConfirm(false)}
        />
      ) : null}
    </div>
  );
}
