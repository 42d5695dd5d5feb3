import { informantKey, informantsOf } from './informants';
import type { CounsellorCategory, CounsellorOverride, Interview, Segment, Valence } from './schema';

/**
 * The method's rule (Brukerreisen Kim 2021, counsellor findings), per informant, over the
 * segments whose actors include the counsellor:
 *   any negative → "one or more bad experiences"; else any mixed → "ok, but wish it were better";
 *   else (only positive) → "positive"; no such segment → "not discussed".
 * Wishes (kind = 'wish') describe how it should have been, not what happened, so they do not count.
 */
export function deriveCounsellorCategory(valences: readonly (Valence | null)[]): CounsellorCategory {
  let sawMixed = false;
  let sawPositive = false;
  for (const v of valences) {
    if (v === 'negative') return 'negative';
    if (v === 'mixed') sawMixed = true;
    else if (v === 'positive') sawPositive = true;
  }
  if (sawMixed) return 'mixed';
  if (sawPositive) return 'positive';
  return 'not-discussed';
}

export interface CounsellorAssessment {
  informantKey: string;
  interviewId: string;
  interviewCode: string;
  participantId: string;
  groupId: string;
  derived: CounsellorCategory;
  /** The category in force: the override when there is one, else the derived one. */
  category: CounsellorCategory;
  override: CounsellorOverride | null;
  /** The segments the derivation used, for showing the evidence. */
  evidence: Segment[];
}

/** Counsellor segments by informant: experiences only, with a valence, whose actors include the counsellor. */
export function counsellorEvidence(segments: readonly Segment[], counsellorActorId: string): Map<string, Segment[]> {
  const byInformant = new Map<string, Segment[]>();
  for (const s of segments) {
    if (s.kind !== 'experience' || !s.actorIds.includes(counsellorActorId)) continue;
    const k = informantKey(s.interviewId, s.participantId);
    const list = byInformant.get(k);
    if (list) list.push(s);
    else byInformant.set(k, [s]);
  }
  return byInformant;
}

export function assessCounsellor(
  interviews: readonly Interview[],
  segments: readonly Segment[],
  overrides: readonly CounsellorOverride[],
  counsellorActorId: string,
): CounsellorAssessment[] {
  const evidence = counsellorEvidence(segments, counsellorActorId);
  // The newest override per informant wins; older ones stay as history.
  const latest = new Map<string, CounsellorOverride>();
  for (const o of overrides) {
    const k = informantKey(o.interviewId, o.participantId);
    const prev = latest.get(k);
    if (!prev || prev.at < o.at) latest.set(k, o);
  }
  return informantsOf(interviews).map((inf) => {
    const ev = evidence.get(inf.key) ?? [];
    const derived = deriveCounsellorCategory(ev.map((s) => s.valence));
    const override = latest.get(inf.key) ?? null;
    return {
      informantKey: inf.key,
      interviewId: inf.interviewId,
      interviewCode: inf.interviewCode,
      participantId: inf.participantId,
      groupId: inf.groupId,
      derived,
      category: override ? override.category : derived,
      override,
      evidence: ev,
    };
  });
}
