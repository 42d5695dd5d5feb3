import type { FeatureDef } from '../../app/features';
import { QuoteReviewScreen } from './QuoteReviewScreen';

/** Quotes that need review on their own (imported free-standing quotes, quotes sent back by a re-scan). */
export const feature: FeatureDef = {
  view: 'quote-review',
  navKey: 'quoteReview.nav',
  section: 'study',
  order: 16,
  Screen: QuoteReviewScreen,
};
