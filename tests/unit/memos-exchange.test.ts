/**
 * Issue 18: memos travel in bundles through the one door out (reviewed only; a bundle's claim of
 * "reviewed" is believed only after a clean re-scan) and merge like other revised records
 * (three-way by revision, tombstones delete, both-side edits wait as conflicts; union merge follows
 * remapped ids).
 */
import { describe, expect, it } from 'vitest';
import { buildDemoStudy } from '../../fixtures/demo/demo';
import { exportBundle } from '../../shared/exchange/bundle';
import { runBundleJob, studyCollector } from '../../shared/exchange/bundle-job';
import { mergeStudies, resolveConflicts, unionMerge, withBaseFromBundle } from '../../shared/exchange/merge';
import { outboundView, reidStudy } from '../../shared/exchange/outbound';
import { stampRevision, tombstoneOf } from '../../shared/exchange/revision';
import type { Memo, StudyData } from '../../shared/model';

const AT = '2026-12-01T10:00:00.000Z';
const LATER = '2026-12-01T11:00:00.000Z';
const OK = { state: 'reviewed', record: { reviewer: 'coder-1', at: AT, counts: {} }, reason: null, hits: {} } as const;
const P = { by: 'coder-2', site: 'Porsgrunn', at: LATER };

function memo(id: string, text: string, extra: Partial<Memo> = {}): Memo {
  return { id, studyId: 'demo-brukerreisen-kim', kind: 'study', target: {}, text, tag: null, author: 'coder-1', createdAt: AT, updatedAt: AT, review: OK, rev: { n: 1, by: 'coder-1', site: 'Skien', at: AT }, ...extra };
}

function ours(): StudyData {
  const d = buildDemoStudy();
  const iv = d.interviews[0];
  if (!iv) throw new Error('demo');
  return { ...d, study: { ...d.study, site: 'Skien' }, memos: [memo('m1', 'Første notat'), memo('m2', 'Om intervjuet', { kind: 'interview', target: { interviewId: iv.id } })] };
}

async function throughBundle(d: StudyData): Promise<StudyData> {
  const bytes = await exportBundle(outboundView(d).exchange, { now: AT });
  const c = studyCollector();
  await runBundleJob({ id: 1, type: 'restore', bytes, fileName: 'p.reisekart' }, (m) => c.take(m));
  const got = c.data();
  if (!got) throw new Error('no study');
  return got;
}

describe('memos in bundles', () => {
  it('only reviewed memos leave; a reviewed claim survives a clean re-scan, one with an identifier needs review again', async () => {
    const d = ours();
    d.memos = [
      ...(d.memos ?? []),
      memo('m-flag', 'Ring 912 34 567', { review: { state: 'needs-review', record: null, reason: 'typed', hits: { TLF: 1 } } }),
      // A file that claims "reviewed" for a memo with an e-mail address in it.
      memo('m-claim', 'Skriv til ola.nordmann@example.com', {}),
    ];
    const got = await throughBundle(d);
    expect(got.memos?.map((m) => m.id).sort()).toEqual(['m-claim', 'm1', 'm2']);
    const byId = new Map(got.memos?.map((m) => [m.id, m.review]));
    expect(byId.get('m1')?.state).toBe('reviewed');
    expect(byId.get('m-claim')).toMatchObject({ state: 'needs-review', reason: 'rescan', hits: { EPOST: 1 } });
  });
});

describe('memos merge like other revised records', () => {
  it("a partner's new memo arrives, an edit replaces ours, a deletion removes it; merging again changes nothing", async () => {
    const base = withBaseFromBundle(await throughBundle(ours()), AT);
    const inc = structuredClone(base);
    inc.study = { ...inc.study, site: 'Porsgrunn', updatedAt: LATER };
    const [m1, m2] = inc.memos as [Memo, Memo];
    inc.memos = [stampRevision('memos', m1, { ...m1, text: 'Første notat, utvidet' }, P), memo('m3', 'Nytt fra Porsgrunn', { rev: { n: 1, by: 'coder-2', site: 'Porsgrunn', at: LATER } })];
    inc.tombstones = [tombstoneOf('memos', m2, P)];
    const { merged, report } = mergeStudies(base, inc, { now: LATER });
    expect(merged.memos?.map((m) => [m.id, m.text]).sort()).toEqual([
      ['m1', 'Første notat, utvidet'],
      ['m3', 'Nytt fra Porsgrunn'],
    ]);
    expect(report.added.memos).toBe(1);
    expect(report.updated.memos).toBe(1);
    expect(report.deleted.memos).toBe(1);
    expect(merged.tombstones?.some((t) => t.id === 'memos:m2')).toBe(true);
    const again = mergeStudies(merged, inc, { now: LATER });
    expect(again.merged.memos).toEqual(merged.memos);
    expect(again.report.pending).toEqual([]);
  });

  it('both sides edit one memo: a conflict, ours stays until resolved as theirs', async () => {
    const base = withBaseFromBundle(await throughBundle(ours()), AT);
    const m1 = (base.memos ?? [])[0] as Memo;
    const mine = { ...base, memos: [stampRevision('memos', m1, { ...m1, text: 'Vår versjon' }, { by: 'coder-1', site: 'Skien', at: LATER }), ...(base.memos ?? []).slice(1)] };
    const inc = structuredClone(base);
    inc.study = { ...inc.study, site: 'Porsgrunn', updatedAt: LATER };
    inc.memos = [stampRevision('memos', m1, { ...m1, text: 'Deres versjon' }, P), ...(inc.memos ?? []).slice(1)];
    const { merged, report } = mergeStudies(mine, inc, { now: LATER });
    expect(report.pending.map((c) => c.entity)).toEqual(['memos']);
    expect(merged.memos?.find((m) => m.id === m1.id)?.text).toBe('Vår versjon');
    const r = resolveConflicts(merged, [{ conflictId: report.pending[0]?.id ?? '', choice: 'theirs' }], { now: LATER, who: 'coder-1', newId: () => 'x' });
    expect(r.data.memos?.find((m) => m.id === m1.id)?.text).toBe('Deres versjon');
  });

  it('union merge of an unrelated study: memos come along, their interview targets follow re-ided interviews', () => {
    const a = ours();
    const b = reidStudy(ours(), 'other', (() => {
      let n = 0;
      return () => `id-${n++}`;
    })());
    const { merged, report } = unionMerge(a, b);
    expect(report.added.memos).toBe(2);
    expect(merged.memos).toHaveLength(4);
    const moved = merged.memos?.find((m) => m.kind === 'interview' && m.studyId === a.study.id && m.id.startsWith('id-'));
    expect(moved && merged.interviews.some((iv) => iv.id === moved.target.interviewId)).toBe(true);
    expect(moved?.target.interviewId).not.toBe(a.memos?.[1]?.target.interviewId);
  });
});
