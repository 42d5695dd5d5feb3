/** The risk panel, for every screen that exports a sharing output (issue 20). */
export { RiskPanel, useRiskCheck } from './RiskPanel';
