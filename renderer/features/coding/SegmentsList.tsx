import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import { VALENCES, type Code, type Interview, type Segment, type Study, type Valence } from '../../../shared/model';
import { buildIndex, filterIndices, type AnalysisFilter } from '../../../shared/analysis/filter';
import { fold } from '../../../shared/coding';
import { VALENCE_GLYPH } from './draft';

/**
 * Segments with filters (stage, situation, actor, valence, code, group, coder) and a folded text
 * search over quote and note; virtualised, so 50,000 rows scroll like 50. Counts update live
 * because the list is derived from live queries.
 */
export function SegmentsList({ study, codes, interviews, segments, compact = false, onOpen }: {
  study: Study;
  codes: readonly Code[];
  interviews: readonly Interview[];
  segments: readonly Segment[];
  compact?: boolean;
  onOpen: (s: Segment) => void;
}) {
  const { t } = useTranslation();
  const [f, setF] = useState<{ stage: string; situation: string; actor: string; valence: string; code: string; group: string; coder: string; q: string }>({
    stage: '', situation: '', actor: '', valence: '', code: '', group: '', coder: '', q: '',
  });
  // A list of everything coded (both coders unless filtered), not an analysis: no final-coding rule.
  const index = useMemo(() => buildIndex({ study, codes, interviews, segments }, { final: false }), [study, codes, interviews, segments]);
  const folded = useMemo(() => segments.map((s) => fold(`${s.quote} ${s.note}`)), [segments]);
  const shown = useMemo(() => {
    const filter: AnalysisFilter = {
      ...(f.stage ? { stageIds: [f.stage] } : {}),
      ...(f.situation ? { situationIds: [f.situation] } : {}),
      ...(f.actor ? { actorIds: [f.actor] } : {}),
      ...(f.valence ? { valences: [f.valence as Valence] } : {}),
      ...(f.code ? { codeIds: [f.code] } : {}),
      ...(f.group ? { groupIds: [f.group] } : {}),
      ...(f.coder ? { coderId: f.coder } : {}),
    };
    const idx = filterIndices(index, filter);
    const q = fold(f.q.trim());
    const out: Segment[] = [];
    for (const i of idx) if (!q || (folded[i] ?? '').includes(q)) out.push(segments[i] as Segment);
    return out;
  }, [index, f, folded, segments]);

  const stageLabel = useMemo(() => new Map(study.stages.map((s) => [s.id, s.short ?? s.label])), [study.stages]);
  const sitLabel = useMemo(() => new Map(study.situations.map((s) => [s.id, s.short ?? s.label])), [study.situations]);
  const codeById = useMemo(() => new Map(codes.map((c) => [c.id, c])), [codes]);
  const ivCode = useMemo(() => new Map(interviews.map((iv) => [iv.id, iv.code])), [interviews]);
  const coderInitials = useMemo(() => new Map(study.coders.map((c) => [c.id, c.initials])), [study.coders]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: shown.length, getScrollElement: () => scrollRef.current, estimateSize: () => 64, overscan: 8 });
  const set = (k: keyof typeof f) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setF({ ...f, [k]: e.target.value });
  const sel = (k: keyof typeof f, label: string, opts: { id: string; label: string }[]) => (
    <label className="field">
      {label}
      <select value={f[k]} onChange={set(k)} data-testid={`seg-filter-${k}`}>
        <option value="">{t('common.all')}</option>
        {opts.map((o) => <option key={o.id} value={o.id}>{o.label}</option>)}
      </select>
    </label>
  );

  return (
    <section className={`segments-list card${compact ? ' compact' : ''}`} aria-label={t('coding.segments.title')}>
      <div className="toolbar" role="search">
        <label className="field">
          {t('coding.segments.search')}
          <input type="search" value={f.q} onChange={set('q')} data-testid="seg-search" />
        </label>
        {sel('stage', t('coding.dim.stage'), study.stages.map((s) => ({ id: s.id, label: s.label })))}
        {sel('situation', t('coding.dim.situation'), study.situations.map((s) => ({ id: s.id, label: s.short ?? s.label })))}
        {sel('valence', t('coding.dim.valence'), VALENCES.map((v) => ({ id: v, label: `${VALENCE_GLYPH[v]} ${study.valenceLabels[v]}` })))}
        {sel('actor', t('coding.dim.actors'), study.actors.map((a) => ({ id: a.id, label: a.short ?? a.label })))}
        {sel('code', t('coding.dim.codes'), codes.map((c) => ({ id: c.id, label: c.name })))}
        {compact ? null : sel('group', t('coding.segments.group'), study.groups.map((g) => ({ id: g.id, label: g.label })))}
        {sel('coder', t('coding.segments.coder'), study.coders.map((c) => ({ id: c.id, label: c.name })))}
      </div>
      <p className="muted" aria-live="polite" data-testid="seg-count">{t('coding.segments.count', { shown: shown.length, total: segments.length })}</p>
      <div ref={scrollRef} className="seg-scroll" data-testid="segment-list">
        <ul style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((vi) => {
            const s = shown[vi.index] as Segment;
            return (
              <li key={s.id} data-index={vi.index} ref={virtualizer.measureElement} style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${vi.start}px)` }}>
                <button type="button" className="seg-row" onClick={() => onOpen(s)} data-testid="segment-row" data-segment={s.id}>
                  <span className={`vglyph v-${s.valence ?? 'none'}`} aria-label={s.valence ? study.valenceLabels[s.valence] : t('coding.noValence')}>
                    {s.valence ? VALENCE_GLYPH[s.valence] : '·'}
                  </span>
                  <span className="seg-body">
                    <span className="seg-quote" title={s.quote.length > 160 ? s.quote : undefined}>{s.anchor === 'lost' ? <span className="badge lost">{t('coding.lost')}</span> : null}{s.kind === 'wish' ? <span className="badge wish">{t('coding.kind.wishShort')}</span> : null} «{s.quote.length > 160 ? `${s.quote.slice(0, 160)} …` : s.quote}»</span>
                    <span className="seg-meta">
                      {compact ? '' : `${ivCode.get(s.interviewId) ?? ''} `}{s.participantId}
                      {s.stageId ? ` · ${stageLabel.get(s.stageId) ?? s.stageId}` : ''}
                      {s.situationId ? ` · ${sitLabel.get(s.situationId) ?? s.situationId}` : ''}
                      {s.codeIds.map((id) => (
                        <span key={id} className="chip small"><span className="swatch" style={{ background: codeById.get(id)?.color }} aria-hidden="true" />{codeById.get(id)?.name ?? id}</span>
                      ))}
                      <span className="coder"> {coderInitials.get(s.coderId) ?? s.coderId}</span>
                    </span>
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}
