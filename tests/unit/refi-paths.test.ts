/**
 * Issue 17, point 5 (part): REFI-QDA sources as other tools write their paths — `relative://`, a
 * bare name in `sources/`, a path whose basename is in `sources/` — come in with every coding;
 * a missing source's codings are counted at error level, never only warned. (Real third-party
 * fixtures are NOT vendored yet: these archives are our own export with the paths rewritten the
 * way the issue's user's file had them.)
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exportQdpx } from '../../shared/exchange/refi/export';
import { importQdpx } from '../../shared/exchange/refi/import';
import { exchangeStudy } from '../fixtures/exchange/study';

const NOW = '2024-05-01T12:00:00.000Z';

function rewritten(path: (file: string) => string, drop?: number) {
  const files = unzipSync(exportQdpx(exchangeStudy(), { now: NOW }));
  const qde = strFromU8(files['project.qde'] as Uint8Array);
  const names = [...qde.matchAll(/plainTextPath="internal:\/\/([^"]+)"/g)].map((m) => m[1] as string);
  const out: Record<string, Uint8Array> = { 'project.qde': strToU8(qde.replace(/plainTextPath="internal:\/\/([^"]+)"/g, (_m, f: string) => `plainTextPath="${path(f)}"`)) };
  for (const [k, v] of Object.entries(files)) if (k !== 'project.qde' && !(drop !== undefined && k === `sources/${names[drop]}`)) out[k] = v;
  return importQdpx(zipSync(out), { now: NOW, fileName: 'other.qdpx' });
}

describe('REFI-QDA source paths as other tools write them', () => {
  const want = exchangeStudy();
  it.each([
    ['relative://', (f: string) => `relative://${f}`],
    ['bare name', (f: string) => f],
    ['a path whose basename is in sources/', (f: string) => `C:\\Users\\x\\Documents\\Project\\${f}`],
  ])('%s: every text source and coding comes in', (_label, path) => {
    const r = rewritten(path);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.data.transcripts.length).toBe(want.transcripts.length);
    expect(r.data.segments.length).toBe(want.segments.length);
    expect(r.warnings.filter((w) => w.severity === 'error')).toEqual([]);
  });
  it('a missing source: its codings are counted at error level', () => {
    const r = rewritten((f) => f, 0);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const missing = r.warnings.filter((w) => w.code === 'refi.sourceMissing');
    expect(missing).toHaveLength(1);
    expect(missing[0]?.severity).toBe('error');
    const placed = r.data.segments.length;
    expect(Number(missing[0] && 'params' in missing[0] ? missing[0].params?.codings : -1) + placed).toBeGreaterThanOrEqual(want.segments.length);
  });
});
