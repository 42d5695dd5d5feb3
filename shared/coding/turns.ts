/**
 * Paragraphs of a transcript for rendering: one block per speaker turn (when the transcript has
 * turns) or per line otherwise, each with its offsets and participant. Rendering by block keeps a
 * 20,000-word transcript to a few hundred DOM blocks, virtualised by the workbench.
 */
import type { Turn } from '../model/schema';

export interface Block {
  index: number;
  start: number;
  end: number;
  participantId: string | null;
}

const SPEAKER = /^\s*(P\d{1,3}|I|Intervjuer|Interviewer)\s*:/;

export function blocksOf(text: string, turns: readonly Turn[]): Block[] {
  const out: Block[] = [];
  if (turns.length > 0) {
    const sorted = [...turns].sort((a, b) => a.start - b.start);
    let pos = 0;
    for (const t of sorted) {
      if (t.start > pos) pushLines(text, pos, t.start, null, out);
      const start = Math.max(pos, t.start);
      const end = Math.min(text.length, Math.max(start, t.end));
      if (end > start) out.push({ index: out.length, start, end, participantId: t.participantId });
      pos = Math.max(pos, end);
    }
    if (pos < text.length) pushLines(text, pos, text.length, null, out);
    return out;
  }
  pushLines(text, 0, text.length, undefined, out);
  return out;
}

/** Lines of [from, to); a line starting "P2:" is that participant's (when `participant` is undefined). */
function pushLines(text: string, from: number, to: number, participant: string | null | undefined, out: Block[]): void {
  let start = from;
  while (start < to) {
    let end = text.indexOf('\n', start);
    if (end < 0 || end > to) end = to;
    if (text.slice(start, end).trim().length > 0) {
      let p: string | null = participant ?? null;
      if (participant === undefined) {
        const m = SPEAKER.exec(text.slice(start, Math.min(end, start + 20)));
        p = m && m[1]?.startsWith('P') ? m[1] : null;
      }
      out.push({ index: out.length, start, end, participantId: p });
    }
    start = end + 1;
  }
}

/** The participant a span belongs to: the block it starts in, else the interview's only participant, else P1. */
export function participantAt(blocks: readonly Block[], offset: number, fallback: string): string {
  const b = blocks.find((x) => offset >= x.start && offset < x.end) ?? blocks.find((x) => x.start >= offset);
  return b?.participantId ?? fallback;
}
