/**
 * The restore screen: the snapshots the app has taken (date, reason, study, size), each
 * restorable as a new study or over the open one (after a confirmation and a snapshot of the
 * current state). docs/backups.md.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScreenProps } from '../../app/features';
import { formatDate, formatNumber } from '../../app/format';
import { navigate } from '../../app/router';
import { BROWSER_KEEP, backupStore, listSnapshots, readSnapshot, snapshotStudy, type SnapshotInfo } from '../../backup';
import { commitAsNewStudy, commitReplace, type BulkResult } from '../../backup/bulk';
import { MAX_BACKUPS } from '../../../shared/bridge';
import type { Issue } from '../../../shared/exchange/issues';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { tracked } from '../../components/SaveIndicator';
import { showToast } from '../../components/Toasts';
import { IssueList, bulkFailureText } from '../exchange/common';
import './backups.css';
import { Loading } from '../../components/Loading';

function timeOf(iso: string): string {
  const m = /T(\d{2}):(\d{2})/.exec(iso);
  if (!m) return '';
  // Local time: the UTC stamp in the id is for ordering, people read their own clock.
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? `${m[1]}:${m[2]}` : `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

function localDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return formatDate(iso);
  return formatDate(`${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`);
}

function sizeText(bytes: number, lang: string): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, lang, 0)} kB`;
  return `${formatNumber(bytes / (1024 * 1024), lang, 1)} MB`;
}

export function BackupsScreen({ study }: ScreenProps) {
  const { t, i18n } = useTranslation();
  const [list, setList] = useState<SnapshotInfo[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [issues, setIssues] = useState<Issue[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<SnapshotInfo | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    const r = await listSnapshots();
    if (r.ok) {
      setList(r.snapshots);
      setListError(null);
    } else {
      setList([]);
      setListError(r.message);
    }
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  async function restore(s: SnapshotInfo, mode: 'new' | 'over') {
    setBusy(true);
    setIssues([]);
    setError(null);
    try {
      const read = await readSnapshot(s.id);
      if (!read.ok) return setIssues(read.issues);
      const r: BulkResult = await tracked(() =>
        mode === 'new' ? commitAsNewStudy(read.data, { studyId: null, reason: 'before-restore' }) : commitReplace(study.id, read.data, 'before-restore'),
      );
      if (!r.ok) return setError(bulkFailureText(r, t));
      showToast({ message: mode === 'new' ? t('backups.restoredNew') : t('backups.restoredOver', { title: study.title }) });
      await refresh();
      if (mode === 'new') navigate({ name: 'study', studyId: r.studyId, view: 'interviews' });
    } finally {
      setBusy(false);
    }
  }

  async function snapshotNow() {
    setBusy(true);
    try {
      const r = await snapshotStudy(study.id, 'manual');
      if (!r.ok) setError(t('backups.failed', { message: r.message }));
      await refresh();
    } finally {
      setBusy(false);
    }
  }

  const desktop = backupStore().kind === 'desktop';
  return (
    <div className="backups-screen" data-testid="backups-screen">
      <div className="page-head">
        <h1>{t('backups.title')}</h1>
        <span className="spacer" />
        <button type="button" disabled={busy} onClick={() => void snapshotNow()} data-testid="backup-now">{t('backups.now')}</button>
      </div>
      <p className="muted">{desktop ? t('backups.whereDesktop', { count: MAX_BACKUPS }) : t('backups.whereBrowser', { count: BROWSER_KEEP })}</p>
      <p className="muted">{t('backups.when')}</p>
      {listError ? <p className="notice error" role="alert">{t('backups.listFailed', { message: listError })}</p> : null}
      {error ? <p className="notice error" role="alert" data-testid="backup-error">{error}</p> : null}
      {issues.length ? <IssueList issues={issues} /> : null}
      <section className="card">
        {list === null ? (
          <Loading />
        ) : list.length === 0 ? (
          <p className="muted" data-testid="backups-empty">{t('backups.empty')}</p>
        ) : (
          <table className="data" data-testid="backup-list">
            <caption className="sr-only">{t('backups.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('backups.date')}</th>
                <th scope="col">{t('backups.reason')}</th>
                <th scope="col">{t('backups.study')}</th>
                <th scope="col" className="num">{t('backups.size')}</th>
                <th scope="col"><span className="sr-only">{t('backups.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {list.map((s) => (
                <tr key={s.id} data-reason={s.reason} data-study={s.studyId ?? ''}>
                  <td>{localDate(s.createdAt)} {timeOf(s.createdAt)}</td>
                  <td>{t(`backups.reasons.${s.reason}`, { defaultValue: s.reason })}</td>
                  <td>{s.studyTitle ?? '—'}</td>
                  <td className="num">{sizeText(s.size, i18n.language)}</td>
                  <td className="actions">
                    <button type="button" className="compact" disabled={busy} onClick={() => void restore(s, 'new')} data-testid="restore-new">{t('backups.asNew')}</button>
                    <button type="button" className="compact danger" disabled={busy} onClick={() => setConfirm(s)} data-testid="restore-over">{t('backups.over')}</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {confirm ? (
        <ConfirmDialog
          message={t('backups.confirmOver', { title: study.title, date: `${localDate(confirm.createdAt)} ${timeOf(confirm.createdAt)}` })}
          confirmLabel={t('backups.over')}
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            const s = confirm;
            setConfirm(null);
            void restore(s, 'over');
          }}
        />
      ) : null}
    </div>
  );
}
