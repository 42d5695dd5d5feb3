/**
 * Which quotes the quote review lists, and what approving one writes. Pure.
 *
 * A quote whose transcript needs review is reviewed with that transcript (completing it rewrites
 * the quote); every other quote that is not reviewed — an imported free-standing quote, a quote a
 * re-scan sent back — is reviewed here, on its own.
 */
import { textReviewed } from '../../../shared/model/gate';
import type { ReviewRecord, Segment, TextReview, Transcript } from '../../../shared/model';

export interface QuoteLists {
  /** Reviewed here. */
  own: Segment[];
  /** Waiting for their transcript's review, per interview id. */
  withTranscript: Map<string, number>;
}

export function quotesToReview(segments: readonly Segment[], transcripts: readonly Pick<Transcript, 'interviewId' | 'review'>[]): QuoteLists {
  const tr = new Map(transcripts.map((t) => [t.interviewId, t]));
  const own: Segment[] = [];
  const withTranscript = new Map<string, number>();
  for (const s of segments) {
    if (textReviewed(s)) continue;
    const t = tr.get(s.interviewId);
    if (t && !textReviewed(t)) withTranscript.set(s.interviewId, (withTranscript.get(s.interviewId) ?? 0) + 1);
    else own.push(s);
  }
  return { own, withTranscript };
}

/** The approved quote: its (edited) text, the review record, and `lost` when it no longer is its transcript span. */
export function approveQuote(seg: Segment, edit: { quote: string; note: string }, record: ReviewRecord, transcriptText: string | undefined): Segment {
  const review: TextReview = { state: 'reviewed', record, reason: null, hits: {} };
  const anchor = transcriptText === undefined ? seg.anchor : transcriptText.slice(seg.start, seg.end) === edit.quote ? 'ok' : 'lost';
  return { ...seg, quote: edit.quote, note: edit.note, anchor, review, updatedAt: record.at };
}
