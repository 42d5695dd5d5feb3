import { describe, expect, it } from 'vitest';
import { detectIdentifiers, SUGGEST_THRESHOLD } from '../../shared/anonymise';
import { buildCorpus, CORPUS_ALLOW } from '../fixtures/anonymise/corpus';
import { formatQuality, measureQuality } from '../fixtures/anonymise/measure';

const corpus = buildCorpus();

describe('anonymiser quality on the annotated corpus', () => {
  it('has at least 150 snippets from all six groups', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(150);
    expect(new Set(corpus.map((c) => c.group)).size).toBe(6);
  });

  it('meets the recall and precision targets at the suggestion threshold', () => {
    const q = measureQuality(corpus, (t) => detectIdentifiers(t, { allow: CORPUS_ALLOW, minConfidence: SUGGEST_THRESHOLD }));
    console.log(`\nAnonymiser quality (minConfidence ${SUGGEST_THRESHOLD}, ${corpus.length} snippets)\n${formatQuality(q)}`);
    if (q.misses.length > 0) console.log('misses:', q.misses.map((m) => `${m.id} ${m.kind} ${m.text}`).join('; '));
    const recall = Object.fromEntries(q.perKind.map((k) => [k.kind, k.recall]));
    expect(recall.FNR).toBeGreaterThanOrEqual(0.99);
    expect(recall.TLF).toBeGreaterThanOrEqual(0.99);
    expect(recall.EPOST).toBeGreaterThanOrEqual(0.99);
    expect(recall.ADRESSE).toBeGreaterThanOrEqual(0.95);
    expect(recall.NAVN).toBeGreaterThanOrEqual(0.9);
    expect(q.precision).toBeGreaterThanOrEqual(0.9);
  });

  it('at the lower review threshold (0.5) recall does not drop and precision stays above target', () => {
    const high = measureQuality(corpus, (t) => detectIdentifiers(t, { allow: CORPUS_ALLOW, minConfidence: SUGGEST_THRESHOLD }));
    const low = measureQuality(corpus, (t) => detectIdentifiers(t, { allow: CORPUS_ALLOW, minConfidence: 0.5 }));
    console.log(`\nAt minConfidence 0.5\n${formatQuality(low)}`);
    for (const k of low.perKind) expect(k.found).toBeGreaterThanOrEqual(high.perKind.find((h) => h.kind === k.kind)?.found ?? 0);
    expect(low.precision).toBeGreaterThanOrEqual(0.9);
  });

  it('measureQuality counts a partly covered name as missed', () => {
    const q = measureQuality([{ id: 'x', group: 'SF', text: 'Ola Nordmann', expected: [{ kind: 'NAVN', start: 0, end: 12 }] }], () => [
      { start: 0, end: 3, kind: 'NAVN', confidence: 1, text: 'Ola', reason: 't', suggestedTag: 'NAVN' },
    ]);
    expect(q.perKind[0]?.found).toBe(0);
    expect(q.precision).toBe(1);
  });
});
