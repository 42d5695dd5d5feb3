import { describe, expect, it } from 'vitest';
import {
  MAX_FILE_BYTES,
  MenuCommand,
  appInfo,
  backupList,
  backupRead,
  backupWrite,
  channels,
  openFile,
  sanitiseFileName,
  saveFile,
} from '../../shared/bridge';

const bytes = new Uint8Array([1, 2, 3]);
const filters = [{ name: 'PDF', extensions: ['pdf'] }];

describe('channel declarations', () => {
  it('declares each channel once under a unique name', () => {
    const names = Object.values(channels).map((c) => c.name);
    expect(names).toEqual(['file:save', 'file:open', 'app:info', 'app:set-locale', 'backup:write', 'backup:list', 'backup:read', 'backup:remove']);
    expect(new Set(names).size).toBe(names.length);
  });

  it('every result schema accepts a refusal', () => {
    for (const ch of Object.values(channels)) {
      expect(ch.result.safeParse({ ok: false, reason: 'refused', message: 'x' }).success, ch.name).toBe(true);
    }
  });
});

describe('sanitiseFileName', () => {
  it.each([
    ['rapport.pdf', 'rapport.pdf'],
    ['Brukerreise – 9. trinn.pdf', 'Brukerreise – 9. trinn.pdf'],
    ['../../x', 'x'],
    ['/etc/passwd', 'passwd'],
    ['..\\..\\Windows\\system32\\evil.dll', 'evil.dll'],
    ['C:\\Users\\a\\rapport.pdf', 'rapport.pdf'],
    ['.bashrc', 'bashrc'],
    ['...', ''],
    ['..', ''],
    ['../', ''],
    ['a\u0000b.pdf', 'ab.pdf'],
    ['a\nb.pdf', 'ab.pdf'],
    ['what?<>:"|*.pdf', 'what.pdf'],
    ['CON', '_CON'],
    ['nul.txt', '_nul.txt'],
    ['trailing. . ', 'trailing'],
    ['   ', ''],
    // Windows device names in every form Windows recognises.
    ['CONIN$', '_CONIN$'],
    ['conout$.txt', '_conout$.txt'],
    ['CLOCK$', '_CLOCK$'],
    ['COM\u00b9', '_COM\u00b9'],
    ['lpt\u00b3.pdf', '_lpt\u00b3.pdf'],
    ['COM0', '_COM0'],
    ['con .txt', '_con .txt'],
    ['nul.tar.gz', '_nul.tar.gz'],
    ['console.pdf', 'console.pdf'],
    ['COM10.pdf', 'COM10.pdf'],
    // Bidi overrides and zero-width characters are removed, so the name shows what it is.
    ['rapport\u202egpj.exe', 'rapportgpj.exe'],
    ['a\u200bb\u200c\u200d\u2060c\ufeff.pdf', 'abc.pdf'],
    ['\u2066x\u2069.pdf', 'x.pdf'],
    ['\u200bCON', '_CON'],
    ['a\u0085b.pdf', 'ab.pdf'],
  ])('%j → %j', (raw, expected) => {
    expect(sanitiseFileName(raw)).toBe(expected);
  });

  it('caps the length and keeps the extension', () => {
    const long = `${'a'.repeat(400)}.pdf`;
    const out = sanitiseFileName(long);
    expect(out.length).toBe(200);
    expect(out.endsWith('.pdf')).toBe(true);
  });
});

describe('file:save request', () => {
  const ok = { bytes, suggestedName: 'rapport.pdf', filters };

  it('accepts a good request and reduces a smuggled path to its base name', () => {
    expect(saveFile.request.parse(ok)).toEqual(ok);
    expect(saveFile.request.parse({ ...ok, suggestedName: '../../x' }).suggestedName).toBe('x');
    expect(saveFile.request.parse({ ...ok, suggestedName: '/etc/passwd' }).suggestedName).toBe('passwd');
    expect(saveFile.request.parse({ ...ok, bytes: Buffer.from([1]) }).bytes).toBeInstanceOf(Uint8Array);
  });

  it.each([
    ['no bytes', { suggestedName: 'a.pdf', filters }],
    ['bytes as a string', { ...ok, bytes: 'AAEC' }],
    ['bytes as a number array', { ...ok, bytes: [1, 2, 3] }],
    ['bytes as an ArrayBuffer', { ...ok, bytes: new ArrayBuffer(3) }],
    ['name that is only a path', { ...ok, suggestedName: '../' }],
    ['empty name', { ...ok, suggestedName: '' }],
    ['name as a number', { ...ok, suggestedName: 42 }],
    ['oversized name', { ...ok, suggestedName: 'a'.repeat(1001) }],
    ['missing filters', { bytes, suggestedName: 'a.pdf' }],
    ['filter extension with a dot', { ...ok, filters: [{ name: 'PDF', extensions: ['.pdf'] }] }],
    ['filter extension with a path', { ...ok, filters: [{ name: 'PDF', extensions: ['../pdf'] }] }],
    ['filter without extensions', { ...ok, filters: [{ name: 'PDF', extensions: [] }] }],
    ['too many filters', { ...ok, filters: Array.from({ length: 21 }, () => filters[0]) }],
    ['a path field smuggled in', { ...ok, path: '/etc/passwd' }],
    ['a defaultPath smuggled in', { ...ok, defaultPath: '/tmp/x' }],
    ['null', null],
    ['a string', 'file:save'],
    ['an array', [ok]],
  ])('refuses %s', (_label, payload) => {
    expect(saveFile.request.safeParse(payload).success).toBe(false);
  });

  it('refuses oversized bytes', () => {
    const big = new Uint8Array(MAX_FILE_BYTES + 1);
    expect(saveFile.request.safeParse({ ...ok, bytes: big }).success).toBe(false);
    expect(saveFile.request.safeParse({ ...ok, bytes: big.subarray(0, MAX_FILE_BYTES) }).success).toBe(true);
  });
});

