/**
 * Import and export: the whole study as a `.reisekart` bundle (optionally encrypted), CSV tables,
 * REFI-QDA `.qdpx`/`.qdc`; imports staged and checked before one transaction commits, with a
 * backup snapshot first (renderer/backup). The formats are documented in docs/exchange.md.
 */
import { useTranslation } from 'react-i18next';
import type { ScreenProps } from '../../app/features';
import { ExportPanel } from './ExportPanel';
import { ImportPanel } from './ImportPanel';
import './exchange.css';

export function ExchangeScreen({ study }: ScreenProps) {
  const { t } = useTranslation();
  return (
    <div className="exchange-screen" data-testid="exchange-screen">
      <div className="page-head">
        <h1>{t('exchange.title')}</h1>
      </div>
      <ExportPanel study={study} />
      <ImportPanel study={study} />
    </div>
  );
}
