/**
 * Replace accepted hits by tags that stay the same across a study's interviews, without storing
 * the values: the memory holds only a salted SHA-256 of each normalised value (WebCrypto
 * `crypto.subtle.digest`, present in browsers, Electron and Node 20 as globalThis.crypto).
 */
import type { PseudonymEntry, Turn } from '../model';

/** What pseudonymise needs of a hit; a detector `Hit` fits, and the reviewer may change the tag. */
export interface AcceptedHit {
  start: number;
  end: number;
  /** The text the reviewer saw; must equal `text.slice(start, end)`. */
  text: string;
  /** Tag kind: NAVN, SKOLE, STED, ADRESSE, LÆRER … (numbered) or TLF, FNR, EPOST, URL, DUF. */
  suggestedTag: string;
}

export interface PseudonymiseOptions {
  studyId: string;
  /**
   * Per-study secret mixed into every hash, so a copied memory cannot be checked against a name
   * list without it. Keep it with the study, never in exports.
   */
  salt: string;
  /** Also replace other whole-word, same-case occurrences of an accepted value. Default true. */
  propagate?: boolean;
}

export interface PseudonymiseIssue {
  hit: number;
  message: string;
}

export type OffsetBias = 'start' | 'end';

export type PseudonymiseResult =
  | {
      ok: true;
      text: string;
      /** New memory entries to store (existing ones are reused, not repeated). */
      entries: PseudonymEntry[];
      /**
       * Old offset → new offset, monotone. An offset inside a replaced value maps to the tag's
       * end (bias 'end', default) or start (bias 'start').
       */
      mapOffset: (oldOffset: number, bias?: OffsetBias) => number;
      /** Replacements per tag kind, for the audit log: counts only, never values. */
      counts: Record<string, number>;
      /**
       * Each replaced value and its tag, so the same replacements can be applied to the quotes and
       * notes of the transcript's segments (shared/anonymise/rewrite.ts). In memory only: never store.
       */
      replacements: { value: string; tag: string }[];
    }
  | { ok: false; issues: PseudonymiseIssue[] };

/** Tags without a number: the value type is all a reader needs and numbering adds nothing. */
export const UNNUMBERED_TAGS: ReadonlySet<string> = new Set(['TLF', 'FNR', 'EPOST', 'URL', 'DUF']);

const DIGIT_TAGS = new Set(['TLF', 'FNR', 'DUF']);

/** The form that is hashed: the same person written differently should get the same tag. */
export function normaliseValue(kind: string, value: string): string {
  const v = value.normalize('NFC').trim();
  if (DIGIT_TAGS.has(kind)) {
    const digits = v.replace(/\D/g, '');
    return kind === 'TLF' && digits.length > 8 ? digits.replace(/^(?:0047|47)/, '') : digits;
  }
  return v.replace(/\s+/g, ' ').toLocaleLowerCase('nb');
}

export async function hashValue(salt: string, kind: string, normalised: string): Promise<string> {
  const bytes = new TextEncoder().encode(`${salt}\u0000${kind}\u0000${normalised}`);
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function tagNumber(tag: string): number {
  const m = /-(\d+)\]$/.exec(tag);
  return m ? Number(m[1]) : 0;
}

interface Span {
  start: number;
  end: number;
  kind: string;
  value: string;
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;

function isWholeWord(text: string, start: number, end: number): boolean {
  const startsWord = WORD_CHAR.test(text[start] ?? '');
  const endsWord = WORD_CHAR.test(text[end - 1] ?? '');
  return !(startsWord && WORD_CHAR.test(text[start - 1] ?? '')) && !(endsWord && WORD_CHAR.test(text[end] ?? ''));
}

/** Accepted spans sorted, overlapping ones joined into the earlier one's tag. */
function joinSpans(spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const s of [...spans].sort((a, b) => a.start - b.start || b.end - a.end)) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) {
      last.end = Math.max(last.end, s.end);
      continue;
    }
    out.push({ ...s });
  }
  return out;
}

/** Other whole-word occurrences of accepted values that no accepted span covers yet. */
function propagateSpans(text: string, spans: Span[]): Span[] {
  const covered = new Uint8Array(text.length);
  for (const s of spans) covered.fill(1, s.start, s.end);
  const extra: Span[] = [];
  const seen = new Set<string>();
  for (const s of spans) {
    const value = text.slice(s.start, s.end);
    if (seen.has(value) || value.trim().length < 2) continue;
    seen.add(value);
    for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
      const end = at + value.length;
      if (covered.subarray(at, end).includes(1) || !isWholeWord(text, at, end)) continue;
      covered.fill(1, at, end);
      extra.push({ start: at, end, kind: s.kind, value: s.value });
    }
  }
  return extra;
}

