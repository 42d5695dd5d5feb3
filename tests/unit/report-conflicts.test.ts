/** The report says when merge conflicts are unresolved (issue 16), and namespaced tags are not leaks. */
import { describe, expect, it } from 'vitest';
import { buildDemoStudy } from '../../fixtures/demo/demo';
import type { PendingConflict, StudyData } from '../../shared/model';
import { checkLeaks, composeReport, type ReportOptions } from '../../shared/report';

const OPTIONS: ReportOptions = { title: 'Rapport', subtitle: '', organisation: 'VTFK', date: '2021-06-15', sections: ['method', 'codebook'] };

function withConflicts(n: number): StudyData {
  const d = buildDemoStudy();
  const conflicts: PendingConflict[] = d.segments.slice(0, n).map((s) => ({
    id: `Porsgrunn|segments:${s.id}`,
    studyId: d.study.id,
    entity: 'segments',
    recordId: s.id,
    partner: 'Porsgrunn',
    theirs: { ...s, valence: 'negative' },
    theirsRev: { n: 2, by: 'k2', site: 'Porsgrunn', at: '2026-12-01T10:00:00.000Z' },
    oursRev: { n: 2, by: 'k1', site: 'Skien', at: '2026-12-01T10:00:00.000Z' },
    at: '2026-12-01T10:00:00.000Z',
  }));
  return { ...d, conflicts };
}

function methodTexts(d: StudyData): string[] {
  const r = composeReport(d, OPTIONS);
  if (!r.ok) throw new Error('compose');
  const m = r.doc.sections.find((s) => s.id === 'method');
  return (m?.blocks ?? []).flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
}

describe('report method page and merge conflicts', () => {
  it('says "3 konflikter … ikke løst" when three are pending, nothing when none', () => {
    expect(methodTexts(withConflicts(3)).some((t) => t.startsWith('3 konflikter fra sammenslåing') && t.includes('ikke løst'))).toBe(true);
    expect(methodTexts(withConflicts(0)).some((t) => t.includes('konflikter'))).toBe(false);
  });

  it('a namespaced pseudonym tag is not a leak, the partner name alone is not hidden', () => {
    const d = buildDemoStudy();
    const first = d.codes[0];
    if (!first) throw new Error('demo');
    d.codes = [{ ...first, definition: 'Som [NAVN-3·PORSGRUNN] sa til [SKOLE-2·PORSGRUNN].' }, ...d.codes.slice(1)];
    const r = composeReport(d, OPTIONS);
    if (!r.ok) throw new Error('compose');
    expect(checkLeaks(r.doc, d)).toEqual([]);
    // Without the tag form the same name is found (the check still looks).
    d.codes = [{ ...first, definition: 'Ring 912 34 567.' }, ...d.codes.slice(1)];
    const r2 = composeReport(d, OPTIONS);
    if (!r2.ok) throw new Error('compose');
    expect(checkLeaks(r2.doc, d).length).toBeGreaterThan(0);
  });
});
