/**
 * The decisions behind `npm start`, `npm run dev` and `npm run dist`, as plain functions over
 * injected pieces (file checks, the electron package's installer, a probe of the binary, a port
 * probe), so they are unit-tested here on a machine that has no Electron binary. The runner that
 * wires them to the real world is scripts/start.ts.
 *
 * Why: Electron 45 no longer downloads its binary at install time (node_modules/electron/index.js
 * fetches it lazily on the first `require('electron')`), and electron-vite only reads
 * node_modules/electron/path.txt, so a fresh `npm install && npm start` stopped with
 * "Electron uninstall". We resolve the binary ourselves, try the package's own installer once with
 * a time limit, and otherwise serve the same renderer on 127.0.0.1.
 */
import { join } from 'node:path';

export type BinarySource = 'ELECTRON_EXEC_PATH' | 'ELECTRON_OVERRIDE_DIST_PATH' | 'node_modules' | 'download';

/** Why there is no usable binary; each has its sentence in `explainMissing`. */
export type MissingReason =
  | 'not-installed' // no path.txt / dist: the binary was never downloaded
  | 'override-missing' // a variable names a binary that is not there
  | 'corrupt' // a file is there, but it is not a working Electron (half-downloaded, wrong platform)
  | 'download-skipped' // a variable says not to download (tests, offline set-ups)
  | 'download-failed' // the installer ran and failed (offline, blocked, checksum)
  | 'download-timeout' // the installer did not finish in time
  | 'read-only' // node_modules cannot be written (EROFS, EACCES)
  | 'unsupported-platform';

export type Resolution = { ok: true; path: string; source: BinarySource } | { ok: false; reason: MissingReason; detail: string };

export interface LauncherFs {
  /** A regular file that may be executed. */
  isExecutableFile(path: string): boolean;
  exists(path: string): boolean;
  readText(path: string): string | null;
  /** Whether a folder can be written to (the installer writes node_modules/electron/dist). */
  isWritableDir(path: string): boolean;
}

export interface InstallOutcome {
  code: number | null;
  timedOut: boolean;
  /** What the installer printed on stderr (for EROFS/EACCES and a one-line detail). */
  stderr: string;
}

export interface LauncherDeps {
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  /** node_modules/electron */
  electronDir: string;
  fs: LauncherFs;
  /** Runs node_modules/electron/install.js, killed after `timeoutMs`. */
  runInstall(timeoutMs: number): Promise<InstallOutcome>;
  /** True when the file at `path` runs as Electron (e.g. prints its version). */
  probe(path: string): Promise<boolean>;
}

/** The executable's path inside an Electron dist folder (as the electron package's install.js writes it). */
export function platformBinaryName(platform: NodeJS.Platform): string | null {
  switch (platform) {
    case 'darwin':
      return 'Electron.app/Contents/MacOS/Electron';
    case 'linux':
    case 'freebsd':
    case 'openbsd':
      return 'electron';
    case 'win32':
      return 'electron.exe';
    default:
      return null;
  }
}

export const DEFAULT_DOWNLOAD_TIMEOUT_MS = 120_000;

/** Variables that say "never download" (the tests set one, so no test ever downloads). */
export function downloadSkipped(env: LauncherDeps['env']): boolean {
  const yes = (v: string | undefined): boolean => v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
  return yes(env.REISEKART_NO_ELECTRON_DOWNLOAD) || yes(env.ELECTRON_SKIP_BINARY_DOWNLOAD);
}

export function downloadTimeoutMs(env: LauncherDeps['env']): number {
  const n = Number(env.REISEKART_ELECTRON_DOWNLOAD_TIMEOUT_MS);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_DOWNLOAD_TIMEOUT_MS;
}

