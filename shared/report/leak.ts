/**
 * The leak check: before a report is written, every string that would be drawn in the PDF goes
 * through the anonymiser with the study's own terms. A confident hit blocks the export until the
 * user has seen it and chosen "Eksporter likevel". Hits carry the text (shown on the user's own
 * screen); only counts per kind are ever logged (the caller writes the audit entry).
 */
import { detectIdentifiers } from '../anonymise/detect';
import { ALWAYS_ALLOWED, SUGGEST_THRESHOLD, type HitKind, type TermSpec } from '../anonymise/types';
import type { StudyData } from '../model/schema';
import type { Block, LeakHit, ReportDoc, SectionId } from './types';

/**
 * A pseudonym tag the anonymiser put there on purpose: `[NAVN-3]`, `[SKOLE]`, `[LÆRER-12]`, or a
 * partner's tag namespaced by a merge: `[NAVN-3·PORSGRUNN]` (shared/exchange/pseudonyms.ts).
 */
const TAG = /\[[A-ZÆØÅ]{2,12}(?:-\d{1,4})?(?:·[A-Z0-9ÆØÅ]{1,20})?\]/gu;

/**
 * Where a string sits: the title page and document properties (`title`, `subtitle`, `organisation`,
 * `authors`, `selection` = the filters line, `fileName`) or a section's `heading`, `paragraph`,
 * `table`, `chart` or `quote`. Printed by the CLI instead of the value.
 */
export type LeakField = 'title' | 'subtitle' | 'organisation' | 'authors' | 'selection' | 'fileName' | 'heading' | 'paragraph' | 'table' | 'chart' | 'quote';

interface Text {
  section: SectionId | 'meta';
  sectionTitle: string;
  field: LeakField;
  text: string;
  /** Public by intent (authors, organisation): numbers, phones, e-mails and terms only, no name finder. */
  restricted?: boolean;
}

/** The checks run on authors and organisation: what identifies an informant, not the writers' own names. */
const RESTRICTED_KINDS: readonly HitKind[] = ['FNR', 'DUF', 'TLF', 'EPOST', 'TERM'];

function blockTexts(b: Block): { field: LeakField; texts: string[] } {
  switch (b.kind) {
    case 'paragraph':
    case 'no-data':
      return { field: 'paragraph', texts: [b.text] };
    case 'subheading':
      return { field: 'heading', texts: [b.text] };
    case 'quote':
      return { field: 'quote', texts: [b.text, b.source] };
    case 'table':
      return { field: 'table', texts: [...b.head, ...b.rows.flat(), ...(b.foot ?? []).flat(), ...(b.caption ? [b.caption] : [])] };
    case 'chart':
      // What the painter draws: the text primitives (titles and descriptions are not printed).
      return { field: 'chart', texts: b.layout.primitives.flatMap((p) => (p.type === 'text' ? [p.text] : [])) };
  }
}

/**
 * Every string the PDF will print or carry in its document properties, with where it sits: title,
 * subtitle, the filters line, organisation and authors (restricted checks), the file name, every
 * section's heading and blocks.
 */
export function reportTexts(doc: ReportDoc, fileName?: string): Text[] {
  const out: Text[] = [];
  const meta = (field: LeakField, text: string, restricted = false): void => {
    if (text.trim() !== '') out.push({ section: 'meta', sectionTitle: '', field, text, ...(restricted ? { restricted } : {}) });
  };
  meta('title', doc.meta.title);
  meta('subtitle', doc.meta.subtitle);
  meta('selection', doc.meta.selection);
  meta('organisation', doc.meta.organisation, true);
  meta('authors', doc.meta.authors, true);
  if (fileName) meta('fileName', fileName.replace(/\.pdf$/i, '').replace(/[_+]/g, ' '));
  for (const s of doc.sections) {
    out.push({ section: s.id, sectionTitle: s.title, field: 'heading', text: s.title });
    for (const b of s.blocks) {
      const { field, texts } = blockTexts(b);
      for (const text of texts) if (text.trim() !== '') out.push({ section: s.id, sectionTitle: s.title, field, text });
    }
  }
  return out;
}

function insideTag(text: string, start: number, end: number): boolean {
  for (const m of text.matchAll(TAG)) {
    const a = m.index ?? 0;
    if (start >= a && end <= a + m[0].length) return true;
  }
  return false;
}

function contextOf(text: string, start: number, end: number): string {
  const a = Math.max(0, start - 30);
  const b = Math.min(text.length, end + 30);
  return `${a > 0 ? '…' : ''}${text.slice(a, b)}${b < text.length ? '…' : ''}`;
}

export interface LeakCheckOptions {
  /** Confidence at or above which a hit blocks (default SUGGEST_THRESHOLD, 0.6). */
  threshold?: number;
  /** Extra values never flagged (e.g. the authors' names when they are typed into a title). */
  allow?: readonly string[];
  /** The PDF's file name: checked like the title (a name in it travels with the file). */
  fileName?: string;
}

/** Hits of the anonymiser in the report's strings, one per (section, kind, value). */
export function checkLeaks(doc: ReportDoc, data: Pick<StudyData, 'terms'>, opts: LeakCheckOptions = {}): LeakHit[] {
  const threshold = opts.threshold ?? SUGGEST_THRESHOLD;
  const terms: TermSpec[] = data.terms.map((t) => ({ term: t.term, kind: t.kind }));
  const allow = [...ALWAYS_ALLOWED, ...(opts.allow ?? [])];
  const cache = new Map<string, ReturnType<typeof detectIdentifiers>>();
  const seen = new Set<string>();
  const hits: LeakHit[] = [];
  for (const t of reportTexts(doc, opts.fileName)) {
    const cacheKey = `${t.restricted ? 'r' : 'a'}\u0000${t.text}`;
    let found = cache.get(cacheKey);
    if (!found) {
      found = detectIdentifiers(t.text, { terms, allow, minConfidence: Math.min(threshold, 0.5), ...(t.restricted ? { only: RESTRICTED_KINDS } : {}) });
      cache.set(cacheKey, found);
    }
    for (const h of found) {
      if (h.confidence < threshold || insideTag(t.text, h.start, h.end)) continue;
      const key = `${t.section}\u0000${t.field}\u0000${h.kind}\u0000${h.text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      hits.push({ section: t.section, sectionTitle: t.sectionTitle, field: t.field, kind: h.kind, confidence: h.confidence, text: h.text, context: contextOf(t.text, h.start, h.end) });
    }
  }
  return hits;
}

/** Counts per kind: what the audit log may keep (never the values). */
export function leakCounts(hits: readonly LeakHit[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const h of hits) out[h.kind] = (out[h.kind] ?? 0) + 1;
  return out;
}
