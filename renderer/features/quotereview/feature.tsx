import type { FeatureDef } from '../../app/features';
import { QuoteReviewScreen } from './QuoteReviewScreen';

/**
 * The review screen's quote list view: quotes that need review on their own (imported
 * free-standing quotes, quotes sent back by a re-scan). Hidden like the transcript review it
 * belongs to: reached from the interview register's notice and from the import summary.
 */
export const feature: FeatureDef = {
  view: 'quote-review',
  navKey: 'quoteReview.nav',
  section: 'study',
  order: 16,
  hidden: true,
  Screen: QuoteReviewScreen,
};
