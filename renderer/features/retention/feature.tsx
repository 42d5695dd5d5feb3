import type { FeatureDef } from '../../app/features';
import { RetentionScreen } from './RetentionScreen';

export const feature: FeatureDef = {
  view: 'retention',
  navKey: 'informants.retention.nav',
  section: 'output',
  order: 95,
  Screen: RetentionScreen,
};
