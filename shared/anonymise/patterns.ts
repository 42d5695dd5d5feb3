/**
 * Pattern detectors: numbers, e-mail, profile URLs, addresses, postcodes, schools, study terms.
 * Each regex is compiled once. Every repeated class has an upper bound ({1,40}, not +) so no
 * pattern can backtrack more than a constant per start position: linear time on any input.
 */
import { fnrChecksumValid, fnrVariant } from './fnr';
import { NOT_NAMES, PLACES } from './names';
import type { Hit, HitKind, TermSpec } from './types';

export function makeHit(text: string, start: number, end: number, kind: HitKind, confidence: number, reason: string, suggestedTag: string): Hit {
  return { start, end, kind, confidence, text: text.slice(start, end), reason, suggestedTag };
}

function before(text: string, at: number, n: number): string {
  return text.slice(Math.max(0, at - n), at);
}

// ---------------------------------------------------------------- FNR (fødselsnummer, D-, H-, synthetic)
/** 11 digits with at most one separator (space, dot, hyphen, slash) between any two: 6-5, 3-3-3-2, 2.2.2-5 … */
const FNR = /(?<!\d[ ./-]?)\d(?:[ ./-]?\d){10}(?![ ./-]?\d)/g;
/** Date first, with a four-digit year: 15.07.2008-10007, 15/07/2008 10007. The checksum decides. */
const FNR_DATE_FIRST = /(?<![\d./-])(\d{1,2})([./-])(\d{1,2})\2(?:19|20)(\d{2})[ ,./-]{0,2}(\d{5})(?![ ./-]?\d)/g;
const FNR_CONTEXT = /(?:fødselsnummer|fødselsnr|personnummer|personnr|fnr|d-nummer|d-nr|h-nummer)[\s\p{P}]{0,5}(?:(?:er|var|mitt|hans|hennes|sitt)[\s\p{P}]{1,5}){0,2}$/iu;

export function detectFnr(text: string): Hit[] {
  const out: Hit[] = [];
  for (const m of text.matchAll(FNR)) {
    const start = m.index;
    const digits = m[0].replace(/\D/g, '');
    const separators = m[0].length - 11;
    /** 6-5 with one space or dot was always read; other groupings only count with a valid checksum. */
    const plainShape = separators === 0 || (separators === 1 && /^\d{6}[ .-]\d{5}$/.test(m[0]));
    const variant = fnrVariant(digits);
    const context = FNR_CONTEXT.test(before(text, start, 30));
    if (variant && fnrChecksumValid(digits)) {
      out.push(makeHit(text, start, start + m[0].length, 'FNR', 0.98, separators > 0 ? `fnr.${variant}.grouped` : `fnr.${variant}`, 'FNR'));
    } else if (context) {
      out.push(makeHit(text, start, start + m[0].length, 'FNR', 0.8, 'fnr.context', 'FNR'));
    } else if (plainShape) {
      // The rule changes from 2032, and people mistype: an 11-digit run is still worth a look.
      out.push(makeHit(text, start, start + m[0].length, 'FNR', 0.5, 'fnr.eleven-digits', 'FNR'));
    }
  }
  for (const m of text.matchAll(FNR_DATE_FIRST)) {
    const digits = `${(m[1] ?? '').padStart(2, '0')}${(m[3] ?? '').padStart(2, '0')}${m[4] ?? ''}${m[5] ?? ''}`;
    if (fnrVariant(digits) && fnrChecksumValid(digits)) out.push(makeHit(text, m.index, m.index + m[0].length, 'FNR', 0.98, 'fnr.date-first', 'FNR'));
  }
  return out;
}

// ---------------------------------------------------------------- DUF (UDI case number, 12 digits)
const DUF = /(?<!\d[ .-]?)(\d{4})([ ]?)(\d{6})([ ]?)(\d{2})(?![ .-]?\d)/g;
const DUF_CONTEXT = /\bDUF/i;

