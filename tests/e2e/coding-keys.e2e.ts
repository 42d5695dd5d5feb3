/**
 * Issue 22, keyboard editing: j/k walk every segment in the list's order (they stopped at the first
 * one), and a segment clicked in the list takes keyboard focus, so 1–6, i/v/h, p/o/n, a, c and
 * Enter work at once without another click.
 */
import { describe, expect, it } from 'vitest';
import { baseUrl, useSession } from './session';

const STUDY = 'demo-brukerreisen-kim';
const s = useSession();
const panel = () => s.page.getByTestId('coding-panel');
const openId = () => panel().getAttribute('data-segment');
const active = () => s.page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? '');

/** GS-01 in the workbench of this test's fresh profile; returns its segments' ids in the list's order. */
async function openGs01(): Promise<string[]> {
  const { page } = s;
  await page.goto(`${baseUrl}#/study/${STUDY}/coding`);
  await page.locator('[data-testid="coding-interviews"] tr[data-code="GS-01"] a').click();
  await page.locator('[data-testid="transcript"] .t-block').first().waitFor({ timeout: 60_000 });
  await page.getByTestId('segment-row').first().waitFor({ timeout: 30_000 });
  await expect.poll(() => page.getByTestId('loading').count()).toBe(0);
  const ids = await page.getByTestId('segment-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-segment') ?? ''));
  expect(ids.length).toBeGreaterThanOrEqual(4);
  return ids;
}

describe('workbench keys', () => {
  it('j and k step through the segments in order', async () => {
    const { page } = s;
    const ids = await openGs01();
    await page.getByTestId('transcript').focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('j');
    await expect.poll(openId, { timeout: 30_000 }).toBe(ids[0]);
    await page.keyboard.press('j');
    await expect.poll(openId, { timeout: 30_000 }).toBe(ids[1]);
    await page.keyboard.press('j');
    await expect.poll(openId, { timeout: 30_000 }).toBe(ids[2]);
    await page.keyboard.press('k');
    await expect.poll(openId, { timeout: 30_000 }).toBe(ids[1]);
    await page.keyboard.press('Escape');
    await panel().waitFor({ state: 'detached', timeout: 30_000 });
  });

  it('a segment clicked in the list takes focus: stage, situation, valence keys and Enter work at once', async () => {
    const { page } = s;
    const ids = await openGs01();
    const id = ids[3] as string;
    await page.locator(`[data-testid="segment-row"][data-segment="${id}"]`).click();
    await expect.poll(openId, { timeout: 30_000 }).toBe(id);
    await expect.poll(active, { timeout: 30_000 }).toBe('coding-panel');
    // A stage, situation and valence other than the segment's own (each key toggles).
    const pressed = async (sel: string) => panel().locator(`${sel}[aria-pressed="true"]`).getAttribute('data-testid');
    const stageNow = await pressed('[data-testid^="stage-"]');
    const [key, stageId] = stageNow === 'stage-vg2' ? ['1', 'stage-st7'] : ['6', 'stage-vg2'];
    await page.keyboard.press(key);
    await expect.poll(() => pressed('[data-testid^="stage-"]'), { timeout: 30_000 }).toBe(stageId);
    const situations = await panel().locator('fieldset').nth(1).locator('button').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-pressed')));
    const sitKey = situations[0] === 'true' ? 'v' : 'i';
    await page.keyboard.press(sitKey);
    await expect.poll(() => panel().locator('fieldset').nth(1).locator('button').nth(sitKey === 'i' ? 0 : 1).getAttribute('aria-pressed'), { timeout: 30_000 }).toBe('true');
    const valences = await panel().locator('fieldset').nth(2).locator('button').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-pressed')));
    const valKey = valences[0] === 'true' ? 'n' : 'p';
    await page.keyboard.press(valKey);
    await expect.poll(() => panel().locator('fieldset').nth(2).locator('button').nth(valKey === 'p' ? 0 : 2).getAttribute('aria-pressed'), { timeout: 30_000 }).toBe('true');
    await page.keyboard.press('Enter');
    await panel().waitFor({ state: 'detached', timeout: 30_000 });
    // Saved: opening it again shows the new stage.
    await page.locator(`[data-testid="segment-row"][data-segment="${id}"]`).click();
    await expect.poll(() => pressed('[data-testid^="stage-"]'), { timeout: 30_000 }).toBe(stageId);
  });

  it('a and c go to the actors and codes fields straight after a click', async () => {
    const { page } = s;
    const ids = await openGs01();
    await page.locator(`[data-testid="segment-row"][data-segment="${ids[0]}"]`).click();
    await expect.poll(active, { timeout: 30_000 }).toBe('coding-panel');
    await page.keyboard.press('c');
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? ''), { timeout: 30_000 }).toBe('codes');
    await page.keyboard.press('Escape');
    await panel().waitFor({ state: 'detached', timeout: 30_000 });
    await page.locator(`[data-testid="segment-row"][data-segment="${ids[0]}"]`).click();
    await expect.poll(active, { timeout: 30_000 }).toBe('coding-panel');
    await page.keyboard.press('a');
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? ''), { timeout: 30_000 }).toBe('actors');
    expect(s.errors).toEqual([]);
  });
});
