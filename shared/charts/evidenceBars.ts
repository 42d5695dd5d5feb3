/**
 * The one visual cue for evidence strength: three ascending bars (like a signal meter), filled
 * from the left by level — strong 3, moderate 2, weak 1. Shape, not colour, carries the level
 * (readable in greyscale print and by colour-blind readers); the title says it in words.
 */
import type { EvidenceLevel } from '../analysis/evidence';
import { EVIDENCE_BARS } from './evidenceStrings';
import type { Theme } from './theme';
import type { Primitive } from './types';

export const EVIDENCE_W = 16;
export const EVIDENCE_H = 11;

export function evidenceBars(level: EvidenceLevel, x: number, y: number, theme: Theme, title: string): Primitive[] {
  const filled = EVIDENCE_BARS[level];
  const out: Primitive[] = [];
  for (let b = 0; b < 3; b++) {
    const h = 4 + b * 3.5;
    out.push({
      type: 'rect', x: x + b * 5.5, y: y + EVIDENCE_H - h, w: 4, h,
      fill: b < filled ? theme.text : theme.background, stroke: theme.mutedText,
      role: b === 0 ? 'evidence' : 'evidence-bar', title, data: { level },
    });
  }
  return out;
}
