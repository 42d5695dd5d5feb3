/**
 * Numbers as the report prints them. A PDF is a picture: it cannot be reformatted by the reader's
 * locale, so the builder formats here (decimal comma in nb/nn, STYLE.md §12). No Intl: the same
 * bytes in Node, in a worker and in the renderer, whatever ICU data each happens to carry.
 */
export type ReportLocale = 'nb' | 'nn' | 'en';

/** Fixed decimals, decimal comma in nb/nn, a narrow no-break space between thousands from 10 000. */
export function fmtDecimal(x: number, digits: number, locale: ReportLocale): string {
  const fixed = (Math.round(x * 10 ** digits) / 10 ** digits).toFixed(digits);
  const [int = '0', frac] = fixed.split('.');
  const neg = int.startsWith('-');
  const digitsOnly = neg ? int.slice(1) : int;
  const grouped = digitsOnly.length >= 5 ? digitsOnly.replace(/\B(?=(\d{3})+(?!\d))/g, locale === 'en' ? ',' : '\u202F') : digitsOnly;
  const sep = locale === 'en' ? '.' : ',';
  return `${neg ? '−' : ''}${grouped}${frac ? sep + frac : ''}`;
}

export function fmtCount(n: number, locale: ReportLocale): string {
  return fmtDecimal(n, 0, locale);
}

/** A proportion 0…1 as percent, e.g. 0.106 → "10,6 %". */
export function fmtShare(p: number, digits: number, locale: ReportLocale): string {
  return `${fmtDecimal(p * 100, digits, locale)} %`;
}

/** An interval of proportions, e.g. "10,6–45,1 %" (en dash, one % sign). */
export function fmtRange(lo: number, hi: number, digits: number, locale: ReportLocale): string {
  return `${fmtDecimal(lo * 100, digits, locale)}–${fmtDecimal(hi * 100, digits, locale)} %`;
}

/** ISO `yyyy-mm-dd` → `dd.mm.yyyy`, the app's date style (renderer/app/format.ts does the same on screen). */
export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}
