/**
 * The presentation fits the room: at 1280×720, 1920×1080 and 1920×1080 at device scale factor 2
 * every view (each stage of the walk, the storyboard) shows without scrolling or clipping. Checked
 * by DOM measurement, not by eye: no element inside the presentation scrolls (scrollHeight >
 * clientHeight), the footer and every card end inside the viewport, Kim never covers a stage label,
 * a card's quotes are distinct, and the storyboard shows wish texts and no empty heading.
 * Screenshots of each size go to REISEKART_SHOTS (default .scratch/present) for a person to look at.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newSession } from './chromium';
import { baseUrl, useSession } from './session';

const STUDY = 'demo-brukerreisen-kim';
const SHOTS = resolve(process.env.REISEKART_SHOTS ?? '.scratch/present');
const s = useSession();

interface Overflow {
  scrolling: string[];
  below: string[];
  clipped: string[];
  viewport: { w: number; h: number };
}

/** Everything inside the presentation that scrolls, ends below the viewport or clips its text. */
async function overflow(page: Page): Promise<Overflow> {
  return page.getByTestId('present').evaluate((root) => {
    const name = (el: Element): string => `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''}.${(el.getAttribute('class') ?? '').replace(/\s+/g, '.')}`;
    const vh = window.innerHeight;
    const vw = window.innerWidth;
    const scrolling: string[] = [];
    const below: string[] = [];
    const clipped: string[] = [];
    for (const el of [root, ...root.querySelectorAll('*')]) {
      // The visually hidden live region is clipped on purpose (it is read, not seen).
      if (!(el instanceof HTMLElement) || el.classList.contains('sr-only')) continue;
      if (el.scrollHeight > el.clientHeight + 1 && getComputedStyle(el).overflowY !== 'visible') scrolling.push(`${name(el)} ${el.scrollHeight}>${el.clientHeight}`);
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') scrolling.push(`${name(el)} width ${el.scrollWidth}>${el.clientWidth}`);
    }
    for (const el of root.querySelectorAll('[data-testid="stage-card"], [data-testid="quote-card"], .present-foot, .present-bar, .present-steps, svg.chart-svg')) {
      const r = el.getBoundingClientRect();
      if (r.bottom > vh + 0.5 || r.right > vw + 0.5 || r.top < -0.5) below.push(`${name(el)} bottom ${Math.round(r.bottom)} of ${vh}`);
    }
    // A quote card's text is never cut: its box holds all of it.
    for (const el of root.querySelectorAll('[data-testid="quote-card"]')) {
      if (el instanceof HTMLElement && el.scrollHeight > el.clientHeight + 1) clipped.push(name(el));
    }
    return { scrolling, below, clipped, viewport: { w: vw, h: vh } };
  });
}

const SIZES = [
  { name: '1280x720', viewport: { width: 1280, height: 720 }, scale: 1 },
  { name: '1920x1080', viewport: { width: 1920, height: 1080 }, scale: 1 },
  { name: '1920x1080@2', viewport: { width: 1920, height: 1080 }, scale: 2 },
];

describe('presentation fits the room', () => {
  for (const size of SIZES) {
    it(`every view fits at ${size.name}`, async () => {
      await mkdir(SHOTS, { recursive: true });
      const session = await newSession(s.browser, baseUrl, { viewport: size.viewport, deviceScaleFactor: size.scale });
      const { page } = session;
      try {
        await page.goto(`${baseUrl}#/study/${STUDY}/present`);
        const stage = page.getByTestId('present-stage');
        await expect.poll(() => stage.innerText(), { timeout: 60_000 }).toContain('1 av 6');
        await page.getByTestId('present-curve').waitFor({ timeout: 60_000 });
        for (let i = 0; i < 6; i++) {
          await expect.poll(() => stage.innerText(), { timeout: 30_000 }).toContain(`${i + 1} av 6`);
          // Kim has walked when the marker's transform names this stage's position.
          await expect.poll(() => page.getByTestId('kim').getAttribute('data-step'), { timeout: 30_000 }).toBe(String(i));
          await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), undefined, { timeout: 30_000 });
          const o = await overflow(page);
          expect({ stage: i + 1, ...o }).toEqual({ stage: i + 1, scrolling: [], below: [], clipped: [], viewport: { w: size.viewport.width, h: size.viewport.height } });
          // Kim never covers a stage label (or its n line).
          const hits = await page.getByTestId('present-curve').evaluate((svg) => {
            const kim = svg.querySelector('[data-testid="kim"] circle')!.getBoundingClientRect();
            const out: string[] = [];
            for (const t of svg.querySelectorAll('[data-role="stage-label"], [data-role="stage-n"], [data-role="y-label"]')) {
              const r = t.getBoundingClientRect();
              if (r.left < kim.right && r.right > kim.left && r.top < kim.bottom && r.bottom > kim.top) out.push(t.textContent ?? '');
            }
            return out;
          });
          expect(hits).toEqual([]);
          // Quotes on a card are distinct.
          const quotes = await page.getByTestId('stage-card').evaluateAll((cards) => cards.map((c) => [...c.querySelectorAll('[data-testid="quote-card"]')].map((q) => (q.textContent ?? '').toLocaleLowerCase('nb'))));
          for (const card of quotes) expect(new Set(card).size).toBe(card.length);
          await page.screenshot({ path: resolve(SHOTS, `walk-${size.name}-stage${i + 1}.png`) });
          if (i < 5) await page.keyboard.press('ArrowRight');
        }
        await page.getByTestId('view-storyboard').click();
        await page.getByTestId('present-storyboard').waitFor({ timeout: 30_000 });
        const o = await overflow(page);
        expect({ view: 'storyboard', ...o }).toEqual({ view: 'storyboard', scrolling: [], below: [], clipped: [], viewport: { w: size.viewport.width, h: size.viewport.height } });
        const board = await page.getByTestId('present-storyboard').evaluate((svg) => ({
          // What follows each heading, in drawing order: an item or a wish line, never another heading or the next panel.
          sections: [...svg.querySelectorAll('[data-role="section"]')].map((t) => ({ text: t.textContent ?? '', next: t.nextElementSibling?.getAttribute('data-role') ?? '' })),
          wishes: [...svg.querySelectorAll('[data-role="wish"]')].map((t) => t.textContent ?? ''),
          items: [...svg.querySelectorAll('[data-role="item"]')].map((t) => t.textContent ?? ''),
        }));
        // No heading without anything under it; wishes are quoted wish texts, not "Code (n)".
        expect(board.sections.length).toBeGreaterThan(0);
        for (const sec of board.sections) expect(['item', 'wish'], sec.text).toContain(sec.next);
        expect(board.wishes.length).toBeGreaterThan(0);
        for (const w of board.wishes) expect(w).not.toMatch(/\(\d+\)$/);
        await page.screenshot({ path: resolve(SHOTS, `storyboard-${size.name}.png`) });
        expect(session.errors).toEqual([]);
      } finally {
        await session.context.close();
      }
    });
  }
});
