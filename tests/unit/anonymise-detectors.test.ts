import { describe, expect, it } from 'vitest';
import { detectIdentifiers, fnrCheckDigits, fnrChecksumValid, fnrVariant, SUGGEST_THRESHOLD, type Hit, type HitKind } from '../../shared/anonymise';
import { makeBadFnr, makeFnr, seededRandom } from '../fixtures/anonymise/corpus';

function kindsIn(text: string, min = SUGGEST_THRESHOLD): Array<[HitKind, string]> {
  return detectIdentifiers(text, { minConfidence: min }).map((h) => [h.kind, h.text]);
}

describe('fødselsnummer check digits', () => {
  it.each([
    // Published examples: Skatteetaten's synthetic/test numbers and a commonly cited valid number.
    ['01010750160', true],
    ['01010750161', false],
    ['15076500565', true],
    ['15076500566', false],
  ])('%s valid=%s', (n, valid) => {
    expect(fnrChecksumValid(n)).toBe(valid);
  });
  it('generated numbers of every variant validate and report their variant', () => {
    const rand = seededRandom(7);
    for (const [variant, name] of [['fnr', 'fnr'], ['d', 'd-number'], ['h', 'h-number'], ['synt', 'synthetic']] as const) {
      for (let i = 0; i < 50; i++) {
        const n = makeFnr(rand, variant);
        expect(fnrChecksumValid(n)).toBe(true);
        expect(fnrVariant(n)).toBe(name);
      }
    }
  });
  it('fnrCheckDigits refuses prefixes whose check digit would be 10, and bad input', () => {
    let refused = 0;
    for (let i = 100000000; i < 100000200; i++) if (fnrCheckDigits(String(i)) === null) refused++;
    expect(refused).toBeGreaterThan(0);
    expect(fnrCheckDigits('12345')).toBeNull();
  });
  it.each(['32019012345', '01139012345', '00019012345', '30029012345'])('impossible date %s has no variant', (n) => {
    expect(fnrVariant(n)).toBeNull();
  });
});

describe('FNR detector', () => {
  const rand = seededRandom(11);
  const valid = makeFnr(rand);
  const dnr = makeFnr(rand, 'd');
  const hnr = makeFnr(rand, 'h');
  const synt = makeFnr(rand, 'synt');
  const bad = makeBadFnr(rand);
  it.each([
    ['plain', `nummeret ${valid} står der`, valid],
    ['spaced', `nummeret ${valid.slice(0, 6)} ${valid.slice(6)} står der`, `${valid.slice(0, 6)} ${valid.slice(6)}`],
    ['D-number', `D-nr ${dnr}.`, dnr],
    ['H-number', `fikk ${hnr} på sykehuset`, hnr],
    ['synthetic +80', `test ${synt} i Tenor`, synt],
  ])('%s is found with high confidence', (_l, text, value) => {
    const hit = detectIdentifiers(text).find((h) => h.kind === 'FNR');
    expect(hit?.text).toBe(value);
    expect(hit?.confidence).toBeGreaterThanOrEqual(0.95);
  });
  it('an 11-digit run with a wrong check digit is flagged only as uncertain (0.5)', () => {
    const hits = detectIdentifiers(`saken ${bad} ble sendt`);
    expect(hits.map((h) => [h.kind, h.confidence])).toEqual([['FNR', 0.5]]);
    expect(kindsIn(`saken ${bad} ble sendt`)).toEqual([]);
  });
  it('12- and 10-digit runs are not fødselsnummer', () => {
    expect(detectIdentifiers(`${valid}1 og ${valid.slice(0, 10)}`).filter((h) => h.kind === 'FNR')).toEqual([]);
  });
});

