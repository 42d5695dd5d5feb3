/**
 * The restore screen: the snapshots the app has taken (date, reason, study, size), each
 * restorable as a new study or over the open one, and removable by the user. A restore over the
 * open study first reads the snapshot and names its source study and time; a snapshot of ANOTHER
 * study needs a second, explicit choice before it replaces the open one. Snapshots hold no term
 * list or pseudonym table (they are left out): a restore over the open study keeps the open
 * study's own. docs/backups.md.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScreenProps } from '../../app/features';
import { formatDate, formatNumber } from '../../app/format';
import { navigate } from '../../app/router';
import { KEEP_OPERATIONS, KEEP_SCHEDULED, listSnapshots, readSnapshot, removeSnapshot, snapshotStudy, type SnapshotInfo } from '../../backup';
import { commitAsNewStudy, commitReplace, type BulkResult } from '../../backup/bulk';
import type { Issue } from '../../../shared/exchange/issues';
import type { StudyData } from '../../../shared/model';
import { db } from '../../db';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { tracked } from '../../components/SaveIndicator';
import { showToast } from '../../components/Toasts';
import { IssueList, bulkFailureText } from '../exchange';
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
  const [confirm, setConfirm] = useState<{ snapshot: SnapshotInfo; data: StudyData } | null>(null);
  const [removing, setRemoving] = useState<SnapshotInfo | null>(null);
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

  const when = (s: SnapshotInfo) => `${localDate(s.createdAt)} ${timeOf(s.createdAt)}`;

  /** Read the snapshot first: the dialog names its study and time from its content. */
  async function prepareOver(s: SnapshotInfo) {
    setBusy(true);
    setIssues([]);
    setError(null);
    try {
      const read = await readSnapshot(s.id);
      if (!read.ok) return setIssues(read.issues);
      setConfirm({ snapshot: s, data: read.data });
    } finally {
      setBusy(false);
    }
  }

  async function restore(s: SnapshotInfo, mode: 'new' | 'over', given?: StudyData) {
    setBusy(true);
    setIssues([]);
    setError(null);
    try {
      let data = given;
      if (!data) {
        const read = await readSnapshot(s.id);
        if (!read.ok) return setIssues(read.issues);
        data = read.data;
      }
      const source = data.study.title;
      if (mode === 'over') {
        // Snapshots carry no term list or pseudonym table: the open study keeps its own.
        const [terms, pseudonyms] = await Promise.all([db.terms.where('studyId').equals(study.id).toArray(), db.pseudonyms.where('studyId').equals(study.id).toArray()]);
        data = { ...data, terms: terms.map((x) => ({ ...x, studyId: data?.study.id ?? x.studyId })), pseudonyms: pseudonyms.map((x) => ({ ...x, studyId: data?.study.id ?? x.studyId })) };
      }
      const staged = data;
      const r: BulkResult = await tracked(() => (mode === 'new' ? commitAsNewStudy(staged, { studyId: null, reason: 'before-restore' }) : commitReplace(study.id, staged, 'before-restore')));
      if (!r.ok) return setError(bulkFailureText(r, t));
      showToast({ message: mode === 'new' ? t('backups.restoredNew', { source, date: when(s) }) : t('backups.restoredOver', { title: study.title, source, date: when(s) }) });
      await refresh();
      if (mode === 'new') navigate({ name: 'study', studyId: r.studyId, view: 'interviews' });
    } finally {
      setBusy(false);
    }
  }

  async function remove(s: SnapshotInfo) {
    setBusy(true);
    try {
      const r = await removeSnapshot(s.id);
      if (!r.ok) setError(t('backups.removeFailed', { message: r.message }));
      await refresh();
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

  return (
    <div className="backups-screen" data-testid="backups-screen">
      <div className="page-head">
        <h1>{t('backups.title')}</h1>
        <span className="spacer" />
        <button type="button" disabled={busy} onClick={() => void snapshotNow()} data-testid="backup-now">{t('backups.now')}</button>
      </div>
      <p className="muted">{t('backups.keep', { scheduled: KEEP_SCHEDULED, operations: KEEP_OPERATIONS })}</p>
      <p className="muted">{t('backups.when')}</p>
      <p className="muted" data-testid="backups-no-terms">{t('backups.noTerms')}</p>
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
                    <button type="button" className="compact danger" disabled={busy} onClick={() => void prepareOver(s)} data-testid="restore-over">{t('backups.over')}</button>
                    <button type="button" className="compact" disabled={busy} onClick={() => setRemoving(s)} data-testid="backup-remove">{t('backups.remove')}</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {confirm ? (
        <RestoreOverDialog
          openTitle={study.title}
          sourceTitle={confirm.data.study.title}
          date={when(confirm.snapshot)}
          otherStudy={confirm.data.study.id !== study.id}
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            const c = confirm;
            setConfirm(null);
            void restore(c.snapshot, 'over', c.data);
          }}
        />
      ) : null}
      {removing ? (
        <ConfirmDialog
          message={t('backups.confirmRemove', { date: when(removing), title: removing.studyTitle ?? '—' })}
          confirmLabel={t('backups.remove')}
          onCancel={() => setRemoving(null)}
          onConfirm={() => {
            const s = removing;
            setRemoving(null);
            void remove(s);
          }}
        />
      ) : null}
    </div>
  );
}

/**
 * Restore over the open study: names the snapshot's study and time. When the snapshot holds
 * another study, the confirm button stays disabled until the second, explicit choice is ticked.
 */
function RestoreOverDialog({ openTitle, sourceTitle, date, otherStudy, onConfirm, onCancel }: { openTitle: string; sourceTitle: string; date: string; otherStudy: boolean; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const [sure, setSure] = useState(false);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      aria-labelledby="restore-msg"
      data-testid="restore-dialog"
      data-other-study={otherStudy ? 'yes' : 'no'}
    >
      <p id="restore-msg" data-testid="restore-source">
        {otherStudy ? t('backups.confirmOverOther', { title: openTitle, source: sourceTitle, date }) : t('backups.confirmOver', { title: openTitle, source: sourceTitle, date })}
      </p>
      <p className="muted">{t('backups.keepsTerms')}</p>
      {otherStudy ? (
        <label className="field inline">
          <input type="checkbox" checked={sure} onChange={(e) => setSure(e.target.checked)} data-testid="restore-other-sure" />
          {t('backups.otherSure', { title: openTitle, source: sourceTitle })}
        </label>
      ) : null}
      <div className="form-actions">
        <button type="button" onClick={onCancel} autoFocus>
          {t('common.cancel')}
        </button>
        <button type="button" className="primary danger-fill" disabled={otherStudy && !sure} onClick={onConfirm} data-testid="restore-confirm">
          {t('backups.over')}
        </button>
      </div>
    </dialog>
  );
}
