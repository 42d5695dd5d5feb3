/**
 * Merge conflicts, resolved once (issue 16): each record changed here and by a partner since the
 * last merge, both versions side by side; ours / theirs / keep both, per conflict or for all of a
 * kind. Until then the study holds our version only. Every decision goes to the audit log.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canKeepBoth, resolveConflicts, type Resolution, type ResolutionChoice } from '../../../shared/exchange/merge';
import type { PendingConflict, Revision, Segment, Study, StudyData } from '../../../shared/model';
import type { ScreenProps } from '../../app/features';
import { tracked } from '../../components/SaveIndicator';
import { showToast } from '../../components/Toasts';
import { appDb, writeStudyDiff } from '../../db';
import { useStudyData } from '../../db/hooks';
import { useCurrentCoder } from '../coding';
import '../exchange/exchange.css';

type Kind = 'edit' | 'theirs-deleted' | 'ours-deleted';

function kindOf(c: PendingConflict, data: StudyData): Kind {
  if (c.theirs === null) return 'theirs-deleted';
  const rows = (data[c.entity] ?? []) as unknown as Record<string, unknown>[];
  const key = (r: Record<string, unknown>) => String(c.entity === 'transcripts' ? r.interviewId : r.id);
  return rows.some((r) => key(r) === c.recordId) ? 'edit' : 'ours-deleted';
}

function findOurs(c: PendingConflict, data: StudyData): Record<string, unknown> | null {
  const rows = (data[c.entity] ?? []) as unknown as Record<string, unknown>[];
  return rows.find((r) => String(c.entity === 'transcripts' ? r.interviewId : r.id) === c.recordId) ?? null;
}

/** A segment's attributes in words: quote, stage, situation, actors, valence, codes. */
function segmentRows(s: Segment, study: Study, codeName: (id: string) => string): [string, string][] {
  const label = (list: readonly { id: string; label: string }[], id: string | null) => (id === null ? '—' : (list.find((x) => x.id === id)?.label ?? id));
  return [
    ['quote', `«${s.quote}»`],
    ['stage', label(study.stages, s.stageId)],
    ['situation', label(study.situations, s.situationId)],
    ['actors', s.actorIds.map((a) => label(study.actors, a)).join(', ') || '—'],
    ['valence', s.valence ? study.valenceLabels[s.valence] : '—'],
    ['codes', s.codeIds.map(codeName).join(', ') || '—'],
  ];
}

/** Any other record: its fields that differ between the two versions. */
function genericRows(a: Record<string, unknown> | null, b: Record<string, unknown> | null): string[] {
  const keys = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})]);
  return [...keys].filter((k) => !['rev', 'studyId', 'updatedAt', 'createdAt', 'text', 'turns'].includes(k) && JSON.stringify(a?.[k]) !== JSON.stringify(b?.[k]));
}

