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

describe('coding workbench, keyboard only', () => {
  let href = '';
  let before = { vg1: 0, vg2: 0, total: '' };

  it('opens an anonymised demo interview from the coding list', async () => {
    const { page } = s;
    await page.goto(`${baseUrl}#/study/${STUDY}/coding`);
    const link = page.locator('[data-testid="coding-interviews"] tr[data-code="GS-01"] a');
    await link.waitFor();
    href = (await link.getAttribute('href')) ?? '';
    await link.click();
    await page.locator('[data-testid="transcript"] .t-block').first().waitFor();
    before = { vg1: await count('vg1'), vg2: await count('vg2'), total: await page.getByTestId('wb-total').innerText() };
  });

  it('codes three segments by keys, undoes one, and after a reload two remain with their dimensions', async () => {
    const { page } = s;
    await page.getByTestId('transcript').focus();
    await codeNext('5', 'v', 'n');
    await expect.poll(() => count('vg1')).toBe(before.vg1 + 1);
    const writeMs = async (): Promise<number> => {
      await expect.poll(() => page.getByTestId('wb-status-msg').innerText()).toMatch(/\d+ ms/);
      return Number(/(\d+) ms/.exec(await page.getByTestId('wb-status-msg').innerText())?.[1]);
    };
    const times = [await writeMs()];
    await codeNext('5', 'i', 'p');
    times.push(await writeMs());
    await codeNext('6', 'h', 'o');
    times.push(await writeMs());
    // The segment's own durable write, as the workbench announces it; the 50 ms target is measured by npm run bench.
    expect(times.every((ms) => Number.isFinite(ms) && ms >= 0)).toBe(true);
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

  it('made no request outside the app and logged no errors', () => {
    expect(s.foreignRequests).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});
