/**
 * The few words the charts draw themselves. Norwegian bokmål by default (the app is Norwegian
 * first); the renderer passes its i18next translations for other locales. Numbers are formatted
 * here with a decimal comma for nb/nn because a chart is a picture: the painter cannot reformat it.
 */
export interface ChartStrings {
  locale: 'nb' | 'nn' | 'en';
  journeyTitle: string;
  emotionTitle: string;
  satisfactionTitle: string;
  codeFrequencyTitle: string;
  storyboardTitle: string;
  situation: string;
  stage: string;
  segmentsShort: string;
  informantsShort: string;
  suppressed: (smallCell: number) => string;
  /** A cell hidden so that no sum gives a small one back (secondary suppression). */
  hidden: string;
  /** "n held back" on every shared chart: cells hidden for small numbers, quotes not yet reviewed. */
  heldBack: (cells: number, quotes: number) => string;
  smallCellNote: string;
  notDiscussed: string;
  interval: string;
  categoriesDiffer: string;
  rounding: (sum: number) => string;
  benchmarkSource: (source: string, year: number, n: number, approx: boolean) => string;
  pains: string;
  helps: string;
  wishes: string;
  uncoded: string;
  noData: string;
  meanScore: string;
}

export const CHART_STRINGS_NB: ChartStrings = {
  locale: 'nb',
  journeyTitle: 'Brukerreisen: erfaringer per trinn og situasjon',
  emotionTitle: 'Opplevelseskurve: gjennomsnittlig vurdering per trinn',
  satisfactionTitle: 'Erfaringer med rådgiver',
  codeFrequencyTitle: 'Koder: antall informanter og utsagn',
  storyboardTitle: 'Kim gjennom skoleløpet',
  situation: 'Situasjon',
  stage: 'Trinn',
  segmentsShort: 'utsagn',
  informantsShort: 'inf.',
  suppressed: (k) => `Færre enn ${k} informanter`,
  hidden: 'Skjult (kunne ellers regnes ut)',
  heldBack: (cells, quotes) => `Holdt tilbake: ${cells} ${cells === 1 ? 'celle' : 'celler'} med små tall, ${quotes} ${quotes === 1 ? 'sitat' : 'sitater'} som ikke er gjennomgått`,
  smallCellNote: 'liten celle',
  notDiscussed: 'ikke tema',
  interval: '95 % konfidensintervall (Wilson)',
  categoriesDiffer: 'Kategoriene er ikke de samme som i intervjuene og kan ikke slås sammen.',
  rounding: (sum) => `Summerer til ${fmtNumber(sum, 'nb')} % på grunn av avrunding i kilden.`,
  benchmarkSource: (source, year, n, approx) => `${source}, ${year}, n ${approx ? '≈' : '='} ${fmtInt(n, 'nb')}`,
  pains: 'Vondt',
  helps: 'Hjelper',
  wishes: 'Ønsker',
  uncoded: 'uten kode',
  noData: 'Ingen data',
  meanScore: 'Gjennomsnitt (+1 positiv, 0 ok men, −1 negativ)',
};

export const CHART_STRINGS_EN: ChartStrings = {
  locale: 'en',
  journeyTitle: 'User journey: experiences by stage and situation',
  emotionTitle: 'Emotion curve: mean rating per stage',
  satisfactionTitle: 'Experiences with the school counsellor',
  codeFrequencyTitle: 'Codes: informants and segments',
  storyboardTitle: 'Kim through school',
  situation: 'Situation',
  stage: 'Stage',
  segmentsShort: 'segm.',
  informantsShort: 'inf.',
  suppressed: (k) => `Fewer than ${k} informants`,
  hidden: 'Hidden (could otherwise be worked out)',
  heldBack: (cells, quotes) => `Held back: ${cells} ${cells === 1 ? 'cell' : 'cells'} with small numbers, ${quotes} ${quotes === 1 ? 'quote' : 'quotes'} not yet reviewed`,
  smallCellNote: 'small cell',
  notDiscussed: 'not discussed',
  interval: '95 % confidence interval (Wilson)',
  categoriesDiffer: 'Categories differ from the interview categories and cannot be merged.',
  rounding: (sum) => `Sums to ${fmtNumber(sum, 'en')} % because of rounding in the source.`,
  benchmarkSource: (source, year, n, approx) => `${source}, ${year}, n ${approx ? '≈' : '='} ${fmtInt(n, 'en')}`,
  pains: 'Pains',
  helps: 'Helps',
  wishes: 'Wishes',
  uncoded: 'uncoded',
  noData: 'No data',
  meanScore: 'Mean (+1 positive, 0 ok-but, −1 negative)',
};

/** Up to one decimal, decimal comma in nb/nn. */
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
  hidden: 'Skjult (kunne elles reknast ut)',
  heldBack: (cells, quotes) => `Halde tilbake: ${cells} ${cells === 1 ? 'celle' : 'celler'} med små tal, ${quotes} ${quotes === 1 ? 'sitat' : 'sitat'} som ikkje er gjennomgått`,
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

export function fmtNumber(x: number, locale: ChartStrings['locale']): string {
  const s = String(Math.round(x * 10) / 10);
  return locale === 'en' ? s : s.replace('.', ',');
}

/** Whole number with a thin group separator (nb: narrow no-break space, en: comma) from 10,000 up. */
export function fmtInt(n: number, locale: ChartStrings['locale']): string {
  const s = String(Math.round(n));
  if (s.length < 5) return s;
  return s.replace(/\B(?=(\d{3})+(?!\d))/g, locale === 'en' ? ',' : '\u202F');
}

/** Whole percent, e.g. "24 %" (space before % as Norwegian and SI style have it). */
export function fmtPercent(p: number, locale: ChartStrings['locale']): string {
  return `${fmtNumber(p, locale)} %`;
}
