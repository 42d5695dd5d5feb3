/**
 * Tolerant REFI-QDA import (.qdpx project, .qdc codebook) from Reisekart or other QDA tools.
 * Safety first: a DTD or entity declaration is refused before parsing, the parser never expands
 * entities (we decode the five predefined ones and numeric references ourselves), and the zip goes
 * through the same guards as bundles. Namespace prefixes and versions are ignored. Sources with CRLF
 * are normalised to LF with positions moved to match; .docx-only sources are skipped with an issue.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DEFAULT_GROUPS, newStudy, StudyData, type Code, type FrameItem, type GroupDef, type Interview, type Segment, type Valence } from '../../model';
import { decodeText } from '../decode';
import { checkIntegrity } from '../integrity';
import type { Issue } from '../issues';
import { DEFAULT_ZIP_LIMITS, safeUnzip } from '../zip';
import { FORMAT_NB, KIND_NB, MODE_NB, STATUS_NB, fromVocab } from '../vocab';
import { DIMENSIONS, VARIABLES, type VariableKey } from './export';
import { guidFor } from './guid';
import { codePointMapper } from './offsets';
import { gateIncoming, type IncomingSummary } from '../gate-in';
import { decodeEntities, hasDtd, scanXml } from './xml';
import { readNotes } from './notes';

type X = Record<string, unknown>;

const ARRAYS = new Set(['User', 'Code', 'Case', 'Variable', 'VariableValue', 'TextSource', 'PictureSource', 'PDFSource', 'AudioSource', 'VideoSource', 'PlainTextSelection', 'Coding', 'SourceRef', 'SelectionRef', 'CodeRef', 'Note', 'NoteRef']);

function parser(): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    removeNSPrefix: true,
    processEntities: false,
    htmlEntities: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    isArray: (name) => ARRAYS.has(name),
  });
}

const attr = (x: X | undefined, name: string): string | undefined => {
  const v = x?.[`@${name}`];
  return typeof v === 'string' ? decodeEntities(v) : undefined;
};
const textOf = (v: unknown): string => (typeof v === 'string' ? decodeEntities(v) : typeof v === 'object' && v !== null && typeof (v as X)['#text'] === 'string' ? decodeEntities((v as X)['#text'] as string) : '');
const list = (x: X | undefined, name: string): X[] => (Array.isArray(x?.[name]) ? (x?.[name] as unknown[]).filter((v): v is X => typeof v === 'object' && v !== null) : []);
const child = (x: X | undefined, name: string): X | undefined => {
  const v = x?.[name];
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as X) : undefined;
};
const g = (s: string | undefined) => (s ?? '').replace(/[{}]/g, '').toLowerCase();

/** A parser exception as a located issue: the boundary never lets one through. */
function caught(file: string, e: unknown): Issue {
  const detail = e instanceof Error ? e.message : String(e);
  return { file, code: 'import.unreadable', params: { detail: detail.slice(0, 200) }, message: `Filen kunne ikke leses (${detail.slice(0, 200)})` };
}

export type ParseXmlResult = { ok: true; root: X } | { ok: false; issues: Issue[] };

export function parseQdaXml(xml: string, file: string, rootName: 'Project' | 'CodeBook'): ParseXmlResult {
  if (hasDtd(xml)) return { ok: false, issues: [{ file, message: 'Filen har en DTD eller ENTITY-erklæring; det godtas ikke (sikkerhet)' }] };
  const capped = scanXml(xml);
  if (capped) return { ok: false, issues: [{ file, line: capped.line, code: capped.code, params: capped.params, message: capped.message }] };
  let doc: X;
  try {
    const v = XMLValidator.validate(xml);
    if (v !== true) return { ok: false, issues: [{ file, line: v.err.line, code: 'xml.invalid', params: { detail: v.err.msg }, message: `Ugyldig XML: ${v.err.msg}` }] };
    doc = parser().parse(xml) as X;
  } catch (e) {
    return { ok: false, issues: [caught(file, e)] };
  }
  const root = child(doc, rootName);
  if (!root) return { ok: false, issues: [{ file, message: `Fant ikke <${rootName}> som rotelement` }] };
  return { ok: true, root };
}

interface CodeNode {
  guid: string;
  name: string;
  color?: string;
  description: string;
  parent: string | null;
  node: X;
}

