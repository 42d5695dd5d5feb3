/**
 * Completing a review rewrites the quotes and notes of the transcript's segments with the same
 * replacements (issue 14): a quote that held a replaced name must not keep the raw name. Pure.
 */
import { reanchor } from '../coding/reanchor';
import type { OffsetBias } from './pseudonymise';

export interface Replacement {
  value: string;
  tag: string;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Every occurrence of a replaced value in `text` (any case, not inside a longer word) becomes its
 * tag; longer values first, so "Ola Nordmann" wins over "Ola".
 */
export function applyReplacements(text: string, replacements: readonly Replacement[]): string {
  if (text === '' || replacements.length === 0) return text;
  let out = text;
  for (const r of [...replacements].sort((a, b) => b.value.length - a.value.length)) {
    if (r.value.trim() === '') continue;
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(r.value)}(?![\\p{L}\\p{N}])`, 'giu');
    out = out.replace(re, r.tag);
  }
  return out;
}

export interface SegmentText {
  start: number;
  end: number;
  quote: string;
  note: string;
  anchor: 'ok' | 'lost';
}

/**
 * A segment of the reviewed transcript after review: a quote that was its span in the old text
 * becomes the same span of the new text (offsets mapped); any other quote gets the replacements
 * and is found again in the new text (or marked lost); the note gets the replacements.
 */
export function rewriteSegment<T extends SegmentText>(seg: T, oldText: string, newText: string, mapOffset: (o: number, bias?: OffsetBias) => number, replacements: readonly Replacement[]): T {
  const note = applyReplacements(seg.note, replacements);
  if (seg.end <= oldText.length && seg.end > seg.start && oldText.slice(seg.start, seg.end) === seg.quote) {
    const start = mapOffset(seg.start, 'start');
    const end = mapOffset(seg.end, 'end');
    return { ...seg, start, end, quote: newText.slice(start, end), note, anchor: 'ok' };
  }
  const quote = applyReplacements(seg.quote, replacements);
  return reanchor({ ...seg, quote, note }, newText);
}
