// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { buildIndex, journeyMatrix, personaKim } from '../../shared/analysis';
import { journeyMapLayout, storyboardLayout, type Layout } from '../../shared/charts';
import { ChartSvg } from '../../renderer/components/chart/ChartSvg';
import { ChartFigure } from '../../renderer/components/chart/ChartFigure';
import { chartFileName, exportSvg } from '../../renderer/components/chart/exportChart';
import type { Platform } from '../../renderer/platform';
import { initI18n } from '../../renderer/app/i18n';
import { buildDemoStudy } from '../../fixtures/demo/demo';

beforeAll(() => {
  initI18n('nb');
});
afterEach(cleanup);

const tiny: Layout = {
  width: 200,
  height: 100,
  title: 'Tittel',
  desc: 'Beskrivelse',
  table: { header: ['Rad', 'Verdi'], rows: [['a', '1'], ['b', '2']] },
  primitives: [
    { type: 'rect', x: 0, y: 0, w: 50, h: 20, fill: '#fff', role: 'cell', title: 'celle A', data: { stageId: 's1', situationId: 'x' } },
    { type: 'rect', x: 60, y: 0, w: 50, h: 20, fill: '#eee', role: 'bar-positive', title: 'stolpe' },
    { type: 'text', x: 5, y: 50, text: 'hei', size: 10, anchor: 'start', fill: '#000', baseline: 'middle', italic: true, role: 'label' },
    { type: 'line', x1: 0, y1: 90, x2: 200, y2: 90, stroke: '#000', width: 1, dash: [3, 3], role: 'grid' },
    { type: 'path', d: 'M0 0 L10 10', stroke: '#00f', width: 2, role: 'curve' },
    { type: 'circle', cx: 10, cy: 10, r: 3, fill: '#00f', role: 'point', title: 'punkt' },
  ],
};

function fakeDoor(): Platform & { saved: { bytes: Uint8Array; name: string }[] } {
  const saved: { bytes: Uint8Array; name: string }[] = [];
  return {
    kind: 'browser',
    saved,
    saveFile: vi.fn(async (bytes: Uint8Array, name: string) => {
      saved.push({ bytes, name });
      return { ok: true as const, name };
    }),
    openFile: vi.fn(),
    appInfo: vi.fn(),
    onMenuCommand: () => () => undefined,
    writeBackup: vi.fn(),
    listBackups: vi.fn(),
    readBackup: vi.fn(),
  } as unknown as Platform & { saved: { bytes: Uint8Array; name: string }[] };
}

describe('ChartSvg', () => {
  it('draws every primitive with its role, dash and text cues', () => {
    const { container } = render(<ChartSvg layout={tiny} />);
    const svg = container.querySelector('svg')!;
    expect(svg.getAttribute('viewBox')).toBe('0 0 200 100');
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.querySelector('title')?.textContent).toBe('Tittel');
    for (const role of ['cell', 'bar-positive', 'label', 'grid', 'curve', 'point']) expect(svg.querySelector(`[data-role="${role}"]`), role).not.toBeNull();
    expect(svg.querySelector('[data-role="grid"]')?.getAttribute('stroke-dasharray')).toBe('3 3');
    const text = svg.querySelector('[data-role="label"]')!;
    expect(text.textContent).toBe('hei');
    expect(text.getAttribute('font-style')).toBe('italic');
    expect(text.getAttribute('dominant-baseline')).toBe('central');
    expect(svg.querySelectorAll('[role="button"]').length).toBe(0);
  });

  it('makes only the listed roles buttons, activated by click, Enter and Space', () => {
    const onActivate = vi.fn();
    const { container } = render(<ChartSvg layout={tiny} interactiveRoles={['cell']} onActivate={onActivate} isSelected={(p) => p.data?.stageId === 's1'} />);
    const buttons = container.querySelectorAll('[role="button"]');
    expect(buttons.length).toBe(1);
    const cell = buttons[0]!;
    expect(cell.getAttribute('tabindex')).toBe('0');
    expect(cell.getAttribute('aria-label')).toBe('celle A');
    expect(cell.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(cell);
    fireEvent.keyDown(cell, { key: 'Enter' });
    fireEvent.keyDown(cell, { key: ' ' });
    fireEvent.keyDown(cell, { key: 'a' });
    expect(onActivate).toHaveBeenCalledTimes(3);
    expect(onActivate.mock.calls[0]![0].data).toEqual({ stageId: 's1', situationId: 'x' });
    expect(container.querySelector('svg')!.getAttribute('role')).toBe('group');
  });
});

