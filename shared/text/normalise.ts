/**
 * One canonical form for every transcript text, so that offsets stay valid wherever the text goes.
 *
 * Offsets everywhere in Reisekart are UTF-16 code unit indices into the normalised text, i.e. plain
 * JavaScript string indices: the DOM Selection/Range API, `String.prototype.slice` and IndexedDB
 * all speak UTF-16, so a span chosen on screen can be stored and sliced without conversion.
 * NFC matters because "å" may arrive as one code point (U+00E5) or as "a" + U+030A; after NFC it
 * is always one unit, so the same visible text always has the same offsets. Emoji outside the BMP
 * take two units (a surrogate pair) and that is fine as long as every layer counts the same way.
 * See docs/anonymisation.md.
 */

// C0 controls except TAB (0x09) and LF (0x0A), plus DEL: they carry no meaning in a transcript and
// NUL in particular breaks IndexedDB keys and PDF text. CR is handled before this runs.
// eslint-disable-next-line no-control-regex
const STRIPPED_CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F]/g;
const LINE_ENDS = /\r\n?/g;
const LEADING_BOMS = /^\uFEFF+/;

/** NFC, `\n` line ends, no BOM, no NUL or other C0 controls except `\n` and `\t`. Idempotent. */
export function normaliseText(s: string): string {
  return s.replace(LINE_ENDS, '\n').replace(STRIPPED_CONTROLS, '').replace(LEADING_BOMS, '').normalize('NFC');
}
