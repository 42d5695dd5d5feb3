/**
 * Reading zip files we did not write (bundles, .qdpx) without trusting them.
 *
 * Checked BEFORE anything is inflated, from the central directory that fflate hands to `filter`:
 * entry count, declared total size, per-entry compression ratio (zip bombs), and entry paths
 * (zip slip: `..`, absolute, drive letters, backslashes). fflate inflates each entry into a buffer
 * of its DECLARED size, so a header that under-declares cannot exceed the budget (the output is cut
 * short instead; the bundle's SHA-256 in manifest.json, or the XML parser for .qdpx, catches that);
 * an entry shorter than declared is refused here.
 */
import { unzipSync, type UnzipFileInfo } from 'fflate';
import type { Issue } from './issues';

export interface ZipLimits {
  maxEntries: number;
  maxTotalBytes: number;
  /** Largest allowed uncompressed/compressed ratio for an entry bigger than `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
}

// JSON and plain text compress 5–20×; 200× with a 1 MB floor leaves room for repetitive transcripts
// while a classic bomb (zeros, > 1000×) is refused. 500 MB covers any realistic study.
export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 1000, maxTotalBytes: 500 * 1024 * 1024, maxRatio: 200, ratioFloorBytes: 1024 * 1024 };

/** Why a path inside a zip is unsafe, or null when it is a plain relative path. */
export function unsafeEntryPath(name: string): string | null {
  if (name === '') return 'tomt filnavn';
  if (name.includes('\\')) return 'omvendt skråstrek i filnavnet';
  if (name.includes('\0')) return 'NUL i filnavnet';
  if (name.startsWith('/')) return 'absolutt sti';
  if (/^[A-Za-z]:/.test(name)) return 'stasjonsbokstav i stien';
  if (name.split('/').some((part) => part === '..')) return '«..» i stien (zip slip)';
  return null;
}

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

export type SafeUnzipResult = { ok: true; files: Record<string, Uint8Array> } | { ok: false; issues: Issue[] };

export function safeUnzip(bytes: Uint8Array, fileName: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): SafeUnzipResult {
  const issues: Issue[] = [];
  const declared = new Map<string, number>();
  let count = 0;
  let total = 0;
  const check = (info: UnzipFileInfo): boolean => {
    count += 1;
    total += info.originalSize;
    const bad = unsafeEntryPath(info.name);
    if (bad) issues.push({ file: fileName, field: info.name, message: `Farlig filsti i arkivet: ${bad}` });
    if (count === limits.maxEntries + 1) issues.push({ file: fileName, message: `Arkivet har mer enn ${limits.maxEntries} filer` });
    if (total > limits.maxTotalBytes && !issues.some((i) => i.message.startsWith('Arkivet er for stort'))) {
      issues.push({ file: fileName, message: `Arkivet er for stort utpakket (over ${Math.round(limits.maxTotalBytes / 1048576)} MB)` });
    }
    if (info.originalSize > limits.ratioFloorBytes && info.originalSize > limits.maxRatio * Math.max(1, info.size)) {
      issues.push({ file: fileName, field: info.name, message: `Mistenkelig høy komprimering (${Math.round(info.originalSize / Math.max(1, info.size))}:1), mulig zip-bombe` });
    }
    if (info.compression !== 0 && info.compression !== 8) issues.push({ file: fileName, field: info.name, message: `Ukjent komprimering ${info.compression}` });
    declared.set(info.name, info.originalSize);
    // Inflate nothing once anything is wrong.
    return issues.length === 0 && !info.name.endsWith('/');
  };
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: check });
  } catch (e) {
    return { ok: false, issues: [...issues, { file: fileName, message: `Ikke et gyldig zip-arkiv (${e instanceof Error ? e.message : String(e)})` }] };
  }
  if (issues.length > 0) return { ok: false, issues };
  for (const [name, data] of Object.entries(files)) {
    if (data.length !== declared.get(name)) issues.push({ file: fileName, field: name, message: 'Utpakket størrelse stemmer ikke med arkivets oppgitte størrelse' });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, files };
}
