// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { deleteInterview, replaceStudyData, saveSegment } from '../../renderer/db';
import { useInterviews, useStudies, useStudy, useStudyData } from '../../renderer/db/hooks';
import { freshDbs, sortedStudy, syntheticStudy } from './db-fixtures';

const newDb = freshDbs();

describe('live hooks', () => {
  it('useStudies follows writes', async () => {
    const db = newDb();
    const { result } = renderHook(() => useStudies(db));
    await waitFor(() => expect(result.current).toEqual([]));
    await act(async () => {
      await replaceStudyData(db, syntheticStudy({ studyId: 'a', interviews: 2, segmentsPerInterview: 3 }));
    });
    await waitFor(() => expect(result.current?.map((s) => [s.id, s.counts.segments])).toEqual([['a', 6]]));
  });

  it('useStudy gives null for an unknown id and the study once it exists', async () => {
    const db = newDb();
    const { result, rerender } = renderHook(({ id }) => useStudy(id, db), { initialProps: { id: 'a' } });
    await waitFor(() => expect(result.current).toBeNull());
    const data = syntheticStudy({ studyId: 'a' });
    await act(async () => {
      await replaceStudyData(db, data);
    });
    await waitFor(() => expect(result.current).toEqual(data.study));
    rerender({ id: 'missing' });
    await waitFor(() => expect(result.current).toBeNull());
  });

  it('useInterviews orders by code, numerically (YF-2 before YF-10)', async () => {
    const db = newDb();
    const data = syntheticStudy({ studyId: 'a', interviews: 3 });
    const codes = ['YF-10', 'YF-2', 'GS-01'];
    const interviews = data.interviews.map((iv, i) => ({ ...iv, code: codes[i] ?? iv.code }));
    await replaceStudyData(db, { ...data, interviews });
    const { result } = renderHook(() => useInterviews('a', db));
    await waitFor(() => expect(result.current?.map((iv) => iv.code)).toEqual(['GS-01', 'YF-2', 'YF-10']));
  });

  it('useStudyData loads the whole study and follows segment edits and deletions', async () => {
    const db = newDb();
    const data = syntheticStudy({ studyId: 'a', interviews: 3, segmentsPerInterview: 2 });
    await replaceStudyData(db, data);
    const { result } = renderHook(() => useStudyData('a', db));
    await waitFor(() => expect(result.current).toEqual(sortedStudy(data)));
    const seg = data.segments[0];
    if (!seg) throw new Error('fixture');
    await act(async () => {
      await saveSegment(db, { ...seg, note: 'ny merknad' });
    });
    await waitFor(() => expect(result.current?.segments.find((s) => s.id === seg.id)?.note).toBe('ny merknad'));
    await act(async () => {
      await deleteInterview(db, seg.interviewId);
    });
    await waitFor(() => expect(result.current?.interviews).toHaveLength(2));
    expect(result.current?.segments).toHaveLength(4);
  });
});
