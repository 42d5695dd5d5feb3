/**
 * The final coding: which segments count in an analysis when more than one coder has coded.
 *
 * Two coders who code the same interview blind (for agreement, docs/coding.md) each leave a full
 * set of segments in the table; counting both would count every experience twice. So per
 * interview exactly one coder's segments count:
 *   - the lead coder's, when the lead coded that interview at all;
 *   - else the first coder, in the study's coder order, with segments in that interview;
 *   - segments by a coder id the study does not list come last (after every listed coder).
 * Coders who split the interviews between them are therefore all counted (each interview has one
 * coder), and a second blind coder never is while the lead's coding exists. Differences are
 * resolved by writing into the lead's segments (the agreement screen), so the lead's coding is
 * the final one.
 */
import type { Coder, Segment } from '../model/schema';

/** The lead coder: the given id when it is set, else the study's first coder; null with no coders. */
export function leadCoderOf(coders: readonly Coder[], leadCoderId?: string | null): string | null {
  if (leadCoderId) return leadCoderId;
  return coders[0]?.id ?? null;
}

/**
 * Per interview, the coder whose segments count (see the file comment). Pure; one pass plus one
 * pass per interview's coder set.
 */
export function finalCoders(segments: readonly Segment[], coders: readonly Coder[], leadCoderId?: string | null): Map<string, string> {
  const lead = leadCoderOf(coders, leadCoderId);
  const rank = new Map<string, number>();
  coders.forEach((c, i) => {
    if (!rank.has(c.id)) rank.set(c.id, i);
  });
  // Unknown coders rank after every listed one, in order of first appearance (stable, deterministic).
  let nextUnknown = coders.length;
  const rankOf = (id: string): number => {
    if (id === lead) return -1;
    let r = rank.get(id);
    if (r === undefined) {
      r = nextUnknown++;
      rank.set(id, r);
    }
    return r;
  };
  const chosen = new Map<string, { coderId: string; rank: number }>();
  for (const s of segments) {
    const r = rankOf(s.coderId);
    const cur = chosen.get(s.interviewId);
    if (!cur || r < cur.rank) chosen.set(s.interviewId, { coderId: s.coderId, rank: r });
  }
  return new Map([...chosen].map(([iv, c]) => [iv, c.coderId] as const));
}

/** The segments that count: per interview, only the final coder's (order kept). */
export function finalCoding(segments: readonly Segment[], coders: readonly Coder[], leadCoderId?: string | null): Segment[] {
  const byInterview = finalCoders(segments, coders, leadCoderId);
  return segments.filter((s) => byInterview.get(s.interviewId) === s.coderId);
}

/** Per segment (parallel to `segments`): 1 when it counts in the final coding, else 0. */
export function finalMask(segments: readonly Segment[], coders: readonly Coder[], leadCoderId?: string | null): Uint8Array {
  const byInterview = finalCoders(segments, coders, leadCoderId);
  const out = new Uint8Array(segments.length);
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i] as Segment;
    out[i] = byInterview.get(s.interviewId) === s.coderId ? 1 : 0;
  }
  return out;
}
