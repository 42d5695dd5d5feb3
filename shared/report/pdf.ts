/**
 * The document model → PDF bytes with jsPDF: title page, table of contents with page numbers and
 * links, sections on their own page size (the journey map and the storyboard on landscape pages),
 * tables with jspdf-autotable, charts as vectors through paint.ts, a running header with the report
 * title and "Side 3 av 12" in the footer, document properties and language. Pure: no DOM, no files.
 */
import { jsPDF } from 'jspdf';
import { autoTable, type RowInput } from 'jspdf-autotable';
import type { Valence } from '../model/schema';
import { lightTheme } from '../charts/theme';
import { fmtDate } from './format';
import { REPORT_FONT, registerFonts, type ReportFonts } from './fonts';
import { CONTENT_BOTTOM_GAP, CONTENT_TOP, FOOTER_Y_GAP, HEADER_Y, MARGIN_X, SECTION_TITLE_H, pageSize } from './geometry';
import { reportLabels, tpl } from './labels';
import { paintLayout } from './paint';
import type { Block, PageSpec, ReportDoc, ReportSection } from './types';

const T = lightTheme;
/** Accent: Okabe–Ito blue, the theme's line colour (white on it is 5.3:1). */
const ACCENT = T.line;
const BODY = 10;
const LEADING = 1.42;

interface Cursor {
  y: number;
  spec: PageSpec;
}

export interface RenderOutput {
  bytes: Uint8Array;
  pages: number;
  /** Page number where each section starts (the TOC prints these). */
  sectionPages: number[];
  /** Paths the painter could not parse (0 expected). */
  skippedPrimitives: number;
}

function addPage(doc: jsPDF, spec: PageSpec): void {
  doc.addPage(spec.format, spec.orientation);
}

function bottomOf(spec: PageSpec): number {
  return pageSize(spec).h - CONTENT_BOTTOM_GAP;
}

function widthOf(spec: PageSpec): number {
  return pageSize(spec).w - 2 * MARGIN_X;
}

/** Move to a new page of the same size when `h` pt do not fit below the cursor. */
function ensure(doc: jsPDF, c: Cursor, h: number): void {
  if (c.y + h <= bottomOf(c.spec) || c.y <= CONTENT_TOP + 1) return;
  addPage(doc, c.spec);
  c.y = CONTENT_TOP;
}

function font(doc: jsPDF, weight: 'normal' | 'bold', size: number, colour: string): void {
  doc.setFont(REPORT_FONT, weight);
  doc.setFontSize(size);
  doc.setTextColor(colour);
}

/** Wrapped lines of `text` (honouring \n) at the current font, for `width` pt. */
function lines(doc: jsPDF, text: string, width: number): string[] {
  return text.split('\n').flatMap((l) => (l.trim() === '' ? [''] : (doc.splitTextToSize(l, width) as string[])));
}

function drawLines(doc: jsPDF, c: Cursor, ls: readonly string[], x: number, size: number): void {
  const lh = size * LEADING;
  for (const l of ls) {
    ensure(doc, c, lh);
    doc.text(l, x, c.y + size);
    c.y += lh;
  }
}

function paragraph(doc: jsPDF, c: Cursor, text: string, style: 'body' | 'note' | 'lead'): void {
  const size = style === 'note' ? 8.5 : style === 'lead' ? 10.5 : BODY;
  font(doc, style === 'lead' ? 'bold' : 'normal', size, style === 'note' ? T.mutedText : T.text);
  drawLines(doc, c, lines(doc, text, widthOf(c.spec)), MARGIN_X, size);
  c.y += style === 'lead' ? 4 : 7;
}

function subheading(doc: jsPDF, c: Cursor, text: string): void {
  // Keep a heading with at least a few lines of what follows.
  ensure(doc, c, 60);
  c.y += 6;
  font(doc, 'bold', 12, T.text);
  drawLines(doc, c, lines(doc, text, widthOf(c.spec)), MARGIN_X, 12);
  c.y += 3;
}

