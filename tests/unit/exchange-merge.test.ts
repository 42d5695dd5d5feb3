import { describe, expect, it } from 'vitest';
import { unionMerge } from '../../shared/exchange/merge';
import { checkIntegrity } from '../../shared/exchange/integrity';
import { StudyData } from '../../shared/model';
import { exchangeStudy } from '../fixtures/exchange/study';

/** The same study as written by another site: different ids, the same interview codes. */
function otherSite(): StudyData {
  const d = exchangeStudy();
  const re = (id: string) => `${id}-porsgrunn`;
  return {
    ...d,
    study: { ...d.study, id: 'study-2', site: 'Porsgrunn' },
    interviews: d.interviews.map((i) => ({ ...i, id: re(i.id), studyId: 'study-2' })),
    transcripts: d.transcripts.map((t) => ({ ...t, interviewId: re(t.interviewId), studyId: 'study-2' })),
    segments: d.segments.map((s) => ({ ...s, id: re(s.id), interviewId: re(s.interviewId), studyId: 'study-2' })),
    benchmarks: [],
  };
}

describe('unionMerge (studies of different lineage)', () => {
  it('merging a study with itself adds nothing and reports nothing', () => {
    const d = exchangeStudy();
    const { merged, report } = unionMerge(d, structuredClone(d));
    expect(merged).toEqual(d);
    expect(report.conflicts).toEqual([]);
    expect(Object.values(report.added).every((n) => n === 0)).toBe(true);
  });

  it('same interview code from two sites: both kept, incoming re-coded with the site and reported', () => {
    const { merged, report } = unionMerge(exchangeStudy(), otherSite());
    expect(merged.interviews.map((i) => i.code)).toEqual(['YF-01', 'OT-02', 'YF-01-porsgrunn', 'OT-02-porsgrunn']);
    expect(report.conflicts.filter((c) => c.kind === 'interview-code').map((c) => c.renamedTo)).toEqual(['YF-01-porsgrunn', 'OT-02-porsgrunn']);
    expect(report.added).toMatchObject({ interviews: 2, transcripts: 2, segments: 5, codes: 0 });
    expect(merged.segments.every((s) => s.studyId === 'study-1')).toBe(true);
    expect(checkIntegrity(StudyData.parse(merged), 'm').errors).toEqual([]);
  });

  it('same code name with another definition is kept as "Navn (site)"; identical ones unify', () => {
    const inc = otherSite();
    inc.codes = inc.codes.map((c) => ({ ...c, id: `${c.id}-x`, parentId: c.parentId && `${c.parentId}-x` }));
    inc.codes[2] = { ...inc.codes[2]!, definition: 'Hjelp fra voksne' };
    inc.segments = inc.segments.map((s) => ({ ...s, codeIds: s.codeIds.map((c) => `${c}-x`) }));
    const { merged, report } = unionMerge(exchangeStudy(), inc);
    expect(merged.codes.map((c) => c.name)).toEqual(['Informasjon', 'Nettsider', 'Hjelp', 'Hjelp (Porsgrunn)']);
    expect(report.conflicts.filter((c) => c.kind === 'code-name')).toHaveLength(1);
    // Segments coded with the unified codes point at ours; with the renamed one at the new code.
    const s1 = merged.segments.find((s) => s.id === 's1-porsgrunn');
    const s2 = merged.segments.find((s) => s.id === 's2-porsgrunn');
    expect(s1?.codeIds).toEqual(['c-help-x']);
    expect(s2?.codeIds).toEqual(['c-web', 'c-info']);
  });

  it('same id with different content is never overwritten: incoming gets a new id', () => {
    const base = exchangeStudy();
    const inc = exchangeStudy();
    inc.study.site = 'Bø';
    inc.segments[0] = { ...inc.segments[0]!, note: 'annen merknad' };
    inc.codes[0] = { ...inc.codes[0]!, color: '#000000' };
    const { merged, report } = unionMerge(base, inc);
    expect(merged.segments.find((s) => s.id === 's1')?.note).toBe('=SUM(A1:A9)');
    const renamed = merged.segments.find((s) => s.id === 's1@bo');
    expect(renamed?.note).toBe('annen merknad');
    expect(merged.codes.find((c) => c.id === 'c-info')?.color).toBe('#1F77B4');
    expect(merged.codes.find((c) => c.id === 'c-info@bo')).toMatchObject({ name: 'Informasjon (Bø)', color: '#000000' });
    // s2 is coded with the incoming c-info, so it differs from ours too and is kept under a new id.
    expect(merged.segments.find((s) => s.id === 's2@bo')?.codeIds).toEqual(['c-web', 'c-info@bo']);
    expect(report.conflicts.map((c) => `${c.kind}:${c.entity}:${c.id}`)).toEqual(['same-id:codes:c-info', 'code-name:codes:c-info', 'same-id:segments:s1', 'same-id:segments:s2']);
  });

  it('frames union by id; a label conflict keeps ours and is reported', () => {
    const inc = exchangeStudy();
    inc.study.stages = [...inc.study.stages.map((s) => (s.id === 'vg1' ? { ...s, label: 'VG1 (videregående)' } : s)), { id: 'vg3', label: 'Vg3' }];
    const { merged, report } = unionMerge(exchangeStudy(), inc);
    expect(merged.study.stages.map((s) => s.label).slice(-3)).toEqual(['Vg1', 'Vg2', 'Vg3']);
    expect(report.added.stages).toBe(1);
    expect(report.conflicts).toEqual([expect.objectContaining({ kind: 'frame-label', entity: 'study.stages', id: 'vg1' })]);
  });
});
