import { randomLcg } from 'd3';
import { describe, expect, it } from 'vitest';
import { assessCounsellor, newStudy, type Benchmark, type Code, type Interview, type Segment, type StudyData } from '../../shared/model';
import { benchmarkComparison, buildIndex, codeFrequencies, counsellorBreakdown, emotionCurve, journeyMatrix, personaKim } from '../../shared/analysis';
import {
  CHART_STRINGS_EN,
  codeFrequencyLayout,
  emotionCurveLayout,
  escapeXml,
  highContrastTheme,
  journeyMapLayout,
  layoutToSvg,
  satisfactionBarsLayout,
  storyboardLayout,
  wrapText,
  type Layout,
  type Primitive,
} from '../../shared/charts';

const NOW = '2021-05-01T10:00:00.000Z';
const WORDS = ['rådgiveren', 'sa', 'at', 'jeg', 'burde', 'velge', 'studiespesialisering', 'men', 'ingen', 'spurte', 'hva', 'jeg', 'ville', 'bli', 'læreren', 'hjalp', 'meg', '<&>"'];

/** A seeded synthetic study: same seed, same study, same snapshot. */
function seeded(seed: number): StudyData {
  const rnd = randomLcg(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const study = newStudy('s', 'Snapshot', NOW);
  const codes: Code[] = [
    { id: 'k-info', studyId: 's', parentId: null, name: 'Informasjon', color: '#0072B2', definition: '', examples: [], order: 0 },
    { id: 'k-info-web', studyId: 's', parentId: 'k-info', name: 'Nettsider', color: '#56B4E9', definition: '', examples: [], order: 0 },
    { id: 'k-press', studyId: 's', parentId: null, name: 'Press fra familie', color: '#CC79A7', definition: '', examples: [], order: 1 },
    { id: 'k-tid', studyId: 's', parentId: null, name: 'Tid med rådgiver', color: '#E69F00', definition: '', examples: [], order: 2 },
  ];
  const interviews: Interview[] = study.groups.flatMap((g, gi) =>
    Array.from({ length: 3 }, (_, i): Interview => ({
      id: `${g.prefix}-${i + 1}`, studyId: 's', code: `${g.prefix}-0${i + 1}`, groupId: g.id, format: i === 2 ? 'group' : 'individual', mode: 'in-person',
      date: null, interviewer: '', site: '', consent: true, notes: '', status: 'coded', createdAt: NOW, updatedAt: NOW,
      participants: Array.from({ length: i === 2 ? 2 + (gi % 3) : 1 }, (_p, k) => ({ id: `P${k + 1}`, note: '' })),
    })),
  );
  const segments: Segment[] = Array.from({ length: 160 }, (_, i) => {
    const iv = pick(interviews);
    const len = 4 + Math.floor(rnd() * 30);
    return {
      id: `seg-${String(i).padStart(3, '0')}`, studyId: 's', interviewId: iv.id, participantId: pick(iv.participants).id, start: i * 10, end: i * 10 + 8,
      quote: Array.from({ length: len }, () => pick(WORDS)).join(' '), stageId: pick(study.stages).id, situationId: pick(study.situations).id,
      actorIds: rnd() < 0.4 ? ['radgiver'] : ['familie'], valence: pick(['positive', 'mixed', 'negative', 'negative'] as const), kind: rnd() < 0.15 ? 'wish' : 'experience',
      codeIds: [pick(codes).id, ...(rnd() < 0.3 ? [pick(codes).id] : [])].filter((c, k, a) => a.indexOf(c) === k), note: '', coderId: 'coder-1', anchor: 'ok', createdAt: NOW, updatedAt: NOW,
    };
  });
  return { study, codes, interviews, transcripts: [], segments, overrides: [], benchmarks: [], audit: [], terms: [], pseudonyms: [] };
}

const UNGDATA: Benchmark = {
  id: 'b', studyId: 's', name: 'Ungdata: fornøyd med rådgiver', source: 'Ungdata Telemark', year: 2018, n: 7000, nApprox: true, population: '', question: '',
  categories: [
    { label: 'Svært eller ganske fornøyd', percent: 54, mapsTo: 'positive' },
    { label: 'Litt fornøyd', percent: 39, mapsTo: 'mixed' },
    { label: 'Ikke fornøyd', percent: 8, mapsTo: 'negative' },
  ],
};

function allNumbers(p: Primitive): number[] {
  return Object.values(p).flatMap((v) => (typeof v === 'number' ? [v] : Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : []));
}
function expectRounded(layout: Layout): void {
  for (const p of layout.primitives) for (const v of allNumbers(p)) expect(Math.abs(v * 100 - Math.round(v * 100))).toBeLessThan(1e-6);
  for (const p of layout.primitives) if (p.type === 'path') for (const m of p.d.match(/\d+\.\d+/g) ?? []) expect(m.split('.')[1]!.length).toBeLessThanOrEqual(2);
}
const texts = (l: Layout): string[] => l.primitives.flatMap((p) => (p.type === 'text' ? [p.text] : []));

const data = seeded(42);
const index = buildIndex(data);

describe('journeyMapLayout', () => {
  const matrix = journeyMatrix(index, {}, { smallCell: 5 });
  it('matches the SVG snapshot (presentation, light theme)', () => {
    const layout = journeyMapLayout(matrix, data, { width: 960, height: 560, suppress: true });
    expectRounded(layout);
    expect(layoutToSvg(layout)).toMatchSnapshot();
  });
  it('hides counts of small cells in presentations but shows them greyed for the researcher', () => {
    const small = journeyMatrix(index, {}, { smallCell: 8 });
    const r = small.cells.findIndex((row) => row.some((c) => c.suppressed && c.segments > 0));
    expect(r).toBeGreaterThanOrEqual(0);
    const c = small.cells[r]!.findIndex((cell) => cell.suppressed && cell.segments > 0);
    const cell = small.cells[r]![c]!;
    const shown = journeyMapLayout(small, data, { width: 960, height: 560, suppress: true });
    const rect = shown.primitives.find((p) => p.type === 'rect' && p.data?.stageId === cell.stageId && p.data?.situationId === cell.situationId);
    expect(rect).toMatchObject({ role: 'cell-suppressed', data: { suppressed: true } });
    expect(rect && 'data' in rect && rect.data && 'segments' in rect.data).toBe(false);
    const screen = journeyMapLayout(small, data, { width: 960, height: 560, suppress: false });
    const rect2 = screen.primitives.find((p) => p.type === 'rect' && p.data?.stageId === cell.stageId && p.data?.situationId === cell.situationId);
    expect(rect2).toMatchObject({ role: 'cell', data: { segments: cell.segments, suppressed: true } });
    expect(shown.table.rows[r]![c + 1]).toBe('Færre enn 8 informanter');
  });
  it('gives every valence bar segment a glyph as a second cue, and a legend', () => {
    const layout = journeyMapLayout(matrix, data, { width: 960, height: 560, suppress: false });
    const bars = layout.primitives.filter((p) => p.type === 'rect' && p.role?.startsWith('bar-') && p.w >= 14 * 0.9);
    const glyphs = layout.primitives.filter((p) => p.type === 'text' && p.role?.startsWith('glyph-'));
    expect(bars.length).toBeGreaterThan(0);
    expect(glyphs.length).toBe(bars.length);
    expect(texts(layout)).toEqual(expect.arrayContaining(['Positiv', 'OK, men kunne vært bedre', 'Negativ', '+', '~', '−']));
  });
});

describe('emotionCurveLayout', () => {
  it('matches the SVG snapshot (high contrast, English)', () => {
    const curve = emotionCurve(index, {}, { smallCell: 3 });
    const layout = emotionCurveLayout(curve, { width: 720, height: 320, suppress: true, smallCell: 3, theme: highContrastTheme, strings: CHART_STRINGS_EN });
    expectRounded(layout);
    expect(layout.primitives.some((p) => p.type === 'path' && p.role === 'curve' && p.d.startsWith('M'))).toBe(true);
    expect(layout.primitives.some((p) => p.role === 'interval-band')).toBe(true);
    expect(layout.table.rows).toHaveLength(6);
    expect(layoutToSvg(layout)).toMatchSnapshot();
  });
  it('breaks the line at a stage without data instead of bridging it', () => {
    const curve = emotionCurve(index, {}, { smallCell: 1 }).map((c, i) => (i === 2 ? { ...c, n: 0, mean: null, lo: null, hi: null } : c));
    const layout = emotionCurveLayout(curve, { width: 720, height: 320, suppress: false });
    const d = layout.primitives.find((p) => p.type === 'path' && p.role === 'curve');
    expect(d && d.type === 'path' && (d.d.match(/M/g) ?? []).length).toBe(2);
    expect(layout.primitives.filter((p) => p.type === 'circle')).toHaveLength(5);
  });
});

describe('satisfactionBarsLayout', () => {
  const assessments = assessCounsellor(data.interviews, data.segments, [], 'radgiver');
  const breakdown = counsellorBreakdown(assessments, data.study.groups, { groupIds: ['yf-vg2', 'sf-vg2'], combinedId: 'vg2', combinedLabel: 'Vg2', smallCell: 3 });
  const bench = benchmarkComparison(UNGDATA);
  const layout = satisfactionBarsLayout(breakdown, bench, { width: 720, suppress: true, valenceLabels: data.study.valenceLabels });
  it('matches the SVG snapshot', () => {
    expectRounded(layout);
    expect(layoutToSvg(layout)).toMatchSnapshot();
  });
  it('draws the benchmark apart, dashed, with its source, n ≈ 7000 and both notes', () => {
    const bm = layout.primitives.filter((p) => p.type === 'rect' && p.role === 'benchmark');
    expect(bm).toHaveLength(3);
    for (const r of bm) expect(r).toMatchObject({ dash: [4, 3] });
    const t = texts(layout);
    expect(t).toContain('Ungdata Telemark, 2018, n ≈ 7000');
    expect(t.join(' ')).toContain('Kategoriene er ikke de samme');
    expect(t.join(' ')).toContain('Summerer til 101 % på grunn av avrunding i kilden.');
    expect(t).toEqual(expect.arrayContaining(['Litt fornøyd']));
  });
  it('draws a Wilson whisker per category of every shown row', () => {
    const shownRows = [breakdown.combined!, ...breakdown.groups].filter((r) => !r.suppressed && r.n > 0);
    const whiskerLines = layout.primitives.filter((p) => p.type === 'line' && p.role?.startsWith('whisker-'));
    expect(whiskerLines).toHaveLength(shownRows.length * 3 * 3);
  });
});

describe('codeFrequencyLayout and storyboardLayout', () => {
  it('match their SVG snapshots', () => {
    const freq = codeFrequencyLayout(codeFrequencies(index, {}), data.codes, { width: 600 });
    const story = storyboardLayout(personaKim(index, {}), { width: 1100, height: 420, codes: data.codes });
    expectRounded(freq);
    expectRounded(story);
    expect(freq.table.rows.map((r) => r[0])).toEqual(['Informasjon', 'Nettsider', 'Press fra familie', 'Tid med rådgiver']);
    expect(story.primitives.filter((p) => p.role === 'panel')).toHaveLength(6);
    expect(layoutToSvg(freq)).toMatchSnapshot();
    expect(layoutToSvg(story)).toMatchSnapshot();
  });
});

describe('layoutToSvg', () => {
  it('escapes text and attributes', () => {
    expect(escapeXml(`<script>"x" & 'y'</script>\u0001`)).toBe('&lt;script&gt;&quot;x&quot; &amp; &apos;y&apos;&lt;/script&gt;');
    const svg = layoutToSvg({ width: 10, height: 10, title: 'a<b', desc: '&', table: { header: [], rows: [] }, primitives: [
      { type: 'text', x: 1, y: 2, text: '</text><script>alert(1)</script>', size: 10, anchor: 'start', fill: 'red" onload="x' },
      { type: 'rect', x: 0, y: 0, w: 1, h: 1, fill: '#000', title: '<b>' },
    ] });
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('" onload');
    expect(svg).toContain('<title id="chart-title">a&lt;b</title>');
    expect(svg).toContain('&lt;/text&gt;&lt;script&gt;');
  });
  it('wraps text on words and cuts only over-long words', () => {
    expect(wrapText('en to tre fire', 7)).toEqual(['en to', 'tre', 'fire']);
    expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    // The last kept line ends at a whole word with the ellipsis (issue 22: never mid-word).
    expect(wrapText('a b c d e f', 3, 2)).toEqual(['a b', 'c…']);
  });
});
