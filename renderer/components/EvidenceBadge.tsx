/**
 * Evidence strength of one journey cell as HTML (the presentation's cards, the insights lane): the
 * same three-bar cue as the map (shared/charts/evidenceBars.ts) with the level in words beside it
 * and the full sentence for screen readers. `hidden`: a small cell in a sharing view (no counts).
 */
import { useTranslation } from 'react-i18next';
import type { CellEvidence } from '../../shared/analysis';
import { EVIDENCE_BARS, evidenceStringsFor } from '../../shared/charts';

export function EvidenceBadge({ evidence, hidden, smallCell }: { evidence: CellEvidence; hidden: boolean; smallCell: number }) {
  const { i18n } = useTranslation();
  const words = evidenceStringsFor(i18n.language === 'en' ? 'en' : i18n.language === 'nn' ? 'nn' : 'nb');
  const filled = EVIDENCE_BARS[evidence.level];
  const sentence = words.describe(evidence, hidden, smallCell);
  return (
    <span className="evidence-badge" data-testid="evidence-badge" data-level={evidence.level} title={sentence}>
      <span className="evidence-bars" aria-hidden="true">
        {[0, 1, 2].map((b) => (
          <span key={b} className={b < filled ? 'bar on' : 'bar'} style={{ height: `${0.45 + b * 0.3}em` }} />
        ))}
      </span>
      <span aria-hidden="true">{words.level[evidence.level]}</span>
      <span className="sr-only">{sentence}</span>
    </span>
  );
}
