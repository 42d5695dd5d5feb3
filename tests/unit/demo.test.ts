import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEMO_DESIGN, DEMO_STUDY_ID, buildDemoStudy, serialiseStudyData, type CounsellorTarget } from '../../fixtures/demo/demo';
import { STAGE_ORDER, SITUATION_ORDER } from '../../fixtures/demo/phrases';
import { assessCounsellor } from '../../shared/model/counsellor';
import { methodTable } from '../../shared/model/method';
import { StudyData, type CounsellorCategory, type Segment, type Transcript } from '../../shared/model/schema';

const FILE = fileURLToPath(new URL('../../fixtures/demo/demo-study.json', import.meta.url));
const demo = buildDemoStudy();
const transcriptOf = new Map<string, Transcript>(demo.transcripts.map((t) => [t.interviewId, t]));

function count<T>(items: readonly T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const it of items) out[key(it)] = (out[key(it)] ?? 0) + 1;
  return out;
}

describe('the committed demo study', () => {
  it('is exactly what buildDemoStudy() builds (run `npm run demo:build` after changing the builder)', () => {
    const file = readFileSync(FILE, 'utf8');
    expect(file).toBe(serialiseStudyData(demo));
    expect(JSON.parse(file)).toEqual(demo);
  });

  it('is deterministic', () => {
    expect(buildDemoStudy()).toEqual(demo);
  });

  it('stays small enough to embed (< 1.5 MB)', () => {
    expect(statSync(FILE).size).toBeLessThan(1.5 * 1024 * 1024);
  });

  it('parses with the StudyData schema and is marked as the demo', () => {
    const parsed = StudyData.parse(JSON.parse(readFileSync(FILE, 'utf8')));
    expect(parsed.study).toMatchObject({ id: DEMO_STUDY_ID, title: 'Brukerreisen Kim (demo)', demo: true, counsellorActorId: 'radgiver', locale: 'nb' });
    expect(parsed.study.coders).toEqual([{ id: 'coder-1', name: 'Koder 1', initials: 'K1' }]);
    for (const rows of [parsed.codes, parsed.interviews, parsed.transcripts, parsed.segments, parsed.benchmarks, parsed.pseudonyms]) {
      for (const r of rows) expect(r.studyId).toBe(DEMO_STUDY_ID);
    }
  });

  it('has unique ids', () => {
    for (const rows of [demo.codes, demo.interviews, demo.segments, demo.pseudonyms]) {
      const ids = rows.map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
    expect(new Set(demo.transcripts.map((t) => t.interviewId)).size).toBe(demo.interviews.length);
  });
});

describe('the method design (Brukerreisen Kim 2021)', () => {
  it('gives the method table per group and 27 / 15 / 42 in all', () => {
    const table = methodTable(demo.study.groups, demo.interviews);
    const rows = Object.fromEntries(table.rows.map((r) => [r.groupId, [r.individual, r.group, r.total]]));
    expect(rows).toEqual({
      'yf-vg2': [6, 5, 11],
      'sf-vg2': [5, 5, 10],
      ot: [0, 5, 5],
      minority: [6, 0, 6],
      adult: [6, 0, 6],
      gs10: [4, 0, 4],
    });
    expect(table.total).toEqual({ individual: 27, group: 15, total: 42 });
  });

  it('has 27 individual interviews with P1 and 3 group interviews with P1…P5', () => {
    const individual = demo.interviews.filter((i) => i.format === 'individual');
    const group = demo.interviews.filter((i) => i.format === 'group');
    expect(individual).toHaveLength(27);
    expect(group).toHaveLength(3);
    for (const iv of individual) expect(iv.participants.map((p) => p.id)).toEqual(['P1']);
    for (const iv of group) expect(iv.participants.map((p) => p.id)).toEqual(['P1', 'P2', 'P3', 'P4', 'P5']);
    expect(group.map((g) => g.groupId).sort()).toEqual(['ot', 'sf-vg2', 'yf-vg2']);
  });

  it('codes interviews with the group prefix and deterministic ids', () => {
    const prefix = new Map(demo.study.groups.map((g) => [g.id, g.prefix]));
    for (const iv of demo.interviews) {
      expect(iv.code).toMatch(new RegExp(`^${prefix.get(iv.groupId)}-\\d{2}$`));
      expect(iv.id).toBe(`demo-iv-${iv.code.toLowerCase()}`);
    }
    expect(demo.interviews[0]?.id).toBe('demo-iv-yf-01');
  });

  it('mixes modes, dates Nov 2020 – Apr 2021, interviewer initials and coded/reviewed status', () => {
    expect(Object.keys(count(demo.interviews, (i) => i.mode)).sort()).toEqual(['digital', 'drawing-workshop', 'in-person']);
    const vg2 = demo.interviews.filter((i) => i.groupId === 'yf-vg2' || i.groupId === 'sf-vg2');
    expect(vg2.filter((i) => i.mode === 'digital').length).toBeGreaterThan(vg2.length / 2);
    expect(demo.interviews.find((i) => i.groupId === 'ot')?.mode).toBe('drawing-workshop');
    for (const iv of demo.interviews) {
      expect(iv.date! >= '2020-11-01' && iv.date! <= '2021-04-30').toBe(true);
      expect(['coded', 'reviewed']).toContain(iv.status);
      expect(iv.consent).toBe(true);
    }
    expect(new Set(demo.interviews.filter((i) => i.groupId === 'yf-vg2').map((i) => i.interviewer))).toEqual(new Set(['HÅ']));
    expect(new Set(demo.interviews.filter((i) => i.groupId === 'sf-vg2').map((i) => i.interviewer))).toEqual(new Set(['OA']));
    const reviewed = demo.interviews.filter((i) => i.status === 'reviewed').length;
    expect(reviewed).toBeGreaterThan(0);
    expect(reviewed).toBeLessThan(demo.interviews.length / 4);
  });
});

describe('the counsellor finding', () => {
  const assessed = assessCounsellor(demo.interviews, demo.segments, demo.overrides, demo.study.counsellorActorId);

  it('comes out 5 positive / 9 mixed / 7 negative of the 21 Vg2 pupils, by the derivation rule alone', () => {
    expect(demo.overrides).toEqual([]);
    const vg2 = assessed.filter((a) => a.groupId === 'yf-vg2' || a.groupId === 'sf-vg2');
    expect(vg2).toHaveLength(21);
    expect(count(vg2, (a) => a.derived)).toEqual({ positive: 5, mixed: 9, negative: 7 });
  });

  it('spreads every category over both Vg2 groups and both interview formats', () => {
    const cats: CounsellorCategory[] = ['positive', 'mixed', 'negative'];
    for (const groupId of ['yf-vg2', 'sf-vg2']) {
      for (const format of ['individual', 'group']) {
        const these = assessed.filter((a) => a.groupId === groupId && demo.interviews.find((i) => i.id === a.interviewId)?.format === format);
        for (const c of cats) expect(these.some((a) => a.derived === c), `${groupId} ${format} ${c}`).toBe(true);
      }
    }
  });

  it('matches the design targets informant by informant', () => {
    const target = new Map<string, CounsellorTarget>(DEMO_DESIGN.flatMap((d) => d.targets.map((t, i): [string, CounsellorTarget] => [`demo-iv-${d.code.toLowerCase()}:P${i + 1}`, t])));
    for (const a of assessed) expect(a.derived, a.informantKey).toBe(target.get(a.informantKey));
  });

  it('has the counsellor discussed in other groups too (10th graders mostly positive), and not at all by some', () => {
    const gs10 = count(assessed.filter((a) => a.groupId === 'gs10'), (a) => a.derived);
    expect(gs10.positive).toBeGreaterThan(gs10.mixed ?? 0);
    expect(assessed.some((a) => a.derived === 'not-discussed')).toBe(true);
  });

  it('has plausible evidence: some negative informants also told of a good experience', () => {
    const negatives = assessed.filter((a) => a.derived === 'negative');
    expect(negatives.some((a) => a.evidence.some((s) => s.valence !== 'negative'))).toBe(true);
  });
});

describe('transcripts', () => {
  it('are NFC with \\n line ends, 8–25 turns, one turn per line with the right speaker', () => {
    for (const iv of demo.interviews) {
      const t = transcriptOf.get(iv.id)!;
      expect(t.text).toBe(t.text.normalize('NFC'));
      expect(t.text).not.toContain('\r');
      const lines = t.text.split('\n');
      expect(t.turns.length).toBe(lines.length);
      expect(t.turns.length).toBeGreaterThanOrEqual(8);
      expect(t.turns.length).toBeLessThanOrEqual(25);
      const participantIds = new Set(iv.participants.map((p) => p.id));
      let offset = 0;
      t.turns.forEach((turn, k) => {
        const line = lines[k]!;
        expect(turn.start).toBe(offset);
        expect(turn.end).toBe(offset + line.length);
        if (turn.participantId === null) expect(line.startsWith('Intervjuer: ')).toBe(true);
        else {
          expect(participantIds.has(turn.participantId)).toBe(true);
          expect(line.startsWith(`${turn.participantId}: `)).toBe(true);
        }
        offset += line.length + 1;
      });
      // Every participant of a group interview speaks.
      expect(new Set(t.turns.map((x) => x.participantId).filter((p) => p !== null))).toEqual(participantIds);
    }
  });

  it('are built from a varied bank (at least 80 distinct coded utterances)', () => {
    expect(new Set(demo.segments.map((s) => s.quote)).size).toBeGreaterThanOrEqual(80);
  });

  it('never have two informants say the same sentence word for word: every quote is unique in the study, ignoring case', () => {
    const seen = new Map<string, string>();
    const repeats: string[] = [];
    for (const s of demo.segments) {
      const key = s.quote.toLowerCase();
      const first = seen.get(key);
      if (first) repeats.push(`${first} = ${s.id}: ${s.quote}`);
      else seen.set(key, s.id);
    }
    expect(repeats).toEqual([]);
  });
});

describe('segments', () => {
  it('number about 400–700', () => {
    expect(demo.segments.length).toBeGreaterThanOrEqual(400);
    expect(demo.segments.length).toBeLessThanOrEqual(700);
  });

  it('point at their exact, unique quote inside a turn of their speaker', () => {
    for (const s of demo.segments) {
      const t = transcriptOf.get(s.interviewId)!;
      expect(t.text.slice(s.start, s.end)).toBe(s.quote);
      expect(t.text.indexOf(s.quote)).toBe(s.start);
      expect(t.text.lastIndexOf(s.quote)).toBe(s.start);
      const turn = t.turns.find((x) => x.start <= s.start && s.end <= x.end);
      expect(turn?.participantId, s.id).toBe(s.participantId);
      expect(s.anchor).toBe('ok');
      expect(s.coderId).toBe('coder-1');
    }
  });

  it('refer only to things the study defines', () => {
    const stages = new Set(demo.study.stages.map((x) => x.id));
    const situations = new Set(demo.study.situations.map((x) => x.id));
    const actors = new Set(demo.study.actors.map((x) => x.id));
    const codes = new Set(demo.codes.map((c) => c.id));
    for (const s of demo.segments) {
      expect(stages.has(s.stageId!)).toBe(true);
      expect(situations.has(s.situationId!)).toBe(true);
      for (const a of s.actorIds) expect(actors.has(a)).toBe(true);
      expect(s.codeIds.length).toBeGreaterThan(0);
      for (const c of s.codeIds) expect(codes.has(c)).toBe(true);
      if (s.kind === 'wish') expect(s.valence).toBeNull();
      else expect(s.valence).not.toBeNull();
    }
  });

  it('cover every stage × situation cell with at least 14 segments, and have wishes at every stage', () => {
    expect(STAGE_ORDER).toEqual(demo.study.stages.map((s) => s.id));
    expect(SITUATION_ORDER).toEqual(demo.study.situations.map((s) => s.id));
    const cells = count(demo.segments, (s) => `${s.stageId}|${s.situationId}`);
    for (const st of STAGE_ORDER) for (const si of SITUATION_ORDER) expect(cells[`${st}|${si}`] ?? 0, `${st}|${si}`).toBeGreaterThanOrEqual(14);
    const wishes = count(demo.segments.filter((s) => s.kind === 'wish'), (s) => s.stageId ?? '');
    for (const st of STAGE_ORDER) expect(wishes[st] ?? 0, st).toBeGreaterThan(0);
  });

  it('mix valences and name many actors', () => {
    const experiences = demo.segments.filter((s) => s.kind === 'experience');
    const v = count(experiences, (s) => s.valence ?? '');
    for (const k of ['positive', 'mixed', 'negative']) expect(v[k]! / experiences.length).toBeGreaterThan(0.15);
    const actors = new Set(demo.segments.flatMap((s) => s.actorIds));
    for (const a of ['radgiver', 'kontaktlaerer', 'ot', 'nav', 'helsesykepleier', 'familie', 'venner', 'nett']) expect(actors.has(a), a).toBe(true);
  });
});

describe('codebook and benchmark', () => {
  it('is a small hierarchy of 12–16 codes with colours, definitions and examples', () => {
    expect(demo.codes.length).toBeGreaterThanOrEqual(12);
    expect(demo.codes.length).toBeLessThanOrEqual(16);
    const ids = new Set(demo.codes.map((c) => c.id));
    const parents = demo.codes.filter((c) => c.parentId === null);
    expect(parents.map((c) => c.name)).toEqual(['Informasjon', 'Relasjon', 'Valg', 'Hjelp']);
    for (const c of demo.codes) {
      if (c.parentId !== null) expect(ids.has(c.parentId)).toBe(true);
      expect(c.color).toMatch(/^#[0-9a-f]{6}$/i);
      expect(c.definition.length).toBeGreaterThan(10);
      expect(c.examples.length).toBe(1);
    }
    expect(new Set(demo.codes.map((c) => c.color)).size).toBe(demo.codes.length);
  });

  it('carries Ungdata Telemark 2018 as the method cites it (54 / 39 / 8, summing to 101)', () => {
    expect(demo.benchmarks).toHaveLength(1);
    const b = demo.benchmarks[0]!;
    expect(b).toMatchObject({
      name: 'Ungdata Telemark 2018 – fornøydhet med rådgiver',
      source: 'Ungdata, Telemark 2018 (NOVA/KoRus)',
      year: 2018,
      n: 7000,
      nApprox: true,
      population: 'Elever fra 8. trinn til Vg3',
      question: 'Hvor fornøyd er du med hjelpen du har fått fra rådgiver?',
    });
    expect(b.categories).toEqual([
      { label: 'fornøyd', percent: 54, mapsTo: 'positive' },
      { label: 'litt fornøyd', percent: 39, mapsTo: 'mixed' },
      { label: 'ikke fornøyd i det hele tatt', percent: 8, mapsTo: 'negative' },
    ]);
    expect(b.categories.reduce((a, c) => a + c.percent, 0)).toBe(101);
  });
});

describe('anonymity', () => {
  const FIRST_NAMES = [
    'Ola', 'Kari', 'Per', 'Pål', 'Espen', 'Nora', 'Emma', 'Sara', 'Sofie', 'Ingrid', 'Olivia', 'Maja', 'Ella', 'Jakob', 'Emil',
    'Noah', 'Oliver', 'Lucas', 'Filip', 'William', 'Henrik', 'Jonas', 'Lars', 'Anne', 'Hilde', 'Marte', 'Ida', 'Thea', 'Kristin',
    'Marit', 'Liv', 'Karen', 'Tom', 'Susanne', 'Håvard', 'Oda', 'Kim', 'Mohammed', 'Ahmed', 'Ali', 'Fatima', 'Amina', 'Omar',
  ];
  const texts: [string, string][] = [
    ...demo.transcripts.map((t): [string, string] => [t.interviewId, t.text]),
    ...demo.interviews.map((i): [string, string] => [`${i.id} notes`, `${i.notes} ${i.participants.map((p) => p.note).join(' ')}`]),
    ...demo.segments.map((s: Segment): [string, string] => [s.id, `${s.quote} ${s.note}`]),
  ];

  it('has no national ids, phone numbers or e-mail addresses', () => {
    for (const [where, text] of texts) {
      expect(text, where).not.toMatch(/\d{11}/);
      expect(text, where).not.toMatch(/(?<!\d)(?:\+47 ?)?(?:\d{8}|\d{3} \d{2} \d{3}|\d{2} \d{2} \d{2} \d{2})(?!\d)/);
      expect(text, where).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
    }
  });

  it('has no common first names, only pseudonym tags', () => {
    const names = new Set(FIRST_NAMES);
    const found = texts.flatMap(([where, text]) => text.split(/[^\p{L}]+/u).filter((w) => names.has(w)).map((w) => `${where}: ${w}`));
    expect(found).toEqual([]);
    const tags = new Set(demo.transcripts.flatMap((t) => [...t.text.matchAll(/\[[^\]]*\]/g)].map((m) => m[0])));
    for (const tag of tags) expect(tag).toMatch(/^\[(NAVN|SKOLE|LÆRER|STED)-\d+\]$/);
    expect(new Set(demo.pseudonyms.map((p) => p.tag))).toEqual(tags);
  });
});
