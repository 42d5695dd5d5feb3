/**
 * The one zip reader for files we did not write: `.reisekart` bundles, `.qdpx` projects and `.docx`.
 *
 * Nothing is inflated before the archive's own bookkeeping has passed fixed caps:
 *  1. the end-of-central-directory record (and, when it says so, the zip64 locator and record) is
 *     found and its entry count, central directory size and offset are checked against the caps and
 *     against the file's length, so a 200-byte file claiming four billion entries is refused in
 *     microseconds;
 *  2. the central directory is walked once (at most `maxEntries` records, each bounds-checked):
 *     unsafe paths (zip slip), duplicate names, encryption, unknown compression, and the sum of the
 *     DECLARED sizes against `maxTotalBytes` / `maxEntryBytes`;
 *  3. an entry is inflated only when asked for, streaming (fflate's `Inflate`, 16 KB of input per
 *     step, so one step can yield at most ~16 MB), into a buffer of its declared size; the moment
 *     the output passes the declared size the inflate is abandoned; a short output or a wrong
 *     CRC-32 is refused too.
 * Because every byte inflated must fit the declared size, and the declared sizes together fit the
 * cap, the total work is bounded by the cap whatever the archive claims. There is no ratio rule:
 * a genuine export of a very repetitive transcript compresses 400:1 and is fine; what matters is
 * the absolute amount.
 */
import { Inflate, strFromU8 } from 'fflate';
import { issue, type Issue, type IssueParams } from '../issues';

export interface ZipLimits {
  /** Most central-directory records. */
  maxEntries: number;
  /** Most uncompressed bytes, all entries together (declared, and enforced while inflating). */
  maxTotalBytes: number;
  /** Most uncompressed bytes of one entry. */
  maxEntryBytes: number;
  /** Most bytes of central directory. */
  maxCentralDirectoryBytes: number;
}

const MiB = 1024 * 1024;

/**
 * The largest genuine study of the scale issue (5,000 interviews, 500,000 segments) writes a
 * study.json of about 350 MB; 768 MiB leaves more than 2x headroom and is still far below what a
 * 64-bit renderer can hold. A .qdpx carries one source per interview: 20,000 entries covers 5,000
 * interviews with room for notes and media. 46 bytes + name per record: 20,000 records with names
 * of up to 1 KB stay under 24 MiB.
 */
export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 20_000, maxTotalBytes: 768 * MiB, maxEntryBytes: 768 * MiB, maxCentralDirectoryBytes: 24 * MiB };

/** Longest entry name accepted (bytes). */
export const MAX_ENTRY_NAME_BYTES = 1024;

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

