import type { FeatureDef } from '../../app/features';
import { BackupsScreen } from './BackupsScreen';

export const feature: FeatureDef = {
  view: 'backups',
  navKey: 'backups.nav',
  section: 'output',
  order: 85,
  Screen: BackupsScreen,
};
