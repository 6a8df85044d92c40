// The schema history of the `zhixiao` database, in one place. To change the schema, APPEND a version:
// never edit a released entry (a browser that already has that version would not run it again).
//
// Each entry gives Dexie's store spec (only the tables that change; `null` deletes a table) and an
// optional upgrade. Row transforms are pure functions over plain objects, so the same code upgrades a
// database in place (Dexie upgrade) and an old backup file at import time (upgradeBackupTables).
import type Dexie from 'dexie';
import type { Transaction } from 'dexie';
import type { Section } from './records';

export interface SchemaVersion {
  version: number;
  note: string;
  stores: Record<string, string | null>;
  /** Runs inside Dexie's versionchange transaction after new tables/indexes exist. */
  upgrade?: (tx: Transaction) => Promise<void>;
  /** The same migration for the tables of a backup file written at version - 1. */
  upgradeTables?: (tables: Record<string, unknown[]>) => Record<string, unknown[]>;
}

type Row = Record<string, unknown>;

// ── v1 → v2 row transforms ──────────────────────────────────────────────────────────────────────
//
// v1 rows (shipped shape):
//   cases      { caseKey, caseNo, …snapshot scalars, firstSeenAt, lastSeenAt, source?: string }
//   events / parties / documents  { id, caseKey, order, firstSeenAt, present: boolean, …item }
//   signoffs / flags              { id, clientId, caseKey, …, synced: boolean }
//   marks      { id, caseKey, caseNo, category, subSituation, reason, by, role, at, action }   (no clientId)
//   audit, settings as now; no outbox table.
// v2: cases.sources[] (from v1 `source`) and cases.sectionsSeen[]; child rows get `goneSince` instead of
// `present` (the date is the case's lastSeenAt in v1, the last time anything was known to be shown);
// signoffs/flags get syncState/attempts instead of `synced`; marks get a unique clientId; outbox table.

export function upgradeCaseV1toV2(c: Row, sectionsWithRows: Set<Section> | undefined): Row {
  const { source, ...rest } = c;
  const sources = Array.isArray(c.sources)
    ? (c.sources as string[])
    : typeof source === 'string' && source
      ? [source]
      : ['v1/unknown'];
  return { ...rest, sources, sectionsSeen: Array.isArray(c.sectionsSeen) ? c.sectionsSeen : [...(sectionsWithRows ?? [])] };
}

export function upgradeChildV1toV2(r: Row, caseLastSeenAt: number | undefined): Row {
  const { present, ...rest } = r;
  if (present === false && rest.goneSince === undefined) {
    rest.goneSince = caseLastSeenAt ?? (typeof r.firstSeenAt === 'number' ? r.firstSeenAt : 0);
  }
  return rest;
}

export function upgradeSyncedV1toV2(r: Row): Row {
  const { synced, ...rest } = r;
  if (rest.syncState === undefined) rest.syncState = synced === true ? 'synced' : 'pending';
  if (rest.attempts === undefined) rest.attempts = 0;
  return rest;
}

export function upgradeMarkV1toV2(r: Row): Row {
  return r.clientId ? r : { ...r, clientId: `v1-mark-${String(r.id)}` };
}

function tablesV1toV2(t: Record<string, unknown[]>): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = { ...t };
  const seen = new Map<string, Set<Section>>();
  const lastSeen = new Map<string, number>();
  for (const c of (t.cases ?? []) as Row[]) lastSeen.set(String(c.caseKey), c.lastSeenAt as number);
  for (const section of ['events', 'parties', 'documents'] as const) {
    out[section] = ((t[section] ?? []) as Row[]).map((r) => {
      const k = String(r.caseKey);
      if (!seen.has(k)) seen.set(k, new Set());
      seen.get(k)!.add(section);
      return upgradeChildV1toV2(r, lastSeen.get(k));
    });
  }
  out.cases = ((t.cases ?? []) as Row[]).map((c) => upgradeCaseV1toV2(c, seen.get(String(c.caseKey))));
  out.signoffs = ((t.signoffs ?? []) as Row[]).map(upgradeSyncedV1toV2);
  out.flags = ((t.flags ?? []) as Row[]).map(upgradeSyncedV1toV2);
  out.marks = ((t.marks ?? []) as Row[]).map(upgradeMarkV1toV2);
  out.outbox = t.outbox ?? [];
  return out;
}

