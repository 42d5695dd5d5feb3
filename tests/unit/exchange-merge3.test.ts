/**
 * Three-way merge on the demo study: the three cases of issue 16 (a partner changes a segment's
 * valence, deletes a segment, renames a code), before (the union rules) and after.
 */
import { describe, expect, it } from 'vitest';
import { buildDemoStudy } from '../../fixtures/demo/demo';
import { exportBundle } from '../../shared/exchange/bundle';
import { runBundleJob, studyCollector, type BundleJobMessage } from '../../shared/exchange/bundle-job';
import { checkIntegrity } from '../../shared/exchange/integrity';
import { checkIncoming, mergeStudies, resolveConflicts, unionMerge, withBaseFromBundle } from '../../shared/exchange/merge';
import { stampRevision, tombstoneOf } from '../../shared/exchange/revision';
import { studyAssessments } from '../../shared/analysis/counsellor';
import type { Code, Segment, StudyData } from '../../shared/model';

const AT = '2026-12-01T10:00:00.000Z';
const ours = () => ({ ...buildDemoStudy(), study: { ...buildDemoStudy().study, site: 'Skien' } });
const P = { by: 'coder-2', site: 'Porsgrunn', at: AT };

function partner(edit: (d: StudyData) => void): StudyData {
  const d = structuredClone(buildDemoStudy());
  d.study = { ...d.study, site: 'Porsgrunn', updatedAt: AT };
  edit(d);
  return d;
}
function editSegment(d: StudyData, i: number, patch: Partial<Segment>) {
  const s = d.segments[i] as Segment;
  d.segments[i] = stampRevision('segments', s, { ...s, ...patch }, P);
}
function deleteSegment(d: StudyData, i: number) {
  const s = d.segments[i] as Segment;
  d.tombstones = [...(d.tombstones ?? []), tombstoneOf('segments', s, P)];
  d.segments.splice(i, 1);
}
function renameCode(d: StudyData, i: number, name: string) {
  const c = d.codes[i] as Code;
  d.codes[i] = stampRevision('codes', c, { ...c, name }, P);
}
const otherValence = (s: Segment) => (s.valence === 'negative' ? 'positive' : 'negative');
const positives = (d: StudyData) => d.segments.filter((s) => s.valence === 'positive').length;

