import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { routeHref } from '../app/router';
import { appDb } from '../db';

/**
 * "n conflicts unresolved" above every analysis screen (issue 16): until a merge conflict is
 * resolved, the study holds — and the analysis counts — our version only, and says so.
 */
export function UnresolvedConflicts({ studyId }: { studyId: string }) {
  const { t } = useTranslation();
  const n = useLiveQuery(() => appDb().conflicts.where('studyId').equals(studyId).count(), [studyId]) ?? 0;
  if (n === 0) return null;
  return (
    <p className="notice warn unresolved-conflicts" role="status" data-testid="unresolved-conflicts" data-count={n}>
      {t('merge.unresolved', { count: n })} <a href={routeHref({ name: 'study', studyId, view: 'conflicts' })}>{t('merge.resolveLink')}</a>
    </p>
  );
}
