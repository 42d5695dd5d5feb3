/**
 * Indirect identifiers in quotes (issue 20; Sikt's guidance and the UiO de-identification guide
 * for qualitative data): details that single an informant out in combination — "jeg er den
 * eneste fra Eritrea i klassen". Offline and deterministic: word lists and patterns, no model.
 *
 * Each hit has a kind and a suggested rewrite ("et lite sted på Østlandet", "et land i
 * Øst-Afrika"). These are warnings for review in the risk panel, never replacements: nothing here
 * changes a quote. The user picks a rewrite (a decision, shared/model/risk.ts) and the sharing view
 * applies it (shared/risk/apply.ts).
 *
 * Kinds: uniqueness phrases, nationalities/countries, languages, religions, small places
 * (municipalities under SMALL_PLACE_MAX inhabitants from the bundled SSB list, places-data.ts),
 * family members with public roles, named workplaces and clubs, exact ages with school or year,
 * diagnoses. Measured on tests/fixtures/anonymise/indirect-corpus.json (tests/unit/indirect.test.ts).
 */
import { foldText } from './normalise';
import { lookupPlace, placeIndex, type Region } from './places';

export const INDIRECT_KINDS = ['uniqueness', 'nationality', 'language', 'religion', 'small-place', 'family-role', 'workplace', 'club', 'age', 'diagnosis'] as const;
export type IndirectKind = (typeof INDIRECT_KINDS)[number];

export interface IndirectHit {
  start: number;
  end: number;
  kind: IndirectKind;
  /** `text.slice(start, end)`, for the panel. Never logged or stored. */
  text: string;
  /** The suggested generalisation, e.g. "et land i Øst-Afrika". */
  rewrite: string;
  /** Stable code for the UI (`indirect.<kind>`). */
  reason: string;
}

/** A municipality with fewer inhabitants than this is a small place. */
export const SMALL_PLACE_MAX = 20_000;

const L = String.raw`\p{L}\p{N}`;
const START = `(?<![${L}])`;
const END = `(?![${L}])`;

function alt(words: readonly string[]): string {
  return [...words].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
}

// ---- uniqueness ---------------------------------------------------------------------------

const UNIQUENESS = new RegExp(
  [
    String.raw`(?:jeg|eg|vi)\s+(?:er|var|ble|blei)\s+(?:den|det|de)\s+(?:eneste|einaste)`,
    String.raw`(?:den|det)\s+(?:eneste|einaste)\s+(?:jenta|jente|gutten|gutt|eleven|elev|ungdommen|personen|en|ein|som\s+(?:kom|var|er|snakket|snakka|hadde|har|kunne|bodde|bor|gikk|går|ikke|ikkje)|fra|frå|med|av|i\s+(?:klassen|klasse|skolen|skulen|trinnet|kullet|bygda|gruppa))`,
    String.raw`(?:som\s+)?(?:eneste|einaste)\s+(?:jente|gutt|elev|ungdom|minoritetsspråklige|utlending|innvandrer|asylsøker|flyktning)`,
    String.raw`ingen\s+andre\s+(?:i|på|fra|frå|enn|med|av|hadde|var|kom|snakket|snakka|kunne|på\s+min\s+alder)`,
    String.raw`ingen\s+andre(?=\s*[.,!?]|$)`,
    String.raw`(?:bare|berre|kun)\s+(?:meg|jeg|eg)\s+(?:som|i|på|fra|frå|av)`,
    String.raw`(?:den|det)\s+(?:første|fyrste)\s+(?:fra|frå|som\s+kom|i\s+(?:familien|bygda|klassen))`,
    String.raw`alene\s+om\s+å`,
  ]
    .map((p) => `${START}(?:${p})${END}`)
    .join('|'),
  'giu',
);

// ---- nationalities and countries (→ region) ----------------------------------------------

type World = 'Øst-Afrika' | 'Vest-Afrika' | 'Nord-Afrika' | 'Sentral-Afrika' | 'Midtøsten' | 'Sør-Asia' | 'Sentral-Asia' | 'Sørøst-Asia' | 'Øst-Asia' | 'Øst-Europa' | 'Sør-Europa' | 'Vest-Europa' | 'Norden' | 'Sør-Amerika' | 'Mellom-Amerika';

