import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Where a Chromium may be: an explicit path first, then Debian's and other common places. */
const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export function findChromium(): string {
  for (const c of CANDIDATES) if (c && existsSync(c)) return c;
  throw new Error(
    'No Chromium found for the end-to-end tests. Install Debian\'s package (`sudo apt-get install -y chromium`) ' +
      'or set CHROMIUM_PATH to a Chromium/Chrome binary. (Never `npx playwright install`: it downloads a browser.) ' +
      'The e2e suite does not skip: without a browser the renderer is unproven.',
  );
}

/** Flags measured on this machine (STACK.md): no background traffic, a headless, sandbox-free root run. */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** REISEKART_CPU_THROTTLE=4 slows every page's CPU 4x (CDP), as `npm run test:e2e:stress` does. */
export function cpuThrottleRate(): number {
  const n = Number(process.env.REISEKART_CPU_THROTTLE);
  return Number.isFinite(n) && n > 1 ? n : 1;
}

const throttled = new WeakSet<Page>();
async function throttle(context: BrowserContext, page: Page, rate: number): Promise<void> {
  if (throttled.has(page)) return;
  throttled.add(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors seen so far (a test fails on any). */
  errors: string[];
  /** Every request whose origin is not the app's own. Must stay empty: the app works offline. */
  foreignRequests: string[];
}

/** A fresh profile (own IndexedDB) with request recording: anything not to the app's origin is blocked and recorded. */
export async function newSession(browser: Browser, baseUrl: string, opts: { viewport?: { width: number; height: number }; deviceScaleFactor?: number; locale?: string } = {}): Promise<Session> {
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1366, height: 900 }, deviceScaleFactor: opts.deviceScaleFactor ?? 1, acceptDownloads: true, locale: opts.locale ?? 'nb-NO' });
  const errors: string[] = [];
  const foreignRequests: string[] = [];
  const origin = new URL(baseUrl).origin;
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith('data:') || u.startsWith('blob:')) return route.continue();
    let o = '';
    try {
      o = new URL(u).origin;
    } catch {
      /* unparsable: foreign */
    }
    if (o === origin) return route.continue();
    foreignRequests.push(u);
    return route.abort('blockedbyclient');
  });
  // Sized for a loaded 2-core machine (and for the stress run's 4x CPU throttling).
  context.setDefaultTimeout(60_000);
  const rate = cpuThrottleRate();
  if (rate > 1) context.on('page', (p) => void throttle(context, p, rate));
  const page = await context.newPage();
  if (rate > 1) await throttle(context, page, rate);
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return { context, page, errors, foreignRequests };
}
