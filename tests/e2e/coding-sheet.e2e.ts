/**
 * Issue 17 end to end in Chromium: a study kept as spreadsheets in the team's own words — group
 * names spelled differently, "Teams" and "ind." for mode and format, a coding sheet with quotes
 * but no offsets, "+", "ok", "neg" for valence, "Rådgiveren" for the counsellor, a theme the study
 * does not have — comes in through the column and value steps without editing the files. The
 * test completes the review of the imported quotes, then reads the method table and the Vg2
 * counsellor breakdown on screen; a second file reuses the remembered choices without asking.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { baseUrl, screenReady, useSession } from './session';

const s = useSession();

const INTERVIEWS = [
  'Intervju;Elevgruppe;Form;Gjennomføring;Antall deltakere',
  'YF-01;Vg2 yrkesfag;individuelt;Teams;1',
  'YF-02;Vg2 yrkesfag;individuelt;Teams;1',
  'YF-03;Vg2 yrkesfag;individuelt;fysisk;1',
  'YF-04;Vg2 yrkesfag;individuelt;Teams;1',
  'YF-05;vg 2 yrkesfag;gruppe;fysisk;3',
  'SF-01;Studiespes. Vg2;ind.;fysisk;1',
  'SF-02;Studiespes. Vg2;ind.;fysisk;1',
  'SF-03;Studiespes. Vg2;ind.;Teams;1',
  'LA-01;Lærlinger;individuelt;Teams;1',
].join('\r\n');

// Counsellor outcome per Vg2 informant (the method's rule): YF-01 +, YF-02 ok, YF-03 neg,
// YF-04 +, YF-05 P1 +, P2 ok, P3 not discussed; SF-01 neg (and +), SF-02 ok, SF-03 not discussed.
const CODING = [
  'Intervju;Informant;Utsagn;Trinn;Situasjon;Hvem;Vurdering;Tema',
  'YF-01;P1;Rådgiveren tok seg god tid og forklarte alt om lærlingplass.;Vg 2;Valg;rådgiver;+;Veiledning',
  'YF-02;P1;Det var greit nok hos rådgiver, men kort tid.;Vg 2;Valg;Rådgiveren;ok;Veiledning',
  'YF-03;P1;Jeg fikk ingen hjelp da jeg spurte om bytte av fag.;Vg 2;Hjelp;rådgiver;neg;',
  'YF-04;P1;Samtalen med rådgiver hjalp meg å velge.;Vg 2;Valg;rådgiver;positiv;Veiledning',
  'YF-05;P1;Vi fikk besøk i klassen, det var nyttig.;Vg 2;Informasjon;Rådgiveren;+;',
  'YF-05;P2;Litt for generelt for meg, men ok.;Vg 2;Informasjon;Rådgiveren;ok;',
  'YF-05;P3;Nettsidene var vanskelige å finne frem på.;Vg 2;Informasjon;Nettsider;neg;',
  'SF-01;P1;Timen ble avlyst to ganger.;Vg 2;Hjelp;rådgiver;neg;',
  'SF-01;P1;Til slutt fikk jeg et godt svar.;Vg 2;Hjelp;rådgiver;+;Veiledning',
  'SF-02;P1;Det gikk greit, men jeg måtte mase.;Vg 2;Hjelp;Rådgiveren;ok;',
  'SF-03;P1;Kontaktlæreren fulgte opp hele året.;Vg 2;Hjelp;Kontaktlærer;+;',
].join('\r\n');

async function go(page: Page, studyId: string, view: string): Promise<void> {
  await page.goto(`${baseUrl}#/study/${encodeURIComponent(studyId)}/${view}`);
  await screenReady(page, studyId);
}

async function choose(page: Page, name: string, text: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('import-csv').click()]);
  await chooser.setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
}

function studyIdOf(page: Page): string {
  return decodeURIComponent(/#\/study\/([^/]+)\//.exec(page.url())?.[1] ?? '');
}

/** The value step's rows: value → [count, chosen option]. */
async function valueRows(page: Page): Promise<Record<string, [string, string]>> {
  const rows = page.locator('[data-testid="csv-values"] tbody tr');
  const out: Record<string, [string, string]> = {};
  for (const r of await rows.all()) {
    const value = (await r.getAttribute('data-value')) ?? '';
    out[`${await r.getAttribute('data-dimension')}:${value}`] = [await r.locator('td.num').innerText(), await r.locator('select').inputValue()];
  }
  return out;
}

