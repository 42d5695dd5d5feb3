/**
 * The IPC contract between the renderer (via the preload) and the main process.
 *
 * Every channel is declared ONCE here with a zod schema for its request and its result; the
 * preload exposes one typed function per channel, the main process registers one handler per
 * channel and parses the payload with `channel.request` before any side effect. Nothing else
 * crosses the process boundary (Electron security checklist item 17, "validate the sender of
 * all IPC messages", and Signal-Desktop's habit of one declaration per channel).
 *
 * The renderer sends bytes and a suggested name, never a path: the main process chooses the
 * path through a native dialog, so a compromised renderer cannot write where it likes.
 *
 * Pure: no DOM, no Node, no Electron (lint-enforced).
 */
import { z } from 'zod';
import { SNAPSHOT_ID_RE } from './backups/snapshots';

/** Largest file the app reads or writes through the bridge (project bundles, exports). */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Channel helper

export interface Channel<N extends string, Req extends z.ZodType, Res extends z.ZodType> {
  readonly name: N;
  readonly request: Req;
  /** The channel's own result union plus {@link Refused}: the main process may always refuse. */
  readonly result: z.ZodUnion<readonly [Res, typeof Refused]>;
}

/** Main refused the call (untrusted sender, payload that does not parse): a value, not a throw. */
export const Refused = z.object({
  ok: z.literal(false),
  reason: z.literal('refused'),
  message: z.string(),
});
export type Refused = z.infer<typeof Refused>;

export function channel<N extends string, Req extends z.ZodType, Res extends z.ZodType>(
  name: N,
  request: Req,
  result: Res,
): Channel<N, Req, Res> {
  return Object.freeze({ name, request, result: z.union([result, Refused]) });
}

/** What the renderer passes in (before transforms such as file-name sanitising). */
export type RequestOf<C> = C extends Channel<string, infer Req, z.ZodType> ? z.input<Req> : never;
/** What the main-process handler receives (after parsing). */
export type ParsedRequestOf<C> = C extends Channel<string, infer Req, z.ZodType> ? z.output<Req> : never;
/** What the renderer gets back (the channel's result or a refusal). */
export type ResultOf<C> = C extends Channel<string, z.ZodType, z.ZodType> ? z.output<C['result']> : never;
/** What a main-process handler must return (a refusal is ipc.ts's business, not the handler's). */
export type HandlerResultOf<C> = C extends Channel<string, z.ZodType, infer Res> ? z.input<Res> : never;

// ---------------------------------------------------------------------------------------------
// Shared pieces

/** Any Uint8Array (a Node Buffer is one too); `z.instanceof` would narrow the buffer type. */
const U8 = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected bytes (Uint8Array)');

/** Bytes crossing IPC arrive as Uint8Array (structured clone turns a Node Buffer into one too). */
export const Bytes = U8
  .refine((b) => b.byteLength <= MAX_FILE_BYTES, { message: `larger than ${MAX_FILE_BYTES} bytes` });

export const FileFilter = z.object({
  name: z.string().min(1).max(100),
  // '*' is Electron's "all files"; otherwise a bare extension without the dot.
  extensions: z.array(z.string().regex(/^(\*|[A-Za-z0-9]{1,16})$/, 'extension without dot, e.g. "pdf"')).min(1).max(20),
});
export type FileFilter = z.infer<typeof FileFilter>;
const Filters = z.array(FileFilter).max(20);

/**
 * Windows device names, in every form Windows itself recognises: CON PRN AUX NUL, COM0–9 and
 * LPT0–9 including the superscript digits ¹ ² ³ (COM¹), and CONIN$ CONOUT$ CLOCK$. Windows
 * ignores everything from the first dot and trailing spaces, so `con .txt` and `nul.tar.gz` are
 * the device too.
 */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3]|conin\$|conout\$|clock\$)$/i;

/** Bidi controls and invisible characters that make a name look like another (`gpj.exe` shown as `exe.jpg`). */
// eslint-disable-next-line no-misleading-character-class -- each code point is removed on its own, on purpose
const INVISIBLE = /[\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]/g;

export function isWindowsDeviceName(name: string): boolean {
  const stem = name.split('.')[0]?.replace(/[ ]+$/, '') ?? '';
  return WINDOWS_RESERVED.test(stem);
}

/**
 * A suggested file name reduced to a safe base name: the last path segment only (both `/` and
 * `\` count, so `../../x` and `C:\Windows\x` lose their directories), no control characters,
 * no bidi controls or zero-width characters, none of Windows' forbidden `<>:"|?*`, no leading
 * dots (no hidden files, no `..`), no Windows device name in any form, at most 200 characters.
 * The one rule for the desktop's save dialog and the browser's download name. Returns '' when nothing usable is left.
 * It only names the dialog's default: the user still picks the folder.
 */
export function sanitiseFileName(raw: string): string {
  const lastSegment = raw.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  let name = lastSegment.normalize('NFC').replace(INVISIBLE, '').replace(/[\u0000-\u001f\u007f-\u009f<>:"|?*]/g, '').trim();
  name = name.replace(/^\.+/, '').replace(/[. ]+$/, '');
  if (isWindowsDeviceName(name)) name = `_${name}`;
  if (name.length > 200) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 17 ? name.slice(dot) : '';
    name = name.slice(0, 200 - ext.length) + ext;
  }
  return name;
}

export const SafeFileName = z
  .string()
  .max(1000)
  .transform(sanitiseFileName)
  .pipe(z.string().min(1, 'file name is empty after removing path and unsafe characters'));

// ---------------------------------------------------------------------------------------------
// file:save

export const SaveFileRequest = z.object({
  bytes: Bytes,
  suggestedName: SafeFileName,
  filters: Filters,
}).strict();
export const SaveFileResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), name: z.string() }),
  z.object({ ok: z.literal(false), reason: z.enum(['cancelled', 'write-failed']), message: z.string() }),
]);
export const saveFile = channel('file:save', SaveFileRequest, SaveFileResult);

