/**
 * A notice for the interview register: how many pieces of text wait for review, with the way to
 * the quote list view. Counts only (the gate reads each text's own state, shared/model/gate.ts).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { textReviewed } from '../../../shared/model/gate';
import { routeHref } from '../../app/router';
import { appDb } from '../../db';

export function ReviewNotice({ studyId }: { studyId: string }) {
  const { t } = useTranslation();
  const counts = useLiveQuery(async () => {
    const db = appDb();
    const [quotes, transcripts] = await Promise.all([
      db.segments.where('studyId').equals(studyId).filter((s) => !textReviewed(s)).count(),
      db.transcripts.where('studyId').equals(studyId).filter((x) => !textReviewed(x)).count(),
    ]);
    return { quotes, transcripts };
  }, [studyId]);
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
