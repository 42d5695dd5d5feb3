/**
 * Issue 18: memos in REFI-QDA — each memo a <Note> referenced by a <NoteRef> from what it is about;
 * the file validates against the REFI-QDA 1.0 schema (xmllint), and our own export → import keeps
 * every memo that may leave (kind, target, tag, text, author, times), as needs-review.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { outboundView } from '../../shared/exchange/outbound';
import { exportQdpx, projectXml } from '../../shared/exchange/refi/export';
import { guidFor } from '../../shared/exchange/refi/guid';
import { importQdpx } from '../../shared/exchange/refi/import';
import type { Memo, StudyData } from '../../shared/model';
import { exchangeStudy } from '../fixtures/exchange/study';

const XSD = new URL('../fixtures/refi-qda/Project-mrt2019.xsd', import.meta.url).pathname;
const XMLLINT = '/usr/bin/xmllint';
const NOW = '2024-05-01T12:00:00.000Z';
const T1 = '2024-04-02T08:30:00.000Z';
const OK = { state: 'reviewed', record: { reviewer: 'coder-1', at: T1, counts: {} }, reason: null, hits: {} } as const;

function memo(id: string, kind: Memo['kind'], target: Memo['target'], text: string, extra: Partial<Memo> = {}): Memo {
  return { id, studyId: 'study-1', kind, target, text, tag: null, author: 'coder-1', createdAt: T1, updatedAt: T1, review: OK, ...extra };
}

function withMemos(): StudyData {
  const d = exchangeStudy();
  d.memos = [
    memo('m-study', 'study', {}, 'Journal: **første** uke & <ingen> HTML'),
    memo('m-iv', 'interview', { interviewId: 'iv-a' }, 'Intervjuet gikk raskt.'),
    memo('m-ctx', 'context', { interviewId: 'iv-b' }, 'Gruppeintervju i klasserommet; urolig stemning.', { author: 'coder-2' }),
    memo('m-seg', 'segment', { interviewId: 'iv-a', segmentId: 's2' }, '- vanskelig\n- *nettsider*'),
    memo('m-code', 'code', { codeId: 'c-web' }, 'Skill mellom vilbli og skolens sider.'),
    memo('m-cell', 'cell', { stageId: 'vg1', situationId: 'help' }, 'Mange savner rådgiveren her.'),
    memo('m-room', 'room', { stageId: 'st10', situationId: 'choice' }, 'Verkstedet var uenig i tolkningen.', { tag: 'disagree' }),
    // Flagged (an identifier not resolved): never leaves.
    memo('m-flag', 'study', {}, 'Ring 912 34 567', { review: { state: 'needs-review', record: null, reason: 'typed', hits: { TLF: 1 } } }),
  ];
  return d;
}

/** A memo as REFI carries it, with ids replaced by what they name. */
function view(d: StudyData) {
  const ivCode = (id?: string) => d.interviews.find((i) => i.id === id)?.code;
  const segQuote = (id?: string) => d.segments.find((s) => s.id === id)?.quote;
  const codeName = (id?: string) => d.codes.find((c) => c.id === id)?.name;
  const label = (items: { id: string; label: string }[], id?: string) => items.find((x) => x.id === id)?.label;
  const coder = (id: string) => d.study.coders.find((c) => c.id === id)?.initials;
  return (d.memos ?? [])
    .map((m) => ({
      kind: m.kind,
      text: m.text,
      tag: m.tag,
      author: coder(m.author),
      interview: ivCode(m.target.interviewId),
      segment: segQuote(m.target.segmentId),
      code: codeName(m.target.codeId),
      stage: label(d.study.stages, m.target.stageId),
      situation: label(d.study.situations, m.target.situationId),
      createdAt: m.createdAt,
      updatedAt: m.updatedAt,
    }))
    .sort((a, b) => a.text.localeCompare(b.text));
}

