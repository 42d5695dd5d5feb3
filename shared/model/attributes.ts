/**
 * Study variables and informant attributes (issue #19). A study defines its variables (age band,
 * gender, years in Norway, site …), each with a type and, for categories, the allowed values;
 * every informant — one participant of one interview, keyed as `informantKey(interviewId,
 * participantId)` (./informants.ts) — has one attribute record holding a value per variable.
 *
 * Both records merge by revision and leave tombstones, like codes and segments
 * (docs/exchange.md). Pure: no DOM, no Node, no Dexie.
 */
import { z } from 'zod';
// Only types from ./schema at load time: schema.ts's StudyData refers to these records lazily (getters), and
// these refer to Revision and TextReview lazily too, so neither module needs the other evaluated first.
import { Revision, TextReview } from './schema';

const Id = z.string().min(1).max(100);
const IsoTime = z.string().min(10).max(40);
import { informantKey } from './informants';

export const VariableType = z.enum(['category', 'number', 'text']);
export type VariableType = z.infer<typeof VariableType>;
export const VARIABLE_TYPES: readonly VariableType[] = VariableType.options;

/** A study variable: what can be recorded about every informant. */
export const StudyVariable = z.object({
  id: Id,
  studyId: Id,
  label: z.string().trim().min(1).max(200),
  type: VariableType,
  /** Allowed values of a category, in display order (empty for number and text). */
  values: z.array(z.string().trim().min(1).max(200)).max(200).default([]),
  /** Display order among the study's variables. */
  order: z.number().int().default(0),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  /** Absent on records written before revisions existed: read as revision 1. */
  get rev() {
    return Revision.optional();
  },
});
export type StudyVariable = z.infer<typeof StudyVariable>;

/** One value: a category's value or a text (string), or a number. */
export const AttributeValue = z.union([z.string().max(500), z.number().finite()]);
export type AttributeValue = z.infer<typeof AttributeValue>;

/**
 * The attributes of one informant: variable id → value (a variable without a value is absent).
 * `id` is the informant key (`interviewId:participantId`), so a put replaces and the record of a
 * participant is found without a lookup.
 */
export const InformantAttributes = z.object({
  id: Id,
  studyId: Id,
  interviewId: Id,
  participantId: z.string().regex(/^P\d{1,3}$/),
  values: z.record(Id, AttributeValue).default({}),
  /**
   * Review state of the text-typed values (typed in the app, PRIVACY.md "States of text"): text
   * values leave the app only when this says reviewed. Absent = needs review.
   */
  get review() {
    return TextReview.optional();
  },
  updatedAt: IsoTime,
  /** Absent on records written before revisions existed: read as revision 1. */
  get rev() {
    return Revision.optional();
  },
});
export type InformantAttributes = z.infer<typeof InformantAttributes>;

/** The attribute record id of an informant (= its informant key). */
export function attributesId(interviewId: string, participantId: string): string {
  return informantKey(interviewId, participantId);
}

/** A coded problem with one value (translated in `attributes` locale namespace keys). */
export interface AttributeIssue {
  code: 'attributes.unknown-variable' | 'attributes.not-allowed' | 'attributes.not-number' | 'attributes.too-long';
  params: { variable: string; value: string };
  field: string;
}

/**
 * Check one value against its variable: a category takes one of its allowed values (exact, after
 * trimming), a number a finite number, a text up to 500 characters. Null: fine.
 */
export function checkAttributeValue(variable: Pick<StudyVariable, 'id' | 'label' | 'type' | 'values'>, value: AttributeValue): AttributeIssue | null {
  const params = { variable: variable.label, value: String(value) };
  if (variable.type === 'number') return typeof value === 'number' && Number.isFinite(value) ? null : { code: 'attributes.not-number', params, field: variable.id };
  if (typeof value !== 'string') return { code: 'attributes.not-allowed', params, field: variable.id };
  if (variable.type === 'category') return variable.values.includes(value.trim()) ? null : { code: 'attributes.not-allowed', params, field: variable.id };
  return value.length <= 500 ? null : { code: 'attributes.too-long', params, field: variable.id };
}

/** Every problem of one attribute record against the study's variables. */
export function attributeIssues(variables: readonly StudyVariable[], record: Pick<InformantAttributes, 'values'>): AttributeIssue[] {
  const byId = new Map(variables.map((v) => [v.id, v]));
  const out: AttributeIssue[] = [];
  for (const [id, value] of Object.entries(record.values)) {
    const v = byId.get(id);
    if (!v) out.push({ code: 'attributes.unknown-variable', params: { variable: id, value: String(value) }, field: id });
    else {
      const issue = checkAttributeValue(v, value);
      if (issue) out.push(issue);
    }
  }
  return out;
}

/**
 * Parse what a user (or an import) typed for a variable: a number is read with a decimal comma or
 * point; a category keeps the trimmed text (checked by checkAttributeValue); empty text is "no value".
 */
export function parseAttributeInput(variable: Pick<StudyVariable, 'type'>, raw: string): AttributeValue | null {
  const t = raw.trim();
  if (t === '') return null;
  if (variable.type === 'number') {
    const n = Number(t.replace(/\s/g, '').replace(',', '.'));
    return Number.isFinite(n) ? n : t;
  }
  return t;
}

/** The text that leaves: the values of text variables, for the typed-text scan. */
export function attributeText(variables: readonly StudyVariable[], record: Pick<InformantAttributes, 'values'>): string {
  const textIds = new Set(variables.filter((v) => v.type === 'text').map((v) => v.id));
  return Object.entries(record.values)
    .filter(([id, v]) => textIds.has(id) && typeof v === 'string' && v.trim() !== '')
    .map(([, v]) => String(v))
    .join('\n');
}

/** Informant key → variable id → value, for filters and matrices. */
export type AttributeIndex = ReadonlyMap<string, Readonly<Record<string, AttributeValue>>>;

export function attributeIndex(records: readonly Pick<InformantAttributes, 'id' | 'values'>[] | undefined): AttributeIndex {
  return new Map((records ?? []).map((r) => [r.id, r.values]));
}

/** How many informants use each variable (for "deleted while in use asks first"). */
export function variableUse(records: readonly Pick<InformantAttributes, 'values'>[] | undefined, variableId: string): number {
  let n = 0;
  for (const r of records ?? []) if (r.values[variableId] !== undefined) n++;
  return n;
}
