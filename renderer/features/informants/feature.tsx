import type { FeatureDef } from '../../app/features';
import { InformantsScreen } from './InformantsScreen';

export const feature: FeatureDef = {
  view: 'informants',
  navKey: 'informants.nav',
  section: 'study',
  order: 12,
  Screen: InformantsScreen,
};
