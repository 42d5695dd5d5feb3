// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BridgeApi, MenuCommand } from '../../shared/bridge';
import { MAX_FILE_BYTES } from '../../shared/bridge';
import { acceptAttribute, browserPlatform, createPlatform, electronPlatform } from '../../renderer/platform';

afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

function fakeBridge() {
  const calls: [string, unknown][] = [];
  let menuListener: ((c: MenuCommand) => void) | undefined;
  const reply = (name: string, result: unknown) => (req: unknown) => {
    calls.push([name, req]);
    return Promise.resolve(result);
  };
  const api = {
    saveFile: reply('saveFile', { ok: true, name: 'valgt.pdf' }),
    openFile: reply('openFile', { ok: false, reason: 'cancelled', message: '' }),
    appInfo: reply('appInfo', { ok: true, name: 'Reisekart', version: '1.2.3', platform: 'linux' }),
    backupWrite: reply('backupWrite', { ok: true, id: '2025-03-04T10-11-12-345Z_auto.bak' }),
    backupList: reply('backupList', { ok: true, backups: [] }),
    backupRead: reply('backupRead', { ok: false, reason: 'not-found', message: '' }),
    backupRemove: reply('backupRemove', { ok: true }),
    onMenuCommand: (cb: (c: MenuCommand) => void) => {
      menuListener = cb;
      return () => (menuListener = undefined);
    },
  } as unknown as BridgeApi;
  return { api, calls, emit: (c: MenuCommand) => menuListener?.(c) };
}

describe('createPlatform', () => {
  it('uses the preload bridge when window.reisekart exists', async () => {
    const { api, calls, emit } = fakeBridge();
    const win = Object.assign(Object.create(window) as Window, { reisekart: api });
    const p = createPlatform(win);
    expect(p.kind).toBe('electron');
    const bytes = new Uint8Array([1]);
    expect(await p.saveFile(bytes, 'rapport.pdf', [{ name: 'PDF', extensions: ['pdf'] }])).toEqual({ ok: true, name: 'valgt.pdf' });
    await p.openFile([{ name: 'CSV', extensions: ['csv'] }]);
    await p.appInfo();
    await p.writeBackup(bytes, 'auto', 'study-1');
    await p.listBackups();
    await p.readBackup('x');
    await p.removeBackup('y');
    expect(calls).toEqual([
      ['saveFile', { bytes, suggestedName: 'rapport.pdf', filters: [{ name: 'PDF', extensions: ['pdf'] }] }],
      ['openFile', { filters: [{ name: 'CSV', extensions: ['csv'] }] }],
      ['appInfo', {}],
      ['backupWrite', { bytes, reason: 'auto', studyId: 'study-1' }],
      ['backupList', {}],
      ['backupRead', { id: 'x' }],
      ['backupRemove', { id: 'y' }],
    ]);
    const seen: MenuCommand[] = [];
    const off = p.onMenuCommand((c) => seen.push(c));
    emit('report');
    off();
    emit('export');
    expect(seen).toEqual(['report']);
  });

  it('falls back to the browser without the bridge', () => {
    expect(createPlatform(window).kind).toBe('browser');
    expect(electronPlatform(fakeBridge().api).kind).toBe('electron');
  });
});

describe('browser fallback', () => {
  it('saves by clicking a hidden <a download> with a Blob URL, base name only', async () => {
    const created: Blob[] = [];
    const createObjectURL = vi.fn((b: Blob) => {
      created.push(b);
      return 'blob:test/1';
    });
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const clicked: { download: string; href: string; inDom: boolean }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ download: this.download, href: this.href, inDom: document.body.contains(this) });
    });
    const p = browserPlatform();
    const result = await p.saveFile(new Uint8Array([104, 105]), '../../etc/rapport.pdf', []);
    expect(result).toEqual({ ok: true, name: 'rapport.pdf' });
    expect(clicked).toEqual([{ download: 'rapport.pdf', href: 'blob:test/1', inDom: true }]);
    expect(await created[0]?.text()).toBe('hi');
    expect(document.querySelectorAll('a')).toHaveLength(0);
  });

  it('opens through a hidden file input with the accept list', async () => {
    const inputs: HTMLInputElement[] = [];
    vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (this: HTMLInputElement) {
      inputs.push(this);
    });
    const p = browserPlatform();
    const pending = p.openFile([{ name: 'Data', extensions: ['csv', 'TXT'] }]);
    const input = inputs[0];
    if (!input) throw new Error('no input clicked');
    expect(input.type).toBe('file');
    expect(input.accept).toBe('.csv,.txt');
    const file = new File(['a;b\n1;2'], 'intervjuer.csv', { type: 'text/csv' });
    Object.defineProperty(input, 'files', { value: [file] });
    input.dispatchEvent(new Event('change'));
    const result = await pending;
    expect(result.ok && result.name).toBe('intervjuer.csv');
    expect(result.ok && new TextDecoder().decode(result.bytes)).toBe('a;b\n1;2');
    expect(document.querySelectorAll('input')).toHaveLength(0);
  });

  it('reports cancel and too-large files as values', async () => {
    const inputs: HTMLInputElement[] = [];
    vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (this: HTMLInputElement) {
      inputs.push(this);
    });
    const p = browserPlatform();
    const cancelled = p.openFile([]);
    inputs[0]?.dispatchEvent(new Event('cancel'));
    expect(await cancelled).toEqual({ ok: false, reason: 'cancelled', message: '' });

    const big = p.openFile([]);
    const huge = new File(['x'], 'stor.zip');
    Object.defineProperty(huge, 'size', { value: MAX_FILE_BYTES + 1 });
    const input = inputs[1];
    if (!input) throw new Error('no second input clicked');
    Object.defineProperty(input, 'files', { value: [huge] });
    input.dispatchEvent(new Event('change'));
    expect(await big).toMatchObject({ ok: false, reason: 'too-large' });
  });

  it('has no backups and no menu in the browser', async () => {
    const p = browserPlatform();
    expect(await p.writeBackup(new Uint8Array(), 'auto', 's')).toMatchObject({ ok: false, reason: 'unsupported' });
    expect(await p.removeBackup('x')).toMatchObject({ ok: false, reason: 'unsupported' });
    expect(await p.listBackups()).toMatchObject({ ok: false, reason: 'unsupported' });
    expect(await p.readBackup('x')).toMatchObject({ ok: false, reason: 'unsupported' });
    expect(typeof p.onMenuCommand(() => undefined)).toBe('function');
    expect(await p.appInfo()).toMatchObject({ ok: true, name: 'Reisekart', platform: 'web' });
  });

  it('builds accept attributes', () => {
    expect(acceptAttribute([{ name: 'A', extensions: ['pdf'] }, { name: 'B', extensions: ['PDF', 'csv'] }])).toBe('.pdf,.csv');
    expect(acceptAttribute([{ name: 'Alle', extensions: ['*'] }])).toBe('');
    expect(acceptAttribute([])).toBe('');
  });
});
