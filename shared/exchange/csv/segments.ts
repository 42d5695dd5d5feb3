/**
 * The segments file: one coded quote per row. Offsets (`start`/`end`) are optional columns: a
 * coding sheet has quotes only, and each quote is anchored in its interview's transcript
 * (csv/anchor.ts) — exact, loose, or fuzzy (to confirm) — or, when the interview has no
 * transcript, kept as a free-standing quote (start = end = 0) that counts in every analysis. Every
 * imported quote arrives `needs-review` (the gate at the door in, shared/exchange/gate-in.ts).
 */
import { Segment, type SegmentKind, type StudyData, type Valence } from '../../model';
import type { Issue } from '../issues';
import { codePaths } from '../paths';
import { anchorQuote, anchorText, type AnchorText } from './anchor';
import type { ColumnMapping } from './fields';
import { splitList } from './list';
import type { ParsedCsv } from './read';
import { defaultId, mappedOrIssue, rowReader, rowsWithProgress, valueOf, type ImportOptions } from './rows';

/** How the quotes of one segments import found their place. */
export interface AnchorReport {
  /** Rows with offsets in the file. */
  offsets: number;
  exact: number;
  loose: number;
  /** Fuzzy matches, each to confirm: index into the records, line, similarity, what was found. */
  fuzzy: { index: number; line: number; interview: string; score: number; quote: string; found: string }[];
  /** Quotes of interviews without a transcript: free-standing. */
  free: number;
  /** Quotes not found in their transcript, kept free-standing because the user chose so. */
  unanchored: number;
}

export function emptyAnchorReport(): AnchorReport {
  return { offsets: 0, exact: 0, loose: 0, fuzzy: [], free: 0, unanchored: 0 };
}

