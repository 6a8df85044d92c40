// The extension's database. Open it only in extension-origin contexts (background, popup, dashboard,
// options); content scripts send messages instead (utils/messaging).
import Dexie, { type EntityTable, type Table } from 'dexie';
import { applySchema } from './schema';
import type {
  AuditRow, CaseRow, FlagRow, MarkRow, OutboxRow, PackedDocumentRow, PackedEventRow, PackedPartyRow, PackedWritRow,
  SettingRow, SignoffRow,
} from './records';

export const DB_NAME = 'zhixiao';

export class ZhixiaoDB extends Dexie {
  cases!: Table<CaseRow, string>;
  // The four sections hold one row per case since schema v4 (records.ts PackedRow; read logical rows with
  // repo.ts childRows, never these tables directly outside the store).
  events!: Table<PackedEventRow, string>;
  parties!: Table<PackedPartyRow, string>;
  documents!: Table<PackedDocumentRow, string>;
  /** 文书 (schema v3) */
  writs!: Table<PackedWritRow, string>;
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
