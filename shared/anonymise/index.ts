/** The anonymiser's public API: detect candidate identifiers, then pseudonymise accepted ones. */
export { detectIdentifiers, resolveOverlaps } from './detect';
export { pseudonymise, rebaseTurns, normaliseValue, hashValue, UNNUMBERED_TAGS } from './pseudonymise';
export type { AcceptedHit, PseudonymiseOptions, PseudonymiseResult, PseudonymiseIssue, OffsetBias } from './pseudonymise';
export { fnrCheckDigits, fnrChecksumValid, fnrVariant } from './fnr';
export type { FnrVariant } from './fnr';
export { ALWAYS_ALLOWED, HIT_KINDS, DEFAULT_MIN_CONFIDENCE, SUGGEST_THRESHOLD } from './types';
export type { Hit, HitKind, TermSpec, DetectOptions } from './types';
