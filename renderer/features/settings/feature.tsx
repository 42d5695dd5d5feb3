import type { FeatureDef } from '../../app/features';
import { SettingsScreen } from './SettingsScreen';

export const feature: FeatureDef = {
  view: 'settings',
  navKey: 'nav.settings',
  section: 'study',
  order: 90,
  Screen: SettingsScreen,
};
