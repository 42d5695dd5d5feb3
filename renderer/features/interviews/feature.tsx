import type { FeatureDef } from '../../app/features';
import { InterviewsScreen } from './InterviewsScreen';

export const feature: FeatureDef = {
  view: 'interviews',
  navKey: 'nav.interviews',
  section: 'study',
  order: 10,
  Screen: InterviewsScreen,
};
