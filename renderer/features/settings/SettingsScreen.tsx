import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { frameItemId, frameUsage, moveFrameItem, type FrameKind, type Study } from '../../../shared/model';
import type { ScreenProps } from '../../app/features';
import { navigate } from '../../app/router';
import { db, saveStudy } from '../../db';
import { useStudyData } from '../../db/hooks';
import { tracked } from '../../components/SaveIndicator';
import { Field } from '../../components/Field';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { showToast } from '../../components/Toasts';
import { deleteStudyWithSnapshot, resetDemoWithSnapshot } from '../../backup/bulk';
import demoJson from '../../../fixtures/demo/demo-study.json';

const FRAMES: FrameKind[] = ['stages', 'situations', 'groups', 'actors'];

export function SettingsScreen({ study }: ScreenProps) {
  const { t } = useTranslation();
  const data = useStudyData(study.id);
  const [confirm, setConfirm] = useState<'delete' | 'reset' | null>(null);
  const [dangerError, setDangerError] = useState<string | null>(null);

  async function save(patch: Partial<Study>) {
    const r = await tracked(() => saveStudy(db, { ...study, ...patch, updatedAt: new Date().toISOString() }));
    if (!r.ok) showToast({ kind: 'error', message: t('errors.storage', { message: r.reason === 'invalid' ? r.issues.map((i) => `${i.path}: ${i.message}`).join('; ') : r.message }) });
  }

  return (
    <div>
      <div className="page-head">
        <h1>{t('settings.title')}</h1>
      </div>
      <section className="card" aria-labelledby="set-study">
        <h2 id="set-study">{t('settings.study')}</h2>
        <div className="form-grid">
          <Field label={t('settings.studyTitle')}>
            <input defaultValue={study.title} onBlur={(e) => e.target.value.trim() && e.target.value !== study.title && void save({ title: e.target.value.trim() })} />
          </Field>
          <Field label={t('settings.site')} hint={t('settings.siteHint')}>
            <input defaultValue={study.site} onBlur={(e) => e.target.value !== study.site && void save({ site: e.target.value })} />
          </Field>
          <Field label={t('settings.smallCell')} hint={t('settings.smallCellHint')}>
            <input type="number" min={1} max={100} defaultValue={study.smallCellThreshold} onBlur={(e) => {
              const n = Number(e.target.value);
              if (Number.isInteger(n) && n >= 1 && n <= 100 && n !== study.smallCellThreshold) void save({ smallCellThreshold: n });
            }} />
          </Field>
        </div>
        <div style={{ marginTop: 16 }}>
          <Field label={t('settings.description')}>
            <textarea defaultValue={study.description} onBlur={(e) => e.target.value !== study.description && void save({ description: e.target.value })} />
          </Field>
        </div>
      </section>

      {FRAMES.map((kind) => (
        <FrameEditor key={kind} kind={kind} study={study} usage={data ? frameUsage(kind, data.segments, data.interviews.map((i) => i.groupId)) : new Map()} onSave={save} />
      ))}

      <section className="card" aria-labelledby="set-danger">
        <h2 id="set-danger">{t('settings.danger')}</h2>
        <div className="toolbar">
          {study.demo ? (
            <button type="button" onClick={() => setConfirm('reset')}>{t('home.resetDemo')}</button>
          ) : null}
          <button type="button" className="danger" onClick={() => setConfirm('delete')} data-testid="delete-study">{t('settings.deleteStudy')}</button>
        </div>
        {dangerError ? (
          <p className="notice error" role="alert" data-testid="danger-error">
            {dangerError}
          </p>
        ) : null}
      </section>
      {confirm ? (
        <ConfirmDialog
          message={confirm === 'delete' ? t('settings.confirmDelete', { title: study.title }) : t('settings.confirmReset')}
          confirmLabel={confirm === 'delete' ? t('common.delete') : t('home.resetDemo')}
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            setConfirm(null);
            void (async () => {
              setDangerError(null);
              // Like import, merge and restore: no snapshot, no destructive operation.
              const r = await tracked(() => (confirm === 'delete' ? deleteStudyWithSnapshot(study.id, { db }) : resetDemoWithSnapshot(study.id, demoJson, { db })));
              if (!r.ok && r.reason === 'backup') {
                setDangerError(t(confirm === 'delete' ? 'settings.deleteStopped' : 'settings.resetStopped', { message: r.message, title: study.title }));
                return;
              }
              if (r.ok && confirm === 'delete') navigate({ name: 'home' });
            })();
          }}
        />
      ) : null}
    </div>
  );
}

