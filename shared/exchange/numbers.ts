/**
 * Numbers and dates as Norwegian spreadsheets write them. Never `parseFloat` on these:
 * `parseFloat('1 234,50')` is 1 and `parseFloat('54,3')` is 54 (STYLE.md, "what to avoid").
 */

export type NumberResult = { ok: true; value: number } | { ok: false; message: string };

// Thousands separators seen in nb exports: space, no-break space (U+00A0), narrow no-break
// space (U+202F, Excel/LibreOffice in nb-NO), apostrophe is Swiss and not accepted.
const GROUP_SEP = /[ \u00a0\u202f]/g;

/**
 * Parses `1 234,50`, `1234.5`, `-3`, `−3` (U+2212 minus), `54,3 %`. A single `,` is the decimal
 * separator; a `.` is decimal only when no `,` is present and it is not a 3-digit group (`1.234`
 * is ambiguous, so it is read as nb thousands only when it has several groups like `1.234.567`).
 */
export function parseLocaleNumber(raw: string): NumberResult {
  let s = raw.trim().replace(/\u2212/g, '-').replace(/%$/, '').trim();
  if (s === '') return { ok: false, message: 'tomt tall' };
  s = s.replace(GROUP_SEP, '');
  if (/^-?\d{1,3}(\.\d{3}){2,}(,\d+)?$/.test(s)) s = s.replace(/\./g, '');
  if (s.includes(',')) {
    if (s.includes('.')) return { ok: false, message: `ugyldig tall «${raw}»` };
    s = s.replace(',', '.');
  }
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(s)) return { ok: false, message: `ugyldig tall «${raw}»` };
  return { ok: true, value: Number(s) };
}

export function parseLocaleInteger(raw: string): NumberResult {
  const r = parseLocaleNumber(raw);
  if (!r.ok) return r;
  if (!Number.isInteger(r.value)) return { ok: false, message: `ikke et heltall «${raw}»` };
  return r;
}

/** `decimals` digits, decimal comma for `nb`, point otherwise; no thousands grouping (spreadsheets re-group). */
export function formatDecimal(value: number, decimals: number, decimalComma: boolean): string {
  const s = value.toFixed(decimals);
  return decimalComma ? s.replace('.', ',') : s;
}

export type DateResult = { ok: true; iso: string } | { ok: false; message: string };

/** Accepts `dd.mm.yyyy` (also `d.m.yyyy`) and `yyyy-mm-dd`; returns ISO `yyyy-mm-dd` after a calendar check. */
export function parseDate(raw: string): DateResult {
  const s = raw.trim();
  let y: number, m: number, d: number;
  const nb = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (nb) [d, m, y] = [Number(nb[1]), Number(nb[2]), Number(nb[3])];
  else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return { ok: false, message: `ugyldig dato «${raw}» (bruk dd.mm.åååå eller åååå-mm-dd)` };
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) {
    return { ok: false, message: `datoen finnes ikke «${raw}»` };
  }
  return { ok: true, iso: `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

/** ISO `yyyy-mm-dd` → `dd.mm.yyyy`. */
export function isoToNb(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}
