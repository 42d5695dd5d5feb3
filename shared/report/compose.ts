/**
 * StudyData + options → the report's document model (sections of blocks). Pure. Every number
 * comes from shared/analysis and every chart from shared/charts: this file only chooses, words and
 * suppresses. Counts come before percentages; intervals are Wilson; small cells say "<k" or "skjult".
 */
import { RATED_CATEGORIES, benchmarkComparison, combinedRowLabel, counsellorBreakdown, studyAssessments, vg2GroupIds, type BreakdownRow, type RatedCategory } from '../analysis/counsellor';
import { buildIndex, type AnalysisFilter, type StudyIndex } from '../analysis/filter';
import { breakdownRowHidden as rowHasHidden, gridTable, suppressBreakdown, suppressTable, type SdcCell, type SdcResult, type SdcSum } from '../analysis/suppress';
import { codeFrequencies, codeTreeOrder, emotionCurve, journeyMatrix, personaKim, presentJourney } from '../analysis/journey';
import { suppressCodeFrequencies, suppressJourney, suppressPersona } from '../analysis/sharing';
import { cellEvidence } from '../analysis/evidence';
import { sharingInsights } from '../analysis/insights';
import { chartStringsFor, type ChartStrings } from '../charts/strings';
import { codeFrequencyLayout } from '../charts/codeFrequency';
import { emotionCurveLayout } from '../charts/emotionCurve';
import { journeyMapLayout } from '../charts/journeyMap';
import { satisfactionBarsLayout } from '../charts/satisfactionBars';
import { storyboardLayout } from '../charts/storyboard';
import { DEFAULT_VALENCE_LABELS } from '../model/defaults';
import { outboundView } from '../exchange/outbound';
import { GENERALISATION_IDS, type GeneralisationId } from '../risk/generalise';
import { chosenGeneralisations } from '../risk/study';
import { methodTable } from '../model/method';
import type { Interview, InterviewMode, StudyData } from '../model/schema';
import { fmtCount, fmtDate, fmtDecimal, fmtRange, type ReportLocale } from './format';
import { contentBox, PORTRAIT_A4, SECTION_TITLE_H } from './geometry';
import { countText, reportLabels, tpl, type ReportLabels } from './labels';
import { conductSection } from './conduct';
import { SECTION_IDS, type Block, type PageSpec, type ReportDoc, type ReportIssue, type ReportOptions, type ReportSection, type SectionId } from './types';

/** What every section builder gets: the filtered study, once. */
interface Ctx {
  data: StudyData;
  /** The study with stages and groups cut to the selection, for every analysis. */
  view: StudyData;
  /** The analysis index of `view`, built on first use and then shared by every section (once per report). */
  index: () => StudyIndex;
  filter: AnalysisFilter;
  interviews: Interview[];
  opts: ReportOptions;
  L: ReportLabels;
  locale: ReportLocale;
  chart: ChartStrings;
  k: number;
  /** Merge conflicts still pending (counts only). */
  unresolved: number;
  stageFiltered: boolean;
  /** Quotes the gate held back (not reviewed): the quotes section says how many. */
  heldBack: number;
  /** Quotes left out by a risk decision (shared/risk/apply.ts). */
  riskHeld: number;
  /** The study's chosen generalisations (risk decisions), applied by the sharing view. */
  generalisations: readonly GeneralisationId[];
  /** The study's segments before the gate (review states intact), for the insights' evidence. */
  rawSegments: StudyData['segments'];
}

export type ComposeResult = { ok: true; doc: ReportDoc } | { ok: false; issues: ReportIssue[] };

/** "<5" for 1…k−1, the number otherwise (0 is shown: nobody is not a person). */
/** "<5" for 1…k−1, the number otherwise: for counts that no published sum contains (informants per stage overlap). */
function small(n: number, ctx: Ctx): string {
  return n > 0 && n < ctx.k ? tpl(ctx.L.fewer, { k: ctx.k }) : fmtCount(n, ctx.locale);
}

/**
 * A count as a sharing output prints it after suppression (shared/analysis/suppress): "<k" for a
 * primary cell (1…k−1), "skjult" for a cell hidden so that no sum gives a small one back, the count
 * otherwise (a true 0 is shown).
 */
