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
import { AMBIGUOUS_NAMES, FIRST_NAMES, LOWER_COMMON, NOT_NAMES, SURNAMES } from './names';
import { makeHit } from './patterns';
import type { Hit } from './types';

/** Every word: capitalised, lower-case or upper-case (names are found in any case). */
const TOKEN = /\p{L}\p{L}{1,30}(?:['’]\p{L}{1,30})?(?:-\p{L}{1,30})?(?![\p{L}\p{N}_])/gu;
const CAPITALISED = /^\p{Lu}(?:\p{Ll}|['’-]\p{Lu})/u;
const ALL_UPPER = /^[\p{Lu}'’-]+$/u;
/** Cues that announce a name even when it is written in lower case ("han heter tsegay"). */
const NAMING_CUES: ReadonlySet<string> = new Set(['heter', 'het', 'hette', 'kalt', 'kalla', 'kalles', 'navn er', 'navnet er', 'navnet hans er', 'navnet hennes er', 'navnet mitt er', 'ved navn']);
/** Lower-case words that follow "heter" without being names ("det heter ikke", "hun heter visst"). */
const NOT_AFTER_NAMING_CUE: ReadonlySet<string> = new Set(['ikke', 'visst', 'noe', 'noen', 'sånn', 'slik', 'akkurat', 'egentlig', 'faktisk', 'også', 'forresten', 'liksom', 'altså', 'typ', 'da', 'jo', 'vel', 'bare', 'nok', 'kanskje', 'sikkert', 'det', 'den', 'du', 'han', 'hun', 'dere', 'de', 'vi', 'jeg', 'meg', 'seg', 'som', 'at', 'på', 'i', 'med', 'til', 'av', 'om', 'etter', 'hva', 'hvem', 'hvordan', 'en', 'ei', 'et', 'og', 'eller', 'men', 'så']);
/** A possessive after a name: "Tsegay sin bror", "Gunnvor si mor". */
const POSSESSIVE_AFTER = /^[ ](?:sin|si|sitt|sine)(?![\p{L}])/u;
/** Kin and role words after a genitive ("Tsegays bror", "Teklits lærer"). */
const GENITIVE_NOUNS: ReadonlySet<string> = new Set(['mor', 'far', 'mamma', 'pappa', 'bror', 'søster', 'brødre', 'søstre', 'foreldre', 'familie', 'onkel', 'tante', 'kone', 'mann', 'sønn', 'datter', 'barn', 'venn', 'venner', 'venninne', 'kjæreste', 'lærer', 'rådgiver', 'klasse', 'mobil', 'telefon', 'nummer', 'adresse', 'hus', 'rom', 'navn', 'bestemor', 'bestefar', 'kusine', 'fetter']);

function genitiveNounAfter(text: string, end: number): boolean {
  if (text[end] !== ' ') return false;
  const m = /^\p{L}{2,12}/u.exec(text.slice(end + 1, end + 14));
  return m !== null && GENITIVE_NOUNS.has(m[0].toLowerCase());
}
/**
 * Words and phrases that announce a name right after them. Looked up as the last 1–3 words before
 * a token in a Set (no regex per token: this runs for every capitalised word).
 */
const CUE_PHRASES: ReadonlySet<string> = new Set(
  `heter|het|hette|kalt|kalla|kalles|navn er|navnet er|navnet hans er|navnet hennes er|navnet mitt er|ved navn|
  rådgiver|rådgiveren|rådgjevar|rådgjevaren|lærer|læreren|lærerinne|lærerinna|kontaktlærer|kontaktlæreren|helsesykepleier|helsesykepleieren|
  helsesøster|helsesøsteren|miljøterapeut|miljøterapeuten|miljøarbeider|miljøarbeideren|trener|treneren|sjef|sjefen|nabo|naboen|rektor|rektoren|
  saksbehandler|saksbehandleren|veileder|veilederen|tolk|tolken|assistent|assistenten|mamma|pappa|mor|far|mora mi|moren min|moren|faren min|faren|
  broren min|bror min|broren|bror|brorsan|søstera mi|søsteren min|søsteren|søstera|søster|venninna mi|venninnen min|venninne|venninna|vennen min|
  venn|vennen|kompis min|kompisen min|kompisen|kjæresten min|kjæresten|onkel|onkelen min|tante|tanta mi|bestemor|bestefar|fetteren min|fetteren|
  kusina mi|kusinen min|kusina|kusinen|elev|eleven|jenta|gutten|dama|typen|kona mi|mannen min|sønnen min|dattera mi|datteren min`
    .split('|')
    .map((s) => s.trim())
    .filter(Boolean),
);

/** The cue phrase ending right before `at` (one space between), or null. */
function cueBefore(text: string, at: number): string | null {
  if (text[at - 1] !== ' ') return null;
  let phrase = '';
  let end = at - 1;
  for (let words = 0; words < 4; words++) {
    let start = end;
    while (start > 0 && LETTER.test(text[start - 1] ?? '')) start--;
    if (start === end) return null;
    phrase = phrase ? `${text.slice(start, end)} ${phrase}` : text.slice(start, end);
    const key = phrase.toLowerCase();
    if (CUE_PHRASES.has(key)) return key;
    if (text[start - 1] !== ' ') return null;
    end = start - 1;
  }
  return null;
}

const LETTER = /\p{L}/u;
const NOT_BEFORE_TOKEN = /[\p{L}\p{N}_'’-]/u;
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
  return s.toLowerCase();
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
  const raw = text.slice(start, end);
  if (!CAPITALISED.test(raw) && !ALL_UPPER.test(raw)) return scoreLowerToken(text, start, end, previous);
  let key = lower(raw);
  let known = isKnownName(key);
  // Possessive "Ahmeds": tag the name, keep the "s" (it identifies nobody).
  let genitive = false;
  if (!known && key.endsWith('s') && key.length > 3) {
    const base = key.slice(0, -1);
    const baseKnown = isKnownName(base);
    if (baseKnown && !NOT_NAMES.has(key)) {
      known = baseKnown;
      end -= 1;
      key = base;
    } else if (!NOT_NAMES.has(key) && !NOT_NAMES.has(base) && genitiveNounAfter(text, end)) {
      // "Tsegays bror": an unknown genitive before a kin or role word is a name too.
      genitive = true;
      end -= 1;
      key = base;
    }
  }
  const notName = NOT_NAMES.has(key);
  const initial = isSentenceInitial(text, start);
  const cue = cueBefore(text, start);
  const cueAfter = CUE_AFTER.test(text.slice(end, end + 12));
  const possessive = POSSESSIVE_AFTER.test(text.slice(end, end + 6));
  const followsName = previous !== null && previous.end + 1 === start && text[previous.end] === ' ';
  if (known) {
    const ambiguous = AMBIGUOUS_NAMES.has(key) || notName;
    if (cue) return { start, end, confidence: 0.97, reason: `name.cue.${cue}`, known: true };
    if (followsName) return { start, end, confidence: 0.9, reason: 'name.full-name', known: true };
    if (!initial) {
      if (notName) return { start, end, confidence: 0.55, reason: 'name.list.ambiguous', known: true };
      return { start, end, confidence: known === 'first' ? 0.9 : 0.85, reason: `name.list.${known}`, known: true };
    }
    if (cueAfter || possessive) return { start, end, confidence: ambiguous ? 0.6 : 0.85, reason: 'name.list.cue-after', known: true };
    return { start, end, confidence: ambiguous ? 0.4 : 0.8, reason: ambiguous ? 'name.list.sentence-start-ambiguous' : 'name.list.sentence-start', known: true };
  }
  if (notName) return null;
  if (cue) return { start, end, confidence: 0.85, reason: `name.cue.${cue}`, known: false };
  if (genitive) return { start, end, confidence: 0.75, reason: 'name.genitive', known: false };
  if (possessive) return { start, end, confidence: 0.7, reason: 'name.possessive', known: false };
  if (followsName && previous?.known && !initial) return { start, end, confidence: 0.8, reason: 'name.after-first-name', known: false };
  if (cueAfter) return { start, end, confidence: initial ? 0.55 : 0.7, reason: 'name.cue-after', known: false };
  return null;
}

/**
 * A word in lower case: a name from the lists (ranked by what surrounds it, and low when it is also
 * an ordinary word), or any word right after a naming cue ("heter tsegay"). Most words are
 * neither, and leave after two Set look-ups.
 */
function scoreLowerToken(text: string, start: number, end: number, previous: Candidate | null): Candidate | null {
  let key = lower(text.slice(start, end));
  let known = isKnownName(key);
  if (!known && key.endsWith('s') && key.length > 3) {
    const baseKnown = isKnownName(key.slice(0, -1));
    if (baseKnown && !NOT_NAMES.has(key) && !LOWER_COMMON.has(key)) {
      known = baseKnown;
      end -= 1;
      key = key.slice(0, -1);
    }
  }
  const cue = cueBefore(text, start);
  // "faren hans", "moren min": a function word after a kin word is not a name; only "heter" makes it one.
  if (!known || NOT_NAMES.has(key)) {
    if (cue && NAMING_CUES.has(cue) && !NOT_NAMES.has(key) && !NOT_AFTER_NAMING_CUE.has(key)) return { start, end, confidence: 0.8, reason: `name.cue.${cue}.lower`, known: false };
    return null;
  }
  const common = AMBIGUOUS_NAMES.has(key) || NOT_NAMES.has(key) || LOWER_COMMON.has(key);
  if (cue) return { start, end, confidence: common ? 0.75 : 0.95, reason: `name.cue.${cue}.lower`, known: true };
  const followsName = previous !== null && previous.known && previous.end + 1 === start && text[previous.end] === ' ';
  if (followsName && !common) return { start, end, confidence: 0.9, reason: 'name.full-name.lower', known: true };
  const cueAfter = CUE_AFTER.test(text.slice(end, end + 12)) || POSSESSIVE_AFTER.test(text.slice(end, end + 6));
  if (cueAfter) return { start, end, confidence: common ? 0.45 : 0.85, reason: 'name.list.cue-after.lower', known: true };
  // A listed name in lower case without any cue: shown for review above the threshold unless it is also an ordinary word.
  return { start, end, confidence: common ? 0.3 : 0.7, reason: common ? 'name.list.lower-ambiguous' : 'name.list.lower', known: true };
}

export function detectNames(text: string): Hit[] {
  const merged: Candidate[] = [];
  let previous: Candidate | null = null;
  for (const m of text.matchAll(TOKEN)) {
    // Checked here rather than as a lookbehind, which would run at every position.
    if (NOT_BEFORE_TOKEN.test(text[m.index - 1] ?? '')) {
      previous = null;
      continue;
    }
    const candidate = scoreToken(text, m.index, m.index + m[0].length, previous);
    previous = candidate;
    if (!candidate) continue;
    const last = merged[merged.length - 1];
    // Low-ranked lower-case words ("per", "liv") stand alone: they never widen a name beside them.
    if (last && last.end + 1 === candidate.start && text[last.end] === ' ' && (Math.min(last.confidence, candidate.confidence) >= 0.5 || (last.known && candidate.reason.startsWith('name.full-name')))) {
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
