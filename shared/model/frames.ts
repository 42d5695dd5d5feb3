import type { FrameItem, Segment } from './schema';

export type FrameKind = 'stages' | 'situations' | 'groups' | 'actors';

/** How many segments (or interviews, for groups) use each frame item: an item in use cannot be removed. */
export function frameUsage(kind: FrameKind, segments: readonly Segment[], interviewGroups: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  const add = (id: string | null) => {
    if (id) m.set(id, (m.get(id) ?? 0) + 1);
  };
  if (kind === 'groups') interviewGroups.forEach(add);
  else
    for (const s of segments) {
      if (kind === 'stages') add(s.stageId);
      else if (kind === 'situations') add(s.situationId);
      else s.actorIds.forEach(add);
    }
  return m;
}

/** A new, unique, readable id for a frame item ("vg3", "vg3-2", …). */
export function frameItemId(label: string, taken: readonly string[]): string {
  const base =
    label
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/æ/g, 'ae')
      .replace(/ø/g, 'o')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 30) || 'item';
  if (!taken.includes(base)) return base;
  for (let i = 2; ; i++) if (!taken.includes(`${base}-${i}`)) return `${base}-${i}`;
}

/** Moves item `id` one step up (-1) or down (+1); the timeline's order is the stages' order. */
export function moveFrameItem<T extends FrameItem>(items: readonly T[], id: string, dir: -1 | 1): T[] {
  const i = items.findIndex((x) => x.id === id);
  const j = i + dir;
  if (i < 0 || j < 0 || j >= items.length) return [...items];
  const out = [...items];
  [out[i], out[j]] = [out[j] as T, out[i] as T];
  return out;
}
