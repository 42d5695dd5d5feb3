import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

/**
 * The renderer as a plain web build (dist/web), served on 127.0.0.1 by `npm run web`.
 * The same renderer config is reused by electron.vite.config.ts for the desktop app.
 */
export const rendererConfig = {
  root: resolve(import.meta.dirname, 'renderer'),
  base: './',
  plugins: [react()],
  worker: { format: 'es' as const },
  // Bench marks (renderer/perf/marks.ts): on only when the bench builds the app; production drops them.
  define: { __BENCH_MARKS__: JSON.stringify(process.env.REISEKART_BENCH_MARKS === '1') },
  build: { target: 'chrome130', sourcemap: true, chunkSizeWarningLimit: 4000 },
};

export default defineConfig({
  ...rendererConfig,
  // REISEKART_WEB_DIST lets a second checkout of the tests build and serve elsewhere (parallel runs).
  build: { ...rendererConfig.build, outDir: resolve(import.meta.dirname, process.env.REISEKART_WEB_DIST ?? 'dist/web'), emptyOutDir: true },
  preview: { host: '127.0.0.1', port: 5199, strictPort: true },
  server: { host: '127.0.0.1', port: 5199, strictPort: true },
});
