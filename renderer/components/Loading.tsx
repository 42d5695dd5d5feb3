import { useTranslation } from 'react-i18next';

/**
 * What a screen shows while its data loads. `data-testid="loading"` is the app's own "not ready yet"
 * signal: end-to-end tests wait for every one of them to go (never for time).
 */
export function Loading({ label, className = 'muted' }: { label?: string; className?: string }) {
  const { t } = useTranslation();
  return (
    <p className={className} role="status" data-testid="loading">
      {label ?? t('app.loading')}
    </p>
  );
}
