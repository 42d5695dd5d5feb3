/**
 * The journey screen's analysis requests and their answers, computed from a StudyIndex. Runs in
 * the analysis worker (analysis.worker.ts), which loads the study from IndexedDB itself so the
 * 50,000 segments of a large study are never cloned to the page; and on the main thread where
 * module workers are unavailable (jsdom tests), from an index the page already has.
 * Answers are small: a matrix of stages × situations, a curve of one point per stage, at most
 * `limit` segments of one cell.
 */
import {
  actorLane,
  cellEvidence,
  emotionCurve,
  filterSegments,
  journeyMatrix,
  matrixQuery,
  personaKim,
  suppressMatrix,
  type MatrixLabels,
  type MatrixQuery,
  type SuppressedMatrix,
  pickQuotes,
  suggestInsights,
  insightEvidence,
  type ActorLane,
  type AnalysisFilter,
  type InsightEvidence,
  type InsightSuggestion,
  type QuoteRef,
  type CellEvidence,
  type EmotionPoint,
  type IndexInput,
  type JourneyMatrix,
  type PersonaStage,
  type StudyIndex,
} from '../../shared/analysis';
import { heldBackQuotes, sharingSegments } from '../../shared/exchange/outbound';
import type { Insight, Segment } from '../../shared/model';
import { cached } from '../features/journey/resultCache';
import type { ReisekartDb } from '../db/database';

export type AnalysisRequest =
  | { type: 'journey'; filter: AnalysisFilter; smallCell: number; /** Quotes per cell (default 3; the presentation asks for more and shows what fits). */ quotes?: number }
  | { type: 'persona'; filter: AnalysisFilter }
  | { type: 'cell'; filter: AnalysisFilter; limit: number }
  | { type: 'groups'; filter: AnalysisFilter; smallCell: number }
  | { type: 'matrix'; query: MatrixQuery; labels: MatrixLabels; smallCell: number }
  | { type: 'insights'; filter: AnalysisFilter; smallCell: number; stored: Insight[] }
  | { type: 'actors'; filter: AnalysisFilter; smallCell: number };

export interface AnswerOf {
  /** `heldBack`: segments whose text the gate holds back (counted, never quoted). */
  journey: { matrix: JourneyMatrix; curve: EmotionPoint[]; heldBack: number; /** Evidence strength per cell, [situation][stage] (shared/analysis/evidence.ts). */ evidence: CellEvidence[][] };
  persona: PersonaStage[];
  /** The first `limit` segments of the cell, how many there are, and by how many informants. */
  cell: { segments: Segment[]; total: number; informants: number };
  /** One matrix (without quotes) per group of the study, in the study's order. */
  groups: { groupId: string; matrix: JourneyMatrix }[];
  /** A matrix query (shared/analysis/matrix.ts), small cells already held back. */
  matrix: SuppressedMatrix;
  /** Suggestions from the data, and per stored insight its evidence and linked quotes (shared/analysis/insights.ts). */
  insights: { suggestions: InsightSuggestion[]; evidence: Record<string, { evidence: InsightEvidence; quotes: QuoteRef[] }> };
  /** The actor lane (shared/analysis/actors.ts) with the bad handovers' quotes. */
  actors: { lane: ActorLane; quotes: Record<string, QuoteRef> };
}

export type AnalysisKind = keyof AnswerOf;
export type RequestOf<K extends AnalysisKind> = Extract<AnalysisRequest, { type: K }>;

/** Worker protocol: requests carry an id; a newer request on the same channel cancels the older. */
export type AnalysisMessage =
  | { type: 'ask'; id: number; studyId: string; request: AnalysisRequest }
  | { type: 'cancel'; id: number }
  | { type: 'studyChanged'; studyId: string | null };
export type AnalysisReply = { id: number; ok: true; answer: AnswerOf[AnalysisKind] | null } | { id: number; ok: false; message: string };

