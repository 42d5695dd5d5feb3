import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
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

  it('bundle → qdpx → bundle keeps the reviewed segments; bundle → CSV folder writes every table', async () => {
    const src = join(dir, 'in.reisekart');
    writeFileSync(src, await exportBundle(exchangeStudy(), { now: NOW, passphrase: 'hemmelig' }));
    const a = convert([src, join(dir, 'out.qdpx')], { REISEKART_PASSPHRASE: 'hemmelig' });
    expect(a.stderr.replace(/npm warn.*\n/g, '')).toBe('');
    expect(a.code).toBe(0);
    // s2's note holds a handle (@andre): the re-scan on the way in sent that quote back to review.
    expect(a.stdout).toContain('holdt tilbake til gjennomgang: 0 transkripsjoner, 1 sitater (YF-01)');
    const qdpx = strFromU8(unzipSync(new Uint8Array(readFileSync(join(dir, 'out.qdpx'))))['project.qde']!);
    expect(qdpx).not.toContain('@andre');
    expect(qdpx).toContain('Rådgiveren');
    const b = convert([join(dir, 'out.qdpx'), join(dir, 'back.reisekart')], { REISEKART_PASSPHRASE: '' });
    expect(b.code).toBe(0);
    // A .qdpx is never reviewed on the way in: nothing of its text goes out again.
    expect(b.stdout).toContain('holdt tilbake til gjennomgang: 2 transkripsjoner, 4 sitater');
    const back = await restoreBundle(new Uint8Array(readFileSync(join(dir, 'back.reisekart'))));
    expect(back.ok && [back.data.transcripts.length, back.data.segments.length, back.data.interviews.length]).toEqual([0, 0, 2]);
    const c = convert([src, join(dir, 'csv'), '--dialect', 'plain'], { REISEKART_PASSPHRASE: 'hemmelig' });
    expect(c.code).toBe(0);
    for (const t of ['segments', 'interviews', 'informants', 'counsellor-breakdown']) expect(existsSync(join(dir, 'csv', `${t}.csv`))).toBe(true);
    expect(readFileSync(join(dir, 'csv', 'segments.csv'), 'utf8').split('\n')[0]).toMatch(/^id,interview,/);
    // Written by rename: no temporary file is left beside the outputs.
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(readdirSync(join(dir, 'csv')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('never carries the term list, pseudonyms or unreviewed text; a failed write writes nothing', async () => {
    const data = exchangeStudy();
    data.terms = [{ id: 't1', studyId: data.study.id, term: 'Skien videregående skole', kind: 'SKOLE' }];
    data.pseudonyms = [{ id: 'p1', studyId: data.study.id, kind: 'NAVN', tag: '[NAVN-1]', hash: 'f'.repeat(64) }];
    // A quote that never went through review, with a name in it.
    data.segments[3] = { ...data.segments[3]!, review: { state: 'needs-review', record: null, reason: 'import', hits: {} } };
    const src = join(dir, 'terms.reisekart');
    writeFileSync(src, await exportBundle(data, { now: NOW }));
    for (const out of ['t.reisekart', 't.qdpx', 't-csv']) {
      const r = convert([src, join(dir, out)]);
      expect(r.code, r.stderr).toBe(0);
    }
    const back = await restoreBundle(new Uint8Array(readFileSync(join(dir, 't.reisekart'))));
    if (!back.ok) throw new Error('restore');
    expect(back.data.terms).toEqual([]);
    expect(back.data.pseudonyms).toEqual([]);
    expect(back.data.segments.some((s) => s.id === 's4')).toBe(false);
    const texts = [strFromU8(unzipSync(new Uint8Array(readFileSync(join(dir, 't.qdpx'))))['project.qde']!), ...readdirSync(join(dir, 't-csv')).map((n) => readFileSync(join(dir, 't-csv', n), 'utf8'))];
    for (const t of texts) {
      expect(t).not.toContain('Skien videregående skole');
      expect(t).not.toContain('f'.repeat(64));
    }
    expect(texts.join('\n')).not.toMatch(/s4/);
    const failed = convert([src, join(dir, 'missing-folder', 'x.qdpx')]);
    expect(failed.code).toBe(3);
    expect(failed.stderr).toMatch(/could not write the file: the folder does not exist \(ENOENT\)\. Nothing was written\./);
  });

  it('hostile inputs give one located line each and never a stack trace', async () => {
    const { zipSync, strToU8 } = await import('fflate');
    const deep = join(dir, 'dyp.qdpx');
    writeFileSync(deep, zipSync({ 'project.qde': strToU8(`<Project>${'<Code>'.repeat(20_000)}${'</Code>'.repeat(20_000)}</Project>`) }));
    const proto = join(dir, 'proto.qdpx');
    writeFileSync(proto, zipSync({ 'project.qde': strToU8('<Project>\n<__proto__ polluted="1"/>\n</Project>') }));
    for (const [file, expected] of [[deep, /dyp\.qdpx\/project\.qde, linje 1: Elementene er nøstet dypere enn 256 nivåer/], [proto, /proto\.qdpx\/project\.qde, linje 2: Navnet «__proto__» er ikke tillatt i filen/]] as const) {
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
