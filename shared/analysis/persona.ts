/** "Persona Kim": per stage, the most frequent pains, helps and wishes by code, each with a quote. */
import type { Segment, Valence } from '../model/schema';
import { filterIndices, type AnalysisFilter, type StudyIndex } from './filter';
import { pickQuotes, type QuoteRef } from './quotes';

export interface PersonaItem {
  /** null: segments without a code. */
  codeId: string | null;
  n: number;
  informants: number;
  quote: QuoteRef | null;
}

export interface PersonaStage {
  stageId: string;
  label: string;
  pains: PersonaItem[];
  helps: PersonaItem[];
  wishes: PersonaItem[];
}

function personaItems(index: StudyIndex, segs: readonly number[], k: number, prefer: Valence | null): PersonaItem[] {
  const byCode = new Map<string | null, number[]>();
  for (const i of segs) {
    const s = index.segments[i] as Segment;
    const keys: (string | null)[] = s.codeIds.length > 0 ? s.codeIds : [null];
    for (const key of keys) {
      const list = byCode.get(key);
      if (list) list.push(i);
      else byCode.set(key, [i]);
    }
  }
  return [...byCode]
    .map(([codeId, list]) => ({
      codeId,
      n: list.length,
      informants: new Set(list.map((i) => index.segInformant[i])).size,
      quote: pickQuotes(index, list, 1, prefer)[0] ?? null,
    }))
    .sort((a, b) => b.n - a.n || b.informants - a.informants || cmpNullable(a.codeId, b.codeId))
    .slice(0, k);
}

function cmpNullable(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/**
 * "Kim" per stage: the most frequent pains (negative experiences), helps (positive experiences)
 * and wishes (kind 'wish'), grouped by code, each with counts and one quote.
 */
export function personaKim(index: StudyIndex, filter: AnalysisFilter, opts: { top?: number } = {}): PersonaStage[] {
  const k = opts.top ?? 3;
  const stages = index.study.stages;
  const col = new Map(stages.map((s, i) => [s.id, i] as const));
  const pains: number[][] = stages.map(() => []);
  const helps: number[][] = stages.map(() => []);
  const wishes: number[][] = stages.map(() => []);
  for (const i of filterIndices(index, filter)) {
    const s = index.segments[i] as Segment;
    const c = s.stageId === null ? undefined : col.get(s.stageId);
    if (c === undefined) continue;
    if (s.kind === 'wish') wishes[c]!.push(i);
    else if (s.valence === 'negative') pains[c]!.push(i);
    else if (s.valence === 'positive') helps[c]!.push(i);
  }
  return stages.map((st, c) => ({
    stageId: st.id,
    label: st.short ?? st.label,
    pains: personaItems(index, pains[c]!, k, 'negative'),
    helps: personaItems(index, helps[c]!, k, 'positive'),
    wishes: personaItems(index, wishes[c]!, k, null),
  }));
}
