/**
 * Issue 22, the pure parts: labels fitted without a mid-word cut, near-duplicate quotes, the curve's
 * room for Kim, the storyboard's wishes and headings, and the one name of the merged Vg2 row.
 */
import { describe, expect, it } from 'vitest';
import { combinedRowLabel, distinctBy, nearDuplicate, vg2GroupIds } from '../../shared/analysis';
import type { PersonaStage } from '../../shared/analysis';
import { emotionCurveLayout, storyboardLayout } from '../../shared/charts';
import { fitText, wrapText } from '../../shared/charts/types';
import { DEFAULT_GROUPS } from '../../shared/model/defaults';
import { composeReport } from '../../shared/report/compose';
import { buildDemoStudy } from '../../fixtures/demo/demo';

describe('fitText', () => {
  it('never cuts a word to fill a line: a word wider than the line ends the text with "…"', () => {
    expect(fitText('Nyttig informasjon', 10, 2)).toEqual({ lines: ['Nyttig…'], cut: true });
    expect(fitText('Ble lyttet til av rådgiveren', 12, 2)).toEqual({ lines: ['Ble lyttet', 'til av…'], cut: true });
  });
  it('keeps a label that fits as it is', () => {
    expect(fitText('Nyttig informasjon', 18, 1)).toEqual({ lines: ['Nyttig informasjon'], cut: false });
    expect(fitText('Nyttig informasjon', 11, 2)).toEqual({ lines: ['Nyttig', 'informasjon'], cut: false });
  });
  it('takes the study\'s short label before an ellipsis', () => {
    expect(fitText('Studiespesialisering Vg2', 12, 1, 'SF Vg2')).toEqual({ lines: ['SF Vg2'], cut: true });
  });
  it('ends at a whole word with an ellipsis, never mid-word (was "Nyttig informas…")', () => {
    const f = fitText('Nyttig informasjon om skolen', 16, 1);
    expect(f).toEqual({ lines: ['Nyttig…'], cut: true });
    for (const line of wrapText('Det hadde vært fint om noen sjekka hvordan det gikk', 14, 2)) {
      const last = line.replace(/…$/, '').split(' ').pop() ?? '';
      expect('Det hadde vært fint om noen sjekka hvordan det gikk'.split(' ')).toContain(last);
    }
  });
});

describe('near-duplicate quotes', () => {
  it('treats the same sentence with a tail as one, and different experiences as two', () => {
    const a = 'Vi var på besøksdag på ungdomsskolen i sjuende, og det var fint å se hvor ting var før vi begynte.';
    expect(nearDuplicate(a, `${a.slice(0, -1)}, altså.`)).toBe(true);
    expect(nearDuplicate('Helsesykepleieren hadde drop-in to dager i uka, så man kunne bare komme uten å ha time.', 'Helsesykepleieren hadde drop-in to dager i uka, så man kunne bare komme når man trengte det.')).toBe(true);
    expect(nearDuplicate(a, 'Det meste jeg visste om ungdomsskolen i sjuende var det storebroren min fortalte, og det hjalp faktisk.')).toBe(false);
    expect(distinctBy(['a b c d', 'a b c d e', 'x y z'], (s) => s)).toEqual(['a b c d', 'x y z']);
  });
});

describe('emotion curve room for Kim', () => {
  it('with inset 21 a marker of radius 17 at −1 ends above the stage labels', () => {
    const curve = [{ stageId: 'a', label: 'Vg1', n: 9, informants: 9, mean: -1, lo: -1, hi: -1, suppressed: false }];
    const layout = emotionCurveLayout(curve, { width: 600, height: 170, suppress: true, inset: 21 });
    const point = layout.primitives.find((p) => p.type === 'circle' && p.role === 'point');
    const label = layout.primitives.find((p) => p.type === 'text' && p.role === 'stage-label');
    if (point?.type !== 'circle' || label?.type !== 'text') throw new Error('no point or label');
    // The label's glyphs reach up to about its size above the baseline.
    expect(point.cy + 17).toBeLessThan(label.y - label.size);
    const without = emotionCurveLayout(curve, { width: 600, height: 170, suppress: true });
    const p0 = without.primitives.find((p) => p.type === 'circle' && p.role === 'point');
    if (p0?.type !== 'circle') throw new Error('no point');
    expect(p0.cy + 17).toBeGreaterThan(label.y - label.size); // the overlap issue 22 saw
  });
});

