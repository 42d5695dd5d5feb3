import { useEffect } from 'react';
import type { MenuCommand } from '../../shared/bridge';
import { platform } from '../platform';
import { navigate, type Route } from './router';
import { setLang } from './i18n';

export type CommandAction = { kind: 'navigate'; route: Route } | { kind: 'lang'; lang: 'nb' | 'nn' | 'en' } | { kind: 'none' };

/** What a native menu command (or its keyboard shortcut in the browser) does, given where the user is. Pure. */
export function commandAction(command: MenuCommand, studyId: string | null): CommandAction {
  switch (command) {
    case 'new-study':
      return { kind: 'navigate', route: { name: 'home' } };
    case 'locale-nb':
      return { kind: 'lang', lang: 'nb' };
    case 'locale-nn':
      return { kind: 'lang', lang: 'nn' };
    case 'locale-en':
      return { kind: 'lang', lang: 'en' };
    case 'open-project':
    case 'import':
    case 'export':
      return studyId ? { kind: 'navigate', route: { name: 'study', studyId, view: 'exchange' } } : { kind: 'navigate', route: { name: 'home' } };
    case 'report':
      return studyId ? { kind: 'navigate', route: { name: 'study', studyId, view: 'report' } } : { kind: 'none' };
    case 'toggle-presentation':
      return studyId ? { kind: 'navigate', route: { name: 'study', studyId, view: 'present' } } : { kind: 'none' };
  }
}

/**
 * Keyboard shortcuts for the browser build. The desktop menu uses Ctrl+N/O/I/E/P and F11; a browser
 * reserves those (new window, open, print, full screen), so here they take Shift as well
 * (Ctrl+Shift+N/O/I/E/P, Ctrl+Shift+F for presentation). In Electron the menu owns them, so they are not bound twice.
 */
export function shortcutCommand(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): MenuCommand | null {
  const mod = e.ctrlKey || e.metaKey;
  if (!mod || e.altKey) return null;
  const k = e.key.toLowerCase();
  if (k === 'f' && e.shiftKey) return 'toggle-presentation';
  if (k === 'n' && e.shiftKey) return 'new-study';
  if (k === 'o' && e.shiftKey) return 'open-project';
  if (k === 'i' && e.shiftKey) return 'import';
  if (k === 'e' && e.shiftKey) return 'export';
  if (k === 'p' && e.shiftKey) return 'report';
  return null;
}

function run(a: CommandAction): void {
  if (a.kind === 'navigate') navigate(a.route);
  else if (a.kind === 'lang') setLang(a.lang);
}

export function useCommands(studyId: string | null): void {
  useEffect(() => {
    const off = platform.onMenuCommand((c) => run(commandAction(c, studyId)));
    const onKey = (e: KeyboardEvent) => {
      if (platform.kind === 'electron') return;
      const target = e.target as HTMLElement | null;
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      const c = shortcutCommand(e);
      if (!c) return;
      e.preventDefault();
      run(commandAction(c, studyId));
    };
    window.addEventListener('keydown', onKey);
    return () => {
      off();
      window.removeEventListener('keydown', onKey);
    };
  }, [studyId]);
}
