import type { Code, FrameItem } from '../model';

/** `Parent/Child` path of every code, by id. A cycle or a missing parent ends the path there. */
export function codePaths(codes: readonly Code[]): Map<string, string> {
  const byId = new Map(codes.map((c) => [c.id, c]));
  const out = new Map<string, string>();
  for (const c of codes) {
    const names: string[] = [];
    const seen = new Set<string>();
    let cur: Code | undefined = c;
    while (cur && !seen.has(cur.id)) {
      seen.add(cur.id);
      names.unshift(cur.name);
      cur = cur.parentId === null ? undefined : byId.get(cur.parentId);
    }
    out.set(c.id, names.join('/'));
  }
  return out;
}

export function frameLabel(items: readonly FrameItem[], id: string): string {
  return items.find((i) => i.id === id)?.label ?? id;
}

/** Finds a frame item by id, label or short label (case-insensitive, trimmed). */
export function findFrame<T extends FrameItem>(items: readonly T[], raw: string): T | undefined {
  const s = raw.trim().toLowerCase();
  return (
    items.find((i) => i.label.trim().toLowerCase() === s) ??
    items.find((i) => i.id.toLowerCase() === s) ??
    items.find((i) => i.short !== undefined && i.short.trim().toLowerCase() === s)
  );
}