/** The candidate the environment or node_modules names, in electron-vite's and the electron package's order. */
export function candidateBinary(deps: Pick<LauncherDeps, 'env' | 'platform' | 'electronDir' | 'fs'>): { path: string; source: BinarySource } | null {
  const { env, fs, electronDir } = deps;
  if (env.ELECTRON_EXEC_PATH) return { path: env.ELECTRON_EXEC_PATH, source: 'ELECTRON_EXEC_PATH' };
  const fromPathTxt = fs.readText(join(electronDir, 'path.txt'))?.trim();
  const name = fromPathTxt || platformBinaryName(deps.platform);
  if (env.ELECTRON_OVERRIDE_DIST_PATH && name) return { path: join(env.ELECTRON_OVERRIDE_DIST_PATH, name), source: 'ELECTRON_OVERRIDE_DIST_PATH' };
  if (fromPathTxt) return { path: join(electronDir, 'dist', fromPathTxt), source: 'node_modules' };
  return null;
}

async function check(deps: LauncherDeps, c: { path: string; source: BinarySource }): Promise<Resolution> {
  if (!deps.fs.isExecutableFile(c.path)) {
    return c.source === 'node_modules' && !deps.fs.exists(c.path)
      ? { ok: false, reason: 'not-installed', detail: c.path }
      : { ok: false, reason: c.source === 'node_modules' ? 'corrupt' : 'override-missing', detail: `${c.source}: ${c.path}` };
  }
  const works = await deps.probe(c.path).catch(() => false);
  return works ? { ok: true, path: c.path, source: c.source } : { ok: false, reason: 'corrupt', detail: c.path };
}

/**
 * Finds a working Electron binary: ELECTRON_EXEC_PATH, then ELECTRON_OVERRIDE_DIST_PATH, then
 * node_modules/electron/path.txt + dist/; otherwise runs the package's installer once (with a time
 * limit, unless a variable forbids it) and looks again. A variable that names a missing binary
 * is reported as such (no download behind the user's back).
 */
export async function resolveElectron(deps: LauncherDeps): Promise<Resolution> {
  if (!platformBinaryName(deps.platform) && !deps.env.ELECTRON_EXEC_PATH) {
    return { ok: false, reason: 'unsupported-platform', detail: deps.platform };
  }
  const first = candidateBinary(deps);
  if (first) {
    const r = await check(deps, first);
    if (r.ok || first.source !== 'node_modules') return r;
    if (r.reason === 'corrupt' && downloadSkipped(deps.env)) return r;
  }
  if (downloadSkipped(deps.env)) return { ok: false, reason: 'download-skipped', detail: '' };
  if (!deps.fs.isWritableDir(deps.electronDir)) return { ok: false, reason: 'read-only', detail: deps.electronDir };

  let outcome: InstallOutcome;
  try {
    outcome = await deps.runInstall(downloadTimeoutMs(deps.env));
  } catch (e) {
    return { ok: false, reason: 'download-failed', detail: firstLine(String(e)) };
  }
  if (outcome.timedOut) return { ok: false, reason: 'download-timeout', detail: `${Math.round(downloadTimeoutMs(deps.env) / 1000)} s` };
  if (/\b(EROFS|EACCES|EPERM)\b/.test(outcome.stderr)) return { ok: false, reason: 'read-only', detail: firstLine(errorLine(outcome.stderr)) };
  if (outcome.code !== 0) return { ok: false, reason: 'download-failed', detail: firstLine(errorLine(outcome.stderr)) || `exit ${String(outcome.code)}` };
  const after = candidateBinary(deps);
  if (!after) return { ok: false, reason: 'download-failed', detail: 'the installer wrote no path.txt' };
  const r = await check(deps, after);
  return r.ok ? { ok: true, path: r.path, source: 'download' } : r;
}

/** The first line of a stack or log that says what went wrong (never the whole stack). */
function errorLine(text: string): string {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => /error|EROFS|EACCES|EPERM|ENOTFOUND|ECONN|ETIMEDOUT/i.test(l) && !l.startsWith('at ')) ?? lines[0] ?? '';
}

function firstLine(s: string): string {
  return (s.split(/\r?\n/)[0] ?? '').slice(0, 200);
}

const WHY: Record<MissingReason, string> = {
  'not-installed': 'the Electron binary has not been downloaded (Electron 45 fetches it on first use, not at install)',
  'override-missing': 'the Electron binary named by the environment is not there',
  corrupt: 'the Electron binary in node_modules/electron/dist does not run (a half-finished download or another platform\'s build)',
  'download-skipped': 'downloading it is switched off here (REISEKART_NO_ELECTRON_DOWNLOAD or ELECTRON_SKIP_BINARY_DOWNLOAD)',
  'download-failed': 'downloading it failed (no internet access, or blocked)',
  'download-timeout': 'downloading it did not finish in time',
  'read-only': 'node_modules/electron cannot be written to',
  'unsupported-platform': 'Electron has no build for this platform',
};