/** Country, then nationality words (nouns and adjectives) that point to it. Norway/norsk is left out. */
const COUNTRIES: readonly [World, readonly string[]][] = [
  ['Øst-Afrika', ['Eritrea', 'eritreer', 'eritreisk', 'eritreiske', 'Etiopia', 'etiopier', 'etiopisk', 'etiopiske', 'Somalia', 'somalier', 'somalisk', 'somaliske', 'Sudan', 'sudaner', 'sudansk', 'sudanesisk', 'Sør-Sudan', 'Kenya', 'kenyansk', 'Uganda', 'ugandisk', 'Tanzania', 'Rwanda', 'Burundi', 'Djibouti']],
  ['Sentral-Afrika', ['Kongo', 'kongoleser', 'kongolesisk', 'Kamerun', 'Tsjad', 'Den sentralafrikanske republikk']],
  ['Vest-Afrika', ['Nigeria', 'nigeriansk', 'Ghana', 'ghanesisk', 'Gambia', 'gambisk', 'Senegal', 'Elfenbenskysten', 'Mali', 'Guinea', 'Sierra Leone', 'Liberia']],
  ['Nord-Afrika', ['Marokko', 'marokkaner', 'marokkansk', 'Algerie', 'algerisk', 'Tunisia', 'tunisisk', 'Libya', 'libysk', 'Egypt', 'egypter', 'egyptisk']],
  ['Midtøsten', ['Syria', 'syrer', 'syrisk', 'syriske', 'Irak', 'iraker', 'irakisk', 'irakiske', 'Iran', 'iraner', 'iransk', 'iranske', 'Palestina', 'palestiner', 'palestinsk', 'Libanon', 'libanesisk', 'Jordan', 'jordansk', 'Jemen', 'jemenittisk', 'Tyrkia', 'tyrker', 'tyrkisk', 'tyrkiske', 'Kurdistan', 'kurder', 'Israel', 'israelsk', 'Saudi-Arabia', 'Kuwait']],
  ['Sentral-Asia', ['Afghanistan', 'afghaner', 'afghansk', 'afghanske', 'Tadsjikistan', 'Usbekistan', 'Kasakhstan', 'Tsjetsjenia', 'tsjetsjener', 'tsjetsjensk']],
  ['Sør-Asia', ['Pakistan', 'pakistaner', 'pakistansk', 'pakistanske', 'India', 'inder', 'indisk', 'Sri Lanka', 'srilankisk', 'Bangladesh', 'bangladeshisk', 'Nepal', 'nepalsk']],
  ['Sørøst-Asia', ['Vietnam', 'vietnameser', 'vietnamesisk', 'Thailand', 'thailandsk', 'Filippinene', 'filippinsk', 'filippinsk', 'Myanmar', 'Burma', 'burmesisk', 'Indonesia', 'indonesisk', 'Kambodsja', 'Malaysia']],
  ['Øst-Asia', ['Kina', 'kineser', 'kinesisk', 'Japan', 'japansk', 'Korea', 'koreansk', 'Sør-Korea', 'Nord-Korea', 'Mongolia']],
  ['Øst-Europa', ['Polen', 'polakk', 'polsk', 'polske', 'Litauen', 'litauer', 'litauisk', 'Latvia', 'latvisk', 'Estland', 'estisk', 'Ukraina', 'ukrainer', 'ukrainsk', 'ukrainske', 'Russland', 'russer', 'russisk', 'Romania', 'rumener', 'rumensk', 'Bulgaria', 'bulgarsk', 'Bosnia', 'bosnisk', 'Serbia', 'serbisk', 'Kosovo', 'kosovoalbaner', 'Albania', 'albansk', 'Hviterussland', 'Belarus', 'Moldova', 'Ungarn', 'ungarsk', 'Tsjekkia', 'tsjekkisk', 'Slovakia']],
  ['Sør-Europa', ['Italia', 'italiensk', 'Spania', 'Portugal', 'portugisisk', 'Hellas', 'gresk', 'Kroatia', 'kroatisk']],
  ['Vest-Europa', ['Tyskland', 'Frankrike', 'Nederland', 'nederlandsk', 'Belgia', 'Storbritannia', 'England', 'Skottland', 'Irland', 'irsk']],
  ['Norden', ['Sverige', 'Danmark', 'Finland', 'Island', 'islandsk', 'Færøyene']],
  ['Sør-Amerika', ['Colombia', 'colombiansk', 'Chile', 'chilensk', 'Brasil', 'brasiliansk', 'Peru', 'Venezuela', 'Argentina', 'Bolivia', 'Ecuador']],
  ['Mellom-Amerika', ['Mexico', 'meksikansk', 'Guatemala', 'Honduras', 'Cuba', 'El Salvador', 'Nicaragua']],
];