export interface ZipEntry {
  name: string;
  method: number;
  crc32: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

export interface ZipArchive {
  entries: readonly ZipEntry[];
  /** The entry's bytes, inflated under the caps, or located issues. */
  read(name: string): { ok: true; bytes: Uint8Array } | { ok: false; issues: Issue[] };
  has(name: string): boolean;
}

export type OpenZipResult = { ok: true; zip: ZipArchive } | { ok: false; issues: Issue[] };

const SIG_EOCD = 0x06054b50;
const SIG_Z64_LOCATOR = 0x07064b50;
const SIG_Z64_EOCD = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;


let CRC_TABLE: Uint32Array | null = null;
function crcTable(): Uint32Array {
  if (CRC_TABLE) return CRC_TABLE;
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  CRC_TABLE = t;
  return t;
}

export function crc32(bytes: Uint8Array, seed = 0): number {
  const t = crcTable();
  let c = ~seed >>> 0;
  for (let i = 0; i < bytes.length; i++) c = (t[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return ~c >>> 0;
}

/** A 64-bit little-endian count as a number, or Infinity when it is past 2^53 (always over a cap). */
function u64(dv: DataView, at: number): number {
  const lo = dv.getUint32(at, true);
  const hi = dv.getUint32(at + 4, true);
  return hi >= 0x200000 ? Infinity : hi * 0x100000000 + lo;
}

/**
 * Reads the end records and the central directory under `limits`. Inflates nothing.
 */
export function openZip(bytes: Uint8Array, file: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): OpenZipResult {
  const bad = (code: string, params: IssueParams = {}): OpenZipResult => ({ ok: false, issues: [issue(code, params, { file })] });
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = bytes.length;
  if (len < 22) return bad('zip.notZip');
  // 1. The end-of-central-directory record: within the last 22 + 65,535 (comment) bytes.
  let eocd = -1;
  for (let i = len - 22; i >= Math.max(0, len - 22 - 0xffff); i--) {
    if (dv.getUint32(i, true) === SIG_EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return bad('zip.noEnd');
  let count = dv.getUint16(eocd + 10, true);
  let cdSize = dv.getUint32(eocd + 12, true);
  let cdOffset = dv.getUint32(eocd + 16, true);
  const diskEntries = dv.getUint16(eocd + 8, true);
  if (dv.getUint16(eocd + 4, true) !== 0 && dv.getUint16(eocd + 4, true) !== 0xffff) return bad('zip.multiDisk');
  let cdEnd = eocd;
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff || diskEntries === 0xffff) {
    // zip64: the locator sits right before the end record and points at the zip64 end record.
    const loc = eocd - 20;
    if (loc < 0 || dv.getUint32(loc, true) !== SIG_Z64_LOCATOR) return bad('zip.z64Missing');
    const recAt = u64(dv, loc + 8);
    if (!(recAt + 56 <= loc)) return bad('zip.z64Bounds');
    if (dv.getUint32(recAt, true) !== SIG_Z64_EOCD) return bad('zip.z64Missing');
    count = u64(dv, recAt + 32);
    cdSize = u64(dv, recAt + 40);
    cdOffset = u64(dv, recAt + 48);
    cdEnd = recAt;
  }
  // 2. The caps, before anything else is read.
  if (count > limits.maxEntries) {
    return bad('zip.tooManyEntries', { count, limit: limits.maxEntries });
  }
  if (cdSize > limits.maxCentralDirectoryBytes) {
    return bad('zip.directoryTooLarge', { size: cdSize, limit: limits.maxCentralDirectoryBytes });
  }
  if (!(cdOffset + cdSize <= cdEnd) || count * 46 > cdSize) {
    return bad('zip.directoryBounds', { offset: cdOffset, size: cdSize, length: len });
  }
  // 3. The central directory.
  const entries: ZipEntry[] = [];
  const byName = new Map<string, ZipEntry>();
  const issues: Issue[] = [];
  let total = 0;
  let at = cdOffset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > cdOffset + cdSize || dv.getUint32(at, true) !== SIG_CENTRAL) {
      return { ok: false, issues: [...issues, issue('zip.directoryBroken', { entry: n + 1 }, { file })] };
    }
    const flags = dv.getUint16(at + 8, true);
    const method = dv.getUint16(at + 10, true);
    const crc = dv.getUint32(at + 16, true);
    let compressedSize = dv.getUint32(at + 20, true);
    let size = dv.getUint32(at + 24, true);
    const nameLen = dv.getUint16(at + 28, true);
    const extraLen = dv.getUint16(at + 30, true);
    const commentLen = dv.getUint16(at + 32, true);
    let localHeaderOffset = dv.getUint32(at + 42, true);
    const next = at + 46 + nameLen + extraLen + commentLen;
    if (next > cdOffset + cdSize) return { ok: false, issues: [...issues, issue('zip.directoryBroken', { entry: n + 1 }, { file })] };
    const name = strFromU8(bytes.subarray(at + 46, at + 46 + nameLen), (flags & 0x800) === 0);
    // zip64 extra field (id 1): the 64-bit values, in this order, for the fields that are 0xFFFFFFFF.
    if (size === 0xffffffff || compressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      let e = at + 46 + nameLen;
      const eEnd = e + extraLen;
      let found = false;
      while (e + 4 <= eEnd) {
        const id = dv.getUint16(e, true);
        const sz = dv.getUint16(e + 2, true);
        if (id === 1) {
          let p = e + 4;
          const take = (): number => {
            if (p + 8 > e + 4 + sz) return Infinity;
            const v = u64(dv, p);
            p += 8;
            return v;
          };
          if (size === 0xffffffff) size = take();
          if (compressedSize === 0xffffffff) compressedSize = take();
          if (localHeaderOffset === 0xffffffff) localHeaderOffset = take();
          found = true;
          break;
        }
        e += 4 + sz;
      }
      if (!found) return { ok: false, issues: [...issues, issue('zip.directoryBroken', { entry: n + 1 }, { file, field: name })] };
    }
    at = next;
    if (nameLen > MAX_ENTRY_NAME_BYTES) issues.push(issue('zip.nameTooLong', { limit: MAX_ENTRY_NAME_BYTES }, { file, field: name.slice(0, 80) }));
    const unsafe = unsafeEntryPath(name);
    if (unsafe) issues.push(issue('zip.unsafePath', { reason: unsafe }, { file, field: name }));
    if (byName.has(name)) issues.push(issue('zip.duplicate', {}, { file, field: name }));
    if (flags & 1) issues.push(issue('zip.encrypted', {}, { file, field: name }));
    if (method !== 0 && method !== 8) issues.push(issue('zip.method', { method }, { file, field: name }));
    if (size > limits.maxEntryBytes) {
      issues.push(issue('zip.entryTooLarge', { size, limit: limits.maxEntryBytes }, { file, field: name }));
    }
    total += size;
    if (total > limits.maxTotalBytes && !issues.some((i) => i.code === 'zip.tooLarge')) {
      issues.push(issue('zip.tooLarge', { limit: limits.maxTotalBytes }, { file }));
    }
    if (!(localHeaderOffset + 30 <= cdOffset) || !(compressedSize <= len)) {
      issues.push(issue('zip.entryBounds', {}, { file, field: name }));
    }
    if (issues.length > 50) break;
    const entry: ZipEntry = { name, method, crc32: crc, compressedSize, size, localHeaderOffset };
    entries.push(entry);
    byName.set(name, entry);
  }
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    zip: {
      entries,
      has: (name) => byName.has(name),
      read: (name) => {
        const entry = byName.get(name);
        if (!entry) return { ok: false, issues: [issue('zip.missing', {}, { file, field: name })] };
        return inflateEntry(bytes, dv, entry, file, cdOffset);
      },
    },
  };
}

class TooLong extends Error {}

/** Input per inflate step: deflate expands at most ~1032:1, so one step yields at most ~16 MB. */
const INFLATE_STEP = 16 * 1024;

function inflateEntry(bytes: Uint8Array, dv: DataView, e: ZipEntry, file: string, dataLimit: number): { ok: true; bytes: Uint8Array } | { ok: false; issues: Issue[] } {
  const bad = (code: string, params: IssueParams = {}) => ({ ok: false as const, issues: [issue(code, params, { file, field: e.name })] });
  const h = e.localHeaderOffset;
  if (dv.getUint32(h, true) !== SIG_LOCAL) return bad('zip.entryBroken');
  const start = h + 30 + dv.getUint16(h + 26, true) + dv.getUint16(h + 28, true);
  const end = start + e.compressedSize;
  if (end > dataLimit) return bad('zip.entryBounds');
  const input = bytes.subarray(start, end);
  let out: Uint8Array;
  if (e.method === 0) {
    if (e.compressedSize !== e.size) return bad('zip.sizeMismatch');
    out = input.slice();
  } else {
    out = new Uint8Array(e.size);
    let written = 0;
    const inf = new Inflate((chunk) => {
      if (written + chunk.length > e.size) throw new TooLong();
      out.set(chunk, written);
      written += chunk.length;
    });
    try {
      for (let i = 0; i < input.length; i += INFLATE_STEP) inf.push(input.subarray(i, i + INFLATE_STEP), i + INFLATE_STEP >= input.length);
      if (input.length === 0) inf.push(new Uint8Array(0), true);
    } catch (err) {
      if (err instanceof TooLong) {
        return bad('zip.overDeclared', { declared: e.size });
      }
      return bad('zip.inflate');
    }
    if (written !== e.size) return bad('zip.sizeMismatch', { declared: e.size, actual: written });
  }
  if (crc32(out) !== e.crc32) return bad('zip.crc');
  return { ok: true, bytes: out };
}

export type SafeUnzipResult = { ok: true; files: Record<string, Uint8Array> } | { ok: false; issues: Issue[] };

/**
 * Every file entry (directories skipped) of an archive, or only those `want` accepts, each under
 * the caps. The record has a null prototype, so an entry named `__proto__` is just a key.
 */
export function safeUnzip(bytes: Uint8Array, fileName: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS, want: (name: string) => boolean = () => true): SafeUnzipResult {
  const z = openZip(bytes, fileName, limits);
  if (!z.ok) return z;
  const files = Object.create(null) as Record<string, Uint8Array>;
  for (const e of z.zip.entries) {
    if (e.name.endsWith('/') || !want(e.name)) continue;
    const r = z.zip.read(e.name);
    if (!r.ok) return r;
    files[e.name] = r.bytes;
  }
  return { ok: true, files };
}
