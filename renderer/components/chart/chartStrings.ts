/** Chart words for the UI language: the layouts draw them into the picture (shared/charts/strings.ts). */
import { CHART_STRINGS_EN, CHART_STRINGS_NB, fmtInt, fmtNumber, type ChartStrings } from '../../../shared/charts';

/** Nynorsk: the bokmål set with the words that differ. */
export const CHART_STRINGS_NN: ChartStrings = {
  ...CHART_STRINGS_NB,
  locale: 'nn',
  journeyTitle: 'Brukarreisa: erfaringar per trinn og situasjon',
  emotionTitle: 'Opplevingskurve: gjennomsnittleg vurdering per trinn',
  satisfactionTitle: 'Erfaringar med rådgjevar',
  codeFrequencyTitle: 'Kodar: tal på informantar og utsegner',
  storyboardTitle: 'Kim gjennom skuleløpet',
  segmentsShort: 'utsegner',
  suppressed: (k) => `Færre enn ${k} informantar`,
  notDiscussed: 'ikkje tema',
  categoriesDiffer: 'Kategoriane er ikkje dei same som i intervjua og kan ikkje slåast saman.',
  rounding: (sum) => `Summerer til ${fmtNumber(sum, 'nn')} % på grunn av avrunding i kjelda.`,
  benchmarkSource: (source, year, n, approx) => `${source}, ${year}, n ${approx ? '≈' : '='} ${fmtInt(n, 'nn')}`,
  pains: 'Vondt',
  helps: 'Hjelper',
  wishes: 'Ønske',
  uncoded: 'utan kode',
  noData: 'Ingen data',
  meanScore: 'Gjennomsnitt (+1 positiv, 0 ok men, −1 negativ)',
};

export function chartStringsFor(lang: string): ChartStrings {
  if (lang === 'en') return CHART_STRINGS_EN;
  if (lang === 'nn') return CHART_STRINGS_NN;
  return CHART_STRINGS_NB;
}
