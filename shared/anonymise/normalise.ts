/**
 * Fold a text before the detectors look at it, and map what they find back to the original.
 *
 * People (and partners who want something through) write identifiers in forms a plain pattern
 * misses: a fødselsnummer with NBSP or fullwidth digits, `ola(at)skole(dot)no`, `ola [at] skole.no`,
 * a fullwidth `＠`, a phone number with a zero-width space in it. The detectors run on the folded
 * text; every hit is mapped back to the exact original span, so the review screen marks and
 * pseudonymise replaces what was really written.
 *
 * Folded:
 *  - NBSP, narrow NBSP, thin and other Unicode spaces → a plain space;
 *  - zero-width spaces and joiners, word joiner, BOM, soft hyphen, direction marks → removed;
 *  - fullwidth ASCII forms (U+FF01–FF5E, incl. `＠` and fullwidth digits), small `﹫` → ASCII;
 *  - Unicode hyphens and the minus sign → `-`;
 *  - `(at)` `[at]` `{at}` `<at>` (also `krøll`, `alfakrøll`) → `@`, `(dot)` `[dot]` (also `punkt`,
 *    `punktum`) → `.`, with the spaces around them;
 *  - a bare ` at ` → `@` only between a local part and something shaped like a domain
 *    (`ola at skole.no`, `ola at skole dot no`), and a bare ` dot ` → `.` only inside such an address.
 * Every pattern has bounded repetition: linear time on any input.
 */

export interface FoldedText {
  /** The folded text the detectors read. */
  text: string;
  /** True when nothing was folded (then offsets are the same in both texts). */
  identity: boolean;
  /** The original span [start, end) of the folded span [start, end). */
  toOriginal(start: number, end: number): [number, number];
}

const SPACES = '\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000';
const INVISIBLE = '\u00AD\u180E\u200B-\u200F\u2060-\u2064\uFEFF';
const HYPHENS = '\u2010\u2011\u2012\u2212\uFE63';
const FULLWIDTH = '\uFF01-\uFF5E\uFE6B';

/** Any space, plain or not: the patterns below run before spaces are folded. */
const SP = `[ ${SPACES}]`;
const OPEN = String.raw`[(\[{<]`;
const CLOSE = String.raw`[)\]}>]`;
const AT_WORD = '(?:at|krøll|alfakrøll|snabel-a)';
const DOT_WORD = '(?:dot|punkt|punktum)';
const BRACKET_AT = String.raw`${SP}{0,3}${OPEN}${SP}{0,2}${AT_WORD}${SP}{0,2}${CLOSE}${SP}{0,3}`;
const BRACKET_DOT = String.raw`${SP}{0,3}${OPEN}${SP}{0,2}${DOT_WORD}${SP}{0,2}${CLOSE}${SP}{0,3}`;
/** A dot between domain labels, written any of the ways we fold. */
const ANY_DOT = String.raw`(?:\.|${SP}{1,3}dot${SP}{1,3}|${BRACKET_DOT})`;
const LABEL = String.raw`[\p{L}\p{N}-]{1,63}`;
const DOMAIN_AHEAD = String.raw`(?=${LABEL}(?:${ANY_DOT}${LABEL}){0,4}${ANY_DOT}\p{L}{2,24}(?![\p{L}\p{N}]))`;
/** ` at ` after a local-part character and before a domain. */
const BARE_AT = String.raw`(?<=[\p{L}\p{N}._%+-])${SP}{1,3}at${SP}{1,3}${DOMAIN_AHEAD}`;
/** ` dot ` before a label; folded only inside an address (checked in code: ADDRESS_BEFORE). */
const BARE_DOT = String.raw`(?<=[\p{L}\p{N}])${SP}{1,3}dot${SP}{1,3}(?=\p{L})`;
/** An at (written or obfuscated) and then only address characters up to here. */
const ADDRESS_BEFORE = new RegExp(String.raw`(?:@|＠|${OPEN}${SP}{0,2}${AT_WORD}${SP}{0,2}${CLOSE}|${SP}at${SP})[\p{L}\p{N}.\- ]{1,80}$`, 'iu');

/** `ola @ skole.no`: spaces around a written at, between word characters. */
const SPACED_AT = String.raw`(?<=[\p{L}\p{N}])(?:${SP}{1,2}[@＠]${SP}{1,2}|[@＠]${SP}{1,2})(?=[\p{L}\p{N}])`;

const FOLD = new RegExp(
  `(?<at>${BRACKET_AT}|${BARE_AT}|${SPACED_AT})|(?<baredot>${BARE_DOT})|(?<dot>${BRACKET_DOT})|(?<space>[${SPACES}])|(?<gone>[${INVISIBLE}])|(?<hyphen>[${HYPHENS}])|(?<wide>[${FULLWIDTH}])`,
  'giu',
);
/** Cheap test: nothing to fold in most texts. Same alternatives, no capture. */
const NEEDS_FOLD = new RegExp(FOLD.source, 'iu');

function replacement(groups: Record<string, string | undefined>, match: string, text: string, at: number): string {
  if (groups.baredot !== undefined) return ADDRESS_BEFORE.test(text.slice(Math.max(0, at - 90), at)) ? '.' : match;
  if (groups.at !== undefined) return '@';
  if (groups.dot !== undefined) return '.';
  if (groups.space !== undefined) return ' ';
  if (groups.gone !== undefined) return '';
  if (groups.hyphen !== undefined) return '-';
  const code = match.charCodeAt(0);
  return code === 0xfe6b ? '@' : String.fromCharCode(code - 0xfee0);
}

const IDENTITY_MAP = (start: number, end: number): [number, number] => [start, end];

export function foldText(text: string): FoldedText {
  if (!NEEDS_FOLD.test(text)) return { text, identity: true, toOriginal: IDENTITY_MAP };
  // starts[i] / ends[i]: the original span of folded code unit i.
  const starts: number[] = [];
  const ends: number[] = [];
  let out = '';
  let last = 0;
  const copy = (from: number, to: number): void => {
    out += text.slice(from, to);
    for (let o = from; o < to; o++) {
      starts.push(o);
      ends.push(o + 1);
    }
  };
  for (const m of text.matchAll(FOLD)) {
    const at = m.index;
    copy(last, at);
    const r = replacement(m.groups ?? {}, m[0], text, at);
    if (r === m[0]) {
      copy(at, at + r.length);
      last = at + r.length;
      continue;
    }
    out += r;
    for (let i = 0; i < r.length; i++) {
      starts.push(at);
      ends.push(at + m[0].length);
    }
    last = at + m[0].length;
  }
  copy(last, text.length);
  return {
    text: out,
    identity: false,
    toOriginal(start: number, end: number): [number, number] {
      if (end <= start) {
        const o = start < starts.length ? (starts[start] as number) : text.length;
        return [o, o];
      }
      return [starts[start] as number, ends[end - 1] as number];
    },
  };
}
