import type { FeatureDef } from '../../app/features';
import { ConflictsScreen } from './ConflictsScreen';

/** Reached from the merge and from the "n conflicts unresolved" notice, not from the navigation. */
export const feature: FeatureDef = {
  view: 'conflicts',
  navKey: 'merge.nav',
  section: 'output',
  order: 81,
  hidden: true,
  Screen: ConflictsScreen,
};
