import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  InterviewMode,
  draftFromInterview,
  interviewFromDraft,
  selectableStatuses,
  validateDraft,
  type DraftIssue,
  type Interview,
  type InterviewDraft,
  type Study,
} from '../../../shared/model';
import { db, saveInterview } from '../../db';
import { tracked } from '../../components/SaveIndicator';
import { DateField } from '../../components/DateField';
import { Field } from '../../components/Field';

function emptyDraft(study: Study): InterviewDraft {
  return {
    code: '',
    groupId: study.groups[0]?.id ?? '',
    format: 'individual',
    participantCount: 1,
    mode: 'digital',
    date: '',
    interviewer: '',
    site: study.site,
    consent: false,
    notes: '',
    status: 'planned',
  };
}

export function InterviewForm({ study, interview, others, onClose }: { study: Study; interview: Interview | null; others: readonly Interview[]; onClose: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const [draft, setDraft] = useState<InterviewDraft>(() => (interview ? draftFromInterview(interview) : emptyDraft(study)));
  const [issues, setIssues] = useState<DraftIssue[]>([]);
  const [saveError, setSaveError] = useState<string | null>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);

  const set = <K extends keyof InterviewDraft>(k: K, v: InterviewDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const issueFor = (f: keyof InterviewDraft) => issues.find((i) => i.field === f);
  const errText = (f: keyof InterviewDraft) => {
    const i = issueFor(f);
    return i ? t(i.key, i.params) : null;
  };

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const found = validateDraft(draft, others, interview?.id ?? null);
    setIssues(found);
    if (found.length > 0) return;
    const now = new Date().toISOString();
    const iv = interviewFromDraft(
      draft,
      interview ?? { id: crypto.randomUUID(), studyId: study.id, createdAt: now },
      now,
    );
    const r = await tracked(() => saveInterview(db, iv));
    if (!r.ok) {
      setSaveError(r.reason === 'quota' ? t('errors.quota') : t('errors.storage', { message: r.reason === 'invalid' ? r.issues.map((i) => `${i.field}: ${i.message}`).join('; ') : r.message }));
      return;
    }
    onClose();
  }

  const statuses = selectableStatuses(interview?.status ?? 'planned');

  return (
    <dialog ref={ref} onCancel={(e) => { e.preventDefault(); onClose(); }} aria-labelledby="iv-form-h" data-testid="interview-form">
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <h2 id="iv-form-h">{interview ? t('interviews.editTitle', { code: interview.code }) : t('interviews.newTitle')}</h2>
        {saveError ? <div className="notice error" role="alert">{saveError}</div> : null}
        <div className="form-grid">
          <Field label={t('interviews.code')} hint={t('interviews.codeHint')} error={errText('code')}>
            <input name="code" value={draft.code} onChange={(e) => set('code', e.target.value)} autoFocus placeholder="YF-07" autoComplete="off" />
          </Field>
          <Field label={t('interviews.group')} error={errText('groupId')}>
            <select name="groupId" value={draft.groupId} onChange={(e) => set('groupId', e.target.value)}>
              {study.groups.map((g) => (
                <option key={g.id} value={g.id}>{g.label}</option>
              ))}
            </select>
          </Field>
          <Field label={t('interviews.format')}>
            <select name="format" value={draft.format} onChange={(e) => {
              const f = e.target.value === 'group' ? 'group' : 'individual';
              setDraft((d) => ({ ...d, format: f, participantCount: f === 'group' ? Math.max(2, d.participantCount) : 1 }));
            }}>
              <option value="individual">{t('interviews.formats.individual')}</option>
              <option value="group">{t('interviews.formats.group')}</option>
            </select>
          </Field>
          {draft.format === 'group' ? (
            <Field label={t('interviews.participants')} hint={t('interviews.participantsHint')} error={errText('participantCount')}>
              <input name="participantCount" type="number" min={2} max={30} value={draft.participantCount} onChange={(e) => set('participantCount', Number(e.target.value))} />
            </Field>
          ) : null}
          <Field label={t('interviews.mode')}>
            <select name="mode" value={draft.mode} onChange={(e) => set('mode', InterviewMode.parse(e.target.value))}>
              {InterviewMode.options.map((m) => (
                <option key={m} value={m}>{t(`interviews.modes.${m}`)}</option>
              ))}
            </select>
          </Field>
          <Field label={t('interviews.date')} error={errText('date')}>
            <DateField name="date" value={draft.date} onChange={(v) => set('date', v)} testId="interview-date" />
          </Field>
          <Field label={t('interviews.interviewer')}>
            <input name="interviewer" value={draft.interviewer} maxLength={10} onChange={(e) => set('interviewer', e.target.value)} autoComplete="off" />
          </Field>
          <Field label={t('interviews.site')}>
            <input name="site" value={draft.site} onChange={(e) => set('site', e.target.value)} />
          </Field>
          <Field label={t('interviews.status')}>
            <select name="status" value={draft.status} onChange={(e) => set('status', e.target.value as InterviewDraft['status'])}>
              {statuses.map((s) => (
                <option key={s} value={s}>{t(`interviews.statuses.${s}`)}</option>
              ))}
            </select>
          </Field>
          <Field label={t('interviews.consent')} inline>
            <input name="consent" type="checkbox" checked={draft.consent} onChange={(e) => set('consent', e.target.checked)} />
          </Field>
        </div>
        <div style={{ marginTop: 16 }}>
          <Field label={t('interviews.notes')}>
            <textarea name="notes" value={draft.notes} onChange={(e) => set('notes', e.target.value)} />
          </Field>
        </div>
        <div className="form-actions">
          <button type="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="primary" data-testid="save-interview">{t('common.save')}</button>
        </div>
      </form>
    </dialog>
  );
}
