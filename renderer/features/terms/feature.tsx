import type { FeatureDef } from '../../app/features';
import { TermsScreen } from './TermsScreen';

export const feature: FeatureDef = {
  view: 'terms',
  navKey: 'terms.nav',
  section: 'study',
  order: 18,
  Screen: TermsScreen,
};
