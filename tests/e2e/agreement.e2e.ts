import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { baseUrl, DEMO, openDemo, screenReady, useSession } from './session';

const SHOTS = process.env.AGREEMENT_SHOTS;
const s = useSession({ viewport: { width: 1280, height: 1000 } });

const shot = async (name: string, fullPage = true): Promise<void> => {
  if (SHOTS) await s.page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage });
};
const journeyTotal = async (): Promise<string> => {
  await openDemo(s.page, 'journey');
  const el = s.page.getByTestId('journey-total');
  await el.waitFor();
  return el.innerText();
};
const wbTotal = async (): Promise<number> => Number(/\d+/.exec(await s.page.getByTestId('wb-total').innerText())?.[0]);

/** What the first step of the story leaves behind, for the checks of the later steps. */
interface Blind {
  journeyBefore: string;
  leadCount: number;
  interviewHref: string;
}

/**
 * Step 1, replayed by every test in its fresh profile: a second coder, "Koder B", codes the first
 * unit of YF-01 (Vg2) blind as 7. trinn / help / negative, differently from the lead.
 */
async function codeBlindAsB(): Promise<Blind> {
  const { page } = s;
  const journeyBefore = await journeyTotal();
  expect(journeyBefore).toMatch(/\d/);
  await openDemo(page, 'coding');
  const link = page.locator('[data-testid="coding-interviews"] tr[data-code="YF-01"] a');
  await link.waitFor();
  const interviewHref = (await link.getAttribute('href')) ?? '';
  await link.click();
  await page.locator('[data-testid="transcript"] .t-block').first().waitFor();
  await screenReady(page, DEMO);
  const leadCount = await wbTotal();
  expect(leadCount).toBeGreaterThan(0);

  // As the lead (Koder 1): open the first segment (j) and leave the caret inside it.
  await page.getByTestId('transcript').focus();
  await page.keyboard.press('j');
  await page.getByTestId('coding-panel').waitFor();
  await page.keyboard.press('Escape');
  await page.getByTestId('coding-panel').waitFor({ state: 'detached' });
  await page.keyboard.press('ArrowLeft');

  // Add a second coder (it becomes the current coder) and switch to blind mode.
  await page.getByTestId('add-coder').click();
  await page.keyboard.type('Koder B');
  await page.keyboard.press('Enter');
  await expect.poll(async () => page.getByTestId('current-coder').locator('option:checked').innerText()).toContain('Koder B');
  await page.getByTestId('blind-mode').click();
  await expect.poll(() => page.getByTestId('blind-mode').isChecked()).toBe(true);
  await expect.poll(wbTotal).toBe(0);

  // Blind, coder B codes the same sentence: 7. trinn, help, negative.
  await page.getByTestId('transcript').focus();
  await page.keyboard.press('s');
  await page.getByTestId('coding-panel').waitFor();
  await page.keyboard.press('1');
  await page.keyboard.press('h');
  await page.keyboard.press('n');
  await page.keyboard.press('Enter');
  await page.getByTestId('coding-panel').waitFor({ state: 'detached' });
  await expect.poll(wbTotal).toBe(1);
  return { journeyBefore, leadCount, interviewHref };
}

/** The agreement screen once it lists the one disagreement; returns that unit. */
async function openAgreement(): Promise<Locator> {
  const { page } = s;
  await openDemo(page, 'agreement');
  await page.getByTestId('agreement-table').waitFor();
  const unit = page.getByTestId('disagreement');
  await expect.poll(() => unit.count()).toBe(1);
  return unit;
}

/** Step 2: "Velg B" on the disagreement, until the unit shows it resolved. */
async function chooseB(unit: Locator): Promise<void> {
  await unit.getByRole('button', { name: 'Velg B' }).click();
  await unit.getByTestId('resolved-badge').waitFor();
}

describe('two coders: blind coding, agreement, resolution into the final coding', () => {
  it('a second coder codes one unit of a Vg2 interview blind, differently from the lead', async () => {
    const { journeyBefore } = await codeBlindAsB();
    await shot('1-blind-b');

    // The analyses still count the lead's coding only.
    expect(await journeyTotal()).toBe(journeyBefore);
  });

  it('the agreement screen shows κ/α and the difference, and "Velg B" writes into the lead\'s segment', async () => {
    const { page } = s;
    await codeBlindAsB();
    const unit = await openAgreement();
    expect(await page.getByTestId('final-coding').innerText()).toContain('Endelig koding: Koder 1');
    expect(await page.getByTestId('agreement-units').innerText()).toMatch(/^1 parede utsagn/);
    const head = await page.getByTestId('agreement-table').locator('thead').innerText();
    expect(head).toContain('κ');
    expect(head).toContain('α');
    const valenceRow = page.getByTestId('agreement-table').locator('tbody tr', { hasText: 'Opplevelse' });
    expect(await valenceRow.locator('td').first().innerText()).toBe('1');

    expect(await unit.innerText()).toMatch(/B\b[^\n]*7\. · Hjelp/);
    await shot('2-agreement', false);
    await chooseB(unit);
    expect(await unit.getByTestId('resolved-badge').innerText()).toContain('B');
    expect(await page.getByTestId('resolved-count').innerText()).toContain('1 av 1');
    // Still listed, and still measured on the coding as coded: resolving does not raise agreement.
    expect(await page.getByTestId('agreement-units').innerText()).toMatch(/^1 parede utsagn/);
    await shot('3-resolved');
  });

  it('after resolving, the lead has the same number of segments, one now holds B\'s choice, and nothing is counted twice', async () => {
    const { page } = s;
    const { journeyBefore, leadCount, interviewHref } = await codeBlindAsB();
    await chooseB(await openAgreement());
    expect(await journeyTotal()).toBe(journeyBefore);

    await page.goto(`${baseUrl}${interviewHref}`);
    await screenReady(page, DEMO);
    await page.locator('[data-testid="transcript"] .t-block').first().waitFor();
    // Back to the lead, not blind: the lead's count is unchanged (no third copy).
    await page.getByTestId('current-coder').selectOption({ label: 'Koder 1 (K1)' });
    await page.getByTestId('blind-mode').click();
    await expect.poll(() => page.getByTestId('blind-mode').isChecked()).toBe(false);
    await page.getByTestId('seg-filter-coder').selectOption({ label: 'Koder 1' });
    await expect.poll(async () => page.getByTestId('seg-count').innerText()).toMatch(new RegExp(`^${leadCount}\\b`));
    await page.getByTestId('seg-filter-stage').selectOption('st7');
    await expect.poll(() => page.getByTestId('segment-row').count()).toBeGreaterThan(0);

    // Satisfaction still reads the method's 5 / 9 / 7 (YF-01 is a Vg2 interview).
    await openDemo(page, 'satisfaction');
    const row = page.locator('[data-testid="satisfaction-table"] tr[data-row="combined"]');
    await row.waitFor();
    const n = await row.locator('td[data-category="positive"]').innerText();
    expect(n).toMatch(/av 21/);
  });
});