describe('ChartFigure', () => {
  it('"Vis som tabell" swaps the picture for the layout table and back', () => {
    render(<ChartFigure layout={tiny} heading="Overskrift" fileBase="x" />);
    const toggle = screen.getByRole('button', { name: 'Vis som tabell' });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(toggle);
    const table = screen.getByTestId('chart-table');
    const rows = [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(rows).toEqual(tiny.table.rows);
    expect([...table.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(tiny.table.header);
    fireEvent.click(screen.getByRole('button', { name: 'Vis som diagram' }));
    expect(screen.queryByTestId('chart-table')).toBeNull();
  });
});

describe('export', () => {
  it('SVG export writes layoutToSvg text through the platform door', async () => {
    const door = fakeDoor();
    const res = await exportSvg(tiny, 'Reisekart: trinn & situasjon', '#FFFFFF', door);
    expect(res.ok).toBe(true);
    const text = new TextDecoder().decode(door.saved[0]!.bytes);
    expect(text.startsWith('<svg')).toBe(true);
    expect(text).toContain('data-role="curve"');
    expect(door.saved[0]!.name).toBe('reisekart-trinn-situasjon.svg');
  });

  it('file names are safe slugs with æøå folded', () => {
    expect(chartFileName('Opplevelseskurve – Vg2 / Ønsker', 'png')).toBe('opplevelseskurve-vg2-onsker.png');
    expect(chartFileName('../..', 'svg')).toBe('diagram.svg');
  });
});

describe('journey map layout on the demo', () => {
  it('has one interactive cell per stage × situation', () => {
    const demo = buildDemoStudy();
    const index = buildIndex(demo);
    const m = journeyMatrix(index, { kind: 'experience' }, { smallCell: 5 });
    const layout = journeyMapLayout(m, demo, { width: 1100, height: 460, suppress: false });
    const { container } = render(<ChartSvg layout={layout} interactiveRoles={['cell']} onActivate={() => undefined} />);
    expect(container.querySelectorAll('[role="button"]').length).toBe(demo.study.stages.length * demo.study.situations.length);
  });
});

describe('storyboard (additive option: anonymous)', () => {
  const demo = buildDemoStudy();
  const index = buildIndex(demo);
  const persona = personaKim(index, { kind: 'all' });
  const codeRe = /\b(YF|SF|OT|MS|VO|GS)-\d+/;
  const text = (l: Layout): string => [...l.primitives.map((p) => (p.type === 'text' ? p.text : '')), ...l.table.rows.flat()].join('\n');

  it('names the interview and participant by default (researcher view)', () => {
    const l = storyboardLayout(persona, { width: 960, height: 400, codes: demo.codes });
    expect(text(l)).toMatch(codeRe);
  });

  it('anonymous: no interview code and no P-number in panels or table', () => {
    const l = storyboardLayout(persona, { width: 960, height: 400, codes: demo.codes, anonymous: true, suppress: true, smallCell: 5 });
    expect(text(l)).not.toMatch(codeRe);
    expect(text(l)).not.toMatch(/\bP\d\b/);
    expect(l.primitives.some((p) => p.role === 'quote')).toBe(true);
    expect(l.primitives.some((p) => p.role === 'quote-source')).toBe(false);
  });
});
