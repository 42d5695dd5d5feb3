/** Page geometry in pt (1/72 inch), shared by the composer (chart sizes) and the PDF writer. */
import type { PageSpec } from './types';

const SIZES = { a4: [595.28, 841.89], a3: [841.89, 1190.55] } as const;

export const MARGIN_X = 50;
/** Baseline of the running header and its rule. */
export const HEADER_Y = 34;
export const CONTENT_TOP = 70;
/** Space kept free at the bottom for the footer. */
export const CONTENT_BOTTOM_GAP = 58;
export const FOOTER_Y_GAP = 30;
/** Height the section title takes (rule, number, title) before the first block. */
export const SECTION_TITLE_H = 40;

export function pageSize(spec: PageSpec): { w: number; h: number } {
  const [a, b] = SIZES[spec.format];
  return spec.orientation === 'portrait' ? { w: a, h: b } : { w: b, h: a };
}

export function contentBox(spec: PageSpec): { x: number; y: number; w: number; h: number } {
  const { w, h } = pageSize(spec);
  return { x: MARGIN_X, y: CONTENT_TOP, w: w - 2 * MARGIN_X, h: h - CONTENT_TOP - CONTENT_BOTTOM_GAP };
}

export const PORTRAIT_A4: PageSpec = { format: 'a4', orientation: 'portrait' };
