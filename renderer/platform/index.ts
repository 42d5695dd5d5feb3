/**
 * The ONLY door from the renderer to the desktop. Inside Electron it forwards to the preload's
 * typed `window.reisekart`; in a plain browser (tests, facilitators without install rights) it
 * falls back to a download (`<a download>` + Blob URL) and an upload (hidden `<input type=file>`).
 * Screens import `platform` from here and never touch `window.reisekart` themselves.
 */
import { MAX_FILE_BYTES, sanitiseFileName, type BridgeApi, type FileFilter } from '../../shared/bridge';
import { version as APP_VERSION } from '../../package.json';
import type { OpenFileOutcome, Platform, SaveFileOutcome, Unsupported } from './types';

export type * from './types';

function unsupported(): Unsupported {
  return { ok: false, reason: 'unsupported', message: 'Sikkerhetskopier finnes bare i skrivebordsappen.' };
}

export function electronPlatform(api: BridgeApi): Platform {
  return {
    kind: 'electron',
    saveFile: (bytes, suggestedName, filters) => api.saveFile({ bytes, suggestedName, filters }),
    openFile: (accept) => api.openFile({ filters: accept }),
    appInfo: () => api.appInfo({}),
    setLocale: async (locale) => {
      await api.setLocale({ locale });
    },
    onMenuCommand: (callback) => api.onMenuCommand(callback),
    writeBackup: (bytes, reason, studyId) => api.backupWrite({ bytes, reason, studyId }),
    listBackups: () => api.backupList({}),
    readBackup: (id) => api.backupRead({ id }),
    removeBackup: (id) => api.backupRemove({ id }),
  };
}

/** `[{ name, extensions: ['csv','txt'] }]` → `.csv,.txt` for `<input accept>`; '*' means anything. */
export function acceptAttribute(filters: readonly FileFilter[]): string {
  const exts = filters.flatMap((f) => f.extensions);
  if (exts.length === 0 || exts.includes('*')) return '';
  return [...new Set(exts.map((e) => `.${e.toLowerCase()}`))].join(',');
}

/** Base name only, even in the browser: the same rule as the desktop's dialog default. */
function downloadName(suggestedName: string): string {
  return sanitiseFileName(suggestedName) || 'reisekart-fil';
}

/** `getDocument` is called per use, so importing this module outside a page does not fail. */
export function browserPlatform(getDocument: () => Document = () => document): Platform {
  return {
    kind: 'browser',
    async saveFile(bytes, suggestedName): Promise<SaveFileOutcome> {
      const doc = getDocument();
      const view = doc.defaultView ?? window;
      const name = downloadName(suggestedName);
      const url = view.URL.createObjectURL(new Blob([new Uint8Array(bytes)]));
      const a = doc.createElement('a');
      a.href = url;
      a.download = name;
      a.rel = 'noopener';
      a.style.display = 'none';
      doc.body.append(a);
      a.click();
      a.remove();
      // Revoke after the click has been handled; revoking at once can cancel the download.
      view.setTimeout(() => view.URL.revokeObjectURL(url), 60_000);
      return { ok: true, name };
    },
    openFile(accept): Promise<OpenFileOutcome> {
      const doc = getDocument();
      return new Promise((resolve) => {
        const input = doc.createElement('input');
        input.type = 'file';
        input.accept = acceptAttribute(accept);
        input.style.display = 'none';
        const finish = (outcome: OpenFileOutcome) => {
          input.remove();
          resolve(outcome);
        };
        input.addEventListener('cancel', () => finish({ ok: false, reason: 'cancelled', message: '' }));
        input.addEventListener('change', () => {
          const file = input.files?.[0];
          if (!file) return finish({ ok: false, reason: 'cancelled', message: '' });
          if (file.size > MAX_FILE_BYTES) {
            return finish({ ok: false, reason: 'too-large', message: `Filen er for stor (${file.size} byte; grensen er ${MAX_FILE_BYTES} byte).` });
          }
          file.arrayBuffer().then(
            (buffer) => finish({ ok: true, name: file.name, bytes: new Uint8Array(buffer) }),
            (error: unknown) => finish({ ok: false, reason: 'read-failed', message: error instanceof Error ? error.message : String(error) }),
          );
        });
        doc.body.append(input);
        input.click();
      });
    },
    appInfo: async () => ({ ok: true, name: 'Reisekart', version: APP_VERSION, platform: 'web' }),
    // A browser has no native menu to translate.
    setLocale: async () => undefined,
    onMenuCommand: () => () => undefined,
    writeBackup: async () => unsupported(),
    listBackups: async () => unsupported(),
    readBackup: async () => unsupported(),
    removeBackup: async () => unsupported(),
  };
}

/** Pick the door: the preload's bridge when present, else the browser fallback. */
export function createPlatform(win: Window | undefined = typeof window === 'undefined' ? undefined : window): Platform {
  if (win?.reisekart) return electronPlatform(win.reisekart);
  return win ? browserPlatform(() => win.document) : browserPlatform();
}

export const platform: Platform = createPlatform();
