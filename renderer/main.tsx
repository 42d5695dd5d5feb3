import './styles/tokens.css';
import './styles/app.css';

/**
 * Cold start in steps. Imported statically, the whole module graph (React DOM, zod schemas,
 * Dexie, jsPDF, every screen) was evaluated in one task of 200–400 ms on the bench machine
 * (a CDP trace showed a single `v8.evaluateModule`; docs/bench.md). Each dynamic import below is
 * evaluated in its own task, with a macrotask in between so the page can paint and handle input;
 * the heavy libraries are evaluated ahead of the screens that import them, so the last step
 * (the app and its screens) evaluates only what is left.
 */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

async function start(): Promise<void> {
  const { initI18n } = await import('./app/i18n');
  initI18n();
  const { applyTheme } = await import('./app/theme');
  applyTheme();
  await nextTask();
  const [{ createRoot }, { StrictMode, createElement }] = await Promise.all([import('react-dom/client'), import('react')]);
  await nextTask();
  await import('../shared/model');
  await nextTask();
  await import('dexie');
  await nextTask();
  await import('jspdf');
  await nextTask();
  const { App } = await import('./app/App');
  // Background services (scheduled backups) start here, explicitly, once.
  const { startServices } = await import('./app/services');
  startServices();
  const root = document.getElementById('root');
  if (!root) throw new Error('#root missing from index.html');
  createRoot(root).render(createElement(StrictMode, null, createElement(App)));
}

void start();
