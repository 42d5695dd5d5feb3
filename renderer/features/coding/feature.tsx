import type { FeatureDef } from '../../app/features';
import { CodingScreen } from './CodingScreen';

export const feature: FeatureDef = {
  view: 'coding',
  navKey: 'nav.coding',
  section: 'study',
  order: 30,
  Screen: CodingScreen,
};
