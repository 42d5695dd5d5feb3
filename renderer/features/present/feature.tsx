import type { FeatureDef } from '../../app/features';
import { PresentScreen } from './PresentScreen';

export const feature: FeatureDef = {
  view: 'present',
  navKey: 'present.nav',
  section: 'output',
  order: 85,
  Screen: PresentScreen,
};
