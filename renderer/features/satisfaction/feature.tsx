import type { FeatureDef } from '../../app/features';
import { SatisfactionScreen } from './SatisfactionScreen';

export const feature: FeatureDef = {
  view: 'satisfaction',
  navKey: 'nav.satisfaction',
  section: 'analysis',
  order: 60,
  Screen: SatisfactionScreen,
};
