/**
 * The insights lane under the journey map: per stage, the facilitator's pain points, opportunities
 * and open questions, each with its supporting quotes and evidence, and the data's suggestions
 * (negative-dominated cells, wishes grouped by code) to confirm, edit or leave. Text is scanned as
 * it is saved (renderer/db/insights.ts); an insight held back from sharing says why.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnalysisFilter, InsightSuggestion, JourneyMatrix, QuoteRef, StudyIndex } from '../../../shared/analysis';
import { INSIGHT_KINDS, type Insight, type InsightKind } from '../../../shared/model';
import { appDb, deleteInsight, saveInsight, useInsights } from '../../db';
import { useAnalysis, type AnalysisSource } from './analysisCache';

const GLYPH: Record<InsightKind, string> = { pain: '!', opportunity: '★', question: '?' };

interface Draft {
  id?: string;
  createdAt?: string;
  kind: InsightKind;
  stageId: string;
  situationId: string;
  text: string;
  quoteIds: string[];
  origin: Insight['origin'];
  suggestionKey: string | null;
  candidates: QuoteRef[];
}

export function InsightsLane({ index, source, filter, matrix }: { index: StudyIndex; source: AnalysisSource; filter: AnalysisFilter; matrix: JourneyMatrix }) {
  const { t } = useTranslation();
  const study = index.study;
  const stored = useInsights(study.id);
  // Wishes make opportunities whichever kind the map shows; pain points read experiences only.
  const answer = useAnalysis(source, { type: 'insights', filter: { ...filter, kind: 'all' }, smallCell: study.smallCellThreshold, stored: stored ?? [] });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const confirmed = useMemo(() => new Set((stored ?? []).map((i) => i.suggestionKey).filter((k): k is string => k !== null)), [stored]);
  const stageLabel = (id: string): string => study.stages.find((s) => s.id === id)?.label ?? id;
  const sitLabel = (id: string | null): string => (id === null ? t('insights.wholeStage') : (study.situations.find((s) => s.id === id)?.label ?? id));
  const codeName = (id: string | null): string => (id === null ? '' : (index.codeById.get(id)?.name ?? id));

  const cellQuotes = (stageId: string, situationId: string): QuoteRef[] => {
    const c = matrix.stages.findIndex((s) => s.id === stageId);
    const r = matrix.situations.findIndex((s) => s.id === situationId);
    return matrix.cells[r]?.[c]?.quotes ?? [];
  };
  const suggestionText = (s: InsightSuggestion): string =>
    s.kind === 'pain'
      ? t('insights.suggestPain', { situation: sitLabel(s.situationId).toLocaleLowerCase('nb'), stage: stageLabel(s.stageId), negative: s.params.negative, rated: s.params.rated, informants: s.params.informants })
      : t('insights.suggestOpportunity', { code: codeName(s.codeId), stage: stageLabel(s.stageId), informants: s.params.informants });

  const openNew = (): void => {
    const stageId = study.stages[0]?.id ?? '';
    const situationId = study.situations[0]?.id ?? '';
    setNotice(null);
    setDraft({ kind: 'pain', stageId, situationId, text: '', quoteIds: [], origin: 'facilitator', suggestionKey: null, candidates: cellQuotes(stageId, situationId) });
  };
  const confirmSuggestion = (s: InsightSuggestion): void => {
    setNotice(null);
    const extra = cellQuotes(s.stageId, s.situationId).filter((q) => !s.quotes.some((x) => x.segmentId === q.segmentId));
    setDraft({ kind: s.kind, stageId: s.stageId, situationId: s.situationId, text: suggestionText(s), quoteIds: s.quotes.map((q) => q.segmentId), origin: 'suggested', suggestionKey: s.key, candidates: [...s.quotes, ...extra] });
  };
  const edit = (ins: Insight): void => {
    setNotice(null);
    const linked = answer?.evidence[ins.id]?.quotes ?? [];
    const extra = ins.situationId ? cellQuotes(ins.stageId, ins.situationId).filter((q) => !linked.some((x) => x.segmentId === q.segmentId)) : [];
    setDraft({ id: ins.id, createdAt: ins.createdAt, kind: ins.kind, stageId: ins.stageId, situationId: ins.situationId ?? '', text: ins.text, quoteIds: ins.quoteIds, origin: ins.origin, suggestionKey: ins.suggestionKey, candidates: [...linked, ...extra] });
  };
  const save = async (): Promise<void> => {
    if (!draft) return;
    if (draft.text.trim() === '') {
      setNotice(t('insights.emptyText'));
      return;
    }
    const author = study.coders[0]?.initials ?? '';
    const r = await saveInsight(appDb(), { id: draft.id, createdAt: draft.createdAt, studyId: study.id, kind: draft.kind, stageId: draft.stageId, situationId: draft.situationId === '' ? null : draft.situationId, text: draft.text, quoteIds: draft.quoteIds, origin: draft.origin, suggestionKey: draft.suggestionKey }, author);
    if (!r.ok) {
      setNotice(t('insights.saveFailed'));
      return;
    }
    setDraft(null);
    setNotice(r.value.review?.state === 'reviewed' ? t('insights.saved') : t('insights.savedNeedsReview', { kinds: Object.keys(r.value.review?.hits ?? {}).join(', ') }));
  };

  return (
    <section className="card insights-lane" aria-labelledby="insights-title" data-testid="insights-lane">
      <div className="toolbar">
        <h2 id="insights-title">{t('insights.title')}</h2>
        <span className="spacer" />
        <button type="button" onClick={openNew} data-testid="insight-new">{t('insights.new')}</button>
      </div>
      <p className="muted">{t('insights.intro', { k: study.smallCellThreshold })}</p>
      {notice ? <p role="status" data-testid="insight-notice">{notice}</p> : null}
      {draft ? (
        <form className="insight-form" data-testid="insight-form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
          <label className="field">{t('insights.kind')}
            <select value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as InsightKind })} data-testid="insight-kind">
              {INSIGHT_KINDS.map((k) => <option key={k} value={k}>{t(`insights.kinds.${k}`)}</option>)}
            </select>
          </label>
          <label className="field">{t('insights.stage')}
            <select value={draft.stageId} onChange={(e) => setDraft({ ...draft, stageId: e.target.value, quoteIds: [], candidates: cellQuotes(e.target.value, draft.situationId) })} data-testid="insight-stage">
              {study.stages.map((s) => <option key={s.id} value={s.id}>{s.label}</option>)}
            </select>
          </label>
          <label className="field">{t('insights.situation')}
            <select value={draft.situationId} onChange={(e) => setDraft({ ...draft, situationId: e.target.value, quoteIds: [], candidates: cellQuotes(draft.stageId, e.target.value) })} data-testid="insight-situation">
              <option value="">{t('insights.wholeStage')}</option>
              {study.situations.map((s) => <option key={s.id} value={s.id}>{s.label}</option>)}
            </select>
          </label>
          <label className="field wide">{t('insights.text')}
            <textarea value={draft.text} maxLength={2000} rows={3} onChange={(e) => setDraft({ ...draft, text: e.target.value })} data-testid="insight-text" />
          </label>
          <fieldset className="insight-quotes" data-testid="insight-quotes">
            <legend>{t('insights.pickQuotes')}</legend>
            {draft.candidates.length === 0 ? <p className="muted">{t('insights.noQuotes')}</p> : null}
            {draft.candidates.map((q) => (
              <label key={q.segmentId} className="field inline">
                <input
                  type="checkbox"
                  checked={draft.quoteIds.includes(q.segmentId)}
                  onChange={(e) => setDraft({ ...draft, quoteIds: e.target.checked ? [...draft.quoteIds, q.segmentId] : draft.quoteIds.filter((x) => x !== q.segmentId) })}
                  data-testid="insight-quote-pick"
                />
                «{q.quote}» <span className="muted">{q.interviewCode} {q.participantId}</span>
              </label>
            ))}
          </fieldset>
          <div className="toolbar">
            <button type="submit" className="primary" data-testid="insight-save">{t('insights.save')}</button>
            <button type="button" onClick={() => setDraft(null)}>{t('insights.cancel')}</button>
          </div>
        </form>
      ) : null}
      <div className="insights-grid" style={{ gridTemplateColumns: `repeat(${study.stages.length}, minmax(0, 1fr))` }}>
        {study.stages.map((stage) => {
          const mine = (stored ?? []).filter((i) => i.stageId === stage.id);
          const sugg = (answer?.suggestions ?? []).filter((s) => s.stageId === stage.id && !confirmed.has(s.key));
          return (
            <div key={stage.id} className="insights-stage" data-testid={`insights-stage-${stage.id}`}>
              <h3>{stage.short ?? stage.label}</h3>
              {mine.map((ins) => {
                const ev = answer?.evidence[ins.id];
                return (
                  <article key={ins.id} className={`insight-card kind-${ins.kind}`} data-testid="insight-card" data-kind={ins.kind} data-hold={ev?.evidence.hold ?? ''}>
                    <p className="insight-head"><span aria-hidden="true">{GLYPH[ins.kind]}</span> {t(`insights.kinds.${ins.kind}`)} · {sitLabel(ins.situationId)}</p>
                    <p className="insight-text">{ins.text}</p>
                    {ev ? (
                      <p className="muted insight-evidence" data-testid="insight-evidence">
                        {t('insights.evidence', { quotes: ev.evidence.quotes, informants: ev.evidence.informants, cell: ev.evidence.cellInformants })}
                      </p>
                    ) : null}
                    {ev && ev.evidence.hold ? <p className="insight-hold" data-testid="insight-hold">{t(`insights.hold.${ev.evidence.hold}`, { k: study.smallCellThreshold })}</p> : null}
                    {ins.review?.state !== 'reviewed' ? <p className="insight-hold">{t('insights.needsReview')}</p> : null}
                    {ev && ev.quotes.length > 0 ? (
                      <details>
                        <summary>{t('insights.quotes', { count: ev.quotes.length })}</summary>
                        <ul>{ev.quotes.map((q) => <li key={q.segmentId}>«{q.quote}» <span className="muted">{q.interviewCode} {q.participantId}</span></li>)}</ul>
                      </details>
                    ) : null}
                    <div className="toolbar">
                      <button type="button" onClick={() => edit(ins)} data-testid="insight-edit">{t('insights.edit')}</button>
                      <button type="button" onClick={() => void deleteInsight(appDb(), ins.id)} data-testid="insight-delete">{t('insights.delete')}</button>
                    </div>
                  </article>
                );
              })}
              {sugg.map((s) => (
                <article key={s.key} className={`insight-card suggestion kind-${s.kind}`} data-testid="insight-suggestion" data-kind={s.kind} data-key={s.key}>
                  <p className="insight-head"><span aria-hidden="true">{GLYPH[s.kind]}</span> {t('insights.suggested')} · {sitLabel(s.situationId)}</p>
                  <p className="insight-text">{suggestionText(s)}</p>
                  <button type="button" onClick={() => confirmSuggestion(s)} data-testid="insight-confirm">{t('insights.confirm')}</button>
                </article>
              ))}
            </div>
          );
        })}
      </div>
    </section>
  );
}
