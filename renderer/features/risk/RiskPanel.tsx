/**
 * The risk panel before sharing (issue 20): informants at risk and quotes with indirect
 * identifiers, each with accept (typed reason), generalise or leave out; study-wide
 * generalisations with their effect shown before they are applied. Decisions are saved per study
 * (renderer/db/risk.ts) and applied by outboundView to every sharing output.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StudyData } from '../../../shared/model';
import type { GeneralisationId } from '../../../shared/risk/generalise';
import { riskCheck } from '../../../shared/risk/check';
import { informantSubject, quoteSubject, STUDY_SUBJECT, type StudyRiskCheck } from '../../../shared/risk/study';
import { db, saveRiskDecision, type RiskDecisionInput } from '../../db';
import { tracked } from '../../components/SaveIndicator';
import { showToast } from '../../components/Toasts';

/** The check over the study as loaded (decisions included): recomputed when the data changes. */
export function useRiskCheck(data: StudyData): StudyRiskCheck {
  return useMemo(() => riskCheck(data), [data]);
}

type Ask = { subject: string; quoteLength?: number } | null;

export function RiskPanel({ data, check, by }: { data: StudyData; check: StudyRiskCheck; by: string }) {
  const { t } = useTranslation();
  const [ask, setAsk] = useState<Ask>(null);
  const [reason, setReason] = useState('');
  const [warn, setWarn] = useState<string | null>(null);
  const studyId = data.study.id;
  const terms = data.terms.map((x) => ({ term: x.term, kind: x.kind }));

  async function save(input: Omit<RiskDecisionInput, 'studyId' | 'by' | 'terms'>): Promise<boolean> {
    const r = await tracked(() => saveRiskDecision(db, { ...input, studyId, by, terms }));
    if (!r.ok) {
      showToast({ kind: 'error', message: 'message' in r ? r.message : r.reason });
      return false;
    }
    if (r.value.reasonReview?.state === 'needs-review') setWarn(t('risk.reasonHits'));
    return true;
  }

  /** Accept every undecided risk with one reason (each gets its own decision and audit entry). */
  async function acceptAll(text: string): Promise<boolean> {
    const lengths = new Map(check.quotes.map((q) => [quoteSubject(q.segmentId), q.quoteLength]));
    for (const p of check.pending) {
      const quoteLength = lengths.get(p.subject);
      if (!(await save({ subject: p.subject, action: 'accept', reason: text, ...(quoteLength !== undefined ? { quoteLength } : {}) }))) return false;
    }
    return true;
  }

  const applyGen = (id: GeneralisationId): void => void save({ subject: STUDY_SUBJECT, action: 'generalise', generalisations: [...check.generalisations, id] });
  const pendingInformants = check.assessment.atRisk.filter((r) => check.pending.some((p) => p.subject === informantSubject(r.key)));
  const pendingQuotes = check.quotes.filter((q) => check.pending.some((p) => p.subject === quoteSubject(q.segmentId)));
  const decided = (data.riskDecisions ?? []).filter((d) => d.subject !== STUDY_SUBJECT).length;
  const quoteText = new Map(data.segments.map((s) => [s.id, s.quote]));
  const attrName = (a: string): string => t(`risk.attr.${a}`, { defaultValue: a });

  const acceptForm = (subject: string, quoteLength?: number) =>
    ask?.subject === subject ? (
      // Not a <form>: the panel sits inside the report's form.
      <div className="rk-reason">
        <label className="field">
          {t('risk.reason')}
          <input value={reason} onChange={(e) => setReason(e.target.value)} data-testid="risk-reason" />
        </label>
        <button
          type="button"
          className="primary"
          data-testid="risk-reason-save"
          disabled={reason.trim() === ''}
          onClick={() =>
            void (subject === '*' ? acceptAll(reason) : save({ subject, action: 'accept', reason, ...(quoteLength !== undefined ? { quoteLength } : {}) })).then((ok) => {
              if (ok) {
                setAsk(null);
                setReason('');
              }
            })
          }
        >
          {t('risk.save')}
        </button>
        <button type="button" onClick={() => setAsk(null)}>{t('risk.cancel')}</button>
      </div>
    ) : null;

  return (
    <section className="card rk-panel" aria-labelledby="rk-h" data-testid="risk-panel" data-pending={check.pending.length}>
      <h2 id="rk-h">{t('risk.title')}</h2>
      <p className="muted">{t('risk.intro', { k: check.k })}</p>
      <p role="status" data-testid="risk-summary">{check.pending.length === 0 ? t('risk.none', { decided }) : `${t('risk.pending', { count: check.pending.length })} · ${t('risk.decided', { count: decided })}`}</p>
      {warn && <p className="notice warn">{warn}</p>}

      {check.pending.length > 1 && (
        <div className="rk-actions">
          <button type="button" onClick={() => { setAsk({ subject: '*' }); setReason(''); }} data-testid="risk-accept-all">{t('risk.acceptAll', { count: check.pending.length })}</button>
        </div>
      )}
      {acceptForm('*')}

      <h3>{t('risk.generalisations')}</h3>
      {check.generalisations.length > 0 && <p data-testid="risk-applied">{t('risk.applied', { list: check.generalisations.map((g) => t(`risk.gen.${g}`)).join(', ') })}</p>}
      <ul className="rk-list">
        {check.effects.map((e) => (
          <li key={e.id} data-testid={`risk-gen-${e.id}`}>
            <span>{t(`risk.gen.${e.id}`)}</span> <span className="muted">{t('risk.effect', { before: e.before, after: e.after })}</span>{' '}
            <button type="button" onClick={() => applyGen(e.id)} data-testid={`risk-apply-${e.id}`}>{t('risk.apply')}</button>
          </li>
        ))}
      </ul>

      {pendingInformants.length > 0 && (
        <>
          <h3>{t('risk.informants')}</h3>
          <ul className="rk-list">
            {pendingInformants.map((r) => {
              const subject = informantSubject(r.key);
              const resolvers = check.effects.filter((e) => e.resolved.includes(r.key));
              return (
                <li key={r.key} data-testid="risk-informant" data-label={r.label}>
                  <div>
                    {t('risk.informantLine', { label: r.label, size: r.classSize, combo: r.combination.length > 0 ? r.combination.map(attrName).join(' + ') : t('risk.wholeStudy') })}
                    {r.unique && <span className="badge">{t('risk.unique')}</span>}
                    {r.missing.length > 0 && <span className="badge">{t('risk.missing', { attrs: r.missing.map(attrName).join(', ') })}</span>}
                  </div>
                  {resolvers.length > 0 && <div className="muted">{t('risk.resolvedBy', { list: resolvers.map((e) => t(`risk.gen.${e.id}`)).join(', ') })}</div>}
                  <div className="rk-actions">
                    <button type="button" onClick={() => { setAsk({ subject }); setReason(''); }}>{t('risk.accept')}</button>
                    {resolvers[0] && (
                      <button type="button" onClick={() => applyGen(resolvers[0]!.id)}>{t('risk.generalise')}</button>
                    )}
                    <button type="button" onClick={() => void save({ subject, action: 'leave-out' })}>{t('risk.leaveOut')}</button>
                  </div>
                  {acceptForm(subject)}
                </li>
              );
            })}
          </ul>
        </>
      )}

      {pendingQuotes.length > 0 && (
        <>
          <h3>{t('risk.quotes')}</h3>
          <ul className="rk-list">
            {pendingQuotes.map((q) => {
              const subject = quoteSubject(q.segmentId);
              const text = quoteText.get(q.segmentId) ?? '';
              return (
                <li key={q.segmentId} data-testid="risk-quote" data-label={q.label}>
                  <div>
                    <strong>{q.label}</strong>: «{text}»
                  </div>
                  <ul>
                    {q.hits.map((h) => (
                      <li key={`${h.start}`}>
                        <span className="badge">{t(`risk.kind.${h.kind}`)}</span> <mark>{h.text}</mark> – {t('risk.suggest', { rewrite: h.rewrite })}
                      </li>
                    ))}
                  </ul>
                  <div className="rk-actions">
                    <button type="button" onClick={() => { setAsk({ subject, quoteLength: q.quoteLength }); setReason(''); }}>{t('risk.accept')}</button>
                    <button
                      type="button"
                      data-testid="risk-quote-generalise"
                      onClick={() => void save({ subject, action: 'generalise', quoteLength: q.quoteLength, rewrites: q.hits.map((h) => ({ start: h.start, end: h.end, text: h.rewrite, kind: h.kind })) })}
                    >
                      {t('risk.generalise')}
                    </button>
                    <button type="button" onClick={() => void save({ subject, action: 'leave-out', quoteLength: q.quoteLength })}>{t('risk.leaveOut')}</button>
                  </div>
                  {acceptForm(subject, q.quoteLength)}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
