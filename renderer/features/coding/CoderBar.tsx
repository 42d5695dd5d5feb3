import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Study } from '../../../shared/model';
import { appDb, saveStudy } from '../../db';
import { tracked } from '../../components/SaveIndicator';
import { setBlind, setCurrentCoder } from './coderState';

/** The current coder (stored in meta), blind mode, and adding a coder to the study. */
export function CoderBar({ study, coderId, blind }: { study: Study; coderId: string; blind: boolean }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');
  const [initials, setInitials] = useState('');

  async function add() {
    const n = name.trim();
    const ini = (initials.trim() || n.split(/\s+/).map((w) => w[0] ?? '').join('')).slice(0, 10).toUpperCase();
    if (!n || !ini) return;
    const id = `coder-${crypto.randomUUID().slice(0, 8)}`;
    const r = await tracked(() => saveStudy(appDb(), { ...study, coders: [...study.coders, { id, name: n, initials: ini }] }));
    if (r.ok) {
      await setCurrentCoder(study.id, id);
      setAdding(false);
      setName('');
      setInitials('');
    }
  }

  return (
    <div className="coder-bar toolbar" data-testid="coder-bar">
      <label className="field inline">
        {t('coding.coder.current')}
        <select value={coderId} onChange={(e) => void setCurrentCoder(study.id, e.target.value)} data-testid="current-coder">
          {study.coders.map((c) => <option key={c.id} value={c.id}>{c.name} ({c.initials})</option>)}
        </select>
      </label>
      <label className="field inline">
        <input type="checkbox" checked={blind} onChange={(e) => void setBlind(study.id, e.target.checked)} data-testid="blind-mode" />
        {t('coding.coder.blind')}
      </label>
      {blind ? <span className="badge">{t('coding.coder.blindOn')}</span> : null}
      {adding ? (
        <form className="inline-form" onSubmit={(e) => { e.preventDefault(); void add(); }}>
          <label className="field inline">{t('coding.coder.name')}<input value={name} onChange={(e) => setName(e.target.value)} autoFocus required maxLength={100} /></label>
          <label className="field inline">{t('coding.coder.initials')}<input value={initials} onChange={(e) => setInitials(e.target.value)} maxLength={10} size={4} /></label>
          <button type="submit" className="primary">{t('coding.coder.add')}</button>
          <button type="button" onClick={() => setAdding(false)}>{t('common.cancel')}</button>
        </form>
      ) : (
        <button type="button" className="ghost" onClick={() => setAdding(true)} data-testid="add-coder">+ {t('coding.coder.add')}</button>
      )}
    </div>
  );
}
