import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Segment, Study } from '../../../shared/model';
import { agreementReport, pairSegments } from '../../../shared/analysis/agreement';
import { appDb, applyChange, saveStudy, setMeta, useMeta } from '../../db';
import { useStudyData } from '../../db/hooks';
import { tracked } from '../../components/SaveIndicator';
import { showToast } from '../../components/Toasts';
import { formatNumber } from '../../app/format';
import type { ScreenProps } from '../../app/features';
import { CoderBar } from '../coding';
import { useBlind, useCurrentCoder } from '../coding';
import { asCoded, findMark, marksKey, planResolution, readMarks, withMark, type ResolutionMark, type Unit } from './resolution';
import '../coding/coding.css';
import './agreement.css';
import { Loading } from '../../components/Loading';

const sameList = (x: readonly string[], y: readonly string[]): boolean => [...x].sort().join() === [...y].sort().join();
const differs = (a: Segment, b: Segment): boolean =>
  a.stageId !== b.stageId || a.situationId !== b.situationId || a.valence !== b.valence || a.kind !== b.kind || !sameList(a.codeIds, b.codeIds) || !sameList(a.actorIds, b.actorIds);

/**
 * Two coders: agreement per dimension (shared/analysis/agreement.ts) on the coding as coded, and
 * resolution of each difference INTO the lead coder's segment (resolution.ts). The lead coder is
 * the study's first coder; its coding is the final one every analysis counts (shared/analysis/final.ts).
 */
