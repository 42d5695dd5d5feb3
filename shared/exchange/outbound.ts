/**
 * What may leave the app, and how a whole study is given new ids. Pure.
 *
 * ONE door out (PRIVACY.md): `outboundView` gives the gated view of a study that every output
 * reads — presentation, the PDF report (screen and `npm run report`), chart export, CSV,
 * REFI-QDA, bundles and `npm run convert`. What the gate holds back is text (shared/model/gate.ts
 * reads each text's own review state): counts still use every coded segment. Pseudonym hashes
 * and the study's term list never leave: the salt that makes the hashes safe stays in this app's
 * meta store, and a hash of a name with a known salt is trivially brute-forced; the term list IS
 * a list of identifiers (schools, teachers, places).
 */
import type { InformantAttributes, Memo, Segment, StudyData, StudyVariable, Transcript } from '../model';
import { canExport, textReviewed, type GateIssue } from '../model/gate';
import { reasonMayLeave, WITHHELD_REASON } from '../model/typed-fields';
import { applyRiskDecisions } from '../risk/apply';

/** What the gate held back, in counts (and interview codes, which are not identifying). */
export interface HeldBack {
  /** Transcripts not reviewed: never out. */
  transcripts: number;
  /** Segments whose quote was not reviewed (or whose transcript was not). */
  quotes: number;
  /** Codes of the interviews whose text was held back. */
  interviews: string[];
  /** Override reasons typed in the app whose hits are not resolved (the override still counts). */
  reasons: number;
  /** Quotes a re-identification risk decision left out of the sharing view (shared/risk/apply.ts); absent when none. */
  risk?: number;
}

export interface OutboundView {
  /**
   * Exchange exports (bundles, REFI-QDA, row-level CSV, convert): reviewed text only — the rows
   * of unreviewed transcripts and segments are left out (and counted in `heldBack`) — and never
   * terms or pseudonyms.
   */
  exchange: StudyData;
  /**
   * Sharing outputs (PDF, presentation, chart exports, aggregate CSV): every coded segment stays
   * for the counts, with its quote and note emptied where not reviewed (quote pickers skip empty
   * quotes); unreviewed transcripts, terms and pseudonyms left out.
   */
  sharing: StudyData;
  heldBack: HeldBack;
  /** One line per interview whose text was held back (the export panel's notice). */
  blocked: GateIssue[];
}

/**
 * The sharing view of segments alone, for analyses that load no transcripts (the analysis worker,
 * the journey and presentation screens): every segment kept for the counts, quote and note
 * emptied where the segment's text is not reviewed. The same rule outboundView applies.
 */
export function sharingSegments<S extends Segment>(segments: readonly S[], transcripts?: ReadonlyMap<string, Pick<Transcript, 'review'>>): S[] {
  return segments.map((s) => (canExport(s, transcripts?.get(s.interviewId)) ? s : { ...s, quote: '', note: '' }));
}

/** How many segments' text the gate holds back (counts only). */
export function heldBackQuotes(segments: readonly Segment[], transcripts?: ReadonlyMap<string, Pick<Transcript, 'review'>>): number {
  let n = 0;
  for (const s of segments) if (!canExport(s, transcripts?.get(s.interviewId))) n++;
  return n;
}

/**
 * Informant attributes as they may leave: the values of text variables (typed in the app) only
 * where their review says reviewed; category and number values always (they are aggregates' axes).
 */
export function sharingAttributes(variables: readonly StudyVariable[] | undefined, attributes: readonly InformantAttributes[] | undefined): InformantAttributes[] {
  const textIds = new Set((variables ?? []).filter((v) => v.type === 'text').map((v) => v.id));
  return (attributes ?? []).map((a) => {
    if (textIds.size === 0 || textReviewed(a)) return a;
    const values = Object.fromEntries(Object.entries(a.values).filter(([id]) => !textIds.has(id)));
    return Object.keys(values).length === Object.keys(a.values).length ? a : { ...a, values };
  });
}

