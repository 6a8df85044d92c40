// 质效看板 row cache: the dashboard's evaluated rows (DashRow, compacted) kept in their own IndexedDB database
// `zhixiao-dash-cache`, one row per case, each stamped with a fingerprint of what it was computed from:
//   row format · today · rule configuration (审限规则 override, 归档期限表, 节假日调整) · the case record's
//   revision (cases.lastSeenAt, moved by every ingest that changes the case; an unchanged page writes nothing).
// A backup restore (importAll) can add events / documents to a case without changing its lastSeenAt, so it
// deletes this database (utils/store/repo.ts, derivedCacheName).
// A row is used only when its fingerprint equals the one computed now; anything else is re-evaluated from the
// case store, so a cached row can never show a number that the full evaluation would not.
//
// Why a database of its own (not a table in `zhixiao`): it is derived data — it must not go into backups,
// must not need a schema migration of the records people sign, and can be dropped at any time
// (deleteDashCache) without losing anything; the next dashboard load simply evaluates again.
import Dexie, { type Table } from 'dexie';
import { z } from 'zod';
import { DB_NAME, derivedCacheName, type ZhixiaoDB } from '../store';
import type { DashRow } from './dashboard-ledgers';

export const DASH_CACHE_DB = derivedCacheName(DB_NAME);
/** Bump when DashRow, the compaction, or anything evaluated into a row changes meaning. */
export const DASH_ROW_FORMAT = 1;

export interface DashCacheRow {
  caseKey: string;
  /** fingerprint the row was computed for (see fingerprintOf) */
  fp: string;
  row: DashRow;
}

/**
 * Rows are kept in BUCKETS blocks (by a hash of the caseKey), each one JSON string: reading 20,000 rows is then
 * ~32 records and one JSON.parse each, where 20,000 structured-clone records took most of the first paint.
 */
export interface DashCacheBlock {
  id: number;
  /** JSON of DashCacheRow[] */
  json: string;
}

export const BUCKETS = 32;
export const bucketOf = (caseKey: string): number => parseInt(hash32(caseKey).slice(0, 6), 16) % BUCKETS;

export class DashCacheDB extends Dexie {
  blocks!: Table<DashCacheBlock, number>;
  constructor(name: string = DASH_CACHE_DB) {
    super(name);
    this.version(1).stores({ rows: 'caseKey' });
    // v2: blocks of rows; the v1 row-per-record table is dropped (a cache: the next load re-evaluates).
    this.version(2).stores({ rows: null, blocks: 'id' });
  }
}

/** What the last read of a cache found, per bucket: writes rewrite whole blocks from it. */
const loadedBlocks = new WeakMap<DashCacheDB, Map<number, Map<string, DashCacheRow>>>();

async function readBlocks(cache: DashCacheDB): Promise<Map<number, Map<string, DashCacheRow>>> {
  const out = new Map<number, Map<string, DashCacheRow>>();
  for (const b of await cache.blocks.toArray()) {
    let rows: unknown;
    try {
      rows = JSON.parse(b.json);
    } catch {
      continue; // a damaged block is re-evaluated
    }
    if (!Array.isArray(rows)) continue;
    const m = new Map<string, DashCacheRow>();
    for (const r of rows as DashCacheRow[]) if (r && typeof r.caseKey === 'string') m.set(r.caseKey, r);
    out.set(b.id, m);
  }
  loadedBlocks.set(cache, out);
  return out;
}

/** Every cached row (tests, diagnostics). */
export async function allCachedRows(cache: DashCacheDB): Promise<DashCacheRow[]> {
  return [...(await readBlocks(cache)).values()].flatMap((m) => [...m.values()]);
}

export function openDashCache(name: string = DASH_CACHE_DB): DashCacheDB {
  return new DashCacheDB(name);
}

/** The cache that belongs to a case store. */
export function dashCacheOf(db: ZhixiaoDB): DashCacheDB {
  return new DashCacheDB(derivedCacheName(db.name));
}

