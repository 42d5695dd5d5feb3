/**
 * Formula-injection guard for CSV text cells (OWASP "CSV Injection").
 *
 * A spreadsheet treats a cell starting with `= + - @` (and, in some versions, tab, CR, LF or NUL
 * before one of them) as a formula. PapaParse's `escapeFormulae` misses a newline inside a cell
 * and a leading `\n` (measured, see STACK.md), and line-oriented tools that split a quoted cell on
 * its newlines see each line as a fresh start. So the guard looks at every LINE START of the cell:
 * position 0 and the position after each `\n`, `\r\n` or lone `\r`.
 *
 * It is reversible: a `'` is inserted at a line start whose character is dangerous OR is itself a
 * `'`, so `unguard` strips one `'` at a line start only when the next character is one the guard
 * guards (`unguard(guard(s)) === s`), and leaves a cell like `'tis a note` alone.
 */

const DANGEROUS = new Set(['=', '+', '-', '@', '\t', '\r', '\n', '\0', "'"]);

/** Indices (UTF-16) at which a line starts: 0, and after `\n`, `\r\n` or a lone `\r`. */
function lineStarts(s: string): number[] {
  const out = [0];
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\n') out.push(i + 1);
    else if (c === '\r' && s[i + 1] !== '\n') out.push(i + 1);
  }
  return out;
}

export function guardCell(s: string): string {
  let out = '';
  let last = 0;
  for (const at of lineStarts(s)) {
    if (at >= s.length) continue;
    if (DANGEROUS.has(s[at] as string)) {
      out += s.slice(last, at) + "'";
      last = at;
    }
  }
  return out + s.slice(last);
}

export function unguardCell(s: string): string {
  let out = '';
  let last = 0;
  for (const at of lineStarts(s)) {
    // Only a `'` the guard could have written: one followed by a character it guards (or by
    // another `'`). A note that simply starts with an apostrophe («'tis …») keeps it.
    if (at < s.length && s[at] === "'" && at + 1 < s.length && DANGEROUS.has(s[at + 1] as string)) {
      out += s.slice(last, at);
      last = at + 1;
    }
  }
  return out + s.slice(last);
}

/** True when no line of the cell starts with a character a spreadsheet could read as a formula. */
export function isGuarded(s: string): boolean {
  return lineStarts(s).every((at) => at >= s.length || !DANGEROUS.has(s[at] as string) || s[at] === "'");
}
