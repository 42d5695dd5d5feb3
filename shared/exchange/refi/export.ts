/**
 * REFI-QDA export (QDA-XML 1.0, Project-mrt2019.xsd): `.qdpx` = zip of `project.qde` + `sources/<guid>.txt`,
 * and `.qdc` = the codebook alone. Mapping (docs/exchange.md has the table):
 *  - coders → Users; codes → Codes (colour, Description = definition), plus non-codable groups
 *    Fase / Situasjon / Valens / Type / Aktører whose children are the values, so other tools see
 *    every dimension as a code;
 *  - interviews → TextSource (`plainTextPath="internal://<guid>.txt"`), with interview fields as
 *    VariableValues and the notes as Description;
 *  - segments → PlainTextSelection (positions in code points, name = the quote, Description = note,
 *    creatingUser = coder) with one Coding/CodeRef per code and per dimension value;
 *  - informants → Cases with Variables (group, format, mode, counsellor category), SourceRef and a
 *    SelectionRef per segment of that participant.
 */
import { strToU8, zipSync } from 'fflate';
import { studyAssessments } from '../../analysis/counsellor';
import { informantKey, type Code, type StudyData } from '../../model';
import { CATEGORY_NB, FORMAT_NB, KIND_NB, MODE_NB, STATUS_NB } from '../vocab';
import { guidFor } from './guid';
import { utf16ToCodePoint } from './offsets';
import { escapeAttr as a, escapeText as t } from './xml';
import { memoNotes, type MemoNotes } from './notes';

export const PROJECT_NS = 'urn:QDA-XML:project:1.0';
export const CODEBOOK_NS = 'urn:QDA-XML:codebook:1.0';

/** The dimension groups and the variables, by a stable key (their GUIDs derive from it). */
export const DIMENSIONS = { stage: 'Fase', situation: 'Situasjon', valence: 'Valens', kind: 'Type', actor: 'Aktører' } as const;
export const VARIABLES = {
  group: { name: 'Gruppe', type: 'Text' },
  format: { name: 'Format', type: 'Text' },
  mode: { name: 'Modus', type: 'Text' },
  category: { name: 'Rådgiverkategori', type: 'Text' },
  date: { name: 'Dato', type: 'Date' },
  status: { name: 'Status', type: 'Text' },
  consent: { name: 'Samtykke', type: 'Boolean' },
  interviewer: { name: 'Intervjuer', type: 'Text' },
  site: { name: 'Sted', type: 'Text' },
} as const;
export type VariableKey = keyof typeof VARIABLES;

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
function dt(name: string, v: string): string {
  return DATETIME.test(v) ? ` ${name}="${a(v)}"` : '';
}

function codeXml(c: Code, children: Map<string | null, Code[]>, indent: string, notes?: MemoNotes): string {
  const kids = children.get(c.id) ?? [];
  const desc = (c.definition ? `${indent}  <Description>${t(c.definition)}</Description>\n` : '') + (notes?.refs(guidFor('code', c.id), `${indent}  `) ?? '');
  const open = `${indent}<Code guid="${guidFor('code', c.id)}" name="${a(c.name)}" isCodable="true" color="${a(c.color.toUpperCase())}"`;
  if (!desc && kids.length === 0) return `${open}/>\n`;
  return `${open}>\n${desc}${kids.map((k) => codeXml(k, children, indent + '  ', notes)).join('')}${indent}</Code>\n`;
}

function dimXml(key: keyof typeof DIMENSIONS, values: { guid: string; name: string; description?: string }[]): string {
  const kids = values
    .map((v) => `      <Code guid="${v.guid}" name="${a(v.name)}" isCodable="true"${v.description ? `>\n        <Description>${t(v.description)}</Description>\n      </Code>` : '/>'}\n`)
    .join('');
  return `    <Code guid="${guidFor('dim', key)}" name="${DIMENSIONS[key]}" isCodable="false"${kids ? `>\n${kids}    </Code>` : '/>'}\n`;
}

