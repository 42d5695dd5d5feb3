/**
 * Which URLs the app trusts, and the guards installed on every web contents and session.
 *
 * URLs are parsed with the WHATWG parser (`new URL`) and compared part by part — never with
 * `startsWith`, which `app://reisekart.evil` or `app://reisekart@evil.com` would pass.
 * (Electron security checklist items 4, 5, 13, 14, 15; electronjs.org/docs/latest/tutorial/security.)
 *
 * Electron's pieces are passed in (types only here), so the logic is testable without the binary.
 */
import type { Session, WebContents } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'reisekart';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

function parse(raw: unknown): URL | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 8192) return null;
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/** `app://reisekart/…` exactly: no other host, no credentials, no port. */
export function isAppUrl(raw: unknown): boolean {
  const url = parse(raw);
  return (
    url !== null &&
    url.protocol === `${APP_SCHEME}:` &&
    url.hostname === APP_HOST &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  );
}

/** Same scheme, host and port as the dev server, and only when a dev server is in play. */
function isDevServerUrl(raw: unknown, devServerUrl: string | undefined): boolean {
  if (!devServerUrl) return false;
  const dev = parse(devServerUrl);
  const url = parse(raw);
  if (!dev || !url) return false;
  if (dev.protocol !== 'http:' && dev.protocol !== 'https:') return false;
  return url.origin === dev.origin && url.username === '' && url.password === '';
}

/**
 * May this URL be shown in our window / talk to the main process?
 * Only our own `app://reisekart` origin, plus the electron-vite dev server in development.
 */
export function isTrustedUrl(raw: unknown, devServerUrl?: string): boolean {
  return isAppUrl(raw) || isDevServerUrl(raw, devServerUrl);
}

/**
 * May the renderer load this resource? Our origin, inline `data:`/`blob:` (images, workers,
 * PDF blobs), Chromium's own `devtools:` pages, and the dev server (plus its HMR WebSocket)
 * in development. Everything else — every http(s) host on the internet — is cancelled:
 * the informants are minors and the app is offline by promise.
 */
export function isAllowedRequestUrl(raw: unknown, devServerUrl?: string): boolean {
  if (isTrustedUrl(raw, devServerUrl)) return true;
  const url = parse(raw);
  if (!url) return false;
  if (url.protocol === 'data:' || url.protocol === 'blob:' || url.protocol === 'devtools:') return true;
  if (devServerUrl && (url.protocol === 'ws:' || url.protocol === 'wss:')) {
    const dev = parse(devServerUrl);
    return dev !== null && url.host === dev.host && url.username === '' && url.password === '';
  }
  return false;
}

export interface GuardOptions {
  devServerUrl?: string;
  /** Called with what was blocked, for the log. */
  onBlocked?: (what: string, url: string) => void;
}

/** Installed from `app.on('web-contents-created')` on every web contents, windows and any other. */
export function installWebContentsGuards(contents: WebContents, options: GuardOptions = {}): void {
  const { devServerUrl, onBlocked = () => undefined } = options;
  const denyUntrusted = (what: string) => (event: { url: string; preventDefault(): void }) => {
    if (!isTrustedUrl(event.url, devServerUrl)) {
      event.preventDefault();
      onBlocked(what, event.url);
    }
  };
  contents.on('will-navigate', denyUntrusted('navigation'));
  contents.on('will-frame-navigate', denyUntrusted('frame navigation'));
  contents.on('will-redirect', denyUntrusted('redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    onBlocked('webview', '');
  });
  contents.setWindowOpenHandler(({ url }) => {
    onBlocked('window.open', url);
    return { action: 'deny' };
  });
}

/** Deny every permission (camera, notifications, geolocation …) and cancel off-app requests. */
export function installSessionGuards(session: Session, options: GuardOptions = {}): void {
  const { devServerUrl, onBlocked = () => undefined } = options;
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    onBlocked(`permission ${permission}`, '');
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequestUrl(details.url, devServerUrl);
    if (!allowed) onBlocked('request', details.url);
    callback({ cancel: !allowed });
  });
}
