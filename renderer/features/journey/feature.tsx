import type { FeatureDef } from '../../app/features';
import { JourneyScreen } from './JourneyScreen';

export const feature: FeatureDef = {
  view: 'journey',
  navKey: 'nav.journey',
  section: 'analysis',
  order: 50,
  Screen: JourneyScreen,
};
