import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { INTERVIEW_STATUSES, type Interview, type InterviewStatus } from '../../../shared/model';
import { db, deleteInterview, restoreInterview, useSegmentCounts } from '../../db';
import { useInterviews } from '../../db/hooks';
import { formatDate } from '../../app/format';
import { routeHref } from '../../app/router';
import { showToast } from '../../components/Toasts';
import { tracked } from '../../components/SaveIndicator';
import { MethodTable } from './MethodTable';
import { ReviewNotice } from '../quotereview';
import type { ScreenProps } from '../../app/features';
import { InterviewForm } from './InterviewForm';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Loading } from '../../components/Loading';

export function InterviewsScreen({ study }: ScreenProps) {
  const { t } = useTranslation();
  const interviews = useInterviews(study.id);
  const segmentCounts = useSegmentCounts(study.id);
  const [status, setStatus] = useState<InterviewStatus | ''>('');
  const [group, setGroup] = useState('');
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<Interview | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Interview | null>(null);

  const groupLabel = useMemo(() => new Map(study.groups.map((g) => [g.id, g.short ?? g.label])), [study.groups]);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (interviews ?? []).filter((iv) => (!status || iv.status === status) && (!group || iv.groupId === group) && (!q || iv.code.toLowerCase().includes(q)));
  }, [interviews, status, group, query]);

  if (interviews === undefined) return <Loading />;

  async function confirmDelete(iv: Interview) {
    setDeleting(null);
    const removed = await tracked(() => deleteInterview(db, iv.id));
    if (!removed.ok) {
      showToast({ kind: 'error', message: t('errors.storage', { message: 'message' in removed ? removed.message : removed.reason }) });
      return;
    }
    showToast({
      message: t('interviews.deleted', { code: iv.code }),
      action: { label: t('common.undo'), run: () => void tracked(() => restoreInterview(db, removed.value)) },
    });
  }

  return (
    <div>
      <div className="page-head">
        <h1>{t('interviews.title')}</h1>
        <span className="spacer" />
        <button type="button" className="primary" onClick={() => setEditing('new')} data-testid="new-interview">
          + {t('interviews.new')}
        </button>
      </div>
      <ReviewNotice studyId={study.id} />

      <section className="card" aria-labelledby="method-h">
        <h2 id="method-h">{t('interviews.methodTable')}</h2>
        <MethodTable groups={study.groups} interviews={interviews} />
      </section>

      <section className="card" aria-labelledby="list-h">
        <h2 id="list-h" className="sr-only">{t('interviews.title')}</h2>
        <div className="toolbar" role="search">
          <label className="field">
            {t('interviews.search')}
            <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
          </label>
          <label className="field">
            {t('interviews.filterGroup')}
            <select value={group} onChange={(e) => setGroup(e.target.value)}>
              <option value="">{t('common.all')}</option>
              {study.groups.map((g) => (
                <option key={g.id} value={g.id}>{g.label}</option>
              ))}
            </select>
          </label>
          <label className="field">
            {t('interviews.filterStatus')}
            <select value={status} onChange={(e) => setStatus(e.target.value as InterviewStatus | '')} data-testid="filter-status">
              <option value="">{t('common.all')}</option>
              {INTERVIEW_STATUSES.map((s) => (
                <option key={s} value={s}>{t(`interviews.statuses.${s}`)}</option>
              ))}
            </select>
          </label>
          <span className="muted" aria-live="polite" data-testid="interview-count">
            {t('interviews.count', { shown: shown.length, total: interviews.length })}
          </span>
        </div>
        {interviews.length === 0 ? (
          // A new study: no filter is set, so "nothing matches the filter" would be wrong. Say what to do next.
          <div className="empty-state" data-testid="interviews-empty">
            <p><strong>{t('interviews.emptyTitle')}</strong></p>
            <p>{t('interviews.emptyNext')}</p>
            <button type="button" className="primary" onClick={() => setEditing('new')}>+ {t('interviews.new')}</button>
          </div>
        ) : shown.length === 0 ? (
          <p className="muted" data-testid="interviews-none">{t('interviews.none')}</p>
        ) : (
          <table className="data" data-testid="interview-list">
            <thead>
              <tr>
                <th scope="col">{t('interviews.code')}</th>
                <th scope="col">{t('interviews.group')}</th>
                <th scope="col">{t('interviews.format')}</th>
                <th scope="col">{t('interviews.mode')}</th>
                <th scope="col">{t('interviews.date')}</th>
                <th scope="col">{t('interviews.status')}</th>
                <th scope="col"><span className="sr-only">{t('common.edit')}</span></th>
              </tr>
            </thead>
            <tbody>
              {shown.map((iv) => (
                <tr key={iv.id} data-code={iv.code}>
                  <th scope="row">{iv.code}</th>
                  <td>{groupLabel.get(iv.groupId) ?? iv.groupId}</td>
                  <td>
                    {t(`interviews.formats.${iv.format}`)}
                    {iv.format === 'group' ? ` (${iv.participants.length})` : ''}
                  </td>
                  <td>{t(`interviews.modes.${iv.mode}`)}</td>
                  <td>{formatDate(iv.date)}</td>
                  <td>
                    <span className={`badge status-${iv.status}`}>{t(`interviews.statuses.${iv.status}`)}</span>
                  </td>
                  <td style={{ whiteSpace: 'nowrap', textAlign: 'right' }}>
                    <a className="button ghost" href={routeHref({ name: 'study', studyId: study.id, view: 'transcript', sub: iv.id })} aria-label={t('transcript.openFor', { code: iv.code })} data-testid="open-transcript">
                      {t('transcript.open')}
                    </a>
                    <button type="button" className="ghost" onClick={() => setEditing(iv)} aria-label={`${t('common.edit')} ${iv.code}`}>
                      {t('common.edit')}
                    </button>
                    <button type="button" className="ghost danger" onClick={() => setDeleting(iv)} aria-label={`${t('common.delete')} ${iv.code}`}>
                      {t('common.delete')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {editing ? <InterviewForm study={study} interview={editing === 'new' ? null : editing} others={interviews} onClose={() => setEditing(null)} /> : null}
      {deleting ? (
        <ConfirmDialog
          message={t('interviews.confirmDelete', { code: deleting.code, segments: segmentCounts?.get(deleting.id) ?? 0 })}
          confirmLabel={t('common.delete')}
          onConfirm={() => void confirmDelete(deleting)}
          onCancel={() => setDeleting(null)}
        />
      ) : null}
    </div>
  );
}
