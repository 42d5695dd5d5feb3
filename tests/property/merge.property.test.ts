/**
 * Properties of the three-way merge (issue 16), on a slice of the demo study: a few interviews with
 * their transcripts and segments, so every run merges real records. Seeded (fast-check seed 16).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDemoStudy } from '../../fixtures/demo/demo';
import { mergeStudies } from '../../shared/exchange/merge';
import { outboundView } from '../../shared/exchange/outbound';
import { stampRevision, tombstoneOf } from '../../shared/exchange/revision';
import type { Segment, StudyData, Valence } from '../../shared/model';

fc.configureGlobal({ seed: 16 });
const AT = '2026-12-01T10:00:00.000Z';

const full = buildDemoStudy();
/** Four interviews of the demo, one of them not yet anonymised (its transcript and segments are held back by an export). */
function slice(site: string): StudyData {
  const ivs = full.interviews.slice(0, 4).map((iv, i) => (i === 3 ? { ...iv, status: 'transcribed' as const } : iv));
  const ids = new Set(ivs.map((i) => i.id));
  const d = structuredClone({
    ...full,
    study: { ...full.study, site, updatedAt: AT },
    interviews: ivs,
    transcripts: full.transcripts.filter((t) => ids.has(t.interviewId)),
    segments: full.segments.filter((s) => ids.has(s.interviewId)),
    overrides: full.overrides.filter((o) => ids.has(o.interviewId)),
  });
  return d;
}
const BASE = slice('Skien');
const N = BASE.segments.length;
const VALENCES: Valence[] = ['positive', 'mixed', 'negative'];

type Op = { kind: 'edit'; i: number; v: number } | { kind: 'delete'; i: number } | { kind: 'rename'; i: number; name: string };
const op = (max: number): fc.Arbitrary<Op> =>
  fc.oneof(
    fc.record({ kind: fc.constant('edit' as const), i: fc.nat(max - 1), v: fc.nat(2) }),
    fc.record({ kind: fc.constant('delete' as const), i: fc.nat(max - 1) }),
    fc.record({ kind: fc.constant('rename' as const), i: fc.nat(BASE.codes.length - 1), name: fc.string({ minLength: 1, maxLength: 12 }) }),
  );

