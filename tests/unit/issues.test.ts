import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { issue } from '../../shared/issues';
import { issueMessage, issueTemplate, issueText } from '../../shared/issue-text';
import { formatIssue } from '../../shared/exchange/issues';
import nb from '../../shared/locales/nb/issues.json';

const ROOT = resolve(import.meta.dirname, '../..');
const LANGS = ['nb', 'nn', 'en'] as const;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return n === 'locales' || n === 'node_modules' ? [] : sources(p);
    return /\.(ts|tsx)$/.test(n) ? [p] : [];
  });
}

/** Codes that are not issues (a merge refusal is its own type, translated under `exchange.merge`). */
const NOT_ISSUES = new Set(['merge.unrelated', 'merge.older']);

/** Every code the source writes: `issue('a.b', …)`, a local `bad('a.b', …)` and `code: 'a.b'` literals. */
function codesInSource(): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of ['shared', 'renderer', 'scripts', 'electron'].flatMap((d) => sources(join(ROOT, d)))) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/\b(?:issue|bad)\(\s*'([\w.-]+)'|\bcode: '([a-z][\w-]*\.[\w.-]+)'|\bcsvIssue\(\w+, '([\w.-]+)'/g)) {
      const code = m[1] ?? m[2] ?? m[3] ?? '';
      if (!NOT_ISSUES.has(code)) out.set(code, f.slice(ROOT.length + 1));
    }
  }
  return out;
}

/** Every code with text in nb: the key paths under `issues`, plural suffixes dropped. */
function codesInLocale(tree: unknown, prefix = ''): string[] {
  return Object.entries(tree as Record<string, unknown>).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k.replace(/_(one|other)$/, '')}`] : codesInLocale(v, `${prefix}${k}.`));
}

describe('the one coded issue type', () => {
  const used = codesInSource();

  it('the scan finds the codes the source writes (it is not vacuous)', () => {
    expect(used.size).toBeGreaterThan(40);
    expect(used.has('zip.tooManyEntries')).toBe(true);
  });

  it('every code used in the source has text in nb, nn and en', () => {
    const missing: string[] = [];
    for (const [code, file] of used) {
      for (const lang of LANGS) {
        const text = issueTemplate(code, { count: 1 }, lang) ?? issueTemplate(code, {}, lang);
        const plural = issueTemplate(code, { count: 2 }, lang);
        if (text === undefined || plural === undefined) missing.push(`${lang}: ${code} (${file})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('the renderer-side and CLI renderings agree on where and what', () => {
    const i = issue('zip.entryTooLarge', { size: 10, limit: 5 }, { file: 'a.qdpx', line: 4, field: 'project.qde' });
    expect(issueText(i)).toBe('a.qdpx, linje 4, «project.qde»: Filen i arkivet er 10 byte utpakket; grensen er 5.');
    expect(issueText(i, 'en')).toBe('a.qdpx, line 4, «project.qde»: The file in the archive unpacks to 10 bytes; the limit is 5.');
    expect(formatIssue(i)).toBe(issueText(i));
  });

  it('plural forms follow count, and a missing param stays visible', () => {
    expect(issueMessage(issue('zip.tooManyEntries', { count: 1, limit: 9 }))).toMatch(/^Arkivet oppgir 1 fil;/);
    expect(issueMessage(issue('zip.tooManyEntries', { count: 12, limit: 9 }))).toMatch(/^Arkivet oppgir 12 filer;/);
    expect(issueMessage(issue('zip.tooLarge', {}))).toContain('{{limit}}');
    expect(issueMessage(issue('no.suchCode', {}))).toBe('no.suchCode');
  });

  it('issue() leaves out what is not given', () => {
    expect(issue('zip.duplicate')).toEqual({ code: 'zip.duplicate', params: {} });
    expect(Object.keys(issue('zip.duplicate', {}, { file: 'x' }))).toEqual(['code', 'params', 'file']);
  });

  it('every code with text renders in bokmål without a placeholder left', () => {
    const rendered: Record<string, string> = {};
    for (const code of [...new Set(codesInLocale(nb.issues))].sort()) {
      const tpl = issueTemplate(code, { count: 2 }, 'nb') ?? '';
      const params = Object.fromEntries([...tpl.matchAll(/\{\{(\w+)\}\}/g)].map((m) => [m[1]!, m[1] === 'count' ? 2 : `<${m[1]}>`]));
      rendered[code] = issueMessage({ code, params: { count: 2, ...params } }, 'nb');
      expect(rendered[code], code).not.toMatch(/\{\{/);
    }
    expect(rendered).toMatchSnapshot();
  });
});
