/** The quotes behind one journey cell, for the researcher: with interview code and participant. */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnalysisFilter, StudyIndex } from '../../../shared/analysis';
import { VALENCE_GLYPHS } from '../../../shared/charts';
import { useAnalysis, type AnalysisSource } from './analysisCache';
import { MemoPanel } from '../memos';

const SHOWN = 100;

export function QuotePanel({ index, source, filter, stageId, situationId, onClose }: { index: StudyIndex; source: AnalysisSource; filter: AnalysisFilter; stageId: string; situationId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const cellFilter: AnalysisFilter = { ...filter, stageIds: [stageId], situationIds: [situationId] };
  const cell = useAnalysis(source, { type: 'cell', filter: cellFilter, limit: SHOWN });
  const segs = cell?.segments ?? [];
  const total = cell?.total ?? 0;
  const stage = index.study.stages.find((s) => s.id === stageId);
  const sit = index.study.situations.find((s) => s.id === situationId);
  const informants = cell?.informants ?? 0;
  const small = informants < index.study.smallCellThreshold;
  useEffect(() => headingRef.current?.focus(), [stageId, situationId]);
  return (
    <aside className="card quote-panel" aria-labelledby="quote-panel-title" data-testid="quote-panel">
      <div className="quote-panel-head">
        <h2 id="quote-panel-title" tabIndex={-1} ref={headingRef}>
          {stage?.label} · {sit?.label}
        </h2>
        <button type="button" className="ghost" onClick={onClose} aria-label={t('journey.quotes.close')}>×</button>
      </div>
      <p className="muted" data-testid="quote-panel-n">
        {t('journey.quotes.count', { segments: total, informants })}
        {small ? <span className="badge few-informants"> {t('journey.fewInformants')}</span> : null}
      </p>
      {cell && total === 0 ? <p>{t('journey.quotes.none')}</p> : null}
      <ol className="quote-list">
        {segs.slice(0, SHOWN).map((s) => (
          <li key={s.id} className={`quote-item valence-${s.valence ?? 'none'}`} data-testid="quote-item">
            <span className="valence-glyph" aria-label={s.valence ? index.study.valenceLabels[s.valence] : t('journey.quotes.noValence')}>
              {s.valence ? VALENCE_GLYPHS[s.valence] : '·'}
            </span>
            {/* The gate empties the text of quotes not yet reviewed (shared/exchange/outbound.ts): say so. */}
            {s.quote.trim() === '' && s.review?.state !== 'reviewed' ? (
              <p className="muted" data-testid="quote-held-back">{t('journey.quotes.heldBack')}</p>
            ) : (
              <blockquote>«{s.quote.trim()}»</blockquote>
            )}
            <div className="quote-meta">
              <span className="quote-source">{index.interviewById.get(s.interviewId)?.code ?? s.interviewId} {s.participantId}</span>
              {s.kind === 'wish' ? <span className="badge">{t('journey.kinds.wish')}</span> : null}
              {s.codeIds.map((c) => (
                <span key={c} className="badge">{index.codeById.get(c)?.name ?? c}</span>
              ))}
            </div>
          </li>
        ))}
      </ol>
      {total > SHOWN ? <p className="muted">{t('journey.quotes.more', { shown: SHOWN, total })}</p> : null}
      <MemoPanel key={`${stageId}|${situationId}`} studyId={index.study.id} kind="cell" target={{ stageId, situationId }} />
    </aside>
  );
}