export function importSegments(table: ParsedCsv, mapping: ColumnMapping, data: StudyData, opts: ImportOptions, issues: Issue[], report: AnchorReport = emptyAnchorReport()): Segment[] {
  mappedOrIssue(table, mapping, 'segments', ['interview', 'quote'], issues);
  if (issues.length) return [];
  const s = data.study;
  const ivByCode = new Map(data.interviews.map((i) => [i.code.toLowerCase(), i]));
  const textById = new Map(data.transcripts.map((t) => [t.interviewId, t.text]));
  const anchors = new Map<string, AnchorText>();
  const paths = codePaths(data.codes);
  const out: Segment[] = [];
  for (const row of rowsWithProgress(table, opts)) {
    const r = rowReader(table, row, mapping, 'segments', issues);
    const before = issues.length;
    const code = r.required('interview');
    const iv = code === null ? undefined : ivByCode.get(code.toLowerCase());
    if (code !== null && !iv) r.fail('interview', 'csv.unknownInterview', `ukjent intervju «${code}» (importer intervjuene først)`);
    const pid = r.get('participant');
    if (iv && pid !== '' && !iv.participants.some((p) => p.id === pid)) r.fail('participant', 'csv.noParticipant', `${code} har ingen deltaker ${pid}`, { interview: code ?? '' });
    const participantId = pid !== '' ? pid : (iv?.participants[0]?.id ?? 'P1');
    const stageId = r.get('stage') === '' ? null : valueOf(r, 'stage', 'stage', data, opts);
    const situationId = r.get('situation') === '' ? null : valueOf(r, 'situation', 'situation', data, opts);
    const actorIds: string[] = [];
    for (const a of splitList(r.get('actors'))) {
      const id = valueOf(r, 'actors', 'actor', data, opts, a);
      if (id !== null && !actorIds.includes(id)) actorIds.push(id);
    }
    const valence = r.get('valence') === '' ? null : (valueOf(r, 'valence', 'valence', data, opts) as Valence | null);
    const kind = r.get('kind') === '' ? 'experience' : (valueOf(r, 'kind', 'kind', data, opts) as SegmentKind | null);
    const codeIds: string[] = [];
    for (const p of splitList(r.get('codes'))) {
      const id = valueOf(r, 'codes', 'code', data, opts, p, paths);
      if (id !== null && !codeIds.includes(id)) codeIds.push(id);
    }
    const cRaw = r.get('coder');
    const coder = cRaw === '' ? s.coders[0] : s.coders.find((c) => [c.id, c.initials, c.name].some((x) => x.toLowerCase() === cRaw.toLowerCase()));
    if (!coder) {
      if (cRaw === '') r.fail('coder', 'csv.noCoders', 'studien har ingen kodere');
      else r.fail('coder', 'csv.unknownCoder', `ukjent koder «${cRaw}»`);
    }
    const quote = r.get('quote', true);
    const text = iv ? textById.get(iv.id) : undefined;
    // Offsets when the file has them; otherwise the quote is anchored by its words.
    const hasOffsets = r.get('start') !== '' || r.get('end') !== '';
    if (!hasOffsets && quote.trim() === '') r.fail('quote', 'csv.missingValue', 'mangler verdi');
    let start: number | null = 0;
    let end: number | null = 0;
    let anchor: 'ok' | 'lost' = 'ok';
    let fuzzy: { score: number; found: string } | null = null;
    let placed: 'offsets' | 'exact' | 'loose' | 'fuzzy' | 'free' | 'unanchored' = 'free';
    if (hasOffsets) {
      start = r.int('start');
      end = r.int('end');
      if (start !== null && end !== null) {
        if (end < start) r.fail('end', 'csv.endBeforeStart', `slutt (${end}) er før start (${start})`, { start, end });
        if (text !== undefined && end > text.length) r.fail('end', 'csv.outsideTranscript', `${end} er utenfor transkripsjonen (lengde ${text.length})`, { length: text.length });
        // A quote that is not the slice it claims is flagged, not dropped (the user re-anchors it).
        anchor = text === undefined || text.slice(start, end) === quote ? 'ok' : 'lost';
      }
      placed = 'offsets';
    } else if (text !== undefined && quote.trim() !== '' && iv) {
      let at = anchors.get(iv.id);
      if (!at) anchors.set(iv.id, (at = anchorText(text)));
      const found = anchorQuote(at, quote);
      if (found) {
        start = found.start;
        end = found.end;
        placed = found.method;
        if (found.method === 'fuzzy') fuzzy = { score: found.score, found: text.slice(found.start, found.end) };
      } else if (opts.unanchored === 'free') {
        anchor = 'lost';
        placed = 'unanchored';
      } else {
        r.fail('quote', 'csv.quoteNotFound', `sitatet finnes ikke i transkripsjonen til ${iv.code} (behold det som frittstående sitat, eller rett det)`, { interview: iv.code, value: quote.length > 80 ? `${quote.slice(0, 77)}…` : quote });
      }
    }
    const id = (opts.newId ?? defaultId)('segments', row.line);
    if (issues.length > before || !iv || !coder || !kind || start === null || end === null) continue;
    const parsed = Segment.safeParse({
      id,
      studyId: s.id,
      interviewId: iv.id,
      participantId,
      start,
      end,
      // An anchored quote is the transcript's own slice (what the gate and the re-anchoring compare).
      quote: placed === 'exact' || placed === 'loose' || placed === 'fuzzy' ? (text as string).slice(start, end) : quote,
      stageId,
      situationId,
      actorIds,
      valence,
      kind,
      codeIds,
      note: r.get('note', true),
      coderId: coder.id,
      anchor,
      // The gate at the door in: an imported quote is never reviewed, whatever the file says.
      review: { state: 'needs-review', record: null, reason: 'import', hits: {} },
      createdAt: opts.now,
      updatedAt: opts.now,
    });
    if (!parsed.success) {
      for (const e of parsed.error.issues) r.fail(String(e.path[0] ?? ''), 'csv.invalid', e.message, { detail: e.message });
      continue;
    }
    if (placed === 'offsets') report.offsets++;
    else if (placed === 'exact') report.exact++;
    else if (placed === 'loose') report.loose++;
    else if (placed === 'free') report.free++;
    else if (placed === 'unanchored') report.unanchored++;
    else if (fuzzy) report.fuzzy.push({ index: out.length, line: row.line, interview: iv.code, score: fuzzy.score, quote, found: fuzzy.found });
    out.push(parsed.data);
  }
  return out;
}

/**
 * The fuzzy matches the user did not confirm become free-standing quotes (their words as the file
 * has them, no place in the transcript, `anchor: 'lost'`): never a place the user did not accept.
 */
export function settleFuzzy(records: readonly Segment[], report: AnchorReport, confirmed: ReadonlySet<number>): Segment[] {
  const out = [...records];
  for (const f of report.fuzzy) {
    if (confirmed.has(f.index)) continue;
    const seg = out[f.index];
    if (seg) out[f.index] = { ...seg, start: 0, end: 0, quote: f.quote, anchor: 'lost' };
  }
  return out;
}
