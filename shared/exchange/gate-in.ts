/**
 * The gate at every door in (PRIVACY.md "States of text"): no import marks text as reviewed.
 *
 * - REFI-QDA (`.qdpx`/`.qdc`) and CSV: every transcript and every quote arrives as
 *   `needs-review`, whatever the file says (a `Status = anonymisert` variable, a status column).
 * - A bundle: text keeps `reviewed` only when it carries its review record (reviewer, time,
 *   counts per kind) AND a re-scan with the detector finds nothing at or above the suggest
 *   threshold; a hit sends only that transcript (with its segments) or that quote to
 *   `needs-review`, its hits counted per kind — never values.
 *
 * Pure; the detector is the review screen's own (shared/anonymise), so this gets stronger with it.
 */
import { detectIdentifiers, SUGGEST_THRESHOLD, type Hit, type TermSpec } from '../anonymise';
import { attributeText, ReviewRecord, StudyData, type GuideItem, type Memo, type ReviewReason, type Segment, type TextReview, type Transcript } from '../model';
import { checkIntegrity } from './integrity';
import { issue } from '../issues';
import type { Issue } from './issues';

export type IncomingSource = 'bundle' | 'refi' | 'csv';

/** One piece of text that arrives as `needs-review`, located, with why (never its values). */
export interface ReviewNeed {
  item: 'transcript' | 'quote' | 'memo';
  /** Where in the incoming data: `transcripts[3]`, `segments[12]`. */
  field: string;
  /** The interview's code (non-identifying), or '' when unknown. */
  interview: string;
  reason: ReviewReason;
  /** Re-scan hits per kind (FNR, TLF, NAVN …): counts only. */
  hits: Record<string, number>;
}

export interface IncomingSummary {
  transcripts: number;
  quotes: number;
  /** Items per reason: `import` (REFI/CSV), `rescan` (identifiers found), `no-record` (no review record). */
  byReason: Partial<Record<ReviewReason, number>>;
  /** Items that stayed reviewed (bundles only). */
  keptReviewed: number;
  needs: ReviewNeed[];
  /** Memos (and guide items) that arrive as `needs-review`. Absent: none. */
  memos?: number;
}

export interface GateOptions {
  /** Study terms to scan with (the target study's list, if any), besides the data's own. */
  terms?: readonly TermSpec[];
}

export interface IncomingGate {
  data: StudyData;
  summary: IncomingSummary;
}

function strongHits(text: string, terms: readonly TermSpec[]): Hit[] {
  if (text === '') return [];
  return detectIdentifiers(text, { terms, minConfidence: SUGGEST_THRESHOLD }).filter((h) => h.confidence >= SUGGEST_THRESHOLD);
}

function countKinds(hits: readonly Hit[], into: Record<string, number> = {}): Record<string, number> {
  for (const h of hits) into[h.kind] = (into[h.kind] ?? 0) + 1;
  return into;
}

function scan(text: string, terms: readonly TermSpec[]): Record<string, number> {
  return countKinds(strongHits(text, terms));
}

const hasHits = (h: Record<string, number>): boolean => Object.values(h).some((n) => n > 0);

function needs(reason: ReviewReason, hits: Record<string, number>): TextReview {
  return { state: 'needs-review', record: null, reason, hits };
}

/** A bundle's claim of `reviewed`, believed only with a complete record. */
function claimed(review: TextReview | undefined): boolean {
  return review?.state === 'reviewed' && review.record !== null && ReviewRecord.safeParse(review.record).success && review.record.reviewer.trim() !== '';
}

