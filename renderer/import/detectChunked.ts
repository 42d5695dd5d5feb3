/**
 * detectIdentifiers over a long text in line-aligned chunks, so the worker can report progress
 * (a 5 MB transcript takes a few seconds). Chunks end at a line break and the detectors do not
 * match across `\n` (turns are lines), so the union of chunk results is the whole-text result.
 */
import { detectIdentifiers, type DetectOptions, type Hit } from '../../shared/anonymise';

export const DETECT_CHUNK_CHARS = 256 * 1024;

/** [start, end) ranges covering `text`, each ending just after a `\n` (or at the end). */
export function lineChunks(text: string, size = DETECT_CHUNK_CHARS): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let from = 0;
  while (from < text.length) {
    let to = Math.min(text.length, from + size);
    if (to < text.length) {
      const nl = text.indexOf('\n', to);
      to = nl < 0 ? text.length : nl + 1;
    }
    out.push([from, to]);
    from = to;
  }
  return out;
}

export function detectChunked(text: string, options: DetectOptions, onProgress?: (fraction: number) => void, size = DETECT_CHUNK_CHARS): Hit[] {
  const hits: Hit[] = [];
  for (const [from, to] of lineChunks(text, size)) {
    for (const h of detectIdentifiers(text.slice(from, to), options)) hits.push({ ...h, start: h.start + from, end: h.end + from });
    onProgress?.(text.length === 0 ? 1 : to / text.length);
  }
  return hits;
}
