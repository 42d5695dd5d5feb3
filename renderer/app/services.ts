/**
 * The app's background services, started once, explicitly, at boot (renderer/main.tsx) — not as
 * a side effect of importing a module. Today: the scheduled backup snapshots (docs/backups.md).
 * Tests never call this; they drive the services themselves (e.g. scheduledTick with their clock).
 */
import { installBackupSchedule } from '../backup';
import { parseRoute } from './router';

/** Starts every service; returns a function that stops them all. */
export function startServices(): () => void {
  const stops = [
    installBackupSchedule(() => {
      const r = parseRoute(window.location.hash);
      return r.name === 'study' ? r.studyId : null;
    }),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}
