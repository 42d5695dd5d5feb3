/**
 * The hostile corpus (tests/fixtures/hostile/corpus.ts, >= 60 seeded files) through the shared
 * import code in a Node worker capped at 512 MB of heap. Refused files must give a located
 * message (the file's name, and the expected limit's code) and no records; accepted files must
 * give exactly the expected records; nothing may pollute Object.prototype; the worker must
 * survive every file. Time and memory per file are the bench's business (tests/bench/hostile.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outcome } from '../fixtures/hostile/run';
import { writeHostileCorpus, type CorpusEntry } from '../fixtures/hostile/write';

const WORKER = resolve(import.meta.dirname, '../fixtures/hostile/worker.ts');
let dir = '';
let entries: CorpusEntry[] = [];
const outcomes = new Map<string, Outcome>();
let died: { name: string | null; error: string } | null = null;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'reisekart-hostile-'));
  entries = await writeHostileCorpus(dir, 15);
  await new Promise<void>((done) => {
    let current: string | null = null;
    const w = new Worker(WORKER, { workerData: { dir }, execArgv: ['--import', 'tsx'], resourceLimits: { maxOldGenerationSizeMb: 512 } });
    w.on('message', (m: { type: 'start' | 'done' | 'end'; name?: string; outcome?: Outcome }) => {
      if (m.type === 'start') current = m.name ?? null;
      else if (m.type === 'done' && m.name && m.outcome) outcomes.set(m.name, m.outcome);
      else if (m.type === 'end') void w.terminate().then(() => done());
    });
    w.on('error', (e) => {
      died = { name: current, error: String(e) };
      done();
    });
    w.on('exit', () => done());
  });
}, 300_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('hostile corpus', () => {
  it('has at least 60 files covering every importer', () => {
    expect(entries.length).toBeGreaterThanOrEqual(60);
    expect(new Set(entries.map((e) => e.importer))).toEqual(new Set(['bundle', 'qdpx', 'qdc', 'docx', 'txt', 'vtt', 'srt', 'csv-interviews', 'csv-segments']));
    expect(entries.filter((e) => e.passphrase !== undefined).length).toBeGreaterThan(3);
  });

  it('the 512 MB worker survives every file', () => {
    expect(died).toBeNull();
    expect([...outcomes.keys()].sort()).toEqual(entries.map((e) => e.name).sort());
  });

  it('every refused file gives a located message with the expected code, and no records', () => {
    for (const e of entries.filter((x) => x.expect.outcome === 'refused')) {
      const o = outcomes.get(e.name);
      expect({ name: e.name, ok: o?.ok }).toEqual({ name: e.name, ok: false });
      expect(o?.counts).toBeUndefined();
      expect(o?.issues.length, e.name).toBeGreaterThan(0);
      const first = o!.issues[0]!;
      expect(first.file.startsWith(e.name), `${e.name}: ${first.file}`).toBe(true);
      expect(first.message.length, e.name).toBeGreaterThan(0);
      expect(first.message, e.name).not.toMatch(/^job error|\n\s+at /);
      if (e.expect.outcome === 'refused' && e.expect.code) expect({ name: e.name, code: first.code }).toEqual({ name: e.name, code: e.expect.code });
    }
  });

  it('every accepted file gives exactly the expected records', () => {
    for (const e of entries.filter((x) => x.expect.outcome === 'accepted')) {
      const o = outcomes.get(e.name);
      expect({ name: e.name, ok: o?.ok, issues: o?.ok ? [] : o?.issues }).toEqual({ name: e.name, ok: true, issues: [] });
      if (e.expect.outcome !== 'accepted') continue;
      if (e.expect.counts) for (const [k, v] of Object.entries(e.expect.counts)) expect({ name: e.name, [k]: o?.counts?.[k] }).toEqual({ name: e.name, [k]: v });
      if (e.expect.text !== undefined) expect(o?.text, e.name).toBe(e.expect.text);
    }
  });

  it('no file pollutes Object.prototype', () => {
    expect([...outcomes].filter(([, o]) => o.polluted).map(([n]) => n)).toEqual([]);
  });
});
