/** What other features may use of import/export: issue lists and failure texts. */
export { IssueList, bulkFailureText, issueText, stoppedText } from './common';
