/**
 * Resolving a difference between two coders, written INTO the lead coder's coding (the final
 * coding, shared/analysis/final.ts) instead of beside it, so the segments table never holds a
 * third copy and no analysis counts a unit twice.
 *
 * Pure: the screen reads the marks from meta (`agreement:resolved:<studyId>`), asks `planResolution`
 * what to write, and writes it. Each mark remembers the lead's dimensions as coded (`before`) and
 * any copy it created, so `asCoded` can give κ/α and the list of differences on the independent
 * coding: resolving a difference must not raise the agreement it is measured by.
 */
import type { Segment } from '../../../shared/model';

/** The dimensions a resolution copies from the chosen coder. */
export type Dims = Pick<Segment, 'stageId' | 'situationId' | 'actorIds' | 'valence' | 'kind' | 'codeIds' | 'note'>;

export interface ResolutionMark {
  /** Coder A's and coder B's segment of the unit (null: that coder had none). */
  aId: string | null;
  bId: string | null;
  choice: 'a' | 'b';
  at: string;
  /** Who resolved it (coder id). */
  by: string;
  /** The lead coder's segment that was written (null when there was none). */
  leadSegmentId: string | null;
  /** The lead's dimensions as coded, before any resolution; null when the lead had no segment. */
  before: Dims | null;
  /** A segment this resolution created for the lead (the lead had none): removed if resolved otherwise. */
  createdId: string | null;
}

export const marksKey = (studyId: string): string => `agreement:resolved:${studyId}`;

export function dimsOf(s: Segment): Dims {
  return { stageId: s.stageId, situationId: s.situationId, actorIds: [...s.actorIds], valence: s.valence, kind: s.kind, codeIds: [...s.codeIds], note: s.note };
}

/** Order-free key of a unit: the same pair whatever side a coder was picked on. */
export function unitKey(aId: string | null, bId: string | null): string {
  return [aId, bId].filter((x): x is string => x !== null).sort().join('|');
}

/** Marks as stored (unknown from meta): malformed entries are dropped, never trusted. */
export function readMarks(raw: unknown): ResolutionMark[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter((m): m is ResolutionMark => {
    if (typeof m !== 'object' || m === null) return false;
    const r = m as Record<string, unknown>;
    const idOrNull = (v: unknown) => v === null || typeof v === 'string';
    return idOrNull(r.aId) && idOrNull(r.bId) && (r.choice === 'a' || r.choice === 'b') && typeof r.at === 'string' && typeof r.by === 'string'
      && idOrNull(r.leadSegmentId) && idOrNull(r.createdId) && (r.before === null || (typeof r.before === 'object' && r.before !== undefined));
  });
}

export function findMark(marks: readonly ResolutionMark[], aId: string | null, bId: string | null): ResolutionMark | undefined {
  const k = unitKey(aId, bId);
  return marks.find((m) => unitKey(m.aId, m.bId) === k);
}

/**
 * The segments as the coders coded them: the lead's resolved segments with their `before`
 * dimensions back, and copies made by resolutions left out.
 */
export function asCoded(segments: readonly Segment[], marks: readonly ResolutionMark[]): Segment[] {
  const before = new Map<string, Dims>();
  const created = new Set<string>();
  for (const m of marks) {
    if (m.leadSegmentId !== null && m.before !== null) before.set(m.leadSegmentId, m.before);
    if (m.createdId !== null) created.add(m.createdId);
  }
  const out: Segment[] = [];
  for (const s of segments) {
    if (created.has(s.id)) continue;
    const b = before.get(s.id);
    out.push(b ? { ...s, ...b } : s);
  }
  return out;
}

export interface Unit {
  /** As coded (see asCoded). */
  a: Segment | null;
  b: Segment | null;
}

export interface ResolutionPlan {
  /** Segment to put (the lead's, updated; or a new copy for the lead). */
  put: Segment | null;
  /** Segment id to delete (a copy an earlier resolution created). */
  remove: string | null;
  mark: ResolutionMark;
}

/**
 * What "Velg A" / "Velg B" writes. `leadIsA` says which side is the lead coder's; `current` looks up
 * a segment as stored now (the lead's segment may already hold an earlier resolution).
 * Returns null when the plan would need the lead to lose a segment it coded (a lead-only unit):
 * that is an edit for the workbench, not a resolution.
 */
export function planResolution(
  unit: Unit,
  choice: 'a' | 'b',
  leadIsA: boolean,
  lead: { coderId: string },
  ctx: { marks: readonly ResolutionMark[]; current: (id: string) => Segment | undefined; now: string; by: string },
): ResolutionPlan | null {
  const leadSeg = leadIsA ? unit.a : unit.b;
  const chosen = choice === 'a' ? unit.a : unit.b;
  const chosenIsLead = (choice === 'a') === leadIsA;
  const prior = findMark(ctx.marks, unit.a?.id ?? null, unit.b?.id ?? null);
  const base = { aId: unit.a?.id ?? null, bId: unit.b?.id ?? null, choice, at: ctx.now, by: ctx.by };
  if (leadSeg) {
    const stored = ctx.current(leadSeg.id) ?? leadSeg;
    const before = prior?.before ?? dimsOf(leadSeg);
    if (!chosen) return null;
    // Choosing the lead's own coding puts its dimensions as coded back.
    const dims = chosenIsLead ? before : dimsOf(chosen);
    return { put: { ...stored, ...dims, updatedAt: ctx.now }, remove: null, mark: { ...base, leadSegmentId: leadSeg.id, before, createdId: null } };
  }
  if (chosenIsLead || !chosen) {
    // The lead coded nothing here and that is the choice: drop a copy made by an earlier resolution.
    return { put: null, remove: prior?.createdId ?? null, mark: { ...base, leadSegmentId: null, before: null, createdId: null } };
  }
  const id = prior?.createdId ?? `resolved-${chosen.id}`;
  const stored = ctx.current(id);
  const copy: Segment = { ...chosen, id, coderId: lead.coderId, createdAt: stored?.createdAt ?? ctx.now, updatedAt: ctx.now };
  return { put: copy, remove: null, mark: { ...base, leadSegmentId: null, before: null, createdId: id } };
}

/** The marks with `mark` in place of any earlier mark for the same unit. */
export function withMark(marks: readonly ResolutionMark[], mark: ResolutionMark): ResolutionMark[] {
  const k = unitKey(mark.aId, mark.bId);
  return [...marks.filter((m) => unitKey(m.aId, m.bId) !== k), mark];
}
