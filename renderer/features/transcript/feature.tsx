import type { FeatureDef } from '../../app/features';
import { TranscriptScreen } from './TranscriptScreen';

/** Hidden: reached from the interview register ("Transkripsjon"), one interview at a time. */
export const feature: FeatureDef = {
  view: 'transcript',
  navKey: 'transcript.nav',
  section: 'study',
  order: 15,
  hidden: true,
  Screen: TranscriptScreen,
};
