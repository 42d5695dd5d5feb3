/**
 * File → transcript text, in the browser (and in the anonymise worker). Dispatches on the file
 * extension to the pure decoders of shared/: text files (shared/text/decode), Word (.docx via
 * mammoth's browser build, shared/transcript/docx) and Teams/Zoom captions (shared/transcript/captions).
 * Every failure is a value naming the file; nothing here touches the database.
 */
import { decodeTextFile, MAX_TEXT_FILE_BYTES } from '../../shared/text/decode';
import { docxToText } from '../../shared/transcript/docx';
import { parseSrt, parseVtt, speakersOf, type SpeakerTurn } from '../../shared/transcript/captions';

export type ImportSource = 'txt' | 'docx' | 'vtt' | 'srt';

export type ImportIssueCode =
  | 'empty'
  | 'too-large'
  | 'binary'
  | 'encrypted-office'
  | 'zip'
  | 'not-docx'
  | 'too-many-paragraphs'
  | 'unreadable'
  | 'unsupported-type'
  | 'captions-invalid';

export type ImportResult =
  | { ok: true; kind: 'text'; source: 'txt' | 'docx'; fileName: string; text: string }
  | { ok: true; kind: 'captions'; source: 'vtt' | 'srt'; fileName: string; turns: SpeakerTurn[]; speakers: string[] }
  | { ok: false; fileName: string; code: ImportIssueCode; /** Norwegian detail from the decoder (located for captions). */ detail: string };

export const ACCEPTED_EXTENSIONS = ['txt', 'docx', 'vtt', 'srt'] as const;
export const MAX_IMPORT_BYTES = MAX_TEXT_FILE_BYTES;

export function sourceOf(fileName: string): ImportSource | null {
  const ext = /\.([^./\\]+)$/.exec(fileName.toLowerCase())?.[1] ?? '';
  return (ACCEPTED_EXTENSIONS as readonly string[]).includes(ext) ? (ext as ImportSource) : null;
}

function fail(fileName: string, code: ImportIssueCode, detail: string): ImportResult {
  return { ok: false, fileName, code, detail };
}

/** Decode one file. `.txt`, `.vtt` and `.srt` share the text decoder (BOMs, UTF-16, Windows-1252). */
export async function importFile(fileName: string, bytes: Uint8Array): Promise<ImportResult> {
  try {
    return await importFileUnguarded(fileName, bytes);
  } catch (e) {
    // The boundary: a decoder or parser exception on a hostile file is a value naming the file.
    return fail(fileName, 'unreadable', `«${fileName}» kunne ikke leses (${(e instanceof Error ? e.message : String(e)).slice(0, 200)}).`);
  }
}

async function importFileUnguarded(fileName: string, bytes: Uint8Array): Promise<ImportResult> {
  const source = sourceOf(fileName);
  if (!source) return fail(fileName, 'unsupported-type', `«${fileName}»: bare .txt, .docx, .vtt og .srt kan importeres.`);
  if (bytes.length === 0) return fail(fileName, 'empty', `«${fileName}» er tom.`);
  if (bytes.length > MAX_IMPORT_BYTES) return fail(fileName, 'too-large', `«${fileName}» er større enn 50 MB.`);
  if (source === 'docx') {
    const r = await docxToText(bytes, fileName);
    if (!r.ok) {
      const issue = r.issues[0];
      return fail(fileName, issue?.code ?? 'unreadable', issue?.message ?? '');
    }
    return { ok: true, kind: 'text', source, fileName, text: r.text };
  }
  const decoded = decodeTextFile(bytes, fileName);
  if (!decoded.ok) {
    const issue = decoded.issues[0];
    return fail(fileName, issue?.code ?? 'unreadable', issue?.message ?? '');
  }
  if (source === 'txt') return { ok: true, kind: 'text', source, fileName, text: decoded.text };
  const parsed = source === 'vtt' ? parseVtt(decoded.text, fileName) : parseSrt(decoded.text, fileName);
  if (!parsed.ok) return fail(fileName, 'captions-invalid', parsed.issues.slice(0, 5).map((i) => i.message).join('\n'));
  if (parsed.turns.length === 0) return fail(fileName, 'empty', `«${fileName}» har ingen repliker.`);
  return { ok: true, kind: 'captions', source, fileName, turns: parsed.turns, speakers: speakersOf(parsed.turns) };
}
