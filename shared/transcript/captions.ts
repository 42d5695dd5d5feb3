/**
 * Caption files from video meetings → speaker turns → a transcript without names.
 *
 * WebVTT (W3C WebVTT, https://www.w3.org/TR/webvtt1/) as Microsoft Teams writes it: cues carry
 * `<v Speaker Name>text</v>` voice spans; NOTE/STYLE/REGION blocks and cue settings are skipped.
 * SRT as Zoom writes it: numbered cues whose text starts "Speaker Name: text".
 * Speaker names never enter the transcript text: `buildTranscript` writes `P1: …` / `Intervjuer: …`.
 */
import type { Turn } from '../model';
import { normaliseText } from '../text/normalise';

export interface SpeakerTurn {
  /** The speaker's name as the caption file has it; '' when the file names nobody. */
  speaker: string;
  text: string;
}

export interface CaptionIssue {
  file: string;
  /** 1-based line in the (normalised) file. */
  line: number;
  field: 'header' | 'timing' | 'speaker';
  message: string;
}

export type CaptionResult = { ok: true; turns: SpeakerTurn[] } | { ok: false; issues: CaptionIssue[] };

// hh:mm:ss.ttt or mm:ss.ttt (WebVTT §4.4 timestamps); SRT uses a comma before the milliseconds.
const VTT_TIME = String.raw`(?:\d{1,3}:)?[0-5]\d:[0-5]\d\.\d{3}`;
const SRT_TIME = String.raw`\d{1,3}:[0-5]\d:[0-5]\d[,.]\d{3}`;
const VTT_TIMING = new RegExp(`^(${VTT_TIME})[ \\t]+-->[ \\t]+(${VTT_TIME})(?:[ \\t]+.*)?$`);
const SRT_TIMING = new RegExp(`^(${SRT_TIME})[ \\t]*-->[ \\t]*(${SRT_TIME})(?:[ \\t]+.*)?$`);
const VOICE_SPAN = /<v(?:\.[^\s>]*)?[ \t]+([^>]{1,200})>([\s\S]*?)(?:<\/v>|$)/g;
const ANY_TAG = /<[^>]{0,200}>/g;
/** "Speaker Name: text" – letters, spaces, dots, hyphens and apostrophes only, at most six words. */
const SPEAKER_PREFIX = /^((?:[\p{L}][\p{L}.'’-]*)(?:[ \t][\p{L}][\p{L}.'’-]*){0,5}):[ \t]+([\s\S]*)$/u;
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&nbsp;': '\u00a0', '&lrm;': '\u200e', '&rlm;': '\u200f', '&quot;': '"', '&apos;': "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(?:amp|lt|gt|nbsp|lrm|rlm|quot|apos);/g, (m) => ENTITIES[m] ?? m);
}

function cleanCueText(s: string): string {
  return decodeEntities(s.replace(ANY_TAG, '')).replace(/\s+/g, ' ').trim();
}

/** Text of one cue → pieces by speaker: voice spans first, else a "Name: " prefix, else unknown. */
function cueToTurns(lines: string[], voiceTags: boolean): SpeakerTurn[] {
  const raw = lines.join('\n');
  if (voiceTags && raw.includes('<v')) {
    const out: SpeakerTurn[] = [];
    for (const m of raw.matchAll(VOICE_SPAN)) {
      const text = cleanCueText(m[2] ?? '');
      if (text) out.push({ speaker: (m[1] ?? '').trim(), text });
    }
    if (out.length > 0) return out;
  }
  const text = cleanCueText(raw);
  if (!text) return [];
  const prefixed = SPEAKER_PREFIX.exec(text);
  if (prefixed) return [{ speaker: (prefixed[1] ?? '').trim(), text: (prefixed[2] ?? '').trim() }];
  return [{ speaker: '', text }];
}

/** Consecutive cues of the same speaker become one turn. */
export function mergeTurns(turns: readonly SpeakerTurn[]): SpeakerTurn[] {
  const out: SpeakerTurn[] = [];
  for (const t of turns) {
    const last = out[out.length - 1];
    if (last && last.speaker === t.speaker) last.text = `${last.text} ${t.text}`;
    else out.push({ speaker: t.speaker, text: t.text });
  }
  return out;
}

interface Block {
  /** 1-based line of the block's first line. */
  line: number;
  lines: string[];
}

function blocksOf(text: string): Block[] {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  let current: Block | null = null;
  lines.forEach((l, i) => {
    if (l.trim() === '') {
      current = null;
      return;
    }
    if (!current) {
      current = { line: i + 1, lines: [] };
      blocks.push(current);
    }
    current.lines.push(l);
  });
  return blocks;
}

