/**
 * The transcript's own caret: the workbench keeps the caret and the selection anchor as offsets
 * (a read-only transcript has no native caret), so Shift+arrows select without the mouse.
 */
import type { Block } from './turns';

export interface Caret {
  anchor: number;
  caret: number;
}

const WORD = /[\p{L}\p{N}_-]/u;

export function wordBoundary(text: string, from: number, dir: 1 | -1): number {
  let i = from;
  if (dir > 0) {
    while (i < text.length && !WORD.test(text[i] as string)) i++;
    while (i < text.length && WORD.test(text[i] as string)) i++;
  } else {
    while (i > 0 && !WORD.test(text[i - 1] as string)) i--;
    while (i > 0 && WORD.test(text[i - 1] as string)) i--;
  }
  return i;
}

/** The caret after an arrow/Home/End key; null for other keys. Shift keeps the anchor. */
export function moveCaret(text: string, blocks: readonly Block[], c: Caret, key: string, opts: { shift: boolean; word: boolean }): Caret | null {
  const at = c.caret;
  const bi = blocks.findIndex((b) => at >= b.start && at <= b.end);
  const block = blocks[bi];
  let next: number;
  switch (key) {
    case 'ArrowRight':
      next = opts.word ? wordBoundary(text, at, 1) : Math.min(text.length, at + 1);
      break;
    case 'ArrowLeft':
      next = opts.word ? wordBoundary(text, at, -1) : Math.max(0, at - 1);
      break;
    case 'ArrowDown': {
      const nb = blocks[bi + 1] ?? blocks.find((b) => b.start > at);
      next = nb ? nb.start + Math.min(at - (block?.start ?? at), nb.end - nb.start) : text.length;
      break;
    }
    case 'ArrowUp': {
      const pb = bi > 0 ? blocks[bi - 1] : undefined;
      next = pb ? pb.start + Math.min(at - (block?.start ?? at), pb.end - pb.start) : 0;
      break;
    }
    case 'Home':
      next = block ? block.start : 0;
      break;
    case 'End':
      next = block ? block.end : text.length;
      break;
    default:
      return null;
  }
  return { anchor: opts.shift ? c.anchor : next, caret: next };
}

export function rangeOf(c: Caret): { start: number; end: number } {
  return { start: Math.min(c.anchor, c.caret), end: Math.max(c.anchor, c.caret) };
}
