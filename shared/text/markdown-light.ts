/**
 * Markdown-light for memos: paragraphs, `**bold**`, `*italic*` (or `_italic_`), and lists (lines
 * starting `- `, `* ` or `1. `). Nothing else: no links, no images, no HTML — a `<b>` stays the
 * four characters it is. The result is a small tree the screens render as React elements and the
 * PDF prints as plain text. Pure.
 */

export type Inline = { type: 'text' | 'bold' | 'italic'; text: string };
export type Block = { type: 'p'; lines: Inline[][] } | { type: 'ul' | 'ol'; items: Inline[][] };

const BULLET = /^\s*[-*•]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,3}[.)]\s+(.*)$/;

/** Inline marks of one line: `**bold**`, `*italic*`, `_italic_`; an unclosed mark is text. */
export function parseInline(line: string): Inline[] {
  const out: Inline[] = [];
  const push = (type: Inline['type'], text: string) => {
    if (text === '') return;
    const last = out[out.length - 1];
    if (last && last.type === type) last.text += text;
    else out.push({ type, text });
  };
  let i = 0;
  while (i < line.length) {
    if (line.startsWith('**', i)) {
      const end = line.indexOf('**', i + 2);
      if (end > i + 2) {
        push('bold', line.slice(i + 2, end));
        i = end + 2;
        continue;
      }
    }
    const ch = line[i];
    if ((ch === '*' || ch === '_') && line[i + 1] !== ' ' && line[i + 1] !== ch) {
      const end = line.indexOf(ch, i + 1);
      if (end > i + 1 && line[end - 1] !== ' ') {
        push('italic', line.slice(i + 1, end));
        i = end + 1;
        continue;
      }
    }
    push('text', ch ?? '');
    i++;
  }
  return out;
}

export function parseMarkdownLight(src: string): Block[] {
  const blocks: Block[] = [];
  let para: Inline[][] | null = null;
  let list: { type: 'ul' | 'ol'; items: Inline[][] } | null = null;
  const flush = () => {
    if (para) blocks.push({ type: 'p', lines: para });
    if (list) blocks.push(list);
    para = null;
    list = null;
  };
  for (const raw of src.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    if (line.trim() === '') {
      flush();
      continue;
    }
    const b = BULLET.exec(line);
    const n = b ? null : NUMBERED.exec(line);
    const m = b ?? n;
    if (m) {
      const type = b ? 'ul' : 'ol';
      if (list === null || list.type !== type) {
        flush();
        list = { type, items: [] };
      }
      list.items.push(parseInline(m[1] ?? ''));
      continue;
    }
    if (para === null) {
      flush();
      para = [];
    }
    para.push(parseInline(line.trim()));
  }
  flush();
  return blocks;
}

/** The text without marks (for search, the PDF and CSV): lists keep their bullets. */
export function markdownLightToPlain(src: string): string {
  const line = (xs: Inline[]) => xs.map((x) => x.text).join('');
  return parseMarkdownLight(src)
    .map((b) => (b.type === 'p' ? b.lines.map(line).join('\n') : b.items.map((it, i) => `${b.type === 'ol' ? `${i + 1}.` : '•'} ${line(it)}`).join('\n')))
    .join('\n\n');
}
