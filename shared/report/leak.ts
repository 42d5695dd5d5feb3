/**
 * The leak check: before a report is written, every string that would be drawn in the PDF goes
 * through the anonymiser with the study's own terms. A confident hit blocks the export until the
 * user has seen it and chosen "Eksporter likevel". Hits carry the text (shown on the user's own
 * screen); only counts per kind are ever logged (the caller writes the audit entry).
 */
import { detectIdentifiers } from '../anonymise/detect';
import { SUGGEST_THRESHOLD, type TermSpec } from '../anonymise/types';
import type { StudyData } from '../model/schema';
import type { Block, LeakHit, ReportDoc, SectionId } from './types';

/**
 * A pseudonym tag the anonymiser put there on purpose: `[NAVN-3]`, `[SKOLE]`, `[LÆRER-12]`, or a
 * partner's tag namespaced by a merge: `[NAVN-3·PORSGRUNN]` (shared/exchange/pseudonyms.ts).
 */
const TAG = /\[[A-ZÆØÅ]{2,12}(?:-\d{1,4})?(?:·[A-Z0-9ÆØÅ]{1,20})?\]/gu;

/** The method's persona is a name by design. */
const ALWAYS_ALLOWED = ['Kim'];

interface Text {
  section: SectionId | 'meta';
  sectionTitle: string;
  text: string;
}

function blockTexts(b: Block): string[] {
  switch (b.kind) {
    case 'paragraph':
    case 'subheading':
    case 'no-data':
      return [b.text];
    case 'quote':
      return [b.text, b.source];
    case 'table':
      return [...b.head, ...b.rows.flat(), ...(b.foot ?? []).flat(), ...(b.caption ? [b.caption] : [])];
    case 'chart':
      // What the painter draws: the text primitives (titles and descriptions are not printed).
      return b.layout.primitives.flatMap((p) => (p.type === 'text' ? [p.text] : []));
  }
}

/** Every string the PDF will contain, with its section. Authors and organisation are the report writer's own, public by intent. */
export function reportTexts(doc: ReportDoc): Text[] {
  const out: Text[] = [];
  const meta = (text: string): void => {
    if (text) out.push({ section: 'meta', sectionTitle: '', text });
  };
  meta(doc.meta.title);
  meta(doc.meta.subtitle);
  for (const s of doc.sections) {
    out.push({ section: s.id, sectionTitle: s.title, text: s.title });
    for (const b of s.blocks) for (const text of blockTexts(b)) if (text.trim() !== '') out.push({ section: s.id, sectionTitle: s.title, text });
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
}

/** Hits of the anonymiser in the report's strings, one per (section, kind, value). */
export function checkLeaks(doc: ReportDoc, data: Pick<StudyData, 'terms'>, opts: LeakCheckOptions = {}): LeakHit[] {
  const threshold = opts.threshold ?? SUGGEST_THRESHOLD;
  const terms: TermSpec[] = data.terms.map((t) => ({ term: t.term, kind: t.kind }));
  const allow = [...ALWAYS_ALLOWED, ...(opts.allow ?? [])];
  const cache = new Map<string, ReturnType<typeof detectIdentifiers>>();
  const seen = new Set<string>();
  const hits: LeakHit[] = [];
  for (const t of reportTexts(doc)) {
    let found = cache.get(t.text);
    if (!found) {
      found = detectIdentifiers(t.text, { terms, allow, minConfidence: Math.min(threshold, 0.5) });
      cache.set(t.text, found);
    }
    for (const h of found) {
      if (h.confidence < threshold || insideTag(t.text, h.start, h.end)) continue;
      const key = `${t.section}\u0000${h.kind}\u0000${h.text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      hits.push({ section: t.section, sectionTitle: t.sectionTitle, kind: h.kind, confidence: h.confidence, text: h.text, context: contextOf(t.text, h.start, h.end) });
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
