/**
 * The `app://reisekart/` scheme: serves the built renderer from `out/renderer` instead of
 * `file://` (Electron security checklist item 18). Registered privileged as standard + secure
 * so the page gets a real origin (IndexedDB, localStorage, fetch of its own assets work and are
 * isolated per origin) and is a secure context; nothing more (no bypassCSP, no corsEnabled).
 */
import type { Protocol } from 'electron';
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './security';

/** The page's Content-Security-Policy (checklist item 7). Sent as a header on every response. */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const;

/** Must run before `app` is ready (Electron's rule for privileged schemes). */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([{ ...APP_SCHEME_PRIVILEGES, privileges: { ...APP_SCHEME_PRIVILEGES.privileges } }]);
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
};

export function mimeTypeFor(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type Resolved = { ok: true; file: string } | { ok: false; status: 400 | 403 | 404 };

/**
 * Map a decoded URL path to a file strictly inside `root`. Containment is decided by
 * `path.relative` (a first segment of `..` or an absolute result means outside), never by
 * comparing string prefixes (`/app/out/renderer-evil` starts with `/app/out/renderer`).
 */
export function resolveUnderRoot(root: string, decodedPath: string): Resolved {
  if (decodedPath.includes('\0')) return { ok: false, status: 400 };
  // A backslash is a separator on Windows only; refusing it keeps the rule the same everywhere.
  if (decodedPath.includes('\\')) return { ok: false, status: 400 };
  const wanted = decodedPath === '' || decodedPath.endsWith('/') ? `${decodedPath}index.html` : decodedPath;
  const rootAbs = path.resolve(root);
  // Treat the request as relative to root even when it looks absolute ('/etc/passwd').
  const file = path.resolve(rootAbs, `.${path.posix.sep}${wanted}`);
  const rel = path.relative(rootAbs, file);
  if (rel === '' || path.isAbsolute(rel) || rel.split(path.sep)[0] === '..') return { ok: false, status: 403 };
  return { ok: true, file };
}

/** Parse an `app://reisekart/…` request URL and resolve it under `root`. */
export function resolveRequest(root: string, requestUrl: string): Resolved {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST || url.port !== '' || url.username !== '' || url.password !== '') {
    return { ok: false, status: 403 };
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  return resolveUnderRoot(root, decoded);
}

const SECURITY_HEADERS = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

function errorResponse(status: number): Response {
  return new Response(null, { status, headers: SECURITY_HEADERS });
}

export type ReadFile = (file: string) => Promise<Uint8Array>;
export type RealPath = (file: string) => Promise<string>;

/**
 * Containment by REAL path: the resolved file and the root are both passed through realpath
 * (symlinks and `..` in links resolved by the OS) and compared with `path.relative` again, so a
 * symlink inside the root that points outside it is refused (403), not followed.
 */
export async function realFileUnder(root: string, file: string, real: RealPath = realpath): Promise<string | null> {
  const [rootReal, fileReal] = await Promise.all([real(path.resolve(root)), real(file)]);
  const rel = path.relative(rootReal, fileReal);
  return rel !== '' && !path.isAbsolute(rel) && rel.split(path.sep)[0] !== '..' ? fileReal : null;
}

/** The handler given to `protocol.handle('app', …)`; pure over `readFile` and `realpath` for tests. */
export function createAppHandler(root: string, read: ReadFile = (f) => readFile(f), real: RealPath = realpath): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return errorResponse(405);
    const resolved = resolveRequest(root, request.url);
    if (!resolved.ok) return errorResponse(resolved.status);
    let bytes: Uint8Array;
    try {
      // Read the real path that was checked, so a link swapped in between cannot redirect the read.
      const file = await realFileUnder(root, resolved.file, real);
      if (file === null) return errorResponse(403);
      bytes = await read(file);
    } catch {
      return errorResponse(404);
    }
    const body = request.method === 'HEAD' ? null : new Blob([new Uint8Array(bytes)]);
    return new Response(body, {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'content-type': mimeTypeFor(resolved.file), 'cache-control': 'no-cache' },
    });
  };
}

export function handleAppScheme(protocol: Pick<Protocol, 'handle'>, root: string): void {
  protocol.handle(APP_SCHEME, createAppHandler(root));
}
