import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportBundle, restoreBundle } from '../../shared/exchange/bundle';
import { exchangeStudy } from '../fixtures/exchange/study';

const NOW = '2024-05-01T12:00:00.000Z';

function convert(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync('npx', ['tsx', 'scripts/convert.ts', ...args], { cwd: process.cwd(), encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('scripts/convert.ts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'convert-'));

  it('bundle → qdpx → bundle keeps the segments; bundle → CSV folder writes every table', async () => {
    const src = join(dir, 'in.reisekart');
    writeFileSync(src, await exportBundle(exchangeStudy(), { now: NOW, passphrase: 'hemmelig' }));
    const a = convert([src, join(dir, 'out.qdpx')], { REISEKART_PASSPHRASE: 'hemmelig' });
    expect(a.stderr.replace(/npm warn.*\n/g, '')).toBe('');
    expect(a.code).toBe(0);
    const b = convert([join(dir, 'out.qdpx'), join(dir, 'back.reisekart')], { REISEKART_PASSPHRASE: '' });
    expect(b.code).toBe(0);
    const back = await restoreBundle(new Uint8Array(readFileSync(join(dir, 'back.reisekart'))));
    expect(back.ok && back.data.segments.map((s) => s.quote)).toEqual(exchangeStudy().segments.map((s) => s.quote));
    const c = convert([src, join(dir, 'csv'), '--dialect', 'plain'], { REISEKART_PASSPHRASE: 'hemmelig' });
    expect(c.code).toBe(0);
    for (const t of ['segments', 'interviews', 'informants', 'counsellor-breakdown']) expect(existsSync(join(dir, 'csv', `${t}.csv`))).toBe(true);
    expect(readFileSync(join(dir, 'csv', 'segments.csv'), 'utf8').split('\n')[0]).toMatch(/^id,interview,/);
  });

  it('hostile inputs give one located line each and never a stack trace', async () => {
    const { zipSync, strToU8 } = await import('fflate');
    const deep = join(dir, 'dyp.qdpx');
    writeFileSync(deep, zipSync({ 'project.qde': strToU8(`<Project>${'<Code>'.repeat(20_000)}${'</Code>'.repeat(20_000)}</Project>`) }));
    const proto = join(dir, 'proto.qdpx');
    writeFileSync(proto, zipSync({ 'project.qde': strToU8('<Project>\n<__proto__ polluted="1"/>\n</Project>') }));
    for (const [file, expected] of [[deep, /dyp\.qdpx\/project\.qde, linje 1: Elementene er nøstet dypere enn 256 nivåer/], [proto, /proto\.qdpx\/project\.qde, linje 2: Elementnavnet «__proto__» er ikke tillatt/]] as const) {
      const r = convert([file, join(dir, 'x.reisekart')]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(expected);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('a bad input exits non-zero with the located message on stderr', async () => {
    const bad = join(dir, 'bad.reisekart');
    const data = exchangeStudy();
    data.segments[1] = { ...data.segments[1]!, interviewId: 'missing' };
    writeFileSync(bad, await exportBundle(data, { now: NOW }));
    const r = convert([bad, join(dir, 'x.qdpx')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${bad}, «segments[1].interviewId»:`);
    const wrong = convert([join(dir, 'in.reisekart'), join(dir, 'y.qdpx')], { REISEKART_PASSPHRASE: 'feil' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/Feil passord/);
  });
});
