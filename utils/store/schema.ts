// The schema history of the `zhixiao` database, in one place. To change the schema, APPEND a version:
// never edit a released entry (a browser that already has that version would not run it again).
//
// Each entry gives Dexie's store spec (only the tables that change; `null` deletes a table) and an
// optional upgrade. Row transforms are pure functions over plain objects, so the same code upgrades a
// database in place (Dexie upgrade) and an old backup file at import time (upgradeBackupTables).
import type Dexie from 'dexie';
import type { Table, Transaction } from 'dexie';
import { SECTIONS, writIdentity, type Section } from './records';

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

// ── v2 → v3 row transforms ──────────────────────────────────────────────────────────────────────
//
// v2 kept the 文书 tab (判决书 drafts with a status) and the 电子卷宗 materials in one `documents` table.
// v3 keeps 文书 in their own `writs` table. A v2 document row with a `status` and no `volume` came from the
// 文书 tab (电子卷宗 rows always carry their volume): it moves to `writs` with the writ identity (ref, else
// title + date; repeats get #2, #3 in host order), keeping order, firstSeenAt and goneSince. Cases that had
// such rows get `writs` in sectionsSeen; a case left with no document row loses `documents` from sectionsSeen
// (v2 cannot tell whether its 电子卷宗 was ever shown, and "never seen" is safer than "seen empty").

const WRIT_KEYS = ['title', 'date', 'status', 'ref'] as const;

export function isV2WritRow(r: Row): boolean {
  return typeof r.status === 'string' && r.status !== '' && (r.volume === undefined || r.volume === null);
}

/** Pure: splits v2 document rows into v3 documents and writs, and fixes the cases' sectionsSeen. */
export function splitWritsV2toV3(cases: Row[], documents: Row[], existingWrits: Row[] = []): {
  cases: Row[];
  documents: Row[];
  writs: Row[];
  movedIds: string[];
  changedCases: Row[];
} {
  const keep: Row[] = [];
  const moving: Row[] = [];
  for (const r of documents) (isV2WritRow(r) ? moving : keep).push(r);
  moving.sort((a, b) => String(a.caseKey).localeCompare(String(b.caseKey)) || (Number(a.order) || 0) - (Number(b.order) || 0) || (String(a.id) < String(b.id) ? -1 : 1));
  const used = new Set(existingWrits.map((w) => String(w.id)));
  const writs: Row[] = [];
  for (const r of moving) {
    const caseKey = String(r.caseKey);
    const base = `${caseKey}|${writIdentity({ title: String(r.title), date: r.date as string | undefined, ref: r.ref as string | undefined })}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}#${n}`;
    used.add(id);
    const w: Row = { id, caseKey, order: r.order, firstSeenAt: r.firstSeenAt };
    if (r.goneSince !== undefined) w.goneSince = r.goneSince;
    for (const k of WRIT_KEYS) if (r[k] !== undefined) w[k] = r[k];
    writs.push(w);
  }
  const withWrits = new Set(moving.map((r) => String(r.caseKey)));
  const withDocs = new Set(keep.map((r) => String(r.caseKey)));
  const changedCases: Row[] = [];
  const outCases = cases.map((c) => {
    const k = String(c.caseKey);
    if (!withWrits.has(k)) return c;
    let seen = Array.isArray(c.sectionsSeen) ? [...(c.sectionsSeen as string[])] : [];
    if (!seen.includes('writs')) seen.push('writs');
    if (!withDocs.has(k)) seen = seen.filter((s) => s !== 'documents');
    const next = { ...c, sectionsSeen: seen };
    changedCases.push(next);
    return next;
  });
  return { cases: outCases, documents: keep, writs: [...existingWrits, ...writs], movedIds: moving.map((r) => String(r.id)), changedCases };
}

function tablesV2toV3(t: Record<string, unknown[]>): Record<string, unknown[]> {
  const s = splitWritsV2toV3((t.cases ?? []) as Row[], (t.documents ?? []) as Row[], (t.writs ?? []) as Row[]);
  return { ...t, cases: s.cases, documents: s.documents, writs: s.writs };
}

async function upgradeV2toV3(tx: Transaction): Promise<void> {
  const documents = (await tx.table('documents').toArray()) as Row[];
  if (!documents.some(isV2WritRow)) return;
  const cases = (await tx.table('cases').toArray()) as Row[];
  const s = splitWritsV2toV3(cases, documents);
  await tx.table('writs').bulkPut(s.writs);
  await tx.table('documents').bulkDelete(s.movedIds);
  await tx.table('cases').bulkPut(s.changedCases);
}

