import type { FeatureDef } from '../../app/features';
import { parseRoute } from '../../app/router';
import { installBackupSchedule } from '../../backup';
import { BackupsScreen } from './BackupsScreen';

// The shell imports every feature module once at start-up (import.meta.glob, eager), so this is
// where the scheduled snapshots start without the shell knowing about backups.
// Not under Vitest: tests drive scheduledTick themselves with their own clock.
if (typeof window !== 'undefined' && typeof indexedDB !== 'undefined' && import.meta.env.MODE !== 'test') {
  installBackupSchedule(() => {
    const r = parseRoute(window.location.hash);
    return r.name === 'study' ? r.studyId : null;
  });
}

export const feature: FeatureDef = {
  view: 'backups',
  navKey: 'backups.nav',
  section: 'output',
  order: 85,
  Screen: BackupsScreen,
};
