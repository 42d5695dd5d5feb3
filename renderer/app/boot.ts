import { useEffect, useState } from 'react';
import { db, ensureDemoStudy, requestPersistentStorage } from '../db';
import demoJson from '../../fixtures/demo/demo-study.json';

export type BootState = { state: 'loading' } | { state: 'ready'; demoStudyId: string } | { state: 'error'; message: string };

let bootPromise: Promise<BootState> | null = null;

/** First run: ask for persistent storage and seed the embedded demo study (once). */
export function boot(): Promise<BootState> {
  bootPromise ??= (async (): Promise<BootState> => {
    try {
      void requestPersistentStorage();
      const r = await ensureDemoStudy(db, demoJson);
      if (!r.ok) return { state: 'error', message: 'issues' in r ? r.issues.map((i) => `${i.path}: ${i.message}`).join('; ') : r.message };
      return { state: 'ready', demoStudyId: r.value.studyId };
    } catch (e) {
      return { state: 'error', message: e instanceof Error ? e.message : String(e) };
    }
  })();
  return bootPromise;
}

export function useBoot(): BootState {
  const [s, setS] = useState<BootState>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    void boot().then((r) => live && setS(r));
    return () => {
      live = false;
    };
  }, []);
  return s;
}