/** A copy of the study at `site` with `ops` applied as that site's coder would (revisions, tombstones). */
function play(from: StudyData, site: string, ops: readonly Op[], segIds: readonly string[] = BASE.segments.map((s) => s.id)): StudyData {
  const d = structuredClone(from);
  d.study = { ...d.study, site };
  const who = { by: `coder-${site}`, site, at: AT };
  for (const o of ops) {
    if (o.kind === 'rename') {
      const idx = o.i % d.codes.length;
      const c = d.codes[idx];
      if (c) d.codes[idx] = stampRevision('codes', c, { ...c, name: `${o.name}-${site}` }, who);
      continue;
    }
    const id = segIds[o.i % segIds.length];
    const idx = d.segments.findIndex((s) => s.id === id);
    const s = d.segments[idx];
    if (!s) continue;
    if (o.kind === 'edit') {
      const v = VALENCES[o.v] as Valence;
      d.segments[idx] = stampRevision('segments', s, { ...s, valence: v === s.valence ? VALENCES[(o.v + 1) % 3] as Valence : v }, who);
    } else {
      d.tombstones = [...(d.tombstones ?? []).filter((t) => t.recordId !== s.id), tombstoneOf('segments', s, who)];
      d.segments.splice(idx, 1);
    }
  }
  return d;
}
/** What a bundle carries (the export gate), as the partner's file. */
const bundle = (d: StudyData): StudyData => outboundView(d).exchange;
/** A study's content: its records and tombstones (merge bases are bookkeeping). */
function contentOf(d: StudyData) {
  const byId = <T extends { id: string }>(xs: readonly T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
  return {
    codes: byId(d.codes),
    interviews: byId(d.interviews),
    transcripts: [...d.transcripts].sort((a, b) => a.interviewId.localeCompare(b.interviewId)),
    segments: byId(d.segments),
    overrides: byId(d.overrides),
    tombstones: byId(d.tombstones ?? []),
    conflicts: byId(d.conflicts ?? []),
  };
}

describe('three-way merge (properties)', () => {
  it('merging a bundle twice equals merging it once', () => {
    fc.assert(
      fc.property(fc.array(op(N), { maxLength: 8 }), fc.array(op(N), { maxLength: 8 }), (mine, theirs) => {
        const ours = play(BASE, 'Skien', mine);
        const inc = bundle(play(BASE, 'Porsgrunn', theirs));
        const once = mergeStudies(ours, inc, { now: AT }).merged;
        const twice = mergeStudies(once, inc, { now: AT }).merged;
        expect(twice).toEqual(once);
      }),
      { numRuns: 60 },
    );
  });

  it('merging our own export changes nothing (held-back records are not deletions)', () => {
    fc.assert(
      fc.property(fc.array(op(N), { maxLength: 8 }), (mine) => {
        const ours = play(BASE, 'Skien', mine);
        const { merged, report } = mergeStudies(ours, bundle(ours), { now: AT });
        expect(contentOf(merged)).toEqual(contentOf(ours));
        expect(report.pending).toEqual([]);
        expect(Object.values(report.updated).concat(Object.values(report.deleted)).every((n) => n === 0)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('without conflicts, the order of merging two partners does not matter', () => {
    // Partner A works on the first half of the segments and renames only even codes, B the rest.
    const half = Math.floor(N / 2);
    const firstIds = BASE.segments.slice(0, half).map((s) => s.id);
    const restIds = BASE.segments.slice(half).map((s) => s.id);
    const opsFor = (max: number, even: boolean) => fc.array(op(max), { maxLength: 6 }).map((xs) => xs.map((o) => (o.kind === 'rename' ? { ...o, i: (o.i - (o.i % 2)) + (even ? 0 : 1) } : o)));
    fc.assert(
      fc.property(opsFor(half, true), opsFor(N - half, false), (a, b) => {
        const A = bundle(play(BASE, 'Porsgrunn', a, firstIds));
        const B = bundle(play(BASE, 'Notodden', b, restIds));
        const ab = mergeStudies(mergeStudies(BASE, A, { now: AT }).merged, B, { now: AT });
        const ba = mergeStudies(mergeStudies(BASE, B, { now: AT }).merged, A, { now: AT });
        expect(ab.merged.conflicts ?? []).toEqual([]);
        expect(contentOf(ab.merged)).toEqual(contentOf(ba.merged));
      }),
      { numRuns: 40 },
    );
  });

  it('k edits on one side give exactly k updated records and no new ones', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(N - 1), { minLength: 1, maxLength: 10 }), (idxs) => {
        const exported = new Set(bundle(BASE).segments.map((s) => s.id));
        const picks = idxs.map((i) => BASE.segments[i] as Segment).filter((s) => exported.has(s.id));
        const inc = bundle(play(BASE, 'Porsgrunn', picks.map((s) => ({ kind: 'edit' as const, i: BASE.segments.indexOf(s), v: 0 }))));
        const { merged, report } = mergeStudies(BASE, inc, { now: AT });
        const before = new Map(BASE.segments.map((s) => [s.id, JSON.stringify(s)]));
        const changed = merged.segments.filter((s) => before.get(s.id) !== JSON.stringify(s));
        expect(merged.segments.length).toBe(BASE.segments.length);
        expect(changed.map((s) => s.id).sort()).toEqual(picks.map((s) => s.id).sort());
        expect(report.updated.segments ?? 0).toBe(picks.length);
        expect(Object.values(report.added).every((n) => n === 0)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('a deletion on one side removes exactly that record', () => {
    fc.assert(
      fc.property(fc.nat(N - 1), fc.array(op(N).filter((o) => o.kind === 'edit'), { maxLength: 5 }), (i, mine) => {
        const target = BASE.segments[i] as Segment;
        fc.pre(BASE.interviews.find((iv) => iv.id === target.interviewId)?.status !== 'transcribed');
        // Our own edits elsewhere (not on the deleted one) do not matter.
        const ours = play(BASE, 'Skien', mine.filter((o) => o.i % N !== i));
        const inc = bundle(play(BASE, 'Porsgrunn', [{ kind: 'delete', i }]));
        const { merged } = mergeStudies(ours, inc, { now: AT });
        expect(merged.segments.map((s) => s.id).sort()).toEqual(ours.segments.map((s) => s.id).filter((id) => id !== target.id).sort());
      }),
      { numRuns: 60 },
    );
  });
});