describe('pattern detectors: formats', () => {
  it.each<[string, string, HitKind, string]>([
    ['tlf plain', 'ring 41234567 i dag', 'TLF', '41234567'],
    ['tlf 3-2-3', 'nummer 412 34 567.', 'TLF', '412 34 567'],
    ['tlf 2-2-2-2', 'det er 41 23 45 67', 'TLF', '41 23 45 67'],
    ['tlf +47', 'ring +47 912 34 567', 'TLF', '+47 912 34 567'],
    ['tlf 0047', 'eller 0047 41234567', 'TLF', '0047 41234567'],
    ['tlf (+47)', 'på (+47) 22 33 44 55', 'TLF', '(+47) 22 33 44 55'],
    ['tlf 4-4', 'sms 9123 4567', 'TLF', '9123 4567'],
    ['duf spaced', 'DUF-nummer 2019 123456 78', 'DUF', '2019 123456 78'],
    ['duf compact', 'saken 201912345678 hos UDI', 'DUF', '201912345678'],
    ['epost', 'skriv til ola.nordmann+skole@elev.vtfk.no.', 'EPOST', 'ola.nordmann+skole@elev.vtfk.no'],
    ['epost æøå', 'mail: bjørn.ås@online.no', 'EPOST', 'bjørn.ås@online.no'],
    ['instagram', 'se https://www.instagram.com/ola.n/ nå', 'URL', 'https://www.instagram.com/ola.n/'],
    ['tiktok', 'tiktok.com/@ola_n er min', 'URL', 'tiktok.com/@ola_n'],
    ['snapchat', 'snapchat.com/add/ola2006', 'URL', 'snapchat.com/add/ola2006'],
    ['facebook', 'facebook.com/ola.nordmann.5', 'URL', 'facebook.com/ola.nordmann.5'],
    ['x', 'følg x.com/olan', 'URL', 'x.com/olan'],
    ['handle', 'snap meg på @ola_n06!', 'URL', '@ola_n06'],
    ['adresse', 'jeg bor i Storgata 12B nå', 'ADRESSE', 'Storgata 12B'],
    ['adresse veien', 'det er Kirkeveien 3, rett ved', 'ADRESSE', 'Kirkeveien 3'],
    ['adresse allé', 'på Bygdøy allé 5', 'ADRESSE', 'Bygdøy allé 5'],
    ['adresse multi-word', 'i Kong Oscars gate 22 A', 'ADRESSE', 'Kong Oscars gate 22 A'],
    ['adresse svingen', 'Solsvingen 8 på Heistad', 'ADRESSE', 'Solsvingen 8'],
    ['poststed', 'adresse: 3710 Skien', 'POSTSTED', '3710 Skien'],
    ['skole', 'på Skien videregående skole i fjor', 'SKOLE', 'Skien videregående skole'],
    ['vgs', 'går på Porsgrunn vgs', 'SKOLE', 'Porsgrunn vgs'],
    ['ungdomsskole', 'fra Kjølnes ungdomsskole', 'SKOLE', 'Kjølnes ungdomsskole'],
  ])('%s', (_l, text, kind, value) => {
    expect(kindsIn(text)).toContainEqual([kind, value]);
  });
});

describe('names', () => {
  it.each<[string, string, string]>([
    ['known first name mid-sentence', 'Vi snakket med Hodan om det.', 'Hodan'],
    ['full name merges', 'Det var Sara Hansen som sa det.', 'Sara Hansen'],
    ['three-part name', 'og Mohammed Ali Hassan kom', 'Mohammed Ali Hassan'],
    ['cue: heter + unknown', 'Jeg heter Jomar og er 17.', 'Jomar'],
    ['cue: rådgiveren', 'rådgiveren Bratsberg sa nei', 'Bratsberg'],
    ['cue: broren min', 'broren min Kalle er eldre', 'Kalle'],
    ['cue after: X sa', 'men så Leander sa at det gikk', 'Leander'],
    ['Polish letters', 'læreren Małgorzata var snill', 'Małgorzata'],
    ['Lithuanian letters', 'med Žygimantas i klassen', 'Žygimantas'],
    ['hyphenated', 'Anne-Lise var der', 'Anne-Lise'],
    ['possessive keeps the s outside', 'Det var Ahmeds idé.', 'Ahmed'],
  ])('%s', (_l, text, value) => {
    expect(kindsIn(text)).toContainEqual(['NAVN', value]);
  });
  it.each([
    'Jeg synes det var greit.',
    'Men Skolen var stor.',
    'Rådgiveren var fin. Mamma sa det også.',
    'Det var på Gulset, i Skien, nær NAV.',
    'Vi brukte Snapchat og Teams.',
    'Per i dag går det bra.',
    'Liv og røre i klassen.',
  ])('sentence-initial common words and places do not fire: %s', (text) => {
    expect(kindsIn(text).filter(([k]) => k === 'NAVN')).toEqual([]);
  });
  it('the persona "Kim" is a name unless the study allows it', () => {
    expect(kindsIn('Vi tenkte på Kim da.')).toEqual([['NAVN', 'Kim']]);
    expect(detectIdentifiers('Vi tenkte på Kim da.', { allow: ['kim'] })).toEqual([]);
  });
});

