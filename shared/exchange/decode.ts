/**
 * Bytes → text for imported CSV/TXT: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252.
 *
 * Node 20's `TextDecoder('windows-1252')` maps 0x80–0x9F to C1 control characters, while Chromium
 * maps them to € ‚ ƒ „ … (WHATWG Encoding). We ship the 32-entry table so both give the same text
 * (table: https://encoding.spec.whatwg.org/index-windows-1252.txt).
 */

const CP1252_80_9F = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 4096) {
    const chunk = bytes.subarray(i, i + 4096);
    const codes = Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? (CP1252_80_9F[b - 0x80] as number) : b));
    out += String.fromCharCode(...codes);
  }
  return out;
}

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not valid UTF-8: Norwegian Excel "CSV (semikolondelt)" writes Windows-1252.
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}
