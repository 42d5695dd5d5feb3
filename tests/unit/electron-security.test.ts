import { describe, expect, it } from 'vitest';
import type { Session, WebContents } from 'electron';
import { installSessionGuards, installWebContentsGuards, isAllowedRequestUrl, isTrustedUrl } from '../../electron/security';

const DEV = 'http://localhost:5173';

describe('isTrustedUrl', () => {
  it.each([
    'app://reisekart/index.html',
    'app://reisekart/',
    'app://reisekart/assets/index-abc.js?x=1#top',
    // The WHATWG parser strips surrounding whitespace and lower-cases the scheme, as Chromium does.
    '  app://reisekart/index.html  ',
    'APP://reisekart/index.html',
  ])('trusts our own origin: %s', (url) => {
    expect(isTrustedUrl(url)).toBe(true);
  });

  const hostile = [
    'app://reisekart.evil/index.html',
    'app://evil/index.html',
    'app://reisekart@evil.com/',
    'app://evil.com@reisekart/',
    'app://user:pw@reisekart/',
    'app://reisekart:8080/index.html',
    'app://reisekart%2eevil/',
    'app://reisekart\\@evil.com/',
    'app:reisekart/index.html',
    'app:///reisekart/index.html',
    'app://REISEKART.evil/',
    'app://evil/reisekart/index.html',
    'file:///etc/passwd',
    'file://reisekart/index.html',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'blob:app://reisekart/1234',
    'http://127.0.0.1:5199/',
    'http://localhost:5173/',
    'https://example.com/',
    'https://reisekart/',
    'http://reisekart/',
    'ws://reisekart/',
    'about:blank',
    'chrome://settings',
    'devtools://devtools/bundled/inspector.html',
    '',
    'not a url',
    'reisekart/index.html',
    '//reisekart/index.html',
  ];
  it.each(hostile)('does not trust %s', (url) => {
    expect(isTrustedUrl(url)).toBe(false);
  });

  it('rejects non-strings and absurdly long input', () => {
    for (const value of [undefined, null, 42, {}, ['app://reisekart/'], new URL('app://reisekart/')]) {
      expect(isTrustedUrl(value)).toBe(false);
    }
    expect(isTrustedUrl(`app://reisekart/${'a'.repeat(9000)}`)).toBe(false);
  });

  it('trusts the dev server only when one is given, and only its exact origin', () => {
    expect(isTrustedUrl('http://localhost:5173/index.html')).toBe(false);
    expect(isTrustedUrl('http://localhost:5173/index.html', DEV)).toBe(true);
    for (const url of [
      'http://localhost:5174/',
      'https://localhost:5173/',
      'http://127.0.0.1:5173/',
      'http://localhost.evil.com:5173/',
      'http://localhost:5173@evil.com/',
      'http://user@localhost:5173/',
      'ws://localhost:5173/',
    ]) {
      expect(isTrustedUrl(url, DEV), url).toBe(false);
    }
    // A bogus "dev server" never widens trust.
    expect(isTrustedUrl('file:///etc/passwd', 'file:///etc/passwd')).toBe(false);
    expect(isTrustedUrl('javascript:alert(1)', 'javascript:alert(1)')).toBe(false);
  });
});

describe('isAllowedRequestUrl', () => {
  it.each(['app://reisekart/assets/a.js', 'data:image/png;base64,AAAA', 'blob:app://reisekart/0b1c', 'devtools://devtools/bundled/x.js'])(
    'allows %s',
    (url) => expect(isAllowedRequestUrl(url)).toBe(true),
  );
  it.each([
    'https://example.com/track.gif',
    'http://127.0.0.1:5199/',
    'https://fonts.googleapis.com/css',
    'ws://localhost:5173/',
    'file:///etc/passwd',
    'ftp://example.com/',
    'app://evil/a.js',
    'chrome-extension://abc/x.js',
  ])('cancels %s outside development', (url) => expect(isAllowedRequestUrl(url)).toBe(false));

  it('allows the dev server and its HMR socket only in development', () => {
    expect(isAllowedRequestUrl('http://localhost:5173/@vite/client', DEV)).toBe(true);
    expect(isAllowedRequestUrl('ws://localhost:5173/', DEV)).toBe(true);
    expect(isAllowedRequestUrl('ws://localhost:9999/', DEV)).toBe(false);
    expect(isAllowedRequestUrl('https://example.com/', DEV)).toBe(false);
  });
});

type Listener = (...args: unknown[]) => void;

function recordingContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((d: { url: string }) => { action: string }) | undefined;
  const contents = {
    on(name: string, fn: Listener) {
      listeners.set(name, fn);
      return contents;
    },
    setWindowOpenHandler(fn: (d: { url: string }) => { action: string }) {
      openHandler = fn;
    },
  };
  return { contents: contents as unknown as WebContents, listeners, openHandler: () => openHandler };
}

function navEvent(url: string) {
  let prevented = false;
  return { event: { url, preventDefault: () => (prevented = true) }, prevented: () => prevented };
}

describe('installWebContentsGuards', () => {
  it('denies untrusted navigation, frame navigation and redirects, and allows our own', () => {
    const { contents, listeners } = recordingContents();
    const blocked: string[] = [];
    installWebContentsGuards(contents, { onBlocked: (what, url) => blocked.push(`${what} ${url}`) });
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      const fn = listeners.get(name);
      expect(fn, name).toBeTypeOf('function');
      const bad = navEvent('https://example.com/');
      fn?.(bad.event);
      expect(bad.prevented(), name).toBe(true);
      const good = navEvent('app://reisekart/index.html');
      fn?.(good.event);
      expect(good.prevented(), name).toBe(false);
    }
    expect(blocked).toHaveLength(3);
  });

  it('denies every window.open and every <webview>', () => {
    const { contents, listeners, openHandler } = recordingContents();
    installWebContentsGuards(contents);
    expect(openHandler()?.({ url: 'app://reisekart/index.html' })).toEqual({ action: 'deny' });
    expect(openHandler()?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    const attach = navEvent('');
    listeners.get('will-attach-webview')?.(attach.event, {}, {});
    expect(attach.prevented()).toBe(true);
  });
});

describe('installSessionGuards', () => {
  it('denies every permission request and check, and cancels off-app requests', () => {
    let requestHandler: ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | undefined;
    let checkHandler: ((...args: unknown[]) => boolean) | undefined;
    let beforeRequest: ((details: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | undefined;
    const session = {
      setPermissionRequestHandler: (fn: typeof requestHandler) => (requestHandler = fn),
      setPermissionCheckHandler: (fn: typeof checkHandler) => (checkHandler = fn),
      webRequest: { onBeforeRequest: (fn: typeof beforeRequest) => (beforeRequest = fn) },
    } as unknown as Session;
    installSessionGuards(session);

    for (const permission of ['media', 'geolocation', 'notifications', 'fullscreen', 'clipboard-read', 'openExternal']) {
      let granted: boolean | undefined;
      requestHandler?.({}, permission, (g) => (granted = g));
      expect(granted, permission).toBe(false);
      expect(checkHandler?.(null, permission, 'app://reisekart', {}), permission).toBe(false);
    }
    const decide = (url: string) => {
      let cancel: boolean | undefined;
      beforeRequest?.({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(decide('https://example.com/x')).toBe(true);
    expect(decide('http://127.0.0.1:5199/')).toBe(true);
    expect(decide('app://reisekart/index.html')).toBe(false);
    expect(decide('data:image/png;base64,AA')).toBe(false);
  });
});
