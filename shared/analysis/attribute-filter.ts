/**
 * Informant attributes as an analysis filter (issue #19): `AnalysisFilter.attributes` maps a
 * variable id to the values that pass; an informant passes when, for every listed variable, its
 * value is one of them (an informant without a value never passes a constraint on that variable).
 * Computed once per filter as a byte mask over the index's informants, so the segment loop in
 * filterIndices stays one array read per segment.
 */
import type { AttributeValue } from '../model/attributes';

/** Variable id → the values that pass (category values as text, numbers as numbers or text). */
export type AttributeFilter = Readonly<Record<string, readonly (string | number)[]>>;

/** Informant key → variable id → value (shared/model/attributes.ts attributeIndex). */
export type InformantValues = ReadonlyMap<string, Readonly<Record<string, AttributeValue>>>;

/** True when the filter constrains nothing. */
export function attributeFilterEmpty(filter: AttributeFilter | undefined): boolean {
  if (!filter) return true;
  for (const values of Object.values(filter)) if (values.length > 0) return false;
  return true;
}

/**
 * A mask over `informantKeys` (1 = passes), or null when the filter constrains nothing.
 * Values compare as text, so a number typed in a filter matches the number stored.
 */
export function informantAttributeMask(informantKeys: readonly string[], values: InformantValues | undefined, filter: AttributeFilter | undefined): Uint8Array | null {
  if (attributeFilterEmpty(filter)) return null;
  const wanted = Object.entries(filter ?? {})
    .filter(([, vs]) => vs.length > 0)
    .map(([id, vs]) => [id, new Set(vs.map(String))] as const);
  const out = new Uint8Array(informantKeys.length);
  for (let i = 0; i < informantKeys.length; i++) {
    const rec = values?.get(informantKeys[i] as string);
    if (!rec) continue;
    let ok = true;
    for (const [id, set] of wanted) {
      const v = rec[id];
      if (v === undefined || !set.has(String(v))) {
        ok = false;
        break;
      }
    }
    if (ok) out[i] = 1;
  }
  return out;
}
