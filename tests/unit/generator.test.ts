import { describe, expect, it } from 'vitest';
import { candidates, SITUATIONS } from '../../fixtures/demo/compose';
import { GROUP_ORDER, GROUP_STAGES } from '../../fixtures/demo/phrases';
import { generateStudy } from '../../fixtures/generator';
import { methodTable } from '../../shared/model/method';
import { StudyData } from '../../shared/model/schema';

describe('generateStudy', () => {
  it('is deterministic: same seed, same study; another seed, another study', () => {
    const a = generateStudy({ interviews: 42, segments: 1000, seed: 7 });
    expect(generateStudy({ interviews: 42, segments: 1000, seed: 7 })).toEqual(a);
    const b = generateStudy({ interviews: 42, segments: 1000, seed: 8 });
    expect(b.transcripts.map((t) => t.text)).not.toEqual(a.transcripts.map((t) => t.text));
  });

  it('gives exactly the interviews and segments asked for', () => {
    for (const [interviews, segments] of [[1, 0], [1, 1], [42, 1000], [43, 1001], [120, 7777]] as const) {
      const d = generateStudy({ interviews, segments, seed: 1 });
      expect(d.interviews).toHaveLength(interviews);
      expect(d.transcripts).toHaveLength(interviews);
      expect(d.segments).toHaveLength(segments);
    }
  });

  it('keeps the method proportions of groups and formats', () => {
    const d = generateStudy({ interviews: 60, segments: 1200, seed: 2 });
    const table = methodTable(d.study.groups, d.interviews);
    expect(table.total).toEqual({ individual: 54, group: 30, total: 84 });
  });

  it('has a template for every stage each group speaks about (so the fill loop always ends)', () => {
    for (const g of GROUP_ORDER) {
      for (const s of GROUP_STAGES[g]) {
        const n = SITUATIONS.reduce((acc, sit) => {
          const c = candidates(g, s, sit);
          return acc + c.other.length + c.counsellor.length;
        }, 0);
        expect(n, `${g} ${s}`).toBeGreaterThan(0);
      }
    }
  });

  it('produces a study that parses with the StudyData schema', () => {
    const d = generateStudy({ interviews: 42, segments: 1000, seed: 3 });
    expect(() => StudyData.parse(d)).not.toThrow();
    expect(d.study.demo).toBe(false);
    expect(new Set(d.segments.map((s) => s.id)).size).toBe(d.segments.length);
    expect(new Set(d.interviews.map((i) => i.code)).size).toBe(d.interviews.length);
  });

  it('has valid offsets: every quote is where it says, inside a turn of its speaker', () => {
    const d = generateStudy({ interviews: 100, segments: 5000, seed: 4 });
    const byId = new Map(d.transcripts.map((t) => [t.interviewId, t]));
    for (const s of d.segments) {
      const t = byId.get(s.interviewId)!;
      expect(t.text.slice(s.start, s.end)).toBe(s.quote);
      const turn = t.turns.find((x) => x.start <= s.start && s.end <= x.end);
      expect(turn?.participantId).toBe(s.participantId);
    }
    for (const t of d.transcripts) {
      expect(t.text).toBe(t.text.normalize('NFC'));
      expect(t.turns.length).toBe(t.text.split('\n').length);
    }
  });

  it('keeps text proportional to segments and mixes valences', () => {
    const d = generateStudy({ interviews: 50, segments: 5000, seed: 5 });
    const sentences = d.transcripts.reduce((acc, t) => acc + (t.text.match(/[.?!](\s|$)/g)?.length ?? 0), 0);
    expect(sentences / d.segments.length).toBeGreaterThan(1.3);
    expect(sentences / d.segments.length).toBeLessThan(3);
    const experiences = d.segments.filter((s) => s.kind === 'experience');
    for (const v of ['positive', 'mixed', 'negative'] as const) {
      expect(experiences.filter((s) => s.valence === v).length / experiences.length).toBeGreaterThan(0.15);
    }
    expect(d.segments.some((s) => s.kind === 'wish')).toBe(true);
  });

  it('builds a 500-interview / 50,000-segment study with exact counts (its speed is in npm run bench)', () => {
    const d = generateStudy({ interviews: 500, segments: 50_000, seed: 10 });
    expect(d.interviews).toHaveLength(500);
    expect(d.segments).toHaveLength(50_000);
  });

  it('rejects impossible options', () => {
    expect(() => generateStudy({ interviews: 0, segments: 10, seed: 1 })).toThrow(RangeError);
    expect(() => generateStudy({ interviews: 2.5, segments: 10, seed: 1 })).toThrow(RangeError);
    expect(() => generateStudy({ interviews: 2, segments: -1, seed: 1 })).toThrow(RangeError);
  });
});
