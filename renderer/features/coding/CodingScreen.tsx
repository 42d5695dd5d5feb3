import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Segment } from '../../../shared/model';
import { findAll } from '../../../shared/coding';
import { canCode } from '../../../shared/model';
import { useStudyData } from '../../db/hooks';
import { navigate, routeHref } from '../../app/router';
import type { ScreenProps } from '../../app/features';
import { Workbench } from './Workbench';
import { SegmentsList } from './SegmentsList';
import { setPendingJump, useBlind, useCurrentCoder } from './coderState';
import './coding.css';
import { Loading } from '../../components/Loading';

/** Sub-route of the coding view that shows every segment of the study (the `segments` view). */
export const SEGMENTS_SUB = 'segments';

export function CodingScreen({ study, sub }: ScreenProps) {
  if (sub && sub !== SEGMENTS_SUB) return <Workbench key={sub} study={study} interviewId={sub} />;
  return <CodingHome study={study} tab={sub === SEGMENTS_SUB ? 'segments' : 'interviews'} />;
}

function CodingHome({ study, tab }: { study: ScreenProps['study']; tab: 'interviews' | 'segments' }) {
  const { t } = useTranslation();
  const data = useStudyData(study.id);
  const coderId = useCurrentCoder(study);
  const blind = useBlind(study.id);
  const [q, setQ] = useState('');
  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const s of data?.segments ?? []) m.set(s.interviewId, (m.get(s.interviewId) ?? 0) + 1);
    return m;
  }, [data?.segments]);
  const visible = useMemo(() => (data?.segments ?? []).filter((s) => !blind || s.coderId === coderId), [data?.segments, blind, coderId]);
  const hits = useMemo(() => {
    if (!data || q.trim().length < 2) return [];
    const out: { interviewId: string; code: string; start: number; end: number; context: string }[] = [];
    const code = new Map(data.interviews.map((iv) => [iv.id, iv.code]));
    for (const tr of data.transcripts) {
      for (const h of findAll(tr.text, q, 50)) {
        out.push({ interviewId: tr.interviewId, code: code.get(tr.interviewId) ?? '', ...h, context: tr.text.slice(Math.max(0, h.start - 50), Math.min(tr.text.length, h.end + 50)) });
        if (out.length >= 200) return out;
      }
    }
    return out;
  }, [data, q]);

  if (!data) return <Loading />;
  const open = (s: Segment) => {
    setPendingJump({ interviewId: s.interviewId, start: s.start, end: s.end, segmentId: s.id });
    navigate({ name: 'study', studyId: study.id, view: 'coding', sub: s.interviewId });
  };
  const interviews = [...data.interviews].sort((a, b) => a.code.localeCompare(b.code, 'nb', { numeric: true }));
  const hasTranscript = new Set(data.transcripts.map((x) => x.interviewId));
  const reviewedText = new Set(data.transcripts.filter((x) => canCode(x)).map((x) => x.interviewId));

  return (
    <div>
      <div className="page-head">
        <h1>{t('coding.title')}</h1>
      </div>
      <nav className="tabs" aria-label={t('coding.title')}>
        <a href={routeHref({ name: 'study', studyId: study.id, view: 'coding' })} aria-current={tab === 'interviews' ? 'page' : undefined}>{t('coding.pickTitle')}</a>
        <a href={routeHref({ name: 'study', studyId: study.id, view: 'coding', sub: SEGMENTS_SUB })} aria-current={tab === 'segments' ? 'page' : undefined} data-testid="tab-segments">{t('coding.segments.title')}</a>
      </nav>
      {tab === 'interviews' ? (
        <section className="card">
          <table className="data" data-testid="coding-interviews">
            <thead>
              <tr>
                <th scope="col">{t('interviews.code')}</th>
                <th scope="col">{t('interviews.status')}</th>
                <th scope="col" className="num">{t('coding.segmentsCol')}</th>
                <th scope="col">{t('coding.ready')}</th>
              </tr>
            </thead>
            <tbody>
              {interviews.map((iv) => {
                const ready = reviewedText.has(iv.id);
                return (
                  <tr key={iv.id} data-code={iv.code}>
                    <th scope="row"><a href={routeHref({ name: 'study', studyId: study.id, view: 'coding', sub: iv.id })}>{iv.code}</a></th>
                    <td><span className={`badge status-${iv.status}`}>{t(`interviews.statuses.${iv.status}`)}</span></td>
                    <td className="num">{counts.get(iv.id) ?? 0}</td>
                    <td>{ready ? t('coding.readyYes') : <span className="muted">{hasTranscript.has(iv.id) ? t('coding.readyGate') : t('coding.readyNoTranscript')}</span>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ) : (
        <>
          <section className="card">
            <label className="field">
              {t('coding.search.transcripts')}
              <input type="search" value={q} onChange={(e) => setQ(e.target.value)} data-testid="transcript-search" />
            </label>
            {q.trim().length >= 2 ? (
              <>
                <p className="muted" aria-live="polite" data-testid="transcript-hits">{t('coding.search.hits', { count: hits.length })}</p>
                <ul className="hits">
                  {hits.slice(0, 50).map((h) => (
                    <li key={`${h.interviewId}:${h.start}`}>
                      <a
                        href={routeHref({ name: 'study', studyId: study.id, view: 'coding', sub: h.interviewId })}
                        onClick={() => setPendingJump({ interviewId: h.interviewId, start: h.start, end: h.end })}
                      >
                        {h.code}
                      </a>{' '}
                      <span className="muted">…{h.context}…</span>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </section>
          <SegmentsList study={study} codes={data.codes} interviews={data.interviews} segments={visible} onOpen={open} />
        </>
      )}
    </div>
  );
}