export function detectDuf(text: string): Hit[] {
  const out: Hit[] = [];
  for (const m of text.matchAll(DUF)) {
    const start = m.index;
    const year = Number(m[1]);
    const context = DUF_CONTEXT.test(before(text, start, 40));
    const yearLike = year >= 1900 && year <= 2099;
    const spaced = m[2] === ' ' && m[4] === ' ';
    if (!context && !yearLike) continue;
    const confidence = context ? 0.95 : spaced ? 0.85 : 0.8;
    out.push(makeHit(text, start, start + m[0].length, 'DUF', confidence, context ? 'duf.context' : 'duf.year-prefix', 'DUF'));
  }
  return out;
}

// ---------------------------------------------------------------- TLF (Norwegian 8-digit numbers)
/**
 * Eight digits starting 2–9, written whole or in the groupings people use (3-2-3, 2-2-2-2, 4-2-2,
 * 4-4, 3-5, 3-3-2) with spaces, dots or hyphens; after +47, 0047, (+47), or a bare 47 before a
 * mobile number (4xx/9xx). The thousands grouping 2-3-3 ("12 345 678") is a sum, not a phone.
 */
const S = '[ .-]';
const TLF = new RegExp(
  String.raw`(?<![\d+][ .-]?)(?:(\+[ ]?47|0047|\(\+?47\))[ .-]?|(47)[ .-]?(?=[49]))?` +
    String.raw`([2-9]\d{7}|[2-9]\d{2}${S}\d{2}${S}\d{3}|[2-9]\d${S}\d{2}${S}\d{2}${S}\d{2}|[2-9]\d{3}${S}\d{2}${S}\d{2}|[2-9]\d{3}${S}\d{4}|[2-9]\d{2}${S}\d{5}|[2-9]\d{2}${S}\d{3}${S}\d{2})` +
    String.raw`(?![ .-]?\d|,\d|[ ]?%)`,
  'g',
);
const TLF_CONTEXT = /(?:tlf|telefon|telefonnummer|mobil|mobilnummer|nummer|nr|ring|ringe|sms|tekst|whatsapp)[\s\p{P}]{0,5}(?:(?:er|var|meg|henne|han|ham|på|til|mitt|hans|hennes)[\s\p{P}]{1,5}){0,3}$/iu;
const MONEY_BEFORE = /(?:kr|nok)\.?[ ]?$/i;
/** Other numbers that happen to have 8 digits: invoices, orders, accounts, cases. */
const OTHER_NUMBER_BEFORE = /(?:faktura|ordre|org|konto|sak|saks|kunde|referanse|ref|kid|bestillings|post)[\s.-]{0,3}(?:nr|nummer|nummeret)?[\s.:]{0,3}$/i;
const MONEY_AFTER = /^[ ]?(?:kr|nok|kroner|,-)/i;

/** ddmmyyyy with a plausible year: a date written without dots, not a phone number. */
function looksLikeCompactDate(d: string): boolean {
  if (d.length !== 8) return false;
  const day = Number(d.slice(0, 2));
  const month = Number(d.slice(2, 4));
  const year = Number(d.slice(4));
  return day >= 1 && day <= 31 && month >= 1 && month <= 12 && year >= 1950 && year <= 2050;
}

const YEAR = (s: string): boolean => /^(?:19|20)\d\d$/.test(s);

/** Grouped shapes that are dates, year spans or clock times, not phone numbers. */
function looksLikeDateOrTime(groups: readonly string[], separators: readonly string[]): boolean {
  if (new Set(separators).size > 1) return true; // "20.30-22.00": times; phones keep one separator
  const [a = '', b = '', c = ''] = groups;
  if (groups.length === 3 && a.length === 4 && YEAR(a) && Number(b) >= 1 && Number(b) <= 12 && Number(c) >= 1 && Number(c) <= 31) return true;
  if (groups.length === 2 && a.length === 4 && YEAR(a) && YEAR(b)) return true;
  return false;
}

