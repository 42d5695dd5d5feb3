/**
 * One way to talk to a Web Worker: request ids, a pending map, error handling, cancel (an
 * AbortSignal terminates the worker) and a silence timeout (a request that hears nothing from its
 * worker for `silenceMs` terminates it). A stopped request rejects with `WorkerStopped`, whose
 * `reason` the screen turns into words; the page has written nothing, so nothing changed.
 *
 * `perRequest: true` gives each request its own worker, terminated when the request ends: imports
 * of files we did not write run there, so a hostile file can be killed without touching the
 * shared worker that takes backups and exports. Where module workers are unavailable (jsdom tests)
 * the job runs in-thread through `fallback`; cancel then only stops waiting for it.
 */

export type StopReason = 'cancelled' | 'silent' | 'crashed';

export class WorkerStopped extends Error {
  constructor(
    readonly reason: StopReason,
    message: string,
    /** For `silent`: how long it was quiet. */
    readonly silenceMs?: number,
  ) {
    super(message);
    this.name = 'WorkerStopped';
  }
}

interface Identified {
  id: number;
}
interface Answer {
  id: number;
  type: string;
}

export interface WorkerClientOptions<Req extends Identified, Msg extends Answer> {
  /** Creates the worker; may throw (then `fallback` runs the job in-thread). */
  create: () => Worker;
  fallback?: (req: Req, post: (m: Msg) => void) => unknown;
  perRequest?: boolean;
  /** Default silence timeout for requests (none when omitted). */
  silenceMs?: number;
  /** For messages: which worker this is. */
  name: string;
}

export interface RunOptions {
  signal?: AbortSignal;
  silenceMs?: number;
  transfer?: Transferable[];
}

type Body<Req> = Req extends Identified ? Omit<Req, 'id'> : never;

interface Pending<Msg> {
  onMessage: (m: Msg) => void;
  stop: (e: Error) => void;
  worker: Worker | null;
}

export interface WorkerClient<Req extends Identified, Msg extends Answer> {
  /** Send one request; `onMessage` sees every message for it until it calls `finish`. */
  run<T>(body: Body<Req>, onMessage: (m: Msg, finish: (v: T) => void) => void, opts?: RunOptions): Promise<T>;
  /** Terminates every worker of this client; pending requests reject with `crashed`. */
  terminate(): void;
}

export function createWorkerClient<Req extends Identified, Msg extends Answer>(options: WorkerClientOptions<Req, Msg>): WorkerClient<Req, Msg> {
  let shared: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending<Msg>>();

  function make(): Worker | null {
    if (typeof Worker === 'undefined') return null;
    let w: Worker;
    try {
      w = options.create();
    } catch {
      return null;
    }
    w.onmessage = (e: MessageEvent<Msg>) => pending.get(e.data.id)?.onMessage(e.data);
    w.onerror = (e) => {
      e.preventDefault();
      kill(w, new WorkerStopped('crashed', e.message || `${options.name} worker failed`));
    };
    return w;
  }

  /** Terminates `w` and rejects every request it was serving. */
  function kill(w: Worker, why: Error): void {
    w.terminate();
    if (w === shared) shared = null;
    for (const [id, p] of [...pending]) {
      if (p.worker === w) {
        pending.delete(id);
        p.stop(why);
      }
    }
  }

  function workerFor(): Worker | null {
    if (options.perRequest) return make();
    shared ??= make();
    return shared;
  }

  return {
    run<T>(body: Body<Req>, onMessage: (m: Msg, finish: (v: T) => void) => void, opts: RunOptions = {}): Promise<T> {
      const id = nextId++;
      const req = { ...body, id } as unknown as Req;
      const silenceMs = opts.silenceMs ?? options.silenceMs;
      return new Promise<T>((resolve, reject) => {
        if (opts.signal?.aborted) return reject(new WorkerStopped('cancelled', 'cancelled'));
        const w = workerFor();
        let timer: ReturnType<typeof setTimeout> | undefined;
        const arm = () => {
          if (silenceMs === undefined) return;
          clearTimeout(timer);
          timer = setTimeout(() => stopWith(new WorkerStopped('silent', `${options.name} worker silent for ${silenceMs} ms`, silenceMs)), silenceMs);
        };
        const done = () => {
          clearTimeout(timer);
          opts.signal?.removeEventListener('abort', onAbort);
          pending.delete(id);
          if (options.perRequest && w) w.terminate();
        };
        const stopWith = (e: Error) => {
          if (!pending.has(id)) return;
          if (w) kill(w, e);
          else {
            done();
            reject(e);
          }
        };
        const onAbort = () => stopWith(new WorkerStopped('cancelled', 'cancelled'));
        opts.signal?.addEventListener('abort', onAbort);
        pending.set(id, {
          worker: w,
          stop: (e) => {
            done();
            reject(e);
          },
          onMessage: (m) => {
            arm();
            if (m.type === 'error') {
              done();
              reject(new Error((m as unknown as { message?: string }).message ?? `${options.name} worker error`));
              return;
            }
            onMessage(m, (v) => {
              done();
              resolve(v);
            });
          },
        });
        arm();
        if (w) w.postMessage(req, opts.transfer ?? []);
        else if (options.fallback) {
          void Promise.resolve()
            .then(() => options.fallback?.(req, (m) => pending.get(m.id)?.onMessage(m)))
            .catch((e: unknown) => pending.get(id)?.stop(e instanceof Error ? e : new Error(String(e))));
        } else {
          done();
          reject(new Error(`${options.name}: no worker available`));
        }
      });
    },
    terminate() {
      if (shared) kill(shared, new WorkerStopped('crashed', `${options.name} worker terminated`));
      for (const p of [...pending.values()]) if (p.worker) kill(p.worker, new WorkerStopped('crashed', `${options.name} worker terminated`));
    },
  };
}
