import { describe, expect, it } from 'vitest';
import {
  DEFAULT_GROUPS,
  assessCounsellor,
  deriveCounsellorCategory,
  interviewFromDraft,
  methodTable,
  participantsFor,
  selectableStatuses,
  validateDraft,
  type Interview,
  type Segment,
  type InterviewDraft,
} from '../../shared/model';

const NOW = '2021-03-01T10:00:00.000Z';

function iv(id: string, groupId: string, format: 'individual' | 'group', n = 1): Interview {
  return {
    id, studyId: 's', code: id.toUpperCase(), groupId, format, participants: participantsFor(n), mode: 'digital', date: null,
    interviewer: '', site: '', consent: true, notes: '', status: 'coded', createdAt: NOW, updatedAt: NOW,
  };
}

function seg(id: string, interviewId: string, participantId: string, valence: Segment['valence'], actorIds = ['radgiver'], kind: Segment['kind'] = 'experience'): Segment {
  return {
    id, studyId: 's', interviewId, participantId, start: 0, end: 1, quote: 'x', stageId: 'vg1', situationId: 'help', actorIds, valence, kind,
    codeIds: [], note: '', coderId: 'c1', anchor: 'ok', createdAt: NOW, updatedAt: NOW,
  };
}

describe('counsellor derivation rule (Brukerreisen Kim 2021)', () => {
  const table: [Segment['valence'][], string][] = [
    [[], 'not-discussed'],
    [[null], 'not-discussed'],
    [['positive'], 'positive'],
    [['positive', 'positive'], 'positive'],
    [['positive', 'mixed'], 'mixed'],
    [['mixed', 'positive', 'mixed'], 'mixed'],
    [['positive', 'negative'], 'negative'],
    [['mixed', 'negative', 'positive'], 'negative'],
    [['negative'], 'negative'],
  ];
  for (const [vals, want] of table) {
    it(`${JSON.stringify(vals)} → ${want}`, () => expect(deriveCounsellorCategory(vals)).toBe(want));
  }

  it('counts only experiences with the counsellor, per informant, and applies the newest override', () => {
    const ivs = [iv('a', 'yf-vg2', 'individual'), iv('g', 'sf-vg2', 'group', 3)];
    const segs = [
      seg('1', 'a', 'P1', 'positive'),
      seg('2', 'a', 'P1', 'negative', ['kontaktlaerer']), // not the counsellor: ignored
      seg('3', 'g', 'P1', 'mixed'),
      seg('4', 'g', 'P2', 'negative', ['radgiver'], 'wish'), // a wish: ignored
      seg('5', 'g', 'P2', 'positive'),
    ];
    const overrides = [
      { id: 'o1', studyId: 's', interviewId: 'g', participantId: 'P1', category: 'negative' as const, reason: 'old', by: 'K1', at: '2021-03-01T00:00:00Z' },
      { id: 'o2', studyId: 's', interviewId: 'g', participantId: 'P1', category: 'positive' as const, reason: 'newer', by: 'K1', at: '2021-03-02T00:00:00Z' },
    ];
    const got = assessCounsellor(ivs, segs, overrides, 'radgiver').map((a) => [a.informantKey, a.derived, a.category, a.evidence.map((e) => e.id)]);
    expect(got).toEqual([
      ['a:P1', 'positive', 'positive', ['1']],
      ['g:P1', 'mixed', 'positive', ['3']],
      ['g:P2', 'positive', 'positive', ['5']],
      ['g:P3', 'not-discussed', 'not-discussed', []],
    ]);
  });
});

describe('method table', () => {
  it('counts informants, not interviews, by group and format', () => {
    const t = methodTable(DEFAULT_GROUPS, [iv('a', 'yf-vg2', 'individual'), iv('b', 'yf-vg2', 'group', 5), iv('c', 'ot', 'group', 4), iv('d', 'unknown', 'individual')]);
    expect(t.rows.find((r) => r.groupId === 'yf-vg2')).toMatchObject({ individual: 1, group: 5, total: 6 });
    expect(t.rows.find((r) => r.groupId === 'ot')).toMatchObject({ individual: 0, group: 4, total: 4 });
    expect(t.total).toEqual({ individual: 1, group: 9, total: 10 });
  });
});

describe('interview drafts', () => {
  const base: InterviewDraft = { code: 'YF-01', groupId: 'yf-vg2', format: 'individual', participantCount: 1, mode: 'digital', date: '', interviewer: 'HÅ', site: '', consent: true, notes: '', status: 'planned' };
  const others = [{ id: 'x', code: 'YF-02' }];
  const cases: [Partial<typeof base>, string | null][] = [
    [{}, null],
    [{ code: '' }, 'common.required'],
    [{ code: '   ' }, 'common.required'],
    [{ code: 'Ola Nordmann' }, 'interviews.codeInvalid'],
    [{ code: 'yf-02' }, 'interviews.codeTaken'],
    [{ code: '-YF' }, 'interviews.codeInvalid'],
    [{ format: 'group', participantCount: 1 }, 'interviews.participantsHint'],
    [{ format: 'group', participantCount: 5 }, null],
    [{ date: '03.06.2021' }, 'common.dateFormat'],
  ];
  for (const [patch, key] of cases) {
    it(`${JSON.stringify(patch)} → ${key ?? 'valid'}`, () => {
      const issues = validateDraft({ ...base, ...patch }, others, null);
      expect(issues.map((i) => i.key)).toEqual(key ? [key] : []);
    });
  }
  it('editing keeps its own code valid and group interviews get P1…Pn', () => {
    expect(validateDraft({ ...base, code: 'YF-02' }, others, 'x')).toEqual([]);
    const v = interviewFromDraft({ ...base, format: 'group', participantCount: 3 }, { id: 'n', studyId: 's', createdAt: NOW }, NOW);
    expect(v.participants.map((p) => p.id)).toEqual(['P1', 'P2', 'P3']);
  });
  it('"anonymised" is never selectable before review', () => {
    expect(selectableStatuses('planned')).not.toContain('anonymised');
    expect(selectableStatuses('transcribed')).not.toContain('anonymised');
    expect(selectableStatuses('coded')).toEqual(['anonymised', 'coded', 'reviewed']);
  });
});