/** The `<Codes>` content: our codebook (by parent, in `order`) then the dimension groups. */
function codesXml(data: StudyData, notes?: MemoNotes): string {
  const children = new Map<string | null, Code[]>();
  const ids = new Set(data.codes.map((c) => c.id));
  for (const c of data.codes) {
    const p = c.parentId !== null && ids.has(c.parentId) ? c.parentId : null;
    children.set(p, [...(children.get(p) ?? []), c]);
  }
  for (const list of children.values()) list.sort((x, y) => x.order - y.order);
  const s = data.study;
  return (
    (children.get(null) ?? []).map((c) => codeXml(c, children, '    ', notes)).join('') +
    dimXml('stage', s.stages.map((x) => ({ guid: guidFor('stage', x.id), name: x.label, description: x.description }))) +
    dimXml('situation', s.situations.map((x) => ({ guid: guidFor('situation', x.id), name: x.label, description: x.description }))) +
    dimXml('valence', (['positive', 'mixed', 'negative'] as const).map((v) => ({ guid: guidFor('valence', v), name: s.valenceLabels[v] }))) +
    dimXml('kind', (['experience', 'wish'] as const).map((k) => ({ guid: guidFor('kind', k), name: KIND_NB[k] }))) +
    dimXml('actor', s.actors.map((x) => ({ guid: guidFor('actor', x.id), name: x.label, description: x.description })))
  );
}

function varValue(key: VariableKey, value: string | null, indent: string): string {
  if (value === null || value === '') return '';
  const tag = { Text: 'TextValue', Date: 'DateValue', Boolean: 'BooleanValue' }[VARIABLES[key].type];
  return `${indent}<VariableValue><VariableRef targetGUID="${guidFor('var', key)}"/><${tag}>${t(value)}</${tag}></VariableValue>\n`;
}

