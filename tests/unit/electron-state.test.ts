import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MENU_COMMANDS, type MenuCommand } from '../../shared/bridge';
import { menuTemplate } from '../../electron/menu';
import { DEFAULT_SIZE, MIN_SIZE, clampBounds, loadWindowState, parseWindowState, saveWindowState } from '../../electron/state';
import { mainWindowOptions, secureWebPreferences } from '../../electron/window';

const screen = { x: 0, y: 0, width: 1920, height: 1040 };
const right = { x: 1920, y: 0, width: 1280, height: 1000 };

describe('parseWindowState', () => {
  it('accepts a valid state and fills defaults', () => {
    expect(parseWindowState('{"x":10,"y":20,"width":1000,"height":700}')).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: false, fullScreen: false });
  });
  it.each([
    null,
    '',
    'not json',
    '{"x":10}',
    '{"x":"10","y":20,"width":1000,"height":700}',
    '{"x":1e9,"y":20,"width":1000,"height":700}',
    '{"x":1.5,"y":20,"width":1000,"height":700}',
    '{"x":0,"y":0,"width":0,"height":700}',
    '{"x":0,"y":0,"width":-5,"height":700}',
    '[1,2,3]',
    '{"x":0,"y":0,"width":800,"height":600,"maximized":"yes"}',
  ])('gives null for %j', (text) => {
    expect(parseWindowState(text)).toBeNull();
  });
});

describe('clampBounds', () => {
  it('centres the default size when nothing is saved', () => {
    expect(clampBounds(null, [screen])).toEqual({ x: 320, y: 110, width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height });
    expect(clampBounds(null, [{ x: 0, y: 0, width: 1024, height: 700 }])).toEqual({ x: 0, y: 0, width: 1024, height: 700 });
  });
  it('keeps a window that fits where it was', () => {
    expect(clampBounds({ x: 100, y: 50, width: 1000, height: 700 }, [screen])).toEqual({ x: 100, y: 50, width: 1000, height: 700 });
    expect(clampBounds({ x: 2000, y: 10, width: 900, height: 700 }, [screen, right])).toEqual({ x: 2000, y: 10, width: 900, height: 700 });
  });
  it('centres a window saved on a monitor that is gone', () => {
    expect(clampBounds({ x: 5000, y: 3000, width: 1000, height: 700 }, [screen])).toEqual({ x: 460, y: 170, width: 1000, height: 700 });
  });
  it('pulls a half off-screen window inside, enforces min size and max size', () => {
    expect(clampBounds({ x: 1500, y: 900, width: 1000, height: 700 }, [screen])).toEqual({ x: 920, y: 340, width: 1000, height: 700 });
    expect(clampBounds({ x: 10, y: 10, width: 100, height: 100 }, [screen])).toEqual({ x: 10, y: 10, ...MIN_SIZE });
    expect(clampBounds({ x: 0, y: 0, width: 5000, height: 5000 }, [screen])).toEqual(screen);
  });
});

describe('window state file', () => {
  it('round-trips and survives a corrupt file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'reisekart-state-'));
    try {
      const file = path.join(dir, 'window-state.json');
      expect(await loadWindowState(file)).toBeNull();
      const state = { x: 1, y: 2, width: 900, height: 650, maximized: true, fullScreen: false };
      await saveWindowState(file, state);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(state);
      expect(await loadWindowState(file)).toEqual(state);
      writeFileSync(file, '{"x":');
      expect(await loadWindowState(file)).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('window options', () => {
  it('always uses the secure web preferences', () => {
    const prefs = mainWindowOptions('/p/index.cjs', screen).webPreferences;
    expect(prefs).toEqual(secureWebPreferences('/p/index.cjs'));
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, webSecurity: true, spellcheck: false, allowRunningInsecureContent: false, preload: '/p/index.cjs' });
  });
});

describe('menuTemplate', () => {
  type Item = { label?: string; role?: string; accelerator?: string; click?: () => void; submenu?: Item[] };
  function setup() {
    const sent: MenuCommand[] = [];
    let fullScreen = 0;
    let about = 0;
    const template = menuTemplate({ send: (c) => sent.push(c), toggleFullScreen: () => (fullScreen += 1), showAbout: () => (about += 1), isMac: false }) as Item[];
    const find = (...labels: string[]): Item => {
      let items: Item[] | undefined = template;
      let found: Item | undefined;
      for (const label of labels) {
        found = items?.find((i) => i.label === label);
        items = found?.submenu;
      }
      if (!found) throw new Error(`no menu item ${labels.join(' > ')}`);
      return found;
    };
    return { template, find, sent, counts: () => ({ fullScreen, about }) };
  }

  it('has the Norwegian top menus in order', () => {
    expect(setup().template.map((m) => m.label)).toEqual(['Fil', 'Rediger', 'Vis', 'Hjelp']);
  });

  it('follows the UI language (nn, en), with the chosen language checked', () => {
    const noop = { send: () => undefined, toggleFullScreen: () => undefined, showAbout: () => undefined, isMac: false };
    const en = menuTemplate(noop, 'en') as Item[];
    expect(en.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help']);
    expect(en[0]?.submenu?.map((i) => i.label).filter(Boolean)).toEqual(['New study', 'Open project file…', 'Import…', 'Export…', 'Report…', 'Quit']);
    const nn = menuTemplate(noop, 'nn') as (Item & { checked?: boolean })[];
    const lang = nn[2]?.submenu?.find((i) => i.label === 'Språk')?.submenu as (Item & { checked?: boolean })[];
    expect(lang.map((i) => [i.label, i.checked])).toEqual([['Bokmål', false], ['Nynorsk', true], ['English', false]]);
    expect(nn[0]?.submenu?.[1]?.label).toBe('Opne prosjektfil…');
  });

  it('Fil items send typed commands; Avslutt quits', () => {
    const { find, sent } = setup();
    for (const label of ['Ny studie', 'Åpne prosjektfil…', 'Importer…', 'Eksporter…', 'Rapport…']) find('Fil', label).click?.();
    expect(sent).toEqual(['new-study', 'open-project', 'import', 'export', 'report']);
    expect(find('Fil', 'Avslutt').role).toBe('quit');
  });

  it('Rediger uses the built-in roles', () => {
    const roles = setup().find('Rediger').submenu?.filter((i) => i.role).map((i) => i.role);
    expect(roles).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
  });

  it('Vis: presentation on F11, language and zoom', () => {
    const { find, sent, counts } = setup();
    const presentation = find('Vis', 'Presentasjonsmodus');
    expect(presentation.accelerator).toBe('F11');
    presentation.click?.();
    expect(counts().fullScreen).toBe(1);
    for (const label of ['Bokmål', 'Nynorsk', 'English']) find('Vis', 'Språk', label).click?.();
    expect(sent).toEqual(['toggle-presentation', 'locale-nb', 'locale-nn', 'locale-en']);
    expect(find('Vis').submenu?.filter((i) => i.role).map((i) => i.role)).toEqual(['zoomIn', 'zoomOut', 'resetZoom']);
    for (const c of sent) expect(MENU_COMMANDS).toContain(c);
  });

  it('Hjelp > Om Reisekart shows the about box', () => {
    const { find, counts } = setup();
    find('Hjelp', 'Om Reisekart').click?.();
    expect(counts().about).toBe(1);
  });
});
