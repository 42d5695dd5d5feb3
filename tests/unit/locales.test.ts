import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = resolve(import.meta.dirname, '../../shared/locales');
const LANGS = ['nb', 'nn', 'en'] as const;

function keys(obj: unknown, prefix = ''): string[] {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return [prefix];
  return Object.entries(obj as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function load(lang: string, file: string): unknown {
  return JSON.parse(readFileSync(resolve(DIR, lang, file), 'utf8'));
}

const files = [...new Set(LANGS.flatMap((l) => readdirSync(resolve(DIR, l))))].sort();

describe('locale files', () => {
  it('exist for every language', () => {
    for (const l of LANGS) expect(readdirSync(resolve(DIR, l)).sort(), l).toEqual(files);
  });

  for (const file of files) {
    it(`${file}: nb, nn and en have the same keys and no empty strings`, () => {
      const nb = keys(load('nb', file)).sort();
      for (const l of ['nn', 'en'] as const) {
        const other = keys(load(l, file)).sort();
        expect({ lang: l, missing: nb.filter((k) => !other.includes(k)), extra: other.filter((k) => !nb.includes(k)) }).toEqual({ lang: l, missing: [], extra: [] });
      }
      for (const l of LANGS) {
        const flat = JSON.stringify(load(l, file));
        expect(flat.includes('""'), `${l}/${file} has an empty string`).toBe(false);
      }
    });

    it(`${file}: one top-level area per file, not shared with another file`, () => {
      const top = Object.keys(load('nb', file) as object);
      for (const other of files.filter((f) => f !== file)) {
        const otherTop = Object.keys(load('nb', other) as object);
        expect(top.filter((k) => otherTop.includes(k)), `${file} vs ${other}`).toEqual([]);
      }
    });
  }

  it('interpolation placeholders agree across languages', () => {
    for (const file of files) {
      const nbJson = JSON.stringify(load('nb', file));
      const nbVars = new Set(nbJson.match(/\{\{\w+\}\}/g) ?? []);
      for (const l of ['nn', 'en']) {
        const vars = new Set(JSON.stringify(load(l, file)).match(/\{\{\w+\}\}/g) ?? []);
        expect([...vars].sort(), `${l}/${file}`).toEqual([...nbVars].sort());
      }
    }
  });
});