function FrameEditor({ kind, study, usage, onSave }: { kind: FrameKind; study: Study; usage: Map<string, number>; onSave: (patch: Partial<Study>) => Promise<void> }) {
  const { t } = useTranslation();
  const items = study[kind];
  const [label, setLabel] = useState('');
  const update = (next: typeof items) => void onSave({ [kind]: next } as Partial<Study>);
  return (
    <section className="card" aria-labelledby={`set-${kind}`}>
      <h2 id={`set-${kind}`}>{t(`settings.frames.${kind}`)}</h2>
      <p className="muted">{t(`settings.frameHints.${kind}`)}</p>
      <table className="data" data-testid={`frame-${kind}`}>
        <thead>
          <tr>
            <th scope="col">{t('settings.label')}</th>
            <th scope="col">{t('settings.short')}</th>
            {kind === 'groups' ? <th scope="col">{t('settings.prefix')}</th> : null}
            <th scope="col" className="num">{t('settings.inUse')}</th>
            <th scope="col"><span className="sr-only">{t('settings.actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          {items.map((it, i) => (
            <tr key={it.id}>
              <td>
                {/* Sized to the name (long group names were cut off in a fixed-width box); the full name is its title too. */}
                <input aria-label={`${t('settings.label')} ${i + 1}`} defaultValue={it.label} title={it.label} size={Math.min(60, Math.max(20, it.label.length + 2))} style={{ width: '100%' }} onBlur={(e) => {
                  const v = e.target.value.trim();
                  if (v && v !== it.label) update(items.map((x) => (x.id === it.id ? { ...x, label: v } : x)));
                }} />
              </td>
              <td>
                <input aria-label={`${t('settings.short')} ${i + 1}`} defaultValue={it.short ?? ''} title={it.short} size={12} onBlur={(e) => {
                  const v = e.target.value.trim();
                  if (v !== (it.short ?? '')) update(items.map((x) => (x.id === it.id ? { ...x, short: v || undefined } : x)));
                }} />
              </td>
              {kind === 'groups' ? <td><code>{'prefix' in it ? String(it.prefix) : ''}</code></td> : null}
              <td className="num">{usage.get(it.id) ?? 0}</td>
              <td style={{ whiteSpace: 'nowrap', textAlign: 'right' }}>
                <button type="button" className="ghost compact" disabled={i === 0} onClick={() => update(moveFrameItem(items, it.id, -1))} aria-label={`${t('settings.up')}: ${it.label}`}>↑</button>
                <button type="button" className="ghost compact" disabled={i === items.length - 1} onClick={() => update(moveFrameItem(items, it.id, 1))} aria-label={`${t('settings.down')}: ${it.label}`}>↓</button>
                <button type="button" className="ghost compact danger" disabled={(usage.get(it.id) ?? 0) > 0 || items.length <= 1} title={(usage.get(it.id) ?? 0) > 0 ? t('settings.inUseHint') : undefined} onClick={() => update(items.filter((x) => x.id !== it.id))} aria-label={`${t('common.delete')}: ${it.label}`}>×</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="toolbar" style={{ marginTop: 12 }} onSubmit={(e) => {
        e.preventDefault();
        const v = label.trim();
        if (!v) return;
        const id = frameItemId(v, items.map((x) => x.id));
        const item = kind === 'groups' ? { id, label: v, prefix: id.slice(0, 4).toUpperCase() } : { id, label: v };
        update([...items, item] as typeof items);
        setLabel('');
      }}>
        <Field label={t('settings.addItem')}>
          <input value={label} onChange={(e) => setLabel(e.target.value)} />
        </Field>
        <button type="submit">{t('common.create')}</button>
      </form>
    </section>
  );
}
