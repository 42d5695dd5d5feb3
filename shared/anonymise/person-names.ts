/**
 * NAVN: person names, found by one pass over capitalised tokens with Set look-ups.
 *  - a token in the bundled first-name or surname lists is a name (lower when it starts a sentence,
 *    lowest when it is also an ordinary word: "Per", "Liv", "Dag");
 *  - an unknown capitalised token is a name only with a cue: "heter X", "rådgiveren X",
 *    "broren min X" before it, or "X sa/spurte/mente" after it, or a known first name right before
 *    it ("Ola Kvisle");
 *  - capitalised function words, kin words, services and places (NOT_NAMES) never fire alone.
 * Adjacent name tokens merge into one hit ("Mohammed Ali Hassan").
 */
import { AMBIGUOUS_NAMES, FIRST_NAMES, NOT_NAMES, SURNAMES } from './names';
import { makeHit } from './patterns';
import type { Hit } from './types';

const TOKEN = /(?<![\p{L}\p{N}_'’-])\p{Lu}\p{Ll}{1,30}(?:['’]\p{Lu}\p{Ll}{1,30})?(?:-\p{Lu}\p{Ll}{1,30})?(?![\p{L}\p{N}_])/gu;
const CUE_BEFORE = new RegExp(
  String.raw`(?:^|[^\p{L}])(heter|het|hette|kalt|kalla|kalles|navnet (?:hans|hennes|mitt|hennar|til \p{L}+) er|navn er|ved navn|` +
    String.raw`rådgiver(?:en)?|rådgjevar(?:en)?|lærer(?:en|inna|inne)?|kontaktlærer(?:en)?|helsesykepleier(?:en)?|helsesøster(?:en)?|miljøterapeut(?:en)?|` +
    String.raw`miljøarbeider(?:en)?|trener(?:en)?|sjef(?:en)?|nabo(?:en)?|rektor(?:en)?|saksbehandler(?:en)?|veileder(?:en)?|tolk(?:en)?|assistent(?:en)?|` +
    String.raw`mamma|pappa|mor|far|mora mi|moren min|moren|faren min|faren|broren min|bror min|broren|bror|brorsan|søstera mi|søsteren min|søsteren|søstera|søster|` +
    String.raw`venninn(?:a|en) mi(?:n)?|venninne|vennen min|venn(?:en)?|kompis(?:en)? min|kompisen|kjæresten min|kjæresten|onkel|tante|bestemor|bestefar|` +
    String.raw`fetter(?:en)? min|fetteren|kusine(?:n)? mi(?:n)?|kusina|kusinen|elev(?:en)?|jenta|gutten|dama|typen)[ ]+$`,
  'iu',
);
const CUE_AFTER = /^[ ](?:sa|sier|spurte|spør|mente|syntes|synes|sendte|ringte|fortalte|forteller|hjalp|svarte|skrev|ville|kom|og jeg)(?![\p{L}])/u;
const SENTENCE_END = new Set(['.', '!', '?', ':', ';', '…', '\n']);
const SKIPPABLE = new Set([' ', '\t', '"', '«', '»', '(', '-', '–', '—', '*', "'", '“', '”']);

/** True at the start of the text, a line or a sentence (after . ! ? : ; … and quotes or dashes). */
export function isSentenceInitial(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && SKIPPABLE.has(text[i] ?? '')) i--;
  return i < 0 || SENTENCE_END.has(text[i] ?? '');
}

interface Candidate {
  start: number;
  end: number;
  confidence: number;
  reason: string;
  known: boolean;
}

function lower(s: string): string {
  return s.toLocaleLowerCase('nb');
}

function isKnownName(key: string): 'first' | 'surname' | null {
  if (FIRST_NAMES.has(key)) return 'first';
  if (SURNAMES.has(key)) return 'surname';
  if (key.includes('-')) {
    const parts = key.split('-');
    if (parts.every((p) => FIRST_NAMES.has(p) || SURNAMES.has(p) || p === 'al' || p === 'el')) return 'first';
  }
  return null;
}

function scoreToken(text: string, start: number, end: number, previous: Candidate | null): Candidate | null {
  let key = lower(text.slice(start, end));
  let known = isKnownName(key);
  // Possessive "Ahmeds": tag the name, keep the "s" (it identifies nobody).
  if (!known && key.endsWith('s') && key.length > 3) {
    const base = key.slice(0, -1);
    const baseKnown = isKnownName(base);
    if (baseKnown && !NOT_NAMES.has(key)) {
      known = baseKnown;
      end -= 1;
      key = base;
    }
  }
  const notName = NOT_NAMES.has(key);
  const initial = isSentenceInitial(text, start);
  const cue = CUE_BEFORE.exec(text.slice(Math.max(0, start - 40), start));
  const cueAfter = CUE_AFTER.test(text.slice(end, end + 12));
  const followsName = previous !== null && previous.end + 1 === start && text[previous.end] === ' ';
  if (known) {
    const ambiguous = AMBIGUOUS_NAMES.has(key) || notName;
    if (cue) return { start, end, confidence: 0.97, reason: `name.cue.${lower(cue[1] ?? '')}`, known: true };
    if (followsName) return { start, end, confidence: 0.9, reason: 'name.full-name', known: true };
    if (!initial) {
      if (notName) return { start, end, confidence: 0.55, reason: 'name.list.ambiguous', known: true };
      return { start, end, confidence: known === 'first' ? 0.9 : 0.85, reason: `name.list.${known}`, known: true };
    }
    if (cueAfter) return { start, end, confidence: ambiguous ? 0.6 : 0.85, reason: 'name.list.cue-after', known: true };
    return { start, end, confidence: ambiguous ? 0.4 : 0.8, reason: ambiguous ? 'name.list.sentence-start-ambiguous' : 'name.list.sentence-start', known: true };
  }
  if (notName) return null;
  if (cue) return { start, end, confidence: 0.85, reason: `name.cue.${lower(cue[1] ?? '')}`, known: false };
  if (followsName && previous?.known && !initial) return { start, end, confidence: 0.8, reason: 'name.after-first-name', known: false };
  if (cueAfter) return { start, end, confidence: initial ? 0.55 : 0.7, reason: 'name.cue-after', known: false };
  return null;
}

export function detectNames(text: string): Hit[] {
  const merged: Candidate[] = [];
  let previous: Candidate | null = null;
  for (const m of text.matchAll(TOKEN)) {
    const candidate = scoreToken(text, m.index, m.index + m[0].length, previous);
    previous = candidate;
    if (!candidate) continue;
    const last = merged[merged.length - 1];
    if (last && last.end + 1 === candidate.start && text[last.end] === ' ') {
      // Adjacent name tokens are one person: take the stronger evidence.
      if (candidate.confidence > last.confidence) {
        last.confidence = candidate.confidence;
        last.reason = candidate.reason;
      }
      last.end = candidate.end;
      last.known = last.known || candidate.known;
    } else {
      merged.push({ ...candidate });
    }
  }
  return merged.map((c) => makeHit(text, c.start, c.end, 'NAVN', c.confidence, c.reason, 'NAVN'));
}
