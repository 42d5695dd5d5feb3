import { describe, expect, it } from 'vitest';
import type { Code, Interview, Segment } from '../../shared/model';
import {
  afterDo,
  afterRedo,
  afterUndo,
  assignLanes,
  blocksOf,
  codeCounts,
  codeTree,
  commandFor,
  createSegmentCommand,
  deleteCodeWithReassign,
  invertCodebookChange,
  type CodebookChange,
  extendBySentence,
  findAll,
  flattenTree,
  fold,
  mergeCodes,
  moveCode,
  participantAt,
  piecesOf,
  sentenceAt,
  situationForKey,
} from '../../shared/coding';

const NOW = '2024-01-01T00:00:00.000Z';

function segment(id: string, codeIds: string[], extra: Partial<Segment> = {}): Segment {
  return {
    id, studyId: 's', interviewId: 'iv1', participantId: 'P1', start: 0, end: 3, quote: 'abc', stageId: null, situationId: null,
    actorIds: [], valence: null, kind: 'experience', codeIds, note: '', coderId: 'k1', anchor: 'ok', createdAt: NOW, updatedAt: NOW, ...extra,
  };
}
function code(id: string, parentId: string | null, order = 0): Code {
  return { id, studyId: 's', parentId, name: id, color: '#000000', definition: '', examples: [], order };
}

describe('overlap lanes', () => {
  it('uses as many lanes as the deepest overlap, never sharing a lane between overlapping spans', () => {
    const spans = [
      { id: 'a', start: 0, end: 10 },
      { id: 'b', start: 5, end: 15 },
      { id: 'c', start: 7, end: 8 },
      { id: 'd', start: 10, end: 12 },
      { id: 'e', start: 20, end: 30 },
    ];
    const { lane, depth } = assignLanes(spans);
    expect(depth).toBe(3);
    for (const x of spans) for (const y of spans) {
      if (x.id !== y.id && x.start < y.end && y.start < x.end) expect(lane.get(x.id)).not.toBe(lane.get(y.id));
    }
    expect(lane.get('d')).toBe(0); // reuses the lane a freed at 10
    expect(lane.get('e')).toBe(0);
  });

  it('cuts a paragraph into pieces covered by the right spans', () => {
    const spans = [{ id: 'a', start: 2, end: 6 }, { id: 'b', start: 4, end: 9 }];
    const { lane } = assignLanes(spans);
    expect(piecesOf(0, 10, spans, lane)).toEqual([
      { start: 0, end: 2, ids: [] },
      { start: 2, end: 4, ids: ['a'] },
      { start: 4, end: 6, ids: ['a', 'b'] },
      { start: 6, end: 9, ids: ['b'] },
      { start: 9, end: 10, ids: [] },
    ]);
  });
});

describe('sentences', () => {
  const text = 'P1: Jeg visste ikke. Rådgiveren hjalp meg! Det var bra.\nP2: Ikke for meg?';
  it('selects the sentence at the caret and extends by whole sentences', () => {
    const at = text.indexOf('hjalp');
    const s = sentenceAt(text, at);
    expect(text.slice(s!.start, s!.end)).toBe('Rådgiveren hjalp meg!');
    const fwd = extendBySentence(text, s!, 'forward');
    expect(text.slice(fwd.start, fwd.end)).toBe('Rådgiveren hjalp meg! Det var bra.');
    const back = extendBySentence(text, s!, 'backward');
    expect(text.slice(back.start, back.end)).toBe('Jeg visste ikke. Rådgiveren hjalp meg!');
  });
  it('never crosses a line (speaker turn)', () => {
    const s = sentenceAt(text, text.indexOf('bra'));
    const fwd = extendBySentence(text, s!, 'forward');
    expect(text.slice(s!.start, s!.end)).toBe('Det var bra.');
    expect(text.slice(fwd.start, fwd.end)).toBe('Det var bra.\nP2: Ikke for meg?');
  });
});

