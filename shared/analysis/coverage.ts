/**
 * Coverage of the interview guide (issue #18): an interview covers a guide item when it has a coded
 * segment in the item's stage × situation (and, when the item names codes, one of them), unless the
 * interviewer's tick says otherwise (a tick wins either way). Per partner site, the share of its
 * interviews covering each item; 0 is a gap. Pure.
 */
import type { GuideItem, GuideTick, Interview, Segment } from '../model';

export type CoverageSource = 'coded' | 'ticked' | 'unticked' | 'none';

export interface InterviewCoverage {
  interviewId: string;
  items: { itemId: string; covered: boolean; source: CoverageSource }[];
}

function codedCovers(item: GuideItem, segs: readonly Segment[]): boolean {
  return segs.some(
    (s) =>
      (item.stageId === null || s.stageId === item.stageId) &&
      (item.situationId === null || s.situationId === item.situationId) &&
      (item.codeIds.length === 0 || s.codeIds.some((c) => item.codeIds.includes(c))),
  );
}

export function interviewCoverage(guide: readonly GuideItem[], interviews: readonly Interview[], segments: readonly Segment[], ticks: readonly GuideTick[] = []): InterviewCoverage[] {
  const byIv = new Map<string, Segment[]>();
  for (const s of segments) byIv.set(s.interviewId, [...(byIv.get(s.interviewId) ?? []), s]);
  const tick = new Map(ticks.map((t) => [`${t.interviewId}:${t.itemId}`, t.covered]));
  const items = [...guide].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  return interviews.map((iv) => ({
    interviewId: iv.id,
    items: items.map((it) => {
      const t = tick.get(`${iv.id}:${it.id}`);
      if (t !== undefined) return { itemId: it.id, covered: t, source: t ? 'ticked' : 'unticked' };
      const coded = codedCovers(it, byIv.get(iv.id) ?? []);
      return { itemId: it.id, covered: coded, source: coded ? 'coded' : 'none' };
    }),
  }));
}

export interface SiteCoverageRow {
  site: string;
  interviews: number;
  /** Per guide item (in guide order): interviews of this site covering it. 0 = a gap. */
  covered: number[];
  gaps: number;
}

/** The grid per partner site (interview `site`, '' for none): covered counts and gaps per item. */
export function siteCoverage(guide: readonly GuideItem[], interviews: readonly Interview[], segments: readonly Segment[], ticks: readonly GuideTick[] = []): SiteCoverageRow[] {
  const per = interviewCoverage(guide, interviews, segments, ticks);
  const siteOf = new Map(interviews.map((iv) => [iv.id, iv.site.trim()]));
  const rows = new Map<string, SiteCoverageRow>();
  for (const c of per) {
    const site = siteOf.get(c.interviewId) ?? '';
    const row = rows.get(site) ?? { site, interviews: 0, covered: c.items.map(() => 0), gaps: 0 };
    row.interviews++;
    c.items.forEach((it, i) => {
      if (it.covered) row.covered[i] = (row.covered[i] ?? 0) + 1;
    });
    rows.set(site, row);
  }
  for (const r of rows.values()) r.gaps = r.covered.filter((n) => n === 0).length;
  return [...rows.values()].sort((a, b) => a.site.localeCompare(b.site, 'nb'));
}
