/**
 * REFI-QDA text positions count characters of the plain text; we read "character" as a Unicode
 * code point (what Python, Java's codePointCount and the REFI reference exporters count), while our
 * offsets are UTF-16 code units (what `String.prototype.slice` uses). An emoji is 1 in REFI and 2 here.
 */

/** UTF-16 offset → code point offset. */
export function utf16ToCodePoint(text: string, offset: number): number {
  let cp = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Count a surrogate pair once: skip the high half, count the low half.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        if (i + 1 >= offset) break;
        continue;
      }
    }
    cp++;
  }
  return cp;
}

/**
 * Code point offsets in `raw` (as the foreign file has it, maybe with CRLF) → UTF-16 offsets in the
 * normalised text (CRLF and lone CR become LF). Returns a function; out-of-range → null.
 */
export function codePointMapper(raw: string): { text: string; toUtf16: (cp: number) => number | null } {
  const cpToUtf16: number[] = [];
  let text = '';
  for (let i = 0; i < raw.length; ) {
    const cp = raw.codePointAt(i) as number;
    const len = cp > 0xffff ? 2 : 1;
    cpToUtf16.push(text.length);
    if (cp === 13) {
      if (raw.charCodeAt(i + 1) !== 10) text += '\n';
      // A CR before LF is dropped: it maps to where the LF will be written.
    } else text += raw.slice(i, i + len);
    i += len;
  }
  cpToUtf16.push(text.length);
  return { text, toUtf16: (cp) => (Number.isInteger(cp) && cp >= 0 && cp < cpToUtf16.length ? (cpToUtf16[cp] as number) : null) };
}
