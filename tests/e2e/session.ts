/**
 * One browser and one fresh profile per test file, opened before its tests and closed after:
 * `const s = useSession()` gives `s.page`, `s.errors`, `s.foreignRequests`, `s.context` and
 * `s.browser` (for a second, fresh profile) once the file's tests run.
 */
import { afterAll, beforeAll, inject } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, newSession, type Session } from './chromium';

export const baseUrl: string = inject('baseUrl');

export type FileSession = Session & { readonly browser: Browser };

export function useSession(opts: Parameters<typeof newSession>[2] = {}): FileSession {
  let browser: Browser | null = null;
  let session: Session | null = null;
  beforeAll(async () => {
    browser = await launch();
    session = await newSession(browser, baseUrl, opts);
  });
  afterAll(async () => {
    await browser?.close();
  });
  return new Proxy({} as FileSession, {
    get(_target, key) {
      if (key === 'browser') return browser;
      if (!session) throw new Error('the browser session is opened in beforeAll: use it inside a test');
      return Reflect.get(session, key);
    },
  });
}
