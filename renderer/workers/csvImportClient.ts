/**
 * Promise API over the CSV import worker. One worker per CsvImportSession (a picked file): the
 * worker keeps that file's parsed table until the session is closed. Where module workers are
 * unavailable (jsdom tests) the same job runs on the main thread.
 */
import { createCsvJob, type CsvHead, type CsvJobMessage, type CsvJobRequest } from '../../shared/exchange/csv-job';
import type { ColumnMapping, ImportKind } from '../../shared/exchange/csv-import';
import type { Issue } from '../../shared/exchange/issues';
import type { StudyData } from '../../shared/model';

export type CsvPhase = 'parse' | 'validate';
export type CsvProgress = (phase: CsvPhase, done: number, total: number) => void;

export type CsvParseResult = ({ ok: true } & CsvHead) | { ok: false; issues: Issue[] };
export type CsvRecordsResult = { ok: true; records: unknown[] } | { ok: false; issues: Issue[] };

export interface CsvImportSession {
  /** Decode + parse the file; the bytes are transferred to the worker (the caller's copy empties). */
  parse(fileName: string, bytes: Uint8Array, progress?: CsvProgress): Promise<CsvParseResult>;
  /** Map + validate every row of the parsed file against `base` (see importBase): records or located issues. */
  records(kind: ImportKind, mapping: ColumnMapping, base: StudyData, now: string, progress?: CsvProgress): Promise<CsvRecordsResult>;
  close(): void;
}

type Listener = (m: CsvJobMessage) => void;

interface Channel {
  send(req: CsvJobRequest, transfer: Transferable[]): void;
  close(): void;
}

/** The worker, or the job in-thread (its messages delivered on a later microtask, as a worker's would be later). */
function openChannel(listen: Listener, preferWorker: boolean): Channel {
  if (preferWorker && typeof Worker !== 'undefined') {
    try {
      const w = new Worker(new URL('./csv-import.worker.ts', import.meta.url), { type: 'module' });
      w.onmessage = (e: MessageEvent<CsvJobMessage>) => listen(e.data);
      w.onerror = (e) => {
        e.preventDefault();
        listen({ id: -1, type: 'error', message: e.message || 'CSV worker failed' });
      };
      return { send: (req, transfer) => w.postMessage(req, transfer), close: () => w.terminate() };
    } catch {
      // fall through to the in-thread job
    }
  }
  const job = createCsvJob(listen, () => crypto.randomUUID());
  return { send: (req) => void Promise.resolve().then(() => job.handle(req)), close: () => undefined };
}

export function openCsvImport(opts: { worker?: boolean } = {}): CsvImportSession {
  let nextId = 1;
  const waiting = new Map<number, Listener>();
  const failAll = (message: string) => {
    for (const l of waiting.values()) l({ id: -1, type: 'error', message });
  };
  const channel = openChannel((m) => {
    if (m.id === -1 && m.type === 'error') return failAll(m.message);
    waiting.get(m.id)?.(m);
  }, opts.worker ?? true);

  function request<T>(req: CsvJobRequest, transfer: Transferable[], onMessage: (m: CsvJobMessage, finish: (v: T) => void, fail: (e: Error) => void) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const finish = (v: T) => {
        waiting.delete(req.id);
        resolve(v);
      };
      const fail = (e: Error) => {
        waiting.delete(req.id);
        reject(e);
      };
      waiting.set(req.id, (m) => (m.type === 'error' ? fail(new Error(m.message)) : onMessage(m, finish, fail)));
      channel.send(req, transfer);
    });
  }

  return {
    parse(fileName, bytes, progress = () => undefined) {
      return request<CsvParseResult>({ id: nextId++, type: 'parse', fileName, bytes }, [bytes.buffer], (m, finish) => {
        if (m.type === 'progress') progress('parse', m.done, m.total);
        else if (m.type === 'parsed') finish(m.result);
      });
    },
    records(kind, mapping, base, now, progress = () => undefined) {
      const records: unknown[] = [];
      return request<CsvRecordsResult>({ id: nextId++, type: 'import', kind, mapping, base, now }, [], (m, finish) => {
        if (m.type === 'progress') progress('validate', m.done, m.total);
        else if (m.type === 'records') {
          for (const r of m.records) records.push(r);
        } else if (m.type === 'imported') finish(m.result.ok ? { ok: true, records } : m.result);
      });
    },
    close() {
      failAll('closed');
      waiting.clear();
      channel.close();
    },
  };
}
