/**
 * Window bounds remembered between runs in `<userData>/window-state.json`. The file is parsed
 * (never trusted: a hand-edited or truncated file gives the defaults), and the bounds are
 * clamped to a display that exists now — a window saved on a detached monitor would otherwise
 * open off-screen.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from './files';

export interface Rect { x: number; y: number; width: number; height: number }

export const WindowState = z.object({
  x: z.number().int().min(-100_000).max(100_000),
  y: z.number().int().min(-100_000).max(100_000),
  width: z.number().int().min(1).max(100_000),
  height: z.number().int().min(1).max(100_000),
  maximized: z.boolean().default(false),
  fullScreen: z.boolean().default(false),
});
export type WindowState = z.infer<typeof WindowState>;

export const MIN_SIZE = { width: 800, height: 600 } as const;
export const DEFAULT_SIZE = { width: 1280, height: 820 } as const;

/** Text of the state file → state, or null when absent, not JSON, or out of range. */
export function parseWindowState(text: string | null | undefined): WindowState | null {
  if (!text) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = WindowState.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function centred(area: Rect, width: number, height: number): Rect {
  return { x: Math.round(area.x + (area.width - width) / 2), y: Math.round(area.y + (area.height - height) / 2), width, height };
}

/**
 * Fit saved bounds onto the displays' work areas: size at least MIN_SIZE and at most the work
 * area; kept where it was if it overlaps a display, otherwise centred on the primary (first).
 * Without saved bounds: DEFAULT_SIZE centred on the primary display.
 */
export function clampBounds(saved: Rect | null, workAreas: readonly Rect[]): Rect {
  const primary = workAreas[0] ?? { x: 0, y: 0, width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height };
  if (!saved) {
    return centred(primary, Math.min(DEFAULT_SIZE.width, primary.width), Math.min(DEFAULT_SIZE.height, primary.height));
  }
  // The display showing most of the window, or none.
  let best: Rect | undefined;
  let bestArea = 0;
  for (const area of workAreas) {
    const a = overlapArea(saved, area);
    if (a > bestArea) {
      best = area;
      bestArea = a;
    }
  }
  const area = best ?? primary;
  const width = Math.min(Math.max(saved.width, MIN_SIZE.width), area.width);
  const height = Math.min(Math.max(saved.height, MIN_SIZE.height), area.height);
  if (!best) return centred(area, width, height);
  // Pull the window fully inside the work area it is mostly on.
  const x = Math.min(Math.max(saved.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(saved.y, area.y), area.y + area.height - height);
  return { x, y, width, height };
}

export async function loadWindowState(file: string): Promise<WindowState | null> {
  const text = await readFile(file, 'utf8').catch(() => null);
  return parseWindowState(text);
}

export async function saveWindowState(file: string, state: WindowState): Promise<void> {
  await writeFileAtomic(file, new TextEncoder().encode(JSON.stringify(state)));
}