export function detectPhones(text: string): Hit[] {
  const out: Hit[] = [];
  for (const m of text.matchAll(TLF)) {
    const start = m.index;
    const end = start + m[0].length;
    if (MONEY_BEFORE.test(before(text, start, 5)) || OTHER_NUMBER_BEFORE.test(before(text, start, 24)) || MONEY_AFTER.test(text.slice(end, end + 8))) continue;
    const number = m[3] ?? '';
    const groups = number.split(/[ .-]/);
    const separators = number.match(/[ .-]/g) ?? [];
    const compact = groups.join('');
    const prefixed = m[1] !== undefined;
    const bare47 = m[2] !== undefined;
    const context = TLF_CONTEXT.test(before(text, start, 25));
    let confidence = prefixed ? 0.97 : bare47 ? 0.9 : groups.length > 1 ? 0.9 : 0.85;
    let reason = prefixed ? 'tlf.country-code' : bare47 ? 'tlf.bare-country-code' : groups.length > 1 ? 'tlf.grouped' : 'tlf.eight-digits';
    if (!prefixed && !bare47 && (looksLikeCompactDate(compact) || looksLikeDateOrTime(groups, separators))) {
      confidence = 0.55;
      reason = 'tlf.date-like';
    }
    if (context) {
      confidence = Math.max(confidence, 0.95);
      reason = 'tlf.context';
    }
    out.push(makeHit(text, start, end, 'TLF', confidence, reason, 'TLF'));
  }
  return out;
}

// ---------------------------------------------------------------- EPOST (scan from each "@", linear)
const LOCAL_CHAR = /[\p{L}\p{N}._%+-]/u;
const DOMAIN_CHAR = /[\p{L}\p{N}.-]/u;

export function detectEmails(text: string): Hit[] {
  const out: Hit[] = [];
  let from = 0;
  let lastEnd = 0;
  for (let at = text.indexOf('@', from); at >= 0; at = text.indexOf('@', from)) {
    from = at + 1;
    let s = at;
    while (s > lastEnd && at - s < 64 && LOCAL_CHAR.test(text[s - 1] ?? '')) s--;
    while (s < at && (text[s] === '.' || text[s] === '-')) s++;
    let e = at + 1;
    while (e < text.length && e - at < 254 && DOMAIN_CHAR.test(text[e] ?? '')) e++;
    while (e > at + 1 && /[.-]/.test(text[e - 1] ?? '')) e--;
    if (s === at) continue;
    const domain = text.slice(at + 1, e);
    const tld = domain.slice(domain.lastIndexOf('.') + 1);
    if (!domain.includes('.') || !/^\p{L}{2,24}$/u.test(tld)) continue;
    out.push(makeHit(text, s, e, 'EPOST', 0.99, 'email', 'EPOST'));
    lastEnd = e;
    from = e;
  }
  return out;
}

// ---------------------------------------------------------------- URL (profile links and @handles)
// Anchored on the domain literal (fast to find), then the optional scheme/host prefix is read backwards.
const PROFILE_URL = /(?:instagram\.com|instagr\.am|tiktok\.com|snapchat\.com|facebook\.com|fb\.com|fb\.me|x\.com|twitter\.com|youtube\.com|youtu\.be|linkedin\.com|threads\.net)\/(?:add\/|in\/|@|user\/|c\/|channel\/|u\/|profile\.php\?id=)?[\p{L}\p{N}_%-](?:[\p{L}\p{N}._%-]{0,78}[\p{L}\p{N}_%-])?\/?/giu;
const URL_PREFIX = /(?:https?:\/\/)?(?:(?:www|m|mobile|vm|no|nb-no)\.)?$/i;
const HANDLE = /@([A-Za-z0-9_](?:[A-Za-z0-9._]{0,28}[A-Za-z0-9_])?)(?![A-Za-z0-9_@]|\.[A-Za-z])/g;
const NOT_BEFORE_URL = /[\p{L}\p{N}@.-]/u;
const NOT_BEFORE_HANDLE = /[\p{L}\p{N}._%+\-@/]/u;

