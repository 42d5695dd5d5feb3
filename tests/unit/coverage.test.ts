import { describe, expect, it } from 'vitest';
import { interviewCoverage, siteCoverage } from '../../shared/analysis/coverage';
import type { GuideItem, GuideTick } from '../../shared/model';
import { exchangeStudy } from '../fixtures/exchange/study';

const AT = '2024-04-02T08:30:00.000Z';
const item = (id: string, stageId: string | null, situationId: string | null, codeIds: string[] = [], order = 0): GuideItem => ({ id, studyId: 'study-1', stageId, situationId, topic: id, questions: [], codeIds, order, updatedAt: AT });

describe('guide coverage', () => {
  it('derives coverage from coded segments; a tick wins either way; the site grid shows gaps', () => {
    const d = exchangeStudy();
    // Hand-checked against the fixture: s2 (iv-a) is situation info with codes c-web/c-info;
    // s4 (iv-b) is situation help; s1 (iv-a) and s5 (iv-b) have the default situation choice.
    const guide = [item('g-info', null, 'info', [], 0), item('g-help', null, 'help', [], 1), item('g-choice', null, 'choice', [], 2), item('g-web', null, null, ['c-web'], 3)];
    const ticks: GuideTick[] = [
      { id: 'iv-b:g-choice', studyId: 'study-1', interviewId: 'iv-b', itemId: 'g-choice', covered: true, by: 'coder-1', at: AT },
      { id: 'iv-a:g-web', studyId: 'study-1', interviewId: 'iv-a', itemId: 'g-web', covered: false, by: 'coder-1', at: AT },
    ];
    const per = interviewCoverage(guide, d.interviews, d.segments, ticks);
    expect(per.map((p) => [p.interviewId, p.items.map((i) => `${i.itemId}:${i.source}`)])).toEqual([
      ['iv-a', ['g-info:coded', 'g-help:none', 'g-choice:coded', 'g-web:unticked']],
      ['iv-b', ['g-info:none', 'g-help:coded', 'g-choice:ticked', 'g-web:none']],
    ]);
    const grid = siteCoverage(guide, d.interviews, d.segments, ticks);
    expect(grid).toEqual([{ site: 'Skien', interviews: 2, covered: [1, 1, 2, 0], gaps: 1 }]);
  });
});
