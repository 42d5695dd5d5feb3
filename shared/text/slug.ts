/**
 * The one slug: `Brukerreisen Kim (demo)` → `brukerreisen-kim-demo`, ASCII letters and digits joined
 * by `-`, at most `max` characters, `fallback` when nothing is left. ø and æ do not decompose under
 * NFKD, so they are spelt out first; å does (a + ring).
 */
export function slugify(text: string, max: number, fallback: string): string {
  const s = text
    .replace(/[øØ]/g, 'o')
    .replace(/[æÆ]/g, 'ae')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
  return s === '' ? fallback : s.slice(0, max);
}