export function detectUrls(text: string): Hit[] {
  const out: Hit[] = [];
  for (const m of text.matchAll(PROFILE_URL)) {
    const prefix = URL_PREFIX.exec(before(text, m.index, 20));
    const start = m.index - (prefix?.[0].length ?? 0);
    if (NOT_BEFORE_URL.test(text[start - 1] ?? '')) continue;
    out.push(makeHit(text, start, m.index + m[0].length, 'URL', 0.95, 'url.profile', 'URL'));
  }
  for (const m of text.matchAll(HANDLE)) {
    const handle = m[1] ?? '';
    if (NOT_BEFORE_HANDLE.test(text[m.index - 1] ?? '') || !/[A-Za-z]/.test(handle) || handle.length < 3) continue;
    out.push(makeHit(text, m.index, m.index + m[0].length, 'URL', 0.85, 'url.handle', 'URL'));
  }
  return out;
}

// ---------------------------------------------------------------- ADRESSE (street + house number)
const STREET_SUFFIXES = ['veien', 'vegen', 'veg', 'vei', 'gata', 'gaten', 'gate', 'allé', 'alléen', 'alle', 'plassen', 'plass', 'stien', 'sti', 'bakken', 'bakke', 'svingen', 'ringen', 'tunet', 'lia', 'haugen', 'kroken', 'torget', 'brygga', 'veita', 'løkka', 'jordet', 'åsen', 'dalen', 'stredet', 'smuget', 'kaia', 'parken', 'lykkja', 'tråkket', 'sletta', 'grenda', 'toppen', 'kollen'];
const HOUSE_NUMBER = String.raw`\d{1,4}(?:[A-Za-z]|[ ][A-H](?![\p{L}]))?(?![\p{L}\p{N}]|[.,]\d|[ ]?%|\.[ ]?\p{Ll})`;
/** A capitalised word, a space, a house number; the street suffix is checked in code (cheaper than an alternation per step). */
const ADDRESS_NUMBER = new RegExp(String.raw`[ ]${HOUSE_NUMBER}`, 'gu');
/** "Kong Oscars gate 5": found from the street word, then capitalised words are read backwards. */
const ADDRESS_MULTI_WORD = new RegExp(String.raw`[ ](?:gate|gata|vei|veien|veg|vegen|allé|plass|bakke|sti)[ ]${HOUSE_NUMBER}`, 'gu');
const ADDRESS_CONTEXT = /(?:bor i|bor på|bodde i|bodde på|adresse|adressa|adressen|flyttet til|flytta til)\W{0,3}$/i;
const UPPER = /\p{Lu}/u;
const WORD_CHAR_RE = /[\p{L}.'’-]/u;

/** Start of up to `max` capitalised words ending at `end` (exclusive), skipping leading function words; -1 if none. */
function capitalisedWordsBefore(text: string, end: number, max: number, skip: ReadonlySet<string>): number {
  let start = -1;
  let at = end;
  const starts: number[] = [];
  for (let n = 0; n < max; n++) {
    let s = at;
    while (s > 0 && WORD_CHAR_RE.test(text[s - 1] ?? '')) s--;
    if (s === at || !UPPER.test(text[s] ?? '')) break;
    starts.push(s);
    start = s;
    if (text[s - 1] !== ' ') break;
    at = s - 1;
  }
  // Drop leading function words ("Da Kongens gate 5", "Min Skien vgs").
  while (starts.length > 0) {
    const s = starts[starts.length - 1] as number;
    const next = starts.length > 1 ? (starts[starts.length - 2] as number) - 1 : end;
    if (!skip.has(text.slice(s, next).toLowerCase())) break;
    starts.pop();
    start = starts.length > 0 ? (starts[starts.length - 1] as number) : -1;
  }
  return start;
}

export function detectAddresses(text: string): Hit[] {
  const out: Hit[] = [];
  const push = (start: number, end: number, base: number, reason: string): void => {
    const context = ADDRESS_CONTEXT.test(before(text, start, 20));
    out.push(makeHit(text, start, end, 'ADRESSE', context ? 0.97 : base, context ? 'address.context' : reason, 'ADRESSE'));
  };
  // Every " 12" is a candidate; the word before it must be capitalised and end in a street suffix.
  for (const m of text.matchAll(ADDRESS_NUMBER)) {
    let start = m.index;
    while (start > 0 && m.index - start <= 41 && /[\p{L}-]/u.test(text[start - 1] ?? '')) start--;
    if (start === m.index || !UPPER.test(text[start] ?? '') || /[\p{N}]/u.test(text[start - 1] ?? '')) continue;
    const word = text.slice(start, m.index).toLowerCase();
    if (STREET_SUFFIXES.some((suffix) => word.length > suffix.length && word.endsWith(suffix))) push(start, m.index + m[0].length, 0.92, 'address.street-suffix');
  }
  for (const m of text.matchAll(ADDRESS_MULTI_WORD)) {
    if (!WORD_CHAR_RE.test(text[m.index - 1] ?? '')) continue;
    const start = capitalisedWordsBefore(text, m.index, 3, NOT_NAMES);
    if (start >= 0) push(start, m.index + m[0].length, 0.9, 'address.multi-word');
  }
  return out;
}

// ---------------------------------------------------------------- POSTSTED (postcode + place)
const POSTCODE_PLACE = /(?<![\p{N}.,:/-])(\d{4})[ ]{1,2}(\p{Lu}\p{Ll}{1,30}(?:-\p{Lu}\p{Ll}{1,30})?)(?![\p{L}\p{N}])/gu;
const AFTER_ADDRESS = /\d[ ]?[A-Za-z]?,[ ]?$/;

export function detectPostPlaces(text: string): Hit[] {
  const out: Hit[] = [];
  for (const m of text.matchAll(POSTCODE_PLACE)) {
    const start = m.index;
    const place = (m[2] ?? '').toLowerCase();
    const code = Number(m[1]);
    let confidence: number;
    let reason: string;
    if (PLACES.has(place)) {
      confidence = 0.95;
      reason = 'poststed.known-place';
    } else if (AFTER_ADDRESS.test(before(text, start, 4))) {
      confidence = 0.9;
      reason = 'poststed.after-address';
    } else if (NOT_NAMES.has(place)) {
      continue;
    } else {
      // 1900–2099 are real postcodes but far more often years ("i 2019 Begynte …" is rare, still).
      confidence = code >= 1900 && code <= 2099 ? 0.45 : 0.7;
      reason = 'poststed.pattern';
    }
    out.push(makeHit(text, start, start + m[0].length, 'POSTSTED', confidence, reason, 'STED'));
  }
  return out;
}

// ---------------------------------------------------------------- SKOLE (school names)
const SCHOOL_MULTI_WORD = /[ ](?:videregående skole|videregåande skule|vidaregåande skule|vgs|ungdomsskole|ungdomsskule|barneskole|barneskule|skole|skule|oppvekstsenter|folkehøgskole|montessoriskole)(?![\p{L}\p{N}])/gu;
const SCHOOL_ONE_WORD = /(?:skolen|skole|skulen|skule)(?![\p{L}\p{N}])/gu;
/** Generic compounds that name a kind of school, not a school. */
const GENERIC_SCHOOLS = new Set(['ungdomsskole', 'ungdomsskolen', 'barneskole', 'barneskolen', 'grunnskole', 'grunnskolen', 'videregåendeskolen', 'folkehøgskole', 'folkehøgskolen', 'sommerskole', 'sommerskolen', 'nattskolen', 'kveldsskolen', 'voksenskolen', 'privatskole', 'privatskolen', 'høyskole', 'høyskolen', 'høgskole', 'høgskolen', 'fagskole', 'fagskolen', 'musikkskole', 'musikkskolen', 'kulturskole', 'kulturskolen', 'kjøreskole', 'kjøreskolen', 'språkskole', 'språkskolen', 'hjemmeskole', 'nettskole', 'nettskolen', 'leksehjelpskolen', 'ungdomsskule', 'barneskule', 'grunnskule', 'ungdomsskulen', 'yrkesskole', 'yrkesskolen', 'innføringsskole', 'innføringsskolen', 'mottaksskole', 'mottaksskolen', 'koranskole', 'koranskolen', 'helgeskole', 'leirskole', 'leirskolen', 'dagskole', 'realskole', 'hovedskole', 'storskolen', 'bygdeskolen']);
/** Grammatical words that may start a sentence in front of a school type: "Den skolen", "Min skole". */
const NOT_SCHOOL_WORDS = new Set(['jeg', 'du', 'han', 'hun', 'vi', 'dere', 'de', 'den', 'det', 'denne', 'dette', 'og', 'men', 'så', 'da', 'på', 'i', 'min', 'mi', 'mitt', 'din', 'hans', 'hennes', 'vår', 'deres', 'en', 'ei', 'et', 'hvilken', 'hvilke', 'hvilket', 'samme', 'annen', 'annet', 'ny', 'nye', 'gammel', 'gamle', 'vanlig', 'vanlige', 'videregående', 'ungdomsskole', 'norsk', 'norske', 'privat', 'offentlig', 'egen', 'første', 'andre', 'hele', 'neste', 'forrige', 'alle', 'noen', 'hver', 'at', 'om', 'som', 'når', 'etter', 'før', 'til', 'fra', 'med']);

export function detectSchools(text: string): Hit[] {
  const out: Hit[] = [];
  for (const m of text.matchAll(SCHOOL_MULTI_WORD)) {
    if (!WORD_CHAR_RE.test(text[m.index - 1] ?? '')) continue;
    const start = capitalisedWordsBefore(text, m.index, 3, NOT_SCHOOL_WORDS);
    if (start < 0) continue;
    const isVgs = m[0].endsWith('vgs');
    out.push(makeHit(text, start, m.index + m[0].length, 'SKOLE', isVgs ? 0.9 : 0.92, 'school.name-and-type', 'SKOLE'));
  }
  for (const m of text.matchAll(SCHOOL_ONE_WORD)) {
    if (!/\p{Ll}/u.test(text[m.index - 1] ?? '')) continue;
    let start = m.index;
    while (start > 0 && /[\p{Ll}-]/u.test(text[start - 1] ?? '')) start--;
    if (start > 0 && UPPER.test(text[start - 1] ?? '')) start--;
    else continue;
    if (start > 0 && /[\p{L}\p{N}]/u.test(text[start - 1] ?? '')) continue;
    const end = m.index + m[0].length;
    const word = text.slice(start, end).toLowerCase();
    if (m.index - start < 3 || GENERIC_SCHOOLS.has(word)) continue;
    out.push(makeHit(text, start, end, 'SKOLE', 0.75, 'school.compound', 'SKOLE'));
  }
  return out;
}

// ---------------------------------------------------------------- TERM (study-specific list)
/**
 * The study's terms in one trie (a token-free index over folded UTF-16 code units), built once
 * per list (cached by identity). A match may only start where the character before is not a
 * letter or digit, so the text is walked from those positions only; from each, the trie is
 * followed as far as it goes and the longest term whose next character is not a letter or digit
 * wins (leftmost-longest, non-overlapping: the same hits as one `(?<![\p{L}\p{N}])(?:t1|t2|…)
 * (?![\p{L}\p{N}])` alternation, longest first, with `iu`, but in time linear in the text times
 * the longest term instead of the text times the number of terms). A space in a term matches any
 * run of whitespace. 50,000 terms over 170 KB: see the bench row `anonymise.terms`.
 */
interface TermTrie {
  /** (node * 65536 + folded code unit) → child node. Node 0 is the root. */
  edges: Map<number, number>;
  /** node → tag kind, for nodes that end a term. */
  ends: Map<number, string>;
  /** The root's first characters, for a quick skip. */
  firsts: Set<number>;
}

/** Longest term accepted (characters); longer entries are ignored. */
export const MAX_TERM_LENGTH = 200;

let FOLD: Uint16Array | null = null;
/** One UTF-16 code unit, lower-cased when that keeps it one unit (as case-insensitive matching does). */
function fold(c: number): number {
  if (!FOLD) {
    FOLD = new Uint16Array(65536);
    for (let i = 0; i < 65536; i++) {
      const l = i >= 0xd800 && i <= 0xdfff ? '' : String.fromCharCode(i).toLowerCase();
      FOLD[i] = l.length === 1 ? l.charCodeAt(0) : i;
    }
  }
  return FOLD[c] as number;
}

const WORD_CP = /[\p{L}\p{N}]/u;
const isSpaceUnit = (c: number) => c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;

/** Whether the code point that the code unit at `i` belongs to is a letter or digit. */
function wordAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  if (c < 0x80) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
    const h = text.charCodeAt(i - 1);
    if (h >= 0xd800 && h <= 0xdbff) return WORD_CP.test(String.fromCodePoint(text.codePointAt(i - 1) as number));
  }
  return WORD_CP.test(String.fromCodePoint(text.codePointAt(i) as number));
}