function shownCount(id: string, n: number, sdc: SdcResult, ctx: Ctx): string {
  if (sdc.fewer.has(id)) return tpl(ctx.L.fewer, { k: ctx.k });
  if (sdc.hidden.has(id)) return ctx.L.hidden;
  return fmtCount(n, ctx.locale);
}

function noData(ctx: Ctx): Block {
  return { kind: 'no-data', text: ctx.L.noData };
}

function section(id: SectionId, ctx: Ctx, page: PageSpec, blocks: Block[], empty: boolean): ReportSection {
  return { id, title: ctx.L.sections[id], page, blocks: empty ? [noData(ctx)] : blocks, empty };
}

/**
 * Charts are laid out wider than the page and drawn scaled down (text 10 px → 8 pt): the layouts'
 * labels are sized for a screen, and at the page's 495 pt the stage labels of the emotion curve
 * and the code chips of the journey map would collide or be cut.
 */
const PRINT_SCALE = 0.8;

function chartWidth(page: PageSpec): number {
  return contentBox(page).w / PRINT_SCALE;
}

// ---- method --------------------------------------------------------------------------------

function periodText(interviews: readonly Interview[], ctx: Ctx): string {
  const dates = interviews.map((iv) => iv.date).filter((d): d is string => d !== null).sort();
  const from = dates[0];
  const to = dates[dates.length - 1];
  if (!from || !to) return ctx.L.method.noDates;
  // Month generalised to term (a risk decision): the period is said in terms, never in dates.
  if (ctx.generalisations.includes('month-term')) {
    const term = (d: string): string => tpl(Number(d.slice(5, 7)) <= 6 ? ctx.L.method.spring : ctx.L.method.autumn, { year: d.slice(0, 4) });
    const terms = [...new Set([term(from), term(to)])];
    return tpl(ctx.L.method.termPeriod, { terms: terms.join('–') });
  }
  if (from === to) return tpl(ctx.L.method.onePeriod, { date: fmtDate(from) });
  return tpl(ctx.L.method.period, { from: fmtDate(from), to: fmtDate(to) });
}

const MODES: readonly InterviewMode[] = ['digital', 'in-person', 'drawing-workshop'];

function methodSection(ctx: Ctx): ReportSection {
  const M = ctx.L.method;
  const ivs = ctx.interviews;
  if (ivs.length === 0) return section('method', ctx, PORTRAIT_A4, [], true);
  const table = methodTable(ctx.view.study.groups, ivs);
  const modes = MODES.map((m) => {
    const list = ivs.filter((iv) => iv.mode === m);
    return { mode: m, interviews: list.length, informants: list.reduce((a, iv) => a + iv.participants.length, 0) };
  }).filter((r) => r.interviews > 0);
  // One table model for everything this section prints: groups × format with totals, and the
  // informants per mode, which add up to the same grand total (printed in the intro too).
  const grid = gridTable({ rows: table.rows.map((r) => [r.individual, r.group]) });
  const modeCells: SdcCell[] = modes.map((r, i) => ({ id: `mode${i}`, value: r.informants }));
  const modeSum: SdcSum = { total: 't', parts: modeCells.map((c) => c.id) };
  const sdc = suppressTable({ cells: [...grid.cells, ...modeCells], sums: [...grid.sums, modeSum] }, ctx.k);
  const show = (id: string, n: number): string => shownCount(id, n, sdc, ctx);
  const blocks: Block[] = [
    { kind: 'paragraph', text: tpl(M.intro, { informants: countText(ctx.L, 'informants', sdc.hidden.has('t') ? ctx.k : table.total.total, show('t', table.total.total)), interviews: countText(ctx.L, 'interviews', ivs.length, fmtCount(ivs.length, ctx.locale)), period: periodText(ivs, ctx) }) },
    {
      kind: 'table',
      head: [M.group, M.individual, M.inGroup, M.total],
      rows: table.rows.map((r, i) => [r.label, show(`r${i}c0`, r.individual), show(`r${i}c1`, r.group), show(`r${i}t`, r.total)]),
      foot: [[M.total, show('c0t', table.total.individual), show('c1t', table.total.group), show('t', table.total.total)]],
      align: ['left', 'right', 'right', 'right'],
      caption: M.caption,
    },
    { kind: 'subheading', text: M.modesTitle },
    {
      kind: 'table',
      head: [M.mode, M.interviews, M.informants],
      rows: modes.map((r, i) => [M.modes[r.mode], fmtCount(r.interviews, ctx.locale), show(`mode${i}`, r.informants)]),
      align: ['left', 'right', 'right'],
    },
    { kind: 'paragraph', style: 'note', text: tpl(ctx.L.smallCellNote, { k: ctx.k }) },
  ];
  // Mode hidden by a risk decision: the modes table is not printed.
  if (ctx.generalisations.includes('mode-hide')) blocks.splice(2, 2);
  const gens = GENERALISATION_IDS.filter((g) => ctx.generalisations.includes(g));
  if (gens.length > 0) blocks.push({ kind: 'paragraph', style: 'note', text: tpl(M.generalised, { what: gens.map((g) => M.generalisations[g]).join('; ') }) });
  // Merge conflicts not yet resolved: the numbers count this copy's version only, and say so.
  const unresolved = ctx.unresolved;
  if (unresolved > 0) blocks.push({ kind: 'paragraph', style: 'note', text: tpl(unresolved === 1 ? M.unresolved_one : M.unresolved_other, { count: fmtCount(unresolved, ctx.locale) }) });
  return section('method', ctx, PORTRAIT_A4, blocks, false);
}

