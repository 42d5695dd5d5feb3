import type { FeatureDef } from '../../app/features';
import { ReportScreen } from './ReportScreen';
import './report.css';

export const feature: FeatureDef = {
  view: 'report',
  navKey: 'nav.report',
  section: 'output',
  order: 80,
  Screen: ReportScreen,
};