async function upgradeV1toV2(tx: Transaction): Promise<void> {
  const lastSeen = new Map<string, number>();
  const seen = new Map<string, Set<Section>>();
  await tx.table('cases').each((c: Row) => lastSeen.set(String(c.caseKey), c.lastSeenAt as number));
  for (const section of ['events', 'parties', 'documents'] as const) {
    await tx.table(section).toCollection().modify((r: Row, ref: { value: Row }) => {
      const k = String(r.caseKey);
      if (!seen.has(k)) seen.set(k, new Set());
      seen.get(k)!.add(section);
      ref.value = upgradeChildV1toV2(r, lastSeen.get(k));
    });
  }
  await tx.table('cases').toCollection().modify((c: Row, ref: { value: Row }) => {
    ref.value = upgradeCaseV1toV2(c, seen.get(String(c.caseKey)));
  });
  for (const t of ['signoffs', 'flags']) {
    await tx.table(t).toCollection().modify((r: Row, ref: { value: Row }) => {
      ref.value = upgradeSyncedV1toV2(r);
    });
  }
  await tx.table('marks').toCollection().modify((r: Row, ref: { value: Row }) => {
    ref.value = upgradeMarkV1toV2(r);
  });
}

// ── the history ─────────────────────────────────────────────────────────────────────────────────

export const SCHEMA_HISTORY: readonly SchemaVersion[] = [
  {
    version: 1,
    note: 'initial schema',
    stores: {
      cases: 'caseKey, judge, division, status, category, filedOn, closedOn',
      events: 'id, caseKey',
      parties: 'id, caseKey, name',
      documents: 'id, caseKey',
      signoffs: '++id, &clientId, caseKey, synced',
      marks: '++id, caseKey, at',
      flags: '++id, &clientId, caseKey',
      audit: '++seq, caseKey, type',
      settings: 'key',
    },
  },
  {
    version: 2,
    note: 'goneSince instead of present; cases.sources/sectionsSeen; sync state; mark clientId; outbox',
    stores: {
      cases: 'caseKey, judge, division, status, category, filedOn, closedOn, lastSeenAt',
      signoffs: '++id, &clientId, caseKey, syncState, reviewedAt',
      marks: '++id, &clientId, caseKey, at',
      flags: '++id, &clientId, caseKey, syncState',
      audit: '++seq, caseKey, type, hash',
      outbox: 'id, kind, nextAttemptAt',
    },
    upgrade: upgradeV1toV2,
    upgradeTables: tablesV1toV2,
  },
];

export const SCHEMA_VERSION = SCHEMA_HISTORY[SCHEMA_HISTORY.length - 1].version;

/** Every table of the current schema, in export order. */
export const TABLES = [
  'cases', 'events', 'parties', 'documents', 'signoffs', 'marks', 'flags', 'audit', 'settings', 'outbox',
] as const;
export type TableName = (typeof TABLES)[number];

/** Declares the whole history on a Dexie instance (up to `upTo`, for tests that build old databases). */
export function applySchema(db: Dexie, upTo: number = SCHEMA_VERSION): void {
  for (const v of SCHEMA_HISTORY) {
    if (v.version > upTo) break;
    const declared = db.version(v.version).stores(v.stores);
    if (v.upgrade) declared.upgrade(v.upgrade);
  }
}

/** Brings the tables of a backup written at `fromVersion` up to the current schema. */
export function upgradeBackupTables(fromVersion: number, tables: Record<string, unknown[]>): Record<string, unknown[]> {
  let t = tables;
  for (const v of SCHEMA_HISTORY) {
    if (v.version > fromVersion && v.upgradeTables) t = v.upgradeTables(t);
  }
  return t;
}