// ---- journey map ---------------------------------------------------------------------------

function journeySection(ctx: Ctx): ReportSection {
  const page: PageSpec = { format: ctx.opts.journeyPage ?? 'a4', orientation: 'landscape' };
  const index = ctx.index();
  // A3 has room for more code chips per cell.
  // The as-is journey, like the screen's default: experiences as they were (wishes have their own place in Kim's storyboard).
  const m = journeyMatrix(index, { ...ctx.filter, kind: 'experience' }, { smallCell: ctx.k, topCodes: page.format === 'a3' ? 5 : 3, quotes: 0 });
  if (m.filtered === 0) return section('journey', ctx, page, [], true);
  const box = contentBox(page);
  // Room for the title and a two-line intro above the map.
  const height = Math.max(240, box.h - SECTION_TITLE_H - 44) / PRINT_SCALE;
  // Secondary suppression with the curve of the next section (shared/analysis/sharing.ts): no total gives a hidden cell back.
  const shared = suppressJourney(m, emotionCurve(index, ctx.filter, { smallCell: ctx.k })).matrix;
  const evidence = cellEvidence(index, { ...ctx.filter, kind: 'experience' }, { smallCell: ctx.k });
  const layout = journeyMapLayout(shared, ctx.view, { width: box.w / PRINT_SCALE, height, suppress: true, strings: ctx.chart, evidence });
  return section('journey', ctx, page, [{ kind: 'paragraph', style: 'note', text: ctx.L.journey.intro }, { kind: 'chart', layout }, { kind: 'paragraph', style: 'note', text: tpl(ctx.L.journey.evidence, { k: ctx.k, k2: 2 * ctx.k }) }], false);
}

// ---- emotion curve -------------------------------------------------------------------------

function emotionSection(ctx: Ctx): ReportSection {
  const E = ctx.L.emotion;
  const index = ctx.index();
  const raw = emotionCurve(index, ctx.filter, { smallCell: ctx.k });
  // Hidden where the journey map's stage total is hidden (the same table, shared/analysis/sharing.ts).
  const curve = suppressJourney(journeyMatrix(index, { ...ctx.filter, kind: 'experience' }, { smallCell: ctx.k, topCodes: 0, quotes: 0 }), raw).curve ?? raw;
  if (curve.every((c) => c.n === 0)) return section('emotion', ctx, PORTRAIT_A4, [], true);
  const layout = emotionCurveLayout(curve, { width: chartWidth(PORTRAIT_A4), height: 320, suppress: true, smallCell: ctx.k, strings: ctx.chart });
  const f2 = (v: number): string => fmtDecimal(v, 2, ctx.locale);
  const rows = curve.map((c) => {
    if (c.suppressed) return [c.label, ctx.L.hidden, small(c.informants, ctx), ctx.L.hidden, ctx.L.hidden];
    return [c.label, fmtCount(c.n, ctx.locale), fmtCount(c.informants, ctx.locale), c.mean === null ? '–' : f2(c.mean), c.lo !== null && c.hi !== null ? `${f2(c.lo)} – ${f2(c.hi)}` : '–'];
  });
  return section('emotion', ctx, PORTRAIT_A4, [
    { kind: 'paragraph', text: E.intro },
    { kind: 'chart', layout },
    { kind: 'paragraph', style: 'note', text: E.method },
    { kind: 'table', head: [E.stage, E.segments, E.informants, E.mean, E.interval], rows, align: ['left', 'right', 'right', 'right', 'right'] },
  ], false);
}

