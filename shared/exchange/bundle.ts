/**
 * The `.reisekart` bundle: a whole study in one file, optionally encrypted with a passphrase.
 *
 * Plain (version 2): a zip (fflate) with `manifest.json` `{ format, version, exportedAt, app, counts,
 * studySha256 }` and `study.json` (the StudyData). Encrypted: a JSON envelope
 * `{ format: 'reisekart-bundle-encrypted', version, kdf, cipher, data }` whose `data` is the plain
 * zip, AES-256-GCM encrypted under a key derived with PBKDF2-HMAC-SHA256, 600 000 iterations — the
 * OWASP Password Storage Cheat Sheet figure (2023) for PBKDF2-SHA256. WebCrypto (`crypto.subtle`)
 * is the same in Node 20 and in browsers, so this file stays pure.
 *
 * `restoreBundle` is the only way in (STYLE.md §5): decrypt → safe unzip → migrate old versions →
 * zod parse → integrity check (impossible → error; stale quote → warning + `anchor: 'lost'`).
 */
import { strFromU8, strToU8, zipSync } from 'fflate';
import { z } from 'zod';
import type { StudyData } from '../model';
import { fromBase64, toBase64 } from './base64';
import { issue, type IssueParams } from '../issues';
import type { Issue } from './issues';
import { admitStudy, type IncomingSummary } from './gate-in';
import { DEFAULT_ZIP_LIMITS, isZip, openZip, type ZipLimits } from './zip';

export const BUNDLE_FORMAT = 'reisekart-bundle';
export const ENCRYPTED_FORMAT = 'reisekart-bundle-encrypted';
export const BUNDLE_VERSION = 2;
export const PBKDF2_ITERATIONS = 600_000;
/**
 * A file may ask for more iterations than we write, but not so many that opening it hangs the app:
 * 2,000,000 PBKDF2-SHA256 iterations take about 1 s in Node 22 / Chromium's WebCrypto on the 2-core
 * build machine (600,000 take ~0.3 s), so a wrong passphrase is decided in seconds.
 */
export const MIN_ITERATIONS = 100_000;
export const MAX_ITERATIONS = 2_000_000;
const AAD = strToU8(`${ENCRYPTED_FORMAT}/v${BUNDLE_VERSION}`);

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  version: number;
  exportedAt: string;
  app: string;
  counts: Record<string, number>;
  studySha256: string;
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
  return Array.from(d, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The manifest's counts of a study. */
export function studyCounts(data: StudyData): Record<string, number> {
  return {
    codes: data.codes.length,
    interviews: data.interviews.length,
    transcripts: data.transcripts.length,
    segments: data.segments.length,
    overrides: data.overrides.length,
    benchmarks: data.benchmarks.length,
  };
}

export interface ExportBundleOptions {
  /** Export time (a fixed clock in tests). */
  now: string;
  app?: string;
  passphrase?: string;
  /** For tests only: fixed salt (16 bytes) and IV (12 bytes). Never reuse an IV with the same key. */
  salt?: Uint8Array;
  iv?: Uint8Array;
}

/** The plain (unencrypted) bundle: a zip with manifest.json and study.json. */
export async function bundleZip(data: StudyData, opts: ExportBundleOptions): Promise<Uint8Array> {
  return zipStudyJson(strToU8(JSON.stringify(data)), studyCounts(data), opts);
}

/**
 * The plain bundle from study.json's bytes (`JSON.stringify` of the StudyData) and its counts:
 * the part of an export a worker can do (hash, deflate), given bytes it can be handed without a
 * structured clone of the study (renderer/workers/bundle.worker.ts).
 */
export async function zipStudyJson(study: Uint8Array, counts: Record<string, number>, opts: ExportBundleOptions): Promise<Uint8Array> {
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    exportedAt: opts.now,
    app: opts.app ?? 'Reisekart',
    counts,
    studySha256: await sha256Hex(study),
  };
  // A fixed mtime keeps the bytes stable for the same study and clock.
  const mtime = new Date(opts.now);
  return zipSync({ 'manifest.json': [strToU8(JSON.stringify(manifest, null, 2)), { mtime }], 'study.json': [study, { mtime }] }, { level: 6 });
}

/** exportBundle from study.json's bytes (see zipStudyJson). */
export async function exportStudyJson(study: Uint8Array, counts: Record<string, number>, opts: ExportBundleOptions): Promise<Uint8Array> {
  const zip = await zipStudyJson(study, counts, opts);
  if (opts.passphrase === undefined) return zip;
  if (opts.passphrase.length === 0) throw new Error('empty passphrase');
  return strToU8(JSON.stringify(await encryptBytes(zip, opts.passphrase, opts), null, 2));
}

