/**
 * "Fullfør anonymisering": the only way a transcript enters the database and the only way an
 * interview becomes `anonymised`. Accepted hits become consistent pseudonyms (study memory:
 * salted hashes, never values), and pseudonyms, transcript, re-anchored segments, interview
 * status and the audit entry are written in ONE transaction: all or nothing.
 */
import { pseudonymise, rebaseTurns } from '../../../shared/anonymise';
import { rewriteSegment } from '../../../shared/anonymise/rewrite';
import type { Interview, Study, Transcript, Turn } from '../../../shared/model';
import { canCode, REVIEWED_STATUSES, reviewedState } from '../../../shared/model/gate';
import { getMeta, saveInterview, savePseudonym, saveSegment, saveTranscript, setMeta, writeAudit, type ReisekartDb, type WriteResult } from '../../db';
import { guarded, WriteAbort } from '../../db/results';
import { acceptedHits, type ReviewHit } from './review';

/** Meta key of the study's pseudonym salt: kept with the study copy, never in exports or bundles. */
export const saltKey = (studyId: string) => `anonymise.salt.${studyId}`;

/** The study's salt, created on first use (128 random bits, hex). */
export async function studySalt(db: ReisekartDb, studyId: string): Promise<string> {
  const existing = await getMeta(db, saltKey(studyId));
  if (typeof existing === 'string' && existing.length >= 16) return existing;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const salt = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  const saved = await setMeta(db, saltKey(studyId), salt);
  if (!saved.ok) throw new Error('could not store the pseudonym salt');
  return salt;
}

export interface CompleteInput {
  study: Study;
  interview: Interview;
  /** The text under review (in memory only until now). */
  text: string;
  turns: readonly Turn[];
  hits: readonly ReviewHit[];
  source: Transcript['source'];
  /** Who reviewed: a coder's name or initials. Recorded on the transcript and in the audit log. */
  reviewer: string;
}

export interface CompleteOutcome {
  transcript: Transcript;
  /** Replacements per tag kind (what the audit entry records). */
  counts: Record<string, number>;
  /** Segments whose quote no longer has a unique place (edit after coding). */
  lostSegments: number;
}

function must<T>(r: WriteResult<T>): T {
  if (!r.ok) throw new WriteAbort(r);
  return r.value;
}

export async function completeReview(db: ReisekartDb, input: CompleteInput): Promise<WriteResult<CompleteOutcome>> {
  const { study, interview, text, hits, reviewer } = input;
  const salt = await studySalt(db, study.id);
  // Hashing (WebCrypto) happens before the transaction: awaiting anything but IndexedDB inside
  // it would let the transaction commit early (IndexedDB auto-commit).
  const memory = await db.pseudonyms.where('studyId').equals(study.id).toArray();
  const r = await pseudonymise(text, acceptedHits(text, hits), memory, { studyId: study.id, salt });
  if (!r.ok) return { ok: false, reason: 'invalid', issues: r.issues.map((i) => ({ path: `hits[${i.hit}]`, field: 'hits', message: i.message })) };
  return guarded(() =>
    // tombstones and meta: every save stamps a revision (docs/exchange.md) in this transaction.
    db.transaction('rw', [db.studies, db.pseudonyms, db.transcripts, db.interviews, db.segments, db.audit, db.tombstones, db.meta], async () => {
      const now = db.env.now();
      for (const entry of r.entries) must(await savePseudonym(db, entry));
      const wasReviewed = canCode(await db.transcripts.get(interview.id));
      const record = { reviewer, at: now, counts: r.counts };
      const transcript = must(
        await saveTranscript(db, {
          interviewId: interview.id,
          studyId: study.id,
          text: r.text,
          source: input.source,
          turns: rebaseTurns(input.turns, r.mapOffset),
          reviewedBy: reviewer,
          reviewedAt: now,
          review: reviewedState(record),
          updatedAt: now,
        }),
      );
      // The segments' quotes and notes get the same replacements (a quote that held a replaced
      // name must not keep it), find their place in the new text (shared/coding/reanchor.ts), and
      // carry the transcript's review record.
      const segments = await db.segments.where('interviewId').equals(interview.id).toArray();
      const rewritten = segments.map((s) => rewriteSegment(s, text, r.text, r.mapOffset, r.replacements));
      for (const s of rewritten) must(await saveSegment(db, { ...s, review: reviewedState(record), updatedAt: now }));
      const current = (await db.interviews.get(interview.id)) ?? interview;
      // Coded or reviewed interviews keep their workflow status; everything earlier becomes anonymised.
      const status = REVIEWED_STATUSES.includes(current.status) ? current.status : 'anonymised';
      must(await saveInterview(db, { ...current, status, updatedAt: now }));
      const decided = { accepted: 0, rejected: 0, manual: 0 };
      for (const h of hits) {
        if (h.status === 'accepted') decided.accepted++;
        if (h.status === 'rejected') decided.rejected++;
        if (h.reason === 'manual') decided.manual++;
      }
      // Counts and who, never values (the schema has no field for them, and we pass none).
      must(
        await writeAudit(db, {
          studyId: study.id,
          who: reviewer,
          action: wasReviewed ? 'anonymise.edit' : 'anonymise.review',
          subject: interview.code,
          counts: r.counts,
          note: `godtatt ${decided.accepted}, avvist ${decided.rejected}, lagt til ${decided.manual}`,
        }),
      );
      return { transcript, counts: r.counts, lostSegments: rewritten.filter((s) => s.anchor === 'lost').length };
    }),
  );
}
