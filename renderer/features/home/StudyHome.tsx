import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { META_LAST_STUDY, db, createStudy, useMeta } from '../../db';
import { useStudies } from '../../db/hooks';
import { navigate } from '../../app/router';
import { formatDate } from '../../app/format';
import { tracked } from '../../components/SaveIndicator';
import { Loading } from '../../components/Loading';

export function StudyHome() {
  const { t } = useTranslation();
  const studies = useStudies();
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function onCreate(e: FormEvent) {
    e.preventDefault();
    const clean = title.trim();
    if (!clean) {
      setError(t('common.required'));
      return;
    }
    const r = await tracked(() => createStudy(db, clean));
    if (!r.ok) {
      setError(r.reason === 'invalid' ? r.issues.map((i) => i.message).join('; ') : r.message);
      return;
    }
    navigate({ name: 'study', studyId: r.value.id, view: 'interviews' });
  }

  const demo = studies?.find((s) => s.demo);
  const own = studies?.filter((s) => !s.demo) ?? [];
  const lastId = useMeta(META_LAST_STUDY, db);
  const last = studies?.find((s) => s.id === lastId && !s.demo);
  return (
    <div>
      <section className="hero">
        <div>
          <h1>{t('home.title')}</h1>
          <p>{t('home.intro')}</p>
          <p className="muted">{t('app.offline')}</p>
        </div>
      </section>
      <div className="grid-2" style={{ marginBottom: 32 }}>
        {last ? (
          <div className="card">
            <h2>{t('home.continue')}</h2>
            <p className="muted">{last.title} · {t('home.counts', { ...last.counts })}</p>
            <button type="button" className="primary" onClick={() => navigate({ name: 'study', studyId: last.id, view: 'interviews' })} data-testid="continue-study">
              {t('home.continueOpen', { title: last.title })}
            </button>
          </div>
        ) : null}
        {demo ? (
          <div className="card">
            <h2>{demo.title}</h2>
            <p className="muted">{t('home.counts', { ...demo.counts })}</p>
            <button type="button" className="primary" onClick={() => navigate({ name: 'study', studyId: demo.id, view: 'interviews' })}>
              {t('home.openDemo')}
            </button>
          </div>
        ) : null}
        <form className="card" onSubmit={(e) => void onCreate(e)} aria-labelledby="new-study-h">
          <h2 id="new-study-h">{t('home.newStudy')}</h2>
          <label className="field">
            {t('home.newStudyTitle')}
            <input name="title" value={title} onChange={(e) => setTitle(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? 'new-study-err' : undefined} />
            {error ? <span id="new-study-err" className="field-error">{error}</span> : null}
          </label>
          <div className="form-actions">
            <button type="submit" className="primary">{t('home.create')}</button>
          </div>
        </form>
      </div>
      {/* The demo has its own card above: the list holds the user's own studies only (it was listed twice). */}
      <h2>{t('home.yourStudies')}</h2>
      {studies === undefined ? (
        <Loading />
      ) : null}
      {studies !== undefined && own.length === 0 ? <p className="muted" data-testid="no-own-studies">{t('home.emptyOwn')}</p> : null}
      {studies !== undefined ? (
        <ul className="study-list" style={{ listStyle: 'none', padding: 0 }} data-testid="study-list">
          {own.map((s) => (
            <li key={s.id} className="card study-card">
              <h3>
                <a href={`#/study/${encodeURIComponent(s.id)}/interviews`}>{s.title}</a>
              </h3>
              <div className="meta">
                {t('home.counts', { ...s.counts })}
                <br />
                {t('home.updated', { date: formatDate(s.updatedAt) })}
              </div>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