const termCache = new WeakMap<readonly TermSpec[], TermTrie | null>();

function compileTerms(terms: readonly TermSpec[]): TermTrie | null {
  const cached = termCache.get(terms);
  if (cached !== undefined) return cached;
  const edges = new Map<number, number>();
  const ends = new Map<number, string>();
  const firsts = new Set<number>();
  let nodes = 1;
  for (const t of terms) {
    const term = t.term.normalize('NFC').trim().replace(/\s+/g, ' ');
    if (!term || term.length > MAX_TERM_LENGTH) continue;
    let node = 0;
    for (let i = 0; i < term.length; i++) {
      const c = fold(term.charCodeAt(i));
      if (node === 0) firsts.add(c);
      const key = node * 65536 + c;
      let next = edges.get(key);
      if (next === undefined) {
        next = nodes++;
        edges.set(key, next);
      }
      node = next;
    }
    // A term listed twice takes the kind of its last entry (as the alternation's kinds map did).
    ends.set(node, t.kind.toLocaleUpperCase('nb'));
  }
  const compiled = ends.size === 0 ? null : { edges, ends, firsts };
  termCache.set(terms, compiled);
  return compiled;
}

export function detectTerms(text: string, terms: readonly TermSpec[]): Hit[] {
  const trie = compileTerms(terms);
  if (!trie) return [];
  const out: Hit[] = [];
  const n = text.length;
  let p = 0;
  while (p < n) {
    if (!trie.firsts.has(fold(text.charCodeAt(p))) || wordAt(text, p - 1)) {
      p++;
      continue;
    }
    let node = 0;
    let i = p;
    let bestEnd = -1;
    let bestKind = '';
    while (i < n) {
      const c = text.charCodeAt(i);
      if (isSpaceUnit(c)) {
        const next = trie.edges.get(node * 65536 + 32);
        if (next === undefined) break;
        node = next;
        while (i < n && isSpaceUnit(text.charCodeAt(i))) i++;
      } else {
        const next = trie.edges.get(node * 65536 + fold(c));
        if (next === undefined) break;
        node = next;
        i++;
      }
      const kind = trie.ends.get(node);
      if (kind !== undefined && !wordAt(text, i)) {
        bestEnd = i;
        bestKind = kind;
      }
    }
    if (bestEnd > p) {
      out.push(makeHit(text, p, bestEnd, 'TERM', 0.99, 'term.study-list', bestKind));
      p = bestEnd;
    } else p++;
  }
  return out;
}
