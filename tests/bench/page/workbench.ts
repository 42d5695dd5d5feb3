/**
 * The coding workbench's big transcript for the bench: ONE anonymised, uncoded interview whose
 * transcript has about `words` words (issue "Coding workbench": "a 20,000-word transcript scrolls and
 * selects smoothly"). Built by the seeded generator (fixtures/generator.ts: `Intervjuer:` / `P1:`
 * turns from the demo's phrase bank, with `turns` offsets), then cut at the first turn boundary at or
 * past `words`, so the text and its turns stay consistent. Deterministic for a given seed.
 */
import { generateStudy } from '../../../fixtures/generator';
import type { StudyData } from '../../../shared/model';

/** The generator writes about 25 words per coded segment (question + answer); a margin makes the cut always land. */
const WORDS_PER_SEGMENT_LOW = 20;

export function countWords(text: string): number {
  const m = text.match(/\S+/g);
  return m ? m.length : 0;
}

export function workbenchStudy(words: number, seed: number): StudyData {
  const data = generateStudy({ interviews: 1, segments: Math.ceil(words / WORDS_PER_SEGMENT_LOW), seed });
  const t = data.transcripts[0];
  const iv = data.interviews[0];
  if (!t || !iv) throw new Error('generator returned no interview');
  let end = t.text.length;
  let turns = t.turns;
  for (let k = 0; k < t.turns.length; k++) {
    const turn = t.turns[k] as (typeof t.turns)[number];
    if (countWords(t.text.slice(0, turn.end)) >= words) {
      end = turn.end;
      turns = t.turns.slice(0, k + 1);
      break;
    }
  }
  return {
    ...data,
    study: { ...data.study, title: `Arbeidsbenk: ett intervju, ${words} ord` },
    interviews: [{ ...iv, status: 'anonymised' }],
    transcripts: [{ ...t, text: t.text.slice(0, end), turns }],
    // Uncoded: the workbench opens on an anonymised interview, as after anonymisation review.
    segments: [],
  };
}
