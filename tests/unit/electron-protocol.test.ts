import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_SCHEME_PRIVILEGES, CSP, createAppHandler, mimeTypeFor, registerAppScheme, resolveRequest, resolveUnderRoot } from '../../electron/protocol';

const base = mkdtempSync(path.join(tmpdir(), 'reisekart-protocol-'));
const root = path.join(base, 'out', 'renderer');
mkdirSync(path.join(root, 'assets'), { recursive: true });
writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Reisekart</title>');
writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(path.join(root, 'assets', 'font.woff2'), 'wOF2');
// A sibling folder whose name starts with the root's name: a prefix check would let it through.
mkdirSync(`${root}-evil`, { recursive: true });
writeFileSync(path.join(`${root}-evil`, 'secret.txt'), 'secret');
writeFileSync(path.join(base, 'secret.txt'), 'secret');
// Symlinks inside the root: one pointing out of it (must be refused), one pointing inside (fine).
symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'assets', 'escape.txt'));
symlinkSync(path.join(root, 'assets', 'app.js'), path.join(root, 'assets', 'alias.js'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('resolveUnderRoot', () => {
  it('maps paths inside the root, and / to index.html', () => {
    expect(resolveUnderRoot(root, '/')).toEqual({ ok: true, file: path.join(root, 'index.html') });
    expect(resolveUnderRoot(root, '')).toEqual({ ok: true, file: path.join(root, 'index.html') });
    expect(resolveUnderRoot(root, '/assets/app.js')).toEqual({ ok: true, file: path.join(root, 'assets', 'app.js') });
    expect(resolveUnderRoot(root, '/assets/')).toEqual({ ok: true, file: path.join(root, 'assets', 'index.html') });
    // '..' that stays inside is fine.
    expect(resolveUnderRoot(root, '/assets/../index.html')).toEqual({ ok: true, file: path.join(root, 'index.html') });
  });

  it.each([
    ['../../etc/passwd', 403],
    ['/../../etc/passwd', 403],
    ['/assets/../../secret.txt', 403],
    ['/../renderer-evil/secret.txt', 403],
    ['..', 403],
    ['/..', 403],
    ['/a\0.html', 400],
    ['/index.html\0.png', 400],
    ['/..\\..\\secret.txt', 400],
    ['\\etc\\passwd', 400],
  ] as const)('refuses %j with %i', (p, status) => {
    expect(resolveUnderRoot(root, p)).toEqual({ ok: false, status });
  });

  it('keeps absolute-looking paths inside the root', () => {
    expect(resolveUnderRoot(root, '/etc/passwd')).toEqual({ ok: true, file: path.join(root, 'etc', 'passwd') });
    expect(resolveUnderRoot(root, `/${base}/secret.txt`)).toEqual({ ok: true, file: path.join(root, base, 'secret.txt') });
  });
});

describe('resolveRequest', () => {
  it.each([
    'app://reisekart/%2e%2e/%2e%2e/secret.txt',
    'app://reisekart/..%2f..%2fsecret.txt',
    'app://reisekart/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://reisekart/assets/%2E%2E/%2E%2E/secret.txt',
    'app://reisekart/..%5c..%5csecret.txt',
    'app://reisekart/%00',
    'app://reisekart/%E0%A4%A',
    'app://evil/index.html',
    'app://reisekart.evil/index.html',
    'app://x@reisekart/index.html',
    'app://reisekart:1/index.html',
    'file:///etc/passwd',
    'not a url',
  ])('never resolves %s outside the root', (url) => {
    const r = resolveRequest(root, url);
    if (r.ok) {
      const rel = path.relative(root, r.file);
      expect(rel.split(path.sep)[0]).not.toBe('..');
      expect(path.isAbsolute(rel)).toBe(false);
    } else {
      expect([400, 403]).toContain(r.status);
    }
  });

  it('refuses the encoded traversals that reach the decoder', () => {
    expect(resolveRequest(root, 'app://reisekart/..%2f..%2fsecret.txt')).toEqual({ ok: false, status: 403 });
    expect(resolveRequest(root, 'app://reisekart/..%5c..%5csecret.txt')).toEqual({ ok: false, status: 400 });
    expect(resolveRequest(root, 'app://reisekart/%00')).toEqual({ ok: false, status: 400 });
    expect(resolveRequest(root, 'app://reisekart/%E0%A4%A')).toEqual({ ok: false, status: 400 });
    expect(resolveRequest(root, 'app://evil/index.html')).toEqual({ ok: false, status: 403 });
  });

  it('decodes ordinary escapes', () => {
    expect(resolveRequest(root, 'app://reisekart/assets/app%2Ejs')).toEqual({ ok: true, file: path.join(root, 'assets', 'app.js') });
  });
});

describe('createAppHandler', () => {
  const handler = createAppHandler(root);

  it('decides containment by real path: a symlink out of the root is refused, one inside it is served', async () => {
    expect((await handler(new Request('app://reisekart/assets/escape.txt'))).status).toBe(403);
    const inside = await handler(new Request('app://reisekart/assets/alias.js'));
    expect(inside.status).toBe(200);
    expect(await inside.text()).toBe('console.log(1)');
  });

  it('serves files with their MIME type and the strict CSP', async () => {
    const res = await handler(new Request('app://reisekart/index.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>Reisekart</title>');
    const js = await handler(new Request('app://reisekart/assets/app.js'));
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log(1)');
  });

  it('answers traversal with 403 and a missing file with 404, never the file', async () => {
    const out = await handler(new Request('app://reisekart/..%2f..%2fsecret.txt'));
    expect(out.status).toBe(403);
    expect(await out.text()).toBe('');
    expect((await handler(new Request('app://reisekart/nope.js'))).status).toBe(404);
    expect((await handler(new Request('app://evil/index.html'))).status).toBe(403);
    expect((await handler(new Request('app://reisekart/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });

  it('the CSP is exactly the agreed policy', () => {
    expect(CSP).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    );
  });
});

describe('scheme registration and MIME types', () => {
  it('registers app:// as standard + secure + fetch, and nothing looser', () => {
    const calls: unknown[] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (s) => calls.push(s) });
    expect(calls).toEqual([[{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]]);
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('bypassCSP');
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('corsEnabled');
  });

  it.each([
    ['a.html', 'text/html; charset=utf-8'],
    ['a.JS', 'text/javascript; charset=utf-8'],
    ['a.mjs', 'text/javascript; charset=utf-8'],
    ['a.css', 'text/css; charset=utf-8'],
    ['a.svg', 'image/svg+xml'],
    ['a.woff2', 'font/woff2'],
    ['a.wasm', 'application/wasm'],
    ['a.exe', 'application/octet-stream'],
    ['noext', 'application/octet-stream'],
  ])('%s → %s', (file, mime) => expect(mimeTypeFor(file)).toBe(mime));
});