describe('storyboard', () => {
  const quote = (id: string, text: string) => ({ segmentId: id, interviewId: 'i', interviewCode: 'YF-01', participantId: 'P1', quote: text, valence: null });
  const stage: PersonaStage = {
    stageId: 's', label: '9.',
    pains: [{ codeId: 'c1', n: 7, informants: 7, quote: quote('p', 'Ingen å snakke med.') }],
    helps: [],
    wishes: [{ codeId: 'c2', n: 7, informants: 7, quote: quote('w', 'Det hadde vært fint om vilbli.no var skrevet for ungdom.') }],
  };
  const texts = (role: string) => storyboardLayout([stage], { width: 300, height: 400, codes: [{ id: 'c1', studyId: 's', parentId: null, name: 'Ikke tatt på alvor', color: '#000000', definition: '', examples: [], order: 0 }], anonymous: true })
    .primitives.flatMap((p) => (p.type === 'text' && p.role === role ? [p.text] : []));
  it('shows wishes in the informants\' words, not code names with counts', () => {
    expect(texts('wish').join(' ')).toContain('vilbli.no');
    expect(texts('wish').join(' ')).not.toMatch(/\(\d+\)/);
  });
  it('draws no heading without a line under it', () => {
    expect(texts('section').some((t) => t.includes('Hjelper'))).toBe(false);
    expect(texts('section')).toHaveLength(2);
  });
});

describe('the merged Vg2 row has one name', () => {
  it('screen and report ask the same function', () => {
    const words = { vg2: 'Vg2 samlet', chosen: 'Valgte grupper samlet' };
    const vg2 = vg2GroupIds(DEFAULT_GROUPS);
    expect(vg2).toEqual(['yf-vg2', 'sf-vg2']);
    expect(combinedRowLabel(DEFAULT_GROUPS, ['sf-vg2', 'yf-vg2'], words)).toBe('Vg2 samlet');
    expect(combinedRowLabel(DEFAULT_GROUPS, ['yf-vg2'], words)).toBe('Valgte grupper samlet');
  });
});

describe('the report speaks its language and names the merged row as the screen does', () => {
  const demo = buildDemoStudy();
  const compose = (locale: 'nb' | 'en') => {
    const r = composeReport(demo, { title: 'T', sections: ['counsellor'], locale, date: '2026-01-01' });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    return JSON.stringify(r.doc.sections[0]?.blocks);
  };
  it('uses the built-in valence labels of the report language, and the screen\'s name for Vg2', () => {
    const en = compose('en');
    expect(en).toContain('Positive');
    expect(en).toContain('OK, but could have been better');
    expect(en).not.toContain('OK, men kunne vært bedre');
    expect(en).toContain('Vg2 combined');
    const nb = compose('nb');
    expect(nb).toContain('Vg2 samlet');
    expect(nb).not.toContain('YF Vg2 + SF Vg2');
  });
  it('shows the rounded exact share: YF Vg2 5 of 11 is 45 %', () => {
    // With the default k = 5 the single groups' small cells are suppressed (issue 14), so the
    // rounding is read where a threshold of 1 prints every count: 5/11 = 45.45 % → 45 %
    // (largest-remainder rounding printed 46 %).
    const open = { ...demo, study: { ...demo.study, smallCellThreshold: 1 } };
    const r = composeReport(open, { title: 'T', sections: ['counsellor'], locale: 'nb', date: '2026-01-01' });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(JSON.stringify(r.doc.sections[0]?.blocks)).toContain('5 av 11 · 45 %');
  });
});