/** Words also used as school subjects or everyday words: only a country name counts for these. */
const NOT_NATIONALITY = new Set(['engelsk', 'tysk', 'fransk', 'spansk', 'svensk', 'dansk', 'finsk', 'norsk']);

const COUNTRY_OF = new Map<string, World>();
const CAPITAL_ONLY = new Set<string>();
for (const [world, words] of COUNTRIES) {
  for (const w of words) {
    COUNTRY_OF.set(w.toLocaleLowerCase('nb'), world);
    // Country names are matched capitalised only ("Jordan", "Island", "Mali" are also words).
    if (/^\p{Lu}/u.test(w)) CAPITAL_ONLY.add(w.toLocaleLowerCase('nb'));
  }
}
const NATIONALITY = new RegExp(`${START}(?:${alt([...COUNTRY_OF.keys()])})${END}`, 'giu');

function worldPhrase(w: World): string {
  return w === 'Norden' ? 'et nordisk land' : w === 'Midtøsten' ? 'et land i Midtøsten' : `et land i ${w}`;
}

// ---- languages -----------------------------------------------------------------------------

const LANGUAGES = ['tigrinja', 'tigrinya', 'amharisk', 'oromo', 'somali', 'swahili', 'arabisk', 'dari', 'pashto', 'farsi', 'persisk', 'kurdisk', 'kurmanji', 'sorani', 'urdu', 'punjabi', 'hindi', 'tamil', 'bengali', 'thai', 'vietnamesisk', 'tagalog', 'mandarin', 'kantonesisk', 'litauisk', 'latvisk', 'rumensk', 'albansk', 'bosnisk', 'serbokroatisk', 'tsjetsjensk', 'nordsamisk', 'sørsamisk', 'lulesamisk', 'samisk', 'kvensk', 'romani', 'tegnspråk'];
const LANGUAGE = new RegExp(`${START}(?:${alt(LANGUAGES)})${END}`, 'giu');
/** A language phrase with a nationality adjective ("snakker polsk hjemme", "morsmålet mitt er russisk"). */
const LANGUAGE_PHRASE = new RegExp(`${START}(?:snakker|snakka|prater|morsmål(?:et)?(?:\\s+mitt)?\\s+er|på)\\s+(${alt([...COUNTRY_OF.keys()].filter((w) => !CAPITAL_ONLY.has(w)))})\\s+(?:hjemme|heime|med|til|i\\s+familien)${END}`, 'giu');

// ---- religions -----------------------------------------------------------------------------

const RELIGIONS = ['muslim', 'muslimsk', 'muslimske', 'muslimer', 'islam', 'moské', 'moskeen', 'moskéen', 'hindu', 'hinduisme', 'sikh', 'buddhist', 'buddhistisk', 'jøde', 'jødisk', 'jødiske', 'synagoge', 'synagogen', 'katolikk', 'katolsk', 'ortodoks', 'ortodokse', 'Jehovas vitne', 'Jehovas vitner', 'pinsevenn', 'pinsemenighet', 'pinsemenigheten', 'Smiths venner', 'læstadianer', 'læstadiansk', 'ramadan', 'ramadanen', 'hijab', 'hijaben', 'turban', 'menigheten vår', 'bedehuset'];
const RELIGION = new RegExp(`${START}(?:${alt(RELIGIONS)})${END}`, 'giu');

// ---- family members with public roles ------------------------------------------------------

