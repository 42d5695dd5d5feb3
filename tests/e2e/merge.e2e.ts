/**
 * Two partners merge without double counting (issue 16), in Chromium with two fresh profiles.
 * Skien (A) and Porsgrunn (B) both start from the demo (537 segments, 16 codes). A changes the
 * valence of segment X; B deletes segment Y and renames code C; both change the valence of
 * segment Z (to different values). B sends its bundle to A: Y goes, C is renamed (the codebook
 * diff says so before anything is applied), X keeps A's edit, Z is the one conflict; A resolves
 * it as "theirs". A sends its bundle back; B merges it with no conflict. Both end with the same
 * records: 536 segments, 16 codes, X edited, Z as B had it. Merging again changes nothing; an
 * older bundle is refused and an unrelated study is asked about, both changing nothing.
 */
import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import demoJson from '../../fixtures/demo/demo-study.json';
import { canExport } from '../../shared/model/gate';
import type { Code, Segment, StudyData, Transcript, Valence } from '../../shared/model';
import { launch, newSession, type Session } from './chromium';
import { exportBundle as packBundle } from '../../shared/exchange/bundle';

const baseUrl = inject('baseUrl');
const DEMO = 'demo-brukerreisen-kim';
const T = { timeout: 30_000 };
let browser: Browser;
let a: Session;
let b: Session;

// The records the partners touch, picked from the demo by rule (exportable interviews only).
const demo = demoJson as unknown as StudyData;
// Exportable: the quote and its transcript passed review (the gate at the door out).
const transcriptOf = new Map((demo.transcripts as Transcript[]).map((t) => [t.interviewId, t]));
const segs = (demo.segments as Segment[]).filter((s) => canExport(s, transcriptOf.get(s.interviewId)) && s.valence === 'positive');
const X = segs[0] as Segment;
const Y = segs.find((s) => s.interviewId !== X.interviewId) as Segment;
const Z = segs.find((s) => s.interviewId !== X.interviewId && s.interviewId !== Y.interviewId) as Segment;
const C = (demo.codes as Code[]).find((c) => c.parentId !== null) as Code;
const RENAMED = `${C.name} (omdøpt)`;

beforeAll(async () => {
  browser = await launch();
  a = await newSession(browser, baseUrl);
  b = await newSession(browser, baseUrl);
});
afterAll(async () => {
  await browser?.close();
});

async function go(page: Page, view: string): Promise<void> {
  await page.goto(`${baseUrl}#/study/${DEMO}/${view}`);
  await page.locator('main h1').first().waitFor(T);
}

async function setSite(page: Page, site: string): Promise<void> {
  await go(page, 'settings');
  const input = page.getByLabel('Partner / sted');
  await input.fill(site);
  await input.press('Tab');
  await expect.poll(async () => {
    await go(page, 'settings');
    return page.getByLabel('Partner / sted').inputValue();
  }, T).toBe(site);
}

/** Open a segment from the coding list (found by its quote), in the workbench's panel. */
async function openSegment(page: Page, s: Segment): Promise<void> {
  await go(page, 'coding/segments');
  await page.getByTestId('seg-search').fill(s.quote.slice(0, 60));
  const row = page.locator(`[data-testid="segment-row"][data-segment="${s.id}"]`);
  await row.waitFor(T);
  await row.click();
  await page.getByTestId('coding-panel').waitFor(T);
  expect(await page.getByTestId('panel-quote').innerText()).toContain(s.quote.slice(0, 30));
}

async function setValence(page: Page, s: Segment, v: Valence): Promise<void> {
  await openSegment(page, s);
  await page.getByTestId('coding-panel').locator(`.valence-btn.v-${v}`).click();
  await page.getByTestId('save-segment').click();
  await page.getByTestId('coding-panel').waitFor({ state: 'detached', ...T });
  await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state'), T).toBe('saved');
}

async function deleteSegment(page: Page, s: Segment): Promise<void> {
  await openSegment(page, s);
  await page.getByTestId('coding-panel').getByRole('button', { name: 'Slett utsagn' }).click();
  await page.getByTestId('coding-panel').waitFor({ state: 'detached', ...T });
  await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state'), T).toBe('saved');
}

async function renameCode(page: Page, code: Code, name: string): Promise<void> {
  await go(page, 'codebook');
  await page.getByTestId('codebook').waitFor(T);
  await page.getByRole('button', { name: `Rediger ${code.name}` }).click();
  const input = page.locator('section[aria-labelledby="code-edit-h"] input').first();
  await input.fill(name);
  await input.press('Tab');
  await page.locator(`[data-testid="codebook"] tr[data-code="${name}"]`).waitFor(T);
}