async function deriveKey(passphrase: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', strToU8(passphrase.normalize('NFC')) as BufferSource, 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

const EncryptedEnvelope = z.object({
  format: z.literal(ENCRYPTED_FORMAT),
  version: z.number().int(),
  kdf: z.object({ name: z.literal('PBKDF2'), hash: z.literal('SHA-256'), iterations: z.number().int(), salt: z.string() }),
  cipher: z.object({ name: z.literal('AES-GCM'), iv: z.string() }),
  data: z.string(),
});
export type EncryptedEnvelope = z.infer<typeof EncryptedEnvelope>;

export async function encryptBytes(plain: Uint8Array, passphrase: string, opts: Pick<ExportBundleOptions, 'salt' | 'iv'> = {}): Promise<EncryptedEnvelope> {
  const salt = opts.salt ?? crypto.getRandomValues(new Uint8Array(16));
  const iv = opts.iv ?? crypto.getRandomValues(new Uint8Array(12));
  const key = await deriveKey(passphrase, salt, PBKDF2_ITERATIONS);
  const ct = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: iv as BufferSource, additionalData: AAD as BufferSource }, key, plain as BufferSource));
  return {
    format: ENCRYPTED_FORMAT,
    version: BUNDLE_VERSION,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: PBKDF2_ITERATIONS, salt: toBase64(salt) },
    cipher: { name: 'AES-GCM', iv: toBase64(iv) },
    data: toBase64(ct),
  };
}

/** The `.reisekart` file: the zip, or (with a passphrase) the encrypted JSON envelope around it. */
export async function exportBundle(data: StudyData, opts: ExportBundleOptions): Promise<Uint8Array> {
  return exportStudyJson(strToU8(JSON.stringify(data)), studyCounts(data), opts);
}

export type RestorePhase = 'decrypt' | 'unzip' | 'parse' | 'validate';

export interface RestoreOptions {
  fileName?: string;
  limits?: ZipLimits;
  /** Called as each phase starts (the import worker reports it, which also shows it is alive). */
  onPhase?: (phase: RestorePhase) => void;
}

export type RestoreResult =
  | { ok: true; data: StudyData; version: number; encrypted: boolean; warnings: Issue[]; review: IncomingSummary }
  | { ok: false; issues: Issue[]; needsPassphrase?: boolean };

function fail(file: string, code: string, params: IssueParams = {}, field?: string): { ok: false; issues: Issue[] } {
  return { ok: false, issues: [issue(code, params, { file, ...(field ? { field } : {}) })] };
}

function parseJson(bytes: Uint8Array): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(strFromU8(bytes)) as unknown };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}


async function decryptEnvelope(raw: unknown, passphrase: string | undefined, file: string): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; issues: Issue[]; needsPassphrase?: boolean }> {
  const env = EncryptedEnvelope.safeParse(raw);
  if (!env.success) return { ok: false, issues: env.error.issues.map((i) => issue('bundle.encryptedInvalid', { detail: i.message }, { file, field: i.path.join('.') })) };
  const e = env.data;
  if (e.version > BUNDLE_VERSION) return fail(file, 'bundle.newer', { version: e.version });
  if (passphrase === undefined || passphrase === '') return { ...fail(file, 'bundle.needsPassphrase'), needsPassphrase: true };
  if (e.kdf.iterations < MIN_ITERATIONS || e.kdf.iterations > MAX_ITERATIONS) return fail(file, 'bundle.iterations', { iterations: e.kdf.iterations }, 'kdf.iterations');
  const salt = fromBase64(e.kdf.salt);
  const iv = fromBase64(e.cipher.iv);
  const data = fromBase64(e.data);
  if (!salt || salt.length < 16) return fail(file, 'bundle.salt', {}, 'kdf.salt');
  if (!iv || iv.length !== 12) return fail(file, 'bundle.iv', {}, 'cipher.iv');
  if (!data) return fail(file, 'bundle.data', {}, 'data');
  try {
    const key = await deriveKey(passphrase, salt, e.kdf.iterations);
    const aad = strToU8(`${ENCRYPTED_FORMAT}/v${e.version}`);
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: iv as BufferSource, additionalData: aad as BufferSource }, key, data as BufferSource);
    return { ok: true, bytes: new Uint8Array(plain) };
  } catch {
    // AES-GCM cannot tell a wrong key from tampered data: both fail the tag check.
    return { ...fail(file, 'bundle.wrongPassphrase'), needsPassphrase: true };
  }
}

/**
 * Version 1 (the first app builds): plain JSON, not zipped:
 * `{ format: 'reisekart-bundle', version: 1, exportedAt, data: { study, codes, interviews, transcripts,
 * segments, overrides } }`; segments had `isWish: boolean` instead of `kind`, and there were no
 * benchmarks, audit, terms or pseudonyms.
 */
export function migrateV1(raw: Record<string, unknown>): unknown {
  const data = (raw.data ?? {}) as Record<string, unknown>;
  const segments = Array.isArray(data.segments) ? data.segments : [];
  return {
    ...data,
    segments: segments.map((s: unknown) => {
      if (typeof s !== 'object' || s === null) return s;
      const { isWish, ...rest } = s as Record<string, unknown>;
      return { ...rest, kind: isWish === true ? 'wish' : 'experience' };
    }),
    benchmarks: data.benchmarks ?? [],
  };
}

