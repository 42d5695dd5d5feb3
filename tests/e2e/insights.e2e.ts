/**
 * Issue 21 in the browser: the emotion curve states its method, every journey cell carries its
 * evidence cue, and the insights lane suggests, confirms and adds insights (text scanned as saved).
 */
import { describe, expect, it } from 'vitest';
import { baseUrl, useSession } from './session';

const STUDY = 'demo-brukerreisen-kim';
const s = useSession();
const cellSel = '[data-testid="journey-map"] rect[role="button"][data-role="cell"]';

async function openJourney(): Promise<void> {
  await s.page.goto(`${baseUrl}#/study/${STUDY}/journey`);
  await s.page.locator(cellSel).first().waitFor({ timeout: 60_000 });
  await expect.poll(() => s.page.getByTestId('loading').count(), { timeout: 60_000 }).toBe(0);
}

describe('journey: uncertainty and evidence', () => {
  it('states the band is over informants and marks every cell with its evidence', async () => {
    const { page } = s;
    await openJourney();
    expect(await page.getByTestId('curve-method').innerText()).toMatch(/over informanter/);
    const labels = await page.locator(cellSel).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    expect(labels.length).toBe(18);
    for (const l of labels) expect(l).toMatch(/Evidens: (sterk|middels|svak) – \d+ informanter, \d+ intervjuer, \d+ grupper/);
    // One cue per cell with data: three bars, the first carries the role 'evidence' and the level.
    const cues = await page.locator('[data-testid="journey-map"] [data-role="evidence"]').count();
    expect(cues).toBeGreaterThan(0);
    expect(cues).toBeLessThanOrEqual(18);
    expect(await page.getByTestId('evidence-legend').innerText()).toMatch(/tre = sterk/);
  });
});

describe('journey: insights lane', () => {
  it('confirms a suggestion with its quotes and shows its evidence', async () => {
    const { page } = s;
    await openJourney();
    const lane = page.getByTestId('insights-lane');
    await lane.waitFor();
    const suggestion = lane.getByTestId('insight-suggestion').first();
    await suggestion.waitFor({ timeout: 30_000 });
    const key = await suggestion.getAttribute('data-key');
    await suggestion.getByTestId('insight-confirm').click();
    const form = page.getByTestId('insight-form');
    await form.waitFor();
    expect(await form.getByTestId('insight-text').inputValue()).not.toBe('');
    const picked = await form.locator('[data-testid="insight-quote-pick"]:checked').count();
    expect(picked).toBeGreaterThan(0);
    await form.getByTestId('insight-text').fill('Elevene får for lite hjelp når de må velge');
    await form.getByTestId('insight-save').click();
    await expect.poll(() => page.getByTestId('insight-notice').innerText(), { timeout: 30_000 }).toBe('Innsikten er lagret.');
    const card = lane.getByTestId('insight-card').filter({ hasText: 'Elevene får for lite hjelp' });
    await card.waitFor({ timeout: 30_000 });
    await expect.poll(() => card.getByTestId('insight-evidence').innerText(), { timeout: 30_000 }).toMatch(new RegExp(`^${picked} sitater fra \\d+ informanter`));
    expect(await card.getAttribute('data-hold')).toBe('');
    // The confirmed suggestion is no longer offered.
    expect(await lane.locator(`[data-key="${key}"]`).count()).toBe(0);
  });

  it('an insight typed with a phone number is saved but held back, and an empty one is refused', async () => {
    const { page } = s;
    await openJourney();
    const lane = page.getByTestId('insights-lane');
    await lane.getByTestId('insight-new').click();
    const form = page.getByTestId('insight-form');
    await form.getByTestId('insight-kind').selectOption('question');
    await form.getByTestId('insight-save').click();
    await expect.poll(() => page.getByTestId('insight-notice').innerText(), { timeout: 30_000 }).toBe('Skriv en tekst før du lagrer.');
    expect(await lane.getByTestId('insight-card').count()).toBe(0);
    await form.getByTestId('insight-text').fill('Hvem ringer eleven på 912 34 567 når rådgiveren er borte?');
    await form.getByTestId('insight-save').click();
    await expect.poll(() => page.getByTestId('insight-notice').innerText(), { timeout: 30_000 }).toMatch(/identifiserende opplysninger \(TLF\)/);
    const card = lane.getByTestId('insight-card').first();
    await card.waitFor({ timeout: 30_000 });
    expect(await card.getAttribute('data-kind')).toBe('question');
    await expect.poll(() => card.getAttribute('data-hold'), { timeout: 30_000 }).toBe('text-unreviewed');
  });
});

describe('journey: actor lane', () => {
  it('lists actors per stage and handovers; a bad handover opens its quotes; the group filter narrows it', async () => {
    const { page } = s;
    await openJourney();
    const lane = page.getByTestId('actor-lane');
    await lane.waitFor({ timeout: 30_000 });
    expect(await lane.getByTestId('actor-met').count()).toBeGreaterThan(0);
    const bad = lane.locator('[data-testid="handover"]:not([data-bad="0"])').first();
    await bad.waitFor({ timeout: 30_000 });
    await bad.getByTestId('handover-quotes').click();
    expect(await bad.getByTestId('handover-quote-list').locator('li').count()).toBeGreaterThan(0);
    const before = await lane.innerText();
    await page.getByTestId('filter-group').selectOption('yf-vg2');
    await expect.poll(() => lane.innerText(), { timeout: 30_000 }).not.toBe(before);
  });
});
