/**
 * detectIdentifiers: run every detector once over the text, drop allowed values, resolve overlaps.
 */
import { foldText } from './normalise';
import { FIRST_NAMES, SURNAMES } from './names';
import { detectNames } from './person-names';
import { detectAddresses, detectDuf, detectEmails, detectFnr, detectPhones, detectPostPlaces, detectSchools, detectTerms, detectUrls } from './patterns';
import { DEFAULT_MIN_CONFIDENCE, type DetectOptions, type Hit, type HitKind } from './types';

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

/** A written `@` or a bracketed at in the original: an address beyond doubt. */
const SURE_AT = /[@＠﹫]|[([{<][ ]{0,2}(?:at|krøll|alfakrøll|snabel-a)[ ]{0,2}[)\]}>]/iu;

/**
 * An address folded from a bare ` at ` ("ola at skole.no") is certain when the local part looks
 * like one (a dot, digit, underscore, or a known name); "sa at vilbli.no" is shown, not blocked.
 */
function bareAtConfidence(original: string): number {
  if (SURE_AT.test(original)) return 0.99;
  const local = original.split(/[ ]+at[ ]+/i)[0] ?? '';
  const key = local.toLocaleLowerCase('nb');
  return /[._%+\d-]/.test(local) || FIRST_NAMES.has(key) || SURNAMES.has(key) ? 0.9 : 0.55;
}

function runDetectors(text: string, options: DetectOptions, wanted: (k: HitKind) => boolean): Hit[] {
  const out: Hit[] = [];
  const add = (kind: HitKind, run: () => Hit[]): void => {
    if (wanted(kind)) out.push(...run());
  };
  add('FNR', () => detectFnr(text));
  add('DUF', () => detectDuf(text));
  add('TLF', () => detectPhones(text));
  add('EPOST', () => detectEmails(text));
  add('URL', () => detectUrls(text));
  add('ADRESSE', () => detectAddresses(text));
  add('POSTSTED', () => detectPostPlaces(text));
  add('SKOLE', () => detectSchools(text));
  add('NAVN', () => detectNames(text));
  add('TERM', () => detectTerms(text, options.terms ?? []));
  return out;
}

/**
 * Every candidate identifier in `text`, sorted by start, without overlaps, at or above
 * `minConfidence` (default 0.5). Values in `allow` never fire. The detectors read the folded text
 * (normalise.ts: NBSP, zero-width, fullwidth, `(at)`/`(dot)` …) and every hit's start, end and text
 * are the original's, so what the reviewer sees and what is replaced is what was written.
 * `only` limits the detectors (the leak check runs numbers, phones, e-mails and terms, not the name
 * finder, on the report's authors and organisation).
 */
export function detectIdentifiers(text: string, options: DetectOptions = {}): Hit[] {
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const allow = new Set((options.allow ?? []).map(allowKey));
  const only = options.only ? new Set<HitKind>(options.only) : null;
  const folded = foldText(text);
  const found = runDetectors(folded.text, options, (k) => only === null || only.has(k));
  const all: Hit[] = [];
  for (const h of found) {
    let hit = h;
    if (!folded.identity) {
      const [start, end] = folded.toOriginal(h.start, h.end);
      hit = { ...h, start, end, text: text.slice(start, end) };
      if (h.kind === 'EPOST') {
        const confidence = bareAtConfidence(hit.text);
        hit = { ...hit, confidence, reason: confidence < 0.99 ? 'email.written-at' : SURE_AT.test(hit.text) && !hit.text.includes('@') ? 'email.obfuscated' : h.reason };
      }
    }
    if (hit.confidence >= minConfidence && !allow.has(allowKey(hit.text)) && !allow.has(allowKey(h.text))) all.push(hit);
  }
  return resolveOverlaps(all);
}