function table(doc: jsPDF, c: Cursor, b: Extract<Block, { kind: 'table' }>): void {
  ensure(doc, c, 50);
  const w = widthOf(c.spec);
  const columnStyles: Record<number, { halign?: 'left' | 'right' | 'center'; cellWidth?: number }> = {};
  b.head.forEach((_h, i) => {
    const halign = b.align?.[i];
    const width = b.widths?.[i];
    columnStyles[i] = { ...(halign ? { halign } : {}), ...(width ? { cellWidth: width * w } : {}) };
  });
  autoTable(doc, {
    startY: c.y,
    head: [b.head],
    body: b.rows as RowInput[],
    ...(b.foot ? { foot: b.foot as RowInput[] } : {}),
    showFoot: 'lastPage',
    margin: { left: MARGIN_X, right: MARGIN_X, top: CONTENT_TOP, bottom: CONTENT_BOTTOM_GAP },
    tableWidth: w,
    theme: 'plain',
    styles: { font: REPORT_FONT, fontStyle: 'normal', fontSize: 8.5, cellPadding: { top: 3.5, bottom: 3.5, left: 5, right: 5 }, textColor: T.text, lineColor: T.grid, lineWidth: { bottom: 0.5 }, overflow: 'linebreak', valign: 'top' },
    headStyles: { font: REPORT_FONT, fontStyle: 'bold', fillColor: ACCENT, textColor: '#FFFFFF', lineWidth: 0 },
    footStyles: { font: REPORT_FONT, fontStyle: 'bold', fillColor: '#EEF3F8', textColor: T.text, lineWidth: { top: 1 }, lineColor: T.text },
    alternateRowStyles: { fillColor: '#F7F7F7' },
    columnStyles,
    didParseCell: (data) => {
      // Head cells follow their column's alignment so numbers line up under their titles.
      const halign = b.align?.[data.column.index];
      if (data.section !== 'body' && halign) data.cell.styles.halign = halign;
      if (data.section === 'body' && b.strongRows?.includes(data.row.index)) data.cell.styles.fontStyle = 'bold';
    },
  });
  const last = (doc as unknown as { lastAutoTable?: { finalY?: number } }).lastAutoTable;
  c.y = (last?.finalY ?? c.y) + 4;
  if (b.caption) {
    font(doc, 'normal', 8, T.mutedText);
    drawLines(doc, c, lines(doc, b.caption, w), MARGIN_X, 8);
  }
  c.y += 8;
}

function chart(doc: jsPDF, c: Cursor, b: Extract<Block, { kind: 'chart' }>): number {
  const full = bottomOf(c.spec) - CONTENT_TOP;
  let scale = Math.min(1, widthOf(c.spec) / b.layout.width);
  if (b.layout.height * scale > full) scale = full / b.layout.height;
  const room = bottomOf(c.spec) - c.y;
  // Shrink a little rather than leave most of a page empty; otherwise start a new page.
  if (b.layout.height * scale > room && room / b.layout.height >= 0.85 * scale) scale = room / b.layout.height;
  ensure(doc, c, b.layout.height * scale);
  const x = MARGIN_X + (widthOf(c.spec) - b.layout.width * scale) / 2;
  const r = paintLayout(doc, b.layout, { x, y: c.y, scale, font: REPORT_FONT });
  c.y += b.layout.height * scale + 10;
  return r.skipped;
}

function quote(doc: jsPDF, c: Cursor, b: Extract<Block, { kind: 'quote' }>): void {
  const indent = 18;
  const w = widthOf(c.spec) - indent - 6;
  font(doc, 'normal', 9.5, T.text);
  const ls = lines(doc, `«${b.text}»`, w);
  const h = ls.length * 9.5 * LEADING + 13;
  // A quote is kept whole on one page (they are short); only one longer than a page may break.
  ensure(doc, c, Math.min(h, bottomOf(c.spec) - CONTENT_TOP));
  const page = doc.getNumberOfPages();
  const top = c.y;
  const v: Valence | null = b.valence;
  drawLines(doc, c, ls, MARGIN_X + indent, 9.5);
  font(doc, 'normal', 8, T.mutedText);
  doc.text(`— ${b.source}`, MARGIN_X + indent + w, c.y + 8, { align: 'right' });
  c.y += 12;
  // The bar beside the quote: valence colour, and its glyph as the non-colour cue.
  const barTop = doc.getNumberOfPages() === page ? top : CONTENT_TOP;
  doc.setFillColor(v ? T.valence[v] : T.grid);
  doc.rect(MARGIN_X, barTop + 1, 3, Math.max(8, c.y - barTop - 4), 'F');
  if (v) {
    font(doc, 'bold', 9, T.text);
    doc.text(T.glyph[v], MARGIN_X + 10, barTop + 9.5, { align: 'center' });
  }
  c.y += 5;
}