// ── v3 → v4: one row per case per section ──────────────────────────────────────────────────────
//
// v3 stored each event / party / document / writ as its own row (`id` = `${caseKey}|${identity}`, index caseKey).
// v4 stores ONE row per case in each of those tables: `{ id: caseKey, caseKey, items }`, `items` being exactly the
// v3 rows of that case (id, order, firstSeenAt, goneSince and the item's fields). Ingesting a case page then writes
// at most four rows instead of ~24 (issue #8). The caseKey / name indexes go (the key is the caseKey now).
// Backup files keep the logical (flat, v3) rows: exportAll flattens and importAll packs, so this entry has no
// upgradeTables — a v1–v3 file comes up to v3 rows, which are the v4 backup format.

/** Pure: flat child rows → one packed row per caseKey (first-seen case order; items in input order). */
export function packChildRows(rows: readonly Row[]): Array<{ id: string; caseKey: string; items: Row[] }> {
  const byCase = new Map<string, Row[]>();
  for (const r of rows) {
    const k = String(r.caseKey);
    const list = byCase.get(k);
    if (list) list.push(r);
    else byCase.set(k, [r]);
  }
  return [...byCase].map(([caseKey, items]) => ({ id: caseKey, caseKey, items }));
}

/**
 * Packs a v3 section table in place, `batch` rows at a time in key order (a court's store holds ~24 rows per case:
 * the whole table at once would hold hundreds of MB in the service worker). A case's rows are one key range
 * (`${caseKey}|…`) and its packed row's key (the caseKey) sorts before them, so the packed rows always stay behind
 * the read position; the rows of the last case of a batch wait for the next one. A case whose rows are not
 * contiguous (a caseKey containing `|`) is merged into the packed row already written.
 */
export async function packTableInPlace(table: Table, batch = 5000): Promise<void> {
  const written = new Set<string>();
  const flush = async (rows: Row[]) => {
    if (rows.length === 0) return;
    if (rows.some((r, i) => i > 0 && String(rows[i - 1].id) >= String(r.id))) throw new Error('packTableInPlace: rows out of key order');
    const groups = packChildRows(rows);
    for (const g of groups) {
      if (written.has(g.caseKey)) {
        const prev = (await table.get(g.caseKey)) as { items: Row[] } | undefined;
        g.items = [...(prev?.items ?? []), ...g.items];
      }
      written.add(g.caseKey);
    }
    // the flushed rows are one key range that holds nothing else (the packed rows written so far lie below it):
    // one range delete instead of a delete per row
    await table.where(':id').between(rows[0].id, rows[rows.length - 1].id, true, true).delete();
    await table.bulkPut(groups);
  };
  let pending: Row[] = [];
  let after: string | undefined;
  for (;;) {
    const coll = after === undefined ? table.toCollection() : table.where(':id').above(after);
    const rows = (await coll.limit(batch).toArray()) as Row[];
    if (rows.length === 0) break;
    after = String(rows[rows.length - 1].id);
    const all = [...pending, ...rows];
    const lastKey = all[all.length - 1].caseKey;
    let cut = all.length;
    while (cut > 0 && all[cut - 1].caseKey === lastKey) cut--;
    await flush(all.slice(0, cut));
    pending = all.slice(cut);
  }
  await flush(pending);
}

async function upgradeV3toV4(tx: Transaction): Promise<void> {
  for (const section of SECTIONS) await packTableInPlace(tx.table(section));
}

// ── v4 → v5: one `sections` row per case ───────────────────────────────────────────────────────
//
// v4 kept a case's items in four rows (one per section table). v5 keeps them in ONE row of a `sections` table:
// `{ id: caseKey, caseKey, events?, parties?, documents?, writs? }`, each array exactly the `items` of the v4 row of
// that section (absent when the case had no v4 row of it). A case page then reads and writes one row instead of four
// (issue #8: the per-request cost of IndexedDB dominates). The four tables are dropped by the v5 stores spec (Dexie
// deletes them after the upgrade has run). Backups stay flat (logical rows): no upgradeTables.

/**
 * Merges the four v4 section tables into `sections` in one pass over the caseKeys, `batch` rows of each table at a
 * time in key order (a court holds ~50,000 cases: whole tables at once would hold hundreds of MB in the service
 * worker). Each round covers the key range all four chunks hold completely (up to the smallest last key of a full
 * chunk; rows past it are read again next round) and writes each case's row once, so nothing is read back or
 * rewritten (merging table by table rewrote every row up to four times: 21 s for 20,000 cases in Chromium; an
 * upgrade that long risks the service worker being stopped mid-way, which rolls it back). The v4 tables are left
 * as they are.
 */
