/**
 * Loads electron/main.ts against a recording stand-in for the `electron` module (the real one
 * cannot run here) and checks the wiring: what our code asks Electron to do, in what order.
 * It proves our wiring, not Electron itself.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { channels } from '../../shared/bridge';

type Fn = (...args: unknown[]) => unknown;

const rec = vi.hoisted(() => {
  const order: string[] = [];
  const appListeners = new Map<string, Fn[]>();
  const contentsList: FakeContents[] = [];
  interface FakeContents {
    listeners: Map<string, Fn>;
    openHandler?: Fn;
    on(name: string, fn: Fn): FakeContents;
    setWindowOpenHandler(fn: Fn): void;
    send: Fn;
  }
  function makeContents(): FakeContents {
    const c: FakeContents = {
      listeners: new Map(),
      on(name, fn) {
        c.listeners.set(name, fn);
        return c;
      },
      setWindowOpenHandler(fn) {
        c.openHandler = fn;
      },
      send: vi.fn(),
    };
    contentsList.push(c);
    for (const l of appListeners.get('web-contents-created') ?? []) l({}, c);
    return c;
  }
  const session = {
    permissionRequest: undefined as Fn | undefined,
    permissionCheck: undefined as Fn | undefined,
    beforeRequest: undefined as Fn | undefined,
    setPermissionRequestHandler(fn: Fn) {
      session.permissionRequest = fn;
    },
    setPermissionCheckHandler(fn: Fn) {
      session.permissionCheck = fn;
    },
    webRequest: {
      onBeforeRequest(fn: Fn) {
        session.beforeRequest = fn;
      },
    },
  };
  return {
    userData: '',
    order,
    appListeners,
    contentsList,
    makeContents,
    session,
    windows: [] as { options: Record<string, unknown>; loadedUrl?: string; webContents: FakeContents }[],
    privileged: [] as unknown[],
    protocolHandlers: new Map<string, Fn>(),
    ipc: new Map<string, Fn>(),
    menu: undefined as unknown,
    dialog: { showSaveDialog: vi.fn(), showOpenDialog: vi.fn(), showMessageBox: vi.fn() },
    quit: vi.fn(),
  };
});

vi.mock('electron', () => {
  class BrowserWindow {
    options: Record<string, unknown>;
    webContents: ReturnType<typeof rec.makeContents>;
    loadedUrl?: string;
    constructor(options: Record<string, unknown>) {
      rec.order.push('new BrowserWindow');
      this.options = options;
      this.webContents = rec.makeContents();
      rec.windows.push(this);
    }
    static fromWebContents() {
      return null;
    }
    once() {}
    on() {}
    show() {}
    maximize() {}
    loadURL(url: string) {
      this.loadedUrl = url;
      return Promise.resolve();
    }
  }
  const app = {
    isPackaged: true,
    enableSandbox: () => rec.order.push('enableSandbox'),
    requestSingleInstanceLock: () => true,
    on(name: string, fn: Fn) {
      rec.appListeners.set(name, [...(rec.appListeners.get(name) ?? []), fn]);
      return app;
    },
    whenReady: () => {
      rec.order.push('whenReady');
      return Promise.resolve();
    },
    getPath: () => rec.userData,
    getVersion: () => '9.9.9',
    quit: rec.quit,
  };
  const protocol = {
    registerSchemesAsPrivileged: (schemes: unknown) => {
      rec.order.push('registerSchemesAsPrivileged');
      rec.privileged.push(schemes);
    },
    handle: (scheme: string, fn: Fn) => rec.protocolHandlers.set(scheme, fn),
  };
  return {
    app,
    BrowserWindow,
    protocol,
    dialog: rec.dialog,
    ipcMain: { handle: (name: string, fn: Fn) => rec.ipc.set(name, fn) },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => (rec.menu = m) },
    screen: { getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }), getAllDisplays: () => [] },
    session: { defaultSession: rec.session },
  };
});

const TRUSTED = { senderFrame: { url: 'app://reisekart/index.html' }, sender: {} };
const UNTRUSTED = [
  { senderFrame: { url: 'https://example.com/' }, sender: {} },
  { senderFrame: { url: 'app://reisekart.evil/index.html' }, sender: {} },
  { senderFrame: { url: 'file:///etc/passwd' }, sender: {} },
  { senderFrame: null, sender: {} },
];
const bytes = new Uint8Array([1, 2, 3]);
const GOOD: Record<string, unknown> = {
  'file:save': { bytes, suggestedName: 'rapport.pdf', filters: [{ name: 'PDF', extensions: ['pdf'] }] },
  'file:open': { filters: [{ name: 'Prosjekt', extensions: ['reisekart'] }] },
  'app:info': {},
  'app:set-locale': { locale: 'nn' },
  'backup:write': { bytes, reason: 'auto', studyId: 'study-1' },
  'backup:list': {},
  'backup:read': { id: '2025-03-04T10-11-12-345Z_auto.bak' },
  'backup:remove': { id: '2025-03-04T10-11-12-345Z_auto_k0123456789abcd.bak' },
};
const BAD: Record<string, unknown[]> = {
  'file:save': [undefined, { bytes: 'AAEC', suggestedName: 'a.pdf', filters: [] }, { bytes, suggestedName: '../', filters: [] }, { ...(GOOD['file:save'] as object), path: '/etc/passwd' }],
  'file:open': [undefined, { filters: 'pdf' }, { filters: [], defaultPath: '/etc' }],
  'app:info': [undefined, { x: 1 }],
  'app:set-locale': [undefined, { locale: 'de' }, { locale: 'nb', extra: 1 }, 'nb'],
  'backup:write': [undefined, { bytes, reason: '../../etc', studyId: 's' }, { bytes: [1, 2], reason: 'auto', studyId: 's' }, { bytes, reason: 'auto' }],
  'backup:list': [undefined, 'x'],
  'backup:read': [undefined, { id: '../../etc/passwd' }],
  'backup:remove': [undefined, { id: '../../etc/passwd' }, { id: '2025-03-04T10-11-12-345Z_auto_../../x.bak' }],
};

let ready: Promise<void>;
beforeAll(async () => {
  rec.userData = mkdtempSync(path.join(tmpdir(), 'reisekart-wiring-'));
  ({ ready } = await import('../../electron/main'));
  await ready;
});
afterAll(() => rmSync(rec.userData, { recursive: true, force: true }));

function sideEffectsSoFar() {
  return {
    dialogs: rec.dialog.showSaveDialog.mock.calls.length + rec.dialog.showOpenDialog.mock.calls.length,
    files: readdirSync(rec.userData).filter((f) => f !== 'window-state.json'),
  };
}

describe('startup order', () => {
  it('enables the sandbox and registers the privileged scheme before ready', () => {
    expect(rec.order.slice(0, 3)).toEqual(['enableSandbox', 'registerSchemesAsPrivileged', 'whenReady']);
    expect(rec.privileged).toEqual([[{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]]);
  });

  it('serves app:// and loads the app from it', () => {
    expect([...rec.protocolHandlers.keys()]).toEqual(['app']);
    expect(rec.windows.map((w) => w.loadedUrl)).toEqual(['app://reisekart/index.html']);
    expect(Array.isArray(rec.menu)).toBe(true);
  });
});

describe('windows', () => {
  it('every BrowserWindow gets the secure web preferences', () => {
    expect(rec.windows.length).toBeGreaterThan(0);
    for (const w of rec.windows) {
      expect(w.options.webPreferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webviewTag: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        spellcheck: false,
      });
      expect(String((w.options.webPreferences as { preload: string }).preload)).toMatch(/preload[/\\]index\.cjs$/);
    }
  });
});

describe('guards on every web contents', () => {
  it('installs navigation, redirect, webview and window-open guards on each contents, including ones main did not create', () => {
    const extra = rec.makeContents(); // e.g. devtools or a future window
    for (const c of [...rec.contentsList, extra]) {
      for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
        expect(c.listeners.has(name), name).toBe(true);
      }
      let prevented = false;
      c.listeners.get('will-navigate')?.({ url: 'https://example.com/', preventDefault: () => (prevented = true) });
      expect(prevented).toBe(true);
      expect(c.openHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    }
  });

  it('denies permissions and cancels off-app requests on the default session', () => {
    let granted: boolean | undefined;
    rec.session.permissionRequest?.({}, 'media', (g: boolean) => (granted = g), {});
    expect(granted).toBe(false);
    expect(rec.session.permissionCheck?.(null, 'geolocation', 'app://reisekart', {})).toBe(false);
    let cancel: boolean | undefined;
    rec.session.beforeRequest?.({ url: 'https://example.com/beacon' }, (r: { cancel: boolean }) => (cancel = r.cancel));
    expect(cancel).toBe(true);
    rec.session.beforeRequest?.({ url: 'app://reisekart/assets/a.js' }, (r: { cancel: boolean }) => (cancel = r.cancel));
    expect(cancel).toBe(false);
  });
});

describe('IPC', () => {
  it('registers every channel declared in shared/bridge.ts, and nothing else', () => {
    expect([...rec.ipc.keys()].sort()).toEqual(Object.values(channels).map((c) => c.name).sort());
  });

  it('refuses a bad payload from a trusted sender before any dialog or file access', async () => {
    for (const ch of Object.values(channels)) {
      const handler = rec.ipc.get(ch.name);
      for (const payload of BAD[ch.name] ?? []) {
        const before = sideEffectsSoFar();
        const result = await handler?.(TRUSTED, payload);
        expect(result, `${ch.name} ${JSON.stringify(payload)}`).toMatchObject({ ok: false, reason: 'refused' });
        expect(sideEffectsSoFar()).toEqual(before);
      }
    }
    expect(rec.dialog.showSaveDialog).not.toHaveBeenCalled();
    expect(rec.dialog.showOpenDialog).not.toHaveBeenCalled();
    expect(existsSync(path.join(rec.userData, 'backups'))).toBe(false);
  });

  it('refuses a good payload from an untrusted sender before any dialog or file access', async () => {
    for (const ch of Object.values(channels)) {
      for (const event of UNTRUSTED) {
        const result = await rec.ipc.get(ch.name)?.(event, GOOD[ch.name]);
        expect(result, `${ch.name} from ${event.senderFrame?.url}`).toEqual({ ok: false, reason: 'refused', message: 'untrusted sender' });
      }
    }
    expect(rec.dialog.showSaveDialog).not.toHaveBeenCalled();
    expect(rec.dialog.showOpenDialog).not.toHaveBeenCalled();
    expect(existsSync(path.join(rec.userData, 'backups'))).toBe(false);
  });

  it('control: a good payload from our page does reach the dialog and the disk', async () => {
    rec.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    expect(await rec.ipc.get('file:save')?.(TRUSTED, GOOD['file:save'])).toEqual({ ok: false, reason: 'cancelled', message: '' });
    expect(rec.dialog.showSaveDialog).toHaveBeenCalledTimes(1);
    const saveOptions = rec.dialog.showSaveDialog.mock.calls[0]?.[0] as { defaultPath: string };
    expect(path.basename(saveOptions.defaultPath)).toBe('rapport.pdf');

    const target = path.join(rec.userData, 'valgt.pdf');
    rec.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    expect(await rec.ipc.get('file:save')?.(TRUSTED, { ...(GOOD['file:save'] as object), suggestedName: '../../x.pdf' })).toEqual({ ok: true, name: 'valgt.pdf' });
    expect(existsSync(target)).toBe(true);
    expect(path.basename((rec.dialog.showSaveDialog.mock.calls[1]?.[0] as { defaultPath: string }).defaultPath)).toBe('x.pdf');

    const written = (await rec.ipc.get('backup:write')?.(TRUSTED, GOOD['backup:write'])) as { ok: boolean; id: string };
    expect(written.ok).toBe(true);
    expect(readdirSync(path.join(rec.userData, 'backups'))).toEqual([written.id]);
    expect(await rec.ipc.get('app:info')?.(TRUSTED, {})).toEqual({ ok: true, name: 'Reisekart', version: '9.9.9', platform: process.platform });
  });
});
