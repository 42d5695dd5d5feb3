/**
 * Journey insights in the study database (table `insights`, schema version 7). Every save scans
 * the typed text (shared/model/typed-text.ts) with the study's term list: clean text is reviewed
 * by its author, text with hits waits in `needs-review` (counts per kind only) and stays in the app
 * until the author edits it or confirms each hit.
 */
import type { z } from 'zod';
import { Insight } from '../../shared/model';
import { scanTypedText, typedTextReview } from '../../shared/model/typed-text';
import type { ReisekartDb } from './database';
import { appDb } from './database';
import { useKeyedLiveQuery } from './hooks';
import { guarded, parseRecord, WriteAbort, type WriteResult } from './results';

export type InsightDraft = Omit<z.input<typeof Insight>, 'review' | 'createdAt' | 'updatedAt' | 'id'> & { id?: string; createdAt?: string };

export interface SaveInsightOptions {
  /** Values the author confirmed are not identifiers (as typed). */
  confirmed?: readonly string[];
}

/** The study's term list as the scanner takes it. */
async function termsOf(db: ReisekartDb, studyId: string): Promise<{ term: string; kind: string }[]> {
  return (await db.terms.where('studyId').equals(studyId).toArray()).map((t) => ({ term: t.term, kind: t.kind }));
}

/** Open hits of a text about to be saved (values stay on this screen, never stored). */
export async function scanInsightText(db: ReisekartDb, studyId: string, text: string, confirmed: readonly string[] = []): Promise<{ text: string; kind: string }[]> {
  return scanTypedText(text, { terms: await termsOf(db, studyId), confirmed }).hits.map((h) => ({ text: h.text, kind: h.kind }));
}

/** Create or update an insight; its text is scanned as it is saved. */
export async function saveInsight(db: ReisekartDb, draft: InsightDraft, author: string, opts: SaveInsightOptions = {}): Promise<WriteResult<Insight>> {
  const now = db.env.now();
  const terms = await termsOf(db, draft.studyId);
  const text = typeof draft.text === 'string' ? draft.text.trim() : '';
  const review = typedTextReview(text, author, now, { terms, confirmed: opts.confirmed ?? [] });
  const parsed = parseRecord(Insight, { ...draft, id: draft.id ?? db.env.newId(), text, review, createdBy: draft.createdBy ?? author, createdAt: draft.createdAt ?? now, updatedAt: now });
  if (!parsed.ok) return parsed;
  const record = parsed.value;
  return guarded(() =>
    db.transaction('rw', [db.studies, db.insights], async () => {
      if (!(await db.studies.get(record.studyId))) throw new WriteAbort({ ok: false, reason: 'not-found', message: `study ${record.studyId} not found` });
      await db.insights.put(record);
      await db.studies.update(record.studyId, { updatedAt: now });
      return record;
    }),
  );
}

export async function deleteInsight(db: ReisekartDb, id: string): Promise<WriteResult> {
  return guarded(() =>
    db.transaction('rw', [db.studies, db.insights], async () => {
      const existing = await db.insights.get(id);
      if (!existing) throw new WriteAbort({ ok: false, reason: 'not-found', message: `insight ${id} not found` });
      await db.insights.delete(id);
      await db.studies.update(existing.studyId, { updatedAt: db.env.now() });
      return undefined;
    }),
  );
}

export async function listInsights(db: ReisekartDb, studyId: string): Promise<Insight[]> {
  const rows = await db.insights.where('studyId').equals(studyId).toArray();
  return rows.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
}

/** The study's insights, oldest first; undefined while loading. */
export function useInsights(studyId: string, db: ReisekartDb = appDb()): Insight[] | undefined {
  return useKeyedLiveQuery(studyId, () => listInsights(db, studyId), [db]);
}
