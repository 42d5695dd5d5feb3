import { detectIdentifiers } from '../../../shared/anonymise/detect';
import type { DetectOptions } from '../../../shared/anonymise/types';

/**
 * MB/s of `detectIdentifiers` over `text` (UTF-16 length / 2^20 per second), for the bench suite (moved out of shared/: it is a bench measure, not the app's).
 * `now` is injected so shared/ needs no timer global beyond what the caller gives it.
 */
export function anonymiserThroughput(text: string, now: () => number, options: DetectOptions = {}): { mbPerSecond: number; hits: number; ms: number } {
  const t0 = now();
  const hits = detectIdentifiers(text, options).length;
  const ms = Math.max(now() - t0, 0.001);
  return { mbPerSecond: text.length / (1024 * 1024) / (ms / 1000), hits, ms };
}
