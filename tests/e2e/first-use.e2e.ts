/**
 * Issue 22, first use: the home screen lists the demo once; a new study's register, codebook and
 * agreement screen each say what to do next instead of "nothing matches the filter", an empty
 * table or zeros; agreement never offers the same coder as A and B; and the date field is ours,
 * dd.mm.yyyy with a picker, even in a browser whose own locale is en-US (mm/dd/yyyy).
 */
import { describe, expect, it } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import { baseUrl, useSession } from './session';

const s = useSession({ locale: 'en-US' });

/** Creates a new, empty study from the home screen of this test's fresh profile; returns its address (without the view). */
async function newStudy(title = 'Ny studie'): Promise<string> {
  const { page } = s;
  await page.goto(baseUrl);
  await page.locator('input[name="title"]').fill(title);
  await page.getByRole('button', { name: 'Opprett studie' }).click();
  await page.getByTestId('interviews-empty').waitFor();
  return page.url().replace(/\/interviews$/, '');
}

/** No serious or critical axe-core violation on what the page shows now (as tests/e2e/trust.e2e.ts). */
async function axe(label: string): Promise<void> {
  const r = await new AxeBuilder({ page: s.page as never }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${label}: ${v.id} (${v.impact}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
}

describe('first use of a new study', () => {
  it('lists the demo once, with one "Studier" heading', async () => {
    const { page } = s;
    await page.goto(baseUrl);
    await page.getByRole('button', { name: 'Åpne demostudien' }).waitFor({ timeout: 60_000 });
    await page.getByTestId('no-own-studies').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('heading', { name: 'Brukerreisen Kim (demo)' }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Studier', exact: true }).count()).toBe(1);
    expect(await page.getByTestId('study-list').locator('li').count()).toBe(0);
  });

  it('a new study\'s register says there are no interviews yet and what to do', async () => {
    const { page } = s;
    await newStudy();
    const empty = page.getByTestId('interviews-empty');
    expect(await empty.innerText()).toContain('Ingen intervjuer ennå.');
    expect(await empty.innerText()).toContain('Nytt intervju');
    expect(await page.locator('body').innerText()).not.toContain('passer filteret');
    await axe('empty register');
    // Back home, the new study is listed once under "Dine studier", and the demo still once.
    await page.goto(baseUrl);
    await expect.poll(() => page.getByTestId('study-list').locator('li').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByRole('heading', { name: 'Brukerreisen Kim (demo)' }).count()).toBe(1);
  });

  it('the interview date is dd.mm.yyyy with a picker, in a browser set to en-US', async () => {
    const { page } = s;
    const studyUrl = await newStudy();
    await page.goto(`${studyUrl}/interviews`);
    await page.getByTestId('interviews-empty').waitFor({ timeout: 30_000 });
    await page.getByTestId('new-interview').click();
    const form = page.getByTestId('interview-form');
    await form.getByLabel('Kode').fill('YF-01');
    const date = form.getByLabel('Dato', { exact: true });
    expect(await date.getAttribute('placeholder')).toBe('dd.mm.åååå');
    await date.fill('05.03.2026');
    await form.getByTestId('date-toggle').click();
    const picker = form.getByTestId('date-picker');
    await picker.waitFor({ timeout: 30_000 });
    expect(await picker.getByTestId('date-month').innerText()).toMatch(/^mars 2026$/i);
    // Monday first, in Norwegian.
    expect((await picker.locator('th').first().innerText()).toLowerCase()).toMatch(/^man/);
    expect(await picker.locator('button[data-date="2026-03-05"]').getAttribute('aria-pressed')).toBe('true');
    await axe('date picker');
    await picker.locator('button[data-date="2026-03-20"]').click();
    await picker.waitFor({ state: 'detached', timeout: 30_000 });
    expect(await date.inputValue()).toBe('20.03.2026');
    // A date that is not one is refused with the format, not saved.
    await date.fill('31.02.2026');
    await form.getByTestId('save-interview').click();
    await expect.poll(() => form.getByTestId('field-error').innerText(), { timeout: 30_000 }).toContain('dd.mm.åååå');
    await date.fill('20.03.2026');
    await form.getByTestId('save-interview').click();
    await form.waitFor({ state: 'detached', timeout: 30_000 });
    const row = page.locator('[data-testid="interview-list"] tr[data-code="YF-01"]');
    await row.waitFor({ timeout: 30_000 });
    expect(await row.locator('td').allInnerTexts()).toContain('20.03.2026');
  });

  it('an empty codebook says how to start', async () => {
    const { page } = s;
    const studyUrl = await newStudy();
    await page.goto(`${studyUrl}/codebook`);
    const empty = page.getByTestId('codebook-empty');
    await empty.waitFor({ timeout: 30_000 });
    expect(await empty.innerText()).toContain('Kodeboken er tom.');
    expect(await empty.innerText()).toContain('Legg til kode');
    await axe('empty codebook');
    await page.getByTestId('new-code-name').fill('Nyttig informasjon');
    await page.getByRole('button', { name: '+ Legg til kode' }).click();
    await empty.waitFor({ state: 'detached', timeout: 30_000 });
    await expect.poll(() => page.getByTestId('codebook').innerText(), { timeout: 30_000 }).toContain('Nyttig informasjon');
  });

  it('agreement with one coder says how to add a second, and never offers one coder as A and B', async () => {
    const { page } = s;
    const studyUrl = await newStudy();
    await page.goto(`${studyUrl}/agreement`);
    const one = page.getByTestId('agreement-one-coder');
    await one.waitFor({ timeout: 30_000 });
    expect(await one.innerText()).toContain('Legg til koder');
    expect(await page.getByTestId('agreement-table').count()).toBe(0);
    expect(await page.getByTestId('coder-a').count()).toBe(0);
    await axe('agreement, one coder');
    await page.getByTestId('add-coder').click();
    await page.keyboard.type('Koder B');
    await page.keyboard.press('Enter');
    await one.waitFor({ state: 'detached', timeout: 30_000 });
    const a = await page.getByTestId('coder-a').inputValue();
    const b = await page.getByTestId('coder-b').inputValue();
    expect(a).not.toBe('');
    expect(b).not.toBe('');
    expect(a).not.toBe(b);
    const bOptions = await page.getByTestId('coder-b').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(bOptions).not.toContain(a);
    // Two coders, nothing coded by both yet: that is said too.
    await page.getByTestId('agreement-nothing-shared').waitFor({ timeout: 30_000 });
  });

  it('Innstillinger shows long group names whole (no text cut in its box)', async () => {
    const { page } = s;
    await page.goto(`${baseUrl}#/study/demo-brukerreisen-kim/settings`);
    const groups = page.getByTestId('frame-groups');
    await groups.locator('input').first().waitFor({ timeout: 30_000 });
    const cut = await groups.locator('input').evaluateAll((els) => els.filter((e) => (e as HTMLInputElement).scrollWidth > (e as HTMLInputElement).clientWidth + 1).map((e) => (e as HTMLInputElement).value));
    expect(cut).toEqual([]);
    expect(await groups.locator('input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toContain('Voksenopplæring / voksne asylsøkere');
  });
});
