import type { FeatureDef } from '../../app/features';
import { ExchangeScreen } from './ExchangeScreen';

export const feature: FeatureDef = {
  view: 'exchange',
  navKey: 'nav.exchange',
  section: 'output',
  order: 80,
  Screen: ExchangeScreen,
};