/**
 * Replace each accepted hit by its tag (`[NAVN-3]`, `[TLF]` …), reusing tags from `memory` for
 * values seen before in the study. Fails (as a value) when a hit no longer matches the text.
 */
export async function pseudonymise(
  text: string,
  acceptedHits: readonly AcceptedHit[],
  memory: readonly PseudonymEntry[],
  options: PseudonymiseOptions,
): Promise<PseudonymiseResult> {
  const issues: PseudonymiseIssue[] = [];
  const spans: Span[] = [];
  acceptedHits.forEach((h, i) => {
    const kind = h.suggestedTag.trim().toLocaleUpperCase('nb');
    if (!(h.start >= 0 && h.end > h.start && h.end <= text.length) || text.slice(h.start, h.end) !== h.text) {
      issues.push({ hit: i, message: 'Treffet passer ikke lenger med teksten (er teksten endret?).' });
    } else if (!/^[\p{Lu}\p{N}_-]{1,20}$/u.test(kind)) {
      issues.push({ hit: i, message: 'Ugyldig merkelapp.' });
    } else {
      spans.push({ start: h.start, end: h.end, kind, value: normaliseValue(kind, h.text) });
    }
  });
  if (issues.length > 0) return { ok: false, issues };

  let joined = joinSpans(spans);
  if (options.propagate ?? true) joined = joinSpans([...joined, ...propagateSpans(text, joined)]);

  // Tags: reuse the study memory, else the next free number for the kind.
  const byKey = new Map<string, string>();
  const next = new Map<string, number>();
  for (const e of memory) {
    if (e.studyId !== options.studyId) continue;
    byKey.set(`${e.kind}\u0000${e.hash}`, e.tag);
    next.set(e.kind, Math.max(next.get(e.kind) ?? 0, tagNumber(e.tag)));
  }
  const entries: PseudonymEntry[] = [];
  const counts: Record<string, number> = {};
  const tags: string[] = [];
  for (const s of joined) {
    counts[s.kind] = (counts[s.kind] ?? 0) + 1;
    if (UNNUMBERED_TAGS.has(s.kind)) {
      tags.push(`[${s.kind}]`);
      continue;
    }
    const hash = await hashValue(options.salt, s.kind, s.value);
    const key = `${s.kind}\u0000${hash}`;
    let tag = byKey.get(key);
    if (!tag) {
      const n = (next.get(s.kind) ?? 0) + 1;
      next.set(s.kind, n);
      tag = `[${s.kind}-${n}]`;
      byKey.set(key, tag);
      entries.push({ id: `ps-${options.studyId}-${hash.slice(0, 24)}`.slice(0, 100), studyId: options.studyId, kind: s.kind, tag, hash });
    }
    tags.push(tag);
  }

  // Rebuild the text and remember where each replacement landed.
  const oldStarts: number[] = [];
  const oldEnds: number[] = [];
  const newStarts: number[] = [];
  const newEnds: number[] = [];
  let out = '';
  let from = 0;
  joined.forEach((s, i) => {
    out += text.slice(from, s.start);
    oldStarts.push(s.start);
    oldEnds.push(s.end);
    newStarts.push(out.length);
    out += tags[i] ?? '';
    newEnds.push(out.length);
    from = s.end;
  });
  out += text.slice(from);

  const mapOffset = (old: number, bias: OffsetBias = 'end'): number => {
    // Last replacement starting at or before `old` (binary search).
    let lo = 0;
    let hi = oldStarts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((oldStarts[mid] as number) <= old) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0) return old;
    const oldStart = oldStarts[found] as number;
    const oldEnd = oldEnds[found] as number;
    const newStart = newStarts[found] as number;
    const newEnd = newEnds[found] as number;
    if (old === oldStart) return newStart;
    if (old < oldEnd) return bias === 'start' ? newStart : newEnd;
    return newEnd + (old - oldEnd);
  };
  const seen = new Set<string>();
  const replacements: { value: string; tag: string }[] = [];
  joined.forEach((s, i) => {
    const value = text.slice(s.start, s.end);
    const tag = tags[i] ?? '';
    if (!seen.has(value)) replacements.push({ value, tag });
    seen.add(value);
  });
  return { ok: true, text: out, entries, mapOffset, counts, replacements };
}

/** Turns re-based onto the pseudonymised text. */
export function rebaseTurns(turns: readonly Turn[], mapOffset: (o: number, bias?: OffsetBias) => number): Turn[] {
  return turns.map((t) => ({ ...t, start: mapOffset(t.start, 'start'), end: mapOffset(t.end, 'end') }));
}
