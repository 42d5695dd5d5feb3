import { useLiveQuery } from 'dexie-react-hooks';
import { appDb } from '../../db';

/** Coded segments per interview, for the delete confirmation ("… and 12 coded segments"). */
export function useSegmentCounts(studyId: string): Map<string, number> | undefined {
  return useLiveQuery(async () => {
    const counts = new Map<string, number>();
    await appDb()
      .segments.where('studyId')
      .equals(studyId)
      .each((s) => counts.set(s.interviewId, (counts.get(s.interviewId) ?? 0) + 1));
    return counts;
  }, [studyId]);
}
