// The logical rows of a table of the current database, for tests: a section (events / parties / documents / writs)
// as its flat child rows (repo.ts childRows; stored packed per case since schema v4, in the case row since v6), the
// cases as their scalar rows (without the items), any other table as stored.
import type { ZhixiaoDB } from '../../../utils/store/db';
import { SECTIONS, type Section } from '../../../utils/store/records';
import { childRows } from '../../../utils/store/repo';

const isSection = (t: string): t is Section => (SECTIONS as readonly string[]).includes(t);

/** Every row of `table`, sections flattened (in id order, as the v3 tables held them), cases without their items. */
export async function tableRows(db: ZhixiaoDB, table: string): Promise<Record<string, unknown>[]> {
  if (isSection(table)) return (await childRows(db, table)) as Record<string, unknown>[];
  if (table === 'cases') return (await db.cases.toArray()).map(({ items: _items, ...row }) => row);
  return db.table(table).toArray();
}

/** How many rows `table` holds, counting a section's logical rows. */
export async function tableCount(db: ZhixiaoDB, table: string): Promise<number> {
  return isSection(table) ? (await childRows(db, table)).length : db.table(table).count();
}

/** One logical child row by its id (`${caseKey}|${identity}`). */
export async function childRow(db: ZhixiaoDB, section: Section, id: string): Promise<Record<string, unknown> | undefined> {
  return (await childRows(db, section)).find((r) => r.id === id) as Record<string, unknown> | undefined;
}
