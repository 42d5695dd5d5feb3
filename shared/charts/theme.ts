/**
 * Colours and cues. The palette is Okabe & Ito (2008, "Color Universal Design"), chosen because it
 * stays distinguishable under the common colour-vision deficiencies. Colour is never the only cue:
 * every valence also has a glyph (＋ ~ −) drawn on or beside its mark, and the benchmark is dashed.
 */
import type { Valence } from '../model/schema';

export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

export interface Theme {
  name: 'light' | 'high-contrast';
  fontFamily: string;
  background: string;
  text: string;
  mutedText: string;
  grid: string;
  cell: string;
  /** Background of a suppressed (small) cell. */
  suppressed: string;
  border: string;
  valence: Record<Valence, string>;
  /** Text colour to use on top of each valence fill (contrast ≥ 4.5:1 for the glyphs). */
  onValence: Record<Valence, string>;
  /** Second, non-colour cue per valence. */
  glyph: Record<Valence, string>;
  line: string;
  band: string;
  benchmarkStroke: string;
  benchmarkOpacity: number;
  chip: string;
  chipText: string;
}

export const VALENCE_GLYPHS: Record<Valence, string> = { positive: '+', mixed: '~', negative: '−' };

export const lightTheme: Theme = {
  name: 'light',
  fontFamily: 'DejaVu Sans, Helvetica, Arial, sans-serif',
  background: '#FFFFFF',
  text: '#1A1A1A',
  mutedText: '#595959',
  grid: '#D9D9D9',
  cell: '#F7F7F7',
  suppressed: '#E6E6E6',
  border: '#BFBFBF',
  valence: { positive: OKABE_ITO.bluishGreen, mixed: OKABE_ITO.yellow, negative: OKABE_ITO.vermillion },
  // Black on all three: on Okabe–Ito green black gives 6.4:1, white only 3.3:1 (WCAG AA needs 4.5:1).
  onValence: { positive: '#000000', mixed: '#000000', negative: '#000000' },
  glyph: VALENCE_GLYPHS,
  line: OKABE_ITO.blue,
  band: OKABE_ITO.skyBlue,
  benchmarkStroke: '#1A1A1A',
  benchmarkOpacity: 0.55,
  chip: '#FFFFFF',
  chipText: '#1A1A1A',
};

/** Black on white with heavier strokes and full-strength fills, for projectors and low vision. */
export const highContrastTheme: Theme = {
  name: 'high-contrast',
  fontFamily: 'DejaVu Sans, Helvetica, Arial, sans-serif',
  background: '#FFFFFF',
  text: '#000000',
  mutedText: '#000000',
  grid: '#000000',
  cell: '#FFFFFF',
  suppressed: '#CCCCCC',
  border: '#000000',
  valence: { positive: OKABE_ITO.blue, mixed: OKABE_ITO.yellow, negative: OKABE_ITO.vermillion },
  onValence: { positive: '#FFFFFF', mixed: '#000000', negative: '#000000' },
  glyph: VALENCE_GLYPHS,
  line: '#000000',
  band: '#999999',
  benchmarkStroke: '#000000',
  benchmarkOpacity: 0.7,
  chip: '#FFFFFF',
  chipText: '#000000',
};