/** A short, stable hash (FNV-1a, 32 bit, hex) of a string. */
export function hash32(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** The part of the fingerprint shared by every row of one load: format, day, rule configuration. */
export function fingerprintBase(today: string, configJson: string): string {
  return `${DASH_ROW_FORMAT}|${today}|${hash32(configJson)}`;
}

export const fingerprintOf = (base: string, revision: number | string) => `${base}|${revision}`;

/**
 * The case store's revisions: caseKey → lastSeenAt, read from the `lastSeenAt` index as keys only (two key
 * cursors, no record values), in caseKey order.
 */
export async function caseRevisions(db: ZhixiaoDB): Promise<Map<string, number>> {
  const coll = db.cases.orderBy('lastSeenAt');
  const [revs, keys] = await Promise.all([coll.keys(), coll.primaryKeys()]);
  const pairs: Array<[string, number]> = keys.map((k, i) => [String(k), Number(revs[i])]);
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return new Map(pairs);
}

const CacheRowShape = z.object({ caseKey: z.string().min(1), fp: z.string().min(1), row: z.object({ caseKey: z.string(), caseNo: z.string(), view: z.object({}).passthrough(), snapshot: z.object({}).passthrough() }).passthrough() });

/** Cached rows whose fingerprint matches now, by caseKey. A malformed row is treated as missing. */
export async function readFreshRows(cache: DashCacheDB, base: string, revisions: Map<string, number>): Promise<{ fresh: Map<string, DashRow>; staleOrGone: string[] }> {
  const fresh = new Map<string, DashRow>();
  const gone: string[] = [];
  let blocks: Map<number, Map<string, DashCacheRow>>;
  try {
    blocks = await readBlocks(cache);
  } catch {
    return { fresh, staleOrGone: [] };
  }
  for (const rows of blocks.values()) {
    for (const r of rows.values()) {
      const rev = revisions.get(r.caseKey);
      if (rev === undefined) { gone.push(r.caseKey); continue; }
      if (r.fp !== fingerprintOf(base, rev)) continue;
      // cheap shape check on the first few rows (a foreign or corrupt cache falls back to evaluation)
      if (fresh.size < 3 && !CacheRowShape.safeParse(r).success) continue;
      fresh.set(r.caseKey, r.row);
    }
  }
  return { fresh, staleOrGone: gone };
}

/**
 * Writes re-evaluated rows and deletes rows of cases no longer in the store, rewriting only the blocks they fall
 * in. Failures are reported, not thrown.
 */
export async function writeRows(cache: DashCacheDB, rows: DashCacheRow[], gone: string[]): Promise<string | null> {
  try {
    await cache.transaction('rw', cache.blocks, async () => {
      const blocks = loadedBlocks.get(cache) ?? (await readBlocks(cache));
      const touched = new Set<number>();
      for (const key of gone) {
        const b = bucketOf(key);
        if (blocks.get(b)?.delete(key)) touched.add(b);
      }
      for (const r of rows) {
        const b = bucketOf(r.caseKey);
        let m = blocks.get(b);
        if (!m) blocks.set(b, (m = new Map()));
        m.set(r.caseKey, r);
        touched.add(b);
      }
      await cache.blocks.bulkPut([...touched].map((id) => ({ id, json: JSON.stringify([...blocks.get(id)!.values()]) })));
    });
    return null;
  } catch (e) {
    loadedBlocks.delete(cache); // re-read on the next write
    return e instanceof Error ? e.message : String(e);
  }
}

/** Replaces one cached row as it is (tests: a corrupt row must be re-evaluated, not shown). */
export async function putCachedRowForTest(cache: DashCacheDB, row: DashCacheRow): Promise<void> {
  await cache.transaction('rw', cache.blocks, async () => {
    const blocks = await readBlocks(cache);
    const b = bucketOf(row.caseKey);
    const m = blocks.get(b) ?? new Map<string, DashCacheRow>();
    m.set(row.caseKey, row);
    await cache.blocks.put({ id: b, json: JSON.stringify([...m.values()]) });
  });
}

export async function deleteDashCache(name: string = DASH_CACHE_DB): Promise<void> {
  await Dexie.delete(name);
}
