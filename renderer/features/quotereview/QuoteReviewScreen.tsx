/**
 * "Sitater til gjennomgang": the review screen's quote list view. Every quote that needs review on
 * its own (imported free-standing quotes, quotes a re-scan sent back) is shown with the detector's
 * hits (the same detector as the transcript review); the reviewer replaces them with tags or edits
 * the text, and approves it with their name. Only this writes `reviewed` on such a quote, with a
 * review record (who, when, replacements per kind — never values) and an audit entry (counts).
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ALWAYS_ALLOWED, detectIdentifiers, SUGGEST_THRESHOLD, type TermSpec } from '../../../shared/anonymise';
import type { Interview, Segment } from '../../../shared/model';
import type { ScreenProps } from '../../app/features';
import { routeHref } from '../../app/router';
import { tracked } from '../../components/SaveIndicator';
import { showToast } from '../../components/Toasts';
import { db, saveSegment, useInterviewList, useSegments, useTerms, useTranscriptReviews, writeAudit } from '../../db';
import { guarded, WriteAbort } from '../../db/results';
import { approveQuote, quotesToReview } from './quotes';
import { NotForSharing } from '../../components/NotForSharing';

export function QuoteReviewScreen({ study }: ScreenProps) {
  const { t } = useTranslation();
  const segments = useSegments(study.id, db);
  // Review states only: the transcript texts are not needed for the list.
  const transcripts = useTranscriptReviews(study.id, db);
  const interviews = useInterviewList(study.id, db);
  const terms = useTerms(study.id, db);
  const lists = useMemo(() => (segments && transcripts ? quotesToReview(segments, transcripts) : null), [segments, transcripts]);
  const byId = useMemo(() => new Map((interviews ?? []).map((iv) => [iv.id, iv])), [interviews]);
  const [reviewer, setReviewer] = useState(study.coders[0]?.name ?? '');
  if (!lists || !interviews || !terms) return <p className="muted">{t('app.loading')}</p>;
  const termSpecs: TermSpec[] = terms.map((x) => ({ term: x.term, kind: x.kind }));

  return (
    <div data-testid="quote-review" data-state="ready">
      <div className="page-head">
        <h1>{t('quoteReview.title')}</h1>
        <NotForSharing />
      </div>
      <p className="muted">{t('quoteReview.intro')}</p>
      <label className="field inline">
        {t('quoteReview.reviewer')}{' '}
        <select value={reviewer} onChange={(e) => setReviewer(e.target.value)} data-testid="quote-reviewer">
          {study.coders.map((c) => (
            <option key={c.id} value={c.name}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      {lists.withTranscript.size > 0 ? (
        <div className="notice warn" data-testid="quotes-with-transcript">
          <p>{t('quoteReview.withTranscript', { count: [...lists.withTranscript.values()].reduce((a, b) => a + b, 0) })}</p>
          <ul>
            {[...lists.withTranscript].map(([ivId, n]) => (
              <li key={ivId}>
                <a href={routeHref({ name: 'study', studyId: study.id, view: 'transcript', sub: ivId })}>{byId.get(ivId)?.code ?? ivId}</a> ({n})
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {lists.own.length === 0 ? (
        <p className="notice ok" data-testid="quotes-none">{t('quoteReview.none')}</p>
      ) : (
        <ol className="quote-review-list" data-testid="quote-review-list" data-count={lists.own.length}>
          {lists.own.map((s) => (
            <QuoteItem key={s.id} seg={s} interview={byId.get(s.interviewId)} terms={termSpecs} reviewer={reviewer} />
          ))}
        </ol>
      )}
    </div>
  );
}

function QuoteItem({ seg, interview, terms, reviewer }: { seg: Segment; interview: Interview | undefined; terms: readonly TermSpec[]; reviewer: string }) {
  const { t } = useTranslation();
  const [quote, setQuote] = useState(seg.quote);
  const [note, setNote] = useState(seg.note);
  const [counts, setCounts] = useState<Record<string, number>>({});
  const [busy, setBusy] = useState(false);
  const hits = useMemo(
    () => ({
      quote: detectIdentifiers(quote, { terms, allow: [...ALWAYS_ALLOWED] }),
      note: detectIdentifiers(note, { terms, allow: [...ALWAYS_ALLOWED] }),
    }),
    [quote, note, terms],
  );
  const strong = [...hits.quote, ...hits.note].filter((h) => h.confidence >= SUGGEST_THRESHOLD).length;

  function replace(field: 'quote' | 'note', start: number, end: number, tag: string) {
    const set = field === 'quote' ? setQuote : setNote;
    const value = field === 'quote' ? quote : note;
    set(`${value.slice(0, start)}[${tag}]${value.slice(end)}`);
    setCounts((c) => ({ ...c, [tag]: (c[tag] ?? 0) + 1 }));
  }

  async function approve() {
    if (reviewer.trim() === '') return;
    setBusy(true);
    const r = await tracked(() =>
      guarded(() =>
        db.transaction('rw', [db.segments, db.transcripts, db.audit, db.studies, db.tombstones, db.meta], async () => {
          const now = db.env.now();
          const text = (await db.transcripts.get(seg.interviewId))?.text;
          const saved = await saveSegment(db, approveQuote(seg, { quote, note }, { reviewer, at: now, counts }, text));
          if (!saved.ok) throw new WriteAbort(saved);
          const audit = await writeAudit(db, { studyId: seg.studyId, who: reviewer, action: 'anonymise.quote', subject: interview?.code ?? '', counts, note: '' });
          if (!audit.ok) throw new WriteAbort(audit);
          return saved.value;
        }),
      ),
    );
    setBusy(false);
    if (r.ok) showToast({ message: t('quoteReview.approved', { code: interview?.code ?? '' }) });
    else showToast({ kind: 'error', message: r.reason === 'invalid' ? r.issues.map((i) => i.message).join(' ') : r.message });
  }

  return (
    <li className="card quote-review-item" data-testid="quote-review-item" data-segment={seg.id}>
      <p className="muted">
        {interview?.code ?? '?'} {seg.participantId} · {seg.review?.reason ? t(`quoteReview.reason.${seg.review.reason}`) : t('quoteReview.reason.none')}
      </p>
      {(['quote', 'note'] as const).map((field) => (
        <div key={field} className="quote-review-field">
          <label className="field">
            <span>{t(`quoteReview.${field}`)}</span>
            <textarea rows={field === 'quote' ? 3 : 2} value={field === 'quote' ? quote : note} onChange={(e) => (field === 'quote' ? setQuote : setNote)(e.target.value)} data-testid={`quote-review-${field}`} />
          </label>
          {hits[field].length > 0 ? (
            <ul className="quote-review-hits" data-testid={`quote-review-hits-${field}`}>
              {hits[field].map((h) => (
                <li key={`${h.start}-${h.kind}`}>
                  <mark>{h.text}</mark> {h.kind} ({Math.round(h.confidence * 100)} %){' '}
                  <button type="button" onClick={() => replace(field, h.start, h.end, h.suggestedTag)} data-testid="quote-review-replace">
                    {t('quoteReview.replace', { tag: `[${h.suggestedTag}]` })}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ))}
      <div className="toolbar">
        {strong > 0 ? <span className="notice warn">{t('quoteReview.stillHits', { count: strong })}</span> : null}
        <button type="button" className="primary" disabled={busy || reviewer.trim() === ''} onClick={() => void approve()} data-testid="quote-review-approve">
          {t('quoteReview.approve')}
        </button>
      </div>
    </li>
  );
}
