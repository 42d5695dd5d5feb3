import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO, openDemo, useSession } from './session';
import { forbiddenStrings, makeTranscriptDocx, PLANTED } from './fixtures/transcript-docx';

const CODE = 'YF-77';
const s = useSession();

/** Every table of the app's IndexedDB as JSON, read directly (no app code involved). */
async function dumpDb(page: Page): Promise<Record<string, unknown[]>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, unknown[]>>((resolve, reject) => {
        const open = indexedDB.open('reisekart');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const idb = open.result;
          const names = Array.from(idb.objectStoreNames);
          const tx = idb.transaction(names, 'readonly');
          const out: Record<string, unknown[]> = {};
          for (const n of names) {
            const req = tx.objectStore(n).getAll();
            req.onsuccess = () => {
              out[n] = req.result as unknown[];
            };
          }
          tx.oncomplete = () => {
            idb.close();
            resolve(out);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

async function pickFile(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('open-file').click();
  await (await chooser).setFiles(file);
}

/**
 * Each test starts from a fresh profile (the demo only) and replays the earlier steps of the story
 * it needs with these helpers: a new interview YF-77, the generated .docx under review, the review
 * completed with every hit accepted.
 */
async function newInterview(page: Page): Promise<string> {
  await openDemo(page, 'interviews');
  await page.getByTestId('new-interview').click();
  const form = page.getByTestId('interview-form');
  await form.getByLabel('Kode').fill(CODE);
  await form.getByLabel('Gruppe').selectOption('yf-vg2');
  await form.getByLabel('Samtykke registrert').check();
  await form.getByTestId('save-interview').click();
  await form.waitFor({ state: 'detached' });
  await page.getByRole('link', { name: `Transkripsjon ${CODE}` }).click();
  await page.getByTestId('import-panel').waitFor();
  return decodeURIComponent(new URL(page.url()).hash.split('/').pop() ?? '');
}

async function reviewDocx(page: Page): Promise<string> {
  const interviewId = await newInterview(page);
  const buffer = await makeTranscriptDocx();
  await pickFile(page, { name: 'intervju YF-77.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer });
  await page.getByTestId('review').waitFor();
  return interviewId;
}

/** Accepts every kind of hit and completes the review, as a researcher would. */
async function acceptAllAndComplete(page: Page): Promise<void> {
  for (const button of await page.locator('[data-testid="kind-counts"] button:not([disabled])').all()) await button.click();
  await page.getByTestId('complete-review').click();
  await page.getByTestId('stored-transcript').waitFor();
}

describe('transcript import and anonymisation review', () => {
  it('creates an interview and opens its transcript from the register', async () => {
    const { page } = s;
    const interviewId = await newInterview(page);
    expect(new URL(page.url()).hash).toContain(`#/study/${DEMO}/transcript/`);
    expect(interviewId).not.toBe('');
    expect(await page.getByTestId('gate').getAttribute('data-gate')).toBe('no-transcript');
  });

  it('refuses an empty file and a binary file with a message naming the file, changing nothing', async () => {
    const { page } = s;
    await newInterview(page);
    const before = JSON.stringify(await dumpDb(page));
    await pickFile(page, { name: 'tom.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) });
    const error = page.getByTestId('import-error');
    await expect.poll(() => error.innerText()).toContain('«tom.txt» er tom');
    expect(await error.innerText()).toContain('Ingenting er endret');

    const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 73 + 11) % 256));
    await pickFile(page, { name: 'opptak.txt', mimeType: 'text/plain', buffer: binary });
    await expect.poll(() => error.innerText()).toContain('«opptak.txt» ser ut til å være en binærfil');
    await page.getByTestId('import-panel').waitFor();
    expect(JSON.stringify(await dumpDb(page))).toBe(before);
  });

  it('imports a generated .docx, shows every planted identifier as a hit, and stores nothing during review', async () => {
    const { page } = s;
    await reviewDocx(page);
    expect(await page.getByTestId('not-stored').innerText()).toContain('Originalteksten lagres ikke');
    // Positive control: the values really are in the text under review, so the DB check below can fail.
    const hitTexts = await page.locator('mark.hit > span[data-from]').allInnerTexts();
    for (const v of Object.values(PLANTED)) expect(hitTexts.join(' | ')).toContain(v);
    expect(hitTexts).not.toContain('Kim');
    const kinds = await page.locator('[data-testid="kind-counts"] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-kind')));
    expect(kinds).toEqual(expect.arrayContaining(['FNR', 'TLF', 'EPOST', 'ADRESSE', 'NAVN', 'SKOLE']));
    const dump = JSON.stringify(await dumpDb(page));
    for (const v of forbiddenStrings()) expect(dump.includes(v), v).toBe(false);
    expect(dump).not.toContain('rådgiveren heter');
  });

  it('is keyboard driven: j moves to the next hit, r rejects, a accepts again', async () => {
    const { page } = s;
    await reviewDocx(page);
    await page.getByTestId('review').focus();
    const status = page.getByTestId('current-status');
    await page.keyboard.press('j');
    await expect.poll(() => page.getByTestId('current-hit').innerText()).toContain('2 /');
    await page.keyboard.press('r');
    await page.keyboard.press('k');
    await expect.poll(() => status.innerText()).toContain('avvist');
    await page.keyboard.press('a');
    await page.keyboard.press('k');
    await expect.poll(() => status.innerText()).toContain('godtatt');
  });

  it('accepts all, completes, and leaves none of the planted values anywhere in the database', async () => {
    const { page } = s;
    const interviewId = await reviewDocx(page);
    await acceptAllAndComplete(page);
    expect(await page.getByTestId('gate').getAttribute('data-gate')).toBe('open');
    expect(await page.getByTestId('interview-status').innerText()).toBe('Anonymisert');
    const tags = await page.locator('[data-testid="stored-text"] mark.tag').allInnerTexts();
    expect(tags).toEqual(expect.arrayContaining(['[FNR]', '[TLF]', '[EPOST]']));

    const db = await dumpDb(page);
    const json = JSON.stringify(db);
    for (const v of forbiddenStrings()) expect(json.includes(v), v).toBe(false);
    const transcript = (db.transcripts as Array<{ interviewId: string; text: string; source: string; reviewedBy: string | null }>).find((t) => t.interviewId === interviewId);
    expect(transcript?.source).toBe('docx');
    expect(transcript?.text).toContain('Kim ville nok');
    expect(transcript?.text).toMatch(/Rådgiveren heter \[NAVN-\d+\]/);
    expect(transcript?.reviewedBy).toBeTruthy();
    const audit = (db.audit as Array<{ subject: string; action: string; who: string; counts: Record<string, number> }>).filter((a) => a.subject === CODE && a.action === 'anonymise.review');
    // One review entry (the audit trail also logs the interview's and transcript's own writes).
    expect(audit).toHaveLength(1);
    expect(audit[0]?.action).toBe('anonymise.review');
    expect(audit[0]?.counts).toMatchObject({ FNR: 1, TLF: 1, EPOST: 1 });
    expect(Object.values(audit[0]?.counts ?? {}).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(6);
    expect(audit[0]?.who).toBe(transcript?.reviewedBy);
  });

  it('"Rediger tekst" re-runs detection on the edited text before saving', async () => {
    const { page } = s;
    const interviewId = await reviewDocx(page);
    await acceptAllAndComplete(page);
    await page.getByTestId('edit-text-button').click();
    const area = page.getByTestId('edit-area');
    await area.fill(`${await area.inputValue()}\nP1: Bestevennen min heter Jonas Berg.`);
    await page.getByTestId('run-review').click();
    await page.getByTestId('review').waitFor();
    expect(await page.locator('mark.hit > span[data-from]').allInnerTexts()).toContain('Jonas Berg');
    await acceptAllAndComplete(page);
    const db = await dumpDb(page);
    const json = JSON.stringify(db);
    for (const v of [...forbiddenStrings(), 'Jonas', 'Berg.']) expect(json.includes(v), v).toBe(false);
    const transcript = (db.transcripts as Array<{ interviewId: string; text: string }>).find((t) => t.interviewId === interviewId);
    expect(transcript?.text).toMatch(/Bestevennen min heter \[NAVN-\d+\]\.$/);
    const actions = (db.audit as Array<{ subject: string; action: string }>).filter((a) => a.subject === CODE).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['anonymise.review', 'anonymise.edit']));
    expect(await page.getByTestId('interview-status').innerText()).toBe('Anonymisert');
  });

  it('shows the interview as anonymised in the register', async () => {
    const { page } = s;
    await reviewDocx(page);
    await acceptAllAndComplete(page);
    await page.getByRole('link', { name: 'Intervjuer' }).first().click();
    const row = page.locator(`[data-testid="interview-list"] tr[data-code="${CODE}"]`);
    await row.waitFor();
    expect(await row.locator('.badge').innerText()).toBe('Anonymisert');
  });
});