function Side({ rec, rev, deleted, data, other }: { rec: Record<string, unknown> | null; rev: Revision | null; deleted: string; data: StudyData; other: Record<string, unknown> | null }) {
  const { t } = useTranslation();
  const coder = (id: string) => data.study.coders.find((c) => c.id === id)?.name ?? (id || '—');
  const codeName = (id: string) => data.codes.find((c) => c.id === id)?.name ?? id;
  const who = rev && (rev.by || rev.site || rev.at) ? t('merge.by', { who: coder(rev.by), site: rev.site || '—', at: rev.at ? rev.at.slice(0, 16).replace('T', ' ') : '—' }) : '—';
  if (!rec) {
    return (
      <div className="conflict-side deleted">
        <p><strong>{deleted}</strong></p>
        <p className="muted">{who}</p>
      </div>
    );
  }
  const isSegment = 'quote' in rec && 'valence' in rec;
  const theirRows = isSegment && other ? new Map(segmentRows(other as unknown as Segment, data.study, codeName)) : null;
  // [label, value, differs from the other side]
  const rows: [string, string, boolean][] = isSegment
    ? segmentRows(rec as unknown as Segment, data.study, codeName).map(([k, v]) => [t(`merge.field.${k}`), v, theirRows !== null && theirRows.get(k) !== v])
    : genericRows(rec, other).map((k) => [k, typeof rec[k] === 'string' ? (rec[k] as string) : JSON.stringify(rec[k]), true]);
  return (
    <div className="conflict-side">
      <dl>
        {rows.map(([k, v, differs]) => (
          <div key={k} className={differs ? 'differs' : undefined} data-differs={differs ? 'true' : undefined}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
        <div>
          <dt>{t('merge.field.who')}</dt>
          <dd>{who}</dd>
        </div>
      </dl>
    </div>
  );
}

export function ConflictsScreen({ study }: ScreenProps) {
  const { t } = useTranslation();
  const data = useStudyData(study.id);
  const coder = useCurrentCoder(study);
  const [busy, setBusy] = useState(false);
  const groups = useMemo(() => {
    const out = new Map<string, { entity: PendingConflict['entity']; kind: Kind; items: PendingConflict[] }>();
    if (!data) return [];
    for (const c of [...(data.conflicts ?? [])].sort((a, b) => a.id.localeCompare(b.id))) {
      const kind = kindOf(c, data);
      const k = `${c.entity}|${kind}`;
      const g = out.get(k) ?? { entity: c.entity, kind, items: [] };
      g.items.push(c);
      out.set(k, g);
    }
    return [...out.values()];
  }, [data]);

  async function decide(decisions: Resolution[]) {
    if (!data || decisions.length === 0) return;
    setBusy(true);
    try {
      const r = resolveConflicts(data, decisions, { now: new Date().toISOString(), who: coder ?? '', newId: () => crypto.randomUUID() });
      const w = await tracked(() => writeStudyDiff(appDb(), data, r.data));
      if (!w.ok) showToast({ message: 'message' in w ? w.message : t('errors.notFound') });
      else showToast({ message: t('merge.resolved', { count: r.resolved }) });
    } finally {
      setBusy(false);
    }
  }

  if (data === undefined) return <p className="muted">{t('app.loading')}</p>;
  if (data === null) return <p className="notice error">{t('errors.notFound')}</p>;
  const total = data.conflicts?.length ?? 0;
  return (
    <section className="conflicts-screen" data-testid="conflicts-screen" data-state="ready" data-count={total}>
      <h1>{t('merge.title')}</h1>
      <p className="muted">{t('merge.intro')}</p>
      {total === 0 ? <p className="notice ok" data-testid="conflicts-none">{t('merge.none')}</p> : null}
      {groups.map((g) => (
        <section key={`${g.entity}|${g.kind}`} className="card" data-testid="conflict-group" data-entity={g.entity} data-kind={g.kind}>
          <h2>
            {t(`merge.entity.${g.entity}`)} — {t(`merge.kind.${g.kind}`)} ({g.items.length})
          </h2>
          <div className="toolbar">
            <button type="button" disabled={busy} onClick={() => void decide(g.items.map((c) => ({ conflictId: c.id, choice: 'ours' })))} data-testid="all-ours">{t('merge.allOurs')}</button>
            <button type="button" disabled={busy} onClick={() => void decide(g.items.map((c) => ({ conflictId: c.id, choice: 'theirs' })))} data-testid="all-theirs">{t('merge.allTheirs')}</button>
          </div>
          {g.items.map((c) => {
            const ours = findOurs(c, data);
            const choose = (choice: ResolutionChoice) => void decide([{ conflictId: c.id, choice }]);
            return (
              <article key={c.id} className="conflict" data-testid="conflict" data-record={c.recordId}>
                <div className="conflict-sides">
                  <div>
                    <h3>{t('merge.ours')} ({study.site || study.title})</h3>
                    <Side rec={ours} rev={ours ? ((ours.rev as Revision | undefined) ?? c.oursRev) : c.oursRev} deleted={t('merge.deletedHere')} data={data} other={c.theirs} />
                  </div>
                  <div>
                    <h3>{t('merge.theirs')} ({c.partner})</h3>
                    <Side rec={c.theirs} rev={c.theirsRev} deleted={t('merge.deletedThere', { partner: c.partner })} data={data} other={ours} />
                  </div>
                </div>
                <div className="toolbar">
                  <button type="button" disabled={busy} onClick={() => choose('ours')} data-testid="choose-ours">{t('merge.ours')}</button>
                  <button type="button" disabled={busy} onClick={() => choose('theirs')} data-testid="choose-theirs">{t('merge.theirs')}</button>
                  <button type="button" disabled={busy || !canKeepBoth(c) || ours === null} onClick={() => choose('both')} data-testid="choose-both">{t('merge.both')}</button>
                </div>
              </article>
            );
          })}
        </section>
      ))}
    </section>
  );
}
