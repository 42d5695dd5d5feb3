import type { FeatureDef } from '../../app/features';
import { AgreementScreen } from './AgreementScreen';

export const feature: FeatureDef = { view: 'agreement', navKey: 'agreement.nav', section: 'analysis', order: 48, Screen: AgreementScreen };
