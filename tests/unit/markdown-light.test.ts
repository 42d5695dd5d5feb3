import { describe, expect, it } from 'vitest';
import { markdownLightToPlain, parseInline, parseMarkdownLight } from '../../shared/text/markdown-light';

describe('markdown-light', () => {
  it('bold, italic and plain text in one line', () => {
    expect(parseInline('Hun var **veldig** *usikker* og _stille_.')).toEqual([
      { type: 'text', text: 'Hun var ' },
      { type: 'bold', text: 'veldig' },
      { type: 'text', text: ' ' },
      { type: 'italic', text: 'usikker' },
      { type: 'text', text: ' og ' },
      { type: 'italic', text: 'stille' },
      { type: 'text', text: '.' },
    ]);
  });

  it('an unclosed mark and a lone asterisk stay text; HTML stays text', () => {
    expect(parseInline('2 * 3 og **halv')).toEqual([{ type: 'text', text: '2 * 3 og **halv' }]);
    expect(parseInline('<b>ikke fet</b>')).toEqual([{ type: 'text', text: '<b>ikke fet</b>' }]);
  });

  it('paragraphs and bullet and numbered lists', () => {
    const blocks = parseMarkdownLight('Første linje\nandre linje\n\n- en\n- **to**\n1. a\n2) b\nslutt');
    expect(blocks.map((b) => b.type)).toEqual(['p', 'ul', 'ol', 'p']);
    expect(blocks[1]).toEqual({ type: 'ul', items: [[{ type: 'text', text: 'en' }], [{ type: 'bold', text: 'to' }]] });
    expect(blocks[0]).toEqual({ type: 'p', lines: [[{ type: 'text', text: 'Første linje' }], [{ type: 'text', text: 'andre linje' }]] });
  });

  it('plain text keeps words and bullets, drops marks', () => {
    expect(markdownLightToPlain('**Viktig:**\n- *en*\n- to')).toBe('Viktig:\n\n• en\n• to');
  });
});
