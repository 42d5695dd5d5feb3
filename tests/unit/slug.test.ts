import { describe, expect, it } from 'vitest';
import { slugify } from '../../shared/text/slug';

describe('slugify (the one slug: export file names, merge site tags)', () => {
  it('spells out ø and æ, drops accents and joins the rest with -', () => {
    expect(slugify('Brukerreisen Kim (demo)', 60, 'studie')).toBe('brukerreisen-kim-demo');
    expect(slugify('Skien/Porsgrunn – Vår økt Æ', 60, 'x')).toBe('skien-porsgrunn-var-okt-ae');
  });
  it('cuts at max and falls back when nothing is left', () => {
    expect(slugify('Porsgrunn videregående skole', 20, 'import')).toBe('porsgrunn-videregaen');
    expect(slugify('«»!?', 20, 'import')).toBe('import');
  });
});
