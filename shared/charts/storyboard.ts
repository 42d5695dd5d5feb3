import type { Code } from '../model/schema';
import type { PersonaItem, PersonaStage, QuoteRef } from '../analysis/journey';
import { CHART_STRINGS_NB, type ChartStrings } from './strings';
import { lightTheme, type Theme } from './theme';
import { charsFor, finishLayout, wrapText, type Layout, type Primitive } from './types';

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

/** "Kim" as a storyboard: one panel per stage with a representative quote and the top pains, helps and wishes. */
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

  persona.forEach((stage, k) => {
    const x = GAP + k * (pw + GAP);
    const y = GAP;
    const ph = height - 2 * GAP;
    p.push({ type: 'rect', x, y, w: pw, h: ph, rx: 8, fill: theme.cell, stroke: theme.border, role: 'panel', data: { stageId: stage.stageId } });
    p.push({ type: 'text', x: x + PAD, y: y + PAD + 12, text: stage.label, size: 14, weight: 'bold', anchor: 'start', fill: theme.text, role: 'stage-label' });
    let cy = y + PAD + 34;
    const chars = charsFor(pw - 2 * PAD, 10);
    const quote = panelQuote(stage, keep);
    if (quote) {
      for (const l of wrapText(`«${quote.quote}»`, chars, 6)) {
        p.push({ type: 'text', x: x + PAD, y: cy, text: l, size: 10, italic: true, anchor: 'start', fill: theme.text, role: 'quote' });
        cy += 13;
      }
      if (!opts.anonymous) p.push({ type: 'text', x: x + pw - PAD, y: cy, text: `— ${quote.interviewCode} ${quote.participantId}`, size: 9, anchor: 'end', fill: theme.mutedText, role: 'quote-source' });
      cy += opts.anonymous ? 8 : 18;
    } else {
      p.push({ type: 'text', x: x + PAD, y: cy, text: st.noData, size: 10, italic: true, anchor: 'start', fill: theme.mutedText, role: 'quote' });
      cy += 20;
    }
    const sections: [string, PersonaItem[], string][] = [
      [st.pains, stage.pains.filter(keep), theme.glyph.negative],
      [st.helps, stage.helps.filter(keep), theme.glyph.positive],
      [st.wishes, stage.wishes.filter(keep), '*'],
    ];
    for (const [title, items, glyph] of sections) {
      if (cy + 12 > y + ph - PAD) break;
      p.push({ type: 'text', x: x + PAD, y: cy, text: `${glyph} ${title}`, size: 10, weight: 'bold', anchor: 'start', fill: theme.text, role: 'section' });
      cy += 13;
      for (const item of items) {
        if (cy + 10 > y + ph - PAD) break;
        const t = itemText(item);
        p.push({ type: 'text', x: x + PAD + 8, y: cy, text: t.length > chars - 1 ? `${t.slice(0, chars - 2)}…` : t, size: 9, anchor: 'start', fill: theme.text, role: 'item' });
        cy += 12;
      }
      cy += 4;
    }
    table.rows.push([stage.label, stage.pains.filter(keep).map(itemText).join('; '), stage.helps.filter(keep).map(itemText).join('; '), stage.wishes.filter(keep).map(itemText).join('; '), quote ? (opts.anonymous ? `«${quote.quote}»` : `«${quote.quote}» (${quote.interviewCode} ${quote.participantId})`) : '']);
  });
  return finishLayout({ width, height, primitives: p, title: st.storyboardTitle, desc: persona.map((s) => s.label).join(' → '), table });
}
