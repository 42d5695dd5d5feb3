import type { Segment, SegmentKind, Valence } from '../../../shared/model';

/** What the coding panel edits: a new span, or an existing segment. */
export interface Draft {
  segmentId: string | null;
  start: number;
  end: number;
  participantId: string;
  stageId: string | null;
  situationId: string | null;
  actorIds: string[];
  valence: Valence | null;
  kind: SegmentKind;
  codeIds: string[];
  note: string;
  /** Hits in the note its author confirmed are not identifiers (in memory only: values are never stored). */
  noteConfirmed?: string[];
}

export function draftFromSegment(s: Segment): Draft {
  return {
    segmentId: s.id,
    start: s.start,
    end: s.end,
    participantId: s.participantId,
    stageId: s.stageId,
    situationId: s.situationId,
    actorIds: [...s.actorIds],
    valence: s.valence,
    kind: s.kind,
    codeIds: [...s.codeIds],
    note: s.note,
  };
}

export function emptyDraft(start: number, end: number, participantId: string): Draft {
  return { segmentId: null, start, end, participantId, stageId: null, situationId: null, actorIds: [], valence: null, kind: 'experience', codeIds: [], note: '' };
}

export const VALENCE_GLYPH: Record<Valence, string> = { positive: '+', mixed: '~', negative: '−' };
