// @vitest-environment jsdom
/**
 * The exchange and backup wiring in jsdom + fake-indexeddb: a full disk during an import is
 * explained and loses nothing; a wrong passphrase changes nothing; exports hold back
 * transcripts of interviews not yet anonymised and never carry pseudonyms or terms; the
 * schedule snapshots only when something changed; the browser keeps the newest five.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { exportBundle, restoreBundle } from '../../shared/exchange/bundle';
import { exportQdpx } from '../../shared/exchange/refi/export';
import { reidStudy } from '../../shared/exchange/outbound';
import type { StudyData } from '../../shared/model';
import { initI18n } from '../../renderer/app/i18n';
import { db, ensureDemoStudy, listStudies, loadStudyData, resetDemoStudy } from '../../renderer/db';
import { platform } from '../../renderer/platform';
import { KEEP_SCHEDULED, browserStore, listSnapshots, markDirty, scheduledTick, setBackupStore, snapshotStudy } from '../../renderer/backup';
import { ExchangeScreen } from '../../renderer/features/exchange/ExchangeScreen';
import demoJson from '../../fixtures/demo/demo-study.json';

const DEMO = 'demo-brukerreisen-kim';

beforeAll(async () => {
  initI18n('nb');
  const r = await ensureDemoStudy(db, demoJson);
  expect(r.ok).toBe(true);
});

beforeEach(async () => {
  setBackupStore(browserStore());
  await resetDemoStudy(db, demoJson);
  for (const s of await listStudies(db)) if (s.id !== DEMO) await db.studies.delete(s.id);
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

async function demo(): Promise<StudyData> {
  const d = await loadStudyData(db, DEMO);
  if (!d) throw new Error('demo missing');
  return d;
}

function openWith(name: string, bytes: Uint8Array) {
  return vi.spyOn(platform, 'openFile').mockResolvedValue({ ok: true, name, bytes });
}

function renderScreen(study: StudyData['study']) {
  return render(<ExchangeScreen study={study} />);
}

describe('a full disk during an import', () => {
  it('is explained ("disken er full"), and the study is exactly as before', async () => {
    const before = await demo();
    const csv = new TextEncoder().encode('kode;gruppe;format;deltakere;modus\r\nGS-90;Grunnskole 10. klasse;individuelt;1;fysisk\r\n');
    openWith('nye.csv', csv);
    // The write of the new interview list hits a full disk inside the one transaction.
    const table = db.table('interviews');
    vi.spyOn(table, 'bulkPut').mockImplementation((() => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))) as unknown as typeof table.bulkPut);
    renderScreen(before.study);
    fireEvent.click(screen.getByTestId('import-csv'));
    fireEvent.click(await screen.findByTestId('csv-commit'));
    const msg = await screen.findByTestId('import-error', {}, { timeout: 10_000 });
    expect(msg.textContent).toMatch(/^Disken er full/);
    expect(msg.textContent).toContain('Ingenting er endret');
    const after = await demo();
    expect(after.interviews.length).toBe(before.interviews.length);
    expect(after.segments.length).toBe(before.segments.length);
    expect(after).toEqual(before);
    // The same import without the stub goes through: the failure was the disk, not the file.
    vi.restoreAllMocks();
    openWith('nye.csv', csv);
    fireEvent.click(screen.getByTestId('csv-commit'));
    await waitFor(async () => expect((await demo()).interviews.length).toBe(before.interviews.length + 1), { timeout: 10_000 });
  });
});

describe('an encrypted bundle', () => {
  it('with a wrong passphrase: a clear message, no new study; with the right one: staged', async () => {
    const data = await demo();
    const bytes = await exportBundle(data, { now: '2024-01-01T00:00:00.000Z', passphrase: 'riktig passord her' });
    openWith('kryptert.reisekart', bytes);
    renderScreen(data.study);
    fireEvent.click(screen.getByTestId('import-bundle'));
    const input = await screen.findByTestId('import-passphrase');
    fireEvent.change(input, { target: { value: 'feil' } });
    fireEvent.submit(screen.getByTestId('passphrase-form'));
    expect((await screen.findByTestId('wrong-passphrase', {}, { timeout: 10_000 })).textContent).toContain('Feil passord');
    expect(screen.queryByTestId('import-staged')).toBeNull();
    expect((await listStudies(db)).map((s) => s.id)).toEqual([DEMO]);
    fireEvent.change(screen.getByTestId('import-passphrase'), { target: { value: 'riktig passord her' } });
    fireEvent.submit(screen.getByTestId('passphrase-form'));
    expect((await screen.findByTestId('import-staged', {}, { timeout: 10_000 })).textContent).toContain('42 informanter');
  });
});

describe('exports go through the anonymisation gate', () => {
  it('holds back the transcript and segments of text that needs review, and never carries pseudonyms or terms', async () => {
    const data = await demo();
    const iv = data.interviews.find((i) => data.segments.some((s) => s.interviewId === i.id));
    if (!iv) throw new Error('no coded interview');
    const tr = data.transcripts.find((t) => t.interviewId === iv.id);
    if (!tr) throw new Error('no transcript');
    // The text's own state decides (an import sent it back to review), not the interview status:
    // another interview set back to "planned" still goes out with its reviewed text.
    await db.transcripts.put({ ...tr, review: { state: 'needs-review', record: null, reason: 'rescan', hits: { TLF: 1 } } });
    const other = data.interviews.find((i) => i.id !== iv.id && data.segments.some((s) => s.interviewId === i.id));
    if (!other) throw new Error('no second interview');
    await db.interviews.put({ ...other, status: 'planned' });
    await db.terms.put({ id: 'term-1', studyId: DEMO, term: 'Skien vgs', kind: 'SKOLE' });
    expect((await demo()).pseudonyms.length).toBeGreaterThan(0);
    const saved: Uint8Array[] = [];
    vi.spyOn(platform, 'saveFile').mockImplementation(async (bytes, name) => {
      saved.push(bytes);
      return { ok: true, name };
    });
    renderScreen(data.study);
    expect((await screen.findByTestId('export-gate')).textContent).toContain(iv.code);
    fireEvent.click(screen.getByTestId('export-bundle'));
    await waitFor(() => expect(saved.length).toBe(1));
    const back = await restoreBundle(saved[0] as Uint8Array);
    if (!back.ok) throw new Error(JSON.stringify(back.issues));
    expect(back.data.interviews.map((i) => i.id)).toContain(iv.id);
    expect(back.data.transcripts.some((t) => t.interviewId === iv.id)).toBe(false);
    expect(back.data.segments.some((s) => s.interviewId === iv.id)).toBe(false);
    expect(back.data.segments.length).toBe(data.segments.filter((s) => s.interviewId !== iv.id).length);
    expect(back.data.transcripts.some((t) => t.interviewId === other.id)).toBe(true);
    expect(back.data.pseudonyms).toEqual([]);
    expect(back.data.terms).toEqual([]);
  });
});

describe('the import summary says what needs review and why', () => {
  it('a bundle with a planted phone number: only that transcript and its quotes, the hit by kind and place, never the value', async () => {
    const data = await demo();
    const t0 = data.transcripts[0];
    if (!t0) throw new Error('no transcript');
    const planted: StudyData = { ...data, transcripts: data.transcripts.map((t, i) => (i === 0 ? { ...t, text: `${t.text}\nP1: Ring meg på 912 34 567.` } : t)) };
    const quotesOfIt = data.segments.filter((x) => x.interviewId === t0.interviewId).length;
    const code = data.interviews.find((iv) => iv.id === t0.interviewId)?.code ?? '';
    openWith('partner.reisekart', await exportBundle(planted, { now: '2024-01-01T00:00:00.000Z' }));
    renderScreen(data.study);
    fireEvent.click(screen.getByTestId('import-bundle'));
    const summary = await screen.findByTestId('import-review-summary', {}, { timeout: 10_000 });
    expect(summary.textContent).toContain(`1 transkripsjoner og ${quotesOfIt} sitater må gjennomgås`);
    expect(summary.querySelector('[data-reason="rescan"]')?.textContent).toContain(`${1 + quotesOfIt} har mulige personopplysninger`);
    const hits = screen.getByTestId('import-review-hits');
    expect(hits.textContent).toContain(`Transkripsjon ${code} (transcripts[0]): TLF × 1`);
    expect(summary.textContent).not.toContain('912');
  });

  it('a .qdpx: everything arrives as needs review (imported from REFI-QDA)', async () => {
    const data = await demo();
    openWith('prosjekt.qdpx', exportQdpx(data, { now: '2024-01-01T00:00:00.000Z' }));
    renderScreen(data.study);
    fireEvent.click(screen.getByTestId('import-refi'));
    const summary = await screen.findByTestId('import-review-summary', {}, { timeout: 10_000 });
    expect(summary.textContent).toContain(`${data.transcripts.length} transkripsjoner og ${data.segments.length} sitater må gjennomgås`);
    expect(summary.querySelector('[data-reason="import"]')?.textContent).toContain(`${data.transcripts.length + data.segments.length} kom fra REFI-QDA eller CSV`);
  });
});

describe('merging a bundle into the open study', () => {
  it('shows the merge report first, changes nothing until confirmed, then keeps ours and a conflict to resolve', async () => {
    const data = await demo();
    const first = data.interviews[0];
    if (!first) throw new Error('no interview');
    // The partner's copy (same lineage): the same interview with other notes and no revision to
    // say who changed it: a conflict, never a second copy.
    const theirs: StudyData = { ...data, study: { ...data.study, site: 'Skien' }, interviews: data.interviews.map((i) => (i.id === first.id ? { ...i, notes: 'annen versjon' } : i)) };
    openWith('partner.reisekart', await exportBundle(theirs, { now: '2024-01-01T00:00:00.000Z' }));
    renderScreen(data.study);
    fireEvent.click(screen.getByTestId('import-bundle'));
    fireEvent.click(await screen.findByTestId('import-merge', {}, { timeout: 10_000 }));
    const report = await screen.findByTestId('merge-report', {}, { timeout: 10_000 });
    expect(report.getAttribute('data-mode')).toBe('three-way');
    expect(screen.getByTestId('merge-pending').textContent).toContain('1');
    expect(await demo()).toEqual(data);
    fireEvent.click(screen.getByTestId('confirm-merge'));
    await waitFor(async () => expect((await demo()).conflicts?.length).toBe(1), { timeout: 10_000 });
    const after = await demo();
    expect(after.interviews.length).toBe(data.interviews.length);
    expect(after.interviews.find((i) => i.id === first.id)?.notes).toBe(first.notes);
    expect(after.conflicts?.[0]).toMatchObject({ entity: 'interviews', recordId: first.id, partner: 'Skien', theirs: expect.objectContaining({ notes: 'annen versjon' }) });
    // The audit log is loaded in id order, not time order, and the merge also writes the trail's own
    // study.merge entry: find the merge's entry by its action.
    expect(after.audit.find((a) => a.action === 'merge.three-way')).toMatchObject({ action: 'merge.three-way', subject: 'Skien', counts: { conflicts: 1 } });
    const list = await listSnapshots();
    expect(list.ok && list.snapshots[0]?.reason).toBe('before-merge');
  });
});

describe('backup snapshots', () => {
  it('the schedule snapshots the open study once after a change, not again until the next change', async () => {
    const scheduled = async () => {
      const l = await listSnapshots();
      return l.ok ? l.snapshots.filter((x) => x.reason === 'scheduled' && x.studyId === DEMO).length : 0;
    };
    const before = await scheduled();
    expect(await scheduledTick(DEMO)).toBeNull();
    markDirty();
    const r = await scheduledTick(DEMO);
    expect(r?.ok).toBe(true);
    expect(await scheduledTick(DEMO)).toBeNull();
    const list = await listSnapshots();
    if (!list.ok) throw new Error(list.message);
    expect(await scheduled()).toBe(Math.min(before + 1, KEEP_SCHEDULED));
    expect(list.snapshots[0]).toMatchObject({ reason: 'scheduled', studyId: DEMO, studyTitle: 'Brukerreisen Kim (demo)' });
  });

  it('the browser keeps snapshots per study, newest first, and each restores to its study without terms or pseudonyms', async () => {
    for (let i = 0; i < KEEP_SCHEDULED + 2; i++) {
      const r = await snapshotStudy(DEMO, 'manual', { now: new Date(Date.UTC(2030, 0, 1, 12, i)) });
      expect(r.ok).toBe(true);
    }
    // Two in the same millisecond: both kept (exclusive creation), each readable.
    const same = new Date(Date.UTC(2030, 0, 2, 12, 0));
    const [a, b] = await Promise.all([snapshotStudy(DEMO, 'before-import', { now: same }), snapshotStudy(DEMO, 'before-import', { now: same })]);
    if (!a.ok || !b.ok) throw new Error('snapshot');
    expect(a.id).not.toBe(b.id);
    const list = await listSnapshots();
    if (!list.ok) throw new Error(list.message);
    const manual = list.snapshots.filter((s) => s.reason === 'manual' && s.studyId === DEMO);
    expect(manual.map((s) => s.createdAt)).toEqual(Array.from({ length: KEEP_SCHEDULED }, (_, k) => new Date(Date.UTC(2030, 0, 1, 12, KEEP_SCHEDULED + 1 - k)).toISOString()));
    expect(list.snapshots.filter((s) => s.reason === 'before-import' && s.createdAt.startsWith('2030-01-02'))).toHaveLength(2);
    const bytes = await browserStore().read(manual[0]?.id ?? '');
    if (!bytes.ok) throw new Error(bytes.message);
    const back = await restoreBundle(bytes.bytes);
    const full = await demo();
    expect(full.pseudonyms.length).toBeGreaterThan(0);
    expect(back.ok && back.data).toEqual({ ...full, terms: [], pseudonyms: [] });
  });
});

describe('reidStudy', () => {
  it('gives every record a fresh id and keeps every reference pointing at the same record', async () => {
    const data = await demo();
    let n = 0;
    const copy = reidStudy(data, 'kopi', () => `id-${++n}`);
    const oldIds = new Set([...data.interviews, ...data.segments, ...data.codes].map((r) => r.id));
    expect([...copy.interviews, ...copy.segments, ...copy.codes].some((r) => oldIds.has(r.id))).toBe(false);
    expect(new Set([copy.study.id, ...copy.segments.map((s) => s.studyId)])).toEqual(new Set(['kopi']));
    const code = (d: StudyData, id: string) => d.interviews.find((i) => i.id === id)?.code;
    data.segments.forEach((s, i) => {
      const c = copy.segments[i];
      expect(code(copy, c?.interviewId ?? '')).toBe(code(data, s.interviewId));
      expect(c?.codeIds.map((id) => copy.codes.find((x) => x.id === id)?.name)).toEqual(s.codeIds.map((id) => data.codes.find((x) => x.id === id)?.name));
      expect(c?.quote).toBe(s.quote);
    });
    expect(copy.transcripts.every((t) => copy.interviews.some((i) => i.id === t.interviewId))).toBe(true);
  });
});
