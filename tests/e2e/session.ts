/**
 * One browser per test file and a FRESH profile (own IndexedDB, own localStorage) per test:
 * `const s = useSession()` gives `s.page`, `s.errors`, `s.foreignRequests`, `s.context` and
 * `s.browser` inside a test. No test sees what another test did, so each one sets up its own
 * state and passes when run alone (`-t "<name>"`); one failure never cascades.
 *
 * After every test: no request left the app's origin and the page logged no error (a test that
 * provokes an error on purpose empties `s.errors` after checking it).
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect, inject } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, newSession, type Session } from './chromium';

export const baseUrl: string = inject('baseUrl');

export type FileSession = Session & { readonly browser: Browser };

export function useSession(opts: Parameters<typeof newSession>[2] = {}): FileSession {
  let browser: Browser | null = null;
  let session: Session | null = null;
  beforeAll(async () => {
    browser = await launch();
  });
  beforeEach(async () => {
    if (!browser) throw new Error('no browser');
    session = await newSession(browser, baseUrl, opts);
  });
  afterEach(async () => {
    const done = session;
    session = null;
    if (!done) return;
    await done.context.close();
    expect(done.foreignRequests, 'requests that left the app').toEqual([]);
    expect(done.errors, 'console errors').toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
  });
  return new Proxy({} as FileSession, {
    get(_target, key) {
      if (key === 'browser') return browser;
      if (!session) throw new Error('the browser session is opened in beforeEach: use it inside a test');
      return Reflect.get(session, key);
    },
  });
}

/** Opens the demo study's `view` in a fresh profile and waits until the screen has loaded. */
export async function openDemo(page: Page, view = 'interviews'): Promise<void> {
  await page.goto(`${baseUrl}#/study/${DEMO}/${view}`);
  await screenReady(page, DEMO);
}

export const DEMO = 'demo-brukerreisen-kim';

/** The app's own "loaded" signal: the study's screen is mounted and no part of it is still loading. */
export async function screenReady(page: Page, studyId: string): Promise<void> {
  await page.locator(`main[data-study="${studyId}"]`).waitFor();
  await expect.poll(() => page.getByTestId('loading').count(), { timeout: 60_000 }).toBe(0);
}

/**
 * How many of the user's own studies the home screen lists (the demo has its own card). The list
 * is in the page (perhaps empty, so not visible) once the studies have loaded.
 */
export async function homeStudyCount(page: Page): Promise<number> {
  await page.goto(baseUrl);
  await page.getByTestId('study-list').waitFor({ state: 'attached' });
  await expect.poll(() => page.getByTestId('loading').count()).toBe(0);
  return page.locator('[data-testid="study-list"] .study-card').count();
}