const FAMILY = ['mor', 'mora', 'moren', 'mamma', 'far', 'faren', 'fattern', 'pappa', 'foreldrene', 'foreldra', 'bror', 'broren', 'broren min', 'søster', 'søstera', 'søsteren', 'onkel', 'onkelen', 'tante', 'tanta', 'tanten', 'bestefar', 'bestemor', 'farfar', 'morfar', 'farmor', 'mormor', 'stefar', 'stemor', 'fetter', 'kusine'];
const ROLES = ['ordfører', 'ordføreren', 'varaordfører', 'rektor', 'rektoren', 'rådmann', 'kommunedirektør', 'politi', 'politimann', 'politiet', 'lensmann', 'lensmannen', 'prest', 'presten', 'imam', 'imamen', 'lege', 'legen', 'fastlege', 'fastlegen', 'stortingsrepresentant', 'statsråd', 'minister', 'politiker', 'sjef', 'daglig leder', 'eier', 'eieren', 'journalist', 'dommer', 'rådgiver', 'rådgiveren', 'lærer', 'læreren', 'kontaktlærer', 'kontaktlæreren', 'trener', 'treneren', 'kjendis', 'artist', 'fotballspiller', 'landslagsspiller', 'biskop', 'konsul', 'ambassadør', 'styreleder', 'helsesykepleier', 'helsesøster'];
const FAMILY_ROLE = new RegExp(
  `${START}(?:(?:min|mi|mitt|mine)\\s+)?(?:${alt(FAMILY)})(?:\\s+(?:min|mi|mitt|mine))?\\s+(?:er|var|jobber\\s+som|jobbet\\s+som|jobba\\s+som|er\\s+jo|har\\s+vært|blei|ble)\\s+(?:(?:en|ei|et|ein|eit|den|jo|faktisk|selve)\\s+)?(?:${alt(ROLES)})${END}`,
  'giu',
);

// ---- named workplaces and clubs ------------------------------------------------------------

const CAP = String.raw`\p{Lu}[\p{L}'’-]{1,30}`;
const CLUB = new RegExp(
  [
    // "Kragerø IF", "Ulefoss Turn", "Skarphedin IL", "Urædd FK", "Pors Grenland"
    String.raw`${CAP}(?:\s+${CAP}){0,2}\s+(?:IL|IF|FK|SK|BK|IK|TIF|UIL|Idrettslag|Ballklubb|Turn|Turnforening|Sportsklubb|Svømmeklubb|Skiklubb|Håndballklubb|Fotballklubb|Musikkorps|Skolekorps|Janitsjar|Ungdomsklubb|Ungdomslag|4H|Speidergruppe|Bokseklubb|Klatreklubb)${END}`,
    // "spiller fotball på/i/for Urædd", "trener med Pors"
    String.raw`(?:spiller|spilte|spelar|spela|trener|trente|går\s+på|gikk\s+på)\s+(?:fotball|håndball|basket|hockey|ishockey|volleyball|bandy|ski|turn|boksing|bryting|svømming|dans|korps)\s+(?:i|på|for|med|hos)\s+${CAP}`,
    String.raw`(?:med|i)\s+(?:i\s+)?(?:korpset|klubben|laget)\s+(?:til\s+)?${CAP}`,
  ].join('|'),
  'gu',
);

const CHAINS = ['Rema 1000', 'Rema', 'Kiwi', 'Coop Extra', 'Coop Prix', 'Coop Mega', 'Coop Obs', 'Extra', 'Meny', 'Joker', 'Spar', 'Bunnpris', "McDonald's", 'McDonalds', 'Burger King', 'Peppes', 'Max Burger', 'XXL', 'Elkjøp', 'Biltema', 'Jula', 'Clas Ohlson', 'Europris', 'Normal', 'Thansen', 'Circle K', 'Esso', 'Shell', 'Yara', 'Hydro', 'Equinor', 'Telenor', 'Posten', 'Vinmonopolet', 'Statoil', 'Jernia', 'Plantasjen', 'Byggmakker', 'Obs Bygg', 'Mester Grønn'];
const WORKPLACE = new RegExp(
  [
    // "jobber på Rema på Sannidal", "sommerjobb hos Yara", "lærling på Hydro"
    String.raw`(?:jobber|jobbet|jobba|arbeider|arbeidet|jobb|sommerjobb|deltidsjobb|ekstrajobb|lærling|lærlingplass|praksis|utplassering|helgejobb)\s+(?:på|hos|i|ved)\s+(?:${alt(CHAINS)}|${CAP}(?:\s+${CAP})?\s+(?:AS|ASA|Bil|Bygg|Rør|Elektro|Frisør|Bakeri|Kafé|Kafe|Pizza|Sykehjem|Barnehage|Hotell|Camping|Verksted|Marina|Senter|Mek))${END}`,
    String.raw`${CAP}(?:\s+${CAP})?\s+(?:AS|ASA)${END}`,
    String.raw`(?:jobber|jobbet|jobba|jobb|sommerjobb|helgejobb|deltidsjobb|lærling|lærlingplass|praksis|utplassering)\s+(?:på|hos)\s+(?:${alt(CHAINS)})${END}`,
  ].join('|'),
  'gu',
);

// ---- exact ages with school and year --------------------------------------------------------

