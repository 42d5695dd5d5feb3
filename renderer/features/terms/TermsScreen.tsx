/**
 * The study's term list: schools, teachers, places the detectors cannot know, always flagged in
 * review (shared/anonymise detectTerms). Terms are identifiers themselves, so they stay in this
 * copy of the study and are listed here only for the people who anonymise.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StudyTerm } from '../../../shared/model';
import type { ScreenProps } from '../../app/features';
import { tracked } from '../../components/SaveIndicator';
import { showToast } from '../../components/Toasts';
import { db, deleteTerm, saveTerm, useTerms } from '../../db';
import './terms.css';
import { Loading } from '../../components/Loading';

export const TERM_KINDS = ['SKOLE', 'LÆRER', 'NAVN', 'STED'] as const;

export function TermsScreen({ study }: ScreenProps) {
  const { t } = useTranslation();
  const terms = useTerms(study.id, db);
  const [term, setTerm] = useState('');
  const [kind, setKind] = useState<string>('SKOLE');
  const [error, setError] = useState<string | null>(null);

  if (terms === undefined) return <Loading />;
  const sorted = [...terms].sort((a, b) => a.kind.localeCompare(b.kind, 'nb') || a.term.localeCompare(b.term, 'nb'));

  async function add(e: FormEvent) {
    e.preventDefault();
    const value = term.normalize('NFC').trim().replace(/\s+/g, ' ');
    if (!value) {
      setError(t('terms.required'));
      return;
    }
    if (terms?.some((x) => x.term.toLocaleLowerCase('nb') === value.toLocaleLowerCase('nb') && x.kind === kind)) {
      setError(t('terms.duplicate', { term: value }));
      return;
    }
    const r = await tracked(() => saveTerm(db, { id: db.env.newId(), studyId: study.id, term: value, kind }));
    if (!r.ok) {
      setError(r.reason === 'invalid' ? r.issues.map((i) => i.message).join(' ') : r.message);
      return;
    }
    setError(null);
    setTerm('');
  }

  async function remove(x: StudyTerm) {
    const r = await tracked(() => deleteTerm(db, x.id));
    if (!r.ok) return;
    showToast({ message: t('terms.deleted', { term: x.term }), action: { label: t('common.undo'), run: () => void tracked(() => saveTerm(db, x)) } });
  }

  return (
    <div>
      <div className="page-head">
        <h1>{t('terms.title')}</h1>
      </div>
      <section className="card" aria-labelledby="terms-add-h">
        <h2 id="terms-add-h">{t('terms.add')}</h2>
        <p className="muted">{t('terms.intro')}</p>
        <form className="toolbar" onSubmit={(e) => void add(e)} data-testid="term-form">
          <label className="field">
            {t('terms.term')}
            <input value={term} onChange={(e) => setTerm(e.target.value)} maxLength={200} aria-invalid={error ? true : undefined} aria-describedby={error ? 'term-error' : undefined} />
          </label>
          <label className="field">
            {t('terms.kind')}
            <select value={kind} onChange={(e) => setKind(e.target.value)}>
              {TERM_KINDS.map((k) => (
                <option key={k} value={k}>{t(`terms.kinds.${k}`)}</option>
              ))}
            </select>
          </label>
          <button type="submit" className="primary">{t('terms.addButton')}</button>
          {error ? <span id="term-error" className="field-error" role="alert">{error}</span> : null}
        </form>
      </section>
      <section className="card" aria-labelledby="terms-list-h">
        <h2 id="terms-list-h">{t('terms.list', { count: sorted.length })}</h2>
        {sorted.length === 0 ? (
          <p className="muted">{t('terms.none')}</p>
        ) : (
          <table className="data" data-testid="term-list">
            <thead>
              <tr>
                <th scope="col">{t('terms.term')}</th>
                <th scope="col">{t('terms.kind')}</th>
                <th scope="col"><span className="sr-only">{t('common.delete')}</span></th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((x) => (
                <tr key={x.id}>
                  <th scope="row">{x.term}</th>
                  <td><span className="badge">{t(`terms.kinds.${x.kind}`, { defaultValue: x.kind })}</span></td>
                  <td className="terms-actions">
                    <button type="button" className="ghost danger" onClick={() => void remove(x)} aria-label={`${t('common.delete')} ${x.term}`}>
                      {t('common.delete')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