// ---------------------------------------------------------------------------------------------
// file:open

export const OpenFileRequest = z.object({ filters: Filters }).strict();
export const OpenFileResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), name: z.string(), bytes: U8 }),
  z.object({ ok: z.literal(false), reason: z.enum(['cancelled', 'too-large', 'read-failed']), message: z.string() }),
]);
export const openFile = channel('file:open', OpenFileRequest, OpenFileResult);

// ---------------------------------------------------------------------------------------------
// app:info

export const AppInfoRequest = z.object({}).strict();
export const AppInfo = z.object({
  ok: z.literal(true),
  name: z.string(),
  version: z.string(),
  /** `process.platform` in the desktop app (`linux`, `win32`, `darwin`), `web` in a browser. */
  platform: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;
export const appInfo = channel('app:info', AppInfoRequest, AppInfo);

// ---------------------------------------------------------------------------------------------
// app:set-locale — the UI language changed; the main process rebuilds the native menu in it

export const Locale = z.enum(['nb', 'nn', 'en']);
export type Locale = z.infer<typeof Locale>;
export const SetLocaleRequest = z.object({ locale: Locale }).strict();
export const SetLocaleResult = z.object({ ok: z.literal(true) });
export const setLocale = channel('app:set-locale', SetLocaleRequest, SetLocaleResult);

// ---------------------------------------------------------------------------------------------
// backups: rotating snapshots in <userData>/backups

/** Why a snapshot was taken; it becomes part of the file name, so it is a short slug. */
export const BackupReason = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'reason is a slug like "before-import"');
/**
 * A backup id is the snapshot's file name as the main process made it:
 * `<ISO time with - for :>` `_` `<reason>` [`_` `<study key>`] `.bak` (shared/backups/snapshots.ts).
 * The strict pattern is what stops a path from being smuggled into backup:read or backup:remove.
 */
export const BackupId = z.string().regex(SNAPSHOT_ID_RE, 'not a backup id');

/** `studyId` names the study the snapshot holds: snapshots are kept per study. */
export const BackupWriteRequest = z.object({ bytes: Bytes, reason: BackupReason, studyId: z.string().min(1).max(100) }).strict();
export const BackupWriteResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), id: BackupId }),
  z.object({ ok: z.literal(false), reason: z.literal('write-failed'), message: z.string() }),
]);
export const backupWrite = channel('backup:write', BackupWriteRequest, BackupWriteResult);

export const BackupEntry = z.object({
  id: BackupId,
  reason: z.string(),
  createdAt: z.string(),
  size: z.number().int().nonnegative(),
  /** The study key in the name (studyKey of the study id), null for older names. */
  studyKey: z.string().nullable().default(null),
});
export type BackupEntry = z.infer<typeof BackupEntry>;
export const BackupListRequest = z.object({}).strict();
export const BackupListResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), backups: z.array(BackupEntry) }),
  z.object({ ok: z.literal(false), reason: z.literal('read-failed'), message: z.string() }),
]);
export const backupList = channel('backup:list', BackupListRequest, BackupListResult);

export const BackupReadRequest = z.object({ id: BackupId }).strict();
export const BackupReadResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), id: BackupId, bytes: U8 }),
  z.object({ ok: z.literal(false), reason: z.enum(['not-found', 'read-failed']), message: z.string() }),
]);
export const backupRead = channel('backup:read', BackupReadRequest, BackupReadResult);

/** The user removes a snapshot (rotation never removes a study's last before-delete snapshot). */
export const BackupRemoveRequest = z.object({ id: BackupId }).strict();
export const BackupRemoveResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), reason: z.enum(['not-found', 'remove-failed']), message: z.string() }),
]);
export const backupRemove = channel('backup:remove', BackupRemoveRequest, BackupRemoveResult);

/** Every invoke channel, by the name the preload exposes it under. ipc.ts registers each one. */
export const channels = { saveFile, openFile, appInfo, setLocale, backupWrite, backupList, backupRead, backupRemove } as const;
export type Channels = typeof channels;

// ---------------------------------------------------------------------------------------------
// main → renderer: menu commands

export const MENU_COMMANDS = [
  'new-study',
  'open-project',
  'import',
  'export',
  'report',
  'toggle-presentation',
  'locale-nb',
  'locale-nn',
  'locale-en',
] as const;
export const MenuCommand = z.enum(MENU_COMMANDS);
export type MenuCommand = z.infer<typeof MenuCommand>;
export const MENU_COMMAND_EVENT = 'menu:command';

// ---------------------------------------------------------------------------------------------
// The API the preload exposes as `window.reisekart`

type Invoker<C> = (request: RequestOf<C>) => Promise<ResultOf<C>>;

/** One typed function per channel plus the menu subscription; never a generic forwarder. */
export type BridgeApi = { readonly [K in keyof Channels]: Invoker<Channels[K]> } & {
  /** Subscribe to native menu commands; returns the unsubscribe function. */
  readonly onMenuCommand: (callback: (command: MenuCommand) => void) => () => void;
};
