import { LIST_SEP } from '../csv-export';

/** A list cell (`a | b`) as its trimmed, non-empty items. */
export function splitList(raw: string): string[] {
  return raw === '' ? [] : raw.split(LIST_SEP.trim()).map((x) => x.trim()).filter((x) => x !== '');
}
