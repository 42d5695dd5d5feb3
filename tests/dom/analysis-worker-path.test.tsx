// @vitest-environment jsdom
/**
 * The journey screen's worker path without a real worker: the analysis client against a fake
 * Worker that runs the same job (analysisJob.answer) asynchronously, and JourneyBody fed by an
 * asynchronous source. Expected numbers come from shared/analysis directly.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { buildIndex, emotionCurve, filterSegments, journeyMatrix, type StudyIndex } from '../../shared/analysis';
import { initI18n } from '../../renderer/app/i18n';
import { JourneyBody } from '../../renderer/features/journey/JourneyScreen';
import { localSource, type AnalysisSource } from '../../renderer/features/journey/analysisCache';
import { answer, type AnalysisMessage, type AnalysisReply } from '../../renderer/workers/analysisJob';
import { buildDemoStudy } from '../../fixtures/demo/demo';

const demo = buildDemoStudy();
const index = buildIndex(demo);
const smallCell = demo.study.smallCellThreshold;

/** A Worker stand-in: answers `ask` on a later macrotask from `index`, honouring `cancel` like analysis.worker.ts. */
class FakeWorker {
  static computed = 0;
  static messages: AnalysisMessage[] = [];
  onmessage: ((e: MessageEvent<AnalysisReply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  private cancelled = new Set<number>();
  postMessage(m: AnalysisMessage): void {
    FakeWorker.messages.push(m);
    if (m.type === 'cancel') this.cancelled.add(m.id);
    if (m.type !== 'ask') return;
    setTimeout(() => {
      if (this.cancelled.delete(m.id)) return this.onmessage?.({ data: { id: m.id, ok: true, answer: null } } as MessageEvent<AnalysisReply>);
      FakeWorker.computed++;
      this.onmessage?.({ data: { id: m.id, ok: true, answer: answer(index, m.request) } } as MessageEvent<AnalysisReply>);
    }, 0);
  }
  terminate(): void {}
}

beforeAll(() => {
  initI18n('nb');
  vi.stubGlobal('Worker', FakeWorker);
});
afterAll(() => vi.unstubAllGlobals());
afterEach(cleanup);

describe('analysis client (request ids, superseded requests)', () => {
  it('answers with the same numbers as shared/analysis, and a newer request on a channel cancels the older', async () => {
    const { askAnalysis, analysisWorkerAvailable } = await import('../../renderer/workers/analysisClient');
    expect(analysisWorkerAvailable()).toBe(true);
    const g = demo.study.groups[0]!.id;
    FakeWorker.computed = 0;
    const first = askAnalysis(demo.study.id, { type: 'journey', filter: { kind: 'experience' }, smallCell });
    const second = askAnalysis(demo.study.id, { type: 'journey', filter: { kind: 'experience', groupIds: [g] }, smallCell });
    const other = askAnalysis(demo.study.id, { type: 'cell', filter: { kind: 'experience', stageIds: [demo.study.stages[0]!.id] }, limit: 3 });
    expect(await first).toBeNull();
    const got = await second;
    expect(got?.matrix).toEqual(journeyMatrix(index, { kind: 'experience', groupIds: [g] }, { smallCell }));
    expect(got?.curve).toEqual(emotionCurve(index, { kind: 'experience', groupIds: [g] }, { smallCell }));
    const cell = await other;
    const all = filterSegments(index, { kind: 'experience', stageIds: [demo.study.stages[0]!.id] });
    expect(cell?.total).toBe(all.length);
    expect(cell?.segments.map((s) => s.id)).toEqual(all.slice(0, 3).map((s) => s.id));
    // The superseded request was never computed.
    expect(FakeWorker.computed).toBe(2);
  });
});

describe('analysis client: writes make the worker copy stale', () => {
  it('a write to segments drops the copy and tells listeners; a write elsewhere does not', async () => {
    const { analysisWorkerAvailable, onAnalysisDataChanged } = await import('../../renderer/workers/analysisClient');
    const { default: Dexie } = await import('dexie');
    expect(analysisWorkerAvailable()).toBe(true);
    let told = 0;
    const off = onAnalysisDataChanged(() => told++);
    FakeWorker.messages = [];
    Dexie.on('storagemutated').fire({ 'idb://reisekart/meta/': {} as never });
    expect(told).toBe(0);
    expect(FakeWorker.messages).toEqual([]);
    Dexie.on('storagemutated').fire({ 'idb://reisekart/segments/': {} as never });
    expect(told).toBe(1);
    expect(FakeWorker.messages).toEqual([{ type: 'studyChanged', studyId: null }]);
    off();
    Dexie.on('storagemutated').fire({ 'idb://reisekart/codes/studyId': {} as never });
    expect(told).toBe(1);
  });
});

describe('journey screen fed asynchronously (the worker path)', () => {
  it('shows loading, then the map; a filter change redraws with the new numbers', async () => {
    const local = localSource(index as StudyIndex);
    const asks: string[] = [];
    const source: AnalysisSource = {
      ask: (request, channel) => {
        asks.push(channel);
        return new Promise((r) => setTimeout(() => r(local.now!(request)), 5));
      },
    };
    // A light index (no segments) for labels, as the worker path gives the screen.
    const light = buildIndex({ ...demo, segments: [] });
    render(<JourneyBody index={light} source={source} />);
    expect(screen.queryByTestId('journey-map')).toBeNull();
    const all = journeyMatrix(index, { kind: 'experience' }, { smallCell });
    expect((await screen.findByTestId('journey-total')).textContent).toContain(`${all.total.segments} utsagn`);
    const group = demo.study.groups[0]!;
    fireEvent.change(screen.getByTestId('filter-group'), { target: { value: group.id } });
    const one = journeyMatrix(index, { kind: 'experience', groupIds: [group.id] }, { smallCell });
    await vi.waitFor(() => expect(screen.getByTestId('journey-total').textContent).toContain(`${one.total.segments} utsagn`));
    expect(one.total.segments).toBeLessThan(all.total.segments);
    // The map asks on its own channel; the insights and actor lanes beside it ask on theirs (nothing else).
    expect(asks).toContain('journey');
    expect([...new Set(asks)].sort()).toEqual(['actors', 'insights', 'journey']);
  });
});
