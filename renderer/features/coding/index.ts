/** What other features may use of the coding feature. */
export { CoderBar } from './CoderBar';
export { setBlind, setCurrentCoder, setPendingJump, useBlind, useCurrentCoder } from './coderState';
export { VALENCE_GLYPH } from './draft';
