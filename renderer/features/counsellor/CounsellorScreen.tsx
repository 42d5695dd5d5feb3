import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CounsellorCategory as CounsellorCategorySchema, type CounsellorAssessment, type CounsellorCategory } from '../../../shared/model';
import { studyAssessments } from '../../../shared/analysis/counsellor';
import { appDb, saveOverride } from '../../db';
import { useStudyData } from '../../db/hooks';
import { tracked } from '../../components/SaveIndicator';
import { showToast } from '../../components/Toasts';
import { formatDate } from '../../app/format';
import type { ScreenProps } from '../../app/features';
import { useCurrentCoder } from '../coding';
import { VALENCE_GLYPH } from '../coding';
import '../coding/coding.css';
import { Loading } from '../../components/Loading';
import { TypedTextHits } from '../../components/TypedTextHits';
import { textReviewed } from '../../../shared/model/gate';
import { typedTextReview } from '../../../shared/model/typed-text';
import { NotForSharing } from '../../components/NotForSharing';

/** Per informant: the counsellor category derived by assessCounsellor (the method's rule), its evidence, and overrides with reasons. */
export function CounsellorScreen({ study }: ScreenProps) {
  const { t } = useTranslation();
  const data = useStudyData(study.id);
  const coderId = useCurrentCoder(study);
  const [group, setGroup] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const list = useMemo(
    // Final coding only (shared/analysis/final.ts): a second coder's copy is not evidence twice.
    () => (data ? studyAssessments(data) : []),
    [data],
  );
  if (!data) return <Loading />;
  const shown = list.filter((a) => !group || a.groupId === group);
  const coderName = study.coders.find((c) => c.id === coderId)?.name ?? coderId ?? '';
  const groupLabel = new Map(study.groups.map((g) => [g.id, g.short ?? g.label]));

  return (
    <div>
      <div className="page-head"><h1>{t('counsellor.title')}</h1><NotForSharing /></div>
      <p className="muted">{t('counsellor.rule')}</p>
      <div className="toolbar">
        <label className="field">{t('counsellor.group')}
          <select value={group} onChange={(e) => setGroup(e.target.value)} data-testid="counsellor-group">
            <option value="">{t('common.all')}</option>
            {study.groups.map((g) => <option key={g.id} value={g.id}>{g.label}</option>)}
          </select>
        </label>
        <span className="muted" data-testid="counsellor-count">{t('counsellor.count', { count: shown.length })}</span>
      </div>
      <section className="card">
        <table className="data" data-testid="counsellor-table">
          <thead><tr><th scope="col">{t('counsellor.informant')}</th><th scope="col">{t('counsellor.group')}</th><th scope="col">{t('counsellor.category')}</th><th scope="col">{t('counsellor.evidence')}</th><th scope="col" /></tr></thead>
          <tbody>
            {shown.map((a) => (
              <tr key={a.informantKey} data-informant={`${a.interviewCode}-${a.participantId}`}>
                <th scope="row">{a.interviewCode} {a.participantId}</th>
                <td>{groupLabel.get(a.groupId) ?? a.groupId}</td>
                <td>
                  <span className={`badge cat-${a.category}`}>{t(`counsellor.cat.${a.category}`)}</span>
                  {a.override ? (
                    <div className="muted" style={{ fontSize: 13 }} data-testid="override-note">
                      {t('counsellor.overridden', { derived: t(`counsellor.cat.${a.derived}`), by: a.override.by, date: formatDate(a.override.at) })}: «{a.override.reason}»
                      {a.override.review && !textReviewed(a.override) ? <> <span className="badge warn" data-testid="reason-held-back">{t('typedText.badge')}</span></> : null}
                    </div>
                  ) : null}
                </td>
                <td>
                  <ul className="evidence">
                    {a.evidence.map((s) => (
                      <li key={s.id} title={s.quote.length > 140 ? s.quote : undefined}><span className={`vglyph v-${s.valence ?? 'none'}`} aria-label={s.valence ? study.valenceLabels[s.valence] : ''}>{s.valence ? VALENCE_GLYPH[s.valence] : '·'}</span> «{s.quote.length > 140 ? `${s.quote.slice(0, 140)} …` : s.quote}»</li>
                    ))}
                  </ul>
                </td>
                <td>
                  {editing === a.informantKey ? (
                    <OverrideForm a={a} onDone={() => setEditing(null)} save={async (category, reason, confirmed) => {
                      const by = coderName || 'ukjent';
                      const at = new Date().toISOString();
                      // The reason is typed text: scanned as it is saved; unresolved hits keep it out of every door out.
                      const review = typedTextReview(reason, by, at, { confirmed });
                      const r = await tracked(() => saveOverride(appDb(), { id: crypto.randomUUID(), studyId: study.id, interviewId: a.interviewId, participantId: a.participantId, category, reason, by, at, review }));
                      if (!r.ok) showToast({ kind: 'error', message: t('counsellor.failed') });
                      else {
                        if (review.state !== 'reviewed') showToast({ message: t('typedText.heldBackSaved') });
                        setEditing(null);
                      }
                    }} />
                  ) : (
                    <button type="button" className="ghost" onClick={() => setEditing(a.informantKey)}>{t('counsellor.override')} <span className="sr-only">{a.interviewCode} {a.participantId}</span></button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

function OverrideForm({ a, save, onDone }: { a: CounsellorAssessment; save: (c: CounsellorCategory, reason: string, confirmed: string[]) => Promise<void>; onDone: () => void }) {
  const { t } = useTranslation();
  const [category, setCategory] = useState<CounsellorCategory>(a.category);
  // A reason held back for unresolved hits opens for its author to edit or confirm.
  const flagged = a.override?.review !== undefined && !textReviewed(a.override);
  const [reason, setReason] = useState(flagged ? (a.override?.reason ?? '') : '');
  const [confirmed, setConfirmed] = useState<string[]>([]);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const [error, setError] = useState(false);
  return (
    <form onSubmit={(e) => { e.preventDefault(); if (!reason.trim()) { setError(true); return; } void save(category, reason.trim(), confirmed); }} data-testid="override-form">
      <label className="field">{t('counsellor.category')}
        <select value={category} onChange={(e) => setCategory(e.target.value as CounsellorCategory)}>
          {CounsellorCategorySchema.options.map((c) => <option key={c} value={c}>{t(`counsellor.cat.${c}`)}</option>)}
        </select>
      </label>
      <label className="field">{t('counsellor.reason')}
        <textarea ref={reasonRef} value={reason} onChange={(e) => setReason(e.target.value)} required aria-invalid={error} aria-describedby={error ? 'reason-err' : undefined} autoFocus data-testid="override-reason" />
      </label>
      <TypedTextHits text={reason} confirmed={confirmed} onConfirm={(v) => setConfirmed((c) => [...c, v])} onEdit={() => reasonRef.current?.focus()} testId="reason-hits" />
      {error ? <p className="field-error" id="reason-err">{t('counsellor.reasonRequired')}</p> : null}
      <div className="form-actions"><button type="button" onClick={onDone}>{t('common.cancel')}</button><button type="submit" className="primary">{t('common.save')}</button></div>
    </form>
  );
}
