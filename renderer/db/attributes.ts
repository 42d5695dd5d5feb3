/**
 * Study variables and informant attributes (shared/model/attributes.ts): reads, writes and live
 * hooks. Both tables merge by revision and leave tombstones (records.ts putRevised/buryRevised), so a
 * deletion travels in the next bundle. Values are checked against their variable before any write;
 * text values are scanned as typed (shared/model/typed-text.ts) and keep their review state.
 */
import type { z } from 'zod';
import {
  attributeIssues,
  attributesId,
  attributeText,
  InformantAttributes,
  StudyVariable,
  type AttributeIssue,
  type AttributeValue,
} from '../../shared/model';
import { typedTextReview } from '../../shared/model/typed-text';
import type { ReisekartDb } from './database';
import { appDb } from './database';
import { useKeyedLiveQuery } from './hooks';
import { buryRevised, putRevised, writeInStudy } from './records';
import { parseList, parseRecord, WriteAbort, type FieldIssue, type WriteResult } from './results';

const byOrder = (a: StudyVariable, b: StudyVariable) => a.order - b.order || a.label.localeCompare(b.label, 'nb');

/** The study's variables in display order. */
export async function listVariables(db: ReisekartDb, studyId: string): Promise<StudyVariable[]> {
  return (await db.variables.where('studyId').equals(studyId).toArray()).sort(byOrder);
}

/** Every informant's attribute record of the study (informants without values have none). */
export async function listAttributes(db: ReisekartDb, studyId: string): Promise<InformantAttributes[]> {
  return db.attributes.where('studyId').equals(studyId).toArray();
}

/** A coded attribute issue as a located field issue (message = the code; params in `params`). */
export interface AttributeFieldIssue extends FieldIssue {
  code: AttributeIssue['code'];
  params: AttributeIssue['params'];
}

function located(issues: readonly AttributeIssue[], prefix: string): AttributeFieldIssue[] {
  return issues.map((i) => ({ path: `${prefix}values.${i.field}`, field: i.field, message: i.code, code: i.code, params: i.params }));
}

/**
 * Create or change a variable. A category that loses an allowed value still in use is refused
 * (`attributes.value-in-use`): rename the values first (or map them on import).
 */