export function answer<K extends AnalysisKind>(index: StudyIndex, request: RequestOf<K>): AnswerOf[K];
export function answer(index: StudyIndex, request: AnalysisRequest): AnswerOf[AnalysisKind] {
  switch (request.type) {
    case 'journey': {
      const { filter, smallCell } = request;
      const quotes = request.quotes ?? 3;
      const matrix = cached(index, quotes === 3 ? 'matrix' : `matrix-q${quotes}`, filter, () => journeyMatrix(index, filter, { smallCell, quotes }));
      const curve = cached(index, 'curve', filter, () => emotionCurve(index, filter, { smallCell }));
      const evidence = cached(index, `evidence-k${smallCell}`, filter, () => cellEvidence(index, filter, { smallCell }));
      return { matrix, curve, evidence, heldBack: cached(index, 'held-back', {}, () => heldBackQuotes(index.segments)) };
    }
    case 'persona':
      return cached(index, 'persona', request.filter, () => personaKim(index, request.filter));
    case 'cell': {
      const segs = cached(index, 'cell-segments', request.filter, () => filterSegments(index, request.filter));
      const informants = new Set(segs.map((s) => `${s.interviewId}:${s.participantId}`)).size;
      return { segments: segs.slice(0, request.limit), total: segs.length, informants };
    }
    case 'matrix':
      return cached(index, 'matrix-query', { ...request.query, labels: request.labels, k: request.smallCell } as unknown as AnalysisFilter, () => suppressMatrix(matrixQuery(index, request.query, request.labels), request.smallCell));
    case 'groups':
      return index.study.groups.map((g) => {
        const f: AnalysisFilter = { ...request.filter, groupIds: [g.id] };
        return { groupId: g.id, matrix: cached(index, 'matrix-noquotes', f, () => journeyMatrix(index, f, { smallCell: request.smallCell, quotes: 0 })) };
      });
    case 'insights': {
      const suggestions = cached(index, `suggest-k${request.smallCell}`, request.filter, () => suggestInsights(index, request.filter, { smallCell: request.smallCell }));
      const byId = new Map(index.segments.map((s, i) => [s.id, i] as const));
      const evidence: AnswerOf['insights']['evidence'] = {};
      for (const ins of request.stored) {
        const ev = insightEvidence(ins, index.segments, request.smallCell);
        const segs = ins.quoteIds.map((id) => byId.get(id)).filter((i): i is number => i !== undefined);
        evidence[ins.id] = { evidence: ev, quotes: pickQuotes(index, segs, segs.length, null) };
      }
      return { suggestions, evidence };
    }
    case 'actors': {
      const lane = cached(index, `actors-k${request.smallCell}`, request.filter, () => actorLane(index, request.filter, { smallCell: request.smallCell }));
      const byId = new Map(index.segments.map((s, i) => [s.id, i] as const));
      const quotes: Record<string, QuoteRef> = {};
      for (const h of lane.handovers) for (const id of h.badSegmentIds) {
        const i = byId.get(id);
        const q = i === undefined ? undefined : pickQuotes(index, [i], 1, null)[0];
        if (q) quotes[id] = q;
      }
      return { lane, quotes };
    }
  }
}

/**
 * What the analysis reads of a study: the study, its interviews and codes, and (unless
 * `segments` is false) its segments. Never transcripts: the analysis needs no transcript text.
 */
export async function loadAnalysisInput(db: ReisekartDb, studyId: string, segments = true): Promise<IndexInput | null> {
  return db.transaction('r', [db.studies, db.interviews, db.codes, db.segments, db.attributes], async () => {
    const study = await db.studies.get(studyId);
    if (!study) return null;
    const [interviews, codes, segs, attributes] = await Promise.all([
      db.interviews.where('studyId').equals(studyId).toArray(),
      db.codes.where('studyId').equals(studyId).toArray(),
      segments ? db.segments.where('studyId').equals(studyId).toArray() : Promise.resolve([]),
      db.attributes.where('studyId').equals(studyId).toArray(),
    ]);
    // The one door out's rule (shared/exchange/outbound.ts): every segment counts, unreviewed text is emptied.
    // Attributes: ids and values only (filters and matrices read category and number values).
    return { study, interviews, codes, segments: sharingSegments(segs), attributes: attributes.map((a) => ({ id: a.id, values: a.values })) };
  });
}