async function exportBundle(page: Page): Promise<Uint8Array> {
  await go(page, 'exchange');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-bundle').click()]);
  return new Uint8Array(await readFile(await dl.path()));
}

/** Open a bundle to merge; stops at the merge report (or the refusal). */
async function openToMerge(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  await go(page, 'exchange');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('import-bundle').click()]);
  await chooser.setFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
  await page.getByTestId('import-merge').click(T);
}

function studyOf(bundle: Uint8Array): StudyData {
  return JSON.parse(strFromU8(unzipSync(bundle)['study.json'] as Uint8Array)) as StudyData;
}

/** What both copies must share: every record a bundle carries, in id order (the log and the study's own settings aside). */
function records(d: StudyData) {
  const byId = <T extends { id: string }>(xs: readonly T[]) => [...xs].sort((p, q) => p.id.localeCompare(q.id));
  return {
    codes: byId(d.codes),
    interviews: byId(d.interviews),
    transcripts: [...d.transcripts].sort((p, q) => p.interviewId.localeCompare(q.interviewId)),
    segments: byId(d.segments),
    overrides: byId(d.overrides),
    benchmarks: byId(d.benchmarks),
    tombstones: byId(d.tombstones ?? []),
  };
}

const bundles: Record<string, Uint8Array> = {};

async function partnersWork(): Promise<void> {
  expect([X, Y, Z, C].every(Boolean)).toBe(true);
  await setSite(a.page, 'Skien');
  await setSite(b.page, 'Porsgrunn');
  await setValence(a.page, X, 'negative');
  await setValence(a.page, Z, 'mixed');
  await deleteSegment(b.page, Y);
  await setValence(b.page, Z, 'negative');
  await renameCode(b.page, C, RENAMED);
  bundles.b1 = await exportBundle(b.page);
  const b1 = studyOf(bundles.b1);
  expect(b1.segments.length).toBe(536);
  expect(b1.tombstones?.map((t) => t.recordId)).toEqual([Y.id]);
}

/** A merges B: codebook diff first, one deletion, one rename, one conflict resolved as theirs. */
async function aMergesB(): Promise<void> {
  const { page } = a;
  await openToMerge(page, 'porsgrunn.reisekart', bundles.b1 as Uint8Array);
  const report = page.getByTestId('merge-report');
  await report.waitFor(T);
  expect(await report.getAttribute('data-mode')).toBe('three-way');
  expect(await page.getByTestId('codebook-diff').innerText()).toContain(`${C.name} → ${RENAMED}`);
  expect(await page.locator('[data-testid="merge-counts"] li[data-kind="deleted"]').innerText()).toContain('1 kodede utsagn');
  expect(await page.getByTestId('merge-pending').innerText()).toContain('1 post');
  await page.getByTestId('confirm-merge').click();
  // With a conflict, the merge ends on the conflicts screen; analysis screens say it is unresolved.
  const screen = page.getByTestId('conflicts-screen');
  await expect.poll(() => screen.getAttribute('data-count'), T).toBe('1');
  const conflict = page.locator(`[data-testid="conflict"][data-record="${Z.id}"]`);
  const text = await conflict.innerText();
  expect(text).toContain('Skien');
  expect(text).toContain('Porsgrunn');
  await go(page, 'journey');
  await expect.poll(() => page.getByTestId('unresolved-conflicts').getAttribute('data-count'), T).toBe('1');
  expect(await page.getByTestId('unresolved-conflicts').innerText()).toContain('1 konflikt uløst');
  await page.getByTestId('unresolved-conflicts').getByRole('link').click();
  await page.locator(`[data-testid="conflict"][data-record="${Z.id}"]`).getByTestId('choose-theirs').click();
  await page.getByTestId('conflicts-none').waitFor(T);
  await go(page, 'journey');
  await page.locator('main h1').first().waitFor(T);
  expect(await page.getByTestId('unresolved-conflicts').count()).toBe(0);
}

