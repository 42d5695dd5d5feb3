import { describe, expect, it } from 'vitest';
import { baseUrl, useSession } from './session';

const s = useSession();

describe('counsellor satisfaction on the demo', () => {
  it('reads Vg2 samlet 5 / 9 / 7 of 21 with the method\'s Wilson intervals', async () => {
    const { page } = s;
    await page.goto(`${baseUrl}#/study/demo-brukerreisen-kim/satisfaction`);
    const row = page.locator('[data-testid="satisfaction-table"] tr[data-row="combined"]');
    await row.waitFor();
    expect(await row.locator('th').innerText()).toContain('Vg2 samlet');
    const cell = (c: string) => row.locator(`td[data-category="${c}"]`).innerText();
    expect(await cell('positive')).toContain('5 av 21');
    expect(await cell('positive')).toContain('10,6–45,1 %');
    expect(await cell('mixed')).toContain('9 av 21');
    expect(await cell('mixed')).toContain('24,5–63,5 %');
    expect(await cell('negative')).toContain('7 av 21');
    expect(await cell('negative')).toContain('17,2–54,6 %');
    expect(await page.getByTestId('combined-summary').innerText()).toContain('5 av 21 (sannsynlig område 11–45 %)');
    // The chart draws the same counts, with whiskers.
    const chart = page.getByTestId('satisfaction-chart');
    expect(await chart.locator('[data-role="bar-label-positive"]').first().textContent()).toContain('5');
    expect(await chart.locator('[data-role^="whisker-"]').count()).toBeGreaterThan(0);
  });

  it('shows the Ungdata benchmark beside, with source, n ≈ 7000, different categories and the 101 % note', async () => {
    const { page } = s;
    await page.goto(`${baseUrl}#/study/demo-brukerreisen-kim/satisfaction`);
    const bm = page.getByTestId('benchmark');
    await bm.waitFor();
    const text = await bm.innerText();
    expect(text).toMatch(/Ungdata/);
    expect(text).toMatch(/2018/);
    expect(text).toMatch(/≈ 7[\s\u00A0\u202F]?000/);
    for (const p of ['54 %', '39 %', '8 %']) expect(text).toContain(p);
    expect(await page.getByTestId('benchmark-differ').innerText()).toMatch(/ikke de samme/);
    expect(await page.getByTestId('benchmark-rounding').innerText()).toContain('101 %');
    expect(await page.getByTestId('stage-table').locator('tbody tr').count()).toBeGreaterThan(0);
    expect(s.errors).toEqual([]);
    expect(s.foreignRequests).toEqual([]);
  });
});
