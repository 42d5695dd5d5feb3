import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildDemoStudy } from '../../fixtures/demo/demo';
import { exportBundle, restoreBundle, studyCounts } from '../../shared/exchange/bundle';
import { ROWS_PER_MESSAGE, runBundleJob, studyCollector, type BundleJobMessage } from '../../shared/exchange/bundle-job';
import { exportQdc, exportQdpx } from '../../shared/exchange/refi/export';
import { importQdpx } from '../../shared/exchange/refi/import';

const NOW = '2021-04-01T12:00:00.000Z';

async function collect(req: Parameters<typeof runBundleJob>[0]): Promise<BundleJobMessage[]> {
  const out: BundleJobMessage[] = [];
  await runBundleJob(req, (m) => out.push(m));
  return out;
}

describe('bundle job (what the bundle worker runs)', () => {
  const demo = buildDemoStudy();
  // Enough segments that the study comes back in several messages.
  const big = { ...demo, segments: Array.from({ length: 12 }, (_, k) => demo.segments.map((s) => ({ ...s, id: `${s.id}-${k}` }))).flat() };

  it('pack gives the same bytes as exportBundle, plain and encrypted', async () => {
    const salt = new Uint8Array(16).fill(7);
    const iv = new Uint8Array(12).fill(3);
    for (const opts of [{ now: NOW }, { now: NOW, passphrase: 'korrekt hest batteri', salt, iv }]) {
      const [m] = await collect({ id: 1, type: 'pack', study: strToU8(JSON.stringify(demo)), counts: studyCounts(demo), opts });
      expect(m?.type).toBe('packed');
      expect(m?.type === 'packed' ? m.bytes : null).toEqual(await exportBundle(demo, opts));
    }
  });

  it('restore sends the study in pieces that add up to what restoreBundle gives', async () => {
    const bytes = await exportBundle(big, { now: NOW });
    const msgs = await collect({ id: 2, type: 'restore', bytes, fileName: 'x.reisekart' });
    const segmentMsgs = msgs.filter((m) => m.type === 'rows' && m.list === 'segments');
    expect(segmentMsgs.length).toBe(Math.ceil(big.segments.length / ROWS_PER_MESSAGE));
    const c = studyCollector();
    msgs.forEach((m) => c.take(m));
    const last = msgs.at(-1);
    const direct = await restoreBundle(bytes, undefined, { fileName: 'x.reisekart' });
    if (!direct.ok || last?.type !== 'restored' || !last.result.ok) throw new Error('restore failed');
    expect(c.data()).toEqual(direct.data);
    expect({ ...last.result, data: direct.data }).toEqual(direct);
  });

  it('a wrong passphrase and a broken file come back as values, with no study sent', async () => {
    const enc = await exportBundle(demo, { now: NOW, passphrase: 'riktig' });
    // Phase reports (progress) come first; no study or rows are ever sent for a refused file.
    const wrong = await collect({ id: 3, type: 'restore', bytes: enc, passphrase: 'feil', fileName: 'e.reisekart' });
    expect(wrong.map((m) => m.type)).toEqual(['progress', 'restored']);
    expect(wrong.at(-1)).toMatchObject({ type: 'restored', result: { ok: false, needsPassphrase: true } });
    const broken = await collect({ id: 4, type: 'restore', bytes: new Uint8Array([1, 2, 3]), fileName: 'b.reisekart' });
    expect(broken.filter((m) => m.type !== 'progress')).toEqual([expect.objectContaining({ type: 'restored', result: expect.objectContaining({ ok: false }) })]);
  });

  it('refi reads a .qdpx like importQdpx, and a .qdc as a new study holding its codes', async () => {
    const qdpx = exportQdpx(demo, { now: NOW });
    const msgs = await collect({ id: 5, type: 'refi', bytes: qdpx, fileName: 'p.qdpx', now: NOW });
    const c = studyCollector();
    msgs.forEach((m) => c.take(m));
    const direct = importQdpx(qdpx, { now: NOW, fileName: 'p.qdpx' });
    if (!direct.ok) throw new Error('qdpx');
    expect(c.data()).toEqual(direct.data);
    expect(msgs.at(-1)).toEqual({ id: 5, type: 'refi', result: { ok: true, data: null, warnings: direct.warnings, review: direct.review } });
    expect(direct.review).toMatchObject({ transcripts: 30, quotes: 537, keptReviewed: 0 });

    const qdc = await collect({ id: 6, type: 'refi', bytes: exportQdc(demo), fileName: 'Kodebok VT.qdc', now: NOW });
    const k = studyCollector();
    qdc.forEach((m) => k.take(m));
    const book = k.data();
    expect(book?.study.title).toBe('Kodebok VT');
    expect(book?.codes.map((x) => x.name).sort()).toEqual(demo.codes.map((x) => x.name).sort());
    expect(book?.codes.every((x) => x.studyId === book.study.id)).toBe(true);
    expect(book?.segments).toEqual([]);
  });
});