/** WebVTT → merged speaker turns, or located issues (header, malformed timing lines). */
export function parseVtt(input: string, fileName: string): CaptionResult {
  const text = normaliseText(input);
  const blocks = blocksOf(text);
  const issues: CaptionIssue[] = [];
  const header = blocks[0];
  if (!header || !/^WEBVTT(?:[ \t].*)?$/.test(header.lines[0] ?? '')) {
    return { ok: false, issues: [{ file: fileName, line: 1, field: 'header', message: `«${fileName}»: første linje må være «WEBVTT».` }] };
  }
  const turns: SpeakerTurn[] = [];
  for (const block of blocks.slice(1)) {
    const first = block.lines[0] ?? '';
    if (/^(?:NOTE|STYLE|REGION)(?:[ \t]|$)/.test(first)) continue;
    const timingAt = block.lines.findIndex((l) => l.includes('-->'));
    if (timingAt < 0 || timingAt > 1) {
      issues.push({ file: fileName, line: block.line, field: 'timing', message: `«${fileName}» linje ${block.line}: mangler tidslinje («00:00:01.000 --> 00:00:04.000»).` });
      continue;
    }
    const timingLine = block.lines[timingAt] ?? '';
    if (!VTT_TIMING.test(timingLine.trim())) {
      const line = block.line + timingAt;
      issues.push({ file: fileName, line, field: 'timing', message: `«${fileName}» linje ${line}: ugyldig tidslinje «${timingLine.trim().slice(0, 80)}».` });
      continue;
    }
    turns.push(...cueToTurns(block.lines.slice(timingAt + 1), true));
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, turns: mergeTurns(turns) };
}

/** SRT → merged speaker turns, or located issues for malformed timing lines. */
export function parseSrt(input: string, fileName: string): CaptionResult {
  const text = normaliseText(input);
  const issues: CaptionIssue[] = [];
  const turns: SpeakerTurn[] = [];
  for (const block of blocksOf(text)) {
    const timingAt = /^\d+$/.test((block.lines[0] ?? '').trim()) ? 1 : 0;
    const timingLine = (block.lines[timingAt] ?? '').trim();
    if (!SRT_TIMING.test(timingLine)) {
      const line = block.line + timingAt;
      issues.push({ file: fileName, line, field: 'timing', message: `«${fileName}» linje ${line}: ugyldig tidslinje «${timingLine.slice(0, 80)}» (ventet «00:00:01,000 --> 00:00:04,000»).` });
      continue;
    }
    turns.push(...cueToTurns(block.lines.slice(timingAt + 1), false));
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, turns: mergeTurns(turns) };
}

/** Distinct speaker names in order of first appearance: what the speaker-mapping form lists. */
export function speakersOf(turns: readonly SpeakerTurn[]): string[] {
  return [...new Set(turns.map((t) => t.speaker))];
}

/** Speaker name → participant id (`P1`…) or null for the interviewer. */
export type SpeakerMap = Readonly<Record<string, string | null>>;

export const INTERVIEWER_LABEL = 'Intervjuer';

export type BuildTranscriptResult =
  | { ok: true; text: string; turns: Turn[] }
  | { ok: false; issues: { field: 'speaker'; speaker: string; message: string }[] };

/**
 * Turns → transcript text, one line per turn (`P1: …` / `Intervjuer: …`), and `Turn`s whose
 * offsets (UTF-16, into the returned text) cover the spoken words after the label. A speaker
 * missing from the map is an issue rather than a guess, so no name can slip through as a label.
 */
export function buildTranscript(turns: readonly SpeakerTurn[], speakerMap: SpeakerMap): BuildTranscriptResult {
  const missing = speakersOf(turns).filter((s) => !Object.prototype.hasOwnProperty.call(speakerMap, s));
  if (missing.length > 0) {
    return { ok: false, issues: missing.map((speaker) => ({ field: 'speaker' as const, speaker, message: 'Taleren mangler i koblingen til deltaker eller intervjuer.' })) };
  }
  let text = '';
  const out: Turn[] = [];
  for (const t of mergeTurns(turns.map((x) => ({ speaker: x.speaker, text: normaliseText(x.text).replace(/\s+/g, ' ').trim() })))) {
    // A map may send two names to the same participant: keep them as separate turns anyway.
    const participantId = speakerMap[t.speaker] ?? null;
    if (text.length > 0) text += '\n';
    text += `${participantId ?? INTERVIEWER_LABEL}: `;
    const start = text.length;
    text += t.text;
    out.push({ start, end: text.length, participantId });
  }
  return { ok: true, text, turns: out };
}
