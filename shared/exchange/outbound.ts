/**
 * What may leave the app, and how a whole study is given new ids. Pure.
 *
 * Outbound (bundle, CSV, REFI-QDA): informants are minors, so the transcripts and segments of an
 * interview that has not been through its anonymisation review stay behind (the gate in
 * shared/model/gate.ts); pseudonym hashes and the study's term list never leave: the salt that
 * makes the hashes safe stays in this app's meta store, and a hash of a name with a known salt is
 * trivially brute-forced; the term list IS a list of identifiers (schools, teachers, places).
 */
import type { StudyData } from '../model';
import { canExport, type GateIssue } from '../model/gate';

export interface Outbound {
  data: StudyData;
  /** Interviews whose transcript or segments were held back (not anonymised). */
  blocked: GateIssue[];
}

export function outboundData(data: StudyData): Outbound {
  const held = new Set(data.interviews.filter((iv) => !canExport(iv)).map((iv) => iv.id));
  const touched = new Set([...data.transcripts.map((t) => t.interviewId), ...data.segments.map((s) => s.interviewId)]);
  const blocked: GateIssue[] = data.interviews
    .filter((iv) => held.has(iv.id) && touched.has(iv.id))
    .map((iv) => ({ interviewId: iv.id, code: iv.code, message: `${iv.code} er ikke anonymisert (status «${iv.status}»)` }));
  // Merge bases and pending conflicts are this copy's bookkeeping (a pending conflict holds the
  // partner's version): they stay. Tombstones travel: they carry no content.
  const { mergeBases: _bases, conflicts: _conflicts, ...rest } = data;
  return {
    data: {
      ...rest,
      study: { ...data.study, lineageId: data.study.lineageId ?? data.study.id },
      transcripts: data.transcripts.filter((t) => !held.has(t.interviewId)),
      segments: data.segments.filter((s) => !held.has(s.interviewId)),
      terms: [],
      pseudonyms: [],
    },
    blocked,
  };
}

/**
 * The same study under a new study id with every record id replaced (`newId()` per record),
 * references followed: transcripts/segments/overrides → interviews, segments → codes, code
 * parents. Needed because record ids are primary keys across ALL studies in the database: a
 * second copy of a study with the same ids would take the first copy's records over.
 */
export function reidStudy(data: StudyData, studyId: string, newId: () => string): StudyData {
  const map = (ids: readonly string[]): Map<string, string> => new Map(ids.map((id) => [id, newId()]));
  const ivIds = map(data.interviews.map((i) => i.id));
  const codeIds = map(data.codes.map((c) => c.id));
  const iv = (id: string): string => ivIds.get(id) ?? id;
  const code = (id: string): string => codeIds.get(id) ?? id;
  // Fresh record ids make it another lineage: a three-way merge matches records by id.
  return {
    study: { ...data.study, id: studyId, lineageId: studyId },
    interviews: data.interviews.map((i) => ({ ...i, id: iv(i.id), studyId })),
    transcripts: data.transcripts.map((t) => ({ ...t, interviewId: iv(t.interviewId), studyId })),
    codes: data.codes.map((c) => ({ ...c, id: code(c.id), parentId: c.parentId === null ? null : code(c.parentId), studyId })),
    segments: data.segments.map((s) => ({ ...s, id: newId(), studyId, interviewId: iv(s.interviewId), codeIds: s.codeIds.map(code) })),
    overrides: data.overrides.map((o) => ({ ...o, id: newId(), studyId, interviewId: iv(o.interviewId) })),
    benchmarks: data.benchmarks.map((b) => ({ ...b, id: newId(), studyId })),
    audit: data.audit.map((a) => ({ ...a, id: newId(), studyId })),
    terms: data.terms.map((t) => ({ ...t, id: newId(), studyId })),
    pseudonyms: data.pseudonyms.map((p) => ({ ...p, id: newId(), studyId })),
  };
}

/** A rough passphrase strength for the export form: length first, then variety (NIST SP 800-63B favours length). */
export type PassphraseStrength = 'empty' | 'weak' | 'fair' | 'strong';

export function passphraseStrength(p: string): PassphraseStrength {
  if (p.length === 0) return 'empty';
  const classes = [/[a-zæøå]/, /[A-ZÆØÅ]/, /\d/, /[^A-Za-zÆØÅæøå\d]/].filter((re) => re.test(p)).length;
  const words = p.trim().split(/\s+/).length;
  if (p.length >= 16 || (p.length >= 12 && (classes >= 3 || words >= 3))) return 'strong';
  if (p.length >= 10 || (p.length >= 8 && classes >= 3)) return 'fair';
  return 'weak';
}
