/**
 * Notater: every memo of the study in one list, newest first — searchable (case- and
 * diacritic-insensitive) and filtered by kind, with the flagged ones (identifiers not yet resolved
 * by their author) on a filter of their own; and the study's research journal.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fold } from '../../../shared/coding/search';
import { MEMO_KINDS, type Memo, type MemoKind } from '../../../shared/model';
import { markdownLightToPlain } from '../../../shared/text/markdown-light';
import type { ScreenProps } from '../../app/features';
import { useMemos, useStudyCodes } from '../../db';
import { useInterviews } from '../../db/hooks';
import { Loading } from '../../components/Loading';
import { MemoItem } from './MemoItem';
import { MemoPanel } from './MemoPanel';
import './memos.css';

export function MemosScreen({ study }: ScreenProps) {
  const { t } = useTranslation();
  const memos = useMemos(study.id);
  const interviews = useInterviews(study.id);
  const codes = useStudyCodes(study.id);
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<MemoKind | ''>('');
  const [flaggedOnly, setFlaggedOnly] = useState(false);
  const ivCode = useMemo(() => new Map((interviews ?? []).map((iv) => [iv.id, iv.code])), [interviews]);
  const codeName = useMemo(() => new Map((codes ?? []).map((c) => [c.id, c.name])), [codes]);
  const folded = useMemo(() => new Map((memos ?? []).map((m) => [m.id, fold(markdownLightToPlain(m.text))])), [memos]);
  if (!memos || !interviews || !codes) return <Loading />;

  const contextOf = (m: Memo): string => {
    const parts: string[] = [];
    if (m.target.interviewId) parts.push(ivCode.get(m.target.interviewId) ?? t('memo.missingTarget'));
    if (m.target.codeId) parts.push(codeName.get(m.target.codeId) ?? t('memo.missingTarget'));
    if (m.target.stageId) parts.push(study.stages.find((s) => s.id === m.target.stageId)?.label ?? m.target.stageId);
    if (m.target.situationId) parts.push(study.situations.find((s) => s.id === m.target.situationId)?.label ?? m.target.situationId);
    return parts.join(' · ');
  };
  const q = fold(query.trim());
  const shown = memos.filter((m) => (kind === '' || m.kind === kind) && (!flaggedOnly || m.review.state !== 'reviewed') && (q === '' || (folded.get(m.id) ?? '').includes(q) || fold(contextOf(m)).includes(q)));
  const flagged = memos.filter((m) => m.review.state !== 'reviewed').length;

  return (
    <div className="memos-screen" data-testid="memos-screen">
      <div className="page-head">
        <h1>{t('memo.title')}</h1>
      </div>
      <p className="muted">{t('memo.intro')}</p>
      {flagged > 0 ? (
        <p className="notice warn" data-testid="memos-flagged-notice">{t('memo.flagged.notice', { count: flagged })}</p>
      ) : null}
      <div className="card">
        <MemoPanel studyId={study.id} kind="study" target={{}} testId="memos-journal" />
      </div>
      <section className="card" aria-labelledby="memos-all-h">
        <h2 id="memos-all-h">{t('memo.all')}</h2>
        <div className="toolbar">
          <label className="field">
            {t('memo.search')}
            <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} data-testid="memos-search" />
          </label>
          <label className="field">
            {t('memo.kindFilter')}
            <select value={kind} onChange={(e) => setKind(e.target.value as MemoKind | '')} data-testid="memos-kind">
              <option value="">{t('common.all')}</option>
              {MEMO_KINDS.map((k) => (
                <option key={k} value={k}>{t(`memo.kinds.${k}`)}</option>
              ))}
            </select>
          </label>
          <label className="field inline">
            <input type="checkbox" checked={flaggedOnly} onChange={(e) => setFlaggedOnly(e.target.checked)} data-testid="memos-flagged" />
            {t('memo.flaggedOnly')}
          </label>
          <span className="muted" data-testid="memos-count" data-count={shown.length}>{t('memo.count', { count: shown.length, total: memos.length })}</span>
        </div>
        {shown.length === 0 ? <p className="muted">{memos.length === 0 ? t('memo.none') : t('memo.noMatch')}</p> : null}
        <ul className="memo-list" data-testid="memos-list">
          {shown.map((m) => (
            <MemoItem key={m.id} memo={m} context={contextOf(m)} />
          ))}
        </ul>
      </section>
    </div>
  );
}
