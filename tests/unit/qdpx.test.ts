import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { issueWords } from '../../shared/exchange/issues';
import { codebookXml, exportQdpx, projectXml } from '../../shared/exchange/refi/export';
import { guidFor, uuidV5 } from '../../shared/exchange/refi/guid';
import { importQdc, importQdpx } from '../../shared/exchange/refi/import';
import { codePointMapper, utf16ToCodePoint } from '../../shared/exchange/refi/offsets';
import { codePaths } from '../../shared/exchange/paths';
import type { StudyData } from '../../shared/model';
import { exchangeStudy } from '../fixtures/exchange/study';

/** The REFI-QDA Project schema (March 2019), vendored so the test runs in any checkout. */
const XSD_PATH = new URL('../fixtures/refi-qda/Project-mrt2019.xsd', import.meta.url).pathname;

const NOW = '2024-05-01T12:00:00.000Z';
const XSD = XSD_PATH;
const XMLLINT = '/usr/bin/xmllint';
const haveXmllint = existsSync(XMLLINT);
if (!haveXmllint && process.env.CI) throw new Error('xmllint is required in CI to validate REFI-QDA output');

function imported(bytes: Uint8Array) {
  const r = importQdpx(bytes, { now: NOW, fileName: 'x.qdpx' });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r;
}

/** What REFI-QDA carries, with ids replaced by what they name (ids are documented to change). */
function refiView(d: StudyData) {
  const s = d.study;
  const label = (items: { id: string; label: string }[], id: string | null) => (id === null ? null : items.find((x) => x.id === id)?.label);
  const paths = codePaths(d.codes);
  const ivCode = (id: string) => d.interviews.find((i) => i.id === id)?.code;
  return {
    title: s.title,
    description: s.description,
    stages: s.stages.map((x) => x.label),
    situations: s.situations.map((x) => x.label),
    actors: s.actors.map((x) => x.label),
    valenceLabels: s.valenceLabels,
    coders: s.coders.map((c) => [c.name, c.initials]),
    codes: d.codes.map((c) => ({ path: paths.get(c.id), color: c.color.toUpperCase(), definition: c.definition })),
    interviews: d.interviews.map(({ id: _i, studyId: _s, groupId, ...rest }) => ({ ...rest, group: label(s.groups, groupId) })),
    transcripts: d.transcripts.map((t) => [ivCode(t.interviewId), t.text]),
    segments: d.segments.map((g) => ({
      interview: ivCode(g.interviewId),
      participant: g.participantId,
      start: g.start,
      end: g.end,
      quote: g.quote,
      stage: label(s.stages, g.stageId),
      situation: label(s.situations, g.situationId),
      actors: g.actorIds.map((a) => label(s.actors, a)),
      valence: g.valence,
      kind: g.kind,
      codes: g.codeIds.map((c) => paths.get(c)),
      note: g.note,
      coder: s.coders.find((c) => c.id === g.coderId)?.initials,
      anchor: g.anchor,
      createdAt: g.createdAt,
      updatedAt: g.updatedAt,
    })),
  };
}

describe('GUIDs and offsets', () => {
  it('uuidV5 matches the RFC 4122 / Python uuid5 vector', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    expect(guidFor('code', 'a')).toBe(guidFor('code', 'a'));
    expect(guidFor('code', 'a')).not.toBe(guidFor('stage', 'a'));
  });
  it('UTF-16 offsets become code points (an emoji counts once) and back, with CRLF removed', () => {
    const t = 'a😀b🙈🙈c';
    expect([0, 1, 3, 4, 6, 8, 9].map((o) => utf16ToCodePoint(t, o))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const m = codePointMapper('x\r\n😀y\rz');
    expect(m.text).toBe('x\n😀y\nz');
    expect([0, 1, 3, 4, 5, 6].map(m.toUtf16)).toEqual([0, 1, 2, 4, 5, 6]);
    expect(m.toUtf16(99)).toBeNull();
  });
});