const NUMBER_WORDS = 'tolv|tretten|fjorten|femten|seksten|sytten|atten|nitten|tjue';
const AGE = new RegExp(`${START}(?:(?:jeg|eg)\\s+(?:er|var|blir|ble|fylte|fyller)\\s+(?:\\d{1,2}|${NUMBER_WORDS})(?:\\s+år(?:\\s+gammel)?)?|(?:\\d{1,2}|${NUMBER_WORDS})\\s+år\\s+gammel|født\\s+i\\s+(?:19|20)\\d{2}|(?:\\d{1,2}|${NUMBER_WORDS})-åring(?:en)?)${END}`, 'giu');
/** What makes an exact age identifying: a named school, a class or a year in the same quote. */
const AGE_CONTEXT = new RegExp(`${START}(?:${CAP}\\s+(?:skole|ungdomsskole|barneskole|videregående|vgs)|\\d{1,2}\\.\\s*(?:klasse|trinn)|vg\\s?[1-3]|(?:19|20)\\d{2}|høsten|våren)${END}`, 'iu');

// ---- diagnoses -----------------------------------------------------------------------------

const DIAGNOSES = ['ADHD', 'ADD', 'autisme', 'autist', 'asperger', 'Aspergers', 'Tourette', 'Tourettes', 'dysleksi', 'dyskalkuli', 'diabetes', 'diabetiker', 'epilepsi', 'epileptiker', 'cerebral parese', 'CP', 'PTSD', 'posttraumatisk', 'depresjon', 'depressiv', 'angstlidelse', 'sosial angst', 'panikklidelse', 'bipolar', 'schizofreni', 'psykose', 'spiseforstyrrelse', 'anoreksi', 'bulimi', 'OCD', 'tvangslidelse', 'kreft', 'leukemi', 'Downs syndrom', 'Down syndrom', 'cystisk fibrose', 'MS', 'revmatisme', 'synshemmet', 'svaksynt', 'blind', 'døv', 'hørselshemmet', 'rullestol', 'rullestolen', 'diagnose', 'diagnosen', 'utviklingshemming', 'lærevansker', 'Tourettes syndrom', 'ME', 'migrene', 'astma'];
const CASE_SENSITIVE_DIAGNOSES = new Set(['ADD', 'CP', 'MS', 'ME', 'OCD', 'PTSD', 'ADHD']);
const DIAGNOSIS = new RegExp(`${START}(?:${alt(DIAGNOSES.filter((d) => !CASE_SENSITIVE_DIAGNOSES.has(d)))})${END}`, 'giu');
const DIAGNOSIS_UPPER = new RegExp(`${START}(?:${alt([...CASE_SENSITIVE_DIAGNOSES])})${END}`, 'gu');

// ---- small places --------------------------------------------------------------------------

/** Municipality names that are also common words or given names: only after a place preposition. */
const AMBIGUOUS_PLACES = new Set(['time', 'lund', 'hole', 'nes', 'vik', 'bø', 'sel', 'gran', 'hå', 'os', 'lom', 'vang', 'sola', 'ål', 'hol', 'flå', 'sande', 'vega', 'rana', 'leka', 'frosta', 'stange', 'lier', 'våler', 'grue', 'alta', 'aure', 'rauma', 'moss', 'ski', 'vinje', 'hemne', 'heim', 'kvam', 'voss', 'stord', 'frøya', 'hitra', 'sula', 'giske', 'herøy', 'tana', 'lesja', 'marker', 'skaun', 'modum', 'fjord', 'bremanger', 'træna', 'røst', 'berg', 'tinn']);
const PLACE_PREP = /(?:^|[^\p{L}])(?:i|på|fra|frå|til|ved|nær|utenfor|utanfor|rundt|mot|bor\s+i|vokste\s+opp\s+i|flyttet\s+til|flytta\s+til|kommer\s+fra)\s+$/iu;
const PLACE_TOKEN = new RegExp(`${START}\\p{Lu}[\\p{Ll}æøåáčđŋšŧž]+(?:[- ](?:og\\s+)?\\p{Lu}[\\p{Ll}æøåáčđŋšŧž]+){0,2}${END}`, 'gu');

function regionPhrase(r: Region): string {
  return r === 'Midt-Norge' || r === 'Nord-Norge' ? `et lite sted i ${r}` : `et lite sted på ${r}`;
}

// ---- the detector --------------------------------------------------------------------------