describe('file:open request', () => {
  it('accepts filters only', () => {
    expect(openFile.request.parse({ filters })).toEqual({ filters });
    expect(openFile.request.parse({ filters: [{ name: 'Alle filer', extensions: ['*'] }] }).filters[0]?.extensions).toEqual(['*']);
  });
  it.each([
    ['a path', { filters, path: '/etc/passwd' }],
    ['defaultPath', { filters, defaultPath: '/home' }],
    ['no filters', {}],
    ['filters as a string', { filters: 'pdf' }],
    ['undefined', undefined],
  ])('refuses %s', (_label, payload) => {
    expect(openFile.request.safeParse(payload).success).toBe(false);
  });
});

describe('app:info and backup:list requests', () => {
  it('accept only an empty object', () => {
    for (const ch of [appInfo, backupList]) {
      expect(ch.request.safeParse({}).success, ch.name).toBe(true);
      for (const bad of [undefined, null, { x: 1 }, 'x', []]) expect(ch.request.safeParse(bad).success, `${ch.name} ${String(bad)}`).toBe(false);
    }
  });
});

describe('backup:write request', () => {
  it('accepts bytes, a slug reason and the study it holds', () => {
    expect(backupWrite.request.parse({ bytes, reason: 'before-import', studyId: 'study-1' }).reason).toBe('before-import');
  });
  it.each([
    ['path in reason', { bytes, reason: '../../etc', studyId: 's' }],
    ['slash in reason', { bytes, reason: 'a/b', studyId: 's' }],
    ['upper case', { bytes, reason: 'Auto', studyId: 's' }],
    ['empty reason', { bytes, reason: '', studyId: 's' }],
    ['long reason', { bytes, reason: 'a'.repeat(41), studyId: 's' }],
    ['no bytes', { reason: 'auto', studyId: 's' }],
    ['bytes as text', { bytes: 'x', reason: 'auto', studyId: 's' }],
    ['extra field', { bytes, reason: 'auto', studyId: 's', dir: '/tmp' }],
    ['no study', { bytes, reason: 'auto' }],
    ['empty study', { bytes, reason: 'auto', studyId: '' }],
  ])('refuses %s', (_label, payload) => {
    expect(backupWrite.request.safeParse(payload).success).toBe(false);
  });
});

describe('backup:read request', () => {
  it('accepts an id made by the main process (with or without the study key)', () => {
    for (const id of ['2025-03-04T10-11-12-345Z_before-import.bak', '2025-03-04T10-11-12-345Z_before-import_k0123456789abcd.bak']) expect(backupRead.request.parse({ id })).toEqual({ id });
  });
  it.each([
    '../../etc/passwd',
    '/etc/passwd',
    '2025-03-04T10-11-12-345Z_auto.bak/../../x',
    '../2025-03-04T10-11-12-345Z_auto.bak',
    '2025-03-04T10-11-12-345Z_auto.bak\0',
    '2025-03-04T10-11-12-345Z_auto.json',
    '2025-03-04T10:11:12.345Z_auto.bak',
    '2025-03-04T10-11-12-345Z_auto_k../../x.bak',
    '2025-03-04T10-11-12-345Z_auto_K0123456789ABCD.bak',
    '',
  ])('refuses id %j', (id) => {
    expect(backupRead.request.safeParse({ id }).success).toBe(false);
  });
});

describe('menu commands', () => {
  it('parse only the declared commands', () => {
    expect(MenuCommand.safeParse('new-study').success).toBe(true);
    for (const bad of ['rm -rf', '', 'NEW-STUDY', 1, null]) expect(MenuCommand.safeParse(bad).success).toBe(false);
  });
});
