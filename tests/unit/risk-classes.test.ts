import { describe, expect, it } from 'vitest';
import { assessRisk, equivalenceClasses, MISSING, type RiskRecord } from '../../shared/risk/classes';
import { applyGeneralisations, generalisationEffects, groupToStage, monthToTerm } from '../../shared/risk/generalise';

/**
 * A hand-worked table (k = 3). Classes on group × site × mode × month:
 *   {a,b,c} = 3 (not < 3: safe) · {d} = 1 · {e,f} = 2 · {g} = 1 · {h} = 1 (site missing)
 * Minimal combinations worked by hand:
 *   d: every single attribute leaves ≥ 3 (YF: abcd, Porsgrunn: defg, in-person: abcd, 02: abcd);
 *      group+site = YF Porsgrunn = {d} → [group, site]
 *   e, f: singles ≥ 3 (SF: efgh, Porsgrunn: defg, digital: efh, 03: efgh); group+site {e,f,g} = 3,
 *      group+mode {e,f,h} = 3, group+month 4, site+mode Porsgrunn digital {e,f} = 2 → [site, mode]
 *   g: mode drawing-workshop = {g} → [mode]
 *   h: site missing = {h} → [site]
 */
const T: RiskRecord[] = [
  ['a', 'YF', 'Skien', 'in-person', '2021-02'],
  ['b', 'YF', 'Skien', 'in-person', '2021-02'],
  ['c', 'YF', 'Skien', 'in-person', '2021-02'],
  ['d', 'YF', 'Porsgrunn', 'in-person', '2021-02'],
  ['e', 'SF', 'Porsgrunn', 'digital', '2021-03'],
  ['f', 'SF', 'Porsgrunn', 'digital', '2021-03'],
  ['g', 'SF', 'Porsgrunn', 'drawing-workshop', '2021-03'],
  ['h', 'SF', '', 'digital', '2021-03'],
].map(([key, group, site, mode, month]) => ({ key: key as string, label: (key as string).toUpperCase(), values: { group, site, mode, month } }));
const ATTRS = ['group', 'site', 'mode', 'month'];
const LABELS = { groupLabels: new Map([['YF', 'Yrkesfag Vg2'], ['SF', 'Studiespesialisering Vg2']]) };

describe('equivalence classes (hand-worked table, k = 3)', () => {
  it('groups informants by every revealed attribute; a missing value is its own category', () => {
    const classes = equivalenceClasses(T, ATTRS);
    expect(classes.map((c) => c.keys)).toEqual([['a', 'b', 'c'], ['e', 'f'], ['d'], ['g'], ['h']]);
    expect(classes.find((c) => c.keys.includes('h'))?.values).toEqual(['SF', MISSING, 'digital', '2021-03']);
  });

  it('flags every informant in a class smaller than k, with the minimal combination', () => {
    const r = assessRisk(T, ATTRS, 3);
    expect(r.classes).toBe(5);
    expect(r.atRisk.map((x) => [x.key, x.classSize, x.unique, x.combination])).toEqual([
      ['d', 1, true, ['group', 'site']],
      ['e', 2, false, ['site', 'mode']],
      ['f', 2, false, ['site', 'mode']],
      ['g', 1, true, ['mode']],
      ['h', 1, true, ['site']],
    ]);
  });

  it('uses the same < k rule as small-cell suppression: a class of exactly k is not a risk', () => {
    expect(assessRisk(T, ATTRS, 3).atRisk.map((x) => x.key)).not.toContain('a');
    expect(assessRisk(T, ATTRS, 4).atRisk.map((x) => x.key)).toContain('a');
    expect(assessRisk(T, ATTRS, 1).atRisk).toEqual([]);
  });

  it('flags missing attributes whether or not the class is small', () => {
    const r = assessRisk(T, ATTRS, 3);
    expect(r.missing).toEqual([{ key: 'h', label: 'H', attrs: ['site'] }]);
    expect(r.atRisk.find((x) => x.key === 'h')?.missing).toEqual(['site']);
    // Two informants without a site form one class together: missing is a category, not a wildcard.
    const two = [...T, { key: 'i', label: 'I', values: { group: 'SF', site: null, mode: 'digital', month: '2021-03' } }];
    expect(equivalenceClasses(two, ATTRS).find((c) => c.keys.includes('h'))?.keys).toEqual(['h', 'i']);
  });

  it('a study with fewer than k informants has every informant at risk, on no attribute at all', () => {
    const r = assessRisk(T.slice(0, 2), ATTRS, 3);
    expect(r.atRisk.map((x) => x.combination)).toEqual([[], []]);
  });
});

describe('generalisations and their effect before applying (same table)', () => {
  it('recodes sites to their region, months to terms, groups to their stage', () => {
    expect(monthToTerm('2021-03')).toBe('vår 2021');
    expect(monthToTerm('2020-11')).toBe('høst 2020');
    expect(groupToStage('Yrkesfag Vg2')).toBe('Vg2');
    expect(groupToStage('Grunnskole 10. klasse')).toBe('10. trinn');
    expect(groupToStage('Ungdom fra oppfølgingstjenesten')).toBe('Ungdom fra oppfølgingstjenesten');
    const g = applyGeneralisations(T, ['site-region'], LABELS);
    expect(g.map((r) => r.values.site)).toEqual(['Østlandet', 'Østlandet', 'Østlandet', 'Østlandet', 'Østlandet', 'Østlandet', 'Østlandet', MISSING]);
  });

  it('computes each effect by hand-checked numbers, best first', () => {
    // site-hide: YF·in-person·02 = abcd (4), SF·digital·03 = efh (3), g alone → 1 at risk
    // mode-hide: abc (3), d, efg (3), h → d and h at risk (2)
    // site-region: abcd (4), ef, g, h → 4 at risk, resolves d
    // month-term, group-stage: the partition does not change → 5
    const effects = generalisationEffects(T, ATTRS, 3, [], LABELS);
    expect(effects.map((e) => [e.id, e.before, e.after, e.resolved])).toEqual([
      ['site-hide', 5, 1, ['d', 'e', 'f', 'h']],
      ['mode-hide', 5, 2, ['e', 'f', 'g']],
      ['site-region', 5, 4, ['d']],
      ['month-term', 5, 5, []],
      ['group-stage', 5, 5, []],
    ]);
  });

  it('an effect is measured on top of the generalisations already chosen', () => {
    // With sites hidden: g alone in SF·drawing-workshop·03; hiding the mode too puts g with e,f,h.
    const effects = generalisationEffects(T, ATTRS, 3, ['site-hide'], LABELS);
    const mode = effects.find((e) => e.id === 'mode-hide');
    expect([mode?.before, mode?.after, mode?.resolved]).toEqual([1, 0, ['g']]);
    expect(effects.map((e) => e.id)).not.toContain('site-hide');
  });
});
