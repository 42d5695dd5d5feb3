import type { FrameItem, GroupDef, Study } from './schema';

/** The method's timeline (Brukerreisen Kim: 7. trinn … Vg2). */
export const DEFAULT_STAGES: FrameItem[] = [
  { id: 'st7', label: '7. trinn', short: '7.' },
  { id: 'st8', label: '8. trinn', short: '8.' },
  { id: 'st9', label: '9. trinn', short: '9.' },
  { id: 'st10', label: '10. trinn', short: '10.' },
  { id: 'vg1', label: 'Vg1', short: 'Vg1' },
  { id: 'vg2', label: 'Vg2', short: 'Vg2' },
];

/** The method's three situations. */
export const DEFAULT_SITUATIONS: FrameItem[] = [
  { id: 'info', label: 'Når du får informasjon', short: 'Informasjon' },
  { id: 'choice', label: 'Når du tar valg', short: 'Valg' },
  { id: 'help', label: 'Når du trenger hjelp', short: 'Hjelp' },
];

/** The six informant groups of the method. */
export const DEFAULT_GROUPS: GroupDef[] = [
  { id: 'yf-vg2', label: 'Yrkesfag Vg2', short: 'YF Vg2', prefix: 'YF' },
  { id: 'sf-vg2', label: 'Studiespesialisering Vg2', short: 'SF Vg2', prefix: 'SF' },
  { id: 'ot', label: 'Ungdom fra oppfølgingstjenesten', short: 'OT', prefix: 'OT' },
  { id: 'minority', label: 'Minoritetsspråklige med kort botid', short: 'Min.spr.', prefix: 'MS' },
  { id: 'adult', label: 'Voksenopplæring / voksne asylsøkere', short: 'Voksne', prefix: 'VO' },
  { id: 'gs10', label: 'Grunnskole 10. klasse', short: '10. kl.', prefix: 'GS' },
];

export const DEFAULT_ACTORS: FrameItem[] = [
  { id: 'radgiver', label: 'Rådgiver' },
  { id: 'kontaktlaerer', label: 'Kontaktlærer' },
  { id: 'ot', label: 'Oppfølgingstjenesten (OT)' , short: 'OT' },
  { id: 'nav', label: 'NAV' },
  { id: 'helsesykepleier', label: 'Helsesykepleier' },
  { id: 'ppt', label: 'PPT' },
  { id: 'familie', label: 'Familie' },
  { id: 'venner', label: 'Venner' },
  { id: 'nett', label: 'Nettsider (vilbli.no, utdanning.no)', short: 'Nettsider' },
  { id: 'laerebedrift', label: 'Lærebedrift' },
];

export const DEFAULT_VALENCE_LABELS: Study['valenceLabels'] = {
  positive: 'Positiv',
  mixed: 'OK, men kunne vært bedre',
  negative: 'Negativ',
};

export function newStudy(id: string, title: string, now: string): Study {
  return {
    id,
    title,
    description: '',
    locale: 'nb',
    site: '',
    stages: DEFAULT_STAGES,
    situations: DEFAULT_SITUATIONS,
    groups: DEFAULT_GROUPS,
    actors: DEFAULT_ACTORS,
    valenceLabels: DEFAULT_VALENCE_LABELS,
    coders: [{ id: 'coder-1', name: 'Koder 1', initials: 'K1' }],
    counsellorActorId: 'radgiver',
    smallCellThreshold: 5,
    demo: false,
    createdAt: now,
    updatedAt: now,
  };
}
