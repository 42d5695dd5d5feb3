import { useCallback, useEffect, useRef, useState } from 'react';
import type { StudyData } from '../../../shared/model';
import type { BuildResult, ReportOptions } from '../../../shared/report';
import type { BuildRequest, WorkerMessage } from './protocol';

export type BuildOutcome = BuildResult | { ok: false; issues: [{ kind: 'render'; message: string }] };

/**
 * One worker per screen, created on first use and ended when the screen goes away. `progress`
 * is null when idle, 0…1 while building.
 */
export function useReportWorker(): { build: (data: StudyData, options: ReportOptions) => Promise<BuildOutcome>; progress: number | null } {
  const worker = useRef<Worker | null>(null);
  const pending = useRef(new Map<number, (r: BuildOutcome) => void>());
  const nextId = useRef(1);
  const [progress, setProgress] = useState<number | null>(null);

  useEffect(
    () => () => {
      worker.current?.terminate();
      worker.current = null;
    },
    [],
  );

  const build = useCallback((data: StudyData, options: ReportOptions): Promise<BuildOutcome> => {
    if (!worker.current) {
      const w = new Worker(new URL('./report.worker.ts', import.meta.url), { type: 'module' });
      w.addEventListener('message', (e: MessageEvent<WorkerMessage>) => {
        const m = e.data;
        if (m.type === 'progress') {
          setProgress(m.p);
          return;
        }
        const resolve = pending.current.get(m.id);
        pending.current.delete(m.id);
        setProgress(null);
        resolve?.(m.type === 'done' ? m.result : { ok: false, issues: [{ kind: 'render', message: m.message }] });
      });
      w.addEventListener('error', (e) => {
        for (const resolve of pending.current.values()) resolve({ ok: false, issues: [{ kind: 'render', message: e.message || 'worker failed' }] });
        pending.current.clear();
        setProgress(null);
        w.terminate();
        worker.current = null;
      });
      worker.current = w;
    }
    const id = nextId.current++;
    setProgress(0);
    return new Promise<BuildOutcome>((resolve) => {
      pending.current.set(id, resolve);
      const req: BuildRequest = { id, data, options };
      worker.current?.postMessage(req);
    });
  }, []);

  return { build, progress };
}
