/**
 * Rejects the impossible in a parsed StudyData before it reaches the database: duplicate ids,
 * references to things that do not exist, spans outside their transcript. A quote that no longer
 * equals its span is not impossible (the transcript was edited): it is flagged `anchor: 'lost'`
 * and reported as a warning, never dropped.
 */
import type { StudyData } from '../model';
import type { Issue } from './issues';

export interface IntegrityResult {
  data: StudyData;
  errors: Issue[];
  warnings: Issue[];
}

function duplicates(file: string, name: string, ids: readonly string[], errors: Issue[]): void {
  const seen = new Map<string, number>();
  ids.forEach((id, i) => {
    const prev = seen.get(id);
    if (prev !== undefined) errors.push({ file, field: `${name}[${i}].id`, message: `Dobbel id «${id}» (også ${name}[${prev}])` });
    else seen.set(id, i);
  });
}

export function checkIntegrity(input: StudyData, file: string): IntegrityResult {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const s = input.study;
  const err = (field: string, message: string) => errors.push({ file, field, message });
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
    if (c.parentId !== null && !codeIds.has(c.parentId)) err(`codes[${i}].parentId`, `Overordnet kode «${c.parentId}» finnes ikke`);
  });
  const ivs = new Map(input.interviews.map((iv) => [iv.id, iv]));
  const groupIds = new Set(s.groups.map((g) => g.id));
  input.interviews.forEach((iv, i) => {
    if (!groupIds.has(iv.groupId)) err(`interviews[${i}].groupId`, `Gruppen «${iv.groupId}» finnes ikke`);
  });
  input.transcripts.forEach((t, i) => {
    if (!ivs.has(t.interviewId)) err(`transcripts[${i}].interviewId`, `Transkripsjon for et intervju som ikke finnes («${t.interviewId}»)`);
  });
  const texts = new Map(input.transcripts.map((t) => [t.interviewId, t.text]));
  const stageIds = new Set(s.stages.map((x) => x.id));
  const situationIds = new Set(s.situations.map((x) => x.id));
  const actorIds = new Set(s.actors.map((x) => x.id));
  const segments = input.segments.map((seg, i) => {
    const f = `segments[${i}]`;
    if (!ivs.has(seg.interviewId)) err(`${f}.interviewId`, `Segmentet «${seg.id}» peker på et intervju som ikke finnes («${seg.interviewId}»)`);
    if (seg.stageId !== null && !stageIds.has(seg.stageId)) err(`${f}.stageId`, `Ukjent fase «${seg.stageId}»`);
    if (seg.situationId !== null && !situationIds.has(seg.situationId)) err(`${f}.situationId`, `Ukjent situasjon «${seg.situationId}»`);
    for (const a of seg.actorIds) if (!actorIds.has(a)) err(`${f}.actorIds`, `Ukjent aktør «${a}»`);
    for (const c of seg.codeIds) if (!codeIds.has(c)) err(`${f}.codeIds`, `Ukjent kode «${c}»`);
    if (seg.end < seg.start) err(`${f}.end`, `Slutt (${seg.end}) er før start (${seg.start})`);
    const text = texts.get(seg.interviewId);
    if (text === undefined) return seg;
    if (seg.end > text.length) {
      err(`${f}.end`, `Utdraget (${seg.start}–${seg.end}) går utenfor transkripsjonen (lengde ${text.length})`);
      return seg;
    }
    if (text.slice(seg.start, seg.end) !== seg.quote && seg.anchor === 'ok') {
      warnings.push({ file, field: `${f}.quote`, severity: 'warning', message: `Sitatet i «${seg.id}» stemmer ikke med teksten; merket som tapt forankring` });
      return { ...seg, anchor: 'lost' as const };
    }
    return seg;
  });
  input.overrides.forEach((o, i) => {
    if (!ivs.has(o.interviewId)) err(`overrides[${i}].interviewId`, `Overstyring for et intervju som ikke finnes («${o.interviewId}»)`);
  });
  return { data: { ...input, segments }, errors, warnings };
}