// ---- counsellor ----------------------------------------------------------------------------

/** Default Vg2 groups (the method's counsellor finding is about Vg2): the rule the screen uses too. */
function defaultCounsellorGroups(ctx: Ctx): string[] {
  return vg2GroupIds(ctx.view.study.groups);
}

function pctText(p: number, ctx: Ctx): string {
  return `${fmtDecimal(p, Number.isInteger(p) ? 0 : 1, ctx.locale)} %`;
}

function categorySentence(row: BreakdownRow, c: RatedCategory, ctx: Ctx): string {
  const ci = row.intervals[c];
  return tpl(ctx.L.counsellor.sentence, {
    label: ctx.data.study.valenceLabels[c],
    k: fmtCount(row.counts[c], ctx.locale),
    n: fmtCount(row.n, ctx.locale),
    pct: `${fmtCount(row.percents[c], ctx.locale)} %`,
    range: ci ? fmtRange(ci.lo, ci.hi, 1, ctx.locale) : '–',
  });
}

function breakdownCell(row: BreakdownRow, c: RatedCategory, ctx: Ctx, sdc?: SdcResult): string {
  if (row.suppressed) return ctx.L.hidden;
  if (sdc && rowHasHidden(row, sdc)) return shownCount(`${row.id}:${c}`, row.counts[c], sdc, ctx);
  const ci = row.intervals[c];
  const head = `${tpl(ctx.L.counsellor.ofN, { k: fmtCount(row.counts[c], ctx.locale), n: fmtCount(row.n, ctx.locale) })} · ${fmtCount(row.percents[c], ctx.locale)} %`;
  return ci ? `${head}\n${fmtRange(ci.lo, ci.hi, 1, ctx.locale)}` : head;
}

