/**
 * Lookups over the bundled municipality list (places-data.ts, SSB figures via a public repository;
 * source, licence and date are in that file). Pure.
 */
import { MUNICIPALITIES } from './places-data';

/** The five parts of the country ("landsdeler"), by county number (2024 counties). */
export type Region = 'Østlandet' | 'Sørlandet' | 'Vestlandet' | 'Midt-Norge' | 'Nord-Norge';

const COUNTY_REGION: Readonly<Record<string, Region>> = {
  '03': 'Østlandet',
  '31': 'Østlandet',
  '32': 'Østlandet',
  '33': 'Østlandet',
  '34': 'Østlandet',
  '39': 'Østlandet',
  '40': 'Østlandet',
  '42': 'Sørlandet',
  '11': 'Vestlandet',
  '46': 'Vestlandet',
  '15': 'Vestlandet',
  '50': 'Midt-Norge',
  '18': 'Nord-Norge',
  '55': 'Nord-Norge',
  '56': 'Nord-Norge',
};

/** County names (and the names of the 2020–2023 merged counties) → region. */
const COUNTY_NAMES: Readonly<Record<string, Region>> = {
  oslo: 'Østlandet',
  østfold: 'Østlandet',
  akershus: 'Østlandet',
  buskerud: 'Østlandet',
  innlandet: 'Østlandet',
  hedmark: 'Østlandet',
  oppland: 'Østlandet',
  vestfold: 'Østlandet',
  telemark: 'Østlandet',
  viken: 'Østlandet',
  'vestfold og telemark': 'Østlandet',
  agder: 'Sørlandet',
  rogaland: 'Vestlandet',
  vestland: 'Vestlandet',
  hordaland: 'Vestlandet',
  'sogn og fjordane': 'Vestlandet',
  'møre og romsdal': 'Vestlandet',
  trøndelag: 'Midt-Norge',
  nordland: 'Nord-Norge',
  troms: 'Nord-Norge',
  finnmark: 'Nord-Norge',
  'troms og finnmark': 'Nord-Norge',
};

export interface Place {
  name: string;
  municipality: string;
  population: number;
  region: Region;
}

let byName: Map<string, Place> | null = null;

function fold(s: string): string {
  return s.normalize('NFC').toLocaleLowerCase('nb').trim();
}

/** Every municipality name, other official name and administrative centre → its municipality. */
export function placeIndex(): ReadonlyMap<string, Place> {
  if (byName) return byName;
  const m = new Map<string, Place>();
  for (const [id, name, alt, adm, population] of MUNICIPALITIES) {
    const region = COUNTY_REGION[id.slice(0, 2)] ?? 'Østlandet';
    for (const n of [name, alt, adm]) {
      if (n === '') continue;
      const key = fold(n);
      const prev = m.get(key);
      // Two municipalities with one name (none since 2020, but centres repeat): keep the larger.
      if (!prev || prev.population < population) m.set(key, { name: n, municipality: name, population, region });
    }
  }
  byName = m;
  return m;
}

/** The place a name refers to, if it is a municipality or an administrative centre. */
export function lookupPlace(name: string): Place | undefined {
  return placeIndex().get(fold(name));
}

/**
 * The region of a site as typed in the register ("Porsgrunn kommune", "Vestfold og Telemark
 * fylkeskommune", "Skien"), or null when the text names no known municipality or county.
 */
export function regionOfSite(site: string): Region | null {
  const s = fold(site)
    .replace(/\b(fylkes)?kommunes?\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (s === '') return null;
  const county = COUNTY_NAMES[s];
  if (county) return county;
  const place = placeIndex().get(s);
  if (place) return place.region;
  // The first word that names a municipality or county ("Oppfølgingstjenesten i Skien").
  for (const w of s.split(/[\s,/()-]+/)) {
    const c = COUNTY_NAMES[w];
    if (c) return c;
    const p = placeIndex().get(w);
    if (p && w.length >= 3) return p.region;
  }
  return null;
}
