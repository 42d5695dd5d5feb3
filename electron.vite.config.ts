import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './vite.web.config';

/**
 * Desktop build (electron-vite): out/main/index.js (ESM, package.json "main"),
 * out/preload/index.cjs (CommonJS: a sandboxed preload cannot load ES modules) and
 * out/renderer (the same renderer as the web build, from vite.web.config.ts).
 */
const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      // Bundle zod into the main bundle too, so the packaged app ships out/** and no node_modules.
      externalizeDeps: false,
      rolldownOptions: { input: { index: resolve(root, 'electron/main.ts') } },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // The sandboxed preload can only `require('electron')`: bundle everything else (zod).
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    build: {
      ...rendererConfig.build,
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      rolldownOptions: { input: { index: resolve(rendererConfig.root, 'index.html') } },
    },
  },
});