export interface IndirectOptions {
  /** Municipalities with fewer inhabitants than this are small places (default SMALL_PLACE_MAX). */
  smallPlaceMax?: number;
  /** Only these kinds (default: all). */
  only?: readonly IndirectKind[];
}

function* matches(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0] === '') {
      re.lastIndex++;
      continue;
    }
    yield m;
  }
}

/** First words of a list, lower-cased: the tokens that make a kind worth its patterns. */
function firsts(words: readonly string[]): string[] {
  return words.map((w) => (w.toLocaleLowerCase('nb').split(/[^\p{L}\p{N}]+/u)[0] ?? '')).filter((w) => w !== '');
}

/**
 * Per kind, the words (lower case) without which its patterns cannot match: a quote is split into
 * words once, and a kind's regular expressions run only when one of its words is there. Most
 * quotes hold none, so the scan of 50,000 quotes stays well under a second (bench row "risk").
 */
const TRIGGERS: Readonly<Record<Exclude<IndirectKind, 'small-place'>, ReadonlySet<string>>> = {
  uniqueness: new Set(['eneste', 'einaste', 'andre', 'meg', 'jeg', 'eg', 'første', 'fyrste', 'alene']),
  nationality: new Set(firsts([...COUNTRY_OF.keys()])),
  language: new Set([...firsts(LANGUAGES), 'snakker', 'snakka', 'prater', 'morsmål', 'morsmålet']),
  religion: new Set(firsts(RELIGIONS)),
  'family-role': new Set(firsts(FAMILY)),
  club: new Set(['il', 'if', 'fk', 'sk', 'bk', 'ik', 'tif', 'uil', 'idrettslag', 'ballklubb', 'turn', 'turnforening', 'sportsklubb', 'svømmeklubb', 'skiklubb', 'håndballklubb', 'fotballklubb', 'musikkorps', 'skolekorps', 'janitsjar', 'ungdomsklubb', 'ungdomslag', '4h', 'speidergruppe', 'bokseklubb', 'klatreklubb', 'spiller', 'spilte', 'spelar', 'spela', 'trener', 'trente', 'går', 'gikk', 'korpset', 'klubben', 'laget']),
  workplace: new Set(['jobber', 'jobbet', 'jobba', 'arbeider', 'arbeidet', 'jobb', 'sommerjobb', 'deltidsjobb', 'ekstrajobb', 'lærling', 'lærlingplass', 'lærlingplassen', 'praksis', 'utplassering', 'helgejobb', 'as', 'asa']),
  age: new Set(['år', 'født', 'åring', 'åringen', 'er', 'var', 'blir', 'ble', 'fylte', 'fyller']),
  diagnosis: new Set(firsts(DIAGNOSES)),
};
const ROLE_WORDS = new Set(firsts(ROLES));
const AGE_WORDS = new Set(['år', 'født', 'åring', 'åringen']);
let placeFirsts: Set<string> | null = null;
/** First words (lower case) of every municipality and centre name. */
function placeFirstWords(): ReadonlySet<string> {
  placeFirsts ??= new Set(firsts([...placeIndex().keys()]));
  return placeFirsts;
}

/**
 * Indirect identifiers in one quote, in text order (overlaps resolved: the earlier, then the longer
 * hit wins). Offsets are UTF-16 units into `text` as given.
 */