export function gateIncoming(data: StudyData, source: IncomingSource, opts: GateOptions = {}): IncomingGate {
  const terms: TermSpec[] = [...data.terms.map((t) => ({ term: t.term, kind: t.kind })), ...(opts.terms ?? [])];
  const codeOf = new Map(data.interviews.map((iv) => [iv.id, iv.code]));
  const summary: IncomingSummary = { transcripts: 0, quotes: 0, byReason: {}, keptReviewed: 0, needs: [] };
  const note = (n: ReviewNeed) => {
    summary.needs.push(n);
    if (n.item === 'transcript') summary.transcripts++;
    else if (n.item === 'memo') summary.memos = (summary.memos ?? 0) + 1;
    else summary.quotes++;
    summary.byReason[n.reason] = (summary.byReason[n.reason] ?? 0) + 1;
  };
  const heldTranscripts = new Set<string>();
  // Each transcript is scanned once; a quote that is its span reuses the hits inside it (the
  // detector sees the quote in its context), so only notes and free quotes are scanned again.
  const textHits = new Map<string, { text: string; hits: Hit[] }>();
  const transcripts: Transcript[] = data.transcripts.map((t, i) => {
    const found = strongHits(t.text, terms);
    textHits.set(t.interviewId, { text: t.text, hits: found });
    const hits = countKinds(found);
    const reason: ReviewReason | null = source !== 'bundle' ? 'import' : !claimed(t.review) ? (t.review?.state === 'needs-review' ? (t.review.reason ?? 'import') : 'no-record') : hasHits(hits) ? 'rescan' : null;
    if (reason === null) {
      summary.keptReviewed++;
      return { ...t, review: { ...(t.review as TextReview), reason: null, hits: {} } };
    }
    heldTranscripts.add(t.interviewId);
    note({ item: 'transcript', field: `transcripts[${i}]`, interview: codeOf.get(t.interviewId) ?? '', reason, hits });
    return { ...t, review: needs(reason, hits) };
  });
  const segments: Segment[] = data.segments.map((s, i) => {
    const inText = textHits.get(s.interviewId);
    const hits =
      inText && s.end > s.start && inText.text.slice(s.start, s.end) === s.quote
        ? countKinds(inText.hits.filter((h) => h.start < s.end && h.end > s.start), scan(s.note, terms))
        : scan(s.note === '' ? s.quote : `${s.quote}\n${s.note}`, terms);
    const reason: ReviewReason | null =
      source !== 'bundle'
        ? 'import'
        : !claimed(s.review)
          ? s.review?.state === 'needs-review'
            ? (s.review.reason ?? 'import')
            : 'no-record'
          : hasHits(hits)
            ? 'rescan'
            : heldTranscripts.has(s.interviewId)
              ? 'rescan'
              : null;
    if (reason === null) {
      summary.keptReviewed++;
      return { ...s, review: { ...(s.review as TextReview), reason: null, hits: {} } };
    }
    note({ item: 'quote', field: `segments[${i}]`, interview: codeOf.get(s.interviewId) ?? '', reason, hits });
    return { ...s, review: needs(reason, hits) };
  });
  // Override reasons are typed text: a file's "reviewed" is believed only with a record and a clean re-scan.
  const overrides = data.overrides.map((o) => {
    if (o.review === undefined) return o;
    const hits = scan(o.reason, terms);
    if (source === 'bundle' && claimed(o.review) && !hasHits(hits)) return { ...o, review: { ...o.review, reason: null, hits: {} } };
    return { ...o, review: needs(source !== 'bundle' ? 'import' : hasHits(hits) ? 'rescan' : 'no-record', hits) };
  });
  // Memos and guide items are typed text: the same rule as a quote (a record, and a clean re-scan).
  const typed = <T extends { review?: TextReview | undefined }>(list: 'memos' | 'guide', rows: readonly T[], textOf: (r: T) => string, interviewOf: (r: T) => string | undefined): T[] =>
    rows.map((r, i) => {
      const hits = scan(textOf(r), terms);
      const reason: ReviewReason | null = source !== 'bundle' ? 'import' : !claimed(r.review) ? (r.review?.state === 'needs-review' ? (r.review.reason ?? 'import') : 'no-record') : hasHits(hits) ? 'rescan' : null;
      if (reason === null) {
        summary.keptReviewed++;
        return { ...r, review: { ...(r.review as TextReview), reason: null, hits: {} } };
      }
      const iv = interviewOf(r);
      note({ item: 'memo', field: `${list}[${i}]`, interview: iv === undefined ? '' : (codeOf.get(iv) ?? ''), reason, hits });
      return { ...r, review: needs(reason, hits) };
    });
  // Text-typed informant attributes: the same rule as a quote (a bundle's record survives only a clean re-scan).
  const attributes = data.attributes?.map((a) => {
    const text = attributeText(data.variables ?? [], a);
    if (text === '') return a;
    const hits = scan(text, terms);
    const reason: ReviewReason | null = source !== 'bundle' ? 'import' : !claimed(a.review) ? 'no-record' : hasHits(hits) ? 'rescan' : null;
    return reason === null ? { ...a, review: { ...(a.review as TextReview), reason: null, hits: {} } } : { ...a, review: needs(reason, hits) };
  });
  // A risk-acceptance reason is typed text like any other: a file never makes it reviewed (it is
  // scanned again by its reader's app when edited; until then it does not leave in an export).
  const riskDecisions = data.riskDecisions?.map((d) => (d.reason === '' ? d : { ...d, reasonReview: needs('import', {}) }));
  const out: StudyData = { ...data, transcripts, segments, overrides, ...(attributes ? { attributes } : {}), ...(riskDecisions ? { riskDecisions } : {}) };
  if (data.memos) out.memos = typed<Memo>('memos', data.memos, (m) => m.text, (m) => m.target.interviewId);
  if (data.guide) out.guide = typed<GuideItem>('guide', data.guide, (g) => [g.topic, ...g.questions].join('\n'), () => undefined);
  return { data: out, summary };
}

/** An empty summary (nothing arrived). */
export function emptySummary(): IncomingSummary {
  return { transcripts: 0, quotes: 0, byReason: {}, keptReviewed: 0, needs: [] };
}

export type AdmitResult = { ok: true; data: StudyData; warnings: Issue[]; review: IncomingSummary } | { ok: false; issues: Issue[] };

/**
 * The checks every whole study from outside passes — a bundle's study.json, the report CLI's
 * plain JSON, a snapshot: the schema, integrity (duplicate ids, dangling references, spans) and
 * the gate at the door in. Refusals are located (file, field) and change nothing.
 */
export function admitStudy(raw: unknown, file: string, source: IncomingSource = 'bundle'): AdmitResult {
  const parsed = StudyData.safeParse(raw);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.slice(0, 50).map((i) => issue('schema.invalid', { detail: i.message }, { file, field: i.path.join('.') })) };
  const checked = checkIntegrity(parsed.data, file);
  if (checked.errors.length > 0) return { ok: false, issues: [...checked.errors, ...checked.warnings] };
  const gated = gateIncoming(checked.data, source);
  return { ok: true, data: gated.data, warnings: checked.warnings, review: gated.summary };
}
