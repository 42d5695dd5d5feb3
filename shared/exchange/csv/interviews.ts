/** The interviews file (one row per interview) and the informants file (one row per participant). */
import { CATEGORY_NB, STATUS_NB, fromVocab, parseYesNo } from '../vocab';
import { Interview, participantsFor, type InterviewFormat, type InterviewMode, type StudyData } from '../../model';
import type { Issue } from '../issues';
import { parseDate } from '../numbers';
import type { ColumnMapping } from './fields';
import type { ParsedCsv } from './read';
import { defaultId, mappedOrIssue, rowReader, rowsWithProgress, valueOf, type ImportOptions } from './rows';

export function importInterviews(table: ParsedCsv, mapping: ColumnMapping, data: StudyData, opts: ImportOptions, issues: Issue[]): Interview[] {
  mappedOrIssue(table, mapping, 'interviews', ['code', 'group', 'format', 'mode'], issues);
  if (issues.length) return [];
  const out: Interview[] = [];
  const seen = new Map<string, number>();
  const existing = new Set(data.interviews.map((i) => i.code.toLowerCase()));
  for (const row of rowsWithProgress(table, opts)) {
    const r = rowReader(table, row, mapping, 'interviews', issues);
    const code = r.required('code');
    if (code !== null) {
      const prev = seen.get(code.toLowerCase());
      if (prev !== undefined) r.fail('code', 'csv.duplicateCode', `koden «${code}» finnes allerede på linje ${prev}`, { other: prev });
      else if (existing.has(code.toLowerCase())) r.fail('code', 'csv.codeExists', `koden «${code}» finnes allerede i studien`);
      seen.set(code.toLowerCase(), row.line);
    }
    const groupRaw = r.required('group');
    const groupId = groupRaw === null ? null : valueOf(r, 'group', 'group', data, opts);
    const format = r.required('format') === null ? null : (valueOf(r, 'format', 'format', data, opts) as InterviewFormat | null);
    const mode = r.required('mode') === null ? null : (valueOf(r, 'mode', 'mode', data, opts) as InterviewMode | null);
    let count = 1;
    if (r.get('participants') !== '') count = r.int('participants', 1) ?? 1;
    let date: string | null = null;
    if (r.get('date') !== '') {
      const d = parseDate(r.get('date'));
      if (d.ok) date = d.iso;
      else r.fail('date', 'csv.badDate', `«${r.get('date')}» er ikke en gyldig dato (dd.mm.åååå)`);
    }
    let consent = false;
    if (r.get('consent') !== '') {
      const c = parseYesNo(r.get('consent'));
      if (c === null) r.fail('consent', 'csv.yesNo', `«${r.get('consent')}»: skriv ja eller nei`);
      else consent = c;
    }
    let status: Interview['status'] = 'planned';
    if (r.get('status') !== '') {
      const s = fromVocab(STATUS_NB, r.get('status'));
      if (!s) r.fail('status', 'csv.unknownStatus', `ukjent status «${r.get('status')}»`);
      else status = s;
    }
    if (code === null || !groupId || !format || !mode) continue;
    const candidate = {
      id: (opts.newId ?? defaultId)('interviews', row.line),
      studyId: data.study.id,
      code,
      groupId,
      format,
      participants: participantsFor(count),
      mode,
      date,
      interviewer: r.get('interviewer'),
      site: r.get('site'),
      consent,
      notes: r.get('notes', true),
      status,
      createdAt: opts.now,
      updatedAt: opts.now,
    };
    const parsed = Interview.safeParse(candidate);
    if (parsed.success) out.push(parsed.data);
    else for (const e of parsed.error.issues) r.fail(String(e.path[0] ?? ''), 'csv.invalid', e.message, { detail: e.message });
  }
  return out;
}

/** Informants file: one row per participant; rows with the same interview code form one interview. */
export function importInformants(table: ParsedCsv, mapping: ColumnMapping, data: StudyData, opts: ImportOptions, issues: Issue[]): Interview[] {
  mappedOrIssue(table, mapping, 'informants', ['interview', 'participant', 'group'], issues);
  if (issues.length) return [];
  const byCode = new Map<string, Interview>();
  const existing = new Set(data.interviews.map((i) => i.code.toLowerCase()));
  for (const row of rowsWithProgress(table, opts)) {
    const r = rowReader(table, row, mapping, 'informants', issues);
    const code = r.required('interview');
    const pid = r.required('participant');
    if (pid !== null && !/^P\d{1,3}$/.test(pid)) r.fail('participant', 'csv.participantFormat', `«${pid}»: deltaker må være P1, P2, …`);
    const groupId = r.required('group') === null ? null : valueOf(r, 'group', 'group', data, opts);
    const format = r.get('format') === '' ? null : (valueOf(r, 'format', 'format', data, opts) as InterviewFormat | null);
    const mode = r.get('mode') === '' ? 'in-person' : (valueOf(r, 'mode', 'mode', data, opts) as InterviewMode | null);
    if (r.get('category') !== '' && !fromVocab(CATEGORY_NB, r.get('category'))) r.fail('category', 'csv.unknownCategory', `ukjent kategori «${r.get('category')}»`);
    if (code === null || pid === null || !groupId || !mode) continue;
    if (existing.has(code.toLowerCase())) {
      r.fail('interview', 'csv.codeExists', `intervjuet «${code}» finnes allerede i studien`);
      continue;
    }
    const iv = byCode.get(code.toLowerCase());
    if (!iv) {
      byCode.set(code.toLowerCase(), {
        id: (opts.newId ?? defaultId)('informants', row.line),
        studyId: data.study.id,
        code,
        groupId,
        format: format ?? 'individual',
        participants: [{ id: pid, note: '' }],
        mode,
        date: null,
        interviewer: '',
        site: '',
        consent: false,
        notes: '',
        status: 'planned',
        createdAt: opts.now,
        updatedAt: opts.now,
      });
    } else if (iv.participants.some((p) => p.id === pid)) {
      r.fail('participant', 'csv.participantTwice', `${pid} står to ganger for ${code}`, { interview: code });
    } else if (iv.groupId !== groupId) {
      r.fail('group', 'csv.groupDiffers', `${code} har en annen gruppe på en tidligere linje`, { interview: code });
    } else {
      iv.participants.push({ id: pid, note: '' });
      if (!format) iv.format = 'group';
    }
  }
  return [...byCode.values()];
}
