/**
 * `npm start` (mode start), `npm run dev` (dev) and `npm run dist` (dist): the desktop app where an
 * Electron binary can be had, otherwise one short paragraph and the same renderer on 127.0.0.1.
 * The decisions live in scripts/launcher.ts (unit-tested); this file only wires them to the
 * processes, files and ports of this machine.
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { choosePort, explainMissing, openCommand, resolveElectron, shouldOpenBrowser, WEB_PORT, type InstallOutcome, type LauncherFs, type PortState, type Resolution } from './launcher';
import { IDENTITY_PATH, serve, type ServerIdentity } from './static-server';

const ROOT = resolve(import.meta.dirname, '..');
const WEB_DIST = resolve(ROOT, process.env.REISEKART_WEB_DIST ?? 'dist/web');
const bin = (pkg: string, file: string): string => join(dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`)), file);

const realFs: LauncherFs = {
  isExecutableFile(p) {
    try {
      if (!statSync(p).isFile()) return false;
      accessSync(p, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  },
  exists: (p) => existsSync(p),
  readText(p) {
    try {
      return readFileSync(p, 'utf8');
    } catch {
      return null;
    }
  },
  isWritableDir(p) {
    try {
      accessSync(p, constants.W_OK);
      return true;
    } catch {
      return false;
    }
  },
};

function electronDir(): string {
  try {
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return join(ROOT, 'node_modules', 'electron');
  }
}

function runInstall(timeoutMs: number): Promise<InstallOutcome> {
  return new Promise((done) => {
    console.log(`Reisekart: fetching the Electron binary (at most ${Math.round(timeoutMs / 1000)} s) …`);
    const child = spawn(process.execPath, [join(electronDir(), 'install.js')], { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    let timedOut = false;
    child.stderr.on('data', (d) => (stderr += String(d)));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      done({ code: null, timedOut, stderr: stderr + String(e) });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, timedOut, stderr });
    });
  });
}

/** A working binary prints its Electron version when run as plain Node (no window, no display needed). */
async function probe(path: string): Promise<boolean> {
  const r = spawnSync(path, ['-p', 'process.versions.electron'], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, timeout: 20_000, encoding: 'utf8' });
  return r.status === 0 && /^\d+\.\d+\.\d+/.test(r.stdout.trim());
}

function portState(port: number): Promise<PortState> {
  return new Promise((done) => {
    const req = request({ host: '127.0.0.1', port, path: IDENTITY_PATH, timeout: 2_000 }, (res) => {
      let body = '';
      res.on('data', (d) => (body += String(d)));
      res.on('end', () => {
        try {
          const id = JSON.parse(body) as Partial<ServerIdentity>;
          done(id.app === 'reisekart' && id.root === WEB_DIST ? 'ours' : 'other');
        } catch {
          done('other');
        }
      });
    });
    req.on('timeout', () => {
      req.destroy();
      done('other');
    });
    req.on('error', (e: NodeJS.ErrnoException) => done(e.code === 'ECONNREFUSED' ? 'free' : 'other'));
    req.end();
  });
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit', env });
    child.on('error', () => done(1));
    child.on('close', (code) => done(code ?? 1));
  });
}

const node = (script: string, args: string[], env?: NodeJS.ProcessEnv): Promise<number> => run(process.execPath, [script, ...args], env);

function openBrowser(url: string): void {
  if (!shouldOpenBrowser(process.env, process.platform)) return;
  const { cmd, args } = openCommand(process.platform, url);
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    /* no opener: the printed URL is enough */
  }
}

async function fallbackStart(missing: Extract<Resolution, { ok: false }>): Promise<number> {
  const choice = await choosePort(portState, WEB_PORT);
  if (choice.action === 'fail') {
    console.error(explainMissing(missing, 'start'));
    console.error(choice.message);
    return 1;
  }
  const url = `http://127.0.0.1:${choice.port}/`;
  console.log(`\n${explainMissing(missing, 'start', url)}\n`);
  if (choice.action === 'serve' && choice.warning) console.log(`${choice.warning}\n`);
  const built = await node(bin('vite', 'bin/vite.js'), ['build', '--config', 'vite.web.config.ts', '--logLevel', 'error']);
  if (built !== 0) return built;
  if (choice.action === 'reuse') {
    console.log(`Reisekart is already served at ${url} (by another npm start); it now serves this build.`);
    console.log(`Reisekart: ${url}`);
    openBrowser(url);
    return 0;
  }
  const { server } = await serve([{ prefix: '/', dir: WEB_DIST }], choice.port);
  console.log(`Reisekart: ${url}  (Ctrl+C stops it)`);
  openBrowser(url);
  await new Promise<void>((done) => {
    const stop = (): void => {
      server.close();
      done();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

async function main(): Promise<number> {
  const mode = (process.argv[2] ?? 'start') as 'start' | 'dev' | 'dist';
  if (!['start', 'dev', 'dist'].includes(mode)) {
    console.error(`usage: tsx scripts/start.ts [start|dev|dist]`);
    return 2;
  }
  const found = await resolveElectron({ env: process.env, platform: process.platform, electronDir: electronDir(), fs: realFs, runInstall, probe });
  const electronVite = bin('electron-vite', 'bin/electron-vite.js');
  if (found.ok) {
    const env = { ...process.env, ELECTRON_EXEC_PATH: found.path };
    if (mode === 'start') return node(electronVite, ['preview'], env);
    if (mode === 'dev') return node(electronVite, ['dev'], env);
    const built = await node(electronVite, ['build'], env);
    if (built !== 0) return built;
    // electron-builder takes the folder that holds the binary (on macOS the folder above Electron.app).
    const dist = process.platform === 'darwin' ? resolve(found.path, '../../../..') : dirname(found.path);
    return node(bin('electron-builder', 'cli.js'), [`-c.electronDist=${dist}`, ...process.argv.slice(3)], env);
  }
  if (mode === 'dist') {
    console.error(explainMissing(found, 'dist'));
    return 1;
  }
  if (mode === 'dev') {
    console.log(`\n${explainMissing(found, 'dev', `http://127.0.0.1:${WEB_PORT}/`)}\n`);
    return node(bin('vite', 'bin/vite.js'), ['--config', 'vite.web.config.ts']);
  }
  return fallbackStart(found);
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    // Never a stack trace for the user: one line, and the exit code.
    console.error(`Reisekart could not start: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