function counsellorSection(ctx: Ctx): ReportSection {
  const C = ctx.L.counsellor;
  const stageSet = ctx.filter.stageIds && ctx.filter.stageIds.length > 0 ? new Set(ctx.filter.stageIds) : null;
  // A stage filter narrows the evidence: an informant is assessed on the chosen stages only
  // (after the final-coding rule, so a second coder's copy never counts).
  const keep = stageSet ? (s: { stageId: string | null }) => s.stageId !== null && stageSet.has(s.stageId) : undefined;
  const assessments = studyAssessments(ctx.data, { interviews: ctx.interviews, keep });
  const wanted = ctx.opts.counsellorGroupIds ?? defaultCounsellorGroups(ctx);
  const chosen = wanted.filter((id) => ctx.view.study.groups.some((g) => g.id === id));
  const breakdown = counsellorBreakdown(assessments, ctx.view.study.groups, {
    groupIds: chosen,
    combinedId: 'combined',
    combinedLabel: combinedRowLabel(ctx.view.study.groups, chosen, { vg2: C.combinedVg2, chosen: C.combined }),
    smallCell: ctx.k,
    stageOrder: ctx.view.study.stages.map((s) => s.id),
  });
  const rows = [...(breakdown.combined ? [breakdown.combined] : []), ...breakdown.groups];
  if (rows.every((r) => r.n === 0)) return section('counsellor', ctx, PORTRAIT_A4, [], true);
  // The chart draws shares: a row with a hidden cell is drawn as hidden, like in the table.
  const { breakdown: shownBreakdown, sdc } = suppressBreakdown(breakdown);

  const benchId = ctx.opts.benchmarkId === undefined ? ctx.data.benchmarks[0]?.id : ctx.opts.benchmarkId;
  const bench = benchId === null || benchId === undefined ? undefined : ctx.data.benchmarks.find((b) => b.id === benchId);
  const comparison = bench ? benchmarkComparison(bench, ctx.data.study.valenceLabels) : null;
  const focus = breakdown.combined ?? (breakdown.groups.length === 1 ? breakdown.groups[0] : undefined);

  const blocks: Block[] = [{ kind: 'paragraph', text: C.intro }];
  if (ctx.stageFiltered) blocks.push({ kind: 'paragraph', style: 'note', text: C.stageFilter });
  if (focus && !focus.suppressed && focus.n > 0 && !rowHasHidden(focus, sdc)) {
    blocks.push({ kind: 'subheading', text: tpl(C.combinedTitle, { label: focus.label, n: fmtCount(focus.n, ctx.locale) }) });
    blocks.push({ kind: 'paragraph', style: 'lead', text: RATED_CATEGORIES.map((c) => categorySentence(focus, c, ctx)).join('\n') });
    blocks.push({ kind: 'paragraph', text: tpl(C.honest, { n: countText(ctx.L, 'informants', focus.n, fmtCount(focus.n, ctx.locale)) }) });
  }
  blocks.push({ kind: 'chart', layout: satisfactionBarsLayout(shownBreakdown, comparison, { width: chartWidth(PORTRAIT_A4), suppress: true, strings: ctx.chart, valenceLabels: ctx.data.study.valenceLabels, ...(focus && chosen.length > 0 ? { groupIds: chosen } : {}) }) });
  blocks.push({
    kind: 'table',
    head: [C.group, C.n, ...RATED_CATEGORIES.map((c) => ctx.data.study.valenceLabels[c]), C.notDiscussed],
    rows: rows.map((r) => [r.label, shownCount(`${r.id}:n`, r.n, sdc, ctx), ...RATED_CATEGORIES.map((c) => (r.suppressed && !sdc.hidden.has(`${r.id}:${c}`) ? ctx.L.hidden : breakdownCell(r, c, ctx, sdc))), shownCount(`${r.id}:nd`, r.notDiscussed, sdc, ctx)]),
    align: ['left', 'right', 'right', 'right', 'right', 'right'],
    caption: C.tableCaption,
  });
  if (comparison) {
    const approx = comparison.nApprox ? '≈' : '=';
    blocks.push({ kind: 'subheading', text: tpl(C.benchmarkTitle, { name: comparison.name }) });
    blocks.push({ kind: 'paragraph', style: 'note', text: C.benchmarkIntro });
    blocks.push({
      kind: 'table',
      head: [C.benchmarkCategory, C.benchmarkPercent, C.benchmarkMapsTo],
      rows: comparison.categories.map((c) => [
        c.label,
        pctText(c.percent, ctx),
        c.mapsTo === null ? C.none : c.mapsTo === 'not-discussed' ? C.notDiscussed : ctx.data.study.valenceLabels[c.mapsTo],
      ]),
      align: ['left', 'right', 'left'],
    });
    const notes = [tpl(C.benchmarkSource, { source: comparison.source, year: comparison.year, approx, n: fmtCount(comparison.n, ctx.locale) })];
    if (comparison.categoriesDiffer) notes.push(C.categoriesDiffer);
    if (comparison.sum !== 100) {
      const terms = comparison.categories.map((c) => fmtDecimal(c.percent, Number.isInteger(c.percent) ? 0 : 1, ctx.locale)).join(' + ');
      notes.push(tpl(C.rounding, { sum: fmtDecimal(comparison.sum, Number.isInteger(comparison.sum) ? 0 : 1, ctx.locale), terms }));
    }
    blocks.push({ kind: 'paragraph', style: 'note', text: notes.join(' ') });
  }
  return section('counsellor', ctx, PORTRAIT_A4, blocks, false);
}

// ---- quotes --------------------------------------------------------------------------------

