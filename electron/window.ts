/**
 * The one application window. Its web preferences are the secure ones everywhere — dev, test
 * and production alike (checklist items 2, 3, 4, 6, 12).
 */
import type { BrowserWindow, BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import type { Rect } from './state';

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
  };
}

export function mainWindowOptions(preloadPath: string, bounds: Rect): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    minWidth: 800,
    minHeight: 600,
    title: 'Reisekart',
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: false,
    webPreferences: secureWebPreferences(preloadPath),
  };
}

type BrowserWindowCtor = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

export function createMainWindow(Ctor: BrowserWindowCtor, preloadPath: string, bounds: Rect): BrowserWindow {
  const win = new Ctor(mainWindowOptions(preloadPath, bounds));
  // Show when painted, not before: avoids a white flash.
  win.once('ready-to-show', () => win.show());
  return win;
}
