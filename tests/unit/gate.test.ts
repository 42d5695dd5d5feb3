import { describe, expect, it } from 'vitest';
import { INTERVIEW_STATUSES, type InterviewStatus } from '../../shared/model';
import { canCode, canExport, exportableTranscripts, gateState } from '../../shared/model/gate';

const iv = (id: string, status: InterviewStatus) => ({ id, code: `YF-${id}`, status });

describe('coding gate', () => {
  it('opens only for statuses reached through a completed review', () => {
    const open = INTERVIEW_STATUSES.filter((status) => canCode({ status }));
    expect(open).toEqual(['anonymised', 'coded', 'reviewed']);
    for (const status of INTERVIEW_STATUSES) expect(canExport({ status }), status).toBe(canCode({ status }));
    for (const status of ['planned', 'conducted', 'transcribed'] as const) {
      expect(canCode({ status }), status).toBe(false);
      expect(canExport({ status }), status).toBe(false);
    }
  });

  it('tells the transcript screen what to show', () => {
    expect(gateState({ status: 'transcribed' }, null)).toBe('no-transcript');
    expect(gateState({ status: 'anonymised' }, undefined)).toBe('no-transcript');
    expect(gateState({ status: 'transcribed' }, { text: 'x' })).toBe('needs-review');
    expect(gateState({ status: 'coded' }, { text: 'x' })).toBe('open');
  });

  it('export helpers refuse non-anonymised and orphan transcripts, naming the interview', () => {
    const interviews = [iv('1', 'anonymised'), iv('2', 'transcribed'), iv('3', 'reviewed')];
    const all = [{ interviewId: '1' }, { interviewId: '2' }, { interviewId: '3' }, { interviewId: '9' }];
    const refused = exportableTranscripts(interviews, all);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.issues.map((i) => i.interviewId)).toEqual(['2', '9']);
      expect(refused.issues[0]?.message).toContain('YF-2');
    }
    const allowed = exportableTranscripts(interviews, [all[0]!, all[2]!]);
    expect(allowed).toEqual({ ok: true, transcripts: [{ interviewId: '1' }, { interviewId: '3' }] });
  });
});