export function detectIndirect(text: string, options: IndirectOptions = {}): IndirectHit[] {
  if (text.length === 0) return [];
  const folded = foldText(text);
  const t = folded.text;
  const only = options.only ? new Set(options.only) : null;
  const words = new Set(t.toLocaleLowerCase('nb').split(/[^\p{L}\p{N}]+/u));
  const has = (set: ReadonlySet<string>): boolean => {
    for (const w of words) if (set.has(w)) return true;
    return false;
  };
  const want = (k: IndirectKind): boolean => {
    if (only !== null && !only.has(k)) return false;
    if (k === 'small-place') return has(placeFirstWords());
    if (k === 'family-role' && !has(ROLE_WORDS)) return false;
    if (k === 'age' && !has(AGE_WORDS) && !/\d|tolv|tretten|fjorten|femten|seksten|sytten|atten|nitten|tjue/iu.test(t)) return false;
    return has(TRIGGERS[k]);
  };
  const smallMax = options.smallPlaceMax ?? SMALL_PLACE_MAX;
  const raw: Omit<IndirectHit, 'text'>[] = [];
  const push = (start: number, end: number, kind: IndirectKind, rewrite: string): void => {
    const [s, e] = folded.identity ? [start, end] : folded.toOriginal(start, end);
    raw.push({ start: s, end: e, kind, rewrite, reason: `indirect.${kind}` });
  };

  if (want('uniqueness')) for (const m of matches(UNIQUENESS, t)) push(m.index, m.index + m[0].length, 'uniqueness', 'en av få');
  if (want('nationality')) {
    for (const m of matches(NATIONALITY, t)) {
      const w = m[0].toLocaleLowerCase('nb');
      if (NOT_NATIONALITY.has(w)) continue;
      if (CAPITAL_ONLY.has(w) && !/^\p{Lu}/u.test(m[0])) continue;
      const world = COUNTRY_OF.get(w);
      if (!world) continue;
      const rewrite = CAPITAL_ONLY.has(w) ? worldPhrase(world) : `fra ${worldPhrase(world)}`;
      push(m.index, m.index + m[0].length, 'nationality', rewrite);
    }
  }
  if (want('language')) {
    for (const m of matches(LANGUAGE, t)) push(m.index, m.index + m[0].length, 'language', 'et annet morsmål');
    for (const m of matches(LANGUAGE_PHRASE, t)) {
      const word = m[1] ?? '';
      const at = m.index + m[0].indexOf(word, m[0].length - word.length - 30);
      push(at, at + word.length, 'language', 'et annet morsmål');
    }
  }
  if (want('religion')) for (const m of matches(RELIGION, t)) push(m.index, m.index + m[0].length, 'religion', 'en tro');
  if (want('family-role')) for (const m of matches(FAMILY_ROLE, t)) push(m.index, m.index + m[0].length, 'family-role', 'et familiemedlem har en kjent rolle i lokalsamfunnet');
  if (want('club')) for (const m of matches(CLUB, t)) push(m.index, m.index + m[0].length, 'club', 'et idrettslag eller en fritidsaktivitet');
  if (want('workplace')) for (const m of matches(WORKPLACE, t)) push(m.index, m.index + m[0].length, 'workplace', 'en lokal arbeidsplass');
  if (want('age') && AGE_CONTEXT.test(t)) for (const m of matches(AGE, t)) push(m.index, m.index + m[0].length, 'age', 'i tenårene');
  if (want('age')) for (const m of matches(AGE, t)) if (/^født/iu.test(m[0])) push(m.index, m.index + m[0].length, 'age', 'i tenårene');
  if (want('diagnosis')) {
    for (const m of matches(DIAGNOSIS, t)) push(m.index, m.index + m[0].length, 'diagnosis', 'en helseutfordring');
    for (const m of matches(DIAGNOSIS_UPPER, t)) push(m.index, m.index + m[0].length, 'diagnosis', 'en helseutfordring');
  }
  if (want('small-place')) {
    for (const m of matches(PLACE_TOKEN, t)) {
      // Longest first: "Nore og Uvdal", "Midt-Telemark", then the first word alone.
      const words = m[0];
      const candidates = [words, words.split(/[ ]/)[0] ?? words];
      for (const c of candidates) {
        const place = lookupPlace(c);
        if (!place || place.population >= smallMax) continue;
        const before = t.slice(Math.max(0, m.index - 30), m.index);
        const sentenceStart = /(?:^|[.!?:«"]\s*)$/u.test(before);
        const lower = c.toLocaleLowerCase('nb');
        if ((AMBIGUOUS_PLACES.has(lower) || sentenceStart) && !PLACE_PREP.test(before)) continue;
        push(m.index, m.index + c.length, 'small-place', regionPhrase(place.region));
        break;
      }
    }
  }
  raw.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: IndirectHit[] = [];
  let last = -1;
  for (const h of raw) {
    if (h.start < last) continue;
    out.push({ ...h, text: text.slice(h.start, h.end) });
    last = h.end;
  }
  return out;
}

/** The quote with the chosen rewrites applied (spans in the quote's units; overlapping ones skipped). */
export function applyRewrites(text: string, rewrites: readonly { start: number; end: number; text: string }[]): string {
  const sorted = [...rewrites].filter((r) => r.start >= 0 && r.end <= text.length && r.start < r.end).sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const r of sorted) {
    if (r.start < at) continue;
    out += text.slice(at, r.start) + r.text;
    at = r.end;
  }
  return out + text.slice(at);
}
