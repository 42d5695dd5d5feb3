import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Segment } from '../../../shared/model';
import { agreementReport, pairSegments } from '../../../shared/analysis/agreement';
import { appDb, saveSegment } from '../../db';
import { useStudyData } from '../../db/hooks';
import { tracked } from '../../components/SaveIndicator';
import { showToast } from '../../components/Toasts';
import { formatNumber } from '../../app/format';
import type { ScreenProps } from '../../app/features';
import { CoderBar } from '../coding/CoderBar';
import { useBlind, useCurrentCoder } from '../coding/coderState';
import '../coding/coding.css';

const differs = (a: Segment, b: Segment): boolean =>
  a.stageId !== b.stageId || a.situationId !== b.situationId || a.valence !== b.valence || [...a.codeIds].sort().join() !== [...b.codeIds].sort().join();

/** Two coders: agreement per dimension (shared/analysis/agreement.ts) and resolution of each difference into the final coding. */
export function AgreementScreen({ study }: ScreenProps) {
  const { t, i18n } = useTranslation();
  const data = useStudyData(study.id);
  const current = useCurrentCoder(study);
  const blind = useBlind(study.id);
  const [a, setA] = useState(study.coders[0]?.id ?? '');
  const [b, setB] = useState(study.coders[1]?.id ?? '');
  const [final, setFinal] = useState(study.coders[0]?.id ?? '');
  const segs = useMemo(() => {
    const all = data?.segments ?? [];
    const ivs = new Set(all.filter((s) => s.coderId === b).map((s) => s.interviewId));
    // Compare only interviews both coders worked on.
    return { a: all.filter((s) => s.coderId === a && ivs.has(s.interviewId)), b: all.filter((s) => s.coderId === b) };
  }, [data?.segments, a, b]);
  const report = useMemo(() => agreementReport(segs.a, segs.b, (data?.codes ?? []).map((c) => c.id)), [segs, data?.codes]);
  const diffs = useMemo(() => pairSegments(segs.a, segs.b).pairs.filter((p) => differs(p.a, p.b)), [segs]);
  if (!data || current === undefined) return <p className="muted">{t('app.loading')}</p>;
  const resolvedIds = new Set(data.segments.filter((s) => s.coderId === final).map((s) => s.id));
  const codeName = new Map(data.codes.map((c) => [c.id, c.name]));
  const dimLabel = (d: string) => (d.startsWith('code:') ? `${t('agreement.code')}: ${codeName.get(d.slice(5)) ?? d.slice(5)}` : t(`agreement.dim.${d}`));
  const num = (x: number | null | undefined) => (x === null || x === undefined ? '–' : formatNumber(x, i18n.language, 2));
  const coderSel = (value: string, set: (v: string) => void, label: string, testId: string) => (
    <label className="field">{label}
      <select value={value} onChange={(e) => set(e.target.value)} data-testid={testId}>
        <option value="" />
        {study.coders.map((c) => <option key={c.id} value={c.id}>{c.name} ({c.initials})</option>)}
      </select>
    </label>
  );
  const describe = (s: Segment) =>
    [study.stages.find((x) => x.id === s.stageId)?.short ?? '–', study.situations.find((x) => x.id === s.situationId)?.short ?? '–', s.valence ? study.valenceLabels[s.valence] : '–', s.codeIds.map((c) => codeName.get(c) ?? c).join(', ')].join(' · ');

  async function resolve(from: Segment, other: Segment) {
    const now = new Date().toISOString();
    // One final segment per pair, keyed by coder A's segment: resolving again replaces it.
    const id = `final-${from.coderId === a ? from.id : other.id}`;
    const r = await tracked(() => saveSegment(appDb(), { ...from, id, coderId: final, createdAt: now, updatedAt: now }));
    if (!r.ok) showToast({ kind: 'error', message: t('agreement.failed') });
  }

  return (
    <div>
      <div className="page-head"><h1>{t('agreement.title')}</h1></div>
      <CoderBar study={study} coderId={current} blind={blind} />
      <p className="muted">{t('agreement.blindHint')}</p>
      <div className="toolbar">
        {coderSel(a, setA, t('agreement.coderA'), 'coder-a')}
        {coderSel(b, setB, t('agreement.coderB'), 'coder-b')}
        {coderSel(final, setFinal, t('agreement.final'), 'coder-final')}
      </div>
      <section className="card">
        <p data-testid="agreement-units">{t('agreement.units', { pairs: report.pairs, onlyA: report.onlyA, onlyB: report.onlyB })}</p>
        <table className="data" data-testid="agreement-table">
          <thead><tr><th scope="col">{t('agreement.dimension')}</th><th scope="col" className="num">n</th><th scope="col" className="num">{t('agreement.percent')}</th><th scope="col" className="num">Cohens κ</th><th scope="col" className="num">Krippendorffs α</th></tr></thead>
          <tbody>
            {report.dimensions.filter((d) => !d.codeId || d.percent.n > 0).map((d) => (
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
        <h2 id="diff-h">{t('agreement.differences', { count: diffs.length })}</h2>
        <ul className="evidence" data-testid="disagreements">
          {diffs.map((p) => {
            const done = resolvedIds.has(`final-${p.a.id}`);
            return (
              <li key={p.a.id} style={{ flexDirection: 'column', borderBottom: '1px solid var(--border)', paddingBottom: 8 }}>
                <span>«{p.a.quote.slice(0, 200)}»</span>
                <span><strong>A:</strong> {describe(p.a)}</span>
                <span><strong>B:</strong> {describe(p.b)}</span>
                <span>
                  {done ? <span className="badge status-reviewed">{t('agreement.resolved')}</span> : null}{' '}
                  <button type="button" onClick={() => void resolve(p.a, p.b)}>{t('agreement.pickA')}</button>{' '}
                  <button type="button" onClick={() => void resolve(p.b, p.a)}>{t('agreement.pickB')}</button>{' '}
                  <a href={`#/study/${encodeURIComponent(study.id)}/coding/${encodeURIComponent(p.a.interviewId)}`}>{t('agreement.edit')}</a>
                </span>
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
