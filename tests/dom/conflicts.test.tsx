// @vitest-environment jsdom
/**
 * The conflicts screen (issue 16) in jsdom + fake-indexeddb: "ours for all" of a kind resolves
 * every conflict of that kind at once, keeps our records, and writes one audit entry with the
 * counts; "keep both" adds the partner's segment under a new id.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { PendingConflict, Segment, StudyData } from '../../shared/model';
import { initI18n } from '../../renderer/app/i18n';
import { db, ensureDemoStudy, loadStudyData, replaceStudyData, resetDemoStudy } from '../../renderer/db';
import { ConflictsScreen } from '../../renderer/features/conflicts/ConflictsScreen';
import demoJson from '../../fixtures/demo/demo-study.json';

const DEMO = 'demo-brukerreisen-kim';
const AT = '2026-12-01T10:00:00.000Z';

beforeAll(async () => {
  initI18n('nb');
  expect((await ensureDemoStudy(db, demoJson)).ok).toBe(true);
});
beforeEach(async () => {
  await resetDemoStudy(db, demoJson);
});
afterEach(() => cleanup());

async function demo(): Promise<StudyData> {
  const d = await loadStudyData(db, DEMO);
  if (!d) throw new Error('demo missing');
  return d;
}

/** Two segments changed on both sides: the partner set them negative. */
async function withConflicts(): Promise<{ data: StudyData; segs: Segment[] }> {
  const d = await demo();
  const segs = d.segments.filter((s) => s.valence === 'positive').slice(0, 2);
  const conflicts: PendingConflict[] = segs.map((s) => ({
    id: `Porsgrunn|segments:${s.id}`,
    studyId: DEMO,
    entity: 'segments',
    recordId: s.id,
    partner: 'Porsgrunn',
    theirs: { ...s, valence: 'negative', rev: { n: 2, by: 'coder-2', site: 'Porsgrunn', at: AT } },
    theirsRev: { n: 2, by: 'coder-2', site: 'Porsgrunn', at: AT },
    oursRev: { n: 1, by: '', site: '', at: '' },
    at: AT,
  }));
  const r = await replaceStudyData(db, { ...d, conflicts });
  expect(r.ok).toBe(true);
  return { data: await demo(), segs };
}

describe('conflicts screen', () => {
  it('"ours for all" resolves the kind at once, keeps our records and logs one entry', async () => {
    const { data, segs } = await withConflicts();
    render(<ConflictsScreen study={data.study} />);
    const group = await screen.findByTestId('conflict-group', {}, { timeout: 10_000 });
    expect(group.getAttribute('data-kind')).toBe('edit');
    expect(screen.getAllByTestId('conflict')).toHaveLength(2);
    fireEvent.click(screen.getByTestId('all-ours'));
    await screen.findByTestId('conflicts-none', {}, { timeout: 10_000 });
    const after = await demo();
    expect(after.conflicts).toEqual([]);
    for (const s of segs) expect(after.segments.find((x) => x.id === s.id)?.valence).toBe('positive');
    expect(after.segments.length).toBe(data.segments.length);
    const log = after.audit.filter((a) => a.action === 'merge.resolve');
    expect(log).toHaveLength(1);
    expect(log[0]?.counts).toEqual({ ours: 2, theirs: 0, both: 0 });
  });

  it('"keep both" keeps ours and adds theirs under a new id', async () => {
    const { data, segs } = await withConflicts();
    render(<ConflictsScreen study={data.study} />);
    await screen.findAllByTestId('conflict', {}, { timeout: 10_000 });
    const first = screen.getAllByTestId('conflict').find((el) => el.getAttribute('data-record') === segs[0]?.id);
    if (!first) throw new Error('no conflict row');
    fireEvent.click(first.querySelector('[data-testid="choose-both"]') as Element);
    await waitFor(async () => expect((await demo()).conflicts).toHaveLength(1), { timeout: 10_000 });
    const after = await demo();
    expect(after.segments.length).toBe(data.segments.length + 1);
    expect(after.segments.filter((s) => s.quote === segs[0]?.quote).map((s) => s.valence).sort()).toEqual(['negative', 'positive']);
  });
});