function quotesSection(ctx: Ctx): ReportSection {
  const Q = ctx.L.quotes;
  const m = journeyMatrix(ctx.index(), ctx.filter, { smallCell: ctx.k, topCodes: 0, quotes: 6 });
  const shown = presentJourney(m);
  const blocks: Block[] = [{ kind: 'paragraph', text: Q.intro }];
  // The one door out holds unreviewed text back; the reader is told how much (counts still use it).
  if (ctx.heldBack > 0) blocks.push({ kind: 'paragraph', style: 'note', text: tpl(ctx.heldBack === 1 ? Q.heldBack_one : Q.heldBack_other, { count: ctx.heldBack }) });
  if (ctx.riskHeld > 0) blocks.push({ kind: 'paragraph', style: 'note', text: tpl(ctx.riskHeld === 1 ? Q.riskHeld_one : Q.riskHeld_other, { count: ctx.riskHeld }) });
  let any = false;
  m.stages.forEach((stage, c) => {
    const stageBlocks: Block[] = [];
    m.situations.forEach((sit, r) => {
      const cell = shown.cells[r]?.[c];
      const raw = m.cells[r]?.[c];
      if (!cell || !raw || raw.segments === 0) return;
      if (cell.suppressed) {
        stageBlocks.push({ kind: 'paragraph', style: 'note', text: tpl(Q.hiddenCell, { situation: sit.label, k: ctx.k }) });
        return;
      }
      if (cell.quotes.length === 0) return;
      any = true;
      stageBlocks.push({ kind: 'paragraph', style: 'lead', text: sit.label });
      // The same words from several informants are printed once, with every source.
      const byText = new Map<string, Extract<Block, { kind: 'quote' }>>();
      for (const q of cell.quotes) {
        const key = q.quote.toLocaleLowerCase('nb');
        const source = `${q.interviewCode} ${q.participantId}`;
        const prev = byText.get(key);
        if (prev) prev.source = `${prev.source}, ${source}`;
        else byText.set(key, { kind: 'quote', text: q.quote, source, valence: q.valence });
      }
      stageBlocks.push(...[...byText.values()].slice(0, 3));
    });
    if (stageBlocks.length > 0) blocks.push({ kind: 'subheading', text: stage.label }, ...stageBlocks);
  });
  return section('quotes', ctx, PORTRAIT_A4, blocks, !any);
}

// ---- storyboard ----------------------------------------------------------------------------

function storyboardSection(ctx: Ctx): ReportSection {
  const page: PageSpec = { format: 'a4', orientation: 'landscape' };
  const persona = suppressPersona(personaKim(ctx.index(), ctx.filter, { top: 3 }), ctx.k).persona;
  const anything = persona.some((s) => s.pains.length + s.helps.length + s.wishes.length > 0);
  if (!anything) return section('storyboard', ctx, page, [], true);
  const box = contentBox(page);
  const layout = storyboardLayout(persona, { width: box.w / PRINT_SCALE, height: (box.h - SECTION_TITLE_H - 40) / PRINT_SCALE, codes: ctx.data.codes, smallCell: ctx.k, suppress: true, strings: ctx.chart });
  return section('storyboard', ctx, page, [{ kind: 'paragraph', style: 'note', text: ctx.L.storyboard.intro }, { kind: 'chart', layout }], false);
}

// ---- codes ---------------------------------------------------------------------------------

function codesSection(ctx: Ctx): ReportSection {
  const freqs = codeFrequencies(ctx.index(), ctx.filter);
  if (freqs.every((f) => f.segmentsRolled === 0)) return section('codes', ctx, PORTRAIT_A4, [], true);
  const { hidden, secondary } = suppressCodeFrequencies(freqs, ctx.k);
  const layout = codeFrequencyLayout(freqs, ctx.data.codes, { width: chartWidth(PORTRAIT_A4), strings: ctx.chart, smallCell: ctx.k, suppress: true, hidden, secondary });
  return section('codes', ctx, PORTRAIT_A4, [{ kind: 'paragraph', text: ctx.L.codes.intro }, { kind: 'chart', layout }, { kind: 'paragraph', style: 'note', text: tpl(ctx.L.smallCellNote, { k: ctx.k }) }], false);
}

// ---- codebook ------------------------------------------------------------------------------

