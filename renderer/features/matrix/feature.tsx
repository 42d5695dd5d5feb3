import type { FeatureDef } from '../../app/features';
import { MatrixScreen } from './MatrixScreen';

export const feature: FeatureDef = {
  view: 'matrix',
  navKey: 'informants.matrix.nav',
  section: 'analysis',
  order: 55,
  Screen: MatrixScreen,
};
