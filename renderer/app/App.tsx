import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRoute, routeHref } from './router';
import { FEATURES, featureFor } from './features';
import { useBoot } from './boot';
import { StudyHome } from '../features/home/StudyHome';
import { UnresolvedConflicts } from '../components/UnresolvedConflicts';
import { ToastArea } from '../components/Toasts';
import { SaveIndicator } from '../components/SaveIndicator';
import { useStudy } from '../db/hooks';
import { META_LAST_STUDY, db, setMeta } from '../db';
import { AboutDialog } from '../components/AboutDialog';
import { useCommands } from './commands';
import { LANGS, setLang, type Lang } from './i18n';
import { setTheme, useTheme } from './theme';
import { Loading } from '../components/Loading';


export function App() {
  const { t } = useTranslation();
  const boot = useBoot();
  const route = useRoute();
  useCommands(route.name === 'study' ? route.studyId : null);

  if (boot.state === 'loading') return <div style={{ padding: 24 }}><Loading /></div>;
  if (boot.state === 'error') return <div className="notice error" role="alert" style={{ margin: 24 }}>{boot.message}</div>;

  return (
    <>
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          // The hash is the router's: move focus without changing the route.
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('app.skip')}
      </a>
      {route.name === 'home' ? (
        <div className="shell">
          <TopBar />
          <main id="main" className="content full" tabIndex={-1}>
            <StudyHome />
          </main>
        </div>
      ) : (
        // Keyed by the study: a switch mounts a fresh shell, so nothing of the previous study (its
        // data, a screen's state) is ever shown under the new study's address.
        <StudyShell key={route.studyId} studyId={route.studyId} view={route.view} sub={route.sub} />
      )}
      <ToastArea />
    </>
  );
}

function TopBar({ studyTitle }: { studyTitle?: string }) {
  const { t, i18n } = useTranslation();
  const theme = useTheme();
  const [about, setAbout] = useState(false);
  useEffect(() => {
    document.title = studyTitle ? `${studyTitle} – ${t('app.name')}` : t('app.name');
  }, [studyTitle, t]);
  return (
    <header className="topbar">
      <a className="brand" href="#/">
        <span className="brand-mark" aria-hidden="true" />
        {t('app.name')}
      </a>
      {studyTitle ? <span className="study-title" data-testid="study-title">{studyTitle}</span> : null}
      <span className="spacer" />
      <SaveIndicator />
      <label className="sr-only" htmlFor="lang-select">{t('prefs.language')}</label>
      <select id="lang-select" className="compact" value={i18n.language} onChange={(e) => setLang(e.target.value as Lang)} data-testid="lang-select">
        {LANGS.map((l) => (
          <option key={l} value={l}>{t(`prefs.langNames.${l}`)}</option>
        ))}
      </select>
      <button type="button" className="ghost compact" aria-pressed={theme === 'contrast'} onClick={() => setTheme(theme === 'contrast' ? 'light' : 'contrast')} title={t('prefs.contrast')}>
        <svg className="icon" viewBox="0 0 20 20" aria-hidden="true"><circle cx="10" cy="10" r="8.5" fill="none" stroke="currentColor" strokeWidth="1.6" /><path d="M10 1.5a8.5 8.5 0 0 1 0 17z" fill="currentColor" /></svg> <span className="sr-only">{t('prefs.contrast')}</span>
      </button>
      <button type="button" className="ghost compact" onClick={() => setAbout(true)} title={t('about.open')}>
        <svg className="icon" viewBox="0 0 20 20" aria-hidden="true"><circle cx="10" cy="10" r="8.5" fill="none" stroke="currentColor" strokeWidth="1.6" /><rect x="9.1" y="8.5" width="1.8" height="6" rx="0.9" fill="currentColor" /><circle cx="10" cy="5.9" r="1.1" fill="currentColor" /></svg> <span className="sr-only">{t('about.open')}</span>
      </button>
      {about ? <AboutDialog onClose={() => setAbout(false)} /> : null}
    </header>
  );
}

function StudyShell({ studyId, view, sub }: { studyId: string; view: string; sub?: string | undefined }) {
  const { t } = useTranslation();
  const study = useStudy(studyId);
  useEffect(() => {
    // Remembered so the study home can offer "continue where you left off".
    void setMeta(db, META_LAST_STUDY, studyId);
  }, [studyId]);

  if (study === undefined) return <div style={{ padding: 24 }}><Loading /></div>;
  if (study === null) {
    return (
      <div className="notice error" role="alert" style={{ margin: 24 }}>
        {t('errors.notFound')} <a href="#/">{t('nav.studies')}</a>
      </div>
    );
  }
  const sections = ['study', 'analysis', 'output'] as const;
  return (
    <div className="shell">
      <TopBar studyTitle={study.title} />
      <nav className="sidenav" aria-label={t('nav.study')}>
        <ul>
          <li>
            <a href="#/">← {t('nav.studies')}</a>
          </li>
        </ul>
        {sections.map((sec) => {
          const items = FEATURES.filter((n) => n.section === sec && !n.hidden);
          if (items.length === 0) return null;
          return (
            <div key={sec}>
              <div className="nav-section">{t(`nav.${sec}`)}</div>
              <ul>
                {items.map((n) => (
                  <li key={n.view}>
                    <a href={routeHref({ name: 'study', studyId, view: n.view })} aria-current={n.view === view ? 'page' : undefined}>
                      {t(n.navKey)}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      </nav>
      <main id="main" className="content" tabIndex={-1} data-study={study.id}>
        <StudyScreen study={study} view={view} sub={sub} />
      </main>
    </div>
  );
}

function StudyScreen({ study, view, sub }: { study: NonNullable<ReturnType<typeof useStudy>>; view: string; sub?: string | undefined }) {
  const f = featureFor(view) ?? featureFor('interviews');
  if (!f) return null;
  const { Screen } = f;
  // Analysis screens and the report say when merge conflicts are unresolved (docs/exchange.md).
  if (f.section === 'analysis' || f.view === 'report') {
    return (
      <>
        <UnresolvedConflicts studyId={study.id} />
        <Screen study={study} sub={sub} />
      </>
    );
  }
  return <Screen study={study} sub={sub} />;
}
