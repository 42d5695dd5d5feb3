/**
 * Regenerates docs/screenshots/*.png: every screen of the demo study as a user sees it, in the
 * light theme (and the journey map in high contrast). Run `npm run screenshots` after `npm run build:web`.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { launch, newSession } from '../tests/e2e/chromium';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = resolve(ROOT, 'docs/screenshots');
const STUDY = 'demo-brukerreisen-kim';

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const port = 5700 + Math.floor(Math.random() * 200);
  const base = `http://127.0.0.1:${port}/`;
  const server = spawn(process.execPath, [resolve(ROOT, 'node_modules/vite/bin/vite.js'), 'preview', '--config', 'vite.web.config.ts', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { cwd: ROOT, stdio: 'ignore' });
  try {
    for (let i = 0; i < 100; i++) {
      try {
        if ((await fetch(base)).ok) break;
      } catch {
        await new Promise((r) => setTimeout(r, 150));
      }
    }
    const browser = await launch();
    const s = await newSession(browser, base, { viewport: { width: 1440, height: 900 } });
    const { page } = s;
    await page.goto(base);
    await page.getByRole('button', { name: 'Åpne demostudien' }).waitFor();
    await page.screenshot({ path: resolve(OUT, 'home.png') });
    await page.goto(`${base}#/study/${STUDY}/interviews`);
    await page.getByTestId('study-title').waitFor();
    const views = (await page.locator('nav.sidenav a[href*="/study/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))).map((h) => h.split('/')[3] ?? '');
    for (const v of views) {
      await page.goto(`${base}#/study/${STUDY}/${v}`);
      await page.locator('main h1').first().waitFor();
      await page.waitForTimeout(400);
      await page.screenshot({ path: resolve(OUT, `${v}.png`) });
      console.log(`docs/screenshots/${v}.png`);
    }
    for (const [name, path] of [['coding-workbench', 'coding/demo-iv-sf-02'], ['transcript-view', 'transcript/demo-iv-sf-02']] as const) {
      await page.goto(`${base}#/study/${STUDY}/${path}`);
      await page.locator('main h1').first().waitFor();
      await page.waitForTimeout(600);
      await page.screenshot({ path: resolve(OUT, `${name}.png`) });
      console.log(`docs/screenshots/${name}.png`);
    }
    await page.evaluate(() => localStorage.setItem('reisekart.theme', 'contrast'));
    await page.goto(`${base}#/study/${STUDY}/${views.includes('journey') ? 'journey' : 'interviews'}`);
    await page.reload();
    await page.locator('main h1').first().waitFor();
    await page.waitForTimeout(400);
    await page.screenshot({ path: resolve(OUT, 'high-contrast.png') });
    await browser.close();
    if (s.errors.length) console.warn('console errors while taking screenshots:', s.errors);
  } finally {
    server.kill();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
