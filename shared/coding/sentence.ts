/**
 * Sentence selection for the keyboard: `s` selects the sentence at the caret, `[` / `]` extend
 * the selection by one sentence backwards / forwards. A sentence ends after . ! ? … (and any
 * closing quotes or brackets) followed by white space, or at a line break; speaker turns are
 * lines in our transcripts, so a sentence never crosses a turn.
 */

const SPEAKER_LABEL = /^(P\d{1,3}|I|Intervjuer|Interviewer)\s*:\s*/;
const END = /[.!?…]+["'»”)\]]*(?=\s|$)|\n/g;

/** Sentence boundaries of `text` as [start, end) spans with surrounding white space trimmed. */
export function sentenceSpans(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let from = 0;
  END.lastIndex = 0;
  let m: RegExpExecArray | null;
  const push = (a: number, b: number): void => {
    let s = a;
    let e = b;
    while (s < e && /\s/.test(text[s] as string)) s++;
    // A speaker label ("P2:", "Intervjuer:") at the start of a line is not part of what was said.
    if (s === 0 || text[s - 1] === '\n') {
      const label = SPEAKER_LABEL.exec(text.slice(s, Math.min(e, s + 24)));
      if (label) s += label[0].length;
    }
    while (e > s && /\s/.test(text[e - 1] as string)) e--;
    if (e > s) out.push({ start: s, end: e });
  };
  while ((m = END.exec(text)) !== null) {
    const end = m[0] === '\n' ? m.index : m.index + m[0].length;
    push(from, end);
    from = m.index + m[0].length;
    if (m[0].length === 0) END.lastIndex++;
  }
  push(from, text.length);
  return out;
}

/** Index of the sentence containing `offset` (or the next one after it; the last one at the end). */
export function sentenceIndexAt(spans: readonly { start: number; end: number }[], offset: number): number {
  if (spans.length === 0) return -1;
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i] as { start: number; end: number };
    if (offset < s.end || (offset === s.end && offset > s.start)) return i;
  }
  return spans.length - 1;
}

export function sentenceAt(text: string, offset: number): { start: number; end: number } | null {
  const spans = sentenceSpans(text);
  const i = sentenceIndexAt(spans, offset);
  return i >= 0 ? (spans[i] ?? null) : null;
}

/** Grow a selection by one sentence: 'forward' takes in the next sentence, 'backward' the previous one. */
export function extendBySentence(text: string, sel: { start: number; end: number }, dir: 'forward' | 'backward'): { start: number; end: number } {
  const spans = sentenceSpans(text);
  if (dir === 'forward') {
    const next = spans.find((s) => s.end > sel.end);
    return next ? { start: sel.start, end: next.end } : sel;
  }
  const prev = [...spans].reverse().find((s) => s.start < sel.start);
  return prev ? { start: prev.start, end: sel.end } : sel;
}
