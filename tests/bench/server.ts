/**
 * A tiny static server on 127.0.0.1 for the bench: the app build at `/`, the bench page at
 * `/bench/`, one origin, so the bench page can fill the database the app then opens.
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

export async function serve(mounts: readonly Mount[]): Promise<{ server: Server; baseUrl: string }> {
  // Longest prefix first, so /bench/ wins over /.
  const sorted = [...mounts].sort((a, b) => b.prefix.length - a.prefix.length);
  const server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
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
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return { server, baseUrl: `http://127.0.0.1:${port}/` };
}
