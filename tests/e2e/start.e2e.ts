/**
 * The README's first command on a machine without an Electron binary (this one): `npm start` says
 * why in one paragraph, serves the same renderer on 127.0.0.1 and prints the URL; the demo study
 * opens there with its method table 27 / 15 / 42. Downloads are switched off (no test downloads).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { launch, newSession } from './chromium';

const ROOT = resolve(import.meta.dirname, '../..');
let child: ChildProcess | null = null;
const dist = mkdtempSync(join(tmpdir(), 'reisekart-start-'));

afterAll(() => {
  // npm start runs detached in its own process group: stop npm, tsx and the server together.
  if (child?.pid) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
  rmSync(dist, { recursive: true, force: true });
});

describe('npm start without an Electron binary', () => {
  it('explains itself, serves the app on 127.0.0.1 and the demo reads 27 / 15 / 42 at the printed URL', async () => {
    child = spawn('npm', ['start'], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own build folder, so the suite's server (dist/web) is never rebuilt under it.
      env: { ...process.env, CI: 'true', REISEKART_NO_ELECTRON_DOWNLOAD: '1', REISEKART_WEB_DIST: dist },
    });
    let out = '';
    child.stdout?.on('data', (d) => (out += String(d)));
    child.stderr?.on('data', (d) => (out += String(d)));
    // The build runs first: sized for a loaded 2-core machine.
    await expect.poll(() => /Reisekart: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1] ?? null, { timeout: 180_000, interval: 250 }).not.toBeNull();
    const url = /Reisekart: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1] ?? '';
    expect(out).toContain('Reisekart cannot open as a desktop app');
    expect(out).toContain('node node_modules/electron/install.js');
    expect(out).toContain('own profile');
    expect(out).not.toMatch(/\n\s+at .+:\d+:\d+\)/); // no stack trace

    const browser = await launch();
    try {
      const s = await newSession(browser, url);
      await s.page.goto(url);
      await s.page.getByRole('button', { name: 'Åpne demostudien' }).click();
      await s.page.getByTestId('method-total').waitFor({ timeout: 60_000 });
      expect(await s.page.locator('[data-testid="method-total"] td').allInnerTexts()).toEqual(['Totalt', '27', '15', '42']);
      expect(s.errors).toEqual([]);
      expect(s.foreignRequests).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
