/**
 * A tiny static server on 127.0.0.1: the app build at `/` for `npm start`'s browser fallback, and
 * for the bench also the bench page at `/bench/` (one origin, so the bench page can fill the
 * database the app then opens). Files are read on every request (no cache), so a rebuild is
 * served at once by a server that is already running. `/__reisekart` names the server, so a
 * second `npm start` can tell our own server from another program on the port.
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, relative, isAbsolute } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};

/** The file under `root` a URL path names, or null when it would leave root (path.relative, not startsWith). */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const file = normalize(join(root, decoded));
  const rel = relative(root, file);
  if (rel.startsWith('..') || isAbsolute(rel)) return null;
  return file;
}

export interface Mount {
  prefix: string;
  dir: string;
}

/** What `/__reisekart` answers: which app and which build folder this server serves. */
export interface ServerIdentity {
  app: 'reisekart';
  root: string;
}
export const IDENTITY_PATH = '/__reisekart';

export async function serve(mounts: readonly Mount[], port = 0): Promise<{ server: Server; baseUrl: string }> {
  // Longest prefix first, so /bench/ wins over /.
  const sorted = [...mounts].sort((a, b) => b.prefix.length - a.prefix.length);
  const server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      if (path === IDENTITY_PATH) {
        const root = sorted.find((m) => m.prefix === '/')?.dir ?? '';
        const identity: ServerIdentity = { app: 'reisekart', root };
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(identity));
        return;
      }
      const mount = sorted.find((m) => path.startsWith(m.prefix));
      let file = mount ? resolveInside(mount.dir, path.slice(mount.prefix.length)) : null;
      try {
        if (file && (await stat(file)).isDirectory()) file = join(file, 'index.html');
        if (!file) throw new Error('outside');
        const body = await readFile(file);
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    })();
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const addr = server.address();
  const bound = typeof addr === 'object' && addr ? addr.port : 0;
  return { server, baseUrl: `http://127.0.0.1:${bound}/` };
}
