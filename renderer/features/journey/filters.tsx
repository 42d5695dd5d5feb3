/** The journey screen's filter bar: group, format, mode, actor, code, and as-is / to-be. */
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { codeTreeOrder, type AnalysisFilter, type StudyIndex } from '../../../shared/analysis';
import type { InterviewFormat, InterviewMode, SegmentKind } from '../../../shared/model';
import { AttributeFilters, toAttributeFilter, type AttributeFilterState } from '../informants';

export interface JourneyFilterState {
  groupId: string;
  format: '' | InterviewFormat;
  mode: '' | InterviewMode;
  actorId: string;
  codeId: string;
  kind: SegmentKind | 'all';
  /** Informant attributes: variable id → value ('' = all). */
  attrs?: AttributeFilterState;
}

export const EMPTY_FILTER: JourneyFilterState = { groupId: '', format: '', mode: '', actorId: '', codeId: '', kind: 'experience' };

/** '' means "all": the analysis filter then has no constraint on that dimension. */
export function toAnalysisFilter(f: JourneyFilterState): AnalysisFilter {
  return {
    groupIds: f.groupId ? [f.groupId] : [],
    formats: f.format ? [f.format] : [],
    modes: f.mode ? [f.mode] : [],
    actorIds: f.actorId ? [f.actorId] : [],
    codeIds: f.codeId ? [f.codeId] : [],
    kind: f.kind,
    attributes: toAttributeFilter(f.attrs),
  };
}

const FORMATS: readonly InterviewFormat[] = ['individual', 'group'];
const MODES: readonly InterviewMode[] = ['digital', 'in-person', 'drawing-workshop'];
const KINDS: readonly (SegmentKind | 'all')[] = ['experience', 'wish', 'all'];

/** Memoised: it re-renders when the filter or the study changes, not when the charts below do. */
export const JourneyFilters = memo(function JourneyFilters({ index, value, onChange }: { index: StudyIndex; value: JourneyFilterState; onChange: (patch: Partial<JourneyFilterState>) => void }) {
  const { t } = useTranslation();
  const study = index.study;
  const codes = useMemo(() => codeTreeOrder(index), [index]);
  return (
    <div className="toolbar journey-filters" role="group" aria-label={t('journey.filters.label')} data-testid="journey-filters">
      <label className="field">
        <span>{t('journey.filters.group')}</span>
        <select value={value.groupId} onChange={(e) => onChange({ groupId: e.target.value })} data-testid="filter-group">
          <option value="">{t('journey.filters.all')}</option>
          {study.groups.map((g) => (
            <option key={g.id} value={g.id}>{g.label}</option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('journey.filters.format')}</span>
        <select value={value.format} onChange={(e) => onChange({ format: e.target.value as JourneyFilterState['format'] })} data-testid="filter-format">
          <option value="">{t('journey.filters.all')}</option>
          {FORMATS.map((f) => (
            <option key={f} value={f}>{t(`journey.formats.${f}`)}</option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('journey.filters.mode')}</span>
        <select value={value.mode} onChange={(e) => onChange({ mode: e.target.value as JourneyFilterState['mode'] })} data-testid="filter-mode">
          <option value="">{t('journey.filters.all')}</option>
          {MODES.map((m) => (
            <option key={m} value={m}>{t(`journey.modes.${m}`)}</option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('journey.filters.actor')}</span>
        <select value={value.actorId} onChange={(e) => onChange({ actorId: e.target.value })} data-testid="filter-actor">
          <option value="">{t('journey.filters.all')}</option>
          {study.actors.map((a) => (
            <option key={a.id} value={a.id}>{a.label}</option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('journey.filters.code')}</span>
        <select value={value.codeId} onChange={(e) => onChange({ codeId: e.target.value })} data-testid="filter-code">
          <option value="">{t('journey.filters.all')}</option>
          {codes.map(({ id, depth }) => (
            <option key={id} value={id}>{`${'\u00A0\u00A0'.repeat(depth)}${index.codeById.get(id)?.name ?? id}`}</option>
          ))}
        </select>
      </label>
      <AttributeFilters studyId={study.id} value={value.attrs ?? {}} onChange={(attrs) => onChange({ attrs })} />
      <fieldset className="segmented" data-testid="filter-kind">
        <legend>{t('journey.filters.kind')}</legend>
        {KINDS.map((k) => (
          <label key={k} className={value.kind === k ? 'on' : undefined}>
            <input type="radio" name="journey-kind" value={k} checked={value.kind === k} onChange={() => onChange({ kind: k })} />
            {t(`journey.kinds.${k}`)}
          </label>
        ))}
      </fieldset>
    </div>
  );
});
