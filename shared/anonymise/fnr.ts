/**
 * Norwegian national identity numbers (fødselsnummer, 11 digits: ddmmyy iii k1 k2).
 * Source: Skatteetaten, "Fødselsnummer" and "D-nummer"; the check digits are weighted mod 11
 * (weights 3 7 6 1 8 9 4 5 2 and 5 4 3 2 7 6 5 4 3 2). Variants:
 *  - D-number: day + 40 (first digit 4–7), for people without a fødselsnummer;
 *  - H-number: month + 40, used in health services;
 *  - synthetic test numbers: month + 80 (Skatteetaten/Tenor test data).
 * From 2032 the individual number runs out and the control-digit rule changes (Skatteetaten,
 * "Nytt fødselsnummer fra 2032"), so 11-digit runs that fail the check are still flagged, lower.
 */

const W1 = [3, 7, 6, 1, 8, 9, 4, 5, 2] as const;
const W2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

export type FnrVariant = 'fnr' | 'd-number' | 'h-number' | 'synthetic';

function weighted(digits: readonly number[], weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += (digits[i] ?? 0) * (weights[i] ?? 0);
  return sum;
}

function controlDigit(sum: number): number | null {
  const k = 11 - (sum % 11);
  if (k === 11) return 0;
  return k === 10 ? null : k;
}

/**
 * The two check digits for the first nine digits, or null when no valid number has this prefix
 * (a check digit would be 10). Used by tests to generate valid numbers; exported for the bench.
 */
export function fnrCheckDigits(nineDigits: string): [number, number] | null {
  if (!/^\d{9}$/.test(nineDigits)) return null;
  const d = [...nineDigits].map(Number);
  const k1 = controlDigit(weighted(d, W1));
  if (k1 === null) return null;
  const k2 = controlDigit(weighted([...d, k1], W2));
  if (k2 === null) return null;
  return [k1, k2];
}

/** True when both check digits of an 11-digit string are right. */
export function fnrChecksumValid(elevenDigits: string): boolean {
  if (!/^\d{11}$/.test(elevenDigits)) return false;
  const k = fnrCheckDigits(elevenDigits.slice(0, 9));
  return k !== null && k[0] === Number(elevenDigits[9]) && k[1] === Number(elevenDigits[10]);
}

/** The variant implied by the date digits, or null when the date part is impossible. */
export function fnrVariant(elevenDigits: string): FnrVariant | null {
  let day = Number(elevenDigits.slice(0, 2));
  let month = Number(elevenDigits.slice(2, 4));
  let variant: FnrVariant = 'fnr';
  if (day > 40) {
    day -= 40;
    variant = 'd-number';
  }
  if (month > 80) {
    month -= 80;
    variant = 'synthetic';
  } else if (month > 40) {
    month -= 40;
    variant = variant === 'd-number' ? 'd-number' : 'h-number';
  }
  if (month < 1 || month > 12 || day < 1) return null;
  // Century is unknown without the individual-number rules, so allow 29 February.
  const maxDay = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 31;
  return day <= maxDay ? variant : null;
}
