/**
 * What a study remembers from its CSV imports (issue #17): which header meant which field, and
 * which of the team's own words meant which value. Stored on the study record (`importMapping`),
 * reused by the next import, downloadable from the mapping screen as JSON and read by
 * `npm run convert -- --mapping file.json`. Values are keyed by `valueKey(raw)`.
 */
import { z } from 'zod';

export const VALUE_DIMENSIONS = ['group', 'stage', 'situation', 'actor', 'valence', 'kind', 'code', 'format', 'mode'] as const;
export const ValueDimension = z.enum(VALUE_DIMENSIONS);
export type ValueDimension = z.infer<typeof ValueDimension>;

/** A value mapped to an existing id (frame item, code) or enum value, or added to the study's frames. */
export const ValueChoice = z.union([z.object({ to: z.string().min(1).max(200) }), z.object({ add: z.string().min(1).max(200) })]);
export type ValueChoice = z.infer<typeof ValueChoice>;

export const ImportMapping = z.object({
  format: z.literal('reisekart-import-mapping').default('reisekart-import-mapping'),
  version: z.literal(1).default(1),
  /** Per import kind: header (as `headerKey` gives it) → field key. */
  columns: z.record(z.string().max(40), z.record(z.string().max(200), z.string().max(40))).default({}),
  /** Per dimension: value key → choice. */
  values: z.partialRecord(ValueDimension, z.record(z.string().max(300), ValueChoice)).default({}),
});
export type ImportMapping = z.infer<typeof ImportMapping>;

export function emptyImportMapping(): ImportMapping {
  return { format: 'reisekart-import-mapping', version: 1, columns: {}, values: {} };
}

/** A value compared without case, accents, punctuation or spacing: `Vg 2` and `vg2.` meet. */
export function valueKey(raw: string): string {
  return raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ø/g, 'o')
    .replace(/æ/g, 'ae')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{L}\p{N}+\-−±/]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}