function codebookSection(ctx: Ctx): ReportSection {
  const B = ctx.L.codebook;
  if (ctx.data.codes.length === 0) return section('codebook', ctx, PORTRAIT_A4, [], true);
  // The view differs from the study only in its groups and stages: its codes are the study's.
  const index = ctx.index();
  const order = codeTreeOrder(index);
  const rows = order.map(({ id, depth }) => {
    const c = index.codeById.get(id);
    const name = c?.name ?? id;
    return [`${'   '.repeat(depth)}${depth > 0 ? '– ' : ''}${name}`, c?.definition ?? '', (c?.examples ?? []).map((e) => `«${e}»`).join('\n')];
  });
  return section('codebook', ctx, PORTRAIT_A4, [{ kind: 'paragraph', text: B.intro }, { kind: 'table', head: [B.code, B.definition, B.examples], rows, widths: [0.28, 0.42, 0.3], strongRows: order.flatMap((o, i) => (o.depth === 0 ? [i] : [])) }], false);
}

// ---- insights ------------------------------------------------------------------------------

/**
 * The facilitator's insights per stage with their evidence and reviewed quotes. The gated view
 * carries reviewed insight text only; an insight whose quotes are all gone or whose cell is small
 * is held back here (sharingInsights) and only counted.
 */
function insightsSection(ctx: Ctx): ReportSection {
  const I = ctx.L.insights;
  const { shown, held } = sharingInsights(ctx.data.insights ?? [], ctx.rawSegments, ctx.k);
  const stageIds = new Set(ctx.view.study.stages.map((s) => s.id));
  const mine = shown.filter((x) => stageIds.has(x.insight.stageId));
  if (mine.length === 0 && held.length === 0) return section('insights', ctx, PORTRAIT_A4, [], true);
  const blocks: Block[] = [{ kind: 'paragraph', text: I.intro }];
  const sitLabel = (id: string | null): string => (id === null ? I.wholeStage : (ctx.view.study.situations.find((s) => s.id === id)?.label ?? id));
  for (const stage of ctx.view.study.stages) {
    const here = mine.filter((x) => x.insight.stageId === stage.id);
    if (here.length === 0) continue;
    blocks.push({ kind: 'subheading', text: stage.label });
    blocks.push({
      kind: 'table',
      head: [I.kind, I.situation, I.text, I.evidence],
      rows: here.map((x) => [I.kinds[x.insight.kind], sitLabel(x.insight.situationId), x.insight.text, tpl(I.evidenceText, { quotes: fmtCount(x.quotes.length, ctx.locale), informants: small(x.evidence.informants, ctx), cell: small(x.evidence.cellInformants, ctx) })]),
      widths: [0.16, 0.18, 0.44, 0.22],
    });
    for (const x of here) for (const q of x.quotes.slice(0, 2)) blocks.push({ kind: 'quote', text: q.quote.trim(), source: I.kinds[x.insight.kind], valence: q.valence });
  }
  if (held.length > 0) blocks.push({ kind: 'paragraph', style: 'note', text: tpl(I.held, { count: fmtCount(held.length, ctx.locale), k: ctx.k }) });
  return section('insights', ctx, PORTRAIT_A4, blocks, mine.length === 0);
}

const BUILDERS: Record<SectionId, (ctx: Ctx) => ReportSection> = {
  method: methodSection,
  insights: insightsSection,
  journey: journeySection,
  emotion: emotionSection,
  counsellor: counsellorSection,
  quotes: quotesSection,
  storyboard: storyboardSection,
  codes: codesSection,
  codebook: codebookSection,
  // The appendix from the audit trail (issue #18): over the whole gated study, not the selection.
  conduct: (ctx) => conductSection(ctx.data, ctx.locale),
};

