/**
 * Rejects the impossible in a parsed StudyData before it reaches the database: duplicate ids,
 * references to things that do not exist, spans outside their transcript. A quote that no longer
 * equals its span is not impossible (the transcript was edited): it is flagged `anchor: 'lost'`
 * and reported as a warning, never dropped.
 */
import type { StudyData } from '../model';
import { issue, type Issue, type IssueParams } from '../issues';

export interface IntegrityResult {
  data: StudyData;
  errors: Issue[];
  warnings: Issue[];
}

function duplicates(file: string, name: string, ids: readonly string[], errors: Issue[]): void {
  const seen = new Map<string, number>();
  ids.forEach((id, i) => {
    const prev = seen.get(id);
    if (prev !== undefined) errors.push(issue('integrity.duplicateId', { id, other: `${name}[${prev}]` }, { file, field: `${name}[${i}].id` }));
    else seen.set(id, i);
  });
}

export function checkIntegrity(input: StudyData, file: string): IntegrityResult {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const s = input.study;
  const err = (field: string, code: string, params: IssueParams) => errors.push(issue(code, params, { file, field }));
  for (const [name, items] of [['study.stages', s.stages], ['study.situations', s.situations], ['study.groups', s.groups], ['study.actors', s.actors], ['study.coders', s.coders]] as const) {
    duplicates(file, name, items.map((x) => x.id), errors);
  }
  duplicates(file, 'codes', input.codes.map((c) => c.id), errors);
  duplicates(file, 'interviews', input.interviews.map((c) => c.id), errors);
  duplicates(file, 'segments', input.segments.map((c) => c.id), errors);
  duplicates(file, 'overrides', input.overrides.map((c) => c.id), errors);
  duplicates(file, 'benchmarks', input.benchmarks.map((c) => c.id), errors);
  duplicates(file, 'transcripts', input.transcripts.map((t) => t.interviewId), errors);

  const codeIds = new Set(input.codes.map((c) => c.id));
  input.codes.forEach((c, i) => {
    if (c.parentId !== null && !codeIds.has(c.parentId)) err(`codes[${i}].parentId`, 'integrity.parentMissing', { id: c.parentId });
  });
  const ivs = new Map(input.interviews.map((iv) => [iv.id, iv]));
  const groupIds = new Set(s.groups.map((g) => g.id));
  input.interviews.forEach((iv, i) => {
    if (!groupIds.has(iv.groupId)) err(`interviews[${i}].groupId`, 'integrity.groupMissing', { id: iv.groupId });
  });
  input.transcripts.forEach((t, i) => {
    if (!ivs.has(t.interviewId)) err(`transcripts[${i}].interviewId`, 'integrity.transcriptOrphan', { id: t.interviewId });
  });
  const texts = new Map(input.transcripts.map((t) => [t.interviewId, t.text]));
  const stageIds = new Set(s.stages.map((x) => x.id));
  const situationIds = new Set(s.situations.map((x) => x.id));
  const actorIds = new Set(s.actors.map((x) => x.id));
  const segments = input.segments.map((seg, i) => {
    const f = `segments[${i}]`;
    if (!ivs.has(seg.interviewId)) err(`${f}.interviewId`, 'integrity.segmentOrphan', { segment: seg.id, id: seg.interviewId });
    if (seg.stageId !== null && !stageIds.has(seg.stageId)) err(`${f}.stageId`, 'integrity.unknownStage', { id: seg.stageId });
    if (seg.situationId !== null && !situationIds.has(seg.situationId)) err(`${f}.situationId`, 'integrity.unknownSituation', { id: seg.situationId });
    for (const a of seg.actorIds) if (!actorIds.has(a)) err(`${f}.actorIds`, 'integrity.unknownActor', { id: a });
    for (const c of seg.codeIds) if (!codeIds.has(c)) err(`${f}.codeIds`, 'integrity.unknownCode', { id: c });
    if (seg.end < seg.start) err(`${f}.end`, 'integrity.endBeforeStart', { start: seg.start, end: seg.end });
    const text = texts.get(seg.interviewId);
    if (text === undefined) return seg;
    if (seg.end > text.length) {
      err(`${f}.end`, 'integrity.spanOutside', { start: seg.start, end: seg.end, length: text.length });
      return seg;
    }
    if (text.slice(seg.start, seg.end) !== seg.quote && seg.anchor === 'ok') {
      warnings.push(issue('integrity.quoteMismatch', { id: seg.id }, { file, field: `${f}.quote`, severity: 'warning' }));
      return { ...seg, anchor: 'lost' as const };
    }
    return seg;
  });
  input.overrides.forEach((o, i) => {
    if (!ivs.has(o.interviewId)) err(`overrides[${i}].interviewId`, 'integrity.overrideOrphan', { id: o.interviewId });
  });
  return { data: { ...input, segments }, errors, warnings };
}