export function AgreementScreen({ study }: ScreenProps) {
  const { t, i18n } = useTranslation();
  const data = useStudyData(study.id);
  const current = useCurrentCoder(study);
  const blind = useBlind(study.id);
  const rawMarks = useMeta(marksKey(study.id));
  const marks = useMemo(() => readMarks(rawMarks), [rawMarks]);
  const lead = study.coders[0];
  const [a, setA] = useState(study.coders[0]?.id ?? '');
  // B is never A: by default the first other coder (also one added on this screen after it opened).
  const [chosenB, setB] = useState<string | null>(study.coders[1]?.id ?? null);
  const b = chosenB !== null && chosenB !== a ? chosenB : (study.coders.find((c) => c.id !== a)?.id ?? '');
  const oneCoder = study.coders.length < 2;
  const segs = useMemo(() => {
    const all = asCoded(data?.segments ?? [], marks);
    const ivsOf = (coder: string) => new Set(all.filter((s) => s.coderId === coder).map((s) => s.interviewId));
    const ivA = ivsOf(a);
    const ivB = ivsOf(b);
    // Compare only interviews both coders worked on: elsewhere there is nothing to agree on.
    const both = (s: Segment) => ivA.has(s.interviewId) && ivB.has(s.interviewId);
    return { a: all.filter((s) => s.coderId === a && both(s)), b: all.filter((s) => s.coderId === b && both(s)) };
  }, [data?.segments, marks, a, b]);
  const report = useMemo(() => agreementReport(segs.a, segs.b, (data?.codes ?? []).map((c) => c.id)), [segs, data?.codes]);
  const leadIsA = lead !== undefined && a === lead.id;
  const leadInPair = lead !== undefined && a !== b && (a === lead.id || b === lead.id);
  const units = useMemo((): Unit[] => {
    const p = pairSegments(segs.a, segs.b);
    const diff: Unit[] = p.pairs.filter((x) => differs(x.a, x.b)).map((x) => ({ a: x.a, b: x.b }));
    // Units only the other coder marked: the lead may take them over. Lead-only units stay as coded.
    const other = leadIsA ? p.onlyB.map((s) => ({ a: null, b: s })) : leadInPair ? p.onlyA.map((s) => ({ a: s, b: null })) : [];
    return [...diff, ...other];
  }, [segs, leadIsA, leadInPair]);

  if (!data || current === undefined) return <Loading />;
  const stored = new Map(data.segments.map((s) => [s.id, s]));
  const codeName = new Map(data.codes.map((c) => [c.id, c.name]));
  const actorName = new Map(study.actors.map((x) => [x.id, x.short ?? x.label]));
  const dimLabel = (d: string) => (d.startsWith('code:') ? `${t('agreement.code')}: ${codeName.get(d.slice(5)) ?? d.slice(5)}` : t(`agreement.dim.${d}`));
  const num = (x: number | null | undefined) => (x === null || x === undefined ? '–' : formatNumber(x, i18n.language, 2));
  const coderName = (id: string) => study.coders.find((c) => c.id === id)?.name ?? id;
  // Each list leaves out the coder chosen on the other side: a coder cannot be compared with itself.
  const coderSel = (value: string, set: (v: string) => void, label: string, testId: string, other: string) => (
    <label className="field">{label}
      <select value={value} onChange={(e) => set(e.target.value)} data-testid={testId}>
        <option value="" />
        {study.coders.filter((c) => c.id !== other).map((c) => <option key={c.id} value={c.id}>{c.name} ({c.initials})</option>)}
      </select>
    </label>
  );
  const describe = (s: Segment | null) =>
    s === null
      ? t('agreement.notCoded')
      : [
          study.stages.find((x) => x.id === s.stageId)?.short ?? '–',
          study.situations.find((x) => x.id === s.situationId)?.short ?? '–',
          s.valence ? study.valenceLabels[s.valence] : '–',
          s.kind === 'wish' ? t('agreement.wish') : null,
          s.actorIds.map((x) => actorName.get(x) ?? x).join(', ') || null,
          s.codeIds.map((c) => codeName.get(c) ?? c).join(', ') || null,
        ].filter((x): x is string => x !== null).join(' · ');
  // Code rows only for codes either coder used here: a code nobody used agrees trivially and says nothing.
  const usedCodes = new Set([...segs.a, ...segs.b].flatMap((x) => x.codeIds));
  const resolvedCount = units.filter((u) => findMark(marks, u.a?.id ?? null, u.b?.id ?? null)).length;

  async function chooseLead(id: string) {
    const next = study.coders.find((c) => c.id === id);
    if (!next || next.id === lead?.id) return;
    // The lead is the study's first coder: reordering the study's coders makes every analysis,
    // report and export (which read study.coders) agree on it, also in exported bundles.
    const r = await tracked(() => saveStudy(appDb(), { ...study, coders: [next, ...study.coders.filter((c) => c.id !== id)] }));
    if (!r.ok) showToast({ kind: 'error', message: t('agreement.failed') });
    else showToast({ message: t('agreement.leadChanged', { name: next.name }) });
  }

  async function resolve(unit: Unit, choice: 'a' | 'b') {
    if (!lead || !leadInPair || current === undefined) return;
    const now = new Date().toISOString();
    const plan = planResolution(unit, choice, leadIsA, { coderId: lead.id }, { marks, current: (id) => stored.get(id), now, by: current });
    if (!plan) return;
    const previousMarks: ResolutionMark[] = marks;
    const previous = plan.put ? stored.get(plan.put.id) : undefined;
    const removed = plan.remove ? stored.get(plan.remove) : undefined;
    const r = await tracked(async () => {
      const w = await applyChange(appDb(), study.id, { puts: { segments: plan.put ? [plan.put] : [] }, deletes: { segments: plan.remove ? [plan.remove] : [] } });
      return w.ok ? setMeta(appDb(), marksKey(study.id), withMark(marks, plan.mark)) : w;
    });
    if (!r.ok) {
      showToast({ kind: 'error', message: t('agreement.failed') });
      return;
    }
    showToast({
      message: t('agreement.resolvedAs', { side: choice === 'a' ? 'A' : 'B', name: lead.name }),
      action: {
        label: t('agreement.undo'),
        run: () => void tracked(async () => {
          const back = await applyChange(appDb(), study.id, {
            puts: { segments: [...(previous ? [previous] : []), ...(removed ? [removed] : [])] },
            deletes: { segments: plan.put && !previous ? [plan.put.id] : [] },
          });
          return back.ok ? setMeta(appDb(), marksKey(study.id), previousMarks) : back;
        }),
      },
    });
  }

  return (
    <div className="agreement-screen">
      <div className="page-head"><h1>{t('agreement.title')}</h1></div>
      <CoderBar study={study} coderId={current} blind={blind} />
      <p className="muted">{t('agreement.blindHint')}</p>
      {oneCoder ? (
        // One coder: nothing to compare. Zeros and dashes said nothing; this says what to do next.
        <div className="empty-state" data-testid="agreement-one-coder">
          <p><strong>{t('agreement.oneCoderTitle')}</strong></p>
          <p>{t('agreement.oneCoderNext')}</p>
        </div>
      ) : null}
      {oneCoder ? null : (
        <div className="toolbar">
          {coderSel(a, setA, t('agreement.coderA'), 'coder-a', b)}
          {coderSel(b, setB, t('agreement.coderB'), 'coder-b', a)}
          <LeadPicker study={study} onChoose={(id) => void chooseLead(id)} />
        </div>
      )}
      {!oneCoder && report.pairs + report.onlyA + report.onlyB === 0 ? (
        <div className="empty-state" data-testid="agreement-nothing-shared">
          <p><strong>{t('agreement.noSharedTitle')}</strong></p>
          <p>{t('agreement.noSharedNext')}</p>
        </div>
      ) : null}
      {oneCoder ? null : (<>
      <p className="notice" data-testid="final-coding">
        <strong>{t('agreement.finalCoding', { name: lead?.name ?? '–' })}</strong> {t('agreement.finalRule')}
      </p>
      <section className="card">
        <p data-testid="agreement-units">{t('agreement.units', { pairs: report.pairs, onlyA: report.onlyA, onlyB: report.onlyB })}</p>
        <p className="muted">{t('agreement.asCoded')}</p>
        <table className="data" data-testid="agreement-table">
          <thead><tr><th scope="col">{t('agreement.dimension')}</th><th scope="col" className="num">n</th><th scope="col" className="num">{t('agreement.percent')}</th><th scope="col" className="num">Cohens κ</th><th scope="col" className="num">Krippendorffs α</th></tr></thead>
          <tbody>
            {report.dimensions.filter((d) => !d.codeId || usedCodes.has(d.codeId)).map((d) => (
              <tr key={d.dimension}>
                <th scope="row">{dimLabel(d.dimension)}</th>
                <td className="num">{d.percent.n}</td>
                <td className="num">{d.percent.p === null ? '–' : `${formatNumber(d.percent.p * 100, i18n.language, 0)} %`}</td>
                <td className="num">{num(d.kappa?.kappa)}</td>
                <td className="num">{num(d.alpha.alpha)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card" aria-labelledby="diff-h">
        <h2 id="diff-h">{t('agreement.differences', { count: units.length })}</h2>
        {units.length > 0 ? <p className="muted" data-testid="resolved-count">{t('agreement.resolvedCount', { done: resolvedCount, total: units.length })}</p> : null}
        {leadInPair ? null : <p className="notice" role="status">{t('agreement.leadNotInPair', { name: lead?.name ?? '–' })}</p>}
        <ul className="agreement-units" data-testid="disagreements">
          {units.map((u) => {
            const key = `${u.a?.id ?? '-'}|${u.b?.id ?? '-'}`;
            const mark = findMark(marks, u.a?.id ?? null, u.b?.id ?? null);
            const quote = (u.a ?? u.b)?.quote ?? '';
            const side = (label: 'A' | 'B', s: Segment | null, coder: string) => (
              <div className={`agreement-side${mark?.choice === label.toLowerCase() ? ' chosen' : ''}`}>
                <strong>{label}</strong> <span className="muted">({coderName(coder)}{coder === lead?.id ? `, ${t('agreement.lead')}` : ''})</span>: {describe(s)}
              </div>
            );
            return (
              <li key={key} data-testid="disagreement">
                <blockquote title={quote.length > 200 ? quote : undefined}>«{quote.slice(0, 200)}{quote.length > 200 ? '…' : ''}»</blockquote>
                {side('A', u.a, a)}
                {side('B', u.b, b)}
                <div className="agreement-actions">
                  {mark ? <span className="badge status-reviewed" data-testid="resolved-badge">✓ {t('agreement.resolvedChoice', { side: mark.choice.toUpperCase() })}</span> : null}
                  <button type="button" disabled={!leadInPair} aria-pressed={mark?.choice === 'a'} onClick={() => void resolve(u, 'a')}>{t('agreement.pickA')}</button>
                  <button type="button" disabled={!leadInPair} aria-pressed={mark?.choice === 'b'} onClick={() => void resolve(u, 'b')}>{t('agreement.pickB')}</button>
                  <a href={`#/study/${encodeURIComponent(study.id)}/coding/${encodeURIComponent((u.a ?? u.b)?.interviewId ?? '')}`}>{t('agreement.edit')}</a>
                </div>
              </li>
            );
          })}
        </ul>
      </section>
      </>)}
    </div>
  );
}

function LeadPicker({ study, onChoose }: { study: Study; onChoose: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <label className="field">{t('agreement.leadCoder')}
      <select value={study.coders[0]?.id ?? ''} onChange={(e) => onChoose(e.target.value)} data-testid="lead-coder">
        {study.coders.map((c) => <option key={c.id} value={c.id}>{c.name} ({c.initials})</option>)}
      </select>
    </label>
  );
}
