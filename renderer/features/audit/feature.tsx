import type { FeatureDef } from '../../app/features';
import { AuditScreen } from './AuditScreen';

export const feature: FeatureDef = { view: 'audit', navKey: 'audit.nav', section: 'output', order: 95, Screen: AuditScreen };
