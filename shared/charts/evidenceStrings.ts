/**
 * Words for evidence strength (shared/analysis/evidence.ts) as the charts draw and title them,
 * apart from strings.ts so the chart's own strings stay as they are.
 */
import type { CellEvidence, EvidenceLevel } from '../analysis/evidence';
import type { ChartStrings } from './strings';

export interface EvidenceStrings {
  level: Record<EvidenceLevel, string>;
  /** "Evidens: sterk – 12 informanter, 9 intervjuer, 3 grupper; kodere enige om 17 av 20 (85 %)". */
  describe: (e: CellEvidence, hidden: boolean, smallCell: number) => string;
}

const pct = (p: number): string => `${Math.round(p * 100)} %`;

const NB: EvidenceStrings = {
  level: { strong: 'sterk', moderate: 'middels', weak: 'svak', none: 'ingen' },
  describe: (e, hidden, k) => {
    const head = `Evidens: ${NB.level[e.level]}`;
    if (hidden) return `${head} (færre enn ${k} informanter)`;
    const agree = e.agreement ? `; kodere enige om ${e.agreement.agree} av ${e.agreement.pairs} (${pct(e.agreement.p)})` : '; ikke dobbeltkodet';
    return `${head} – ${e.informants} informanter, ${e.interviews} intervjuer, ${e.groups} grupper${agree}`;
  },
};
const NN: EvidenceStrings = {
  level: { strong: 'sterk', moderate: 'middels', weak: 'svak', none: 'ingen' },
  describe: (e, hidden, k) => {
    const head = `Evidens: ${NN.level[e.level]}`;
    if (hidden) return `${head} (færre enn ${k} informantar)`;
    const agree = e.agreement ? `; kodarar samde om ${e.agreement.agree} av ${e.agreement.pairs} (${pct(e.agreement.p)})` : '; ikkje dobbeltkoda';
    return `${head} – ${e.informants} informantar, ${e.interviews} intervju, ${e.groups} grupper${agree}`;
  },
};
const EN: EvidenceStrings = {
  level: { strong: 'strong', moderate: 'moderate', weak: 'weak', none: 'none' },
  describe: (e, hidden, k) => {
    const head = `Evidence: ${EN.level[e.level]}`;
    if (hidden) return `${head} (fewer than ${k} informants)`;
    const agree = e.agreement ? `; coders agree on ${e.agreement.agree} of ${e.agreement.pairs} (${pct(e.agreement.p)})` : '; not double-coded';
    return `${head} – ${e.informants} informants, ${e.interviews} interviews, ${e.groups} groups${agree}`;
  },
};

export function evidenceStringsFor(locale: ChartStrings['locale']): EvidenceStrings {
  return locale === 'en' ? EN : locale === 'nn' ? NN : NB;
}

/** How many of the three bars are filled for a level. */
export const EVIDENCE_BARS: Record<EvidenceLevel, number> = { strong: 3, moderate: 2, weak: 1, none: 0 };
