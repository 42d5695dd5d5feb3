/**
 * Issue 18: the "Metode og gjennomføring" appendix from the audit trail — coders, agreement on
 * interviews two coders coded, review counts per kind (never values), context notes as counts,
 * dates and the export log.
 */
import { describe, expect, it } from 'vitest';
import { composeReport } from '../../shared/report';
import type { Block } from '../../shared/report/types';
import { exchangeStudy } from '../fixtures/exchange/study';

const AT = '2024-04-02T08:30:00.000Z';
const OK = { state: 'reviewed', record: { reviewer: 'coder-1', at: AT, counts: {} }, reason: null, hits: {} } as const;

function text(blocks: Block[]): string {
  return blocks.map((b) => (b.kind === 'table' ? [b.head, ...b.rows].map((r) => r.join(' | ')).join('\n') : 'text' in b ? b.text : '')).join('\n');
}

describe('the method and conduct appendix', () => {
  it('lists coders, agreement of the coder pair, review counts, context note counts and the export log', () => {
    const d = exchangeStudy();
    // coder-2 (who also coded s2) codes the same passage of iv-a as coder-1's first segment.
    const s1 = d.segments[0];
    if (!s1) throw new Error('fixture');
    d.segments.push({ ...s1, id: 's1-b', coderId: 'coder-2' });
    d.audit = [
      { id: 'a1', studyId: 'study-1', at: '2024-03-01T09:00:00.000Z', who: 'coder-1', action: 'anonymise.review', subject: 'YF-01', counts: { NAVN: 3, TLF: 1 }, note: '' },
      { id: 'a2', studyId: 'study-1', at: '2024-03-05T09:00:00.000Z', who: 'coder-2', action: 'anonymise.quote', subject: 'OT-02', counts: { NAVN: 1 }, note: '' },
      { id: 'a3', studyId: 'study-1', at: '2024-03-09T09:00:00.000Z', who: 'coder-2', action: 'export', subject: 'studie.qdpx', counts: {}, note: '' },
    ];
    d.memos = [{ id: 'm1', studyId: 'study-1', kind: 'context', target: { interviewId: 'iv-a' }, text: 'Rolig rom, ingen avbrudd.', tag: null, author: 'coder-2', createdAt: AT, updatedAt: AT, review: OK }];
    const r = composeReport(d, { title: 'T', date: '2024-05-01', sections: ['conduct'] });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const sec = r.doc.sections[0];
    expect(sec?.title).toBe('Metode og gjennomføring');
    const all = text(sec?.blocks ?? []);
    expect(all).toContain('Koder Én (K1) | 4 | 0');
    expect(all).toContain('Koder To (K2) | 2 | 1');
    expect(all).toContain('Koder Én (K1) og Koder To (K2): 1 parede utsagn');
    expect(all).toContain('NAVN | 4');
    expect(all).toContain('TLF | 1');
    expect(all).toContain('Kontekstnotater: 1 på 1 intervjuer.');
    expect(all).toContain('09.03.2024 | studie.qdpx | Koder To (K2)');
    expect(all).toContain('Første registrerte endring | 01.03.2024');
    expect(all).not.toContain('Rolig rom');
  });
});
