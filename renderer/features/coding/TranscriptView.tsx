import { forwardRef, memo, useImperativeHandle, useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { piecesOf, type Block, type Span } from '../../../shared/coding';

export interface TranscriptHandle {
  scrollToOffset: (offset: number) => void;
  focus: () => void;
}

export interface SpanStyle {
  color: string;
  lost: boolean;
}

const BAR = 4; // px per lane

/** Offset in the transcript of a DOM (node, offset) pair inside a rendered piece. */
function domOffset(node: Node | null, offset: number): number | null {
  if (!node) return null;
  const el = node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element);
  const piece = el?.closest<HTMLElement>('[data-o]');
  if (piece) {
    const base = Number(piece.dataset.o);
    if (node.nodeType === Node.TEXT_NODE) return base + offset;
    return offset > 0 ? base + (piece.textContent?.length ?? 0) : base;
  }
  const block = el?.closest<HTMLElement>('[data-bs]');
  if (block) return offset > 0 ? Number(block.dataset.be) : Number(block.dataset.bs);
  return null;
}

const BlockView = memo(function BlockView({ text, block, spans, lanes, styles, selStart, selEnd, caret, focused }: {
  text: string;
  block: Block;
  spans: readonly Span[];
  lanes: ReadonlyMap<string, number>;
  styles: ReadonlyMap<string, SpanStyle>;
  selStart: number;
  selEnd: number;
  caret: number;
  focused: boolean;
}) {
  const pieces = piecesOf(block.start, block.end, spans, lanes, [selStart, selEnd, caret]);
  return (
    <p className="t-block" data-bs={block.start} data-be={block.end} data-participant={block.participantId ?? ''}>
      {pieces.map((p) => {
        const inSel = p.start >= selStart && p.end <= selEnd && selEnd > selStart;
        const bars = p.ids.map((id) => ({ lane: lanes.get(id) ?? 0, style: styles.get(id) }));
        const depth = bars.reduce((m, b) => Math.max(m, b.lane + 1), 0);
        const bg = bars.map((b) => `linear-gradient(${b.style?.color ?? '#999'}, ${b.style?.color ?? '#999'})`).join(', ');
        const pos = bars.map((b) => `0 calc(100% - ${b.lane * BAR}px)`).join(', ');
        const size = bars.map(() => `100% ${BAR - 1}px`).join(', ');
        const showCaret = focused && p.start === caret;
        return (
          <span
            key={p.start}
            data-o={p.start}
            className={`${inSel ? 'sel' : ''}${showCaret ? ' caret' : ''}${p.ids.length ? ' coded' : ''}`}
            data-segments={p.ids.length ? p.ids.join(' ') : undefined}
            style={depth ? { backgroundImage: bg, backgroundPosition: pos, backgroundSize: size, backgroundRepeat: 'no-repeat', paddingBottom: depth * BAR } : undefined}
          >
            {text.slice(p.start, p.end)}
          </span>
        );
      })}
      {focused && caret === block.end ? <span className="caret-end" aria-hidden="true" /> : null}
    </p>
  );
});

/**
 * The transcript, one paragraph per turn, virtualised (a 20,000-word interview is a few hundred
 * blocks; only those on screen are in the DOM). Segments are stacked underline bars, one lane per
 * overlap depth, coloured by their first code (or valence).
 */
export const TranscriptView = forwardRef<TranscriptHandle, {
  text: string;
  blocks: readonly Block[];
  spans: readonly Span[];
  lanes: ReadonlyMap<string, number>;
  styles: ReadonlyMap<string, SpanStyle>;
  selection: { start: number; end: number };
  caret: number;
  focused: boolean;
  label: string;
  describedBy: string;
  onMouseSelect: (anchor: number, caret: number) => void;
  onFocusChange: (focused: boolean) => void;
}>(function TranscriptView(props, ref) {
  const { text, blocks, spans, lanes, styles, selection, caret, focused, label, describedBy, onMouseSelect, onFocusChange } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: blocks.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 72,
    overscan: 6,
  });
  const spansByBlock = useMemo(() => {
    const out = new Map<number, Span[]>();
    for (const b of blocks) out.set(b.index, spans.filter((s) => s.end > b.start && s.start < b.end));
    return out;
  }, [blocks, spans]);

  useImperativeHandle(ref, () => ({
    scrollToOffset: (offset: number) => {
      const i = blocks.findIndex((b) => offset >= b.start && offset <= b.end);
      if (i >= 0) virtualizer.scrollToIndex(i, { align: 'auto' });
    },
    focus: () => scrollRef.current?.focus(),
  }));

  const items = virtualizer.getVirtualItems();
  return (
    <div
      ref={scrollRef}
      className="transcript"
      tabIndex={0}
      role="region"
      aria-label={label}
      aria-describedby={describedBy}
      data-testid="transcript"
      onFocus={() => onFocusChange(true)}
      onBlur={() => onFocusChange(false)}
      onMouseUp={() => {
        const sel = window.getSelection();
        if (!sel || sel.rangeCount === 0) return;
        const a = domOffset(sel.anchorNode, sel.anchorOffset);
        const f = domOffset(sel.focusNode, sel.focusOffset);
        if (a === null || f === null) return;
        onMouseSelect(a, f);
        scrollRef.current?.focus({ preventScroll: true });
      }}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((vi) => {
          const block = blocks[vi.index] as Block;
          const sel = selection.end > block.start && selection.start < block.end;
          const caretHere = caret >= block.start && caret <= block.end;
          return (
            <div key={vi.key} data-index={vi.index} ref={virtualizer.measureElement} style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${vi.start}px)` }}>
              <BlockView
                text={text}
                block={block}
                spans={spansByBlock.get(block.index) ?? []}
                lanes={lanes}
                styles={styles}
                selStart={sel ? selection.start : -1}
                selEnd={sel ? selection.end : -1}
                caret={caretHere ? caret : -1}
                focused={focused && caretHere}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
});
