/**
 * A desktop app people trust: every screen passes axe-core with no serious or critical violation,
 * works by keyboard, in nb/nn/en and in high contrast, and never reaches outside its own origin.
 */
import { describe, expect, it } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import { baseUrl, screenReady, useSession } from './session';

const STUDY = 'demo-brukerreisen-kim';
const s = useSession();

/** Every registered study view, read from the navigation (so a new screen is covered without editing this test). */
async function studyViews(): Promise<string[]> {
  await s.page.goto(`${baseUrl}#/study/${STUDY}/interviews`);
  await s.page.getByTestId('study-title').waitFor();
  const hrefs = await s.page.locator('nav.sidenav a[href*="/study/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.map((h) => h.split('/')[3] ?? '').filter(Boolean);
}

async function axe(label: string) {
  const r = await new AxeBuilder({ page: s.page as never }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${label}: ${v.id} (${v.impact}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
}

describe('accessibility (axe-core) on every screen', () => {
  it('study home', async () => {
    await s.page.goto(baseUrl);
    await s.page.getByRole('button', { name: 'Åpne demostudien' }).waitFor();
    await axe('home');
  });

  // One test per theme: axe over every screen is the slowest check of the suite (about 50 s a theme
  // here, several minutes under the stress run's 4x CPU throttling).
  for (const theme of ['light', 'contrast'] as const) {
    it(`every study screen, ${theme === 'light' ? 'light theme' : 'high contrast'}`, { timeout: 900_000 }, async () => {
      await s.page.goto(baseUrl);
      await s.page.evaluate((t) => localStorage.setItem('reisekart.theme', t), theme);
      const views = await studyViews();
      expect(views.length).toBeGreaterThanOrEqual(2);
      for (const v of views) {
        await s.page.goto(`${baseUrl}#/study/${STUDY}/${v}`);
        await s.page.reload();
        await s.page.locator('main h1').first().waitFor();
        await screenReady(s.page, STUDY);
        await axe(`${v} (${theme})`);
      }
    });
  }
});

describe('keyboard and languages', () => {
  it('the skip link and navigation work by keyboard alone, with a visible focus', async () => {
    const { page } = s;
    await page.goto(`${baseUrl}#/study/${STUDY}/interviews`);
    await page.getByTestId('study-title').waitFor();
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement?.textContent ?? '');
    expect(first).toContain('Hopp til innhold');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  it('switches language at runtime (nb → nn → en) and remembers it', async () => {
    const { page } = s;
    await page.goto(`${baseUrl}#/study/${STUDY}/interviews`);
    await page.getByTestId('lang-select').selectOption('nn');
    await expect.poll(() => page.locator('main h1').innerText()).toBe('Intervju');
    await page.getByTestId('lang-select').selectOption('en');
    await expect.poll(() => page.locator('main h1').innerText()).toBe('Interviews');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.reload();
    await expect.poll(() => page.locator('main h1').innerText()).toBe('Interviews');
    await page.getByTestId('lang-select').selectOption('nb');
    await expect.poll(() => page.locator('main h1').innerText()).toBe('Intervjuer');
  });
});

describe('offline and locked down', () => {
  it('an injected fetch to an outside address is refused, and nothing left the origin', async () => {
    const { page } = s;
    await page.goto(baseUrl);
    await page.getByRole('button', { name: 'Åpne demostudien' }).waitFor();
    const outcome = await page.evaluate(async () => {
      try {
        await fetch('https://example.com/collect?x=1', { mode: 'no-cors' });
        return 'reached';
      } catch (e) {
        return `refused: ${String(e)}`;
      }
    });
    expect(outcome).toMatch(/^refused/);
    // The CSP (connect-src 'self') stops it before the network; the recorder proves nothing else went out.
    expect(s.foreignRequests).toEqual([]);
    // The CSP violation is the only console error this test provokes.
    const others = s.errors.filter((e) => !/Content Security Policy|Failed to fetch|example\.com/.test(e));
    expect(others).toEqual([]);
    s.errors.length = 0; // checked: the provoked CSP error only
  });
});