describe('REFI-QDA export', () => {
  const data = exchangeStudy();
  it('project.qde validates against the REFI-QDA 1.0 schema (xmllint)', (ctx) => {
    if (!haveXmllint) return ctx.skip();
    const dir = mkdtempSync(join(tmpdir(), 'qdpx-'));
    const files = unzipSync(exportQdpx(data, { now: NOW }));
    writeFileSync(join(dir, 'project.qde'), files['project.qde']!);
    const out = execFileSync(XMLLINT, ['--noout', '--schema', XSD, join(dir, 'project.qde')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out).toBe('');
    // And a schema violation is noticed by the same check (so the test can fail).
    writeFileSync(join(dir, 'bad.qde'), strFromU8(files['project.qde']!).replace('isCodable="true"', 'isCodable="maybe"'));
    expect(() => execFileSync(XMLLINT, ['--noout', '--schema', XSD, join(dir, 'bad.qde')], { stdio: 'ignore' })).toThrow();
  });
  it('positions are code points: the emoji before a quote shifts it by one, not two', () => {
    const xml = projectXml(data);
    const s2 = data.segments[1]!;
    const text = data.transcripts[0]!.text;
    const cpStart = [...text.slice(0, s2.start)].length;
    expect(cpStart).toBe(s2.start - 1);
    expect(xml).toContain(`startPosition="${cpStart}" endPosition="${cpStart + [...s2.quote].length}"`);
  });
  it('is stable: the same study gives the same bytes', () => {
    expect(exportQdpx(data, { now: NOW })).toEqual(exportQdpx(data, { now: NOW }));
  });
  it('sources are stored as internal .txt files and codes carry colour and definition', () => {
    const files = unzipSync(exportQdpx(data, { now: NOW }));
    const guid = guidFor('source', 'iv-a');
    expect(strFromU8(files[`sources/${guid}.txt`]!)).toBe(data.transcripts[0]!.text);
    const xml = strFromU8(files['project.qde']!);
    expect(xml).toContain(`plainTextPath="internal://${guid}.txt"`);
    expect(xml).toContain('name="Nettsider" isCodable="true" color="#FF7F0E"');
    expect(xml).toContain('<Description>Nettsider som vilbli.no &amp; utdanning.no &lt;b&gt;</Description>');
    expect(codebookXml(data)).toContain('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"');
  });
});

describe('REFI-QDA import', () => {
  it('round trip of our own export is lossless for everything REFI carries', () => {
    const data = exchangeStudy();
    const r = imported(exportQdpx(data, { now: NOW }));
    expect(r.warnings).toEqual([]);
    expect(refiView(r.data)).toEqual(refiView(data));
  });
  it('a stale quote survives the round trip as lost', () => {
    const data = exchangeStudy();
    data.segments[0] = { ...data.segments[0]!, quote: 'gammelt sitat', anchor: 'lost' };
    const r = imported(exportQdpx(data, { now: NOW }));
    expect(r.data.segments[0]).toMatchObject({ quote: 'gammelt sitat', anchor: 'lost' });
  });
  it('codebook (.qdc) import keeps hierarchy, colour and definition and leaves out dimensions', () => {
    const r = importQdc(strToU8(codebookXml(exchangeStudy())), { now: NOW });
    if (!r.ok) throw new Error('qdc');
    expect(r.codes.map((c) => [c.name, c.color, c.parentId === null ? null : r.codes.find((p) => p.id === c.parentId)?.name])).toEqual([
      ['Informasjon', '#1F77B4', null],
      ['Nettsider', '#FF7F0E', 'Informasjon'],
      ['Hjelp', '#2CA02C', null],
    ]);
  });

  const foreign = (xml: string, files: Record<string, string> = {}) =>
    zipSync({ 'project.qde': strToU8(xml), ...Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])) });
  const G1 = '11111111-1111-1111-1111-111111111111';
  const G2 = '22222222-2222-2222-2222-222222222222';
  const G3 = '33333333-3333-3333-3333-333333333333';

  it('reads a foreign project with a namespace prefix, CRLF source and code-point positions', () => {
    const xml = `<?xml version="1.0"?>
<q:Project xmlns:q="urn:QDA-XML:project:1.0" name="Annet &amp; verktøy" origin="OtherQDA 2.0">
 <q:CodeBook><q:Codes><q:Code guid="{${G1.toUpperCase()}}" name="Tema" isCodable="true" color="#abc"/></q:Codes></q:CodeBook>
 <q:Sources><q:TextSource guid="${G2}" name="Intervju 1" plainTextPath="internal://${G2}.txt">
  <q:PlainTextSelection guid="${G3}" name="sel" startPosition="4" endPosition="7"><q:Coding guid="${G1}"><q:CodeRef targetGUID="${G1}"/></q:Coding></q:PlainTextSelection>
 </q:TextSource></q:Sources>
</q:Project>`;
    const r = imported(foreign(xml, { [`sources/${G2}.txt`]: 'a\r\n😀bcd\r\nx' }));
    expect(r.data.study.title).toBe('Annet & verktøy');
    expect(r.data.transcripts[0]!.text).toBe('a\n😀bcd\nx');
    expect(r.data.segments[0]).toMatchObject({ quote: 'bcd', codeIds: [G1], anchor: 'ok' });
    expect(r.data.codes[0]!.color).toBe('#aabbcc');
  });

  it.each([
    ['a DOCTYPE', '<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY x "y">]><Project name="&x;"/>'],
    ['an ENTITY (billion laughs)', '<?xml version="1.0"?><!ENTITY lol "lol"><Project name="a"/>'],
    ['broken XML', '<Project name="a"><Sources></Project>'],
    ['another root', '<CodeBook><Codes/></CodeBook>'],
  ])('refuses %s with an issue, never a throw', (_n, xml) => {
    const r = importQdpx(foreign(xml), { now: NOW });
    expect(r.ok).toBe(false);
  });
  it('refuses an archive with a zip-slip entry', () => {
    const z = zipSync({ 'project.qde': strToU8('<Project name="a"/>'), '../x.txt': strToU8('x') });
    expect(importQdpx(z, { now: NOW }).ok).toBe(false);
  });
  it('a .docx-only source is skipped with a clear warning', () => {
    const xml = `<Project xmlns="urn:QDA-XML:project:1.0" name="p"><Sources><TextSource guid="${G2}" name="Word-fil" richTextPath="internal://${G2}.docx"/></Sources></Project>`;
    const r = imported(foreign(xml));
    expect(r.data.interviews).toEqual([]);
    expect(issueWords(r.warnings[0]!)).toMatch(/docx/);
  });
});
