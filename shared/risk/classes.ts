/**
 * Re-identification risk over what a sharing output reveals (PRIVACY.md "Re-identification risk",
 * Sweeney's k-anonymity). Pure.
 *
 * Each informant is a record of the attributes a reader of a sharing output can see or infer
 * (group, site, format, mode, interview month, informant attributes). Informants with the same
 * values on the revealed attributes form an equivalence class; a class smaller than k (the study's
 * `smallCellThreshold`, the same `< k` rule as shared/analysis/suppress.ts) is a risk: a reader who
 * knows those few facts about a person narrows them down to fewer than k informants.
 *
 * A missing value is its own category (`MISSING`), never "safe": an informant without a site is
 * grouped with the other informants without a site, and flagged for it.
 */

/** The category of a missing value. Shown as "ukjent"; compared like any other value. */
export const MISSING = '\u2205';

/** One informant as a sharing output reveals it. `values[attr]` is null or '' when missing. */
export interface RiskRecord {
  key: string;
  /** Non-identifying label for the panel, e.g. `YF-03 P1`. */
  label: string;
  values: Readonly<Record<string, string | null | undefined>>;
}

/** The value used for grouping: missing values become `MISSING`. */
export function categoryOf(v: string | null | undefined): string {
  return v === null || v === undefined || v.trim() === '' ? MISSING : v;
}

/** The key of an informant's class on `attrs` (values joined by a separator no value holds). */
function signature(r: RiskRecord, attrs: readonly string[]): string {
  let s = '';
  for (const a of attrs) s += categoryOf(r.values[a]) + '\u0001';
  return s;
}

/** Class sizes on `attrs`: signature → number of informants. */
export function classSizes(records: readonly RiskRecord[], attrs: readonly string[]): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const r of records) {
    const s = signature(r, attrs);
    sizes.set(s, (sizes.get(s) ?? 0) + 1);
  }
  return sizes;
}

export interface EquivalenceClass {
  /** The class's values, in `attrs` order (MISSING for a missing value). */
  values: string[];
  keys: string[];
}

/** Every equivalence class on `attrs`, largest first (ties: in the order their first informant comes). */
export function equivalenceClasses(records: readonly RiskRecord[], attrs: readonly string[]): EquivalenceClass[] {
  const byKey = new Map<string, EquivalenceClass>();
  for (const r of records) {
    const s = signature(r, attrs);
    let c = byKey.get(s);
    if (!c) {
      c = { values: attrs.map((a) => categoryOf(r.values[a])), keys: [] };
      byKey.set(s, c);
    }
    c.keys.push(r.key);
  }
  return [...byKey.values()].sort((a, b) => b.keys.length - a.keys.length);
}

export interface InformantRisk {
  key: string;
  label: string;
  /** Size of the informant's class on every revealed attribute (< k). */
  classSize: number;
  /**
   * The smallest set of attributes (fewest first, then in `attrs` order) on which the informant's
   * class is already below k: what singles them out. Every attribute when no smaller set does.
   */
  combination: string[];
  /** True when the class holds this informant alone. */
  unique: boolean;
  /** Revealed attributes this informant has no value for (their own category, flagged). */
  missing: string[];
}

export interface RiskAssessment {
  k: number;
  attrs: string[];
  informants: number;
  classes: number;
  /** Informants in classes smaller than k, in input order. */
  atRisk: InformantRisk[];
  /** Informants with a missing value on some revealed attribute (at risk or not), in input order. */
  missing: { key: string; label: string; attrs: string[] }[];
}

/** Subsets of `attrs` of size `size`, in lexicographic order of positions. */
function subsets(attrs: readonly string[], size: number): string[][] {
  const out: string[][] = [];
  const pick: string[] = [];
  const rec = (from: number): void => {
    if (pick.length === size) {
      out.push([...pick]);
      return;
    }
    for (let i = from; i <= attrs.length - (size - pick.length); i++) {
      pick.push(attrs[i] as string);
      rec(i + 1);
      pick.pop();
    }
  };
  rec(0);
  return out;
}

/** Search the minimal combination over subsets of at most this many attributes (then: all of them). */
const MAX_COMBINATION = 3;

/**
 * The risk of every informant over `attrs` with threshold k: classes, informants in a class
 * smaller than k with the minimal attribute combination that singles them out, and informants with
 * missing values. A study with fewer than k informants has every informant at risk.
 */
export function assessRisk(records: readonly RiskRecord[], attrs: readonly string[], k: number): RiskAssessment {
  const full = classSizes(records, attrs);
  const missing: RiskAssessment['missing'] = [];
  for (const r of records) {
    const m = attrs.filter((a) => categoryOf(r.values[a]) === MISSING);
    if (m.length > 0) missing.push({ key: r.key, label: r.label, attrs: m });
  }
  const risky = records.filter((r) => (full.get(signature(r, attrs)) ?? 0) < k);
  const atRisk: InformantRisk[] = [];
  if (risky.length > 0) {
    // Class sizes per subset, computed once per subset (smallest subsets first).
    const bySize: { attrs: string[]; sizes: Map<string, number> }[][] = [];
    const limit = Math.min(MAX_COMBINATION, attrs.length);
    for (let n = 0; n <= limit; n++) bySize.push(subsets(attrs, n).map((s) => ({ attrs: s, sizes: classSizes(records, s) })));
    for (const r of risky) {
      let combination: string[] = [...attrs];
      search: for (const level of bySize) {
        for (const sub of level) {
          if ((sub.sizes.get(signature(r, sub.attrs)) ?? 0) < k) {
            combination = sub.attrs;
            break search;
          }
        }
      }
      const size = full.get(signature(r, attrs)) ?? 0;
      atRisk.push({ key: r.key, label: r.label, classSize: size, combination, unique: size === 1, missing: attrs.filter((a) => categoryOf(r.values[a]) === MISSING) });
    }
  }
  return { k, attrs: [...attrs], informants: records.length, classes: full.size, atRisk, missing };
}
