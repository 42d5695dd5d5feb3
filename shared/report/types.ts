/**
 * The report as data: options in, a document model (sections of blocks) in the middle, PDF bytes
 * out. The model is what the live preview, the leak check and the PDF writer all read, so what the
 * user previews and what the anonymiser checks is exactly what gets written.
 */
import type { Layout } from '../charts/types';
import type { Valence } from '../model/schema';
import type { ReportLocale } from './format';

export const SECTION_IDS = ['method', 'journey', 'emotion', 'insights', 'counsellor', 'quotes', 'storyboard', 'codes', 'codebook', 'conduct'] as const;
export type SectionId = (typeof SECTION_IDS)[number];

export type PageFormat = 'a4' | 'a3';

export interface ReportOptions {
  title: string;
  subtitle?: string;
  organisation?: string;
  /** Report authors, free text (e.g. "Kari Nordmann og Ola Nordmann"); optional. */
  authors?: string;
  /** ISO date yyyy-mm-dd printed on the title page. */
  date: string;
  locale?: ReportLocale;
  /** Sections in the order they appear (duplicates are ignored). */
  sections: readonly SectionId[];
  /** Applied to every section. Empty or absent = all. */
  groupIds?: readonly string[];
  stageIds?: readonly string[];
  /** Page size of the journey-map page (always landscape). Default a4. */
  journeyPage?: PageFormat;
  /** Groups combined into one row for the counsellor breakdown (default: the groups whose id or short label says Vg2). */
  counsellorGroupIds?: readonly string[];
  /** Benchmark shown beside the counsellor breakdown (default: the study's first). null: none. */
  benchmarkId?: string | null;
  /** The user saw the leak-check hits and chose "Eksporter likevel". */
  overrideLeaks?: boolean;
  /** Confidence at or above which an anonymiser hit blocks the export (default 0.6). */
  leakThreshold?: number;
  /** The PDF's file name, checked by the leak check like the title. */
  fileName?: string;
}

export type Align = 'left' | 'right' | 'center';

export type Block =
  | { kind: 'paragraph'; text: string; style?: 'body' | 'note' | 'lead' }
  | { kind: 'subheading'; text: string }
  | { kind: 'table'; head: string[]; rows: string[][]; foot?: string[][]; align?: Align[]; caption?: string; widths?: number[]; strongRows?: number[] }
  | { kind: 'chart'; layout: Layout }
  | { kind: 'quote'; text: string; source: string; valence: Valence | null }
  | { kind: 'no-data'; text: string };

export interface PageSpec {
  format: PageFormat;
  orientation: 'portrait' | 'landscape';
}

export interface ReportSection {
  id: SectionId;
  title: string;
  page: PageSpec;
  blocks: Block[];
  /** True when the section had nothing to show for this selection. */
  empty: boolean;
}

export interface ReportMeta {
  title: string;
  subtitle: string;
  organisation: string;
  authors: string;
  date: string;
  locale: ReportLocale;
  /** One line describing the filter, printed on the title page. */
  selection: string;
  smallCellNote: string;
}

export interface ReportDoc {
  meta: ReportMeta;
  sections: ReportSection[];
}

/** One string found by the anonymiser, with where it sits in the report. Shown on screen only. */
export interface LeakHit {
  /** Section id, or 'meta' for the title page and document properties. */
  section: SectionId | 'meta';
  sectionTitle: string;
  /** Where in the section or on the title page (title, subtitle, selection, authors, fileName, table, chart …). */
  field: string;
  kind: string;
  confidence: number;
  /** The matched text (shown to the user on their own machine; never logged). */
  text: string;
  /** A little context around the match. */
  context: string;
}

export type ReportIssue =
  | { kind: 'leak'; hits: LeakHit[] }
  | { kind: 'options'; field: string; message: string }
  | { kind: 'fonts'; message: string }
  | { kind: 'render'; message: string };

export type BuildResult = { ok: true; bytes: Uint8Array; pages: number } | { ok: false; issues: ReportIssue[] };
