/**
 * The embedded Unicode font. jsPDF's built-in Helvetica garbles ł, Cyrillic, Arabic without a
 * warning (docs/STACK measurements), and informants quote in many scripts, so the report embeds
 * DejaVu Sans (dejavu-fonts-ttf). shared/ cannot read files: the caller passes the bytes
 * (scripts/report.ts reads them with fs, the renderer fetches the bundled asset).
 */
import type { jsPDF } from 'jspdf';

export interface ReportFonts {
  regular: Uint8Array;
  bold: Uint8Array;
}

/** The family name the report registers and every text call uses. */
export const REPORT_FONT = 'DejaVuSans';

/** jsPDF's virtual file system wants a binary string (one char per byte). */
export function binaryString(bytes: Uint8Array): string {
  let s = '';
  // Chunked: String.fromCharCode(...bigArray) overflows the call stack above ~100k arguments.
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return s;
}

/** A TrueType/OpenType file starts with 0x00010000, 'true' or 'OTTO'. */
export function looksLikeTrueType(bytes: Uint8Array): boolean {
  if (bytes.length < 12) return false;
  const tag = String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0, bytes[2] ?? 0, bytes[3] ?? 0);
  return tag === '\u0000\u0001\u0000\u0000' || tag === 'true' || tag === 'OTTO';
}

export function registerFonts(doc: jsPDF, fonts: ReportFonts): void {
  doc.addFileToVFS('DejaVuSans.ttf', binaryString(fonts.regular));
  doc.addFont('DejaVuSans.ttf', REPORT_FONT, 'normal');
  doc.addFileToVFS('DejaVuSans-Bold.ttf', binaryString(fonts.bold));
  doc.addFont('DejaVuSans-Bold.ttf', REPORT_FONT, 'bold');
  doc.setFont(REPORT_FONT, 'normal');
}
