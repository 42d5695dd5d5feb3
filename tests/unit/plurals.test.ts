/**
 * Issue 22: every count in the UI takes i18next's plural form ("1 informanter", "1 pseudonymer",
 * "de 1 usikre treffene" were shown), and strings with several numbers nest the shared count words.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { composeReport } from '../../shared/report/compose';
import { buildDemoStudy } from '../../fixtures/demo/demo';

const DIR = resolve(import.meta.dirname, '../../shared/locales');
const LANGS = ['nb', 'nn', 'en'] as const;

function resources(lang: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of readdirSync(resolve(DIR, lang))) Object.assign(out, JSON.parse(readFileSync(resolve(DIR, lang, f), 'utf8')));
  return out;
}

async function tFor(lang: string) {
  const inst = i18next.createInstance();
  await inst.init({ lng: lang, resources: { [lang]: { translation: resources(lang) } }, interpolation: { escapeValue: false }, initAsync: false });
  return inst.t.bind(inst);
}

describe('plural forms', () => {
  it('says 1 informant, 1 pseudonym and the one uncertain hit in nb', async () => {
    const t = await tFor('nb');
    expect(t('counsellor.count', { count: 1 })).toBe('1 informant');
    expect(t('counsellor.count', { count: 2 })).toBe('2 informanter');
    expect(t('transcript.stored.tags', { count: 1 })).toBe('1 pseudonym');
    expect(t('transcript.stored.tags', { count: 3 })).toBe('3 pseudonymer');
    expect(t('transcript.review.pendingLeft', { count: 1 })).toBe('Avgjør det usikre treffet før du fullfører.');
    expect(t('transcript.review.pendingLeft', { count: 4 })).toBe('Avgjør de 4 usikre treffene før du fullfører.');
    expect(t('home.counts', { interviews: 1, informants: 1, segments: 1 })).toBe('1 intervju · 1 informant · 1 kodet utsagn');
    expect(t('home.counts', { interviews: 2, informants: 3, segments: 0 })).toBe('2 intervjuer · 3 informanter · 0 kodede utsagn');
    expect(t('present.n', { informants: 1, segments: 1 })).toBe('1 informant · 1 utsagn');
  });

  it('does the same in nn and en', async () => {
    const nn = await tFor('nn');
    const en = await tFor('en');
    expect(nn('counsellor.count', { count: 1 })).toBe('1 informant');
    expect(nn('home.counts', { interviews: 1, informants: 1, segments: 1 })).toBe('1 intervju · 1 informant · 1 koda utsegn');
    expect(en('exchange.stagedCounts', { interviews: 1, informants: 2, segments: 1 })).toBe('1 interview · 2 informants · 1 coded segment');
    expect(en('codebook.confirmDelete', { name: 'X', count: 1 })).toBe('Delete the code “X”? 1 segment will change.');
  });

  it('leaves no "{{count}} <noun>" string without its plural forms', () => {
    // A count followed by a word needs _one/_other; "({{count}})" and "og {{count}} til" ("and {{count}} more") do not.
    for (const lang of LANGS) {
      const bad: string[] = [];
      const walk = (o: unknown, path: string): void => {
        if (typeof o === 'string') {
          if (/\{\{count\}\} \p{L}/u.test(o) && !/_(one|other)$/.test(path) && !/\{\{count\}\} (til|more)\b/.test(o)) bad.push(path);
        } else if (o && typeof o === 'object') for (const [k, v] of Object.entries(o)) walk(v, path ? `${path}.${k}` : k);
      };
      walk(resources(lang), '');
      expect({ lang, bad }).toEqual({ lang, bad: [] });
    }
  });

  it('the report says "1 informant" when one informant is shown', () => {
    const demo = buildDemoStudy();
    const one = { ...demo, interviews: demo.interviews.slice(0, 1).map((iv) => ({ ...iv, participants: iv.participants.slice(0, 1) })) };
    const method = (study: typeof one): string => {
      const r = composeReport(study, { title: 'T', sections: ['method'], locale: 'en', date: '2026-01-01' });
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      return JSON.stringify(r.doc.sections[0]?.blocks);
    };
    // With a threshold of 1 the count is printed; with the default 5 it is suppressed, and "<5" is plural.
    expect(method({ ...one, study: { ...one.study, smallCellThreshold: 1 } })).toContain('draws on 1 informant in 1 interview,');
    expect(method(one)).toContain('draws on <5 informants in 1 interview,');
  });
});
