/**
 * Issue 18, memos: written from where you are — the workbench's `m` key (interview or open
 * segment), context notes beside the transcript, a journey-map cell, a code in the codebook, the
 * study journal — rendered markdown-light, listed with search and a kind filter. A memo with an
 * identifier is flagged with its hits shown to the author until resolved; an empty one is not
 * saved; a deleted one comes back with undo.
 */
import { describe, expect, it } from 'vitest';
import { baseUrl, screenReady, useSession } from './session';

const STUDY = 'demo-brukerreisen-kim';
const s = useSession();
const T = { timeout: 30_000 };

async function openGs01(): Promise<void> {
  const { page } = s;
  await page.goto(`${baseUrl}#/study/${STUDY}/coding`);
  await page.locator('[data-testid="coding-interviews"] tr[data-code="GS-01"] a').click();
  await page.locator('[data-testid="transcript"] .t-block').first().waitFor({ timeout: 60_000 });
  await page.getByTestId('segment-row').first().waitFor(T);
  await expect.poll(() => page.getByTestId('loading').count(), T).toBe(0);
}

async function openMemos(): Promise<void> {
  await s.page.goto(`${baseUrl}#/study/${STUDY}/memos`);
  await screenReady(s.page, STUDY);
  await s.page.getByTestId('memos-screen').waitFor(T);
}

const shownTexts = () => s.page.locator('[data-testid="memos-list"] [data-testid="memo-item"] .memo-text').allInnerTexts();