/** B merges A back without a conflict, and both copies hold the same records and counts. */
async function bMergesA(): Promise<void> {
  bundles.a2 = await exportBundle(a.page);
  await openToMerge(b.page, 'skien.reisekart', bundles.a2);
  await b.page.getByTestId('merge-report').waitFor(T);
  expect(await b.page.getByTestId('merge-pending').count()).toBe(0);
  expect(await b.page.locator('[data-testid="merge-counts"] li[data-kind="updated"]').innerText()).toContain('1 kodede utsagn');
  await b.page.getByTestId('confirm-merge').click();
  await b.page.getByTestId('merge-report').waitFor({ state: 'detached', ...T });

  const fromA = studyOf(await exportBundle(a.page));
  const fromB = studyOf(await exportBundle(b.page));
  expect(records(fromA)).toEqual(records(fromB));
  // Counted by hand: 537 − Y = 536 segments, still 16 codes, X negative (A), Z negative (B's, chosen), C renamed.
  for (const d of [fromA, fromB]) {
    expect(d.segments.length).toBe(536);
    expect(d.codes.length).toBe(16);
    expect(d.segments.some((s) => s.id === Y.id)).toBe(false);
    expect(d.segments.find((s) => s.id === X.id)?.valence).toBe('negative');
    expect(d.segments.find((s) => s.id === Z.id)?.valence).toBe('negative');
    expect(d.codes.find((c) => c.id === C.id)?.name).toBe(RENAMED);
    expect(d.segments.filter((s) => s.valence === 'positive').length).toBe((demo.segments as Segment[]).filter((s) => s.valence === 'positive').length - 3);
  }
  bundles.b2 = await exportBundle(b.page);
}

/** Merging the same partner again changes nothing; an older bundle is refused and changes nothing. */
async function againAndOlder(): Promise<void> {
  const { page } = a;
  // B's bundle after its merge: no record changes for A, only B's log lines since A's last merge
  // (its merge, its exports and the audit trail's entries for them), counted from the two bundles.
  const aLog = new Set(studyOf(await exportBundle(page)).audit.map((e) => e.id));
  const newLines = studyOf(bundles.b2 as Uint8Array).audit.filter((e) => !aLog.has(e.id)).length;
  expect(newLines).toBeGreaterThan(0);
  await openToMerge(page, 'porsgrunn-2.reisekart', bundles.b2 as Uint8Array);
  await page.getByTestId('merge-report').waitFor(T);
  expect(await page.getByTestId('merge-counts').innerText()).toBe(`Legges til: ${newLines} logglinjer`);
  expect(await page.getByTestId('codebook-diff-none').count()).toBe(1);
  expect(await page.getByTestId('merge-pending').count()).toBe(0);
  await page.getByTestId('confirm-merge').click();
  await page.getByTestId('merge-report').waitFor({ state: 'detached', ...T });
  // The same bundle twice: nothing at all.
  await openToMerge(page, 'porsgrunn-2.reisekart', bundles.b2 as Uint8Array);
  await page.getByTestId('merge-report').waitFor(T);
  expect(await page.getByTestId('merge-counts').innerText()).toBe('Ingen endringer.');
  await page.getByRole('button', { name: 'Avbryt' }).click();

  const before = records(studyOf(await exportBundle(page)));
  await openToMerge(page, 'porsgrunn-gammel.reisekart', bundles.b1 as Uint8Array);
  const error = page.getByTestId('import-error');
  await error.waitFor(T);
  expect(await error.innerText()).toContain('eldre enn den du sist slo sammen');
  expect(await page.getByTestId('merge-report').count()).toBe(0);
  expect(records(studyOf(await exportBundle(page)))).toEqual(before);
}

describe('two partners, one study', () => {
  it('one edits, one deletes and renames a code; bundles both ways; one conflict resolved; identical studies', async () => {
    await partnersWork();
    await aMergesB();
    await bMergesA();
    await againAndOlder();
  }, 300_000);

  it('a bundle of an unrelated study is asked about first; cancelling changes nothing', async () => {
    const { page } = a;
    const other = studyOf(await exportBundle(page));
    // The same records under another lineage (as if an unrelated study used the same ids).
    const unrelated: StudyData = { ...other, study: { ...other.study, id: 'annen-studie', lineageId: 'annen-studie', title: 'En annen studie' } };
    // A genuine version-2 bundle (with its checksum, which the reader requires) of that study.
    const bytes = await packBundle(unrelated, { now: '2026-12-01T00:00:00.000Z', app: 'test' });
    const before = records(studyOf(await exportBundle(page)));
    await openToMerge(page, 'annen.reisekart', bytes);
    const ask = page.getByTestId('merge-unrelated');
    await ask.waitFor(T);
    expect(await ask.innerText()).toContain('er ikke en kopi av');
    await ask.getByRole('button', { name: 'Avbryt' }).click();
    expect(records(studyOf(await exportBundle(page)))).toEqual(before);
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    expect(a.foreignRequests).toEqual([]);
    expect(b.foreignRequests).toEqual([]);
  });
});
