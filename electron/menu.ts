/**
 * The native menu (Norwegian bokmål, like the UI's default). Items that belong to the app send
 * a typed `menu:command` to the renderer; editing and zoom use Electron's built-in roles.
 * The template is a pure function so it can be read and tested without Electron.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/bridge';

export interface MenuActions {
  send: (command: MenuCommand) => void;
  toggleFullScreen: () => void;
  showAbout: () => void;
  isMac: boolean;
}

export function menuTemplate(actions: MenuActions): MenuItemConstructorOptions[] {
  const cmd = (label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => actions.send(command),
  });
  return [
    {
      label: 'Fil',
      submenu: [
        cmd('Ny studie', 'new-study', 'CmdOrCtrl+N'),
        cmd('Åpne prosjektfil…', 'open-project', 'CmdOrCtrl+O'),
        { type: 'separator' },
        cmd('Importer…', 'import', 'CmdOrCtrl+I'),
        cmd('Eksporter…', 'export', 'CmdOrCtrl+E'),
        cmd('Rapport…', 'report', 'CmdOrCtrl+P'),
        { type: 'separator' },
        { label: 'Avslutt', role: 'quit', accelerator: actions.isMac ? 'Cmd+Q' : 'Ctrl+Q' },
      ],
    },
    {
      label: 'Rediger',
      submenu: [
        { label: 'Angre', role: 'undo' },
        { label: 'Gjør om', role: 'redo' },
        { type: 'separator' },
        { label: 'Klipp ut', role: 'cut' },
        { label: 'Kopier', role: 'copy' },
        { label: 'Lim inn', role: 'paste' },
        { label: 'Merk alt', role: 'selectAll' },
      ],
    },
    {
      label: 'Vis',
      submenu: [
        {
          label: 'Presentasjonsmodus',
          accelerator: 'F11',
          click: () => {
            actions.toggleFullScreen();
            actions.send('toggle-presentation');
          },
        },
        {
          label: 'Språk',
          submenu: [
            { label: 'Bokmål', type: 'radio', checked: true, click: () => actions.send('locale-nb') },
            { label: 'Nynorsk', type: 'radio', click: () => actions.send('locale-nn') },
            { label: 'English', type: 'radio', click: () => actions.send('locale-en') },
          ],
        },
        { type: 'separator' },
        { label: 'Zoom inn', role: 'zoomIn' },
        { label: 'Zoom ut', role: 'zoomOut' },
        { label: 'Faktisk størrelse', role: 'resetZoom' },
      ],
    },
    {
      label: 'Hjelp',
      submenu: [{ label: 'Om Reisekart', click: () => actions.showAbout() }],
    },
  ];
}
