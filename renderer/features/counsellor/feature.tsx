import type { FeatureDef } from '../../app/features';
import { CounsellorScreen } from './CounsellorScreen';

export const feature: FeatureDef = { view: 'counsellor', navKey: 'counsellor.nav', section: 'analysis', order: 45, Screen: CounsellorScreen };
