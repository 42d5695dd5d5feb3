import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { appInfo, backupRead, channels } from '../../shared/bridge';
import { guardedHandler, registerIpc, senderUrl, type Handlers } from '../../electron/ipc';
import { isTrustedUrl } from '../../electron/security';

const event = (url: string | null) => ({ senderFrame: url === null ? null : { url }, sender: {} }) as unknown as IpcMainInvokeEvent;
const trusted = (url: string | undefined) => isTrustedUrl(url);

describe('senderUrl', () => {
  it('reads the sender FRAME url, and copes with a destroyed frame', () => {
    expect(senderUrl(event('app://reisekart/index.html'))).toBe('app://reisekart/index.html');
    expect(senderUrl(event(null))).toBeUndefined();
  });
});

describe('guardedHandler', () => {
  it.each(['https://example.com/', 'app://evil/index.html', 'app://reisekart@evil.com/', 'file:///tmp/x.html', 'about:blank', null])(
    'refuses sender %s without calling the handler',
    async (url) => {
      const impl = vi.fn();
      const h = guardedHandler(backupRead, impl, trusted);
      expect(await h(event(url), { id: '2025-03-04T10-11-12-345Z_auto.bak' })).toEqual({ ok: false, reason: 'refused', message: 'untrusted sender' });
      expect(impl).not.toHaveBeenCalled();
    },
  );

  it('refuses extra or missing arguments and bad payloads before the handler', async () => {
    const impl = vi.fn();
    const h = guardedHandler(backupRead, impl, trusted);
    const ok = event('app://reisekart/index.html');
    expect(await h(ok)).toMatchObject({ reason: 'refused', message: expect.stringContaining('exactly one argument') });
    expect(await h(ok, { id: '2025-03-04T10-11-12-345Z_auto.bak' }, 'extra')).toMatchObject({ reason: 'refused' });
    expect(await h(ok, { id: '/etc/passwd' })).toMatchObject({ reason: 'refused', message: expect.stringContaining('id') });
    expect(impl).not.toHaveBeenCalled();
  });

  it('passes the parsed request on and checks the result against the schema', async () => {
    const good = guardedHandler(appInfo, async () => ({ ok: true as const, name: 'R', version: '1', platform: 'linux' }), trusted);
    expect(await good(event('app://reisekart/'), {})).toEqual({ ok: true, name: 'R', version: '1', platform: 'linux' });
    const log: string[] = [];
    const lying = guardedHandler(appInfo, async () => ({ ok: true, name: 'R' }) as never, trusted, (m) => log.push(m));
    expect(await lying(event('app://reisekart/'), {})).toEqual({ ok: false, reason: 'refused', message: 'internal error: invalid result' });
    const throwing = guardedHandler(appInfo, async () => { throw new Error('boom'); }, trusted, (m) => log.push(m));
    expect(await throwing(event('app://reisekart/'), {})).toEqual({ ok: false, reason: 'refused', message: 'internal error' });
    expect(log).toHaveLength(2);
  });
});

describe('registerIpc', () => {
  it('registers one handler per declared channel', () => {
    const names: string[] = [];
    const handlers = Object.fromEntries(Object.keys(channels).map((k) => [k, vi.fn()])) as unknown as Handlers;
    const registered = registerIpc({ handle: (name) => names.push(name) }, handlers, trusted);
    expect(names).toEqual(Object.values(channels).map((c) => c.name));
    expect(registered).toEqual(names);
  });
});
