/**
 * Text typed in the app — segment notes, override reasons, memos, insights, risk-acceptance
 * reasons, room notes — is scanned as it is saved (PRIVACY.md "States of text"): clean text
 * counts as reviewed by its author; text with hits waits in `needs-review` (reason `typed`, the
 * counts per kind, never the values) until its author resolves them, by editing the text or by
 * confirming each hit is not an identifier. Every feature that stores typed text calls
 * `typedTextReview` and keeps the result on the record; the outbound view reads it like any
 * other review state (`textReviewed` in ./gate.ts).
 */
import { detectIdentifiers } from '../anonymise/detect';
import type { Hit, TermSpec } from '../anonymise/types';
import { reviewedState } from './gate';
import type { TextReview } from './schema';

export interface TypedTextScan {
  /** The hits the author still has to resolve (values stay in memory, never stored). */
  hits: Hit[];
  /** Hits per kind, e.g. `{ TLF: 1 }`: what the record keeps. */
  counts: Record<string, number>;
  clean: boolean;
}

export interface TypedTextOptions {
  /** The study's term list (schools, teachers, places): always a hit. */
  terms?: readonly TermSpec[];
  /**
   * Values the author has confirmed are not identifiers (case-insensitive, as typed): they no
   * longer count as hits for this text.
   */
  confirmed?: readonly string[];
}

/** Scan typed text for identifiers. Empty text is clean. */
export function scanTypedText(text: string, options: TypedTextOptions = {}): TypedTextScan {
  if (text.trim() === '') return { hits: [], counts: {}, clean: true };
  const confirmed = new Set((options.confirmed ?? []).map((v) => v.toLocaleLowerCase('nb')));
  const hits = detectIdentifiers(text, { terms: options.terms ?? [] }).filter((h) => !confirmed.has(h.text.toLocaleLowerCase('nb')));
  const counts: Record<string, number> = {};
  for (const h of hits) counts[h.kind] = (counts[h.kind] ?? 0) + 1;
  return { hits, counts, clean: hits.length === 0 };
}

/**
 * The review state to store with typed text: `reviewed` by its author (record with the counts
 * of what the author confirmed) when the scan is clean, else `needs-review` (reason `typed`)
 * with the counts per kind of the open hits.
 */
export function typedTextReview(text: string, author: string, at: string, options: TypedTextOptions = {}): TextReview {
  const scan = scanTypedText(text, options);
  if (!scan.clean) return { state: 'needs-review', record: null, reason: 'typed', hits: scan.counts };
  const confirmedCount = options.confirmed?.length ?? 0;
  return reviewedState({ reviewer: author || 'ukjent', at, counts: confirmedCount > 0 ? { confirmed: confirmedCount } : {} });
}