/** The one door out. */
export function outboundView(data: StudyData): OutboundView {
  const transcripts = new Map<string, Transcript>(data.transcripts.map((t) => [t.interviewId, t]));
  const keptTranscripts = data.transcripts.filter((t) => textReviewed(t));
  const exchangeSegments: Segment[] = [];
  const heldIv = new Set<string>();
  for (const t of data.transcripts) if (!textReviewed(t)) heldIv.add(t.interviewId);
  let quotes = 0;
  for (const s of data.segments) {
    if (canExport(s, transcripts.get(s.interviewId))) exchangeSegments.push(s);
    else {
      quotes++;
      heldIv.add(s.interviewId);
    }
  }
  const codes = new Map(data.interviews.map((iv) => [iv.id, iv.code]));
  const interviews = data.interviews.filter((iv) => heldIv.has(iv.id));
  // Typed text (shared/model/typed-fields.ts): an override's reason leaves only when reviewed.
  const termSpecs = data.terms.map((t) => ({ term: t.term, kind: t.kind }));
  let reasons = 0;
  const overrides = data.overrides.map((o) => {
    if (reasonMayLeave(o, termSpecs)) return o;
    reasons++;
    return { ...o, reason: WITHHELD_REASON };
  });
  const heldBack: HeldBack = { transcripts: data.transcripts.length - keptTranscripts.length, quotes, interviews: interviews.map((iv) => iv.code), reasons };
  const blocked: GateIssue[] = interviews.map((iv) => ({ interviewId: iv.id, code: codes.get(iv.id) ?? '', message: `${iv.code}: tekst som ikke er gjennomgått holdes tilbake` }));
  // Merge bases and pending conflicts are this copy's bookkeeping (a pending conflict holds the
  // partner's version): they stay. Tombstones travel: they carry no content. Every copy carries the
  // lineage id it was first exported with (docs/exchange.md).
  // The retention plan is this copy's own (the deletion itself travels as tombstones).
  const { mergeBases: _bases, conflicts: _conflicts, retention: _retention, ...rest } = data;
  const study = { ...data.study, lineageId: data.study.lineageId ?? data.study.id };
  const attrs = data.attributes ? { attributes: sharingAttributes(data.variables, data.attributes) } : {};
  // Insights are text typed in the app: only reviewed text leaves (shared/model/insight.ts).
  const insights = data.insights?.filter((i) => textReviewed(i));
  const base: StudyData = { ...rest, ...attrs, study, transcripts: keptTranscripts, overrides, terms: [], pseudonyms: [], ...(insights ? { insights } : {}) };
  // Memos and guide items are typed text: only reviewed ones leave (a flagged one waits for its author).
  if (rest.memos) base.memos = rest.memos.filter((m) => textReviewed(m));
  if (rest.guide) base.guide = rest.guide.filter((g) => textReviewed(g));
  // Risk decisions travel with the exchange view (a partner sees what was decided); a reason is
  // typed text and leaves only when reviewed. The sharing view applies them (generalisations,
  // rewrites, quotes left out) and carries the choices without any reason.
  const exchangeBase = rest.riskDecisions ? { ...base, riskDecisions: rest.riskDecisions.map((d) => (d.reason === '' || textReviewed({ review: d.reasonReview }) ? d : { ...d, reason: '' })) } : base;
  const applied = applyRiskDecisions({ ...base, segments: sharingSegments(data.segments, transcripts) });
  if (applied.leftOut > 0) heldBack.risk = applied.leftOut;
  return { exchange: { ...exchangeBase, segments: exchangeSegments }, sharing: applied.data, heldBack, blocked };
}

/**
 * Which view a CSV table reads: the row-level segments table is an exchange export (unreviewed
 * rows left out), the others are counts over every coded segment (the sharing view).
 */
export function csvView(table: string, view: Pick<OutboundView, 'exchange' | 'sharing'>): StudyData {
  return table === 'segments' ? view.exchange : view.sharing;
}

/**
 * The same study under a new study id with every record id replaced (`newId()` per record),
 * references followed: transcripts/segments/overrides → interviews, segments → codes, code
 * parents. Needed because record ids are primary keys across ALL studies in the database: a
 * second copy of a study with the same ids would take the first copy's records over.
 */
