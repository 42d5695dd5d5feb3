import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { findChromium } from './chromium';

const ROOT = resolve(import.meta.dirname, '../..');
let server: ChildProcess | null = null;

async function waitFor(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > until) throw new Error(`The preview server did not answer at ${url} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Serves the built renderer (dist/web) on 127.0.0.1 with `vite preview`, as `npm run web` does. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  findChromium(); // fail first, and loudly, when there is no browser
  if (!existsSync(resolve(ROOT, process.env.REISEKART_WEB_DIST ?? 'dist/web', 'index.html'))) {
    throw new Error('dist/web is missing: run `npm run build:web` first (npm run test:e2e does).');
  }
  const port = 5300 + Math.floor(Math.random() * 400);
  const baseUrl = `http://127.0.0.1:${port}/`;
  server = spawn(process.execPath, [resolve(ROOT, 'node_modules/vite/bin/vite.js'), 'preview', '--config', 'vite.web.config.ts', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  server.stdout?.on('data', (d) => (log += String(d)));
  server.stderr?.on('data', (d) => (log += String(d)));
  try {
    await waitFor(baseUrl, 30_000);
  } catch (e) {
    server.kill();
    throw new Error(`${String(e)}\n${log}`, { cause: e });
  }
  project.provide('baseUrl', baseUrl);
  return async () => {
    server?.kill();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
