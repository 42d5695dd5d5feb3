/**
 * "Metode og gjennomføring" (issue #18): the PDF appendix generated from the study's audit trail —
 * coders (segments and memos per coder), inter-coder agreement on the interviews two coders
 * coded, text review counts per kind (never values), context notes as counts only, dates, and the
 * export log. Pure.
 */
import { agreementReport } from '../analysis/agreement';
import type { StudyData } from '../model';
import type { ReportLocale } from './format';
import { reportLabels, tpl } from './labels';
import type { Block, ReportSection } from './types';

const REVIEW_ACTIONS = new Set(['anonymise.review', 'anonymise.edit', 'anonymise.quote']);

function day(iso: string, locale: ReportLocale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return locale === 'en' ? `${m[1]}-${m[2]}-${m[3]}` : `${m[3]}.${m[2]}.${m[1]}`;
}

const pct = (x: number, locale: ReportLocale) => `${(x * 100).toFixed(0)} %`.replace('.', locale === 'en' ? '.' : ',');
const num = (x: number, locale: ReportLocale) => x.toFixed(2).replace('.', locale === 'en' ? '.' : ',');

export function conductSection(data: StudyData, locale: ReportLocale): ReportSection {
  const L = reportLabels(locale).conduct;
  const coders = data.study.coders;
  const name = (id: string) => {
    const c = coders.find((x) => x.id === id);
    return c ? `${c.name} (${c.initials})` : id || '–';
  };
  const blocks: Block[] = [{ kind: 'paragraph', text: L.intro, style: 'lead' }];

  // Coders: segments and memos each.
  const segBy = new Map<string, number>();
  for (const s of data.segments) segBy.set(s.coderId, (segBy.get(s.coderId) ?? 0) + 1);
  const memoBy = new Map<string, number>();
  for (const m of data.memos ?? []) memoBy.set(m.author, (memoBy.get(m.author) ?? 0) + 1);
  const coderIds = [...new Set([...coders.map((c) => c.id), ...segBy.keys()])];
  blocks.push({ kind: 'subheading', text: L.coders });
  blocks.push({ kind: 'table', head: [L.coder, L.segments, L.memos], rows: coderIds.map((id) => [name(id), String(segBy.get(id) ?? 0), String(memoBy.get(id) ?? 0)]), align: ['left', 'right', 'right'] });

  // Agreement: the first two coders with segments on the same interviews.
  blocks.push({ kind: 'subheading', text: L.agreement });
  const byIv = new Map<string, Set<string>>();
  for (const s of data.segments) byIv.set(s.interviewId, (byIv.get(s.interviewId) ?? new Set()).add(s.coderId));
  let pair: [string, string] | null = null;
  for (const set of byIv.values()) if (set.size >= 2) {
    pair = [...set].sort().slice(0, 2) as [string, string];
    break;
  }
  if (pair) {
    const [a, b] = pair;
    const shared = new Set([...byIv].filter(([, set]) => set.has(a) && set.has(b)).map(([iv]) => iv));
    const rep = agreementReport(
      data.segments.filter((s) => s.coderId === a && shared.has(s.interviewId)),
      data.segments.filter((s) => s.coderId === b && shared.has(s.interviewId)),
      [],
    );
    blocks.push({ kind: 'paragraph', text: tpl(L.pair, { a: name(a), b: name(b), pairs: rep.pairs }) });
    const dims = rep.dimensions.filter((d) => d.dimension === 'stage' || d.dimension === 'situation' || d.dimension === 'valence');
    blocks.push({
      kind: 'table',
      head: [L.dimension, L.percent, L.kappa],
      rows: dims.map((d) => [L.dims[d.dimension as 'stage' | 'situation' | 'valence'], d.percent.p === null ? '–' : pct(d.percent.p, locale), d.kappa && d.kappa.kappa !== null ? num(d.kappa.kappa, locale) : '–']),
      align: ['left', 'right', 'right'],
    });
  } else blocks.push({ kind: 'paragraph', text: L.agreementNone, style: 'note' });

  // Review decisions: counts per kind over every review entry.
  blocks.push({ kind: 'subheading', text: L.review });
  const kinds = new Map<string, number>();
  let reviews = 0;
  for (const e of data.audit) {
    if (!REVIEW_ACTIONS.has(e.action)) continue;
    reviews++;
    for (const [k, v] of Object.entries(e.counts)) kinds.set(k, (kinds.get(k) ?? 0) + v);
  }
  if (reviews > 0) blocks.push({ kind: 'table', head: [L.kind, L.count], rows: [...kinds].sort((x, y) => x[0].localeCompare(y[0])).map(([k, v]) => [k, String(v)]), align: ['left', 'right'] });
  else blocks.push({ kind: 'paragraph', text: L.reviewNone, style: 'note' });
  const context = (data.memos ?? []).filter((m) => m.kind === 'context');
  blocks.push({ kind: 'paragraph', text: tpl(L.context, { notes: context.length, interviews: new Set(context.map((m) => m.target.interviewId)).size }) });

  // Dates.
  const ivDates = data.interviews.map((iv) => iv.date).filter((d): d is string => d !== null).sort();
  const at = data.audit.map((e) => e.at).sort();
  blocks.push({
    kind: 'table',
    head: [L.dates, ''],
    rows: [
      [L.firstInterview, ivDates[0] ? day(ivDates[0], locale) : '–'],
      [L.lastInterview, ivDates.at(-1) ? day(ivDates.at(-1) as string, locale) : '–'],
      [L.firstEntry, at[0] ? day(at[0], locale) : '–'],
      [L.lastEntry, at.at(-1) ? day(at.at(-1) as string, locale) : '–'],
    ],
    align: ['left', 'right'],
  });

  // Export log.
  blocks.push({ kind: 'subheading', text: L.exports });
  const exports = data.audit.filter((e) => e.action === 'export' || e.action === 'report.export-override').sort((x, y) => (x.at < y.at ? -1 : 1));
  if (exports.length) blocks.push({ kind: 'table', head: [L.when, L.file, L.who], rows: exports.map((e) => [day(e.at, locale), e.subject, name(e.who)]), align: ['left', 'left', 'left'] });
  else blocks.push({ kind: 'paragraph', text: L.exportsNone, style: 'note' });

  return { id: 'conduct', title: L.title, page: { format: 'a4', orientation: 'portrait' }, blocks, empty: false };
}
