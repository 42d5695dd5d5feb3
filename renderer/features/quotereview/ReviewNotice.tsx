/**
 * A notice for the interview register: how many pieces of text wait for review, with the way to
 * the quote list view. Counts only (the gate reads each text's own state, shared/model/gate.ts).
 */
import { useTranslation } from 'react-i18next';
import { routeHref } from '../../app/router';
import { useUnreviewedCounts } from '../../db';

export function ReviewNotice({ studyId }: { studyId: string }) {
  const { t } = useTranslation();
  const counts = useUnreviewedCounts(studyId);
  if (!counts || counts.quotes + counts.transcripts === 0) return null;
  return (
    <p className="notice warn" data-testid="review-notice">
      {t('quoteReview.notice', { quotes: counts.quotes, transcripts: counts.transcripts })}{' '}
      <a href={routeHref({ name: 'study', studyId, view: 'quote-review' })} data-testid="to-quote-review">
        {t('quoteReview.nav')}
      </a>
    </p>
  );
}