export function projectXml(data: StudyData): string {
  const s = data.study;
  const groupLabel = (id: string) => s.groups.find((g) => g.id === id)?.label ?? id;
  const notes = memoNotes(data);
  const lines: string[] = [];
  lines.push('<?xml version="1.0" encoding="utf-8"?>');
  lines.push(`<Project xmlns="${PROJECT_NS}" name="${a(s.title)}" origin="Reisekart"${dt('creationDateTime', s.createdAt)}${dt('modifiedDateTime', s.updatedAt)}>`);
  if (s.coders.length > 0) {
    lines.push('  <Users>');
    for (const c of s.coders) lines.push(`    <User guid="${guidFor('user', c.id)}" name="${a(c.name)}" id="${a(c.initials)}"/>`);
    lines.push('  </Users>');
  }
  lines.push('  <CodeBook>\n  <Codes>');
  lines.push(codesXml(data, notes).replace(/\n$/, ''));
  lines.push('  </Codes>\n  </CodeBook>');
  lines.push('  <Variables>');
  for (const [key, v] of Object.entries(VARIABLES)) lines.push(`    <Variable guid="${guidFor('var', key)}" name="${a(v.name)}" typeOfVariable="${v.type}"/>`);
  lines.push('  </Variables>');

  const assessments = new Map(studyAssessments(data).map((x) => [x.informantKey, x]));
  const cases: string[] = [];
  for (const iv of data.interviews) {
    for (const p of iv.participants) {
      const key = informantKey(iv.id, p.id);
      const cat = assessments.get(key)?.category;
      const sel = data.segments.filter((g) => g.interviewId === iv.id && g.participantId === p.id);
      cases.push(
        `    <Case guid="${guidFor('case', key)}" name="${a(`${iv.code} ${p.id}`)}">\n` +
          (p.note ? `      <Description>${t(p.note)}</Description>\n` : '') +
          varValue('group', groupLabel(iv.groupId), '      ') +
          varValue('format', FORMAT_NB[iv.format], '      ') +
          varValue('mode', MODE_NB[iv.mode], '      ') +
          varValue('category', cat ? CATEGORY_NB[cat] : null, '      ') +
          `      <SourceRef targetGUID="${guidFor('source', iv.id)}"/>\n` +
          sel.map((g) => `      <SelectionRef targetGUID="${guidFor('selection', g.id)}"/>\n`).join('') +
          '    </Case>',
      );
    }
  }
  if (cases.length > 0) lines.push('  <Cases>', ...cases, '  </Cases>');

  const texts = new Map(data.transcripts.map((x) => [x.interviewId, x.text]));
  if (data.interviews.length > 0) {
    lines.push('  <Sources>');
    for (const iv of data.interviews) {
      const guid = guidFor('source', iv.id);
      const text = texts.get(iv.id) ?? '';
      lines.push(`    <TextSource guid="${guid}" name="${a(iv.code)}" plainTextPath="internal://${guid}.txt"${dt('creationDateTime', iv.createdAt)}${dt('modifiedDateTime', iv.updatedAt)}>`);
      if (iv.notes) lines.push(`      <Description>${t(iv.notes)}</Description>`);
      for (const g of data.segments.filter((x) => x.interviewId === iv.id)) {
        const refs = [
          ...g.codeIds.map((c) => guidFor('code', c)),
          ...(g.stageId ? [guidFor('stage', g.stageId)] : []),
          ...(g.situationId ? [guidFor('situation', g.situationId)] : []),
          ...(g.valence ? [guidFor('valence', g.valence)] : []),
          guidFor('kind', g.kind),
          ...g.actorIds.map((x) => guidFor('actor', x)),
        ];
        const user = guidFor('user', g.coderId);
        lines.push(
          `      <PlainTextSelection guid="${guidFor('selection', g.id)}" name="${a(g.quote)}" startPosition="${utf16ToCodePoint(text, g.start)}" endPosition="${utf16ToCodePoint(text, g.end)}" creatingUser="${user}"${dt('creationDateTime', g.createdAt)}${dt('modifiedDateTime', g.updatedAt)}>`,
        );
        if (g.note) lines.push(`        <Description>${t(g.note)}</Description>`);
        for (const r of refs) lines.push(`        <Coding guid="${guidFor('coding', `${g.id}/${r}`)}" creatingUser="${user}"><CodeRef targetGUID="${r}"/></Coding>`);
        lines.push(notes.refs(guidFor('selection', g.id), '        ').replace(/\n$/, ''));
        lines.push('      </PlainTextSelection>');
      }
      lines.push(
        (
          notes.refs(guid, '      ') +
          varValue('group', groupLabel(iv.groupId), '      ') +
          varValue('format', FORMAT_NB[iv.format], '      ') +
          varValue('mode', MODE_NB[iv.mode], '      ') +
          varValue('date', iv.date, '      ') +
          varValue('status', STATUS_NB[iv.status], '      ') +
          varValue('consent', String(iv.consent), '      ') +
          varValue('interviewer', iv.interviewer, '      ') +
          varValue('site', iv.site, '      ')
        ).replace(/\n$/, ''),
      );
      lines.push('    </TextSource>');
    }
    lines.push('  </Sources>');
  }
  lines.push(notes.xml);
  if (s.description) lines.push(`  <Description>${t(s.description)}</Description>`);
  lines.push(notes.refs('project', '  ').replace(/\n$/, ''));
  lines.push('</Project>');
  return lines.filter((l) => l !== '').join('\n') + '\n';
}

/** `.qdpx`: project.qde plus one UTF-8 text file per interview under `sources/`. */
export function exportQdpx(data: StudyData, opts: { now: string }): Uint8Array {
  const mtime = new Date(opts.now);
  const files: Record<string, [Uint8Array, { mtime: Date }]> = { 'project.qde': [strToU8(projectXml(data)), { mtime }] };
  const texts = new Map(data.transcripts.map((x) => [x.interviewId, x.text]));
  for (const iv of data.interviews) files[`sources/${guidFor('source', iv.id)}.txt`] = [strToU8(texts.get(iv.id) ?? ''), { mtime }];
  return zipSync(files, { level: 6 });
}

/** `.qdc`: the codebook alone (QDA-XML codebook namespace). */
export function codebookXml(data: StudyData): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="${CODEBOOK_NS}" origin="Reisekart">\n  <Codes>\n${codesXml(data)}  </Codes>\n</CodeBook>\n`;
}

export function exportQdc(data: StudyData): Uint8Array {
  return strToU8(codebookXml(data));
}
