/**
 * Codebook operations as pure functions over codes and segments. Each returns the records to put
 * and delete, so the store can apply them in one transaction (segments follow a merge or a delete).
 */
import type { Code, Segment } from '../model/schema';

export interface CodebookChange {
  putCodes: Code[];
  deleteCodes: string[];
  putSegments: Segment[];
  /** A deleted code whose segments went to another (merge, delete with reassignment): id → target. */
  mergedInto?: Record<string, string>;
}

export interface CodeNode {
  code: Code;
  depth: number;
  children: CodeNode[];
}

const byOrder = (a: Code, b: Code): number => a.order - b.order || a.name.localeCompare(b.name, 'nb');

/** The codes as a tree, siblings by `order` then name; codes whose parent is missing are roots. */
export function codeTree(codes: readonly Code[]): CodeNode[] {
  const ids = new Set(codes.map((c) => c.id));
  const children = new Map<string | null, Code[]>();
  for (const c of codes) {
    const p = c.parentId !== null && ids.has(c.parentId) && c.parentId !== c.id ? c.parentId : null;
    const list = children.get(p) ?? [];
    list.push(c);
    children.set(p, list);
  }
  const seen = new Set<string>();
  const build = (parent: string | null, depth: number): CodeNode[] =>
    (children.get(parent) ?? [])
      .sort(byOrder)
      .filter((c) => !seen.has(c.id) && (seen.add(c.id), true))
      .map((c) => ({ code: c, depth, children: build(c.id, depth + 1) }));
  return build(null, 0);
}

/** Depth-first order: what a list view shows. */
export function flattenTree(nodes: readonly CodeNode[]): CodeNode[] {
  const out: CodeNode[] = [];
  const walk = (ns: readonly CodeNode[]): void => {
    for (const n of ns) {
      out.push(n);
      walk(n.children);
    }
  };
  walk(nodes);
  return out;
}

/** The id and every descendant id of `id`. */
export function subtreeIds(codes: readonly Code[], id: string): Set<string> {
  const out = new Set<string>([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of codes) {
      if (c.parentId !== null && out.has(c.parentId) && !out.has(c.id)) {
        out.add(c.id);
        grew = true;
      }
    }
  }
  return out;
}

/**
 * Move a code under `parentId` (null = top level) at position `index` among its new siblings;
 * siblings are renumbered 0…n−1. Refused (null) when the new parent is the code or inside its subtree.
 */
export function moveCode(codes: readonly Code[], id: string, parentId: string | null, index: number): Code[] | null {
  const code = codes.find((c) => c.id === id);
  if (!code) return null;
  if (parentId !== null && subtreeIds(codes, id).has(parentId)) return null;
  const siblings = codes.filter((c) => c.parentId === parentId && c.id !== id).sort(byOrder);
  const at = Math.max(0, Math.min(index, siblings.length));
  siblings.splice(at, 0, { ...code, parentId });
  const changed: Code[] = [];
  siblings.forEach((c, i) => {
    const before = codes.find((x) => x.id === c.id);
    if (!before || before.order !== i || before.parentId !== c.parentId) changed.push({ ...c, order: i });
  });
  return changed;
}

function replaceInSegments(segments: readonly Segment[], from: string, to: string | null, now: string): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    if (!s.codeIds.includes(from)) continue;
    const ids = s.codeIds.filter((c) => c !== from);
    if (to !== null && !ids.includes(to)) ids.push(to);
    out.push({ ...s, codeIds: ids, updatedAt: now });
  }
  return out;
}

/**
 * Merge `fromId` into `intoId`: every segment with `fromId` gets `intoId` instead (no duplicates),
 * the children of `fromId` move under `intoId`, and `fromId` is deleted.
 */
export function mergeCodes(codes: readonly Code[], segments: readonly Segment[], fromId: string, intoId: string, now: string): CodebookChange | null {
  if (fromId === intoId) return null;
  const from = codes.find((c) => c.id === fromId);
  const into = codes.find((c) => c.id === intoId);
  if (!from || !into) return null;
  // Merging a parent into its own descendant would orphan the target's ancestry; refuse.
  if (subtreeIds(codes, fromId).has(intoId)) return null;
  const putCodes = codes.filter((c) => c.parentId === fromId).map((c) => ({ ...c, parentId: intoId }));
  return { putCodes, deleteCodes: [fromId], putSegments: replaceInSegments(segments, fromId, intoId, now), mergedInto: { [fromId]: intoId } };
}

/**
 * Delete a code; its segments get `reassignTo` instead (null = the code is just removed from them).
 * Children move up to the deleted code's parent.
 */
export function deleteCodeWithReassign(codes: readonly Code[], segments: readonly Segment[], id: string, reassignTo: string | null, now: string): CodebookChange | null {
  const code = codes.find((c) => c.id === id);
  if (!code || reassignTo === id) return null;
  if (reassignTo !== null && !codes.some((c) => c.id === reassignTo)) return null;
  const putCodes = codes.filter((c) => c.parentId === id).map((c) => ({ ...c, parentId: code.parentId }));
  return { putCodes, deleteCodes: [id], putSegments: replaceInSegments(segments, id, reassignTo, now), ...(reassignTo !== null ? { mergedInto: { [id]: reassignTo } } : {}) };
}

/** Segments and distinct informants per code (direct use, not rolled up). */
export function codeCounts(segments: readonly Segment[]): Map<string, { segments: number; informants: number }> {
  const seg = new Map<string, number>();
  const inf = new Map<string, Set<string>>();
  for (const s of segments) {
    for (const id of s.codeIds) {
      seg.set(id, (seg.get(id) ?? 0) + 1);
      const set = inf.get(id) ?? new Set<string>();
      set.add(`${s.interviewId}:${s.participantId}`);
      inf.set(id, set);
    }
  }
  const out = new Map<string, { segments: number; informants: number }>();
  for (const [id, n] of seg) out.set(id, { segments: n, informants: inf.get(id)?.size ?? 0 });
  return out;
}

/** Okabe–Ito plus a few more, for new codes: distinct and colour-blind friendly first. */
export const CODE_PALETTE = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#000000', '#7f3c8d', '#11a579'];

export function nextColor(codes: readonly Code[]): string {
  const used = new Set(codes.map((c) => c.color.toLowerCase()));
  return CODE_PALETTE.find((c) => !used.has(c)) ?? CODE_PALETTE[codes.length % CODE_PALETTE.length] ?? '#0072b2';
}

/**
 * The change that undoes `change`, given the codebook and segments as they were before it:
 * every code it changed or deleted comes back as it was, codes it created go, and every segment
 * it rewrote gets its old code list back. Merge and delete are destructive; this makes them undoable.
 */
export function invertCodebookChange(change: CodebookChange, codesBefore: readonly Code[], segmentsBefore: readonly Segment[]): CodebookChange {
  const codeById = new Map(codesBefore.map((c) => [c.id, c]));
  const segById = new Map(segmentsBefore.map((s) => [s.id, s]));
  const putCodes: Code[] = [];
  const deleteCodes: string[] = [];
  for (const c of change.putCodes) {
    const old = codeById.get(c.id);
    if (old) putCodes.push(old);
    else deleteCodes.push(c.id);
  }
  for (const id of change.deleteCodes) {
    const old = codeById.get(id);
    if (old) putCodes.push(old);
  }
  const putSegments = change.putSegments.map((s) => segById.get(s.id)).filter((s): s is Segment => s !== undefined);
  return { putCodes, deleteCodes, putSegments };
}
