import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWorkerClient, WorkerStopped } from '../../renderer/workers/workerClient';

type Req = { id: number; type: 'echo' | 'hang'; n?: number };
type Msg = { id: number; type: 'progress' | 'done' | 'error'; n?: number; message?: string };

/** A stand-in for a module worker: answers `echo` after a tick, never answers `hang`. */
class FakeWorker {
  static made: FakeWorker[] = [];
  onmessage: ((e: { data: Msg }) => void) | null = null;
  onerror: ((e: { message: string; preventDefault(): void }) => void) | null = null;
  terminated = false;
  constructor() {
    FakeWorker.made.push(this);
  }
  postMessage(req: Req) {
    if (req.type === 'echo') setTimeout(() => !this.terminated && this.onmessage?.({ data: { id: req.id, type: 'done', n: req.n } }), 10);
  }
  terminate() {
    this.terminated = true;
  }
  crash() {
    this.onerror?.({ message: 'boom', preventDefault() {} });
  }
}

beforeEach(() => {
  FakeWorker.made = [];
  vi.useFakeTimers();
  vi.stubGlobal('Worker', FakeWorker);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const make = (perRequest: boolean) => createWorkerClient<Req, Msg>({ name: 'test', create: () => new FakeWorker() as unknown as Worker, perRequest, silenceMs: 1000 });
const answer = (m: Msg, finish: (v: number) => void) => {
  if (m.type === 'done') finish(m.n ?? -1);
};

describe('createWorkerClient', () => {
  it('answers by request id; a per-request worker is terminated when its request ends', async () => {
    const c = make(true);
    const a = c.run({ type: 'echo', n: 1 }, answer);
    const b = c.run({ type: 'echo', n: 2 }, answer);
    await vi.advanceTimersByTimeAsync(20);
    expect(await Promise.all([a, b])).toEqual([1, 2]);
    expect(FakeWorker.made).toHaveLength(2);
    expect(FakeWorker.made.every((w) => w.terminated)).toBe(true);
  });

  it('a worker silent for longer than silenceMs is terminated and the request says so', async () => {
    const c = make(true);
    const p = c.run({ type: 'hang' }, answer);
    const caught = p.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(999);
    expect(FakeWorker.made[0]?.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(2);
    const e = await caught;
    expect(e).toBeInstanceOf(WorkerStopped);
    expect((e as WorkerStopped).reason).toBe('silent');
    expect((e as WorkerStopped).silenceMs).toBe(1000);
    expect(FakeWorker.made[0]?.terminated).toBe(true);
  });

  it('cancel terminates the request’s worker and leaves the shared worker of another client alone', async () => {
    const shared = make(false);
    const imports = make(true);
    const backup = shared.run({ type: 'echo', n: 7 }, answer);
    const abort = new AbortController();
    const p = imports.run({ type: 'hang' }, answer, { signal: abort.signal }).catch((e: unknown) => e);
    abort.abort();
    const e = await p;
    expect((e as WorkerStopped).reason).toBe('cancelled');
    expect(FakeWorker.made[1]?.terminated).toBe(true);
    await vi.advanceTimersByTimeAsync(20);
    expect(await backup).toBe(7);
    expect(FakeWorker.made[0]?.terminated).toBe(false);
  });

  it('an error message rejects with its text; a crash rejects every request of that worker', async () => {
    const c = make(false);
    const p1 = c.run({ type: 'hang' }, answer).catch((e: unknown) => e);
    const p2 = c.run({ type: 'hang' }, answer).catch((e: unknown) => e);
    FakeWorker.made[0]!.onmessage?.({ data: { id: 1, type: 'error', message: 'bad file' } });
    expect(((await p1) as Error).message).toBe('bad file');
    FakeWorker.made[0]!.crash();
    expect(((await p2) as WorkerStopped).reason).toBe('crashed');
    // The next request gets a fresh worker.
    const p3 = c.run({ type: 'echo', n: 3 }, answer);
    await vi.advanceTimersByTimeAsync(20);
    expect(await p3).toBe(3);
    expect(FakeWorker.made).toHaveLength(2);
  });

  it('every message resets the silence timer (progress keeps a long job alive)', async () => {
    const c = make(true);
    const p = c.run({ type: 'hang' }, answer).catch((e: unknown) => e);
    for (let i = 0; i < 5; i++) {
      await vi.advanceTimersByTimeAsync(900);
      FakeWorker.made[0]!.onmessage?.({ data: { id: 1, type: 'progress' } });
    }
    expect(FakeWorker.made[0]?.terminated).toBe(false);
    FakeWorker.made[0]!.onmessage?.({ data: { id: 1, type: 'done', n: 9 } });
    expect(await p).toBe(9);
  });
});
