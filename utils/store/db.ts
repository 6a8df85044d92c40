// The extension's database. Open it only in extension-origin contexts (background, popup, dashboard,
// options); content scripts send messages instead (utils/messaging).
import Dexie, { type EntityTable, type Table } from 'dexie';
import { applySchema } from './schema';
import type {
  AuditRow, FlagRow, MarkRow, OutboxRow, SettingRow, SignoffRow, StoredCaseRow,
} from './records';

export const DB_NAME = 'zhixiao';

export class ZhixiaoDB extends Dexie {
  // A case's scalar fields and, since schema v6, its events, parties, 电子卷宗 documents and 文书 (records.ts
  // StoredCaseRow; read items with repo.ts getCases / childRows, never from the rows directly outside the store).
  cases!: Table<StoredCaseRow, string>;
  signoffs!: EntityTable<SignoffRow, 'id'>;
  marks!: EntityTable<MarkRow, 'id'>;
  flags!: EntityTable<FlagRow, 'id'>;
  audit!: EntityTable<AuditRow, 'seq'>;
  settings!: Table<SettingRow, string>;
  outbox!: Table<OutboxRow, string>;

  constructor(name: string = DB_NAME) {
    super(name);
    applySchema(this);
  }
}

/**
 * The database of rows derived from this one (the dashboard's evaluated-row cache, utils/pages/dashboard-cache):
 * never backed up, dropped by a restore, rebuilt on demand.
 */
export function derivedCacheName(name: string = DB_NAME): string {
  return `${name}-dash-cache`;
}

/** A database handle (opened lazily by Dexie on first use). Tests pass a unique name. */
export function openDb(name: string = DB_NAME): ZhixiaoDB {
  return new ZhixiaoDB(name);
}
