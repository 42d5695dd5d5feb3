/**
 * The preload: runs sandboxed (built as CJS, `out/preload/index.cjs`) and exposes ONE typed
 * function per bridge channel as `window.reisekart` — never a generic `(channel, ...args)`
 * forwarder, never `ipcRenderer` itself (checklist items 3 and 20).
 */
import { contextBridge, ipcRenderer } from 'electron';
import {
  MENU_COMMAND_EVENT,
  MenuCommand,
  appInfo,
  backupList,
  backupRead,
  backupRemove,
  backupWrite,
  openFile,
  saveFile,
  setLocale,
  type BridgeApi,
  type ResultOf,
} from '../shared/bridge';

function invoke<C extends { name: string }>(ch: C, request: unknown): Promise<ResultOf<C>> {
  return ipcRenderer.invoke(ch.name, request) as Promise<ResultOf<C>>;
}

const api: BridgeApi = {
  saveFile: (req) => invoke(saveFile, req),
  openFile: (req) => invoke(openFile, req),
  appInfo: (req) => invoke(appInfo, req),
  setLocale: (req) => invoke(setLocale, req),
  backupWrite: (req) => invoke(backupWrite, req),
  backupList: (req) => invoke(backupList, req),
  backupRead: (req) => invoke(backupRead, req),
  backupRemove: (req) => invoke(backupRemove, req),
  onMenuCommand(callback) {
    const listener = (_event: unknown, payload: unknown) => {
      const parsed = MenuCommand.safeParse(payload);
      if (parsed.success) callback(parsed.data);
    };
    ipcRenderer.on(MENU_COMMAND_EVENT, listener);
    return () => {
      ipcRenderer.removeListener(MENU_COMMAND_EVENT, listener);
    };
  },
};

contextBridge.exposeInMainWorld('reisekart', api);
