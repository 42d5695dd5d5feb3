import { describe, expect, it } from 'vitest';
import { textReviewed } from '../../shared/model/gate';
import { scanTypedText, typedTextReview } from '../../shared/model/typed-text';

describe('text typed in the app is scanned as it is saved', () => {
  it('clean text counts as reviewed by its author', () => {
    const r = typedTextReview('Rådgiveren hadde lite tid før søknadsfristen.', 'K1', '2026-12-02T09:00:00Z');
    expect(r.state).toBe('reviewed');
    expect(r.record).toEqual({ reviewer: 'K1', at: '2026-12-02T09:00:00Z', counts: {} });
    expect(textReviewed({ review: r })).toBe(true);
  });

  it('a phone number or a study term keeps the text in needs-review with counts, never values', () => {
    const r = typedTextReview('Ring mor på 912 34 567 etter møtet på Lindeskogen', 'K1', '2026-12-02T09:00:00Z', {
      terms: [{ term: 'Lindeskogen', kind: 'SKOLE' }],
    });
    expect(r.state).toBe('needs-review');
    expect(r.reason).toBe('typed');
    expect(r.hits).toEqual({ TLF: 1, TERM: 1 });
    expect(JSON.stringify(r)).not.toContain('912');
    expect(textReviewed({ review: r })).toBe(false);
  });

  it('a hit the author confirms is not an identifier no longer blocks', () => {
    const scan = scanTypedText('Møtet var på Lindeskogen', { terms: [{ term: 'Lindeskogen', kind: 'SKOLE' }] });
    expect(scan.clean).toBe(false);
    const r = typedTextReview('Møtet var på Lindeskogen', 'K2', '2026-12-02T09:00:00Z', {
      terms: [{ term: 'Lindeskogen', kind: 'SKOLE' }],
      confirmed: ['lindeskogen'],
    });
    expect(r.state).toBe('reviewed');
    expect(r.record?.counts).toEqual({ confirmed: 1 });
  });

  it('empty text is clean', () => {
    expect(scanTypedText('   ').clean).toBe(true);
  });
});
