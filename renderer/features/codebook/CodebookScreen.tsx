import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Code } from '../../../shared/model';
import { codeCounts, codeTree, deleteCodeWithReassign, flattenTree, invertCodebookChange, mergeCodes, moveCode, nextColor, subtreeIds, type CodebookChange } from '../../../shared/coding';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { appDb, applyChange, saveCode, useCodes, useSegments } from '../../db';
import { tracked } from '../../components/SaveIndicator';
import { showToast } from '../../components/Toasts';
import type { ScreenProps } from '../../app/features';
import '../coding/coding.css';
import { Loading } from '../../components/Loading';
import { MemoPanel } from '../memos';

/** Merge and delete-with-reassignment: codes and segments change in one transaction. */
async function applyCodebook(studyId: string, c: CodebookChange) {
  return tracked(() => applyChange(appDb(), studyId, { puts: { codes: c.putCodes, segments: c.putSegments }, deletes: { codes: c.deleteCodes }, ...(c.mergedInto ? { codesMergedInto: c.mergedInto } : {}) }));
}

export function CodebookScreen({ study }: ScreenProps) {
  const { t } = useTranslation();
  const db = appDb();
  const codes = useCodes(study.id, db);
  const segments = useSegments(study.id, db);
  const [name, setName] = useState('');
  const [parent, setParent] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [target, setTarget] = useState('');
  /** A merge or delete waiting for confirmation: destructive, so confirmed first and undoable after. */
  const [pending, setPending] = useState<{ change: CodebookChange; message: string; label: string; done: string } | null>(null);
  const flat = useMemo(() => flattenTree(codeTree(codes ?? [])), [codes]);
  const counts = useMemo(() => codeCounts(segments ?? []), [segments]);
  if (!codes || !segments) return <Loading />;
  const sel = codes.find((c) => c.id === selected) ?? null;
  const fail = (r: { ok: boolean }) => { if (!r.ok) showToast({ kind: 'error', message: t('codebook.failed') }); };
  const put = async (c: Code) => fail(await tracked(() => saveCode(db, c)));

  async function create() {
    const n = name.trim();
    if (!n) return;
    const siblings = codes!.filter((c) => c.parentId === (parent || null));
    await put({ id: crypto.randomUUID(), studyId: study.id, parentId: parent || null, name: n, color: nextColor(codes!), definition: '', examples: [], order: siblings.length });
    setName('');
  }
  async function move(c: Code, parentId: string | null, index: number) {
    const changed = moveCode(codes!, c.id, parentId, index);
    if (!changed) return showToast({ kind: 'error', message: t('codebook.cycle') });
    fail(await tracked(() => applyChange(db, study.id, { puts: { codes: changed } })));
  }
  const siblingsOf = (c: Code) => codes.filter((x) => x.parentId === c.parentId).sort((a, b) => a.order - b.order || a.name.localeCompare(b.name, 'nb'));

  return (
    <div>
      <div className="page-head"><h1>{t('codebook.title')}</h1></div>
      <section className="card">
        <form className="toolbar" onSubmit={(e) => { e.preventDefault(); void create(); }}>
          <label className="field">{t('codebook.name')}<input value={name} onChange={(e) => setName(e.target.value)} data-testid="new-code-name" /></label>
          <label className="field">{t('codebook.parent')}
            <select value={parent} onChange={(e) => setParent(e.target.value)}>
              <option value="">{t('codebook.top')}</option>
              {flat.map((n) => <option key={n.code.id} value={n.code.id}>{'· '.repeat(n.depth)}{n.code.name}</option>)}
            </select>
          </label>
          <button type="submit" className="primary">+ {t('codebook.add')}</button>
        </form>
        {codes.length === 0 ? (
          <div className="empty-state" data-testid="codebook-empty">
            <p><strong>{t('codebook.emptyTitle')}</strong></p>
            <p>{t('codebook.emptyNext')}</p>
          </div>
        ) : null}
        <table className="data" data-testid="codebook" hidden={codes.length === 0}>
          <thead><tr><th scope="col">{t('codebook.name')}</th><th scope="col" className="num">{t('codebook.segments')}</th><th scope="col" className="num">{t('codebook.informants')}</th><th scope="col">{t('codebook.actions')}</th></tr></thead>
          <tbody>
            {flat.map(({ code: c, depth }) => {
              const sib = siblingsOf(c);
              const i = sib.findIndex((x) => x.id === c.id);
              return (
                <tr key={c.id} data-code={c.name} aria-selected={selected === c.id}>
                  <th scope="row" style={{ paddingLeft: 12 + depth * 20 }}>
                    <span className="swatch" style={{ background: c.color }} aria-hidden="true" /> {c.name}
                    {c.definition ? <div className="muted" style={{ fontWeight: 400, fontSize: 13 }}>{c.definition}</div> : null}
                  </th>
                  <td className="num">{counts.get(c.id)?.segments ?? 0}</td>
                  <td className="num">{counts.get(c.id)?.informants ?? 0}</td>
                  <td style={{ whiteSpace: 'nowrap' }}>
                    <button type="button" className="ghost" aria-label={`${t('codebook.up')} ${c.name}`} disabled={i <= 0} onClick={() => void move(c, c.parentId, i - 1)}>↑</button>
                    <button type="button" className="ghost" aria-label={`${t('codebook.down')} ${c.name}`} disabled={i >= sib.length - 1} onClick={() => void move(c, c.parentId, i + 1)}>↓</button>
                    <button type="button" className="ghost" onClick={() => { setSelected(c.id); setTarget(''); }}>{t('common.edit')} <span className="sr-only">{c.name}</span></button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      {sel ? (
        <section className="card" aria-labelledby="code-edit-h" key={sel.id}>
          <h2 id="code-edit-h">{sel.name}</h2>
          <div className="form-grid">
            <label className="field">{t('codebook.name')}<input defaultValue={sel.name} onBlur={(e) => e.target.value.trim() && e.target.value !== sel.name && void put({ ...sel, name: e.target.value.trim() })} /></label>
            <label className="field">{t('codebook.color')}<input type="color" defaultValue={sel.color} onChange={(e) => void put({ ...sel, color: e.target.value })} /></label>
            <label className="field">{t('codebook.parent')}
              <select value={sel.parentId ?? ''} onChange={(e) => void move(sel, e.target.value || null, 999)}>
                <option value="">{t('codebook.top')}</option>
                {flat.filter((n) => !subtreeIds(codes, sel.id).has(n.code.id)).map((n) => <option key={n.code.id} value={n.code.id}>{'· '.repeat(n.depth)}{n.code.name}</option>)}
              </select>
            </label>
          </div>
          <label className="field">{t('codebook.definition')}<textarea defaultValue={sel.definition} onBlur={(e) => e.target.value !== sel.definition && void put({ ...sel, definition: e.target.value })} /></label>
          <label className="field">{t('codebook.examples')}<textarea defaultValue={sel.examples.join('\n')} onBlur={(e) => void put({ ...sel, examples: e.target.value.split('\n').map((x) => x.trim()).filter(Boolean) })} /></label>
          <div className="toolbar" style={{ marginTop: 16 }}>
            <label className="field">{t('codebook.target')}
              <select value={target} onChange={(e) => setTarget(e.target.value)} data-testid="merge-target">
                <option value="">{t('codebook.noTarget')}</option>
                {flat.filter((n) => n.code.id !== sel.id).map((n) => <option key={n.code.id} value={n.code.id}>{'· '.repeat(n.depth)}{n.code.name}</option>)}
              </select>
            </label>
            <button type="button" disabled={!target} onClick={() => {
              const c = mergeCodes(codes, segments, sel.id, target, new Date().toISOString());
              if (!c) return showToast({ kind: 'error', message: t('codebook.cycle') });
              const into = codes.find((x) => x.id === target)?.name ?? '';
              setPending({ change: c, message: t('codebook.confirmMerge', { name: sel.name, into, count: counts.get(sel.id)?.segments ?? 0 }), label: t('codebook.merge'), done: t('codebook.merged', { name: sel.name, into }) });
            }}>{t('codebook.merge')}</button>
            <button type="button" className="danger" onClick={() => {
              const c = deleteCodeWithReassign(codes, segments, sel.id, target || null, new Date().toISOString());
              if (!c) return;
              setPending({ change: c, message: t('codebook.confirmDelete', { name: sel.name, count: counts.get(sel.id)?.segments ?? 0 }), label: t('codebook.delete'), done: t('codebook.deleted', { name: sel.name }) });
            }}>{t('codebook.delete')}</button>
            <button type="button" onClick={() => setSelected(null)}>{t('common.close')}</button>
          </div>
          <MemoPanel studyId={study.id} kind="code" target={{ codeId: sel.id }} />
        </section>
      ) : null}
      {pending ? (
        <ConfirmDialog
          message={pending.message}
          confirmLabel={pending.label}
          onCancel={() => setPending(null)}
          onConfirm={() => {
            const { change, done } = pending;
            const undo = invertCodebookChange(change, codes, segments);
            setPending(null);
            void (async () => {
              const r = await applyCodebook(study.id, change);
              fail(r);
              if (!r.ok) return;
              setSelected(null);
              showToast({ message: done, action: { label: t('common.undo'), run: () => void applyCodebook(study.id, undo).then(fail) } });
            })();
          }}
        />
      ) : null}
    </div>
  );
}
