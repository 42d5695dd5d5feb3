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
