/**
 * The shape of `window.reisekart` (set by electron/preload.ts) and of the platform door, both
 * derived from the channel schemas in shared/bridge.ts.
 */
import type {
  AppInfo,
  BackupEntry,
  BridgeApi,
  FileFilter,
  MenuCommand,
  Refused,
  ResultOf,
  backupRead,
  backupRemove,
  backupWrite,
  openFile,
  saveFile,
} from '../../shared/bridge';

declare global {
  interface Window {
    /** Present only inside the Electron app (the sandboxed preload's contextBridge). */
    readonly reisekart?: BridgeApi;
  }
}

export type { AppInfo, BackupEntry, BridgeApi, FileFilter, MenuCommand };

/** The desktop cannot do this here (e.g. backups in a plain browser). */
export type Unsupported = { ok: false; reason: 'unsupported'; message: string };

export type SaveFileOutcome = ResultOf<typeof saveFile>;
export type OpenFileOutcome = ResultOf<typeof openFile>;
export type WriteBackupOutcome = ResultOf<typeof backupWrite> | Unsupported;
export type ListBackupsOutcome = { ok: true; backups: BackupEntry[] } | { ok: false; reason: 'read-failed' | 'unsupported' | 'refused'; message: string };
export type ReadBackupOutcome = ResultOf<typeof backupRead> | Unsupported;
export type RemoveBackupOutcome = ResultOf<typeof backupRemove> | Unsupported;
export type AppInfoOutcome = AppInfo | Refused;

export interface Platform {
  readonly kind: 'electron' | 'browser';
  /** Save bytes where the user chooses; the app never names the path. */
  saveFile(bytes: Uint8Array, suggestedName: string, filters: FileFilter[]): Promise<SaveFileOutcome>;
  /** Let the user pick one file matching `accept`. */
  openFile(accept: FileFilter[]): Promise<OpenFileOutcome>;
  appInfo(): Promise<AppInfoOutcome>;
  /** Tells the desktop shell the UI language, so the native menu follows it. */
  setLocale(locale: 'nb' | 'nn' | 'en'): Promise<void>;
  /** Native menu commands (desktop only; a no-op subscription in the browser). */
  onMenuCommand(callback: (command: MenuCommand) => void): () => void;
  /** A new snapshot of study `studyId`; never replaces one (kept per study). */
  writeBackup(bytes: Uint8Array, reason: string, studyId: string): Promise<WriteBackupOutcome>;
  listBackups(): Promise<ListBackupsOutcome>;
  readBackup(id: string): Promise<ReadBackupOutcome>;
  /** The user removes a snapshot. */
  removeBackup(id: string): Promise<RemoveBackupOutcome>;
}
