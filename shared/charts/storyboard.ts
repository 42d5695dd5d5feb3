import type { Code } from '../model/schema';
import type { PersonaItem, PersonaStage, QuoteRef } from '../analysis/journey';
import { CHART_STRINGS_NB, type ChartStrings } from './strings';
import { lightTheme, type Theme } from './theme';
import { charsFor, finishLayout, fitText, type Layout, type Primitive } from './types';

export interface StoryboardOptions {
  width: number;
  height: number;
  theme?: Theme;
  strings?: ChartStrings;
  codes: readonly Code[];
  /** When set with suppress, items backed by fewer informants are left out (their quotes too). */
  smallCell?: number;
  suppress?: boolean;
  /**
   * Leave out who said a quote (interview code, P-number) in the panels and the table: for
   * presentations, where nothing may point at an interview or an informant.
   */
  anonymous?: boolean;
}

const GAP = 10;
const PAD = 8;

/** The quote a panel shows: the top pain's, else the top help's, else the top wish's. */
export function panelQuote(stage: PersonaStage, keep: (i: PersonaItem) => boolean = () => true): QuoteRef | null {
  for (const list of [stage.pains, stage.helps, stage.wishes]) for (const item of list) if (keep(item) && item.quote) return item.quote;
  return null;
}

/** The wish texts of a stage: each wish item's quote (a wish segment's own words), once per segment. */
export function wishTexts(stage: PersonaStage, keep: (i: PersonaItem) => boolean = () => true, skip?: string): QuoteRef[] {
  const seen = new Set<string>(skip ? [skip] : []);
  const out: QuoteRef[] = [];
  for (const item of stage.wishes) {
    if (!keep(item) || !item.quote || seen.has(item.quote.segmentId)) continue;
    seen.add(item.quote.segmentId);
    out.push(item.quote);
  }
  return out;
}

/**
 * "Kim" as a storyboard: one panel per stage with a representative quote, the top pains and helps
 * (code and count) and the wishes in the informants' own words (the text of wish segments). A
 * heading is drawn only with at least one line under it, and nothing is cut mid-word: the full
 * text of a shortened line is its title and is in the table.
 */
export function storyboardLayout(persona: readonly PersonaStage[], opts: StoryboardOptions): Layout {
  const theme = opts.theme ?? lightTheme;
  const st = opts.strings ?? CHART_STRINGS_NB;
  const { width, height } = opts;
  const codeName = new Map(opts.codes.map((c) => [c.id, c.name] as const));
  const keep = (i: PersonaItem): boolean => !(opts.suppress && opts.smallCell !== undefined && i.informants < opts.smallCell);
  const n = Math.max(1, persona.length);
  const pw = (width - GAP * (n + 1)) / n;
  const p: Primitive[] = [];
  const table = { header: [st.stage, st.pains, st.helps, st.wishes, ''], rows: [] as string[][] };
  const itemText = (i: PersonaItem): string => `${i.codeId === null ? st.uncoded : (codeName.get(i.codeId) ?? i.codeId)} (${i.n})`;
  const source = (q: QuoteRef): string => (opts.anonymous ? '' : ` (${q.interviewCode} ${q.participantId})`);

  persona.forEach((stage, k) => {
    const x = GAP + k * (pw + GAP);
    const y = GAP;
    const ph = height - 2 * GAP;
    const bottom = y + ph - PAD;
    p.push({ type: 'rect', x, y, w: pw, h: ph, rx: 8, fill: theme.cell, stroke: theme.border, role: 'panel', data: { stageId: stage.stageId } });
    p.push({ type: 'text', x: x + PAD, y: y + PAD + 12, text: stage.label, size: 14, weight: 'bold', anchor: 'start', fill: theme.text, role: 'stage-label' });
    let cy = y + PAD + 34;
    const chars = charsFor(pw - 2 * PAD, 10);
    const quote = panelQuote(stage, keep);
    if (quote) {
      const q = fitText(`«${quote.quote}»`, chars, 6);
      for (const l of q.lines) {
        p.push({ type: 'text', x: x + PAD, y: cy, text: l, ...(q.cut ? { title: quote.quote } : {}), size: 10, italic: true, anchor: 'start', fill: theme.text, role: 'quote' });
        cy += 13;
      }
      if (!opts.anonymous) p.push({ type: 'text', x: x + pw - PAD, y: cy, text: `— ${quote.interviewCode} ${quote.participantId}`, size: 9, anchor: 'end', fill: theme.mutedText, role: 'quote-source' });
      cy += opts.anonymous ? 8 : 18;
    } else {
      p.push({ type: 'text', x: x + PAD, y: cy, text: st.noData, size: 10, italic: true, anchor: 'start', fill: theme.mutedText, role: 'quote' });
      cy += 20;
    }
    const itemChars = charsFor(pw - 2 * PAD - 8, 9);
    const lists: { title: string; lines: { text: string; full: string; cut: boolean }[][]; role: string }[] = [
      { title: `${theme.glyph.negative} ${st.pains}`, role: 'item', lines: stage.pains.filter(keep).map((i) => { const f = fitText(itemText(i), itemChars, 1); return f.lines.map((l) => ({ text: l, full: itemText(i), cut: f.cut })); }) },
      { title: `${theme.glyph.positive} ${st.helps}`, role: 'item', lines: stage.helps.filter(keep).map((i) => { const f = fitText(itemText(i), itemChars, 1); return f.lines.map((l) => ({ text: l, full: itemText(i), cut: f.cut })); }) },
      { title: `* ${st.wishes}`, role: 'wish', lines: wishTexts(stage, keep, quote?.segmentId).map((w) => { const f = fitText(`«${w.quote}»`, itemChars, 5); return f.lines.map((l) => ({ text: l, full: w.quote, cut: f.cut })); }) },
    ];
    for (const list of lists) {
      const first = list.lines[0];
      // No heading without a line under it: an empty "Ønsker" says nothing (issue 22).
      if (!first || cy + 13 + first.length * 12 > bottom) continue;
      p.push({ type: 'text', x: x + PAD, y: cy, text: list.title, size: 10, weight: 'bold', anchor: 'start', fill: theme.text, role: 'section' });
      cy += 13;
      for (const entry of list.lines) {
        if (cy + entry.length * 12 > bottom) break;
        for (const l of entry) {
          p.push({ type: 'text', x: x + PAD + 8, y: cy, text: l.text, ...(l.cut ? { title: l.full } : {}), size: 9, italic: list.role === 'wish', anchor: 'start', fill: theme.text, role: list.role });
          cy += 12;
        }
        if (list.role === 'wish') cy += 3;
      }
      cy += 4;
    }
    const wishes = wishTexts(stage, keep).map((w) => `«${w.quote}»${source(w)}`).join('; ');
    table.rows.push([stage.label, stage.pains.filter(keep).map(itemText).join('; '), stage.helps.filter(keep).map(itemText).join('; '), wishes, quote ? `«${quote.quote}»${source(quote)}` : '']);
  });
  return finishLayout({ width, height, primitives: p, title: st.storyboardTitle, desc: persona.map((s) => s.label).join(' → '), table });
}
