import { describe, expect, it } from 'vitest';
import { normaliseText } from '../../shared/text/normalise';
import { decodeTextFile, decodeWindows1252, MAX_TEXT_FILE_BYTES } from '../../shared/text/decode';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

function utf16(s: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const out = new Uint8Array((s.length + (bom ? 1 : 0)) * 2);
  const units = (bom ? '\uFEFF' : '') + s;
  for (let i = 0; i < units.length; i++) {
    const c = units.charCodeAt(i);
    out[2 * i] = littleEndian ? c & 0xff : c >> 8;
    out[2 * i + 1] = littleEndian ? c >> 8 : c & 0xff;
  }
  return out;
}

describe('normaliseText', () => {
  it('composes decomposed æøå (NFC) so "å" is one UTF-16 unit', () => {
    const decomposed = 'Bla\u030Abær og sma\u030A ting';
    expect(decomposed.length).toBe(20);
    const n = normaliseText(decomposed);
    expect(n).toBe('Blåbær og små ting');
    expect(n.length).toBe(18);
    expect(n.indexOf('små')).toBe(10);
    expect(n.slice(10, 13)).toBe('små');
  });
  it('leaves precomposed Norwegian text and emoji as they are; emoji are 2 units', () => {
    const s = 'Æ, Ø og Å 😀 – ferdig';
    const n = normaliseText(s);
    expect(n).toBe(s);
    expect(n.indexOf('– ferdig') - n.indexOf('😀')).toBe(3);
  });
  it.each([
    ['\r\n', 'a\r\nb\rc\n', 'a\nb\nc\n'],
    ['BOM', '\uFEFF\uFEFFhei', 'hei'],
    ['NUL and C0', 'h\u0000e\u0007i\u001B\u007F', 'hei'],
    ['tab and newline kept', 'a\tb\nc', 'a\tb\nc'],
  ])('%s', (_label, input, expected) => {
    expect(normaliseText(input)).toBe(expected);
    expect(normaliseText(normaliseText(input))).toBe(expected);
  });
});

describe('decodeTextFile', () => {
  const text = 'Jeg heter Åse og bor på Bø – «fint».';
  it.each([
    ['utf-8', utf8(text), 'utf-8'],
    ['utf-8 with BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]), 'utf-8'],
    ['utf-16le BOM', utf16(text, true, true), 'utf-16le'],
    ['utf-16be BOM', utf16(text, false, true), 'utf-16be'],
    ['utf-16le no BOM', utf16(text, true, false), 'utf-16le'],
    ['utf-16be no BOM', utf16(text, false, false), 'utf-16be'],
  ])('%s', (_label, bytes, encoding) => {
    const r = decodeTextFile(bytes, 'a.txt');
    expect(r).toEqual({ ok: true, text, encoding });
  });

  it('falls back to Windows-1252 with the WHATWG table for 0x80–0x9F (same as Chromium)', () => {
    // "€ 5 – “Åse” …" in cp1252
    const bytes = new Uint8Array([0x80, 0x20, 0x35, 0x20, 0x96, 0x20, 0x93, 0xc5, 0x73, 0x65, 0x94, 0x20, 0x85, 0x0d, 0x0a, 0xe6, 0xf8, 0xe5]);
    const r = decodeTextFile(bytes, 'gammel.txt');
    expect(r).toEqual({ ok: true, text: '€ 5 – “Åse” …\næøå', encoding: 'windows-1252' });
  });
  it('maps all 32 bytes 0x80–0x9F to what WHATWG/Chromium give', () => {
    const expected = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
    expect(decodeWindows1252(new Uint8Array(Array.from({ length: 32 }, (_, i) => 0x80 + i)))).toBe(expected);
  });

  it.each([
    ['empty', new Uint8Array(0), 'empty'],
    ['only whitespace', utf8('  \n '), 'empty'],
    ['encrypted Word (CFB)', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]), 'encrypted-office'],
    ['zip/docx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'zip'],
    ['NUL in non-UTF-16 data', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x41, 0x42, 0x43]), 'binary'],
    ['mostly control characters', new Uint8Array([1, 2, 3, 4, 5, 6, 0x41, 0x42, 0x43, 0x44]), 'binary'],
  ])('rejects %s with a message naming the file', (_label, bytes, code) => {
    const r = decodeTextFile(bytes, 'intervju 3.txt');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]?.code).toBe(code);
    expect(r.issues[0]?.message).toContain('intervju 3.txt');
  });
  it('says "passordbeskyttet eller kryptert Word-fil" for the CFB signature', () => {
    const r = decodeTextFile(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'x.docx');
    expect(!r.ok && r.issues[0]?.message).toContain('passordbeskyttet eller kryptert Word-fil');
  });
  it('refuses files above 50 MB', () => {
    const r = decodeTextFile(new Uint8Array(MAX_TEXT_FILE_BYTES + 1).fill(0x61), 'stor.txt');
    expect(!r.ok && r.issues[0]?.code).toBe('too-large');
  });
});