describe('keyboard map', () => {
  const open = { panelOpen: true, stageCount: 6 };
  it('maps the coding keys only while the panel is open, and never inside text fields', () => {
    expect(commandFor({ key: '3' }, 'panel', open)).toEqual({ type: 'stage', index: 2 });
    expect(commandFor({ key: '7' }, 'panel', open)).toBeNull();
    expect(commandFor({ key: 'n' }, 'transcript', open)).toEqual({ type: 'valence', value: 'negative' });
    expect(commandFor({ key: 'o' }, 'transcript', open)).toEqual({ type: 'valence', value: 'mixed' });
    expect(commandFor({ key: 'v' }, 'panel', open)).toEqual({ type: 'situation', id: 'v' });
    expect(commandFor({ key: 'w' }, 'panel', open)).toEqual({ type: 'toggle-wish' });
    expect(commandFor({ key: '3' }, 'transcript', { panelOpen: false, stageCount: 6 })).toBeNull();
    expect(commandFor({ key: 'n' }, 'text-field', open)).toBeNull();
    expect(commandFor({ key: 'Enter' }, 'text-field', open)).toBeNull();
    expect(commandFor({ key: 'Escape' }, 'text-field', open)).toEqual({ type: 'cancel' });
    expect(commandFor({ key: 's' }, 'transcript', { panelOpen: false, stageCount: 6 })).toEqual({ type: 'select-sentence' });
  });
  it('undo and redo work everywhere', () => {
    expect(commandFor({ key: 'z', ctrlKey: true }, 'text-field', open)).toEqual({ type: 'undo' });
    expect(commandFor({ key: 'Z', ctrlKey: true, shiftKey: true }, 'transcript', open)).toEqual({ type: 'redo' });
    expect(commandFor({ key: 'y', metaKey: true }, 'transcript', open)).toEqual({ type: 'redo' });
  });
  it('situation keys follow the method order', () => {
    const sits = [{ id: 'info' }, { id: 'choice' }, { id: 'help' }];
    expect(situationForKey(sits, 'h')?.id).toBe('help');
  });
});

describe('undo model', () => {
  const iv = { id: 'iv1', status: 'anonymised', updatedAt: NOW } as Interview;
  it('first coding marks the interview coded, and undo restores its status', () => {
    const c = createSegmentCommand(segment('x', []), iv, '2024-02-02T00:00:00.000Z');
    expect(c.forward.puts?.interviews?.[0]?.status).toBe('coded');
    expect(c.backward.puts?.interviews?.[0]?.status).toBe('anonymised');
    expect(c.backward.deletes?.segments).toEqual(['x']);
    const again = createSegmentCommand(segment('y', []), { ...iv, status: 'coded' });
    expect(again.forward.puts?.interviews).toBeUndefined();
  });
  it('stacks: do clears redo; undo then redo round-trips', () => {
    let s = afterDo(afterDo({ undo: [], redo: [] }, 1), 2);
    const u = afterUndo(s)!;
    expect(u.entry).toBe(2);
    s = u.stacks;
    expect(s).toEqual({ undo: [1], redo: [2] });
    const r = afterRedo(s)!;
    expect(r.stacks).toEqual({ undo: [1, 2], redo: [] });
    expect(afterDo(s, 3)).toEqual({ undo: [1, 3], redo: [] });
    expect(afterUndo({ undo: [], redo: [] })).toBeNull();
  });
});

describe('search folding', () => {
  it('is case- and diacritic-insensitive and maps hits back to the original', () => {
    expect(fold('RÅDGIVER Café')).toBe('radgiver cafe');
    const text = 'Hun sa: Rådgiveren var på café. RADGIVER!';
    const hits = findAll(text, 'radgiver');
    expect(hits.map((h) => text.slice(h.start, h.end))).toEqual(['Rådgiver', 'RADGIVER']);
    expect(findAll(text, 'cafe').map((h) => text.slice(h.start, h.end))).toEqual(['café']);
    expect(findAll(text, '   ')).toEqual([]);
  });
});

describe('codebook', () => {
  const codes = [code('a', null, 0), code('a1', 'a', 0), code('a2', 'a', 1), code('b', null, 1)];
  it('builds the tree in order', () => {
    expect(flattenTree(codeTree(codes)).map((n) => `${n.depth}:${n.code.id}`)).toEqual(['0:a', '1:a1', '1:a2', '0:b']);
  });
  it('moves and reorders; refuses to move a code into its own subtree', () => {
    const moved = moveCode(codes, 'b', 'a', 0)!;
    const after = codes.map((c) => moved.find((m) => m.id === c.id) ?? c);
    expect(flattenTree(codeTree(after)).map((n) => `${n.depth}:${n.code.id}`)).toEqual(['0:a', '1:b', '1:a1', '1:a2']);
    expect(moveCode(codes, 'a', 'a1', 0)).toBeNull();
  });
  it('merge: segments follow without duplicates, children move, source deleted', () => {
    const segs = [segment('s1', ['a1']), segment('s2', ['a1', 'b']), segment('s3', ['b'])];
    const m = mergeCodes(codes, segs, 'a1', 'b', NOW)!;
    expect(m.deleteCodes).toEqual(['a1']);
    expect(m.putSegments.map((s) => [s.id, s.codeIds])).toEqual([['s1', ['b']], ['s2', ['b']]]);
    expect(mergeCodes(codes, segs, 'a', 'a1', NOW)).toBeNull();
    const withChildren = mergeCodes(codes, segs, 'a', 'b', NOW)!;
    expect(withChildren.putCodes.map((c) => [c.id, c.parentId])).toEqual([['a1', 'b'], ['a2', 'b']]);
  });
  it('delete with reassignment or removal', () => {
    const segs = [segment('s1', ['a2']), segment('s2', ['a2', 'b'])];
    expect(deleteCodeWithReassign(codes, segs, 'a2', 'b', NOW)!.putSegments.map((s) => s.codeIds)).toEqual([['b'], ['b']]);
    expect(deleteCodeWithReassign(codes, segs, 'a2', null, NOW)!.putSegments.map((s) => s.codeIds)).toEqual([[], ['b']]);
    expect(deleteCodeWithReassign(codes, segs, 'a', null, NOW)!.putCodes.map((c) => c.parentId)).toEqual([null, null]);
  });
  it('counts segments and distinct informants per code', () => {
    const segs = [segment('s1', ['a']), segment('s2', ['a'], { participantId: 'P2' }), segment('s3', ['a'])];
    expect(codeCounts(segs).get('a')).toEqual({ segments: 3, informants: 2 });
  });
});