function noData(doc: jsPDF, c: Cursor, text: string): void {
  ensure(doc, c, 44);
  const w = widthOf(c.spec);
  doc.setFillColor(T.cell);
  doc.setDrawColor(T.border);
  doc.setLineWidth(0.5);
  doc.setLineDashPattern([3, 2], 0);
  doc.roundedRect(MARGIN_X, c.y, w, 36, 4, 4, 'FD');
  doc.setLineDashPattern([], 0);
  font(doc, 'normal', 10.5, T.mutedText);
  doc.text(text, MARGIN_X + w / 2, c.y + 18, { align: 'center', baseline: 'middle' });
  c.y += 48;
}

function sectionTitle(doc: jsPDF, c: Cursor, number: number, title: string): void {
  doc.setFillColor(ACCENT);
  doc.rect(MARGIN_X, c.y, 28, 3, 'F');
  font(doc, 'bold', 17, T.text);
  doc.text(`${number}  ${title}`, MARGIN_X, c.y + 24);
  c.y += SECTION_TITLE_H;
}

function titlePage(doc: jsPDF, r: ReportDoc): void {
  const { w, h } = pageSize({ format: 'a4', orientation: 'portrait' });
  const L = reportLabels(r.meta.locale);
  const inner = w - 2 * MARGIN_X - 20;
  doc.setFillColor(ACCENT);
  doc.rect(0, 0, w, 12, 'F');
  doc.rect(MARGIN_X, 200, 4, 120, 'F');
  const x = MARGIN_X + 20;
  let y = 222;
  font(doc, 'bold', 28, T.text);
  for (const l of doc.splitTextToSize(r.meta.title, inner) as string[]) {
    doc.text(l, x, y);
    y += 34;
  }
  if (r.meta.subtitle) {
    font(doc, 'normal', 14, T.mutedText);
    for (const l of doc.splitTextToSize(r.meta.subtitle, inner) as string[]) {
      doc.text(l, x, y);
      y += 19;
    }
  }
  y = Math.max(y + 30, 380);
  const facts: [string, string][] = [];
  if (r.meta.organisation) facts.push([L.organisation, r.meta.organisation]);
  if (r.meta.authors) facts.push([L.authors, r.meta.authors]);
  facts.push([L.date, fmtDate(r.meta.date)]);
  facts.push([L.selection, r.meta.selection]);
  for (const [k, v] of facts) {
    font(doc, 'bold', 9, T.mutedText);
    doc.text(k.toLocaleUpperCase(r.meta.locale), x, y);
    font(doc, 'normal', 11, T.text);
    const vl = doc.splitTextToSize(v, inner) as string[];
    vl.forEach((l, i) => doc.text(l, x, y + 15 + i * 15));
    y += 22 + vl.length * 15;
  }
  font(doc, 'normal', 8.5, T.mutedText);
  const foot = [...(doc.splitTextToSize(r.meta.smallCellNote, w - 2 * MARGIN_X) as string[]), L.madeWith];
  foot.forEach((l, i) => doc.text(l, MARGIN_X, h - 70 + i * 12));
}

function tocPage(doc: jsPDF, r: ReportDoc, pages: readonly number[]): void {
  const L = reportLabels(r.meta.locale);
  const { w } = pageSize({ format: 'a4', orientation: 'portrait' });
  doc.setPage(2);
  doc.setFillColor(ACCENT);
  doc.rect(MARGIN_X, CONTENT_TOP, 28, 3, 'F');
  font(doc, 'bold', 17, T.text);
  doc.text(L.toc, MARGIN_X, CONTENT_TOP + 24);
  let y = CONTENT_TOP + SECTION_TITLE_H + 12;
  r.sections.forEach((s, i) => {
    const page = pages[i] ?? 0;
    const label = `${i + 1}  ${s.title}`;
    font(doc, 'normal', 11.5, T.text);
    doc.text(label, MARGIN_X, y);
    const right = w - MARGIN_X;
    doc.text(String(page), right, y, { align: 'right' });
    // Dotted leader between title and page number.
    const from = MARGIN_X + doc.getTextWidth(label) + 6;
    const to = right - doc.getTextWidth(String(page)) - 6;
    doc.setDrawColor(T.border);
    doc.setLineWidth(0.6);
    doc.setLineDashPattern([0.6, 2.4], 0);
    if (to > from) doc.line(from, y - 1, to, y - 1);
    doc.setLineDashPattern([], 0);
    doc.link(MARGIN_X, y - 12, right - MARGIN_X, 16, { pageNumber: page });
    y += 24;
  });
}

