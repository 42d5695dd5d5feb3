import { describe, expect, it } from 'vitest';
import { baseUrl, useSession } from './session';

const STUDY = 'demo-brukerreisen-kim';
const s = useSession();

const count = async (stageId: string): Promise<number> => Number(await s.page.getByTestId(`stage-count-${stageId}`).getAttribute('data-count'));

/** Code the sentence two turns further down by keys alone: select sentence, stage, situation, valence, save. */
async function codeNext(stageKey: string, situationKey: string, valenceKey: string): Promise<void> {
  const k = s.page.keyboard;
  await k.press('ArrowDown');
  await k.press('ArrowDown');
  await k.press('s');
  await s.page.getByTestId('coding-panel').waitFor();
  await k.press(stageKey);
  await k.press(situationKey);
  await k.press(valenceKey);
  await k.press('Enter');
  await s.page.getByTestId('coding-panel').waitFor({ state: 'detached' });
}

/** Opens GS-01 from the coding list, as a coder would; returns its address and the stage counts before coding. */
async function openGs01(): Promise<{ href: string; before: { vg1: number; vg2: number } }> {
  const { page } = s;
  await page.goto(`${baseUrl}#/study/${STUDY}/coding`);
  const link = page.locator('[data-testid="coding-interviews"] tr[data-code="GS-01"] a');
  await link.waitFor();
  const href = (await link.getAttribute('href')) ?? '';
  await link.click();
  await page.locator('[data-testid="transcript"] .t-block').first().waitFor();
  await expect.poll(() => page.getByTestId('loading').count()).toBe(0);
  return { href, before: { vg1: await count('vg1'), vg2: await count('vg2') } };
}

describe('coding workbench, keyboard only', () => {
  it('opens an anonymised demo interview from the coding list', async () => {
    const { href } = await openGs01();
    expect(href).toContain('/coding/');
    expect(s.page.url()).toContain(href);
    expect(Number(await s.page.getByTestId('wb-total').getAttribute('data-count') ?? (await s.page.getByTestId('wb-total').innerText()).replace(/\D/g, ''))).toBeGreaterThan(0);
  });

  it('codes three segments by keys, undoes one, and after a reload two remain with their dimensions', async () => {
    const { page } = s;
    const { href, before } = await openGs01();
    await page.getByTestId('transcript').focus();
    await codeNext('5', 'v', 'n');
    await expect.poll(() => count('vg1')).toBe(before.vg1 + 1);
    // The screen reader hears that it was saved, not how many milliseconds it took.
    await expect.poll(() => page.getByTestId('wb-status-msg').textContent(), { timeout: 30_000 }).toBe('Lagret');
    await codeNext('5', 'i', 'p');
    await codeNext('6', 'h', 'o');
    await expect.poll(() => count('vg1')).toBe(before.vg1 + 2);
    await expect.poll(() => count('vg2')).toBe(before.vg2 + 1);

    await page.keyboard.press('Control+z');
    await expect.poll(() => count('vg2')).toBe(before.vg2);
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state')).toBe('saved');

    await page.reload();
    await page.locator('[data-testid="transcript"] .t-block').first().waitFor();
    expect(page.url()).toContain(href);
    await expect.poll(() => count('vg1')).toBe(before.vg1 + 2);
    expect(await count('vg2')).toBe(before.vg2);

    // The two Vg1 segments keep situation and valence: filter the list by stage.
    await page.getByTestId('seg-filter-stage').selectOption('vg1');
    const rows = page.getByTestId('segment-row');
    await expect.poll(() => rows.count()).toBe(before.vg1 + 2);
    const texts = await rows.allInnerTexts();
    expect(texts.filter((t) => t.includes('Valg')).length).toBeGreaterThanOrEqual(1);
    expect(texts.filter((t) => t.includes('Informasjon')).length).toBeGreaterThanOrEqual(1);
    const glyphs = await page.locator('[data-testid="segment-row"] .vglyph').evaluateAll((els) => els.map((e) => e.className));
    expect(glyphs.some((c) => c.includes('v-negative'))).toBe(true);
    expect(glyphs.some((c) => c.includes('v-positive'))).toBe(true);

    // Redo survives the reload too.
    await page.getByTestId('transcript').focus();
    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(() => count('vg2')).toBe(before.vg2 + 1);
  });
});
