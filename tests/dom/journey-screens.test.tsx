// @vitest-environment jsdom
/**
 * The journey, presentation and satisfaction screens on the demo study, rendered from the data
 * (no database): expected numbers come from shared/analysis, so a wrong wiring fails.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { assessCounsellor } from '../../shared/model';
import { buildIndex, counsellorBreakdown, journeyMatrix } from '../../shared/analysis';
import { emotionCurveLayout } from '../../shared/charts';
import { initI18n } from '../../renderer/app/i18n';
import { JourneyBody } from '../../renderer/features/journey/JourneyScreen';
import { filterKey } from '../../renderer/features/journey/analysisCache';
import { PresentBody, kimPosition, stepFor } from '../../renderer/features/present/PresentScreen';
import { SatisfactionBody, defaultCombined } from '../../renderer/features/satisfaction/SatisfactionScreen';
import { buildDemoStudy } from '../../fixtures/demo/demo';

beforeAll(() => {
  initI18n('nb');
});
afterEach(cleanup);

const demo = buildDemoStudy();
const CODE_RE = /\b(YF|SF|OT|MS|VO|GS)-\d+/;

describe('journey screen', () => {
  it('shows stages × situations cells with n, and a group filter changes the numbers', () => {
    const index = buildIndex(demo);
    const { container } = render(<JourneyBody index={index} />);
    const cells = container.querySelectorAll('[data-testid="journey-map"] [role="button"][data-role="cell"]');
    expect(cells.length).toBe(demo.study.stages.length * demo.study.situations.length);
    const all = journeyMatrix(index, { kind: 'experience' }, { smallCell: demo.study.smallCellThreshold });
    const first = all.cells[0]![0]!;
    expect(cells[0]!.getAttribute('aria-label')).toContain(`n = ${first.segments} `);
    expect(screen.getByTestId('journey-total').textContent).toContain(`${all.total.segments} utsagn`);

    const group = demo.study.groups[0]!;
    fireEvent.change(screen.getByTestId('filter-group'), { target: { value: group.id } });
    const one = journeyMatrix(index, { kind: 'experience', groupIds: [group.id] }, { smallCell: demo.study.smallCellThreshold });
    expect(one.total.segments).toBeLessThan(all.total.segments);
    expect(screen.getByTestId('journey-total').textContent).toContain(`${one.total.segments} utsagn`);
  });

  it('Enter on a cell opens its quotes with interview code and participant', () => {
    const index = buildIndex(demo);
    const { container } = render(<JourneyBody index={index} />);
    const cell = container.querySelector('[data-testid="journey-map"] [role="button"][data-role="cell"]')!;
    fireEvent.keyDown(cell, { key: 'Enter' });
    const panel = screen.getByTestId('quote-panel');
    const items = within(panel).getAllByTestId('quote-item');
    expect(items.length).toBeGreaterThan(0);
    expect(items[0]!.querySelector('.quote-source')!.textContent).toMatch(/^(YF|SF|OT|MS|VO|GS)-\d+ P\d+$/);
  });

  it('as-is / to-be switches to wishes, small multiples draw one map per group, Kim appears', () => {
    const index = buildIndex(demo);
    render(<JourneyBody index={index} />);
    fireEvent.click(screen.getByLabelText('Ønsket (ønsker)'));
    expect(screen.getByRole('heading', { name: /ønsker per trinn/ })).toBeTruthy();
    const wishes = journeyMatrix(index, { kind: 'wish' }, { smallCell: 5 });
    expect(screen.getByTestId('journey-total').textContent).toContain(`${wishes.total.segments} utsagn`);
    fireEvent.click(screen.getByTestId('toggle-compare'));
    for (const g of demo.study.groups) expect(screen.getByTestId(`small-map-${g.id}`)).toBeTruthy();
    fireEvent.click(screen.getByTestId('toggle-persona'));
    expect(within(screen.getByTestId('persona-panel')).getAllByRole('article').length).toBe(demo.study.stages.length);
  });

  it('filter keys ignore order and empty lists', () => {
    expect(filterKey({ groupIds: ['b', 'a'], codeIds: [] })).toBe(filterKey({ groupIds: ['a', 'b'] }));
    expect(filterKey({ groupIds: ['a'] })).not.toBe(filterKey({ groupIds: ['b'] }));
  });
});

describe('presentation mode', () => {
  it('steps with the keyboard and never shows an interview code or P-number', () => {
    const index = buildIndex(demo);
    const onLeave = vi.fn();
    const { container } = render(<PresentBody index={index} onLeave={onLeave} />);
    const stage = () => screen.getByTestId('present-stage').textContent ?? '';
    expect(stage()).toContain(demo.study.stages[0]!.label);
    const seen: string[] = [];
    const press = (key: string) => act(() => { window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true })); });
    for (let i = 0; i < demo.study.stages.length; i++) {
      seen.push(container.textContent ?? '');
      press('ArrowRight');
    }
    expect(stage()).toContain(demo.study.stages.at(-1)!.label);
    press('Home');
    expect(stage()).toContain(demo.study.stages[0]!.label);
    press('End');
    expect(stage()).toContain(demo.study.stages.at(-1)!.label);
    press('PageUp');
    expect(stage()).toContain(demo.study.stages.at(-2)!.label);
    fireEvent.click(screen.getByTestId('view-storyboard'));
    seen.push(container.textContent ?? '');
    for (const text of seen) {
      expect(text).not.toMatch(CODE_RE);
      expect(text).not.toMatch(/\bP\d\b/);
    }
    expect(screen.getAllByTestId('present-storyboard').length).toBe(1);
    press('Escape');
    expect(onLeave).toHaveBeenCalledTimes(1);
  });

  it('suppresses small cells: no counts, no quotes', () => {
    const strict = { ...demo, study: { ...demo.study, smallCellThreshold: 20 } };
    const index = buildIndex(strict);
    render(<PresentBody index={index} onLeave={() => undefined} />);
    const cards = screen.getAllByTestId('stage-card');
    const suppressed = cards.filter((c) => c.classList.contains('suppressed'));
    expect(suppressed.length).toBeGreaterThan(0);
    for (const c of suppressed) {
      expect(c.textContent).toContain('Færre enn 20 informanter');
      expect(within(c).queryAllByTestId('quote-card')).toEqual([]);
      expect(c.textContent).not.toMatch(/utsagn/);
    }
  });

  it('keys map to steps; Kim stands on the stage point', () => {
    expect(stepFor('ArrowRight', 0, 5)).toBe(1);
    expect(stepFor('PageDown', 5, 5)).toBe(5);
    expect(stepFor('ArrowLeft', 0, 5)).toBe(0);
    expect(stepFor('End', 1, 5)).toBe(5);
    expect(stepFor('Escape', 1, 5)).toBe('leave');
    expect(stepFor('x', 1, 5)).toBeNull();
    const layout = emotionCurveLayout(
      [
        { stageId: 'a', label: 'A', n: 3, informants: 6, mean: 1, lo: 0.5, hi: 1, suppressed: false },
        { stageId: 'b', label: 'B', n: 0, informants: 0, mean: null, lo: null, hi: null, suppressed: true },
      ],
      { width: 400, height: 200, suppress: true },
    );
    const a = kimPosition(layout, 0);
    const b = kimPosition(layout, 1);
    expect(a.onCurve).toBe(true);
    expect(b.onCurve).toBe(false);
    expect(b.x).toBeGreaterThan(a.x);
    expect(a.y).toBeLessThan(b.y); // +1 is drawn above the 0-line
  });
});

describe('satisfaction screen', () => {
  it('reads the combined Vg2 row from the analysis, with decimal-comma Wilson intervals and the benchmark', () => {
    render(<SatisfactionBody data={demo} />);
    const ids = defaultCombined(demo.study.groups);
    const b = counsellorBreakdown(assessCounsellor(demo.interviews, demo.segments, demo.overrides, demo.study.counsellorActorId), demo.study.groups, { groupIds: ids, smallCell: 5 });
    const vg2 = b.combined!;
    const row = screen.getByTestId('satisfaction-table').querySelector('tr[data-row="combined"]')!;
    expect(row.querySelector('th')!.textContent).toContain('Vg2 samlet');
    for (const c of ['positive', 'mixed', 'negative'] as const) {
      const td = row.querySelector(`td[data-category="${c}"]`)!;
      expect(td.textContent).toContain(`${vg2.counts[c]} av ${vg2.n}`);
      const ci = vg2.intervals[c]!;
      const f = (x: number) => (x * 100).toFixed(1).replace('.', ',');
      expect(td.textContent).toContain(`${f(ci.lo)}–${f(ci.hi)} %`);
    }
    const summary = screen.getByTestId('combined-summary').textContent ?? '';
    expect(summary).toContain(`${vg2.counts.positive} av ${vg2.n} (sannsynlig område ${Math.round(vg2.intervals.positive!.lo * 100)}–${Math.round(vg2.intervals.positive!.hi * 100)} %)`);
    const bm = screen.getByTestId('benchmark').textContent ?? '';
    for (const c of demo.benchmarks[0]!.categories) expect(bm).toContain(`${c.percent} %`);
    expect(screen.getByTestId('benchmark-rounding').textContent).toContain('101 %');
    expect(screen.getByTestId('benchmark-differ')).toBeTruthy();
  });
});
