/**
 * The preload against a recording stand-in for `electron`: it exposes exactly one function per
 * bridge channel plus onMenuCommand, each bound to its own channel name (checklist item 20).
 * Also a source scan for APIs the checklist says not to use.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { MENU_COMMAND_EVENT, channels, type BridgeApi } from '../../shared/bridge';

type Fn = (...args: unknown[]) => unknown;
const rec = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn((..._args: unknown[]) => Promise.resolve({ ok: true })),
  listeners: new Map<string, Fn>(),
  removed: [] as string[],
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => rec.exposed.set(key, api) },
  ipcRenderer: {
    invoke: rec.invoke,
    on: (name: string, fn: Fn) => rec.listeners.set(name, fn),
    removeListener: (name: string) => rec.removed.push(name),
  },
}));

let api: BridgeApi;
beforeAll(async () => {
  await import('../../electron/preload');
  api = rec.exposed.get('reisekart') as BridgeApi;
});

describe('preload', () => {
  it('exposes only window.reisekart, with one function per channel plus onMenuCommand', () => {
    expect([...rec.exposed.keys()]).toEqual(['reisekart']);
    expect(Object.keys(api).sort()).toEqual([...Object.keys(channels), 'onMenuCommand'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('each function invokes its own channel with exactly the request', async () => {
    for (const [key, ch] of Object.entries(channels)) {
      rec.invoke.mockClear();
      const request = { marker: key };
      await (api[key as keyof typeof channels] as (r: unknown) => Promise<unknown>)(request);
      expect(rec.invoke.mock.calls).toEqual([[ch.name, request]]);
    }
  });

  it('onMenuCommand passes only declared commands and can unsubscribe', () => {
    const seen: string[] = [];
    const off = api.onMenuCommand((c) => seen.push(c));
    const listener = rec.listeners.get(MENU_COMMAND_EVENT);
    listener?.({}, 'report');
    listener?.({}, 'rm -rf /');
    listener?.({}, { command: 'report' });
    expect(seen).toEqual(['report']);
    off();
    expect(rec.removed).toEqual([MENU_COMMAND_EVENT]);
  });
});

describe('electron/ sources', () => {
  const dir = path.resolve(import.meta.dirname, '../../electron');
  const sources = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ file: f, text: readFileSync(path.join(dir, f), 'utf8') }));

  it.each([
    ['shell.openExternal', /openExternal\s*\(/],
    ['enableBlinkFeatures', /enableBlinkFeatures/],
    ['allowpopups', /allowpopups/i],
    ['nodeIntegration: true', /nodeIntegration\w*\s*:\s*true/],
    ['contextIsolation: false', /contextIsolation\s*:\s*false/],
    ['sandbox: false', /sandbox\s*:\s*false/],
    ['webSecurity: false', /webSecurity\s*:\s*false/],
    ['file:// loading', /loadFile\s*\(|loadURL\(\s*['"`]file:/],
  ])('no %s', (_label, pattern) => {
    expect(sources.length).toBeGreaterThan(5);
    for (const { file, text } of sources) expect(pattern.test(text), file).toBe(false);
  });

  it('the preload takes no channel name as a string parameter and never exposes ipcRenderer', () => {
    const preload = sources.find((s) => s.file === 'preload.ts')?.text ?? '';
    expect(preload).toContain('exposeInMainWorld');
    expect(preload).not.toMatch(/\(\s*\w+\s*:\s*string\b/);
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
  });
});
