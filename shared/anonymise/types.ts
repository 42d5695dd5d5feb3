/** What the detectors find. Offsets are UTF-16 code units into the text as given (the detectors read a folded copy, see normalise.ts, and map back). */

export const HIT_KINDS = ['FNR', 'DUF', 'TLF', 'EPOST', 'URL', 'ADRESSE', 'POSTSTED', 'NAVN', 'SKOLE', 'TERM'] as const;
export type HitKind = (typeof HIT_KINDS)[number];

export interface Hit {
  start: number;
  end: number;
  kind: HitKind;
  /** 0–1. Below SUGGEST_THRESHOLD a hit is shown as uncertain, not pre-selected. */
  confidence: number;
  /** `text.slice(start, end)`, for the review list. Never logged or stored. */
  text: string;
  /** A stable code (e.g. `fnr.checksum`, `name.cue.heter`) for the UI to translate; never the value. */
  reason: string;
  /** The tag kind the value becomes: NAVN, SKOLE, STED, ADRESSE (numbered) or TLF, FNR, EPOST, URL, DUF. */
  suggestedTag: string;
}

/** A user-maintained study term (schools, teachers, places) that is always replaced. */
export interface TermSpec {
  term: string;
  /** Tag kind, e.g. NAVN, SKOLE, STED, LÆRER. */
  kind: string;
}

export interface DetectOptions {
  terms?: readonly TermSpec[];
  /** Hits below this confidence are dropped. Default DEFAULT_MIN_CONFIDENCE (0.5). */
  minConfidence?: number;
  /** Values never flagged (case-insensitive), e.g. the method's persona "Kim". */
  allow?: readonly string[];
  /** Run only these detectors (default: all). */
  only?: readonly HitKind[];
}

/** Everything at or above this is worth showing to the reviewer. */
export const DEFAULT_MIN_CONFIDENCE = 0.5;
/** At or above this the review screen pre-selects a hit; below it the hit is "uncertain". */
export const SUGGEST_THRESHOLD = 0.6;

/** Names that are never identifiers: the method's persona, Kim, is a name by design. */
export const ALWAYS_ALLOWED: readonly string[] = ['Kim'];
