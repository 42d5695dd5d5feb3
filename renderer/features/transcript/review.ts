/**
 * The review's state: detector hits plus the reviewer's decisions, as a pure reducer so every
 * keyboard action is testable without a DOM. The original text is an argument, never stored here
 * beyond the React state that holds it (it is never written to the database).
 */
import { SUGGEST_THRESHOLD, type AcceptedHit, type Hit } from '../../../shared/anonymise';
import type { Turn } from '../../../shared/model';

export type HitStatus = 'pending' | 'accepted' | 'rejected';

export interface ReviewHit {
  id: number;
  start: number;
  end: number;
  /** Detector kind (FNR, NAVN, …) or, for a span the reviewer added, the chosen tag kind. */
  kind: string;
  /** The tag kind the value becomes (NAVN, SKOLE, STED …); the reviewer may change it. */
  tag: string;
  /** 0–1; 1 for spans the reviewer added. */
  confidence: number;
  /** Stable reason code from the detector, or `manual`. */
  reason: string;
  status: HitStatus;
}

export interface ReviewState {
  hits: ReviewHit[];
  /** Index into `hits` of the current hit (−1 when there are none). */
  current: number;
  /** Id of the hit whose span is being edited, or null. */
  editing: number | null;
  nextId: number;
}

/** Tags a reviewer can pick for a missed span (pseudonymise numbers the first five). */
export const MANUAL_TAGS = ['NAVN', 'SKOLE', 'STED', 'ADRESSE', 'LÆRER', 'TLF', 'EPOST', 'FNR', 'URL', 'DUF'] as const;

export type ReviewAction =
  | { type: 'next' }
  | { type: 'prev' }
  | { type: 'select'; id: number }
  | { type: 'accept'; id?: number }
  | { type: 'reject'; id?: number }
  | { type: 'accept-kind'; kind: string }
  | { type: 'edit'; id?: number }
  | { type: 'edit-done' }
  | { type: 'adjust'; edge: 'start' | 'end'; delta: number; textLength: number }
  | { type: 'set-tag'; id: number; tag: string }
  | { type: 'add'; start: number; end: number; tag: string }
  | { type: 'reset'; state: ReviewState };

/** Hits from the detector: confident ones pre-accepted, uncertain ones waiting for a decision. */
export function initialReview(hits: readonly Hit[]): ReviewState {
  const list = hits.map((h, i) => ({
    id: i + 1,
    start: h.start,
    end: h.end,
    kind: h.kind,
    tag: h.suggestedTag,
    confidence: h.confidence,
    reason: h.reason,
    status: h.confidence >= SUGGEST_THRESHOLD ? ('accepted' as const) : ('pending' as const),
  }));
  return { hits: list, current: list.length > 0 ? 0 : -1, editing: null, nextId: list.length + 1 };
}

function indexOfId(s: ReviewState, id: number | undefined): number {
  if (id === undefined) return s.current;
  return s.hits.findIndex((h) => h.id === id);
}

function update(s: ReviewState, index: number, patch: Partial<ReviewHit>): ReviewState {
  const hit = s.hits[index];
  if (!hit) return s;
  const hits = s.hits.slice();
  hits[index] = { ...hit, ...patch };
  return { ...s, hits };
}

/** After a decision the cursor moves on, so a/r/a/r walks the list. */
function advance(s: ReviewState): ReviewState {
  return s.current < s.hits.length - 1 ? { ...s, current: s.current + 1 } : s;
}