export function reidStudy(data: StudyData, studyId: string, newId: () => string): StudyData {
  const map = (ids: readonly string[]): Map<string, string> => new Map(ids.map((id) => [id, newId()]));
  const ivIds = map(data.interviews.map((i) => i.id));
  const codeIds = map(data.codes.map((c) => c.id));
  const iv = (id: string): string => ivIds.get(id) ?? id;
  const code = (id: string): string => codeIds.get(id) ?? id;
  const segIds = map(data.segments.map((s) => s.id));
  const varIds = map((data.variables ?? []).map((v) => v.id));
  // Fresh record ids make it another lineage: a three-way merge matches records by id.
  return {
    study: { ...data.study, id: studyId, lineageId: studyId },
    interviews: data.interviews.map((i) => ({ ...i, id: iv(i.id), studyId })),
    transcripts: data.transcripts.map((t) => ({ ...t, interviewId: iv(t.interviewId), studyId })),
    codes: data.codes.map((c) => ({ ...c, id: code(c.id), parentId: c.parentId === null ? null : code(c.parentId), studyId })),
    segments: data.segments.map((s) => ({ ...s, id: segIds.get(s.id) ?? newId(), studyId, interviewId: iv(s.interviewId), codeIds: s.codeIds.map(code) })),
    overrides: data.overrides.map((o) => ({ ...o, id: newId(), studyId, interviewId: iv(o.interviewId) })),
    benchmarks: data.benchmarks.map((b) => ({ ...b, id: newId(), studyId })),
    audit: data.audit.map((a) => ({ ...a, id: newId(), studyId })),
    terms: data.terms.map((t) => ({ ...t, id: newId(), studyId })),
    pseudonyms: data.pseudonyms.map((p) => ({ ...p, id: newId(), studyId })),
    ...reidTyped(data, studyId, newId, iv, code, segIds),
    // Variable ids are primary keys too: new ones, and the attribute values follow them.
    ...(data.variables ? { variables: data.variables.map((v) => ({ ...v, id: varIds.get(v.id) ?? v.id, studyId })) } : {}),
    ...(data.attributes
      ? {
          attributes: data.attributes.map((a) => ({
            ...a,
            id: `${iv(a.interviewId)}:${a.participantId}`,
            studyId,
            interviewId: iv(a.interviewId),
            values: Object.fromEntries(Object.entries(a.values).map(([k, v]) => [varIds.get(k) ?? k, v])),
          })),
        }
      : {}),
  };
}

/** reidStudy's part for memos, the guide and its ticks (targets follow their records' new ids). */
function reidTyped(data: StudyData, studyId: string, newId: () => string, iv: (id: string) => string, code: (id: string) => string, segIds: ReadonlyMap<string, string>): Partial<StudyData> {
  const out: Partial<StudyData> = {};
  if (data.memos) {
    out.memos = data.memos.map((m) => {
      const t: Memo['target'] = {};
      if (m.target.interviewId !== undefined) t.interviewId = iv(m.target.interviewId);
      if (m.target.segmentId !== undefined) t.segmentId = segIds.get(m.target.segmentId) ?? m.target.segmentId;
      if (m.target.codeId !== undefined) t.codeId = code(m.target.codeId);
      if (m.target.stageId !== undefined) t.stageId = m.target.stageId;
      if (m.target.situationId !== undefined) t.situationId = m.target.situationId;
      return { ...m, id: newId(), studyId, target: t };
    });
  }
  const guideIds = new Map((data.guide ?? []).map((g) => [g.id, newId()]));
  if (data.guide) out.guide = data.guide.map((g) => ({ ...g, id: guideIds.get(g.id) ?? newId(), studyId, codeIds: g.codeIds.map(code) }));
  if (data.guideTicks) {
    out.guideTicks = data.guideTicks.map((t) => {
      const interviewId = iv(t.interviewId);
      const itemId = guideIds.get(t.itemId) ?? t.itemId;
      return { ...t, id: `${interviewId}:${itemId}`, studyId, interviewId, itemId };
    });
  }
  return out;
}

/** A rough passphrase strength for the export form: length first, then variety (NIST SP 800-63B favours length). */
export type PassphraseStrength = 'empty' | 'weak' | 'fair' | 'strong';

export function passphraseStrength(p: string): PassphraseStrength {
  if (p.length === 0) return 'empty';
  const classes = [/[a-zæøå]/, /[A-ZÆØÅ]/, /\d/, /[^A-Za-zÆØÅæøå\d]/].filter((re) => re.test(p)).length;
  const words = p.trim().split(/\s+/).length;
  if (p.length >= 16 || (p.length >= 12 && (classes >= 3 || words >= 3))) return 'strong';
  if (p.length >= 10 || (p.length >= 8 && classes >= 3)) return 'fair';
  return 'weak';
}
