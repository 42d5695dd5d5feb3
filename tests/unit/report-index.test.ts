/**
 * The report builds the analysis index once (issue 13 point 4): every section that analyses the
 * study shares it. Before, compose.ts built it once per section (six times for a full report).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import * as filter from '../../shared/analysis/filter';
import { StudyData } from '../../shared/model';
import { composeReport, DEFAULT_SECTIONS } from '../../shared/report';

vi.mock('../../shared/analysis/filter', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../shared/analysis/filter')>();
  return { ...real, buildIndex: vi.fn(real.buildIndex) };
});

const ROOT = resolve(import.meta.dirname, '../..');
const demo = (): StudyData => StudyData.parse(JSON.parse(readFileSync(join(ROOT, 'fixtures/demo/demo-study.json'), 'utf8')));

describe('composeReport', () => {
  it('builds the analysis index once for every section', () => {
    const built = vi.mocked(filter.buildIndex);
    built.mockClear();
    const r = composeReport(demo(), { title: 'T', date: '2021-06-15', sections: [...DEFAULT_SECTIONS] });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.doc.sections.filter((s) => !s.empty).length).toBeGreaterThan(4);
    expect(built).toHaveBeenCalledTimes(1);
  });

  it('builds no index when no section analyses the study', () => {
    const built = vi.mocked(filter.buildIndex);
    built.mockClear();
    const r = composeReport(demo(), { title: 'T', date: '2021-06-15', sections: ['method'] });
    expect(r.ok).toBe(true);
    expect(built).not.toHaveBeenCalled();
  });
});
