import { describe, expect, it } from 'vitest';
import { detectIdentifiers, hashValue, normaliseValue, pseudonymise, rebaseTurns } from '../../shared/anonymise';
import type { PseudonymEntry } from '../../shared/model';

const opts = { studyId: 's1', salt: 'study-secret' };

async function run(text: string, memory: PseudonymEntry[] = [], options = opts) {
  const r = await pseudonymise(text, detectIdentifiers(text), memory, options);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r;
}

describe('pseudonymise', () => {
  it('replaces hits with numbered and unnumbered tags and counts per kind', async () => {
    const r = await run('P1: Jeg heter Ahmed og går på Porsgrunn vgs. Ring 41234567. Ahmed sa ja, Sara nei.');
    expect(r.text).toBe('P1: Jeg heter [NAVN-1] og går på [SKOLE-1]. Ring [TLF]. [NAVN-1] sa ja, [NAVN-2] nei.');
    expect(r.counts).toEqual({ NAVN: 3, SKOLE: 1, TLF: 1 });
    expect(r.entries.map((e) => [e.kind, e.tag])).toEqual([['NAVN', '[NAVN-1]'], ['SKOLE', '[SKOLE-1]'], ['NAVN', '[NAVN-2]']]);
  });
  it('stores only salted hashes, never the value', async () => {
    const r = await run('Det var Hodan.');
    const json = JSON.stringify(r.entries);
    expect(json).not.toMatch(/hodan/i);
    expect(r.entries[0]?.hash).toBe(await hashValue('study-secret', 'NAVN', 'hodan'));
    expect(r.entries[0]?.hash).not.toBe(await hashValue('other-salt', 'NAVN', 'hodan'));
  });
  it('keeps tags consistent across interviews through the memory, and numbers new values after', async () => {
    const first = await run('Det var Hodan og Yonas.');
    const second = await run('Yonas kom, så kom Farid.', first.entries);
    expect(second.text).toBe('[NAVN-2] kom, så kom [NAVN-3].');
    expect(second.entries.map((e) => e.tag)).toEqual(['[NAVN-3]']);
  });
  it('another study does not share the memory', async () => {
    const first = await run('Det var Hodan og Yonas.');
    const other = await run('Yonas kom.', first.entries, { studyId: 's2', salt: 'x' });
    expect(other.text).toBe('[NAVN-1] kom.');
  });
  it('normalises values: case, spacing, phone prefixes', () => {
    expect(normaliseValue('NAVN', ' Sara  Hansen ')).toBe('sara hansen');
    expect(normaliseValue('TLF', '+47 412 34 567')).toBe('41234567');
    expect(normaliseValue('TLF', '0047 41234567')).toBe('41234567');
  });
  it('mapOffset re-bases turns and segment offsets', async () => {
    const text = 'P1: Jeg heter Ahmed.\nIntervjuer: Takk, Ahmed.';
    const turns = [{ start: 4, end: 20, participantId: 'P1' }, { start: 33, end: 45, participantId: null }];
    const r = await run(text);
    const rebased = rebaseTurns(turns, r.mapOffset);
    expect(rebased.map((t) => r.text.slice(t.start, t.end))).toEqual(['Jeg heter [NAVN-1].', 'Takk, [NAVN-1].']);
    expect(r.mapOffset(0)).toBe(0);
    expect(r.mapOffset(text.length)).toBe(r.text.length);
  });
  it('fails as a value when a hit no longer matches the text', async () => {
    const r = await pseudonymise('Hei Sara', [{ start: 4, end: 8, text: 'Hodan', suggestedTag: 'NAVN' }], [], opts);
    expect(r.ok).toBe(false);
  });
  it('propagates accepted values to other whole-word occurrences, not inside other words', async () => {
    const text = 'Ola kom. Olav kom. Ola gikk.';
    const r = await pseudonymise(text, [{ start: 0, end: 3, text: 'Ola', suggestedTag: 'NAVN' }], [], opts);
    expect(r.ok && r.text).toBe('[NAVN-1] kom. Olav kom. [NAVN-1] gikk.');
    const off = await pseudonymise(text, [{ start: 0, end: 3, text: 'Ola', suggestedTag: 'NAVN' }], [], { ...opts, propagate: false });
    expect(off.ok && off.text).toBe('[NAVN-1] kom. Olav kom. Ola gikk.');
  });
});