function furniture(doc: jsPDF, r: ReportDoc): void {
  const L = reportLabels(r.meta.locale);
  const n = doc.getNumberOfPages();
  for (let p = 2; p <= n; p++) {
    doc.setPage(p);
    const w = doc.internal.pageSize.getWidth();
    const h = doc.internal.pageSize.getHeight();
    font(doc, 'normal', 8, T.mutedText);
    const title = doc.splitTextToSize(r.meta.title, w - 2 * MARGIN_X - 120) as string[];
    doc.text(title.length > 1 ? `${title[0] ?? ''} …` : (title[0] ?? ''), MARGIN_X, HEADER_Y);
    if (r.meta.organisation) doc.text(r.meta.organisation, w - MARGIN_X, HEADER_Y, { align: 'right' });
    doc.setDrawColor(T.grid);
    doc.setLineWidth(0.5);
    doc.line(MARGIN_X, HEADER_Y + 6, w - MARGIN_X, HEADER_Y + 6);
    doc.text(fmtDate(r.meta.date), MARGIN_X, h - FOOTER_Y_GAP);
    doc.text(tpl(L.page, { page: p, pages: n }), w - MARGIN_X, h - FOOTER_Y_GAP, { align: 'right' });
  }
}

function renderSection(doc: jsPDF, s: ReportSection, number: number): number {
  addPage(doc, s.page);
  const c: Cursor = { y: CONTENT_TOP, spec: s.page };
  sectionTitle(doc, c, number, s.title);
  let skipped = 0;
  for (const b of s.blocks) {
    if (b.kind === 'paragraph') paragraph(doc, c, b.text, b.style ?? 'body');
    else if (b.kind === 'subheading') subheading(doc, c, b.text);
    else if (b.kind === 'table') table(doc, c, b);
    else if (b.kind === 'chart') skipped += chart(doc, c, b);
    else if (b.kind === 'quote') quote(doc, c, b);
    else noData(doc, c, b.text);
  }
  return skipped;
}

/** Write the report. Throws only on programming errors (callers wrap it: see buildReport). */
export function renderPdf(r: ReportDoc, fonts: ReportFonts, onProgress?: (p: number) => void): RenderOutput {
  const doc = new jsPDF({ unit: 'pt', format: 'a4', orientation: 'portrait', compress: true, putOnlyUsedFonts: true });
  registerFonts(doc, fonts);
  doc.setLanguage(r.meta.locale === 'en' ? 'en-GB' : r.meta.locale === 'nn' ? ('nn-NO' as 'nb') : 'nb');
  doc.setProperties({
    title: r.meta.title,
    subject: [r.meta.subtitle, r.meta.selection].filter(Boolean).join(' – '),
    author: r.meta.authors || r.meta.organisation,
    creator: 'Reisekart',
    keywords: 'brukerreise, Brukerreisen Kim',
  });
  doc.setCreationDate(new Date(`${r.meta.date}T12:00:00Z`));
  titlePage(doc, r);
  addPage(doc, { format: 'a4', orientation: 'portrait' });
  const sectionPages: number[] = [];
  let skipped = 0;
  r.sections.forEach((s, i) => {
    sectionPages.push(doc.getNumberOfPages() + 1);
    skipped += renderSection(doc, s, i + 1);
    onProgress?.((i + 1) / (r.sections.length + 1));
  });
  tocPage(doc, r, sectionPages);
  r.sections.forEach((s, i) => doc.outline.add(null, `${i + 1} ${s.title}`, { pageNumber: sectionPages[i] ?? 1 }));
  furniture(doc, r);
  const bytes = new Uint8Array(doc.output('arraybuffer'));
  onProgress?.(1);
  return { bytes, pages: doc.getNumberOfPages(), sectionPages, skippedPrimitives: skipped };
}
