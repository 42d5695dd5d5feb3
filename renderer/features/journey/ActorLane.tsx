/**
 * The actor lane: per stage, which actors the informants met (how many, with what valence) and the
 * handovers between them; bad handovers are marked and their quotes are one click away. Follows
 * the journey filter (group included). Stages with fewer than k informants show no counts.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnalysisFilter, StudyIndex } from '../../../shared/analysis';
import { useAnalysis, type AnalysisSource } from './analysisCache';

export function ActorLanePanel({ index, source, filter }: { index: StudyIndex; source: AnalysisSource; filter: AnalysisFilter }) {
  const { t } = useTranslation();
  const study = index.study;
  const k = study.smallCellThreshold;
  const answer = useAnalysis(source, { type: 'actors', filter: { ...filter, kind: 'experience' }, smallCell: k });
  const [open, setOpen] = useState<string | null>(null);
  const actor = (id: string): string => study.actors.find((a) => a.id === id)?.short ?? study.actors.find((a) => a.id === id)?.label ?? id;
  if (!answer) return null;
  const { lane, quotes } = answer;
  return (
    <section className="card actor-lane" aria-labelledby="actor-lane-title" data-testid="actor-lane">
      <h2 id="actor-lane-title">{t('actors.title')}</h2>
      <p className="muted">{t('actors.intro')}</p>
      <div className="insights-grid" style={{ gridTemplateColumns: `repeat(${study.stages.length}, minmax(0, 1fr))` }}>
        {lane.stages.map((st) => {
          const label = study.stages.find((s) => s.id === st.stageId)?.short ?? st.stageId;
          const hands = lane.handovers.filter((h) => h.stageId === st.stageId);
          return (
            <div key={st.stageId} className="insights-stage" data-testid={`actors-stage-${st.stageId}`}>
              <h3>{label}</h3>
              {st.suppressed ? <p className="muted">{t('actors.fewInformants', { k })}</p> : null}
              <ul className="actor-list">
                {st.actors.slice(0, 5).map((a) => (
                  <li key={a.actorId} data-testid="actor-met">
                    <strong>{actor(a.actorId)}</strong> {t('actors.met', { informants: a.informants })} <span className="muted">+{a.valence.positive} ~{a.valence.mixed} −{a.valence.negative}</span>
                  </li>
                ))}
              </ul>
              {hands.slice(0, 4).map((h) => {
                const key = `${h.stageId}:${h.from}:${h.to}`;
                return (
                  <div key={key} className={h.bad > 0 ? 'handover bad' : 'handover'} data-testid="handover" data-bad={h.bad}>
                    {actor(h.from)} → {actor(h.to)} <span className="muted">{t('actors.handover', { n: h.n, bad: h.bad })}</span>
                    {h.bad > 0 ? (
                      <button type="button" className="link" aria-expanded={open === key} onClick={() => setOpen(open === key ? null : key)} data-testid="handover-quotes">
                        {t('actors.showQuotes')}
                      </button>
                    ) : null}
                    {open === key ? (
                      <ul data-testid="handover-quote-list">
                        {h.badSegmentIds.map((id) => quotes[id]).filter((q) => q !== undefined).slice(0, 5).map((q) => (
                          <li key={q.segmentId}>«{q.quote}» <span className="muted">{q.interviewCode} {q.participantId}</span></li>
                        ))}
                      </ul>
                    ) : null}
                  </div>
                );
              })}
            </div>
          );
        })}
      </div>
    </section>
  );
}