function checkOptions(data: StudyData, o: ReportOptions): ReportIssue[] {
  const issues: ReportIssue[] = [];
  if (o.title.trim() === '') issues.push({ kind: 'options', field: 'title', message: 'Rapporten må ha en tittel' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(o.date)) issues.push({ kind: 'options', field: 'date', message: `Datoen må være åååå-mm-dd (fikk «${o.date}»)` });
  for (const s of o.sections) if (!(SECTION_IDS as readonly string[]).includes(s)) issues.push({ kind: 'options', field: 'sections', message: `Ukjent del «${s}» (kjente: ${SECTION_IDS.join(', ')})` });
  if (o.sections.length === 0) issues.push({ kind: 'options', field: 'sections', message: 'Velg minst én del' });
  for (const g of o.groupIds ?? []) if (!data.study.groups.some((x) => x.id === g)) issues.push({ kind: 'options', field: 'groupIds', message: `Ukjent gruppe «${g}» (kjente: ${data.study.groups.map((x) => x.id).join(', ')})` });
  for (const s of o.stageIds ?? []) if (!data.study.stages.some((x) => x.id === s)) issues.push({ kind: 'options', field: 'stageIds', message: `Ukjent trinn «${s}» (kjente: ${data.study.stages.map((x) => x.id).join(', ')})` });
  if (o.benchmarkId && !data.benchmarks.some((b) => b.id === o.benchmarkId)) issues.push({ kind: 'options', field: 'benchmarkId', message: `Ukjent sammenligningsgrunnlag «${o.benchmarkId}»` });
  return issues;
}

function sameLabels(a: Record<RatedCategory, string>, b: Record<RatedCategory, string>): boolean {
  return RATED_CATEGORIES.every((c) => a[c].trim() === b[c].trim());
}

/** Compose the report's document model. Fails (as a value) only on impossible options. */
export function composeReport(all: StudyData, opts: ReportOptions): ComposeResult {
  // The one door out (shared/exchange/outbound.ts): reviewed text only, every coded segment counted.
  const gated = outboundView(all);
  let data = gated.sharing;
  const issues = checkOptions(data, opts);
  if (issues.length > 0) return { ok: false, issues };
  const locale = opts.locale ?? 'nb';
  const L = reportLabels(locale);
  // Built-in words in the report's language: the default valence labels are ours, not the study's,
  // so an English report says "Positive". Labels a study set itself are its own and stay as written.
  if (sameLabels(data.study.valenceLabels, DEFAULT_VALENCE_LABELS)) data = { ...data, study: { ...data.study, valenceLabels: { ...L.valence } } };
  const groupIds = opts.groupIds && opts.groupIds.length > 0 ? [...opts.groupIds] : null;
  const stageIds = opts.stageIds && opts.stageIds.length > 0 ? [...opts.stageIds] : null;
  const groups = groupIds ? data.study.groups.filter((g) => groupIds.includes(g.id)) : data.study.groups;
  const stages = stageIds ? data.study.stages.filter((s) => stageIds.includes(s.id)) : data.study.stages;
  // The study as the selection sees it: analyses then list only the chosen stages and groups.
  const view: StudyData = { ...data, study: { ...data.study, groups, stages } };
  let index: StudyIndex | null = null;
  const ctx: Ctx = {
    data,
    view,
    index: () => (index ??= buildIndex(view)),
    filter: { ...(groupIds ? { groupIds } : {}), ...(stageIds ? { stageIds } : {}) },
    interviews: groupIds ? data.interviews.filter((iv) => groupIds.includes(iv.groupId)) : data.interviews,
    opts,
    L,
    locale,
    chart: chartStringsFor(locale),
    k: data.study.smallCellThreshold,
    stageFiltered: stageIds !== null,
    // Counted on the whole study: the sharing view never carries the partners' pending versions.
    unresolved: all.conflicts?.length ?? 0,
    heldBack: gated.heldBack.quotes,
    riskHeld: gated.heldBack.risk ?? 0,
    generalisations: chosenGeneralisations(data.riskDecisions),
    rawSegments: all.segments,
  };
  const seen = new Set<SectionId>();
  const sections: ReportSection[] = [];
  for (const id of opts.sections) {
    if (seen.has(id)) continue;
    seen.add(id);
    sections.push(BUILDERS[id](ctx));
  }
  const selection = tpl(L.selectionText, {
    groups: groupIds ? groups.map((g) => g.short ?? g.label).join(', ') : L.allGroups,
    stages: stageIds ? stages.map((s) => s.short ?? s.label).join(', ') : L.allStages,
  });
  return {
    ok: true,
    doc: {
      meta: {
        title: opts.title.trim(),
        subtitle: opts.subtitle?.trim() ?? '',
        organisation: opts.organisation?.trim() ?? '',
        authors: opts.authors?.trim() ?? '',
        date: opts.date,
        locale,
        selection,
        smallCellNote: tpl(L.smallCellNote, { k: ctx.k }),
      },
      sections,
    },
  };
}