describe('decoys that must not fire', () => {
  it.each([
    'Vi møttes 09.00-12.00 på onsdag.',
    'Bussen gikk kl. 9.30 og kl. 07.15.',
    'Det var 03.06.2021 og 3. juni 2021.',
    'I 2019 og 2020 og 2021 var det korona.',
    'Omtrent 54 % og 7,5 % svarte.',
    'Jeg gikk Vg2 og før det 10. trinn.',
    'Det kostet 1 234,50 kr og kr 500, eller 12 500 kr.',
    'Org.nr. 912 345 678 og 912345678.',
    '42 elever og 3710 stoler.',
    'Postnummeret er 3710.',
    'Faktura nr. 20210315 kom i posten.',
    'Jeg var 40 år. Rom 214 i 2. etasje.',
  ])('%s', (text) => {
    expect(kindsIn(text)).toEqual([]);
  });
});

describe('TERM list and options', () => {
  const terms = [{ term: 'Åsen ungdomsklubb', kind: 'STED' }, { term: 'Frøken Ø', kind: 'lærer' }];
  it('matches case-insensitively on word boundaries, Norwegian letters included', () => {
    const hits = detectIdentifiers('Vi var på åsen Ungdomsklubb med frøken ø. Ikke Åsen ungdomsklubbene.', { terms });
    expect(hits.map((h: Hit) => [h.kind, h.text, h.suggestedTag])).toEqual([
      ['TERM', 'åsen Ungdomsklubb', 'STED'],
      ['TERM', 'frøken ø', 'LÆRER'],
    ]);
  });
  it('hits are sorted and never overlap', () => {
    const text = 'Thor Heyerdahl videregående skole, ring 41234567 eller send til thor.h@vgs.no. Thor kom.';
    const hits = detectIdentifiers(text);
    for (let i = 1; i < hits.length; i++) expect((hits[i] as Hit).start).toBeGreaterThanOrEqual((hits[i - 1] as Hit).end);
    expect(hits.map((h) => h.kind)).toEqual(['SKOLE', 'TLF', 'EPOST', 'NAVN']);
  });
  it('minConfidence filters', () => {
    const text = 'saken 12345678901 ble sendt';
    expect(detectIdentifiers(text, { minConfidence: 0.5 })).toHaveLength(1);
    expect(detectIdentifiers(text, { minConfidence: 0.6 })).toHaveLength(0);
  });
});

describe('no catastrophic backtracking', () => {
  it.each([
    ['letters', 'a'.repeat(1 << 20)],
    ['capitals', 'A'.repeat(1 << 20)],
    ['capitalised words', 'Aaaa '.repeat(1 << 18)],
    ['digits', '1'.repeat(1 << 20)],
    ['digit groups', '12 '.repeat(1 << 18)],
    ['at signs', 'a@'.repeat(1 << 19)],
    ['dots', 'a.'.repeat(1 << 19)],
    ['street-like', 'Storgatagata'.repeat(1 << 16)],
  ])('1 MB of %s completes', (_l, text) => {
    expect(Array.isArray(detectIdentifiers(text))).toBe(true);
  });
});
