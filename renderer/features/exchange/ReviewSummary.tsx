/**
 * The import summary's part about review (issue 14): how many transcripts and quotes arrive as
 * "needs review", and why — imported from REFI-QDA/CSV (always), identifiers found by the re-scan
 * (kinds and counts, never values), or no review record. Each item is located by interview code
 * and where it sits in the file.
 */
import { useTranslation } from 'react-i18next';
import type { IncomingSummary } from '../../../shared/exchange/gate-in';

export function ReviewSummary({ review }: { review: IncomingSummary }) {
  const { t } = useTranslation();
  const total = review.transcripts + review.quotes;
  if (total === 0) {
    return review.keptReviewed > 0 ? <p className="notice ok" data-testid="import-review-summary">{t('exchange.review.allKept', { count: review.keptReviewed })}</p> : null;
  }
  const reasons = Object.entries(review.byReason).filter(([, n]) => (n ?? 0) > 0);
  const listed = review.needs.filter((n) => Object.keys(n.hits).length > 0);
  return (
    <div className="notice warn" data-testid="import-review-summary">
      <p>
        <strong>{t('exchange.review.needs', { transcripts: review.transcripts, quotes: review.quotes })}</strong>
      </p>
      <ul>
        {reasons.map(([reason, n]) => (
          <li key={reason} data-reason={reason}>
            {t(`exchange.review.reason.${reason}`, { count: n ?? 0 })}
          </li>
        ))}
      </ul>
      {listed.length > 0 ? (
        <details open={listed.length <= 10}>
          <summary>{t('exchange.review.hitsTitle', { count: listed.length })}</summary>
          <ul data-testid="import-review-hits">
            {listed.slice(0, 200).map((n) => (
              <li key={n.field}>
                {t(n.item === 'transcript' ? 'exchange.review.itemTranscript' : 'exchange.review.itemQuote', { interview: n.interview || '?', field: n.field })}:{' '}
                {Object.entries(n.hits)
                  .map(([kind, count]) => `${kind} × ${count}`)
                  .join(', ')}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <p className="muted">{t('exchange.review.after')}</p>
    </div>
  );
}
