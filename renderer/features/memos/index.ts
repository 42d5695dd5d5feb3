/** What other features use of the memos feature (a feature imports another only through its index). */
export { MemoPanel, type MemoPanelHandle, type MemoPanelProps } from './MemoPanel';
export { MemoText } from './MemoText';
export { WorkbenchMemos, type WorkbenchMemosHandle } from './WorkbenchMemos';