export async function mergeSectionTables(from: Record<Section, Table>, sections: Table, batch = 2000): Promise<void> {
  let after: string | undefined;
  for (;;) {
    const chunks = await Promise.all(
      SECTIONS.map(async (section) => {
        const coll = after === undefined ? from[section].toCollection() : from[section].where(':id').above(after);
        return { section, rows: (await coll.limit(batch).toArray()) as Row[] };
      }),
    );
    let cut: string | undefined; // undefined: every table's rest was read
    for (const { rows } of chunks) {
      if (rows.length < batch) continue;
      const last = String(rows[rows.length - 1].id);
      if (cut === undefined || last < cut) cut = last;
    }
    const merged = new Map<string, Row>();
    for (const { section, rows } of chunks) {
      for (const r of rows) {
        const key = String(r.id);
        if (cut !== undefined && key > cut) break;
        if (!Array.isArray(r.items) || r.items.length === 0) continue; // a case with no item of a section has no key for it
        let row = merged.get(key);
        if (!row) merged.set(key, (row = { id: key, caseKey: key }));
        row[section] = r.items;
      }
    }
    if (merged.size > 0) await sections.bulkPut([...merged.values()]);
    if (cut === undefined) break;
    after = cut;
  }
}

async function upgradeV4toV5(tx: Transaction): Promise<void> {
  const from = Object.fromEntries(SECTIONS.map((s) => [s, tx.table(s)])) as Record<Section, Table>;
  await mergeSectionTables(from, tx.table('sections'));
}

// ── v5 → v6: a case's items inside its case row ────────────────────────────────────────────────
//
// v5 kept a case's items in a `sections` row beside its case row. v6 keeps them in the case row itself, under
// `items` ({ events?, parties?, documents?, writs? }, each array exactly the v5 sections row's array of that name):
// ingesting a case page then reads and writes one row instead of two, and reading a case for its view takes one
// get (issue #8). The `sections` table is dropped by the v6 stores spec after the upgrade has run. A sections row
// whose case row is missing cannot be shown or exported with a case; only an import of a hand-made file could have
// left one, and it is dropped with the table. Backups stay flat (logical rows): no upgradeTables.

/**
 * Moves every `sections` row into its case row, `batch` rows at a time in key order (one pass; each case row is
 * read and written once: at court scale the upgrade must end well before Chrome stops an idle service worker).
 */
export async function moveSectionsIntoCases(sections: Table, cases: Table, batch = 2000): Promise<void> {
  let after: string | undefined;
  for (;;) {
    const coll = after === undefined ? sections.toCollection() : sections.where(':id').above(after);
    const rows = (await coll.limit(batch).toArray()) as Row[];
    if (rows.length === 0) break;
    after = String(rows[rows.length - 1].id);
    const caseRows = (await cases.bulkGet(rows.map((r) => r.id as string))) as (Row | undefined)[];
    const puts: Row[] = [];
    rows.forEach((r, i) => {
      const c = caseRows[i];
      if (!c) return;
      const items: Row = {};
      for (const section of SECTIONS) if (Array.isArray(r[section]) && (r[section] as unknown[]).length > 0) items[section] = r[section];
      if (Object.keys(items).length > 0) puts.push({ ...c, items });
    });
    if (puts.length > 0) await cases.bulkPut(puts);
    if (rows.length < batch) break;
  }
}

async function upgradeV5toV6(tx: Transaction): Promise<void> {
  await moveSectionsIntoCases(tx.table('sections'), tx.table('cases'));
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
  {
    version: 3,
    note: '文书 (writs) in their own table, moved out of documents; cases.clerk / cases.review are plain fields',
    stores: {
      writs: 'id, caseKey',
    },
    upgrade: upgradeV2toV3,
    upgradeTables: tablesV2toV3,
  },
  {
    version: 4,
    note: 'events / parties / documents / writs: one row per case ({ id: caseKey, caseKey, items }); backups stay flat, so no upgradeTables',
    stores: {
      events: 'id',
      parties: 'id',
      documents: 'id',
      writs: 'id',
    },
    upgrade: upgradeV3toV4,
  },
  {
    version: 5,
    note: 'one sections row per case ({ id: caseKey, caseKey, events?, parties?, documents?, writs? }) instead of the four per-section tables; backups stay flat, so no upgradeTables',
    stores: {
      sections: 'id',
      events: null,
      parties: null,
      documents: null,
      writs: null,
    },
    upgrade: upgradeV4toV5,
  },
  {
    version: 6,
    note: "a case's items inside its case row (cases.items = { events?, parties?, documents?, writs? }) instead of a sections row; backups stay flat, so no upgradeTables",
    stores: {
      sections: null,
    },
    upgrade: upgradeV5toV6,
  },
];

export const SCHEMA_VERSION = SCHEMA_HISTORY[SCHEMA_HISTORY.length - 1].version;

/**
 * Every table of a backup file, in export order: the logical tables (the sections as flat child rows, as up to
 * schema v3; exportAll flattens the case rows' items, importAll groups them again).
 */
export const TABLES = [
  'cases', 'events', 'parties', 'documents', 'writs', 'signoffs', 'marks', 'flags', 'audit', 'settings', 'outbox',
] as const;
export type TableName = (typeof TABLES)[number];

/** Every table of the current database (what a transaction over the whole store lists). */
export const DB_TABLES = ['cases', 'signoffs', 'marks', 'flags', 'audit', 'settings', 'outbox'] as const;
export type DbTableName = (typeof DB_TABLES)[number];

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
