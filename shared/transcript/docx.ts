/**
 * .docx bytes → plain transcript text via mammoth's `extractRawText`.
 *
 * Safe in shared/: mammoth's package.json "browser" field swaps its only Node-dependent modules
 * (`lib/unzip.js` reads files with `fs`, `lib/docx/files.js` resolves external images with
 * `path`/`url`) for DOM-free browser versions, so the renderer bundle pulls no Node built-ins.
 * Node's unzip accepts `{ buffer }`, the browser one `{ arrayBuffer }`: we pass both.
 */
import mammoth from 'mammoth';
import { normaliseText } from '../text/normalise';
import { startsWithBytes } from '../text/decode';

export interface DocxIssue {
  file: string;
  code: 'empty' | 'encrypted-office' | 'not-docx' | 'unreadable';
  message: string;
}

export type DocxResult = { ok: true; text: string; warnings: string[] } | { ok: false; issues: DocxIssue[] };

const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

function fail(file: string, code: DocxIssue['code'], message: string): DocxResult {
  return { ok: false, issues: [{ file, code, message }] };
}

/** Paragraphs become lines; mammoth's blank line between paragraphs is kept as one `\n\n`. */
export async function docxToText(bytes: Uint8Array, fileName = 'dokument.docx'): Promise<DocxResult> {
  if (bytes.length === 0) return fail(fileName, 'empty', `«${fileName}» er tom.`);
  if (startsWithBytes(bytes, CFB_SIGNATURE)) {
    return fail(fileName, 'encrypted-office', `«${fileName}» er en passordbeskyttet eller kryptert Word-fil (eller en gammel .doc-fil). Fjern passordet og lagre som .docx.`);
  }
  if (!startsWithBytes(bytes, ZIP_SIGNATURE)) return fail(fileName, 'not-docx', `«${fileName}» er ikke en Word-fil (.docx).`);
  const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  try {
    // `buffer` for mammoth's Node entry, `arrayBuffer` for its browser entry (see above).
    const input = { arrayBuffer, buffer: bytes } as unknown as { arrayBuffer: ArrayBuffer };
    const result = await mammoth.extractRawText(input);
    const text = normaliseText(result.value).replace(/\n{3,}/g, '\n\n').trim();
    if (text.length === 0) return fail(fileName, 'empty', `«${fileName}» inneholder ingen tekst.`);
    return { ok: true, text, warnings: result.messages.map((m) => m.message) };
  } catch (e) {
    return fail(fileName, 'unreadable', `«${fileName}» kunne ikke leses som Word-fil (${e instanceof Error ? e.message : String(e)}).`);
  }
}
