// @vitest-environment jsdom
/**
 * The review's pure state (every keyboard action), the import dispatcher, and completing a
 * review against a fresh IndexedDB: values never stored, memory reused across interviews,
 * status only set by completion, segments re-anchored on an edit after coding.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useReducer } from 'react';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { detectIdentifiers, type Hit } from '../../shared/anonymise';
import { newStudy, participantsFor, type Interview, type Segment } from '../../shared/model';
import { getMeta, saveInterview, saveSegment, saveStudy, type ReisekartDb } from '../../renderer/db';
import { initI18n } from '../../renderer/app/i18n';
import { importFile } from '../../renderer/import/importFile';
import { detectChunked, lineChunks } from '../../renderer/import/detectChunked';
import { completeReview, saltKey } from '../../renderer/features/transcript/complete';
import { ReviewPanel } from '../../renderer/features/transcript/ReviewPanel';
import { ALWAYS_ALLOWED as ALLOW_LIST } from '../../shared/anonymise';
import { countsByKind, initialReview, reviewReducer, turnsFromLabels, type ReviewState } from '../../renderer/features/transcript/review';
import { FIXED_NOW, freshDb } from './db-fixtures';

beforeAll(() => {
  initI18n('nb');
});
afterEach(cleanup);

function hit(start: number, end: number, kind: Hit['kind'], confidence: number, tag = kind as string): Hit {
  return { start, end, kind, confidence, text: '', reason: 'test', suggestedTag: tag };
}

describe('review reducer', () => {
  const base = initialReview([hit(0, 4, 'NAVN', 0.9), hit(10, 14, 'NAVN', 0.55), hit(20, 28, 'TLF', 0.95)]);

  it('pre-accepts confident hits and leaves uncertain ones undecided', () => {
    expect(base.hits.map((h) => h.status)).toEqual(['accepted', 'pending', 'accepted']);
    expect(base.current).toBe(0);
    expect(initialReview([]).current).toBe(-1);
  });

  it('j/k move within bounds; a/r decide the current hit and move on', () => {
    let s = reviewReducer(base, { type: 'prev' });
    expect(s.current).toBe(0);
    s = reviewReducer(s, { type: 'reject' });
    expect(s.hits[0]?.status).toBe('rejected');
    expect(s.current).toBe(1);
    s = reviewReducer(s, { type: 'accept' });
    expect(s.hits[1]?.status).toBe('accepted');
    s = reviewReducer(reviewReducer(s, { type: 'next' }), { type: 'next' });
    expect(s.current).toBe(2);
  });

  it('A accepts every hit of a kind, and only that kind', () => {
    const rejected = reviewReducer(reviewReducer(base, { type: 'reject', id: 3 }), { type: 'reject', id: 1 });
    const s = reviewReducer(rejected, { type: 'accept-kind', kind: 'NAVN' });
    expect(s.hits.map((h) => h.status)).toEqual(['accepted', 'accepted', 'rejected']);
    expect(countsByKind(s.hits)).toEqual([
      { kind: 'NAVN', total: 2, accepted: 2, rejected: 0, pending: 0 },
      { kind: 'TLF', total: 1, accepted: 0, rejected: 1, pending: 0 },
    ]);
  });

  it('edit grows and shrinks a span by keyboard, bounded by its neighbours and the text', () => {
    let s = reviewReducer(reviewReducer(base, { type: 'next' }), { type: 'edit' });
    expect(s.editing).toBe(2);
    for (let i = 0; i < 20; i++) s = reviewReducer(s, { type: 'adjust', edge: 'end', delta: 1, textLength: 100 });
    expect(s.hits[1]).toMatchObject({ start: 10, end: 20, status: 'accepted' });
    for (let i = 0; i < 20; i++) s = reviewReducer(s, { type: 'adjust', edge: 'start', delta: -1, textLength: 100 });
    expect(s.hits[1]?.start).toBe(4);
    for (let i = 0; i < 40; i++) s = reviewReducer(s, { type: 'adjust', edge: 'start', delta: 1, textLength: 100 });
    expect(s.hits[1]).toMatchObject({ start: 19, end: 20 });
    s = reviewReducer(s, { type: 'edit-done' });
    expect(s.editing).toBeNull();
    expect(reviewReducer(s, { type: 'adjust', edge: 'end', delta: 1, textLength: 100 })).toBe(s);
  });

  it('an added span replaces the hits it overlaps and becomes current', () => {
    const s = reviewReducer(base, { type: 'add', start: 2, end: 12, tag: 'SKOLE' });
    expect(s.hits.map((h) => [h.start, h.end, h.kind, h.status])).toEqual([
      [2, 12, 'SKOLE', 'accepted'],
      [20, 28, 'TLF', 'accepted'],
    ]);
    expect(s.current).toBe(0);
    expect(reviewReducer(base, { type: 'add', start: 5, end: 5, tag: 'NAVN' })).toBe(base);
  });

  it('turnsFromLabels finds P-labels and the interviewer, continuing unlabeled lines', () => {
    const text = 'Intervjuer: Hei\nP2: Ja\nog mer\n\nP1: Nei';
    expect(turnsFromLabels(text)).toEqual([
      { start: 12, end: 15, participantId: null },
      { start: 20, end: 29, participantId: 'P2' },
      { start: 35, end: 38, participantId: 'P1' },
    ]);
    expect(text.slice(20, 29)).toBe('Ja\nog mer');
  });
});

function Harness({ text, initial }: { text: string; initial: ReviewState }) {
  const [state, dispatch] = useReducer(reviewReducer, initial);
  return <ReviewPanel text={text} state={state} dispatch={dispatch} reviewers={['Anne']} busy={false} error={null} onComplete={() => undefined} onCancel={() => undefined} />;
}

describe('review panel keyboard', () => {
  it('j, r, k, a, A and the shortcuts list', () => {
    const text = 'Per ringte 912 34 567 og Kari svarte.';
    const hits = detectIdentifiers(text, { minConfidence: 0.3 });
    expect(hits.length).toBeGreaterThanOrEqual(2);
    render(<Harness text={text} initial={initialReview(hits)} />);
    const root = screen.getByTestId('review');
    const status = () => screen.getByTestId('current-status').textContent ?? '';
    expect(screen.getByTestId('not-stored').textContent).toContain('Originalteksten lagres ikke');
    fireEvent.keyDown(root, { key: 'r' });
    fireEvent.keyDown(root, { key: 'k' });
    expect(status()).toContain('avvist');
    fireEvent.keyDown(root, { key: 'a' });
    fireEvent.keyDown(root, { key: 'ArrowUp' });
    expect(status()).toContain('godtatt');
    fireEvent.keyDown(root, { key: 'ArrowDown' });
    expect(screen.getByTestId('current-hit').textContent).toContain(`2 / ${hits.length}`);
    // Typing in a field never triggers a shortcut.
    fireEvent.keyDown(screen.getByTestId('reviewer'), { key: 'j' });
    expect(screen.getByTestId('current-hit').textContent).toContain(`2 / ${hits.length}`);
    expect(screen.getByText('neste treff')).toBeTruthy();
  });
});

describe('importFile', () => {
  const enc = (s: string) => new TextEncoder().encode(s);

  it('decodes text in each encoding and refuses bad input with the file name', async () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from('Hei på deg').flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(await importFile('a.txt', utf16)).toMatchObject({ ok: true, kind: 'text', text: 'Hei på deg' });
    expect(await importFile('b.TXT', new Uint8Array([0x48, 0xe5, 0x80]))).toMatchObject({ ok: true, text: 'Hå€' });
    expect(await importFile('c.txt', new Uint8Array())).toMatchObject({ ok: false, code: 'empty', fileName: 'c.txt' });
    expect(await importFile('d.txt', new Uint8Array([1, 2, 3, 0, 5, 6, 7, 8, 9]))).toMatchObject({ ok: false, code: 'binary' });
    expect(await importFile('e.pdf', enc('x'))).toMatchObject({ ok: false, code: 'unsupported-type' });
    expect(await importFile('f.docx', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]))).toMatchObject({ ok: false, code: 'encrypted-office' });
    const vtt = await importFile('g.vtt', enc('WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ola>Hei</v>\n'));
    expect(vtt).toMatchObject({ ok: true, kind: 'captions', speakers: ['Ola'] });
    expect(await importFile('h.srt', enc('1\nfeil\nHei\n'))).toMatchObject({ ok: false, code: 'captions-invalid' });
    const huge = new Uint8Array(50 * 1024 * 1024 + 1).fill(0x61);
    for (const name of ['j.txt', 'k.docx', 'l.vtt']) expect(await importFile(name, huge)).toMatchObject({ ok: false, code: 'too-large', fileName: name });
  });

  it('reads a generated .docx', async () => {
    const doc = new Document({ sections: [{ children: [new Paragraph({ children: [new TextRun('P1: Første linje')] }), new Paragraph('P1: Andre')] }] });
    const bytes = new Uint8Array(await Packer.toBuffer(doc));
    const r = await importFile('i.docx', bytes);
    expect(r).toMatchObject({ ok: true, kind: 'text', source: 'docx' });
    if (r.ok && r.kind === 'text') expect(r.text.split('\n').filter(Boolean)).toEqual(['P1: Første linje', 'P1: Andre']);
  });

  it('chunked detection equals whole-text detection and reports progress up to 1', () => {
    const line = 'P1: Jeg ringte 912 34 567 og rådgiveren heter Kari Nordmann på Skien videregående skole.\n';
    const text = line.repeat(300);
    const progress: number[] = [];
    const chunked = detectChunked(text, { allow: ALLOW_LIST }, (f) => progress.push(f), 1000);
    expect(chunked).toEqual(detectIdentifiers(text, { allow: ALLOW_LIST }));
    expect(progress.length).toBe(lineChunks(text, 1000).length);
    expect(progress.at(-1)).toBe(1);
    expect(lineChunks(text, 1000).every(([, end]) => end === text.length || text[end - 1] === '\n')).toBe(true);
  });
});

async function seed(db: ReisekartDb, status: Interview['status'] = 'planned', id = 'iv-1', code = 'YF-01'): Promise<{ interview: Interview }> {
  const study = newStudy('s1', 'Studie', FIXED_NOW);
  await saveStudy(db, study);
  const interview: Interview = {
    id, studyId: 's1', code, groupId: study.groups[0]!.id, format: 'individual', participants: participantsFor(1), mode: 'in-person',
    date: null, interviewer: '', site: '', consent: true, notes: '', status, createdAt: FIXED_NOW, updatedAt: FIXED_NOW,
  };
  const r = await saveInterview(db, interview);
  if (!r.ok) throw new Error('seed failed');
  return { interview };
}

async function dumpAll(db: ReisekartDb): Promise<string> {
  const out: Record<string, unknown> = {};
  for (const t of db.tables) out[t.name] = await t.toArray();
  return JSON.stringify(out);
}

describe('completeReview', () => {
  const text = 'Intervjuer: Hvem hjalp deg?\nP1: Rådgiveren heter Kari Nordmann. Ring 912 34 567. Kim sa det også.';

  it('stores only the pseudonymised text, sets anonymised, and audits counts without values', async () => {
    const db = freshDb('complete-1');
    const { interview } = await seed(db);
    const study = (await db.studies.get('s1'))!;
    const review = initialReview(detectIdentifiers(text, { allow: ALLOW_LIST }));
    const r = await completeReview(db, { study, interview, text, turns: turnsFromLabels(text), hits: review.hits, source: 'typed', reviewer: 'Anne' });
    expect(r.ok).toBe(true);
    const stored = await db.transcripts.get('iv-1');
    expect(stored?.text).toBe('Intervjuer: Hvem hjalp deg?\nP1: Rådgiveren heter [NAVN-1]. Ring [TLF]. Kim sa det også.');
    expect(stored?.turns.map((t) => stored.text.slice(t.start, t.end))).toEqual(['Hvem hjalp deg?', 'Rådgiveren heter [NAVN-1]. Ring [TLF]. Kim sa det også.']);
    expect((await db.interviews.get('iv-1'))?.status).toBe('anonymised');
    // Only the review's own entry (the audit trail's change entries are tested in db-audit-trail.test.ts).
    const audit = (await db.audit.toArray()).filter((a) => a.action.startsWith('anonymise.'));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ who: 'Anne', subject: 'YF-01', action: 'anonymise.review', counts: { NAVN: 1, TLF: 1 } });
    const all = await dumpAll(db);
    for (const v of ['Kari', 'Nordmann', '912 34 567', '91234567']) expect(all.includes(v), v).toBe(false);
    expect(typeof (await getMeta(db, saltKey('s1')))).toBe('string');
  });

  it('a rejected hit stays in the text; the same name in a later interview gets the same tag', async () => {
    const db = freshDb('complete-2');
    const { interview } = await seed(db);
    const study = (await db.studies.get('s1'))!;
    const first = initialReview(detectIdentifiers(text, { allow: ALLOW_LIST }));
    const tlf = first.hits.findIndex((h) => h.kind === 'TLF');
    const decided = reviewReducer({ ...first, current: tlf }, { type: 'reject' });
    await completeReview(db, { study, interview, text, turns: [], hits: decided.hits, source: 'typed', reviewer: 'Anne' });
    expect((await db.transcripts.get('iv-1'))?.text).toContain('Ring 912 34 567.');

    const { interview: second } = await seed(db, 'planned', 'iv-2', 'YF-02');
    const text2 = 'P1: Jeg snakket med Per Olsen og så Kari Nordmann.';
    const r = await completeReview(db, { study, interview: second, text: text2, turns: [], hits: initialReview(detectIdentifiers(text2)).hits, source: 'typed', reviewer: 'Anne' });
    expect(r.ok).toBe(true);
    expect((await db.transcripts.get('iv-2'))?.text).toBe('P1: Jeg snakket med [NAVN-2] og så [NAVN-1].');
    expect(await db.pseudonyms.count()).toBe(2);
  });

  it('an edit after coding keeps the status, re-anchors segments, and a stale hit changes nothing', async () => {
    const db = freshDb('complete-3');
    const { interview } = await seed(db, 'coded');
    const study = (await db.studies.get('s1'))!;
    const old = 'P1: Det var fint. Rådgiveren hjalp meg.';
    await completeReview(db, { study, interview, text: old, turns: [], hits: [], source: 'typed', reviewer: 'Anne' });
    const seg: Segment = {
      id: 'seg-1', studyId: 's1', interviewId: 'iv-1', participantId: 'P1', start: 18, end: 39, quote: 'Rådgiveren hjalp meg.',
      stageId: null, situationId: null, actorIds: [], valence: 'positive', kind: 'experience', codeIds: [], note: '', coderId: 'c1', anchor: 'ok', createdAt: FIXED_NOW, updatedAt: FIXED_NOW,
    };
    expect(old.slice(seg.start, seg.end)).toBe(seg.quote);
    await saveSegment(db, seg);
    const edited = 'P1: Det var fint, sa Ola. Rådgiveren hjalp meg.';
    const hits = initialReview(detectIdentifiers(edited, { minConfidence: 0.3 })).hits;
    const before = await dumpAll(db);
    const stale = await completeReview(db, { study, interview: { ...interview, status: 'coded' }, text: edited, turns: [], hits: hits.map((h) => ({ ...h, status: 'accepted' as const, end: h.end + 1000 })), source: 'typed', reviewer: 'Anne' });
    expect(stale.ok).toBe(false);
    expect(await dumpAll(db)).toBe(before);

    const manual = reviewReducer(initialReview([]), { type: 'add', start: edited.indexOf('Ola'), end: edited.indexOf('Ola') + 3, tag: 'NAVN' });
    const r = await completeReview(db, { study, interview, text: edited, turns: [], hits: manual.hits, source: 'typed', reviewer: 'Anne' });
    expect(r.ok).toBe(true);
    const text2 = (await db.transcripts.get('iv-1'))!.text;
    expect(text2).toBe('P1: Det var fint, sa [NAVN-1]. Rådgiveren hjalp meg.');
    const moved = (await db.segments.get('seg-1'))!;
    expect(text2.slice(moved.start, moved.end)).toBe(seg.quote);
    expect((await db.interviews.get('iv-1'))?.status).toBe('coded');
    // The first completion is a review (nothing reviewed was stored), the second an edit; the
    // interview's workflow status ("coded") decides neither.
    expect((await db.audit.toArray()).map((a) => a.action).filter((a) => a.startsWith('anonymise.')).sort()).toEqual(['anonymise.edit', 'anonymise.review']);
  });

  it('reviewing a stored transcript rewrites its segments\' quotes and notes with the same replacements', async () => {
    const db = freshDb('complete-4');
    const { interview } = await seed(db, 'coded');
    const study = (await db.studies.get('s1'))!;
    // An imported transcript (needs review) with an imported segment that quotes the raw name.
    const raw = 'P1: Ola Nordmann sa at rådgiveren hjalp. Ola var glad.';
    await db.transcripts.put({ interviewId: 'iv-1', studyId: 's1', text: raw, source: 'import', turns: [], reviewedBy: null, reviewedAt: null, review: { state: 'needs-review', record: null, reason: 'import', hits: {} }, updatedAt: FIXED_NOW });
    const quote = 'Ola Nordmann sa at rådgiveren hjalp.';
    const seg: Segment = {
      id: 'seg-1', studyId: 's1', interviewId: 'iv-1', participantId: 'P1', start: 4, end: 4 + quote.length, quote,
      stageId: null, situationId: null, actorIds: [], valence: 'positive', kind: 'experience', codeIds: [], note: 'Ola Nordmann nevner rådgiver', coderId: 'c1', anchor: 'ok',
      review: { state: 'needs-review', record: null, reason: 'import', hits: {} }, createdAt: FIXED_NOW, updatedAt: FIXED_NOW,
    };
    await saveSegment(db, seg);
    const hits = reviewReducer(initialReview([]), { type: 'add', start: 4, end: 16, tag: 'NAVN' }).hits;
    const r = await completeReview(db, { study, interview, text: raw, turns: [], hits, source: 'import', reviewer: 'Anne' });
    expect(r.ok).toBe(true);
    const stored = (await db.transcripts.get('iv-1'))!;
    expect(stored.text).toBe('P1: [NAVN-1] sa at rådgiveren hjalp. Ola var glad.');
    const after = (await db.segments.get('seg-1'))!;
    expect(after.quote).toBe('[NAVN-1] sa at rådgiveren hjalp.');
    expect(after.note).toBe('[NAVN-1] nevner rådgiver');
    expect(stored.text.slice(after.start, after.end)).toBe(after.quote);
    expect(after.review).toEqual({ state: 'reviewed', record: { reviewer: 'Anne', at: FIXED_NOW, counts: { NAVN: 1 } }, reason: null, hits: {} });
    expect(stored.review).toEqual(after.review);
    expect(JSON.stringify(await dumpAll(db))).not.toContain('Ola Nordmann');
  });
});
