/**
 * "Ikke for deling": the mark on researchers' own screens that show raw counts or text that is not
 * (yet) reviewed (PRIVACY.md: "Researchers' own screens may show raw counts, marked 'not for
 * sharing'; sharing outputs never do"). It sits in the page head, never inside a chart layout, so
 * no export, presentation or PDF can carry it.
 */
import { useTranslation } from 'react-i18next';

export function NotForSharing() {
  const { t } = useTranslation();
  return (
    <span className="badge not-for-sharing" title={t('notForSharing.hint')} data-testid="not-for-sharing">
      {t('notForSharing.label')}
    </span>
  );
}