describe('a coding sheet in the team’s own words (issue 17)', () => {
  it('imports through the column and value steps, is reviewed, and gives the method table and counsellor breakdown', async () => {
    const { page } = s;
    await page.goto(baseUrl);
    const create = page.locator('form[aria-labelledby="new-study-h"]');
    await create.locator('input[name="title"]').fill('Regnearkstudien');
    await create.getByRole('button', { name: 'Opprett studie' }).click();
    await expect.poll(() => studyIdOf(page), { timeout: 30_000 }).not.toBe('');
    const study = studyIdOf(page);
    await screenReady(page, study);

    // Interviews: group names spelled the team's way, "Teams" and "ind.".
    await go(page, study, 'exchange');
    await choose(page, 'intervjuer.csv', INTERVIEWS);
    await page.getByTestId('csv-preview').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('csv-kind').inputValue()).toBe('interviews');
    await page.getByTestId('csv-commit').click();
    await page.locator('[data-testid="csv-preview"][data-step="values"]').waitFor({ timeout: 30_000 });
    expect(await valueRows(page)).toEqual({
      'group:Vg2 yrkesfag': ['4', 'to:yf-vg2'],
      'group:vg 2 yrkesfag': ['1', 'to:yf-vg2'],
      'group:Studiespes. Vg2': ['3', 'to:sf-vg2'],
      'group:Lærlinger': ['1', ''],
      'format:ind.': ['3', 'to:individual'],
      'mode:Teams': ['5', 'to:digital'],
    });
    // Nothing unknown goes in without a choice.
    expect(await page.getByTestId('csv-values-commit').isDisabled()).toBe(true);
    await expect.poll(() => page.getByTestId('csv-values-left').innerText(), { timeout: 30_000 }).toContain('1 verdi');
    await page.locator('[data-testid="csv-values"] tr[data-value="Lærlinger"] select').selectOption('add');
    await page.getByTestId('csv-values-commit').click();
    await page.getByTestId('csv-preview').waitFor({ state: 'detached', timeout: 60_000 });

    // The coding sheet: quotes only, "+", "ok", "neg", "Rådgiveren", a new theme.
    await choose(page, 'koding.csv', CODING);
    await page.getByTestId('csv-preview').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('csv-kind').inputValue()).toBe('segments');
    expect(await page.locator('select[data-field="start"]').inputValue()).toBe('');
    await page.getByTestId('csv-commit').click();
    await page.locator('[data-testid="csv-preview"][data-step="values"]').waitFor({ timeout: 30_000 });
    expect(await valueRows(page)).toEqual({
      'stage:Vg 2': ['11', 'to:vg2'],
      'actor:Rådgiveren': ['4', 'to:radgiver'],
      'valence:+': ['4', 'to:positive'],
      'valence:ok': ['3', 'to:mixed'],
      'valence:neg': ['3', 'to:negative'],
      'code:Veiledning': ['4', ''],
    });
    await page.locator('[data-testid="csv-values"] tr[data-value="Veiledning"] select').selectOption('add');
    await page.getByTestId('csv-values-commit').click();
    await page.getByTestId('csv-preview').waitFor({ state: 'detached', timeout: 60_000 });

    // A later file in the same words: the remembered choices are used without asking.
    await choose(page, 'flere-intervjuer.csv', ['Intervju;Elevgruppe;Form;Gjennomføring;Antall deltakere', 'YF-06;Vg2 yrkesfag;ind.;Teams;1'].join('\r\n'));
    await page.getByTestId('csv-preview').waitFor({ timeout: 30_000 });
    await page.getByTestId('csv-commit').click();
    await page.getByTestId('csv-preview').waitFor({ state: 'detached', timeout: 60_000 });
    expect(await page.locator('[data-testid="csv-values"]').count()).toBe(0);

    // Every imported quote waits for review: complete it.
    await go(page, study, 'quote-review');
    const list = page.getByTestId('quote-review-list');
    await expect.poll(() => list.getAttribute('data-count'), { timeout: 30_000 }).toBe('11');
    for (let left = 11; left > 0; left--) {
      await page.getByTestId('quote-review-approve').first().click();
      await expect.poll(() => page.getByTestId('quote-review-item').count(), { timeout: 30_000 }).toBe(left - 1);
    }
    await page.getByTestId('quotes-none').waitFor({ timeout: 30_000 });

    // Method table: Vg2 yrkesfag 5 individual + 3 in a group, SF 3, the added Lærlinger group 1.
    await go(page, study, 'interviews');
    const total = page.locator('[data-testid="method-total"] td');
    await expect.poll(() => total.allInnerTexts(), { timeout: 30_000 }).toEqual(['Totalt', '9', '3', '12']);
    expect(await page.locator('[data-testid="method-table"] tbody tr').evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent ?? '')).filter((c) => c[3] !== '0'))).toEqual([
      ['Yrkesfag Vg2', '5', '3', '8'],
      ['Studiespesialisering Vg2', '3', '', '3'],
      ['Lærlinger', '1', '', '1'],
    ]);

    // Counsellor breakdown, Vg2 combined (12 informants): positive 3, ok-but 3, bad 2.
    await go(page, study, 'satisfaction');
    const cells = page.locator('[data-testid="satisfaction-table"] tr[data-row="combined"] td[data-category] .count');
    await cells.first().waitFor({ timeout: 30_000 });
    expect((await cells.allInnerTexts()).map((x) => Number(/\d+/.exec(x)?.[0]))).toEqual([3, 3, 2]);
  });
});