export function reviewReducer(s: ReviewState, a: ReviewAction): ReviewState {
  switch (a.type) {
    case 'reset':
      return a.state;
    case 'next':
      return s.hits.length === 0 ? s : { ...s, editing: null, current: Math.min(s.hits.length - 1, s.current + 1) };
    case 'prev':
      return s.hits.length === 0 ? s : { ...s, editing: null, current: Math.max(0, s.current - 1) };
    case 'select': {
      const i = indexOfId(s, a.id);
      return i < 0 ? s : { ...s, current: i, editing: s.editing === a.id ? s.editing : null };
    }
    case 'accept':
    case 'reject': {
      const i = indexOfId(s, a.id);
      if (i < 0) return s;
      const next = update({ ...s, current: i, editing: null }, i, { status: a.type === 'accept' ? 'accepted' : 'rejected' });
      return a.id === undefined ? advance(next) : next;
    }
    case 'accept-kind':
      return { ...s, hits: s.hits.map((h) => (h.kind === a.kind && h.status !== 'accepted' ? { ...h, status: 'accepted' } : h)) };
    case 'edit': {
      const i = indexOfId(s, a.id);
      const hit = s.hits[i];
      return hit ? { ...s, current: i, editing: s.editing === hit.id ? null : hit.id } : s;
    }
    case 'edit-done':
      return { ...s, editing: null };
    case 'adjust': {
      const i = s.hits.findIndex((h) => h.id === s.editing);
      const hit = s.hits[i];
      if (!hit) return s;
      // Neighbours bound the span: accepted spans never overlap (pseudonymise would join them).
      const lo = s.hits[i - 1]?.end ?? 0;
      const hi = s.hits[i + 1]?.start ?? a.textLength;
      let { start, end } = hit;
      if (a.edge === 'start') start = Math.min(end - 1, Math.max(lo, start + a.delta));
      else end = Math.max(start + 1, Math.min(hi, end + a.delta));
      return update(s, i, { start, end, status: 'accepted' });
    }
    case 'set-tag': {
      const i = indexOfId(s, a.id);
      return i < 0 ? s : update(s, i, { tag: a.tag, status: 'accepted' });
    }
    case 'add': {
      if (a.end <= a.start) return s;
      // A new span replaces the hits it overlaps: the reviewer's selection is the better judge.
      const kept = s.hits.filter((h) => h.end <= a.start || h.start >= a.end);
      const hit: ReviewHit = { id: s.nextId, start: a.start, end: a.end, kind: a.tag, tag: a.tag, confidence: 1, reason: 'manual', status: 'accepted' };
      const hits = [...kept, hit].sort((x, y) => x.start - y.start);
      return { hits, current: hits.indexOf(hit), editing: null, nextId: s.nextId + 1 };
    }
  }
}

export interface KindCount {
  kind: string;
  total: number;
  accepted: number;
  rejected: number;
  pending: number;
}

/** The list by kind, in order of first appearance. */
export function countsByKind(hits: readonly ReviewHit[]): KindCount[] {
  const map = new Map<string, KindCount>();
  for (const h of hits) {
    const c = map.get(h.kind) ?? { kind: h.kind, total: 0, accepted: 0, rejected: 0, pending: 0 };
    c.total++;
    c[h.status]++;
    map.set(h.kind, c);
  }
  return [...map.values()];
}

export function acceptedHits(text: string, hits: readonly ReviewHit[]): AcceptedHit[] {
  return hits.filter((h) => h.status === 'accepted').map((h) => ({ start: h.start, end: h.end, text: text.slice(h.start, h.end), suggestedTag: h.tag }));
}

const LABEL = /^(P\d{1,3}|Intervjuer|Interviewer|I)\s*:[ \t]*/;

/**
 * Speaker turns of a typed or pasted transcript: lines that begin `P1:` … or `Intervjuer:`; other
 * lines continue the previous speaker's turn. Offsets cover the words after the label.
 */
export function turnsFromLabels(text: string): Turn[] {
  const turns: Turn[] = [];
  let at = 0;
  for (const line of text.split('\n')) {
    const m = LABEL.exec(line);
    const lineEnd = at + line.length;
    if (m) {
      const label = m[1] ?? '';
      turns.push({ start: at + m[0].length, end: lineEnd, participantId: /^P\d/.test(label) ? label : null });
    } else {
      const last = turns[turns.length - 1];
      if (last && line.trim().length > 0) last.end = lineEnd;
    }
    at = lineEnd + 1;
  }
  return turns;
}