describe('transcript blocks', () => {
  it('splits by line and reads the speaker', () => {
    const text = 'I: Hva skjedde?\nP1: Jeg fikk hjelp.\n\nP2: Ikke jeg.';
    const blocks = blocksOf(text, []);
    expect(blocks.map((b) => [text.slice(b.start, b.end), b.participantId])).toEqual([
      ['I: Hva skjedde?', null],
      ['P1: Jeg fikk hjelp.', 'P1'],
      ['P2: Ikke jeg.', 'P2'],
    ]);
    expect(participantAt(blocks, text.indexOf('Ikke'), 'P1')).toBe('P2');
  });
  it('uses stored turns when present', () => {
    const text = 'aaa bbb ccc';
    const blocks = blocksOf(text, [{ start: 0, end: 3, participantId: 'P1' }, { start: 4, end: 11, participantId: 'P2' }]);
    expect(blocks.map((b) => [b.start, b.end, b.participantId])).toEqual([[0, 3, 'P1'], [4, 11, 'P2']]);
  });
});

describe('undoing merge and delete in the codebook', () => {
  const T = '2021-01-01T00:00:00.000Z';
  const code = (id: string, parentId: string | null = null): Code => ({ id, studyId: 's', parentId, name: id, color: '#000000', definition: '', examples: [], order: 0 });
  const segment = (id: string, codeIds: string[]): Segment => ({ id, studyId: 's', interviewId: 'i', participantId: 'P1', start: 0, end: 1, quote: 'x', stageId: null, situationId: null, actorIds: [], valence: null, kind: 'experience' as const, codeIds, note: '', coderId: 'c', anchor: 'ok' as const, createdAt: T, updatedAt: T });
  const apply = (codes: Code[], segs: Segment[], c: CodebookChange) => {
    const cm = new Map(codes.map((x) => [x.id, x]));
    c.deleteCodes.forEach((id) => cm.delete(id));
    c.putCodes.forEach((x) => cm.set(x.id, x));
    const sm = new Map(segs.map((x) => [x.id, x]));
    c.putSegments.forEach((x) => sm.set(x.id, x));
    return { codes: [...cm.values()].sort((a, b) => a.id.localeCompare(b.id)), segs: [...sm.values()].sort((a, b) => a.id.localeCompare(b.id)) };
  };
  it('merge, then its inverse, gives back the codebook and segments exactly', () => {
    const codes = [code('a'), code('b'), code('a1', 'a')];
    const segs = [segment('1', ['a']), segment('2', ['a1', 'b']), segment('3', ['b'])];
    const merge = mergeCodes(codes, segs, 'a', 'b', T)!;
    const after = apply(codes, segs, merge);
    expect(after.codes.map((c) => c.id)).not.toContain('a');
    const back = apply(after.codes, after.segs, invertCodebookChange(merge, codes, segs));
    expect(back).toEqual(apply(codes, segs, { putCodes: [], deleteCodes: [], putSegments: [] }));
  });
  it('delete with reassignment, then its inverse, gives back both', () => {
    const codes = [code('a'), code('b')];
    const segs = [segment('1', ['a']), segment('2', ['b'])];
    const del = deleteCodeWithReassign(codes, segs, 'a', 'b', T)!;
    const after = apply(codes, segs, del);
    expect(after.segs.find((s) => s.id === '1')?.codeIds).toEqual(['b']);
    const back = apply(after.codes, after.segs, invertCodebookChange(del, codes, segs));
    expect(back).toEqual(apply(codes, segs, { putCodes: [], deleteCodes: [], putSegments: [] }));
  });
});
