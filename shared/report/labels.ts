/**
 * The report's words come from the same locale files as the UI (shared/locales/<lang>/report.json,
 * key `report.pdf`), so a translator edits one place. `{{name}}` placeholders as in i18next.
 */
import nb from '../locales/nb/report.json';
import nn from '../locales/nn/report.json';
import en from '../locales/en/report.json';
import type { ReportLocale } from './format';

export type ReportLabels = (typeof nb)['report']['pdf'];

const ALL: Record<ReportLocale, { report: { pdf: ReportLabels } }> = { nb, nn, en };

export function reportLabels(locale: ReportLocale): ReportLabels {
  return ALL[locale].report.pdf;
}

/** Fill `{{name}}` placeholders; unknown names are left visible so a missing value shows in review. */
export function tpl(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/**
 * "1 informant" / "42 informanter": the report's own plural forms (`counts.<word>_one|_other`), as
 * i18next's would choose them for nb, nn and en (one for exactly 1, other otherwise).
 */
export function countText(L: ReportLabels, word: 'informants' | 'interviews', n: number, shown: string): string {
  return tpl(n === 1 ? L.counts[`${word}_one`] : L.counts[`${word}_other`], { n: shown });
}
