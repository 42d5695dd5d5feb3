/**
 * An issue in words, for the edges that have no i18next: the CLIs (`npm run convert`, `npm run report`),
 * the hostile-corpus runner and the PDF. The renderer translates the same keys with i18next
 * (renderer/features/exchange/common.tsx); both read shared/locales/<lang>/issues.json.
 */
import nb from './locales/nb/issues.json';
import nn from './locales/nn/issues.json';
import en from './locales/en/issues.json';
import type { Issue, IssueParams } from './issues';

export type IssueLang = 'nb' | 'nn' | 'en';

type Tree = { [k: string]: string | Tree };
const TEXT: Record<IssueLang, Tree> = { nb: nb.issues as Tree, nn: nn.issues as Tree, en: en.issues as Tree };

function lookup(tree: Tree, path: readonly string[]): Tree | string | undefined {
  let node: Tree | string | undefined = tree;
  for (const p of path) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[p];
  }
  return node;
}

/** The template for `code` in `lang`: `_one`/`_other` by `count` (nb, nn and en: one for exactly 1). */
export function issueTemplate(code: string, params: IssueParams, lang: IssueLang): string | undefined {
  const parts = code.split('.');
  const leaf = parts.pop() ?? '';
  const parent = lookup(TEXT[lang], parts);
  if (parent === undefined || typeof parent === 'string') return undefined;
  const plain = parent[leaf];
  if (typeof plain === 'string') return plain;
  if (typeof params.count === 'number' || typeof params.count === 'string') {
    const form = Number(params.count) === 1 ? `${leaf}_one` : `${leaf}_other`;
    const p = parent[form];
    if (typeof p === 'string') return p;
  }
  return undefined;
}

/** Fill `{{name}}` placeholders; an unknown name stays visible so a missing value shows. */
function fill(template: string, params: IssueParams): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The message alone, in `lang` (nb when `lang` lacks the code; the code itself when nothing has it). */
export function issueMessage(i: Pick<Issue, 'code' | 'params'>, lang: IssueLang = 'nb'): string {
  const t = issueTemplate(i.code, i.params, lang) ?? issueTemplate(i.code, i.params, 'nb');
  return t === undefined ? i.code : fill(t, i.params);
}

/** `fil.csv, linje 4, «dato»: …`: where, then what, one line a person can act on. */
export function issueText(i: Issue, lang: IssueLang = 'nb'): string {
  const line = i.line !== undefined ? fill(issueTemplate('where.line', {}, lang) ?? 'linje {{line}}', { line: i.line }) : '';
  const where = [i.file ?? '', line, i.field ? `«${i.field}»` : ''].filter(Boolean).join(', ');
  const what = issueMessage(i, lang);
  return where ? `${where}: ${what}` : what;
}
