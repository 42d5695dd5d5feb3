/**
 * A long transcript as virtualised lines (a 5 MB text is ~25,000 lines; only the visible ones are
 * in the DOM). Each text piece carries `data-from` (its absolute UTF-16 offset), so a DOM
 * selection maps back to offsets in the normalised text without counting characters twice.
 */
import { forwardRef, useImperativeHandle, useMemo, useRef, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

export interface Mark {
  start: number;
  end: number;
  key: string | number;
  render: (text: string, from: number) => ReactNode;
}

export interface LinesHandle {
  scrollToOffset: (offset: number) => void;
  /** The current DOM selection inside the view as [start, end), or null. */
  selectionRange: () => [number, number] | null;
}

/** Start offset of every line. */
export function lineStartsOf(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

/** Index of the line containing `offset` (binary search). */
export function lineAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function offsetOf(node: Node | null, offset: number): number | null {
  if (!node) return null;
  const el = node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element);
  const host = el?.closest<HTMLElement>('[data-from]');
  if (!host) return null;
  const from = Number(host.dataset.from);
  return node.nodeType === Node.TEXT_NODE ? from + offset : from;
}

export const LinesView = forwardRef<LinesHandle, { text: string; marks: readonly Mark[]; label: string; testId?: string }>(function LinesView(
  { text, marks, label, testId },
  ref,
) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const starts = useMemo(() => lineStartsOf(text), [text]);
  const marksByLine = useMemo(() => {
    const out = new Map<number, Mark[]>();
    for (const m of marks) {
      const first = lineAt(starts, m.start);
      const last = lineAt(starts, Math.max(m.start, m.end - 1));
      for (let l = first; l <= last; l++) {
        const list = out.get(l) ?? [];
        list.push(m);
        out.set(l, list);
      }
    }
    return out;
  }, [marks, starts]);
  const virtualizer = useVirtualizer({ count: starts.length, getScrollElement: () => scrollRef.current, estimateSize: () => 26, overscan: 12 });

  useImperativeHandle(ref, () => ({
    scrollToOffset: (offset) => virtualizer.scrollToIndex(lineAt(starts, offset), { align: 'center' }),
    selectionRange: () => {
      const sel = window.getSelection();
      if (!sel || sel.rangeCount === 0 || sel.isCollapsed || !scrollRef.current) return null;
      const range = sel.getRangeAt(0);
      if (!scrollRef.current.contains(range.commonAncestorContainer)) return null;
      const a = offsetOf(range.startContainer, range.startOffset);
      const b = offsetOf(range.endContainer, range.endOffset);
      if (a === null || b === null || a === b) return null;
      return [Math.min(a, b), Math.max(a, b)];
    },
  }));

  function renderLine(index: number): ReactNode {
    const start = starts[index] as number;
    const next = starts[index + 1];
    const end = next === undefined ? text.length : next - 1;
    const list = (marksByLine.get(index) ?? []).slice().sort((x, y) => x.start - y.start);
    const out: ReactNode[] = [];
    let at = start;
    for (const m of list) {
      const s = Math.max(m.start, start);
      const e = Math.min(m.end, end);
      if (s < at || e <= s) continue;
      if (s > at) out.push(<span key={`t${at}`} data-from={at}>{text.slice(at, s)}</span>);
      out.push(<span key={`m${m.key}-${s}`}>{m.render(text.slice(s, e), s)}</span>);
      at = e;
    }
    if (end > at) out.push(<span key={`t${at}`} data-from={at}>{text.slice(at, end)}</span>);
    if (out.length === 0) out.push(<span key="empty" data-from={start}>{'\u200b'}</span>);
    return out;
  }

  return (
    <div ref={scrollRef} className="tx-lines" role="document" aria-label={label} data-testid={testId} tabIndex={-1}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((v) => (
          <div
            key={v.key}
            data-index={v.index}
            ref={virtualizer.measureElement}
            className="tx-line"
            style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${v.start}px)` }}
          >
            {renderLine(v.index)}
          </div>
        ))}
      </div>
    </div>
  );
});
