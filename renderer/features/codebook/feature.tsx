import type { FeatureDef } from '../../app/features';
import { CodebookScreen } from './CodebookScreen';

export const feature: FeatureDef = { view: 'codebook', navKey: 'nav.codebook', section: 'study', order: 35, Screen: CodebookScreen };
