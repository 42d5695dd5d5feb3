/**
 * Main-process entry: wires the pieces together and does nothing else. Each piece is a small
 * file with one job (security, protocol, ipc, handlers, backups, files, menu, state, window).
 *
 * Order matters: the sandbox and the privileged scheme must be set before `ready`; the
 * security guards are attached from `web-contents-created`, so every web contents — not just
 * our window — gets them before it can navigate.
 */
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, screen, session } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MENU_COMMAND_EVENT, type Locale, type MenuCommand } from '../shared/bridge';
import { createHandlers } from './handlers';
import { registerIpc } from './ipc';
import { menuTemplate } from './menu';
import { handleAppScheme, registerAppScheme } from './protocol';
import { APP_ENTRY_URL, installSessionGuards, installWebContentsGuards, isTrustedUrl, type GuardOptions } from './security';
import { clampBounds, loadWindowState, saveWindowState } from './state';
import { createMainWindow } from './window';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Built layout (electron-vite): out/main/index.js, out/preload/index.cjs, out/renderer/. */
const PRELOAD_PATH = path.join(here, '../preload/index.cjs');
const RENDERER_ROOT = path.join(here, '../renderer');

/** The electron-vite dev server, trusted only in an unpackaged run that was given one. */
const devServerUrl = !app.isPackaged && process.env.ELECTRON_RENDERER_URL ? process.env.ELECTRON_RENDERER_URL : undefined;

function log(message: string): void {
  console.warn(`[reisekart] ${message}`);
}
const guardOptions: GuardOptions = { devServerUrl, onBlocked: (what, url) => log(`blocked ${what} ${url}`) };

let mainWindow: BrowserWindow | null = null;

function sendMenuCommand(command: MenuCommand): void {
  mainWindow?.webContents.send(MENU_COMMAND_EVENT, command);
}

function showAbout(): void {
  const options = {
    type: 'info' as const,
    title: 'Om Reisekart',
    message: `Reisekart ${app.getVersion()}`,
    detail: 'Offline verktøy for intervjuer om brukerreiser (metoden «Brukerreisen Kim», Vestfold og Telemark 2021).',
    buttons: ['OK'],
  };
  void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
}

async function openMainWindow(): Promise<BrowserWindow> {
  const stateFile = path.join(app.getPath('userData'), 'window-state.json');
  const saved = await loadWindowState(stateFile);
  const primary = screen.getPrimaryDisplay().workArea;
  const others = screen.getAllDisplays().map((d) => d.workArea).filter((a) => a !== primary);
  const bounds = clampBounds(saved, [primary, ...others]);
  const win = createMainWindow(BrowserWindow, PRELOAD_PATH, bounds);
  if (saved?.maximized) win.maximize();
  win.on('close', () => {
    void saveWindowState(stateFile, { ...win.getNormalBounds(), maximized: win.isMaximized(), fullScreen: false });
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  mainWindow = win;
  await win.loadURL(devServerUrl ?? APP_ENTRY_URL);
  return win;
}

/** (Re)builds the native menu in the UI's language (called at start and on `app:set-locale`). */
function installMenu(locale: Locale): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(
        {
          send: sendMenuCommand,
          toggleFullScreen: () => mainWindow?.setFullScreen(!mainWindow.isFullScreen()),
          showAbout,
          isMac: process.platform === 'darwin',
        },
        locale,
      ),
    ),
  );
}

async function start(): Promise<void> {
  await app.whenReady();
  installSessionGuards(session.defaultSession, guardOptions);
  handleAppScheme(protocol, RENDERER_ROOT);
  registerIpc(
    ipcMain,
    createHandlers({
      dialog,
      windowFor: (event) => BrowserWindow.fromWebContents(event.sender),
      defaultDir: () => app.getPath('documents'),
      backupDir: () => path.join(app.getPath('userData'), 'backups'),
      appName: 'Reisekart',
      version: app.getVersion(),
      platform: process.platform,
      now: () => new Date(),
      setMenuLocale: installMenu,
    }),
    (url) => isTrustedUrl(url, devServerUrl),
    log,
  );
  installMenu('nb');
  await openMainWindow();
  app.on('activate', () => {
    if (!mainWindow) void openMainWindow();
  });
}

// --- before ready -------------------------------------------------------------------------
app.enableSandbox();
registerAppScheme(protocol);
app.on('web-contents-created', (_event, contents) => installWebContentsGuards(contents, guardOptions));
app.on('session-created', (created) => installSessionGuards(created, guardOptions));

const gotLock = app.requestSingleInstanceLock();
/** Resolves when the window is open (or at once when another instance already runs). */
export const ready: Promise<void> = gotLock ? start() : Promise.resolve();
if (!gotLock) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  ready.catch((error: unknown) => {
    log(`startup failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    app.quit();
  });
}
