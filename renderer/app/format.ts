/** Locale formatting: dd.mm.yyyy and decimal comma in nb/nn (STYLE.md §12). */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

export function formatNumber(n: number, lang: string, digits = 0): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'nb-NO', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(n);
}
