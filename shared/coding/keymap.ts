/**
 * The workbench's keyboard map, one table for the handler, the on-screen hints and docs/coding.md.
 * Pure: takes a key description (what a KeyboardEvent carries), returns a command or null.
 */

export interface KeyInput {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  shiftKey?: boolean;
  altKey?: boolean;
}

export type CodingCommand =
  | { type: 'select-sentence' }
  | { type: 'extend'; dir: 'backward' | 'forward' }
  | { type: 'stage'; index: number }
  | { type: 'situation'; id: SituationKey }
  | { type: 'valence'; value: 'positive' | 'mixed' | 'negative' }
  | { type: 'toggle-wish' }
  | { type: 'focus-actors' }
  | { type: 'focus-codes' }
  | { type: 'focus-note' }
  | { type: 'save' }
  | { type: 'cancel' }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'next-segment' }
  | { type: 'prev-segment' }
  | { type: 'delete-segment' }
  | { type: 'memo' };

/** The method's three situations, by key: information, choice (valg), help (hjelp). */
export type SituationKey = 'i' | 'v' | 'h';
export const SITUATION_KEYS: readonly SituationKey[] = ['i', 'v', 'h'];

/** Where the key was pressed: the transcript (reading) or the coding panel's own fields. */
export type KeyContext = 'transcript' | 'panel' | 'text-field';

export interface Shortcut {
  keys: string;
  /** Locale key under `coding.keys`. */
  labelKey: string;
}

/** What the help overlay and docs list, in this order. */
export const SHORTCUTS: readonly Shortcut[] = [
  { keys: 'Shift+←/→', labelKey: 'selectChars' },
  { keys: 's', labelKey: 'selectSentence' },
  { keys: '[ / ]', labelKey: 'extend' },
  { keys: '1–6', labelKey: 'stage' },
  { keys: 'i / v / h', labelKey: 'situation' },
  { keys: 'p / o / n', labelKey: 'valence' },
  { keys: 'w', labelKey: 'wish' },
  { keys: 'a', labelKey: 'actors' },
  { keys: 'c', labelKey: 'codes' },
  { keys: 't', labelKey: 'note' },
  { keys: 'Enter', labelKey: 'save' },
  { keys: 'Esc', labelKey: 'cancel' },
  { keys: 'j / k', labelKey: 'nextPrev' },
  { keys: 'Delete', labelKey: 'delete' },
  { keys: 'm', labelKey: 'memo' },
  { keys: 'Ctrl+Z', labelKey: 'undo' },
  { keys: 'Ctrl+Shift+Z / Ctrl+Y', labelKey: 'redo' },
];

/**
 * Map a key press to a command. In a text field only Enter (save), Escape and undo/redo are
 * ours, so typing a name into the actor box never changes the stage.
 */
export function commandFor(e: KeyInput, context: KeyContext, opts: { panelOpen: boolean; stageCount: number }): CodingCommand | null {
  const mod = Boolean(e.ctrlKey || e.metaKey);
  const key = e.key;
  if (mod && !e.altKey) {
    const k = key.toLowerCase();
    if (k === 'z') return e.shiftKey ? { type: 'redo' } : { type: 'undo' };
    if (k === 'y') return { type: 'redo' };
    if (key === 'Enter' && opts.panelOpen) return { type: 'save' };
    return null;
  }
  if (e.altKey) return null;
  if (key === 'Escape') return opts.panelOpen ? { type: 'cancel' } : null;
  if (context === 'text-field') return null;
  if (key === 'Enter') return opts.panelOpen ? { type: 'save' } : null;
  if (key === 's' && context === 'transcript') return { type: 'select-sentence' };
  if (key === '[') return { type: 'extend', dir: 'backward' };
  if (key === ']') return { type: 'extend', dir: 'forward' };
  if (key === 'Delete') return opts.panelOpen ? { type: 'delete-segment' } : null;
  // j/k step through the segments with the panel open too: it opens on the first, and the next
  // j must move on (issue 22: they stopped at the first segment).
  if (key === 'j') return { type: 'next-segment' };
  if (key === 'k') return { type: 'prev-segment' };
  // A memo on the open segment (or the interview): outside text fields, panel open or not.
  if (key === 'm') return { type: 'memo' };
  if (!opts.panelOpen) return null;
  if (/^[1-9]$/.test(key)) {
    const index = Number(key) - 1;
    return index < opts.stageCount ? { type: 'stage', index } : null;
  }
  if ((SITUATION_KEYS as readonly string[]).includes(key)) return { type: 'situation', id: key as SituationKey };
  if (key === 'p') return { type: 'valence', value: 'positive' };
  if (key === 'o') return { type: 'valence', value: 'mixed' };
  if (key === 'n') return { type: 'valence', value: 'negative' };
  if (key === 'w') return { type: 'toggle-wish' };
  if (key === 'a') return { type: 'focus-actors' };
  if (key === 'c') return { type: 'focus-codes' };
  if (key === 't') return { type: 'focus-note' };
  return null;
}

/**
 * The study's situation for a key: by position (1st = information, 2nd = choice, 3rd = help, the
 * method's order), so renamed situations keep their keys.
 */
export function situationForKey<T extends { id: string }>(situations: readonly T[], key: SituationKey): T | undefined {
  return situations[SITUATION_KEYS.indexOf(key)];
}
