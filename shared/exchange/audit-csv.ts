/**
 * The audit log as CSV (issue #18). Coder names are staff and public by intent, but every cell is
 * still checked for numbers (fødselsnummer, DUF), phone numbers, e-mail addresses and the study's
 * terms — a cell with a hit is written as `[holdt tilbake]` and counted, never exported. Pure.
 */
import Papa from 'papaparse';
import { detectIdentifiers } from '../anonymise/detect';
import type { TermSpec } from '../anonymise/types';
import type { AuditEntry, Coder } from '../model';
import { guardCell } from './guard';

export const AUDIT_WITHHELD = '[holdt tilbake]';
const KINDS = ['FNR', 'DUF', 'TLF', 'EPOST', 'TERM'] as const;

export function checkedCell(text: string, terms: readonly TermSpec[]): { text: string; hits: number } {
  if (text.trim() === '') return { text, hits: 0 };
  const hits = detectIdentifiers(text, { terms, only: [...KINDS] });
  return hits.length ? { text: AUDIT_WITHHELD, hits: hits.length } : { text, hits: 0 };
}

export function auditCsv(entries: readonly AuditEntry[], coders: readonly Coder[], terms: readonly TermSpec[]): { csv: string; withheld: number } {
  const name = new Map(coders.map((c) => [c.id, `${c.name} (${c.initials})`]));
  let withheld = 0;
  const cell = (s: string) => {
    const c = checkedCell(s, terms);
    if (c.hits) withheld++;
    return guardCell(c.text);
  };
  const rows = entries.map((e) => [e.at, cell(name.get(e.who) ?? e.who), e.action, cell(e.subject), cell(Object.entries(e.counts).map(([k, v]) => `${k}=${v}`).join(' ')), cell(e.note)]);
  const csv = Papa.unparse({ fields: ['tidspunkt', 'hvem', 'handling', 'gjelder', 'antall', 'merknad'], data: rows }, { delimiter: ';', newline: '\r\n', quotes: false, escapeFormulae: false });
  return { csv, withheld };
}
