/**
 * The main-process side of each bridge channel. ipc.ts has already checked the sender and
 * parsed the payload when these run. The renderer never names a path: the user picks it in a
 * native dialog, and only the chosen file's base name goes back.
 */
import type { BrowserWindow, Dialog, FileFilter as ElectronFileFilter, IpcMainInvokeEvent, OpenDialogOptions, SaveDialogOptions } from 'electron';
import path from 'node:path';
import { MAX_FILE_BYTES, type FileFilter, type Locale } from '../shared/bridge';
import { listBackups, readBackup, removeBackup, writeBackup } from './backups';
import { readFileLimited, writeFileAtomic } from './files';
import type { Handlers } from './ipc';

export interface HandlerDeps {
  dialog: Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>;
  /** The window the dialog belongs to (modal on it), if any. */
  windowFor: (event: IpcMainInvokeEvent) => BrowserWindow | null;
  /** Folder the save dialog starts in (the user's Documents). */
  defaultDir: () => string;
  backupDir: () => string;
  appName: string;
  version: string;
  platform: string;
  now: () => Date;
  /** Rebuilds the native menu in the UI's language. Optional: absent, the request is a no-op. */
  setMenuLocale?: (locale: Locale) => void;
}

function electronFilters(filters: FileFilter[]): ElectronFileFilter[] {
  return filters.map((f) => ({ name: f.name, extensions: [...f.extensions] }));
}

async function showSave(deps: HandlerDeps, win: BrowserWindow | null, options: SaveDialogOptions) {
  return win ? deps.dialog.showSaveDialog(win, options) : deps.dialog.showSaveDialog(options);
}
async function showOpen(deps: HandlerDeps, win: BrowserWindow | null, options: OpenDialogOptions) {
  return win ? deps.dialog.showOpenDialog(win, options) : deps.dialog.showOpenDialog(options);
}

export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    async saveFile(req, event) {
      const choice = await showSave(deps, deps.windowFor(event), {
        defaultPath: path.join(deps.defaultDir(), req.suggestedName),
        filters: electronFilters(req.filters),
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      if (choice.canceled || !choice.filePath) return { ok: false, reason: 'cancelled', message: '' };
      const written = await writeFileAtomic(choice.filePath, req.bytes);
      if (!written.ok) return { ok: false, reason: 'write-failed', message: written.message };
      return { ok: true, name: path.basename(choice.filePath) };
    },

    async openFile(req, event) {
      const choice = await showOpen(deps, deps.windowFor(event), {
        filters: electronFilters(req.filters),
        properties: ['openFile'],
      });
      const file = choice.filePaths[0];
      if (choice.canceled || !file) return { ok: false, reason: 'cancelled', message: '' };
      const read = await readFileLimited(file, MAX_FILE_BYTES);
      if (!read.ok) return read;
      return { ok: true, name: path.basename(file), bytes: read.bytes };
    },

    async appInfo() {
      return { ok: true, name: deps.appName, version: deps.version, platform: deps.platform };
    },

    async setLocale(req) {
      deps.setMenuLocale?.(req.locale);
      return { ok: true };
    },

    backupWrite: (req) => writeBackup(deps.backupDir(), req.bytes, req.reason, req.studyId, deps.now()),
    backupList: () => listBackups(deps.backupDir()),
    backupRead: (req) => readBackup(deps.backupDir(), req.id),
    backupRemove: (req) => removeBackup(deps.backupDir(), req.id),
  };
}