/**
 * The one short paragraph a user sees when there is no desktop app: why, the one command that
 * fixes it on a connected machine, and (for start/dev) where the same app runs instead.
 */
export function explainMissing(r: Extract<Resolution, { ok: false }>, mode: 'start' | 'dev' | 'dist', url?: string): string {
  const fix =
    r.reason === 'read-only'
      ? 'make node_modules writable (or reinstall it as your own user) and run `node node_modules/electron/install.js`'
      : r.reason === 'override-missing'
        ? 'point ELECTRON_EXEC_PATH (or ELECTRON_OVERRIDE_DIST_PATH) at an Electron 45 binary, or unset it'
        : r.reason === 'corrupt'
          ? 'delete node_modules/electron/dist and node_modules/electron/path.txt, then run `node node_modules/electron/install.js`'
          : 'run `node node_modules/electron/install.js` on a machine with internet access';
  const head = `Reisekart cannot open as a desktop app: ${WHY[r.reason]}${r.detail ? ` [${r.detail}]` : ''}. To fix it, ${fix}, then run \`npm ${mode === 'start' ? 'start' : `run ${mode}`}\` again.`;
  if (mode === 'dist') return `${head} Installers are built from the Electron binary, so \`npm run dist\` stops here.`;
  return (
    `${head} Until then the same app runs in your browser${url ? ` at ${url}` : ''}. ` +
    'The browser keeps its studies in its own profile, apart from the desktop app\'s: studies made there do not show in the desktop app, and the other way round.'
  );
}

/** The fixed address of the browser fallback: the browser keeps studies per origin, so the port must not wander. */
export const WEB_PORT = 5199;

export type PortState = 'free' | 'ours' | 'other';

export type PortChoice =
  | { action: 'serve'; port: number; warning?: string }
  | { action: 'reuse'; port: number }
  | { action: 'fail'; message: string };

/**
 * Where the fallback serves: the usual port when free; reuse it when our own server (same build
 * folder) already holds it; otherwise the next free port, with the warning that studies saved at
 * the usual address will not show there.
 */
export async function choosePort(probe: (port: number) => Promise<PortState>, port = WEB_PORT, tries = 10): Promise<PortChoice> {
  const usual = await probe(port);
  if (usual === 'free') return { action: 'serve', port };
  if (usual === 'ours') return { action: 'reuse', port };
  for (let p = port + 1; p <= port + tries; p++) {
    if ((await probe(p)) === 'free') {
      return {
        action: 'serve',
        port: p,
        warning:
          `Another program already uses 127.0.0.1:${port}, so Reisekart opens at 127.0.0.1:${p} instead. ` +
          `The browser keeps studies per address: studies you saved at 127.0.0.1:${port} do not show at this one. ` +
          `Stop the other program and run npm start again to reach them.`,
      };
    }
  }
  return { action: 'fail', message: `Ports ${port}–${port + tries} on 127.0.0.1 are all in use by other programs: stop one of them and run npm start again.` };
}

/** Whether to open the system browser: not under CI, and on Linux only with a display. */
export function shouldOpenBrowser(env: LauncherDeps['env'], platform: NodeJS.Platform): boolean {
  if (env.CI && env.CI !== 'false' && env.CI !== '0') return false;
  if (env.REISEKART_NO_BROWSER) return false;
  if (platform === 'linux' || platform === 'freebsd' || platform === 'openbsd') return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
  return true;
}

/** The command that opens a URL in the system browser. */
export function openCommand(platform: NodeJS.Platform, url: string): { cmd: string; args: string[] } {
  if (platform === 'darwin') return { cmd: 'open', args: [url] };
  if (platform === 'win32') return { cmd: 'cmd', args: ['/c', 'start', '""', url] };
  return { cmd: 'xdg-open', args: [url] };
}
