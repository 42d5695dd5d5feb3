/**
 * The native menu, in the UI's language (shared/locales/<lang>/menu.json; the renderer tells the
 * main process when the language changes, over `app:set-locale`). Items that belong to the app send
 * a typed `menu:command` to the renderer; editing and zoom use Electron's built-in roles.
 * The template is a pure function so it can be read and tested without Electron.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { Locale, MenuCommand } from '../shared/bridge';
import nb from '../shared/locales/nb/menu.json';
import nn from '../shared/locales/nn/menu.json';
import en from '../shared/locales/en/menu.json';

export type MenuLabels = (typeof nb)['menu'];
export const MENU_LABELS: Record<Locale, MenuLabels> = { nb: nb.menu, nn: nn.menu, en: en.menu };

export interface MenuActions {
  send: (command: MenuCommand) => void;
  toggleFullScreen: () => void;
  showAbout: () => void;
  isMac: boolean;
}

export function menuTemplate(actions: MenuActions, locale: Locale = 'nb'): MenuItemConstructorOptions[] {
  const L = MENU_LABELS[locale];
  const cmd = (label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => actions.send(command),
  });
  return [
    {
      label: L.file,
      submenu: [
        cmd(L.newStudy, 'new-study', 'CmdOrCtrl+N'),
        cmd(L.openProject, 'open-project', 'CmdOrCtrl+O'),
        { type: 'separator' },
        cmd(L.import, 'import', 'CmdOrCtrl+I'),
        cmd(L.export, 'export', 'CmdOrCtrl+E'),
        cmd(L.report, 'report', 'CmdOrCtrl+P'),
        { type: 'separator' },
        { label: L.quit, role: 'quit', accelerator: actions.isMac ? 'Cmd+Q' : 'Ctrl+Q' },
      ],
    },
    {
      label: L.edit,
      submenu: [
        { label: L.undo, role: 'undo' },
        { label: L.redo, role: 'redo' },
        { type: 'separator' },
        { label: L.cut, role: 'cut' },
        { label: L.copy, role: 'copy' },
        { label: L.paste, role: 'paste' },
        { label: L.selectAll, role: 'selectAll' },
      ],
    },
    {
      label: L.view,
      submenu: [
        {
          label: L.presentation,
          accelerator: 'F11',
          click: () => {
            actions.toggleFullScreen();
            actions.send('toggle-presentation');
          },
        },
        {
          label: L.language,
          submenu: [
            { label: 'Bokmål', type: 'radio', checked: locale === 'nb', click: () => actions.send('locale-nb') },
            { label: 'Nynorsk', type: 'radio', checked: locale === 'nn', click: () => actions.send('locale-nn') },
            { label: 'English', type: 'radio', checked: locale === 'en', click: () => actions.send('locale-en') },
          ],
        },
        { type: 'separator' },
        { label: L.zoomIn, role: 'zoomIn' },
        { label: L.zoomOut, role: 'zoomOut' },
        { label: L.resetZoom, role: 'resetZoom' },
      ],
    },
    {
      label: L.help,
      submenu: [{ label: L.about, click: () => actions.showAbout() }],
    },
  ];
}
