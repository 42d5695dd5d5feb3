/**
 * Informant attributes as filters on the analysis screens: one select per category variable
 * (the study's variables, live). '' means "all". Number and text variables are not offered as
 * filters (a number would need ranges; a text is free text about a minor).
 */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttributeFilter } from '../../../shared/analysis';
import { useVariables } from '../../db';

/** Variable id → the chosen value ('' or absent: all). */
export type AttributeFilterState = Readonly<Record<string, string>>;

export function toAttributeFilter(state: AttributeFilterState | undefined): AttributeFilter {
  const out: Record<string, string[]> = {};
  for (const [id, v] of Object.entries(state ?? {})) if (v !== '') out[id] = [v];
  return out;
}

export const AttributeFilters = memo(function AttributeFilters({ studyId, value, onChange }: { studyId: string; value: AttributeFilterState; onChange: (next: AttributeFilterState) => void }) {
  const { t } = useTranslation();
  const variables = useVariables(studyId);
  const categories = (variables ?? []).filter((v) => v.type === 'category');
  if (categories.length === 0) return null;
  return (
    <>
      {categories.map((v) => (
        <label className="field" key={v.id}>
          <span>{v.label}</span>
          <select value={value[v.id] ?? ''} onChange={(e) => onChange({ ...value, [v.id]: e.target.value })} data-testid={`filter-attr-${v.id}`} aria-label={t('informants.filterBy', { variable: v.label })}>
            <option value="">{t('informants.all')}</option>
            {v.values.map((x) => (
              <option key={x} value={x}>{x}</option>
            ))}
          </select>
        </label>
      ))}
    </>
  );
});
