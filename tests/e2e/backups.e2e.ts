/**
 * Backups you can trust (issue 14, point 6), end to end in Chromium: restoring names the source
 * study and time; restoring ANOTHER study's snapshot over the open one needs an explicit second
 * choice; a study whose snapshot cannot be taken is not deleted (a clear message, nothing
 * changed). Each test runs in a fresh profile (the last one breaks its backup store).
 */
import { AxeBuilder } from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { baseUrl, useSession } from './session';

const DEMO = 'demo-brukerreisen-kim';
const s = useSession();

async function go(page: Page, studyId: string, view: string): Promise<void> {
  await page.goto(`${baseUrl}#/study/${encodeURIComponent(studyId)}/${view}`);
  await page.locator('main h1').first().waitFor({ timeout: 30_000 });
}

function studyIdOf(page: Page): string {
  return decodeURIComponent(/#\/study\/([^/]+)\//.exec(page.url())?.[1] ?? '');
}

async function methodTotal(page: Page): Promise<string[]> {
  return page.locator('[data-testid="method-total"] td').allInnerTexts();
}

describe('restore names its source', () => {
  it('a snapshot of the open study: the dialog names the study and the time, one choice restores it', async () => {
    const { page } = s;
    await go(page, DEMO, 'backups');
    await page.getByTestId('backup-now').click();
    const row = page.locator(`[data-testid="backup-list"] tr[data-reason="manual"][data-study="${DEMO}"]`).first();
    await row.waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('backups-no-terms').innerText()).toContain('aldri tatt med');
    const when = (await row.locator('td').first().innerText()).trim();
    await row.getByTestId('restore-over').click();
    const dialog = page.getByTestId('restore-dialog');
    await dialog.waitFor({ timeout: 30_000 });
    expect(await dialog.getAttribute('data-other-study')).toBe('no');
    const text = await page.getByTestId('restore-source').innerText();
    expect(text).toContain('«Brukerreisen Kim (demo)» fra');
    expect(text).toContain(when);
    expect(await dialog.getByTestId('restore-other-sure').count()).toBe(0);
    expect(await dialog.getByTestId('restore-confirm').isEnabled()).toBe(true);
    await dialog.getByTestId('restore-confirm').click();
    await expect.poll(() => page.locator('.toast').allInnerTexts(), { timeout: 30_000 }).toContainEqual(expect.stringContaining(`er erstattet med kopien av «Brukerreisen Kim (demo)» fra ${when}`));
    await go(page, DEMO, 'interviews');
    await expect.poll(() => methodTotal(page), { timeout: 30_000 }).toEqual(['Totalt', '27', '15', '42']);
  });

  it('another study\'s snapshot over the open study needs a second, explicit choice', async () => {
    const { page } = s;
    // A snapshot of the demo in this test's fresh profile.
    await go(page, DEMO, 'backups');
    await page.getByTestId('backup-now').click();
    await page.locator(`[data-testid="backup-list"] tr[data-reason="manual"][data-study="${DEMO}"]`).first().waitFor({ timeout: 30_000 });
    await page.goto(baseUrl);
    await page.locator('input[name="title"]').fill('Tom studie for gjenoppretting');
    await page.getByRole('button', { name: 'Opprett studie' }).click();
    await expect.poll(() => studyIdOf(page), { timeout: 30_000 }).not.toBe('');
    const other = studyIdOf(page);
    await page.getByTestId('method-total').waitFor({ timeout: 30_000 });
    expect(await methodTotal(page)).toEqual(['Totalt', '0', '0', '0']);

    await go(page, other, 'backups');
    const row = page.locator(`[data-testid="backup-list"] tr[data-reason="manual"][data-study="${DEMO}"]`).first();
    await row.waitFor({ timeout: 30_000 });
    await row.getByTestId('restore-over').click();
    const dialog = page.getByTestId('restore-dialog');
    await dialog.waitFor({ timeout: 30_000 });
    expect(await dialog.getAttribute('data-other-study')).toBe('yes');
    const text = await page.getByTestId('restore-source').innerText();
    expect(text).toContain('ANNEN studie: «Brukerreisen Kim (demo)»');
    expect(text).toContain('Den åpne studien er «Tom studie for gjenoppretting»');
    const confirm = dialog.getByTestId('restore-confirm');
    expect(await confirm.isDisabled()).toBe(true);
    const axe = await new AxeBuilder({ page: page as never }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    // Cancel changes nothing.
    await dialog.getByRole('button', { name: 'Avbryt' }).click();
    await go(page, other, 'interviews');
    expect(await methodTotal(page)).toEqual(['Totalt', '0', '0', '0']);

    await go(page, other, 'backups');
    await page.locator(`[data-testid="backup-list"] tr[data-reason="manual"][data-study="${DEMO}"]`).first().getByTestId('restore-over').click();
    await page.getByTestId('restore-dialog').waitFor({ timeout: 30_000 });
    await page.getByTestId('restore-other-sure').check();
    expect(await page.getByTestId('restore-confirm').isEnabled()).toBe(true);
    await page.getByTestId('restore-confirm').click();
    // The open study was snapshotted first, then took the demo's content under its own id.
    await expect.poll(() => page.locator(`[data-testid="backup-list"] tr[data-reason="before-restore"][data-study="${other}"]`).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await go(page, other, 'interviews');
    await expect.poll(() => methodTotal(page), { timeout: 30_000 }).toEqual(['Totalt', '27', '15', '42']);
    expect(s.errors).toEqual([]);
  });
});

describe('delete stops when its snapshot fails', () => {
  it('says so, deletes nothing, and the study stays whole', async () => {
    const { page } = s;
    await go(page, DEMO, 'interviews');
    // Break the backup store of this profile: a newer database version with no stores makes
    // every snapshot write fail (VersionError), as a broken or full store would.
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const del = indexedDB.deleteDatabase('reisekart-backups');
          del.onsuccess = () => {
            const req = indexedDB.open('reisekart-backups', 9999);
            req.onsuccess = () => {
              req.result.close();
              resolve();
            };
            req.onerror = () => reject(req.error);
          };
          del.onerror = () => reject(del.error);
          // The app holds the database open: it gets versionchange and closes it (Dexie does).
          del.onblocked = () => undefined;
        }),
    );
    await page.reload();
    await go(page, DEMO, 'settings');
    await page.getByTestId('delete-study').click();
    await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Slett' }).click();
    const err = page.getByTestId('danger-error');
    await err.waitFor({ timeout: 30_000 });
    expect(await err.innerText()).toContain('«Brukerreisen Kim (demo)» ble ikke slettet: sikkerhetskopien før sletting kunne ikke tas');
    expect(await err.innerText()).toContain('Ingenting er endret');
    expect(studyIdOf(page)).toBe(DEMO);
    await go(page, DEMO, 'interviews');
    await expect.poll(() => methodTotal(page), { timeout: 30_000 }).toEqual(['Totalt', '27', '15', '42']);
  });
});
