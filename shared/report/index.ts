/**
 * The PDF report: `buildReport(data, options, assets, onProgress)` → PDF bytes, or the reasons it
 * would not write (impossible options, identifiers found by the leak check, bad fonts).
 * Same code in Node (scripts/report.ts, tests, bench), in the renderer's Web Worker and anywhere
 * else jsPDF runs: no DOM, no files.
 */
import type { StudyData } from '../model/schema';
import { composeReport } from './compose';
import { looksLikeTrueType, type ReportFonts } from './fonts';
import { checkLeaks } from './leak';
import { renderPdf } from './pdf';
import type { BuildResult, ReportOptions } from './types';

export * from './types';
export { composeReport, type ComposeResult } from './compose';
export { checkLeaks, leakCounts, reportTexts, type LeakCheckOptions, type LeakField } from './leak';
export { renderPdf, type RenderOutput } from './pdf';
export { paintLayout, type PaintOptions, type PaintResult } from './paint';
export { parsePath, type PathOp, type ParsedPath } from './path';
export { REPORT_FONT, registerFonts, looksLikeTrueType, type ReportFonts } from './fonts';
export { reportLabels, tpl, type ReportLabels } from './labels';
export { fmtDecimal, fmtRange, fmtShare, fmtDate, type ReportLocale } from './format';

export interface ReportAssets {
  fonts: ReportFonts;
}

/** The default selection of sections, in the method report's order. */
export const DEFAULT_SECTIONS = ['method', 'journey', 'emotion', 'counsellor', 'quotes', 'storyboard', 'codes', 'codebook'] as const;

export async function buildReport(data: StudyData, options: ReportOptions, assets: ReportAssets, onProgress?: (p: number) => void): Promise<BuildResult> {
  if (!looksLikeTrueType(assets.fonts.regular) || !looksLikeTrueType(assets.fonts.bold)) {
    return { ok: false, issues: [{ kind: 'fonts', message: 'Skriftfilene er ikke TrueType (ventet DejaVuSans.ttf og DejaVuSans-Bold.ttf)' }] };
  }
  const composed = composeReport(data, options);
  if (!composed.ok) return composed;
  onProgress?.(0.05);
  if (!options.overrideLeaks) {
    const hits = checkLeaks(composed.doc, data, { ...(options.leakThreshold !== undefined ? { threshold: options.leakThreshold } : {}), ...(options.fileName ? { fileName: options.fileName } : {}) });
    if (hits.length > 0) return { ok: false, issues: [{ kind: 'leak', hits }] };
  }
  onProgress?.(0.1);
  // Yield once so a worker can post the progress before the synchronous jsPDF work starts.
  await Promise.resolve();
  try {
    const out = renderPdf(composed.doc, assets.fonts, (p) => onProgress?.(0.1 + 0.9 * p));
    return { ok: true, bytes: out.bytes, pages: out.pages };
  } catch (e) {
    return { ok: false, issues: [{ kind: 'render', message: e instanceof Error ? e.message : String(e) }] };
  }
}
