import type { GroupDef, Interview } from './schema';

export interface MethodRow {
  groupId: string;
  label: string;
  individual: number;
  group: number;
  total: number;
}

export interface MethodTable {
  rows: MethodRow[];
  total: { individual: number; group: number; total: number };
}

/**
 * The method table: informants per group, interviewed individually or in a group
 * (Brukerreisen Kim 2021: 27 individual, 15 in groups, 42 in all). Counts informants, not interviews.
 */
export function methodTable(groups: readonly GroupDef[], interviews: readonly Interview[]): MethodTable {
  const rows: MethodRow[] = groups.map((g) => ({ groupId: g.id, label: g.label, individual: 0, group: 0, total: 0 }));
  const byId = new Map(rows.map((r) => [r.groupId, r]));
  for (const iv of interviews) {
    const row = byId.get(iv.groupId);
    if (!row) continue;
    const n = iv.participants.length;
    if (iv.format === 'individual') row.individual += n;
    else row.group += n;
    row.total += n;
  }
  const total = rows.reduce(
    (acc, r) => ({ individual: acc.individual + r.individual, group: acc.group + r.group, total: acc.total + r.total }),
    { individual: 0, group: 0, total: 0 },
  );
  return { rows, total };
}
