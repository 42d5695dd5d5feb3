/**
 * Bytes of an imported text file → normalised text, with the same answer in Node and Chromium.
 * Expected failures (empty, binary, too large, encrypted Word file) are values naming the file.
 */
import { normaliseText } from './normalise';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export type DecodeIssueCode = 'empty' | 'too-large' | 'binary' | 'encrypted-office' | 'zip' ;

export interface DecodeIssue {
  file: string;
  code: DecodeIssueCode;
  /** Norwegian message for the user; `code` is stable for i18n. */
  message: string;
}

export type DecodeResult =
  | { ok: true; text: string; encoding: TextEncodingName }
  | { ok: false; issues: DecodeIssue[] };

export const MAX_TEXT_FILE_BYTES = 50 * 1024 * 1024;

/**
 * Windows-1252 0x80–0x9F as the WHATWG Encoding Standard maps them (index-windows-1252), which is
 * what Chromium does. Node 20's TextDecoder('windows-1252') maps these bytes to C1 controls
 * instead (measured, see STACK.md), so we ship the table. The five bytes Windows leaves undefined
 * (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the same-valued C1 code point, as WHATWG does.
 */
const CP1252_HIGH: readonly number[] = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

/** Compound File Binary (OLE2) signature: password-protected .docx are stored in a CFB container. */
const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

/** Above this share of control characters a "text" is really binary. */
const MAX_CONTROL_SHARE = 0.3;
/** How many bytes to sample when guessing BOM-less UTF-16. */
const UTF16_SAMPLE = 4096;

export function startsWithBytes(bytes: Uint8Array, signature: readonly number[]): boolean {
  if (bytes.length < signature.length) return false;
  return signature.every((b, i) => bytes[i] === b);
}

/** Windows-1252 → string with the WHATWG table for 0x80–0x9F; other bytes are Latin-1. */
export function decodeWindows1252(bytes: Uint8Array): string {
  const CHUNK = 8192;
  let out = '';
  const codes = new Array<number>(Math.min(CHUNK, bytes.length));
  for (let at = 0; at < bytes.length; at += CHUNK) {
    const end = Math.min(at + CHUNK, bytes.length);
    codes.length = end - at;
    for (let i = at; i < end; i++) {
      const b = bytes[i] as number;
      codes[i - at] = b >= 0x80 && b <= 0x9f ? (CP1252_HIGH[b - 0x80] as number) : b;
    }
    out += String.fromCharCode(...codes);
  }
  return out;
}

/** UTF-16 code units → string, done by hand so LE and BE behave the same in every runtime. */
export function decodeUtf16(bytes: Uint8Array, littleEndian: boolean): string {
  const CHUNK = 8192;
  const units = Math.floor(bytes.length / 2);
  let out = '';
  const codes = new Array<number>(Math.min(CHUNK, units));
  for (let at = 0; at < units; at += CHUNK) {
    const end = Math.min(at + CHUNK, units);
    codes.length = end - at;
    for (let u = at; u < end; u++) {
      const a = bytes[2 * u] as number;
      const b = bytes[2 * u + 1] as number;
      codes[u - at] = littleEndian ? a | (b << 8) : (a << 8) | b;
    }
    out += String.fromCharCode(...codes);
  }
  return out;
}

/**
 * BOM-less UTF-16 shows as NULs in every other byte for Latin text: NUL at odd offsets means LE
 * ("a\0b\0"), at even offsets BE. Returns null when the pattern is not clear.
 */
export function guessBomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, UTF16_SAMPLE) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul / pairs > 0.6 && evenNul / pairs < 0.1) return 'utf-16le';
  if (evenNul / pairs > 0.6 && oddNul / pairs < 0.1) return 'utf-16be';
  return null;
}

/** The share of control characters (and U+FFFD) in `text`: high for binary data, near 0 for text. */
export function controlShare(text: string): number {
  if (text.length === 0) return 0;
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0x7f && c <= 0x9f) || c === 0xfffd) controls++;
  }
  return controls / text.length;
}

function fail(file: string, code: DecodeIssueCode, message: string): DecodeResult {
  return { ok: false, issues: [{ file, code, message }] };
}

function tryUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

function finish(fileName: string, text: string, encoding: TextEncodingName): DecodeResult {
  if (controlShare(text) > MAX_CONTROL_SHARE) {
    return fail(fileName, 'binary', `«${fileName}» ser ut til å være en binærfil, ikke tekst.`);
  }
  const normalised = normaliseText(text);
  if (normalised.trim().length === 0) return fail(fileName, 'empty', `«${fileName}» er tom.`);
  return { ok: true, text: normalised, encoding };
}

/**
 * Decodes a text file: UTF-8 (with or without BOM), UTF-16 LE/BE (BOM, or BOM-less by NUL
 * pattern), otherwise Windows-1252 when the bytes are not valid UTF-8. The text is returned
 * normalised (see normaliseText).
 */
export function decodeTextFile(bytes: Uint8Array, fileName: string): DecodeResult {
  if (bytes.length === 0) return fail(fileName, 'empty', `«${fileName}» er tom.`);
  if (bytes.length > MAX_TEXT_FILE_BYTES) {
    return fail(fileName, 'too-large', `«${fileName}» er større enn 50 MB og kan ikke importeres som tekst.`);
  }
  if (startsWithBytes(bytes, CFB_SIGNATURE)) {
    return fail(fileName, 'encrypted-office', `«${fileName}» er en passordbeskyttet eller kryptert Word-fil (eller en gammel .doc-fil). Fjern passordet og lagre som .docx eller .txt.`);
  }
  if (startsWithBytes(bytes, ZIP_SIGNATURE)) {
    return fail(fileName, 'zip', `«${fileName}» er en zip- eller Word-fil (.docx), ikke ren tekst. Importer den som .docx.`);
  }
  if (startsWithBytes(bytes, [0xef, 0xbb, 0xbf])) {
    // With a BOM the writer declared UTF-8: decode leniently rather than guess another encoding.
    return finish(fileName, new TextDecoder('utf-8').decode(bytes.subarray(3)), 'utf-8');
  }
  if (startsWithBytes(bytes, [0xff, 0xfe])) return finish(fileName, decodeUtf16(bytes.subarray(2), true), 'utf-16le');
  if (startsWithBytes(bytes, [0xfe, 0xff])) return finish(fileName, decodeUtf16(bytes.subarray(2), false), 'utf-16be');
  const guessed = guessBomlessUtf16(bytes);
  if (guessed) return finish(fileName, decodeUtf16(bytes, guessed === 'utf-16le'), guessed);
  if (bytes.includes(0)) {
    return fail(fileName, 'binary', `«${fileName}» inneholder NUL-byte og ser ut til å være en binærfil, ikke tekst.`);
  }
  const utf8 = tryUtf8(bytes);
  if (utf8 !== null) return finish(fileName, utf8, 'utf-8');
  return finish(fileName, decodeWindows1252(bytes), 'windows-1252');
}

/** What `decodeText` found: a TextEncodingName, or UTF-8 that began with a byte-order mark. */
export type DetectedEncoding = TextEncodingName | 'utf-8-bom';

/**
 * Bytes → text for imported CSV: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252
 * (Norwegian Excel's "CSV (semikolondelt)"), with the one Windows-1252 table above.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: DetectedEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}
