/**
 * Pseudonym tags from a partner, namespaced (issue 16). Pseudonym tables never travel, so partner
 * A's `[NAVN-3]` and partner B's `[NAVN-3]` may be two different people: a transcript that arrives
 * new from a partner has its plain tags rewritten `[NAVN-3·PORSGRUNN]` (the partner's site), and
 * the offsets of its segments follow. Pure.
 */

/** A plain tag the anonymiser writes: `[NAVN-3]`, `[SKOLE]`, `[LÆRER-12]` (no namespace yet). */
const PLAIN_TAG = /\[([A-ZÆØÅ]{2,12}(?:-\d{1,4})?)\]/gu;

/** The namespace of a site: upper-case letters and digits, at most 20. */
export function tagNamespace(site: string): string {
  const s = site
    .normalize('NFC')
    .toUpperCase()
    .replace(/[^A-Z0-9ÆØÅ]+/g, '')
    .slice(0, 20);
  return s === '' ? 'PARTNER' : s;
}

export interface Namespaced {
  text: string;
  /** Old offset → new offset (monotone; an offset inside a tag stays before the inserted namespace). */
  map: (offset: number) => number;
  changed: number;
}

export function namespaceTags(text: string, site: string): Namespaced {
  const ns = `·${tagNamespace(site)}`;
  /** Insertion points (old offset of the closing bracket), in order. */
  const at: number[] = [];
  const out = text.replace(PLAIN_TAG, (whole: string, _inner: string, offset: number) => {
    at.push(offset + whole.length - 1);
    return `${whole.slice(0, -1)}${ns}]`;
  });
  const map = (o: number): number => {
    let shift = 0;
    for (const p of at) {
      if (p < o) shift += ns.length;
      else break;
    }
    return o + shift;
  };
  return { text: out, map, changed: at.length };
}