function walkCodes(codes: X[], parent: string | null, out: CodeNode[]): void {
  for (const c of codes) {
    out.push({ guid: g(attr(c, 'guid')), name: attr(c, 'name') ?? '', color: attr(c, 'color'), description: textOf(c.Description), parent, node: c });
    walkCodes(list(c, 'Code'), g(attr(c, 'guid')), out);
  }
}

function normaliseColor(c: string | undefined): string {
  if (!c) return '#888888';
  if (/^#[0-9a-fA-F]{6}$/.test(c)) return c;
  if (/^#[0-9a-fA-F]{3}$/.test(c)) return `#${c[1]}${c[1]}${c[2]}${c[2]}${c[3]}${c[3]}`;
  return '#888888';
}

export interface ImportQdaOptions {
  now: string;
  fileName?: string;
}

/**
 * The text of a source as other tools write its path: `internal://x.txt`, `relative://x.txt`, a bare
 * name in `sources/`, or a path whose basename is in `sources/` (any case for the folder).
 */
export function findSource(files: Readonly<Record<string, Uint8Array>>, path: string): Uint8Array | undefined {
  const p = path.replace(/^(internal|relative|file):\/\/+/i, '').replace(/\\/g, '/');
  const direct = files[`sources/${p}`] ?? files[`Sources/${p}`] ?? files[p];
  if (direct) return direct;
  const base = (p.split('/').pop() ?? '').toLowerCase();
  if (base === '') return undefined;
  for (const [name, bytes] of Object.entries(files)) {
    const parts = name.split('/');
    if (parts.length === 2 && parts[0]?.toLowerCase() === 'sources' && parts[1]?.toLowerCase() === base) return bytes;
  }
  return undefined;
}

export type ImportQdpxResult = { ok: true; data: StudyData; warnings: Issue[]; review: IncomingSummary } | { ok: false; issues: Issue[] };

/** The codebook (our codes + dimension groups) from a `<Codes>` element. */
function readCodebook(codesEl: X | undefined, studyId: string) {
  const nodes: CodeNode[] = [];
  walkCodes(list(codesEl, 'Code'), null, nodes);
  const dimGuid = Object.fromEntries(Object.keys(DIMENSIONS).map((k) => [guidFor('dim', k), k])) as Record<string, keyof typeof DIMENSIONS>;
  const dims: Record<keyof typeof DIMENSIONS, CodeNode[]> = { stage: [], situation: [], valence: [], kind: [], actor: [] };
  const codes: Code[] = [];
  const dimOf = new Map<string, keyof typeof DIMENSIONS>();
  for (const n of nodes) {
    if (dimGuid[n.guid]) continue;
    const dim = n.parent ? dimGuid[n.parent] : undefined;
    if (dim) {
      dims[dim].push(n);
      dimOf.set(n.guid, dim);
      continue;
    }
    codes.push({ id: n.guid, studyId, parentId: n.parent, name: n.name.slice(0, 200) || '(uten navn)', color: normaliseColor(n.color), definition: n.description, examples: [], order: codes.length });
  }
  return { codes, dims, dimOf };
}

export function importQdc(bytes: Uint8Array, opts: ImportQdaOptions): { ok: true; codes: Code[] } | { ok: false; issues: Issue[] } {
  try {
    return importQdcUnguarded(bytes, opts);
  } catch (e) {
    return { ok: false, issues: [caught(opts.fileName ?? 'kodebok.qdc', e)] };
  }
}

function importQdcUnguarded(bytes: Uint8Array, opts: ImportQdaOptions): { ok: true; codes: Code[] } | { ok: false; issues: Issue[] } {
  const file = opts.fileName ?? 'kodebok.qdc';
  const r = parseQdaXml(decodeText(bytes).text, file, 'CodeBook');
  if (!r.ok) return r;
  return { ok: true, codes: readCodebook(child(r.root, 'Codes'), 'import').codes };
}

export function importQdpx(bytes: Uint8Array, opts: ImportQdaOptions): ImportQdpxResult {
  try {
    return importQdpxUnguarded(bytes, opts);
  } catch (e) {
    return { ok: false, issues: [caught(opts.fileName ?? 'prosjekt.qdpx', e)] };
  }
}

function importQdpxUnguarded(bytes: Uint8Array, opts: ImportQdaOptions): ImportQdpxResult {
  const file = opts.fileName ?? 'prosjekt.qdpx';
  // Only the project and plain-text sources are inflated (media and .docx sources are skipped anyway).
  const unz = safeUnzip(bytes, file, DEFAULT_ZIP_LIMITS, (n) => /\.(qde|txt)$/i.test(n));
  if (!unz.ok) return unz;
  const qdeName = Object.keys(unz.files).find((n) => n.toLowerCase().endsWith('.qde'));
  if (!qdeName) return { ok: false, issues: [{ file, message: 'Fant ikke project.qde i arkivet' }] };
  const parsed = parseQdaXml(decodeText(unz.files[qdeName] as Uint8Array).text, `${file}/${qdeName}`, 'Project');
  if (!parsed.ok) return parsed;
  const root = parsed.root;
  const warnings: Issue[] = [];
  const warn = (message: string, field?: string) => warnings.push({ file, message, severity: 'warning', ...(field ? { field } : {}) });

  const studyId = guidFor('project', attr(root, 'name') ?? 'import');
  const created = attr(root, 'creationDateTime') ?? opts.now;
  const base = newStudy(studyId, (attr(root, 'name') ?? '').slice(0, 300) || 'Importert prosjekt', created);
  const users = list(child(root, 'Users'), 'User').map((u) => ({ id: g(attr(u, 'guid')), name: (attr(u, 'name') || attr(u, 'id') || 'Koder').slice(0, 100), initials: (attr(u, 'id') || attr(u, 'name') || 'K').slice(0, 10) }));
  const book = readCodebook(child(child(root, 'CodeBook'), 'Codes'), studyId);
  const frame = (nodes: CodeNode[]): FrameItem[] => nodes.map((n) => ({ id: n.guid, label: n.name || '(uten navn)', ...(n.description ? { description: n.description } : {}) }));
  const valenceOf = new Map<string, Valence>();
  const valenceLabels = { ...base.valenceLabels };
  for (const v of ['positive', 'mixed', 'negative'] as const) {
    const n = book.dims.valence.find((x) => x.guid === guidFor('valence', v));
    if (n) {
      valenceOf.set(n.guid, v);
      valenceLabels[v] = n.name;
    }
  }
  const kindOf = new Map(book.dims.kind.map((n) => [n.guid, fromVocab(KIND_NB, n.name) ?? (n.guid === guidFor('kind', 'wish') ? 'wish' : 'experience')]));

  // Variables by GUID → our key (ours by GUID, foreign ones by name).
  const varKey = new Map<string, VariableKey>();
  for (const v of list(child(root, 'Variables'), 'Variable')) {
    const guid = g(attr(v, 'guid'));
    const key = (Object.keys(VARIABLES) as VariableKey[]).find((k) => guidFor('var', k) === guid || VARIABLES[k].name.toLowerCase() === (attr(v, 'name') ?? '').toLowerCase());
    if (key) varKey.set(guid, key);
  }
  const values = (x: X): Partial<Record<VariableKey, string>> => {
    const out: Partial<Record<VariableKey, string>> = {};
    for (const vv of list(x, 'VariableValue')) {
      const key = varKey.get(g(attr(child(vv, 'VariableRef'), 'guid') ?? attr(child(vv, 'VariableRef'), 'targetGUID')));
      if (!key) continue;
      const raw = ['TextValue', 'BooleanValue', 'IntegerValue', 'FloatValue', 'DateValue', 'DateTimeValue'].map((t) => vv[t]).find((v) => v !== undefined);
      out[key] = textOf(raw).trim();
    }
    return out;
  };

  // Groups: ours by label, others added as they appear.
  const groups: GroupDef[] = [];
  const groupFor = (label: string | undefined): string => {
    const l = (label ?? '').trim() || 'Ukjent gruppe';
    let gd = groups.find((x) => x.label.toLowerCase() === l.toLowerCase());
    if (!gd) {
      gd = DEFAULT_GROUPS.find((x) => x.label.toLowerCase() === l.toLowerCase()) ?? { id: `g${groups.length + 1}`, label: l.slice(0, 200), prefix: l.replace(/[^A-Za-zÆØÅæøå]/g, '').slice(0, 2).toUpperCase() || 'G' };
      groups.push(gd);
    }
    return gd.id;
  };

  // Cases → participants per source, and the participant of each selection.
  const participantsBySource = new Map<string, string[]>();
  const participantOfSelection = new Map<string, string>();
  const caseVars = new Map<string, Partial<Record<VariableKey, string>>>();
  for (const c of list(child(root, 'Cases'), 'Case')) {
    const vals = values(c);
    for (const sr of list(c, 'SourceRef')) {
      const src = g(attr(sr, 'targetGUID'));
      const ps = participantsBySource.get(src) ?? [];
      const m = /\b(P\d{1,3})$/.exec(attr(c, 'name') ?? '');
      const pid = m && !ps.includes(m[1] as string) ? (m[1] as string) : `P${ps.length + 1}`;
      ps.push(pid);
      participantsBySource.set(src, ps);
      caseVars.set(src, { ...vals, ...caseVars.get(src) });
      for (const sel of list(c, 'SelectionRef')) participantOfSelection.set(g(attr(sel, 'targetGUID')), pid);
    }
  }

  const interviews: Interview[] = [];
  const transcripts: StudyData['transcripts'] = [];
  const segments: Segment[] = [];
  const sourcesEl = child(root, 'Sources');
  for (const other of ['PictureSource', 'PDFSource', 'AudioSource', 'VideoSource']) {
    const n = list(sourcesEl, other).length;
    if (n > 0) warn(`${n} kilde(r) av typen ${other} er hoppet over (bare tekst støttes)`);
  }
  for (const src of list(sourcesEl, 'TextSource')) {
    const guid = g(attr(src, 'guid'));
    const name = attr(src, 'name') ?? guid;
    const path = attr(src, 'plainTextPath');
    let raw: string | null = null;
    if (path !== undefined) {
      const bytesOf = findSource(unz.files, path);
      if (bytesOf) raw = decodeText(bytesOf).text;
      else {
        // Codings on a source that cannot be found are counted and shown at error level, never only warned.
        const codings = list(src, 'PlainTextSelection').reduce((n, sel) => n + list(sel, 'Coding').length, 0);
        warnings.push({ file, field: name, severity: 'error', code: 'refi.sourceMissing', params: { source: name, path, codings }, message: `${codings} kodinger kunne ikke plasseres: kilden «${name}» (${path}) mangler i arkivet` });
      }
    } else if (src.PlainTextContent !== undefined) raw = textOf(src.PlainTextContent);
    else if (attr(src, 'richTextPath')?.toLowerCase().endsWith('.docx')) warn(`«${name}» finnes bare som .docx; hoppet over (lagre som ren tekst i det andre programmet)`, name);
    if (raw === null) continue;
    const { text, toUtf16 } = codePointMapper(raw);
    const vals = { ...caseVars.get(guid), ...values(src) };
    const pids = participantsBySource.get(guid) ?? ['P1'];
    const date = vals.date && /^\d{4}-\d{2}-\d{2}$/.test(vals.date) ? vals.date : null;
    interviews.push({
      id: guid,
      studyId,
      code: name.slice(0, 40) || guid.slice(0, 8),
      groupId: groupFor(vals.group),
      format: (vals.format && fromVocab(FORMAT_NB, vals.format)) || (pids.length > 1 ? 'group' : 'individual'),
      participants: [...pids].sort((x, y) => Number(x.slice(1)) - Number(y.slice(1))).map((id) => ({ id, note: '' })),
      mode: (vals.mode && fromVocab(MODE_NB, vals.mode)) || 'in-person',
      date,
      interviewer: (vals.interviewer ?? '').slice(0, 10),
      site: vals.site ?? '',
      consent: vals.consent === 'true',
      notes: textOf(src.Description),
      status: (vals.status && fromVocab(STATUS_NB, vals.status)) || 'transcribed',
      createdAt: attr(src, 'creationDateTime') ?? opts.now,
      updatedAt: attr(src, 'modifiedDateTime') ?? opts.now,
    });
    transcripts.push({ interviewId: guid, studyId, text, source: 'import', turns: [], reviewedBy: null, reviewedAt: null, updatedAt: attr(src, 'modifiedDateTime') ?? opts.now });
    for (const sel of list(src, 'PlainTextSelection')) {
      const sguid = g(attr(sel, 'guid'));
      const start = toUtf16(Number(attr(sel, 'startPosition')));
      const end = toUtf16(Number(attr(sel, 'endPosition')));
      if (start === null || end === null || end < start) {
        warn(`Utvalget ${sguid} i «${name}» ligger utenfor teksten; hoppet over`, name);
        continue;
      }
      const seg: Segment = {
        id: sguid,
        studyId,
        interviewId: guid,
        participantId: participantOfSelection.get(sguid) ?? (pids.length === 1 ? (pids[0] as string) : ''),
        start,
        end,
        quote: text.slice(start, end),
        stageId: null,
        situationId: null,
        actorIds: [],
        valence: null,
        kind: 'experience',
        codeIds: [],
        note: textOf(sel.Description),
        coderId: g(attr(sel, 'creatingUser')) || (users[0]?.id ?? 'import'),
        anchor: 'ok',
        createdAt: attr(sel, 'creationDateTime') ?? opts.now,
        updatedAt: attr(sel, 'modifiedDateTime') ?? opts.now,
      };
      const selName = attr(sel, 'name');
      // Our export writes the quote as the selection name; a differing name from us means a stale quote.
      if (attr(root, 'origin') === 'Reisekart' && selName !== undefined && selName !== seg.quote) {
        seg.quote = selName;
        seg.anchor = 'lost';
      }
      for (const coding of list(sel, 'Coding')) {
        for (const ref of list(coding, 'CodeRef')) {
          const target = g(attr(ref, 'targetGUID'));
          const dim = book.dimOf.get(target);
          if (dim === 'stage') seg.stageId ??= target;
          else if (dim === 'situation') seg.situationId ??= target;
          else if (dim === 'valence') seg.valence ??= valenceOf.get(target) ?? null;
          else if (dim === 'kind') seg.kind = kindOf.get(target) ?? 'experience';
          else if (dim === 'actor') seg.actorIds.push(target);
          else if (book.codes.some((c) => c.id === target)) seg.codeIds.push(target);
          else warn(`Utvalget ${sguid} viser til en ukjent kode ${target}`, name);
        }
      }
      segments.push(seg);
    }
  }
  if (groups.length === 0) groups.push(...DEFAULT_GROUPS);
  const coderIds = new Set(users.map((u) => u.id));
  for (const s of segments) if (!coderIds.has(s.coderId)) {
    users.push({ id: s.coderId, name: 'Ukjent koder', initials: '?' });
    coderIds.add(s.coderId);
  }
  const stages = frame(book.dims.stage);
  const situations = frame(book.dims.situation);
  // Notes → memos (shared/exchange/refi/notes.ts).
  const notes = readNotes(root, {
    studyId,
    now: opts.now,
    ours: attr(root, 'origin') === 'Reisekart',
    interviewOfSegment: new Map(segments.map((s) => [s.id, s.interviewId])),
    interviews: new Set(interviews.map((i) => i.id)),
    codes: new Set(book.codes.map((c) => c.id)),
    dimOf: book.dimOf,
    fileText: (p) => {
      const f = unz.files[p.replace(/^internal:\/\//, 'sources/')];
      return f ? decodeText(f).text : null;
    },
  });
  if (notes.skipped > 0) warn(`${notes.skipped} notat(er) uten tekst er hoppet over`);
  const candidate = {
    study: {
      ...base,
      description: textOf(root.Description),
      stages: stages.length ? stages : base.stages,
      situations: situations.length ? situations : base.situations,
      actors: frame(book.dims.actor),
      groups,
      valenceLabels,
      coders: users,
      counsellorActorId: book.dims.actor.find((n) => /^rådgiver$/i.test(n.name))?.guid ?? base.counsellorActorId,
      updatedAt: attr(root, 'modifiedDateTime') ?? created,
    },
    codes: book.codes,
    interviews,
    transcripts,
    segments,
    overrides: [],
    benchmarks: [],
    ...(notes.memos.length > 0 ? { memos: notes.memos } : {}),
  };
  const z = StudyData.safeParse(candidate);
  if (!z.success) return { ok: false, issues: z.error.issues.slice(0, 50).map((i) => ({ file, field: i.path.join('.'), message: i.message })) };
  const checked = checkIntegrity(z.data, file);
  if (checked.errors.length > 0) return { ok: false, issues: checked.errors };
  // The gate at the door in: every source and every quote arrives as needs review, whatever the file says.
  const gated = gateIncoming(checked.data, 'refi');
  return { ok: true, data: gated.data, warnings: [...warnings, ...checked.warnings], review: gated.summary };
}
