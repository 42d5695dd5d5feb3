/**
 * .docx bytes → plain transcript text via mammoth's `extractRawText`.
 *
 * Safe in shared/: mammoth's package.json "browser" field swaps its only Node-dependent modules
 * (`lib/unzip.js` reads files with `fs`, `lib/docx/files.js` resolves external images with
 * `path`/`url`) for DOM-free browser versions, so the renderer bundle pulls no Node built-ins.
 * Node's unzip accepts `{ buffer }`, the browser one `{ arrayBuffer }`: we pass both.
 */
import { zipSync } from 'fflate';
import mammoth from 'mammoth';
import { openZip, type ZipLimits } from '../exchange/zip';
import { normaliseText } from '../text/normalise';
import { startsWithBytes } from '../text/decode';
import { issueWords, type Issue } from '../exchange/issues';

export interface DocxIssue {
  file: string;
  code: 'empty' | 'encrypted-office' | 'not-docx' | 'unreadable' | 'too-large' | 'too-many-paragraphs';
  message: string;
  /** The entry inside the .docx the problem is in, e.g. `word/document.xml`. */
  field?: string;
  params?: Record<string, string | number>;
}

const MiB = 1024 * 1024;
/** A .docx transcript is text: 256 MiB unpacked, 5,000 parts (media are not read). */
export const DOCX_ZIP_LIMITS: ZipLimits = { maxEntries: 5000, maxTotalBytes: 256 * MiB, maxEntryBytes: 256 * MiB, maxCentralDirectoryBytes: 8 * MiB };
/** word/document.xml: a 10-hour transcript is ~5 MB of XML; 64 MiB is far above it. */
export const MAX_DOCUMENT_XML_BYTES = 64 * MiB;
/** Paragraphs (`<w:p>`) in the body: a long interview has a few thousand. */
export const MAX_DOCX_PARAGRAPHS = 200_000;

/** Counts `<w:p>` / `<w:p …>` start tags (not `<w:pPr>`, `<w:proofErr>` …) in the raw bytes. */
export function countParagraphs(xml: Uint8Array, stopAfter = Infinity): number {
  let n = 0;
  for (let i = 0; i + 4 < xml.length; i++) {
    if (xml[i] !== 0x3c || xml[i + 1] !== 0x77 || xml[i + 2] !== 0x3a || xml[i + 3] !== 0x70) continue; // "<w:p"
    const c = xml[i + 4];
    if (c === 0x3e || c === 0x20 || c === 0x2f || c === 0x09 || c === 0x0a || c === 0x0d) {
      n++;
      if (n > stopAfter) return n;
    }
  }
  return n;
}

/**
 * The .docx re-packed (stored, not deflated) from parts read under the caps: only XML and
 * relationship parts, each inflated by our bounded reader, so mammoth never inflates anything a
 * hostile header lied about. Issues are located at the part.
 */
function boundedDocx(bytes: Uint8Array, fileName: string): { ok: true; bytes: Uint8Array } | { ok: false; issues: DocxIssue[] } {
  const z = openZip(bytes, fileName, DOCX_ZIP_LIMITS);
  const asDocx = (issues: Issue[]): { ok: false; issues: DocxIssue[] } => ({
    ok: false,
    issues: issues.map((i) => ({ file: fileName, code: i.code === 'zip.tooLarge' || i.code === 'zip.entryTooLarge' || i.code === 'zip.tooManyEntries' ? 'too-large' : 'unreadable', message: `«${fileName}»${i.field ? ` (${i.field})` : ''}: ${issueWords(i)}`, ...(i.field ? { field: i.field } : {}), ...(i.params ? { params: i.params } : {}) })),
  });
  if (!z.ok) return asDocx(z.issues);
  const doc = z.zip.entries.find((e) => e.name === 'word/document.xml');
  if (!doc) return fail(fileName, 'not-docx', `«${fileName}» er ikke en Word-fil (.docx): word/document.xml mangler.`) as { ok: false; issues: DocxIssue[] };
  if (doc.size > MAX_DOCUMENT_XML_BYTES) {
    return { ok: false, issues: [{ file: fileName, code: 'too-large', field: 'word/document.xml', params: { size: doc.size, limit: MAX_DOCUMENT_XML_BYTES }, message: `«${fileName}» (word/document.xml): ${Math.round(doc.size / MiB)} MB tekst-XML; grensen er ${MAX_DOCUMENT_XML_BYTES / MiB} MB. Del dokumentet i flere filer.` }] };
  }
  const parts: Record<string, Uint8Array> = Object.create(null) as Record<string, Uint8Array>;
  for (const e of z.zip.entries) {
    if (!/\.(xml|rels)$/i.test(e.name)) continue;
    const r = z.zip.read(e.name);
    if (!r.ok) return asDocx(r.issues);
    parts[e.name] = r.bytes;
  }
  const paragraphs = countParagraphs(parts['word/document.xml'] as Uint8Array, MAX_DOCX_PARAGRAPHS);
  if (paragraphs > MAX_DOCX_PARAGRAPHS) {
    return { ok: false, issues: [{ file: fileName, code: 'too-many-paragraphs', field: 'word/document.xml', params: { limit: MAX_DOCX_PARAGRAPHS }, message: `«${fileName}» (word/document.xml) har mer enn ${MAX_DOCX_PARAGRAPHS} avsnitt. Del dokumentet i flere filer.` }] };
  }
  return { ok: true, bytes: zipSync(parts, { level: 0 }) };
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
  const checked = boundedDocx(bytes, fileName);
  if (!checked.ok) return checked;
  const safe = checked.bytes;
  const arrayBuffer = safe.buffer.slice(safe.byteOffset, safe.byteOffset + safe.byteLength) as ArrayBuffer;
  try {
    // `buffer` for mammoth's Node entry, `arrayBuffer` for its browser entry (see above).
    const input = { arrayBuffer, buffer: safe } as unknown as { arrayBuffer: ArrayBuffer };
    const result = await mammoth.extractRawText(input);
    const text = normaliseText(result.value).replace(/\n{3,}/g, '\n\n').trim();
    if (text.length === 0) return fail(fileName, 'empty', `«${fileName}» inneholder ingen tekst.`);
    return { ok: true, text, warnings: result.messages.map((m) => m.message) };
  } catch (e) {
    return fail(fileName, 'unreadable', `«${fileName}» kunne ikke leses som Word-fil (${e instanceof Error ? e.message : String(e)}).`);
  }
}