describe('three-way merge, the issue-16 cases on the demo', () => {
  const demo = buildDemoStudy();
  const seg0 = demo.segments[0] as Segment;

  it('valence edit: the partner version replaces ours (537 stays 537), merging again changes nothing', () => {
    const inc = partner((d) => editSegment(d, 0, { valence: otherValence(seg0) }));
    const before = unionMerge(ours(), inc);
    const { merged, report } = mergeStudies(ours(), inc, { now: AT });
    expect(demo.segments.length).toBe(537);
    expect(before.merged.segments.length).toBe(538);
    expect(merged.segments.length).toBe(537);
    expect(merged.segments.find((s) => s.id === seg0.id)?.valence).toBe(otherValence(seg0));
    expect(report.updated).toEqual({ segments: 1 });
    expect(report.pending).toEqual([]);
    const twice = mergeStudies(merged, inc, { now: AT });
    expect(twice.merged).toEqual(merged);
    expect(unionMerge(before.merged, inc).merged.segments.length).toBe(539);
    expect(checkIntegrity(merged, 'm').errors).toEqual([]);
    console.info(`valence edit: before ${before.merged.segments.length} segments (again: 539), after ${merged.segments.length}; positives ${positives(demo)} → ${positives(merged)}`);
  });

  it('deletion: the tombstone removes exactly that segment (537 → 536); union brought it back', () => {
    const inc = partner((d) => deleteSegment(d, 0));
    const before = unionMerge(ours(), inc);
    const { merged, report } = mergeStudies(ours(), inc, { now: AT });
    expect(before.merged.segments.length).toBe(537);
    expect(merged.segments.length).toBe(536);
    expect(merged.segments.some((s) => s.id === seg0.id)).toBe(false);
    expect(report.deleted).toEqual({ segments: 1 });
    expect(merged.tombstones?.map((t) => t.id)).toEqual([`segments:${seg0.id}`]);
    console.info(`deletion: before ${before.merged.segments.length}, after ${merged.segments.length}`);
  });

  it('code rename: one code with the new name (16 stays 16), no conflicts; the codebook diff says renamed', () => {
    const old = demo.codes[2] as Code;
    const inc = partner((d) => renameCode(d, 2, 'Nytt navn'));
    const before = unionMerge(ours(), inc);
    const { merged, report } = mergeStudies(ours(), inc, { now: AT });
    expect(demo.codes.length).toBe(16);
    expect(before.merged.codes.length).toBe(17);
    expect(merged.codes.length).toBe(16);
    expect(report.codebook).toEqual([{ kind: 'renamed', id: old.id, name: old.name, to: 'Nytt navn' }]);
    expect(report.pending).toEqual([]);
    console.info(`code rename: before ${before.merged.codes.length} codes and ${before.report.conflicts.length} conflicts, after ${merged.codes.length} and ${report.pending.length}`);
  });

  it('a code merge travels as an operation: our own segments with the merged code follow it', () => {
    const from = demo.codes.find((c) => c.parentId !== null) as Code;
    const into = demo.codes.find((c) => c.id !== from.id && c.parentId !== null) as Code;
    const inc = partner((d) => {
      d.segments = d.segments.map((s) => (s.codeIds.includes(from.id) ? stampRevision('segments', s, { ...s, codeIds: [...new Set(s.codeIds.map((c) => (c === from.id ? into.id : c)))] }, P) : s));
      const c = d.codes.find((x) => x.id === from.id) as Code;
      d.tombstones = [tombstoneOf('codes', c, P, into.id)];
      d.codes = d.codes.filter((x) => x.id !== from.id);
    });
    // Ours: a new segment with the code the partner merged away.
    const base = ours();
    const mine: Segment = { ...(base.segments[5] as Segment), id: 'mine-1', codeIds: [from.id], rev: { n: 1, by: 'coder-1', site: 'Skien', at: AT } };
    base.segments.push(mine);
    const { merged, report } = mergeStudies(base, inc, { now: AT });
    expect(merged.codes.length).toBe(15);
    expect(merged.segments.find((s) => s.id === 'mine-1')?.codeIds).toEqual([into.id]);
    expect(merged.segments.some((s) => s.codeIds.includes(from.id))).toBe(false);
    expect(report.codebook).toContainEqual({ kind: 'merged', id: from.id, name: from.name, to: into.name });
  });

  it('both sides change one segment: a conflict, ours stays until resolved; theirs / ours / both', () => {
    const base = ours();
    const s1 = base.segments[1] as Segment;
    base.segments[1] = stampRevision('segments', s1, { ...s1, note: 'vår merknad' }, { by: 'coder-1', site: 'Skien', at: AT });
    const inc = partner((d) => editSegment(d, 1, { valence: otherValence(s1) }));
    const { merged, report } = mergeStudies(base, inc, { now: AT });
    expect(report.pending.map((c) => c.recordId)).toEqual([s1.id]);
    expect(merged.conflicts?.length).toBe(1);
    expect(merged.segments.length).toBe(537);
    expect(merged.segments.find((s) => s.id === s1.id)?.note).toBe('vår merknad');
    // Merging the same bundle again: the same one conflict, nothing else.
    expect(mergeStudies(merged, inc, { now: AT }).merged).toEqual(merged);
    const cid = (merged.conflicts ?? [])[0]?.id as string;
    let n = 0;
    const opts = { now: AT, who: 'coder-1', newId: () => `new-${++n}` };
    const theirs = resolveConflicts(merged, [{ conflictId: cid, choice: 'theirs' }], opts).data;
    expect(theirs.segments.find((s) => s.id === s1.id)?.valence).toBe(otherValence(s1));
    expect(theirs.conflicts).toEqual([]);
    expect(theirs.audit.at(-1)).toMatchObject({ action: 'merge.resolve', counts: { ours: 0, theirs: 1, both: 0 }, note: `segments:${s1.id}=theirs` });
    const both = resolveConflicts(merged, [{ conflictId: cid, choice: 'both' }], opts).data;
    expect(both.segments.length).toBe(538);
    const keep = resolveConflicts(merged, [{ conflictId: cid, choice: 'ours' }], opts).data;
    expect(keep.segments.find((s) => s.id === s1.id)?.note).toBe('vår merknad');
    // After "ours", the same bundle again brings no new conflict.
    expect(mergeStudies(keep, inc, { now: AT }).report.pending).toEqual([]);
    // The partner, merging our resolved copy, takes ours without a conflict of its own.
    const back = mergeStudies(inc, { ...keep, study: { ...keep.study, updatedAt: AT } }, { now: AT });
    expect(back.report.pending).toEqual([]);
    expect(back.merged.segments.find((s) => s.id === s1.id)).toEqual(keep.segments.find((s) => s.id === s1.id));
  });

  it('a code changed on both sides in different fields merges field by field', () => {
    const base = ours();
    const c = base.codes[3] as Code;
    base.codes[3] = stampRevision('codes', c, { ...c, color: '#123456' }, { by: 'coder-1', site: 'Skien', at: AT });
    const inc = partner((d) => {
      const x = d.codes[3] as Code;
      d.codes[3] = stampRevision('codes', x, { ...x, definition: 'Ny definisjon' }, P);
    });
    const { merged, report } = mergeStudies(base, inc, { now: AT });
    expect(report.pending).toEqual([]);
    expect(report.fieldMerged).toBe(1);
    const m = merged.codes.find((x) => x.id === c.id);
    expect([m?.color, m?.definition]).toEqual(['#123456', 'Ny definisjon']);
    // And back: the partner ends with the same code.
    const back = mergeStudies(inc, { ...merged, study: { ...merged.study, site: 'Skien' } }, { now: AT });
    expect(back.merged.codes.find((x) => x.id === c.id)).toEqual(m);
  });

  it('an unrelated study is recognised (union rules only after asking); an older bundle is refused', () => {
    const other = { ...buildDemoStudy(), study: { ...buildDemoStudy().study, id: 'another', lineageId: 'another' } };
    expect(checkIncoming(ours(), other)?.code).toBe('merge.unrelated');
    expect(mergeStudies(ours(), other).report.mode).toBe('union');
    const v1 = partner((d) => editSegment(d, 0, { valence: otherValence(seg0) }));
    const v2 = partner((d) => {
      editSegment(d, 0, { valence: otherValence(seg0) });
      editSegment(d, 0, { valence: 'mixed' });
      d.study.updatedAt = '2026-12-02T10:00:00.000Z';
    });
    const m = mergeStudies(ours(), v2, { now: AT }).merged;
    expect(checkIncoming(m, v1)).toMatchObject({ code: 'merge.older', params: { partner: 'Porsgrunn' } });
    expect(checkIncoming(m, v2)).toBeNull();
  });

  it("a partner's new transcript gets namespaced tags, segments follow, and the partner takes it back", () => {
    const iv0 = demo.interviews[0];
    const tr0 = demo.transcripts.find((t) => t.interviewId === iv0?.id);
    const sg0 = demo.segments.find((s) => s.interviewId === iv0?.id);
    if (!iv0 || !tr0 || !sg0) throw new Error('fixture');
    const text = 'I: Hvem hjalp deg?\nP1: [NAVN-1] på [SKOLE-2] hjalp meg mye.\nP1: Ja, [NAVN-1] var bra.';
    const quote = '[NAVN-1] på [SKOLE-2] hjalp meg mye.';
    const start = text.indexOf(quote);
    const inc = partner((d) => {
      d.interviews.push({ ...iv0, id: 'pg-iv-1', code: iv0.code, studyId: d.study.id });
      d.transcripts.push({ ...tr0, interviewId: 'pg-iv-1', text, turns: [{ start: 0, end: 18, participantId: null }, { start: 19, end: text.length, participantId: 'P1' }] });
      d.segments.push({ ...sg0, id: 'pg-seg-1', interviewId: 'pg-iv-1', start, end: start + quote.length, quote });
    });
    const { merged, report } = mergeStudies(ours(), inc, { now: AT });
    const tr = merged.transcripts.find((t) => t.interviewId === 'pg-iv-1');
    const sg = merged.segments.find((s) => s.id === 'pg-seg-1');
    expect(tr?.text).toBe('I: Hvem hjalp deg?\nP1: [NAVN-1·PORSGRUNN] på [SKOLE-2·PORSGRUNN] hjalp meg mye.\nP1: Ja, [NAVN-1·PORSGRUNN] var bra.');
    expect(sg?.quote).toBe('[NAVN-1·PORSGRUNN] på [SKOLE-2·PORSGRUNN] hjalp meg mye.');
    expect(tr?.text.slice(sg?.start, sg?.end)).toBe(sg?.quote);
    expect(tr?.turns.at(-1)?.end).toBe(tr?.text.length);
    // Two sites' same interview code: theirs gets the site as suffix.
    expect(merged.interviews.find((i) => i.id === 'pg-iv-1')?.code).toBe(`${iv0.code}-porsgrunn`);
    expect(report.conflicts.map((c) => c.kind)).toEqual(['interview-code']);
    expect(checkIntegrity(merged, 'm').errors).toEqual([]);
    expect(mergeStudies(merged, inc, { now: AT }).merged).toEqual(merged);
    const back = mergeStudies(inc, { ...merged, study: { ...merged.study, updatedAt: AT } }, { now: AT });
    expect(back.report.pending).toEqual([]);
    expect(back.merged.transcripts.find((t) => t.interviewId === 'pg-iv-1')).toEqual(tr);
    expect(back.merged.segments.find((s) => s.id === 'pg-seg-1')).toEqual(sg);
  });

  it('tombstones travel through a bundle and the bundle worker (the path the merge screen reads)', async () => {
    const inc = partner((d) => deleteSegment(d, 0));
    const bytes = await exportBundle(inc, { now: AT });
    const c = studyCollector();
    let done: BundleJobMessage | null = null;
    await runBundleJob({ id: 1, type: 'restore', bytes, fileName: 'p.reisekart' }, (m) => {
      c.take(m);
      if (m.type === 'restored') done = m;
    });
    expect(done).not.toBeNull();
    const got = c.data();
    expect(got?.tombstones?.map((t) => t.recordId)).toEqual([seg0.id]);
    expect(mergeStudies(ours(), got as StudyData, { now: AT }).merged.segments.length).toBe(536);
  });

  it('an interview deleted there while we changed one of its segments: the interview stays, as a conflict', () => {
    const iv = demo.interviews.find((i) => demo.segments.filter((s) => s.interviewId === i.id).length >= 2);
    if (!iv) throw new Error('fixture');
    const mineSeg = demo.segments.find((s) => s.interviewId === iv.id) as Segment;
    const base = ours();
    const idx = base.segments.findIndex((s) => s.id === mineSeg.id);
    base.segments[idx] = stampRevision('segments', mineSeg, { ...mineSeg, note: 'vår' }, { by: 'coder-1', site: 'Skien', at: AT });
    const inc = partner((d) => {
      const gone = d.segments.filter((s) => s.interviewId === iv.id);
      const tr = d.transcripts.find((t) => t.interviewId === iv.id);
      d.tombstones = [tombstoneOf('interviews', iv, P), ...(tr ? [tombstoneOf('transcripts', tr, P)] : []), ...gone.map((s) => tombstoneOf('segments', s, P))];
      d.interviews = d.interviews.filter((i) => i.id !== iv.id);
      d.transcripts = d.transcripts.filter((t) => t.interviewId !== iv.id);
      d.segments = d.segments.filter((s) => s.interviewId !== iv.id);
      d.overrides = d.overrides.filter((o) => o.interviewId !== iv.id);
    });
    const { merged, report } = mergeStudies(base, inc, { now: AT });
    const n = demo.segments.filter((s) => s.interviewId === iv.id).length;
    expect(merged.interviews.some((i) => i.id === iv.id)).toBe(true);
    expect(merged.transcripts.some((t) => t.interviewId === iv.id)).toBe(true);
    expect(merged.segments.filter((s) => s.interviewId === iv.id).map((s) => s.id)).toEqual([mineSeg.id]);
    expect(merged.segments.length).toBe(537 - (n - 1));
    expect(report.pending.map((c) => `${c.entity}:${c.recordId}`).sort()).toEqual([`interviews:${iv.id}`, `segments:${mineSeg.id}`].sort());
    expect(checkIntegrity(merged, 'm').errors).toEqual([]);
    expect(mergeStudies(merged, inc, { now: AT }).merged).toEqual(merged);
  });

  it('the counsellor outcome follows the partner edit instead of counting the informant twice', () => {
    // An informant whose only counsellor segment is negative: the partner corrects it to positive.
    // The method's rule: any negative segment makes the informant "negative".
    const evidence = studyAssessments(demo).filter((a) => a.evidence.length === 1 && a.derived === 'negative' && !a.override);
    const target = evidence[0];
    if (!target) throw new Error('fixture');
    const sg = target.evidence[0] as Segment;
    const i = demo.segments.findIndex((x) => x.id === sg.id);
    const inc = partner((d) => editSegment(d, i, { valence: 'positive' }));
    const tally = (d: StudyData) => {
      const a = studyAssessments(d).filter((x) => x.informantKey === target.informantKey);
      return a.map((x) => `${x.category}:${x.evidence.length}`);
    };
    // Union: both copies count (the quote twice); the old negative one still decides → the correction is lost.
    expect(tally(unionMerge(ours(), inc).merged)).toEqual(['negative:2']);
    // Three-way: the partner's version only.
    expect(tally(mergeStudies(ours(), inc, { now: AT }).merged)).toEqual(['positive:1']);
    console.info(`counsellor outcome of ${target.informantKey}: demo negative; partner corrects to positive; union negative (2 segments), three-way positive (1)`);
  });

  it('a study imported from a bundle starts with that partner as its merge base (no false conflicts later)', () => {
    const skien = { by: 'coder-1', site: 'Skien', at: AT };
    // Skien edits a segment twice, then exports; Porsgrunn imports that bundle as a new study.
    const a1 = ours();
    a1.segments[0] = stampRevision('segments', seg0, { ...seg0, note: 'én' }, skien);
    a1.segments[0] = stampRevision('segments', a1.segments[0], { ...a1.segments[0], note: 'to' }, skien);
    const imported = withBaseFromBundle(structuredClone(a1), AT);
    const b = { ...imported, study: { ...imported.study, site: 'Porsgrunn' } };
    expect(b.mergeBases?.[0]).toMatchObject({ partner: 'Skien', ours: { [`segments:${seg0.id}`]: 3 }, theirs: { [`segments:${seg0.id}`]: 3 } });
    // Skien edits it once more; Porsgrunn merges: theirs wins, no conflict.
    const a2 = structuredClone(a1);
    a2.segments[0] = stampRevision('segments', a2.segments[0] as Segment, { ...(a2.segments[0] as Segment), note: 'tre' }, skien);
    a2.study.updatedAt = '2026-12-02T00:00:00.000Z';
    const m = mergeStudies(b, a2, { now: AT });
    expect(m.report.pending).toEqual([]);
    expect(m.merged.segments.find((s) => s.id === seg0.id)?.note).toBe('tre');
    // Without the base (revision 1 as the ancestor) the same merge would be a false conflict.
    const noBase = { ...b, mergeBases: [] };
    expect(mergeStudies(noBase, a2, { now: AT }).report.pending.map((c) => c.recordId)).toEqual([seg0.id]);
  });
});