describe('memos', () => {
  it('the workbench key writes an interview memo, then a segment memo; a context note sits beside the transcript; the list finds them', async () => {
    const { page } = s;
    await openGs01();
    await page.getByTestId('transcript').focus();
    await page.keyboard.press('m');
    const editor = page.locator('[data-testid="memos-interview"] [data-testid="memo-editor"]');
    await editor.waitFor(T);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')), T).toBe('memo-text');
    // Keys typed in the memo are the memo's: "1" and "p" must not code anything.
    await page.keyboard.type('Samtalen var **rolig** og 1 p');
    await page.keyboard.press('Control+Enter');
    const ivItem = page.locator('[data-testid="memos-interview"] [data-testid="memo-item"]');
    await expect.poll(() => ivItem.count(), T).toBe(1);
    expect(await ivItem.locator('strong').innerText()).toBe('rolig');

    // A segment open: the key writes on the segment.
    await page.getByTestId('segment-row').first().click();
    await page.getByTestId('coding-panel').waitFor(T);
    await page.keyboard.press('m');
    await page.locator('[data-testid="memos-segment"] [data-testid="memo-text"]').fill('- første punkt\n- *andre* punkt');
    await page.locator('[data-testid="memos-segment"] [data-testid="memo-save"]').click();
    const segItem = page.locator('[data-testid="memos-segment"] [data-testid="memo-item"]');
    await expect.poll(() => segItem.locator('li').count(), T).toBe(2);
    expect(await segItem.locator('em').innerText()).toBe('andre');

    await page.locator('[data-testid="memos-context"] [data-testid="memo-new"]').click();
    await page.locator('[data-testid="memos-context"] [data-testid="memo-text"]').fill('Intervjuet skjedde i kantina; eleven var sliten etter en prøve.');
    await page.locator('[data-testid="memos-context"] [data-testid="memo-save"]').click();
    await expect.poll(() => page.locator('[data-testid="memos-context"] [data-testid="memo-item"]').count(), T).toBe(1);

    await openMemos();
    await expect.poll(() => page.getByTestId('memos-count').getAttribute('data-count'), T).toBe('3');
    await page.getByTestId('memos-kind').selectOption('context');
    await expect.poll(shownTexts, T).toEqual(['Intervjuet skjedde i kantina; eleven var sliten etter en prøve.']);
    expect(await page.locator('[data-testid="memos-list"] .memo-context').innerText()).toBe('GS-01');
    await page.getByTestId('memos-kind').selectOption('');
    await page.getByTestId('memos-search').fill('ROLIG');
    await expect.poll(shownTexts, T).toEqual(['Samtalen var rolig og 1 p']);
  });

  it('a memo with a phone number is flagged with its hit shown to the author until resolved; empty is refused; delete undoes', async () => {
    const { page } = s;
    await openMemos();
    const journal = page.getByTestId('memos-journal');
    await journal.getByTestId('memo-new').click();
    await journal.getByTestId('memo-text').fill('   ');
    await journal.getByTestId('memo-save').click();
    expect(await journal.getByTestId('memo-error').innerText()).toContain('tomt notat');
    await journal.getByTestId('memo-text').fill('Ring mentoren på 912 34 567 før neste runde.');
    await journal.getByTestId('memo-save').click();
    await journal.getByTestId('memo-flagged').waitFor(T);
    expect(await journal.getByTestId('memo-hit').allInnerTexts()).toEqual([expect.stringContaining('«912 34 567» (Telefon)')]);
    await journal.getByRole('button', { name: 'Lukk' }).click();
    await page.getByTestId('memos-flagged-notice').waitFor(T);
    await page.getByTestId('memos-flagged').check();
    await expect.poll(() => page.locator('[data-testid="memos-list"] [data-flagged="true"]').count(), T).toBe(1);
    expect(await page.locator('[data-testid="memos-list"] [data-testid="memo-flag"]').innerText()).toBe('1 treff å løse');

    // The author resolves: the number is not an identifier here (a confirmed hit).
    await page.locator('[data-testid="memos-list"] [data-testid="memo-edit"]').click();
    await page.locator('[data-testid="memos-list"] [data-testid="memo-hit"] button').click();
    await expect.poll(() => page.locator('[data-testid="memos-list"] [data-flagged="true"]').count(), T).toBe(0);
    await page.getByTestId('memos-flagged').uncheck();
    await expect.poll(() => page.getByTestId('memos-flagged-notice').count(), T).toBe(0);

    await expect.poll(() => page.getByTestId('memos-count').getAttribute('data-count'), T).toBe('1');
    await page.locator('[data-testid="memos-list"] [data-testid="memo-delete"]').click();
    await expect.poll(() => page.getByTestId('memos-count').getAttribute('data-count'), T).toBe('0');
    await page.locator('.toast').getByRole('button', { name: 'Angre' }).click();
    await expect.poll(() => page.getByTestId('memos-count').getAttribute('data-count'), T).toBe('1');
  });

  it('memos on a journey-map cell and on a code, listed with what they are about', async () => {
    const { page } = s;
    await page.goto(`${baseUrl}#/study/${STUDY}/journey`);
    const cell = page.locator('[data-testid="journey-map"] rect[role="button"][data-role="cell"]').nth(2);
    await cell.waitFor({ timeout: 60_000 });
    await cell.click();
    const panel = page.getByTestId('quote-panel');
    await panel.waitFor(T);
    const heading = await panel.locator('h2').innerText();
    await panel.locator('[data-testid="memos-cell"] [data-testid="memo-new"]').click();
    await panel.locator('[data-testid="memos-cell"] [data-testid="memo-text"]').fill('Mange beskriver det samme her.');
    await panel.locator('[data-testid="memos-cell"] [data-testid="memo-save"]').click();
    await expect.poll(() => panel.locator('[data-testid="memos-cell"] [data-testid="memo-item"]').count(), T).toBe(1);

    await page.goto(`${baseUrl}#/study/${STUDY}/codebook`);
    await page.getByTestId('codebook').waitFor(T);
    const first = page.locator('[data-testid="codebook"] tbody tr').first();
    const codeName = (await first.getAttribute('data-code')) ?? '';
    await page.getByRole('button', { name: `Rediger ${codeName}` }).click();
    await page.locator('[data-testid="memos-code"] [data-testid="memo-new"]').click();
    await page.locator('[data-testid="memos-code"] [data-testid="memo-text"]').fill('Definisjonen må skjerpes.');
    await page.locator('[data-testid="memos-code"] [data-testid="memo-save"]').click();
    await expect.poll(() => page.locator('[data-testid="memos-code"] [data-testid="memo-item"]').count(), T).toBe(1);

    await openMemos();
    await expect.poll(() => page.getByTestId('memos-count').getAttribute('data-count'), T).toBe('2');
    const contexts = await page.locator('[data-testid="memos-list"] .memo-context').allInnerTexts();
    expect(contexts.sort()).toEqual([codeName, heading.replace(/\s*·\s*/, ' · ')].sort());
  });
});