describe('memos in REFI-QDA', () => {
  it('project.qde with Notes and NoteRefs validates against the schema (xmllint)', (ctx) => {
    if (!existsSync(XMLLINT)) return ctx.skip();
    const dir = mkdtempSync(join(tmpdir(), 'qdpx-notes-'));
    const files = unzipSync(exportQdpx(outboundView(withMemos()).exchange, { now: NOW }));
    const xml = strFromU8(files['project.qde'] as Uint8Array);
    expect((xml.match(/<Note /g) ?? []).length).toBe(7);
    expect((xml.match(/<NoteRef /g) ?? []).length).toBe(7);
    writeFileSync(join(dir, 'project.qde'), xml);
    expect(execFileSync(XMLLINT, ['--noout', '--schema', XSD, join(dir, 'project.qde')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })).toBe('');
    // The same check fails a NoteRef in the wrong place (so it can fail).
    writeFileSync(join(dir, 'bad.qde'), xml.replace('<Notes>', '<NoteRef targetGUID="00000000-0000-0000-0000-000000000000"/>\n  <Notes>'));
    expect(() => execFileSync(XMLLINT, ['--noout', '--schema', XSD, join(dir, 'bad.qde')], { stdio: 'ignore' })).toThrow();
  });

  it('each NoteRef sits in what its memo is about; the flagged memo is not in the file', () => {
    const xml = projectXml(outboundView(withMemos()).exchange);
    const inside = (open: RegExp, close: string, memoId: string) => {
      const m = open.exec(xml);
      return m !== null && xml.slice(m.index, xml.indexOf(close, m.index)).includes(`<NoteRef targetGUID="${guidFor('memo', memoId)}"/>`);
    };
    expect(xml).toContain(`<NoteRef targetGUID="${guidFor('memo', 'm-code')}"/>`);
    expect(new RegExp(`<Code guid="${guidFor('code', 'c-web')}"[^>]*>\\n\\s*<Description>[^<]*</Description>\\n\\s*<NoteRef targetGUID="${guidFor('memo', 'm-code')}"/>`).test(xml)).toBe(true);
    expect(inside(new RegExp(`<PlainTextSelection guid="${guidFor('selection', 's2')}"`), '</PlainTextSelection>', 'm-seg')).toBe(true);
    expect(inside(new RegExp(`<TextSource guid="${guidFor('source', 'iv-b')}"`), '</TextSource>', 'm-ctx')).toBe(true);
    expect(inside(/<\/Sources>/, '</Project>', 'm-study')).toBe(true);
    expect(xml).not.toContain('912 34 567');
    expect(xml).not.toContain(guidFor('memo', 'm-flag'));
    expect(xml).toContain('name="Verkstedreaksjon (uenig)"');
    expect(xml).toContain('Journal: **første** uke &amp; &lt;ingen&gt; HTML');
  });

  it('our own export → import keeps every memo that may leave (7 of 8), as needs-review', () => {
    const data = withMemos();
    const out = outboundView(data).exchange;
    expect(out.memos).toHaveLength(7);
    const r = importQdpx(exportQdpx(out, { now: NOW }), { now: NOW, fileName: 'x.qdpx' });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.warnings).toEqual([]);
    expect(r.data.memos).toHaveLength(7);
    expect(view(r.data)).toEqual(view(out));
    expect(r.data.memos?.every((m) => m.review.state === 'needs-review' && m.review.reason === 'import')).toBe(true);
    expect(r.review.memos).toBe(7);
  });

  it("another tool's Note (text in a file, referenced from a source) becomes an interview memo", () => {
    const xml = projectXml(exchangeStudy())
      .replace('</Sources>', '</Sources>\n  <Notes>\n    <Note guid="{AAAAAAAA-1111-2222-3333-444444444444}" name="Memo" plainTextPath="internal://note1.txt"/>\n  </Notes>')
      .replace(/(<TextSource guid="[^"]+"[^>]*>)/, '$1\n      <NoteRef targetGUID="AAAAAAAA-1111-2222-3333-444444444444"/>');
    const files = unzipSync(exportQdpx(exchangeStudy(), { now: NOW }));
    files['project.qde'] = new TextEncoder().encode(xml.replace(' origin="Reisekart"', ' origin="Other"'));
    files['sources/note1.txt'] = new TextEncoder().encode('Notat fra et annet program.');
    const r = importQdpx(zipSync(files), { now: NOW, fileName: 'y.qdpx' });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.data.memos).toEqual([expect.objectContaining({ kind: 'interview', text: 'Notat fra et annet program.', target: { interviewId: r.data.interviews[0]?.id } })]);
  });
});
