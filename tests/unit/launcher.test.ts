/**
 * `npm start` / `npm run dev` / `npm run dist` decide from these functions; on a machine without an
 * Electron binary they are the only proof of the desktop path, so every branch is driven here with
 * injected files, installer outcomes and probes (no test ever downloads or runs Electron).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  choosePort,
  explainMissing,
  openCommand,
  platformBinaryName,
  resolveElectron,
  shouldOpenBrowser,
  type InstallOutcome,
  type LauncherDeps,
  type PortState,
} from '../../scripts/launcher';

const DIR = '/repo/node_modules/electron';
const BIN = join(DIR, 'dist', 'electron');

interface World {
  files: Record<string, string>; // path → content ('' for a binary)
  executable: Set<string>;
  writable?: boolean;
  works?: Set<string>;
  install?: (files: World) => InstallOutcome;
  env?: Record<string, string>;
  platform?: NodeJS.Platform;
}

function deps(w: World): LauncherDeps & { installs: number[]; probes: string[] } {
  const installs: number[] = [];
  const probes: string[] = [];
  return {
    installs,
    probes,
    env: w.env ?? {},
    platform: w.platform ?? 'linux',
    electronDir: DIR,
    fs: {
      isExecutableFile: (p) => p in w.files && w.executable.has(p),
      exists: (p) => p in w.files,
      readText: (p) => w.files[p] ?? null,
      isWritableDir: () => w.writable !== false,
    },
    runInstall: (ms) => {
      installs.push(ms);
      return Promise.resolve(w.install ? w.install(w) : { code: 1, timedOut: false, stderr: 'Error: fetch failed' });
    },
    probe: (p) => {
      probes.push(p);
      return Promise.resolve(w.works ? w.works.has(p) : true);
    },
  };
}

const installed = (): World => ({ files: { [join(DIR, 'path.txt')]: 'electron', [BIN]: '' }, executable: new Set([BIN]) });

describe('resolveElectron: where the binary comes from', () => {
  it('uses node_modules/electron/path.txt + dist/ when the binary is there and runs, without downloading', async () => {
    const d = deps(installed());
    expect(await resolveElectron(d)).toEqual({ ok: true, path: BIN, source: 'node_modules' });
    expect(d.installs).toEqual([]);
    expect(d.probes).toEqual([BIN]);
  });

  it('prefers ELECTRON_EXEC_PATH, then ELECTRON_OVERRIDE_DIST_PATH, over node_modules', async () => {
    const w = installed();
    w.files['/opt/e/electron'] = '';
    w.executable.add('/opt/e/electron');
    w.files['/custom/electron-bin'] = '';
    w.executable.add('/custom/electron-bin');
    expect(await resolveElectron(deps({ ...w, env: { ELECTRON_EXEC_PATH: '/custom/electron-bin', ELECTRON_OVERRIDE_DIST_PATH: '/opt/e' } }))).toEqual({ ok: true, path: '/custom/electron-bin', source: 'ELECTRON_EXEC_PATH' });
    expect(await resolveElectron(deps({ ...w, env: { ELECTRON_OVERRIDE_DIST_PATH: '/opt/e' } }))).toEqual({ ok: true, path: '/opt/e/electron', source: 'ELECTRON_OVERRIDE_DIST_PATH' });
  });

  it('reports an override that names a missing binary, and does not download behind the user\'s back', async () => {
    const d = deps({ files: {}, executable: new Set(), env: { ELECTRON_EXEC_PATH: '/nowhere/electron' } });
    const r = await resolveElectron(d);
    expect(r).toMatchObject({ ok: false, reason: 'override-missing' });
    expect(d.installs).toEqual([]);
  });

  it('runs the package installer once with the time limit when the binary is absent, and uses what it wrote', async () => {
    const d = deps({
      files: {},
      executable: new Set(),
      env: { REISEKART_ELECTRON_DOWNLOAD_TIMEOUT_MS: '5000' },
      install: (w) => {
        w.files[join(DIR, 'path.txt')] = 'electron';
        w.files[BIN] = '';
        w.executable.add(BIN);
        return { code: 0, timedOut: false, stderr: '' };
      },
    });
    expect(await resolveElectron(d)).toEqual({ ok: true, path: BIN, source: 'download' });
    expect(d.installs).toEqual([5000]);
  });

  it('falls back when the download fails, with the installer\'s error line and not its stack', async () => {
    const d = deps({ files: {}, executable: new Set(), install: () => ({ code: 1, timedOut: false, stderr: 'HTTPError: Response code 404\n    at foo (x.js:1:1)\n    at bar (y.js:2:2)' }) });
    const r = await resolveElectron(d);
    expect(r).toEqual({ ok: false, reason: 'download-failed', detail: 'HTTPError: Response code 404' });
    expect(d.installs).toEqual([120_000]);
  });

  it('falls back when the download times out', async () => {
    const r = await resolveElectron(deps({ files: {}, executable: new Set(), install: () => ({ code: null, timedOut: true, stderr: '' }) }));
    expect(r).toMatchObject({ ok: false, reason: 'download-timeout' });
  });

  it('never downloads when a variable says so (the tests set one)', async () => {
    for (const env of [{ REISEKART_NO_ELECTRON_DOWNLOAD: '1' }, { ELECTRON_SKIP_BINARY_DOWNLOAD: 'true' }] as Record<string, string>[]) {
      const d = deps({ files: {}, executable: new Set(), env });
      expect(await resolveElectron(d)).toMatchObject({ ok: false, reason: 'download-skipped' });
      expect(d.installs).toEqual([]);
    }
    // "0" and "false" mean no.
    const d = deps({ files: {}, executable: new Set(), env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '0' } });
    await resolveElectron(d);
    expect(d.installs).toHaveLength(1);
  });

  it('reads EROFS / EACCES as a read-only node_modules, before and during the install', async () => {
    const before = deps({ files: {}, executable: new Set(), writable: false });
    expect(await resolveElectron(before)).toMatchObject({ ok: false, reason: 'read-only', detail: DIR });
    expect(before.installs).toEqual([]);
    for (const code of ['EROFS', 'EACCES']) {
      const during = deps({ files: {}, executable: new Set(), install: () => ({ code: 1, timedOut: false, stderr: `Error: ${code}: read-only file system, open '${DIR}/path.txt'\n    at x` }) });
      expect(await resolveElectron(during)).toMatchObject({ ok: false, reason: 'read-only' });
    }
  });

  it('treats a binary that does not run (half-downloaded) as corrupt, tries the installer, and says corrupt when that does not mend it', async () => {
    const w = installed();
    w.works = new Set();
    w.install = () => ({ code: 0, timedOut: false, stderr: '' }); // the installer thinks it is installed
    const d = deps(w);
    expect(await resolveElectron(d)).toMatchObject({ ok: false, reason: 'corrupt' });
    expect(d.installs).toHaveLength(1);
    // A file that is not executable at all is corrupt too.
    const w2 = installed();
    w2.executable.clear();
    expect(await resolveElectron(deps({ ...w2, env: { REISEKART_NO_ELECTRON_DOWNLOAD: '1' } }))).toMatchObject({ ok: false, reason: 'corrupt' });
  });

  it('knows each platform\'s binary and refuses an unsupported one', async () => {
    expect(platformBinaryName('linux')).toBe('electron');
    expect(platformBinaryName('win32')).toBe('electron.exe');
    expect(platformBinaryName('darwin')).toBe('Electron.app/Contents/MacOS/Electron');
    expect(await resolveElectron(deps({ files: {}, executable: new Set(), platform: 'aix' }))).toMatchObject({ ok: false, reason: 'unsupported-platform' });
  });
});

describe('explainMissing: one short paragraph', () => {
  it('says why, the one command that fixes it, where the app runs instead, and that the browser keeps its own studies', () => {
    const text = explainMissing({ ok: false, reason: 'download-failed', detail: 'fetch failed' }, 'start', 'http://127.0.0.1:5199/');
    expect(text).toContain('downloading it failed');
    expect(text).toContain('node node_modules/electron/install.js');
    expect(text).toContain('http://127.0.0.1:5199/');
    expect(text).toContain('own profile');
    expect(text.split('\n')).toHaveLength(1);
    expect(text).not.toMatch(/\n\s+at /);
  });

  it('for dist says that installers need the binary and names no browser', () => {
    const text = explainMissing({ ok: false, reason: 'not-installed', detail: BIN }, 'dist');
    expect(text).toContain('npm run dist');
    expect(text).not.toContain('browser');
  });
});

describe('choosePort: one fixed address', () => {
  const probe = (states: Record<number, PortState>) => (p: number): Promise<PortState> => Promise.resolve(states[p] ?? 'free');

  it('serves on 5199 when free, reuses our own server there', async () => {
    expect(await choosePort(probe({}))).toEqual({ action: 'serve', port: 5199 });
    expect(await choosePort(probe({ 5199: 'ours' }))).toEqual({ action: 'reuse', port: 5199 });
  });

  it('moves to the next free port when another program holds it, warning that saved studies will not show there', async () => {
    const c = await choosePort(probe({ 5199: 'other', 5200: 'other' }));
    expect(c).toMatchObject({ action: 'serve', port: 5201 });
    expect(c.action === 'serve' ? c.warning : '').toContain('do not show');
  });

  it('gives up with a message when every port is taken', async () => {
    const all: Record<number, PortState> = {};
    for (let p = 5199; p <= 5209; p++) all[p] = 'other';
    expect(await choosePort(probe(all))).toMatchObject({ action: 'fail' });
  });
});

describe('opening the system browser', () => {
  it('only with a display and never under CI', () => {
    expect(shouldOpenBrowser({ CI: 'true', DISPLAY: ':0' }, 'linux')).toBe(false);
    expect(shouldOpenBrowser({}, 'linux')).toBe(false);
    expect(shouldOpenBrowser({ DISPLAY: ':0' }, 'linux')).toBe(true);
    expect(shouldOpenBrowser({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe(true);
    expect(shouldOpenBrowser({}, 'darwin')).toBe(true);
    expect(shouldOpenBrowser({ CI: 'false' }, 'win32')).toBe(true);
  });

  it('with the platform\'s own opener', () => {
    expect(openCommand('linux', 'http://x/').cmd).toBe('xdg-open');
    expect(openCommand('darwin', 'http://x/').cmd).toBe('open');
    expect(openCommand('win32', 'http://x/').args).toContain('http://x/');
  });
});