const Header = z.object({ format: z.literal(BUNDLE_FORMAT), version: z.number().int().min(1) });

async function studyFromContainer(bytes: Uint8Array, file: string, limits: ZipLimits): Promise<{ ok: true; raw: unknown; version: number } | { ok: false; issues: Issue[] }> {
  if (isZip(bytes)) {
    const z = openZip(bytes, file, limits);
    if (!z.ok) return z;
    // A bundle holds exactly these two files: anything else is never inflated, and refused.
    const extra = z.zip.entries.find((e) => e.name !== 'manifest.json' && e.name !== 'study.json');
    if (extra) return fail(file, 'bundle.unexpectedEntry', { count: z.zip.entries.length }, extra.name);
    if (!z.zip.has('manifest.json') || !z.zip.has('study.json')) return fail(file, 'bundle.missingParts');
    const mr = z.zip.read('manifest.json');
    if (!mr.ok) return mr;
    const mj = parseJson(mr.bytes);
    if (!mj.ok) return fail(file, 'bundle.badJson', { part: 'manifest.json', detail: mj.message }, 'manifest.json');
    const head = Header.safeParse(mj.value);
    if (!head.success) return fail(file, 'bundle.notBundle', {}, 'manifest.json');
    if (head.data.version > BUNDLE_VERSION) return fail(file, 'bundle.newer', { version: head.data.version });
    const expected = (mj.value as { studySha256?: unknown }).studySha256;
    // A zipped bundle is version 2 or later: its manifest always carries the checksum.
    if (head.data.version >= 2 && (typeof expected !== 'string' || !/^[0-9a-f]{64}$/.test(expected))) {
      return fail(file, 'bundle.noChecksum', {}, 'manifest.json');
    }
    const sr = z.zip.read('study.json');
    if (!sr.ok) return sr;
    const st = sr.bytes;
    if (typeof expected === 'string' && expected !== (await sha256Hex(st))) return fail(file, 'bundle.checksum', {}, 'study.json');
    const sj = parseJson(st);
    if (!sj.ok) return fail(file, 'bundle.badJson', { part: 'study.json', detail: sj.message }, 'study.json');
    const raw = head.data.version === 1 ? migrateV1({ data: sj.value }) : sj.value;
    return { ok: true, raw, version: head.data.version };
  }
  const j = parseJson(bytes);
  if (!j.ok) return fail(file, 'bundle.neither');
  const head = Header.safeParse(j.value);
  if (!head.success) return fail(file, 'bundle.notBundle');
  const obj = j.value as Record<string, unknown>;
  if (head.data.version === 1) return { ok: true, raw: migrateV1(obj), version: 1 };
  if (head.data.version > BUNDLE_VERSION) return fail(file, 'bundle.newer', { version: head.data.version });
  // Version 2 and later are always the zip with a checksummed manifest; a plain-JSON file that
  // claims version 2 has no checksum to verify and was not written by Reisekart.
  return fail(file, 'bundle.noChecksum', { version: head.data.version });
}

export async function restoreBundle(bytes: Uint8Array, passphrase?: string, opts: RestoreOptions = {}): Promise<RestoreResult> {
  try {
    return await restoreUnguarded(bytes, passphrase, opts);
  } catch (e) {
    // The boundary: whatever a parser throws on a hostile file becomes a located issue.
    const detail = (e instanceof Error ? e.message : String(e)).slice(0, 200);
    return fail(opts.fileName ?? 'pakke.reisekart', 'import.unreadable', { detail });
  }
}

async function restoreUnguarded(bytes: Uint8Array, passphrase: string | undefined, opts: RestoreOptions): Promise<RestoreResult> {
  const file = opts.fileName ?? 'pakke.reisekart';
  const limits = opts.limits ?? DEFAULT_ZIP_LIMITS;
  let container = bytes;
  let encrypted = false;
  if (!isZip(bytes)) {
    const j = parseJson(bytes);
    if (j.ok && typeof j.value === 'object' && j.value !== null && (j.value as { format?: unknown }).format === ENCRYPTED_FORMAT) {
      opts.onPhase?.('decrypt');
      const dec = await decryptEnvelope(j.value, passphrase, file);
      if (!dec.ok) return dec;
      container = dec.bytes;
      encrypted = true;
    }
  }
  opts.onPhase?.('unzip');
  const c = await studyFromContainer(container, file, limits);
  if (!c.ok) return c;
  opts.onPhase?.('validate');
  // Schema, integrity and the gate at the door in ("reviewed" only with its record and a clean re-scan).
  const admitted = admitStudy(c.raw, file, 'bundle');
  if (!admitted.ok) return admitted;
  return { ok: true, data: admitted.data, version: c.version, encrypted, warnings: admitted.warnings, review: admitted.review };
}
