import type { FeatureDef } from '../../app/features';
import { MemosScreen } from './MemosScreen';

export const feature: FeatureDef = { view: 'memos', navKey: 'memo.nav', section: 'study', order: 37, Screen: MemosScreen };
