/**
 * Generalisations that make classes larger (PRIVACY.md: "site → region, date → term, group →
 * stage"), and their effect computed before any is applied. Pure.
 *
 * A generalisation is a recoding of one revealed attribute. Its effect is measured by running the
 * same assessment on the recoded records: how many informants are at risk before and after, and
 * which ones it resolves. Nothing is changed until the user chooses one (decisions.ts); the sharing
 * view then reveals the recoded value (outboundView, shared/risk/apply.ts).
 */
import { regionOfSite } from '../anonymise/places';
import { assessRisk, categoryOf, MISSING, type RiskRecord } from './classes';

export const GENERALISATION_IDS = ['site-region', 'month-term', 'group-stage', 'mode-hide', 'site-hide'] as const;
export type GeneralisationId = (typeof GENERALISATION_IDS)[number];

/** The attribute each generalisation recodes. */
export const GENERALISATION_ATTR: Readonly<Record<GeneralisationId, string>> = {
  'site-region': 'site',
  'month-term': 'month',
  'group-stage': 'group',
  'mode-hide': 'mode',
  'site-hide': 'site',
};

/** What a recoding needs to know about the study (group labels for group → stage). */
export interface GeneraliseContext {
  /** group id → label as published (short label or label). */
  groupLabels?: ReadonlyMap<string, string>;
}

/** A site's region ("Østlandet"), or "annen region" when the site names no known place. */
export function siteToRegion(site: string): string {
  return regionOfSite(site) ?? 'annen region';
}

/** `2021-03` → `vår 2021`, `2020-11` → `høst 2020` (spring term: January–June). */
export function monthToTerm(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return month;
  return `${Number(m[2]) <= 6 ? 'vår' : 'høst'} ${m[1]}`;
}

/**
 * The stage a group label names: "Yrkesfag Vg2" and "SF Vg2" → "Vg2", "Grunnskole 10. klasse" →
 * "10. trinn". A label that names no stage stays as it is.
 */
export function groupToStage(label: string): string {
  const vg = /\bvg\s?([1-3])\b/i.exec(label);
  if (vg) return `Vg${vg[1]}`;
  const tr = /\b(\d{1,2})\.\s*(klasse|trinn)\b/i.exec(label);
  if (tr) return `${tr[1]}. trinn`;
  return label;
}

/** Recode one value (missing stays missing: it is its own category before and after). */
export function generaliseValue(id: GeneralisationId, value: string | null | undefined, ctx: GeneraliseContext = {}): string {
  // Hidden: the output no longer reveals the attribute, so a missing value hides like any other.
  if (id === 'mode-hide' || id === 'site-hide') return '*';
  const v = categoryOf(value);
  if (v === MISSING) return MISSING;
  switch (id) {
    case 'site-region':
      return siteToRegion(v);
    case 'month-term':
      return monthToTerm(v);
    case 'group-stage':
      return groupToStage(ctx.groupLabels?.get(v) ?? v);
  }
}

/** The records with the chosen generalisations applied (in GENERALISATION_IDS order; hide wins). */
export function applyGeneralisations(records: readonly RiskRecord[], ids: readonly GeneralisationId[], ctx: GeneraliseContext = {}): RiskRecord[] {
  const chosen = GENERALISATION_IDS.filter((g) => ids.includes(g));
  if (chosen.length === 0) return [...records];
  return records.map((r) => {
    const values: Record<string, string | null | undefined> = { ...r.values };
    for (const g of chosen) {
      const a = GENERALISATION_ATTR[g];
      values[a] = generaliseValue(g, values[a], ctx);
    }
    return { ...r, values };
  });
}

export interface GeneralisationEffect {
  id: GeneralisationId;
  attr: string;
  /** Informants at risk with the already chosen generalisations. */
  before: number;
  /** … and with this one added. */
  after: number;
  /** Keys at risk before and not after. */
  resolved: string[];
  /** Classes on the revealed attributes after. */
  classes: number;
}

/**
 * The effect of each generalisation not yet chosen, added to the chosen ones, computed on the
 * records before anything is applied. Sorted: most informants resolved first, then fewest
 * classes lost, then in GENERALISATION_IDS order. Generalisations of attributes not revealed are
 * left out.
 */
export function generalisationEffects(records: readonly RiskRecord[], attrs: readonly string[], k: number, chosen: readonly GeneralisationId[] = [], ctx: GeneraliseContext = {}): GeneralisationEffect[] {
  const base = assessRisk(applyGeneralisations(records, chosen, ctx), attrs, k);
  const atRiskBefore = new Set(base.atRisk.map((r) => r.key));
  const out: GeneralisationEffect[] = [];
  for (const id of GENERALISATION_IDS) {
    if (chosen.includes(id) || !attrs.includes(GENERALISATION_ATTR[id])) continue;
    const after = assessRisk(applyGeneralisations(records, [...chosen, id], ctx), attrs, k);
    const still = new Set(after.atRisk.map((r) => r.key));
    out.push({ id, attr: GENERALISATION_ATTR[id], before: atRiskBefore.size, after: still.size, resolved: [...atRiskBefore].filter((key) => !still.has(key)), classes: after.classes });
  }
  return out.sort((a, b) => a.after - b.after || b.classes - a.classes || GENERALISATION_IDS.indexOf(a.id) - GENERALISATION_IDS.indexOf(b.id));
}
