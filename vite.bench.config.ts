import { defineConfig } from 'vite';
import { resolve } from 'node:path';
import { rendererConfig } from './vite.web.config';

/**
 * The bench page (tests/bench/page/bench.html → .bench/page), built for `npm run bench` only. It
 * shares the renderer's settings so the scenarios run the same compiled code as the app; the
 * runner serves it beside the app build (.bench/web) on one origin. It lives outside renderer/,
 * so nothing of it can end up in the app.
 */
const PAGE = resolve(import.meta.dirname, 'tests/bench/page');

export default defineConfig({
  ...rendererConfig,
  root: PAGE,
  build: {
    ...rendererConfig.build,
    sourcemap: false,
    outDir: resolve(import.meta.dirname, '.bench/page'),
    emptyOutDir: true,
    rollupOptions: { input: resolve(PAGE, 'bench.html') },
  },
});