export async function saveVariable(db: ReisekartDb, input: z.input<typeof StudyVariable>): Promise<WriteResult<StudyVariable>> {
  const parsed = parseRecord(StudyVariable, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  if (v.type === 'category' && v.values.length === 0) {
    return { ok: false, reason: 'invalid', issues: [{ path: 'values', field: 'values', message: 'attributes.no-values' }] };
  }
  if (new Set(v.values.map((x) => x.toLocaleLowerCase('nb'))).size !== v.values.length) {
    return { ok: false, reason: 'invalid', issues: [{ path: 'values', field: 'values', message: 'attributes.duplicate-value' }] };
  }
  return writeInStudy(db, v.studyId, [db.variables, db.attributes], async (who) => {
    const using = await db.attributes.where('studyId').equals(v.studyId).filter((a) => a.values[v.id] !== undefined).toArray();
    const bad = using.flatMap((a) => attributeIssues([v], { values: { [v.id]: a.values[v.id] as AttributeValue } }));
    if (bad.length > 0) throw new WriteAbort({ ok: false, reason: 'invalid', issues: [{ path: 'values', field: 'values', message: 'attributes.value-in-use' }] });
    return (await putRevised(db, 'variables', [v], who))[0] as StudyVariable;
  });
}

/** What `deleteVariable` removed: enough for `restoreVariable` to undo it exactly. */
export interface DeletedVariable {
  variable: StudyVariable;
  /** The attribute records as they were before the variable's values were taken out. */
  attributes: InformantAttributes[];
}

/** Delete a variable and its value on every informant, in one transaction; returns what it removed. */
export async function deleteVariable(db: ReisekartDb, id: string): Promise<WriteResult<DeletedVariable>> {
  const variable = await db.variables.get(id);
  if (!variable) return { ok: false, reason: 'not-found', message: `variable ${id} not found` };
  return writeInStudy(db, variable.studyId, [db.variables, db.attributes], async (who) => {
    const using = await db.attributes.where('studyId').equals(variable.studyId).filter((a) => a.values[id] !== undefined).toArray();
    const stripped = using.map((a) => {
      const { [id]: _gone, ...values } = a.values;
      return { ...a, values, updatedAt: who.at };
    });
    await putRevised(db, 'attributes', stripped, who);
    await buryRevised(db, 'variables', [id], who);
    return { variable, attributes: using };
  });
}

/** Undo of `deleteVariable`: the variable and the values come back (as new revisions). */
export async function restoreVariable(db: ReisekartDb, deleted: DeletedVariable): Promise<WriteResult> {
  const v = parseRecord(StudyVariable, deleted.variable, 'variable');
  if (!v.ok) return v;
  const attrs = parseList(InformantAttributes, deleted.attributes, 'attributes');
  if (!attrs.ok) return attrs;
  return writeInStudy(db, v.value.studyId, [db.variables, db.attributes], async (who) => {
    await putRevised(db, 'variables', [v.value], who);
    // Values typed since the deletion on other variables stay: only this variable's value returns.
    const current = await db.attributes.bulkGet(attrs.value.map((a) => a.id));
    const merged = attrs.value.map((a, i) => {
      const now = current[i];
      return now ? { ...now, values: { ...now.values, [v.value.id]: a.values[v.value.id] as AttributeValue } } : a;
    });
    await putRevised(db, 'attributes', merged, who);
    return undefined;
  });
}

export interface AttributeInput {
  studyId: string;
  interviewId: string;
  participantId: string;
  /** Variable id → value; null or absent: no value. */
  values: Readonly<Record<string, AttributeValue | null>>;
}

export interface SaveAttributesOptions {
  /** Who typed the values (the reviewer of clean text values). */
  author?: string;
  /** Values the author confirmed are not identifiers (typed-text scan). */
  confirmed?: readonly string[];
}

async function buildRecords(db: ReisekartDb, studyId: string, inputs: readonly AttributeInput[], opts: SaveAttributesOptions, at: string): Promise<WriteResult<InformantAttributes[]>> {
  const [variables, terms, interviews] = await Promise.all([
    listVariables(db, studyId),
    db.terms.where('studyId').equals(studyId).toArray(),
    db.interviews.where('studyId').equals(studyId).toArray(),
  ]);
  const participants = new Map(interviews.map((iv) => [iv.id, new Set(iv.participants.map((p) => p.id))]));
  const issues: FieldIssue[] = [];
  const out: InformantAttributes[] = [];
  inputs.forEach((input, i) => {
    const prefix = inputs.length > 1 ? `attributes[${i}].` : '';
    if (input.studyId !== studyId) issues.push({ path: `${prefix}studyId`, field: 'studyId', message: 'attributes.other-study' });
    if (!participants.get(input.interviewId)?.has(input.participantId)) {
      issues.push({ path: `${prefix}participantId`, field: 'participantId', message: 'attributes.no-informant' });
      return;
    }
    const values: Record<string, AttributeValue> = {};
    for (const [k, v] of Object.entries(input.values)) if (v !== null && v !== undefined && !(typeof v === 'string' && v.trim() === '')) values[k] = typeof v === 'string' ? v.trim() : v;
    const found = attributeIssues(variables, { values });
    if (found.length) {
      issues.push(...located(found, prefix));
      return;
    }
    const text = attributeText(variables, { values });
    const review = text === '' ? undefined : typedTextReview(text, opts.author ?? '', at, { terms: terms.map((t) => ({ term: t.term, kind: t.kind })), confirmed: opts.confirmed ?? [] });
    const rec = parseRecord(InformantAttributes, { id: attributesId(input.interviewId, input.participantId), studyId, interviewId: input.interviewId, participantId: input.participantId, values, ...(review ? { review } : {}), updatedAt: at }, prefix);
    if (!rec.ok) {
      if (rec.reason === 'invalid') issues.push(...rec.issues);
      return;
    }
    out.push(rec.value);
  });
  return issues.length ? { ok: false, reason: 'invalid', issues } : { ok: true, value: out };
}

/**
 * Set the attributes of one informant (all its values at once: absent = no value). Values are
 * checked against the study's variables (coded issues `attributes.*`); text values are scanned as
 * typed and keep their review state.
 */
export async function saveAttributes(db: ReisekartDb, input: AttributeInput, opts: SaveAttributesOptions = {}): Promise<WriteResult<InformantAttributes>> {
  const many = await saveAttributesMany(db, input.studyId, [input], opts);
  return many.ok ? { ok: true, value: many.value[0] as InformantAttributes } : many;
}

/**
 * Many informants at once (imports: CSV, REFI-QDA Cases/Variables), all-or-nothing. Callers map
 * unknown category values first (the value-mapping step): an unknown value is an issue, never
 * silently added to the variable.
 */
export async function saveAttributesMany(db: ReisekartDb, studyId: string, inputs: readonly AttributeInput[], opts: SaveAttributesOptions = {}): Promise<WriteResult<InformantAttributes[]>> {
  const built = await buildRecords(db, studyId, inputs, opts, db.env.now());
  if (!built.ok) return built;
  return writeInStudy(db, studyId, [db.variables, db.attributes, db.interviews], async (who) => {
    const empty = built.value.filter((r) => Object.keys(r.values).length === 0).map((r) => r.id);
    const existingEmpty = (await db.attributes.bulkGet(empty)).filter((r): r is InformantAttributes => r !== undefined).map((r) => r.id);
    await buryRevised(db, 'attributes', existingEmpty, who);
    return putRevised(db, 'attributes', built.value.filter((r) => Object.keys(r.values).length > 0), who);
  });
}

/** Live: the study's variables, in display order. */
export function useVariables(studyId: string | null | undefined, db: ReisekartDb = appDb()): StudyVariable[] | undefined {
  return useKeyedLiveQuery(studyId ?? '', () => (studyId ? listVariables(db, studyId) : Promise.resolve([])), [db]);
}

/** Live: the study's attribute records. */
export function useAttributes(studyId: string | null | undefined, db: ReisekartDb = appDb()): InformantAttributes[] | undefined {
  return useKeyedLiveQuery(studyId ?? '', () => (studyId ? listAttributes(db, studyId) : Promise.resolve([])), [db]);
}
