/**
 * detectIdentifiers: run every detector once over the text, drop allowed values, resolve overlaps.
 */
import { detectNames } from './person-names';
import { detectAddresses, detectDuf, detectEmails, detectFnr, detectPhones, detectPostPlaces, detectSchools, detectTerms, detectUrls } from './patterns';
import { DEFAULT_MIN_CONFIDENCE, type DetectOptions, type Hit } from './types';

/** A container this sure of itself wins over what it contains ("Thor Heyerdahl vgs" over "Thor"). */
const CONTAINER_MIN_CONFIDENCE = 0.7;

function allowKey(s: string): string {
  return s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('nb');
}

function byPreference(a: Hit, b: Hit): number {
  return b.confidence - a.confidence || b.end - b.start - (a.end - a.start) || a.start - b.start;
}

/**
 * Non-overlapping hits: first drop hits strictly inside a confident container, then keep hits
 * greedily by confidence, then length.
 */
export function resolveOverlaps(hits: readonly Hit[]): Hit[] {
  const byStart = [...hits].sort((a, b) => a.start - b.start || b.end - a.end);
  const notContained: Hit[] = [];
  let container: Hit | null = null;
  for (const h of byStart) {
    const inside = container !== null && h.start >= container.start && h.end <= container.end && (h.end - h.start < container.end - container.start);
    if (inside) continue;
    notContained.push(h);
    if (h.confidence >= CONTAINER_MIN_CONFIDENCE && (container === null || h.end > container.end)) container = h;
  }
  const kept: Hit[] = [];
  // Hits are short, so an occupancy mask over the covered range is cheaper than interval search.
  const taken = new Uint8Array(byStart.reduce((m, h) => Math.max(m, h.end), 0));
  for (const h of notContained.sort(byPreference)) {
    if (taken.subarray(h.start, h.end).includes(1)) continue;
    taken.fill(1, h.start, h.end);
    kept.push(h);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * Every candidate identifier in `text` (normalised, see normaliseText), sorted by start, without
 * overlaps, at or above `minConfidence` (default 0.5). Values in `allow` never fire.
 */
export function detectIdentifiers(text: string, options: DetectOptions = {}): Hit[] {
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const allow = new Set((options.allow ?? []).map(allowKey));
  const all = [
    ...detectFnr(text),
    ...detectDuf(text),
    ...detectPhones(text),
    ...detectEmails(text),
    ...detectUrls(text),
    ...detectAddresses(text),
    ...detectPostPlaces(text),
    ...detectSchools(text),
    ...detectNames(text),
    ...detectTerms(text, options.terms ?? []),
  ].filter((h) => h.confidence >= minConfidence && !allow.has(allowKey(h.text)));
  return resolveOverlaps(all);
}
