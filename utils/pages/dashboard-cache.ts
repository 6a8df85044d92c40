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
import { dashRowOf, type DashRow } from './dashboard-ledgers';

export const DASH_CACHE_DB = derivedCacheName(DB_NAME);
/** Bump when DashRow, the compaction, or anything evaluated into a row changes meaning. */
export const DASH_ROW_FORMAT = 2;

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
  /** only the indicator memo and the opening screen: what they were computed for */
  key?: string;
  /** only the opening screen: the store's top case revision its rows were valid for */
  w?: number;
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
    // When the cache is deleted under an open handle (clearCachedCases, importAll), this handle must not quietly
    // re-create it and write rows read before the deletion: it stays closed, its write fails (and is reported).
    // (Dexie calls the latest subscriber first; `false` stops its default handler, which would allow re-opening.)
    this.on('versionchange', () => { this.close(); return false; });
  }
}

/** Block id of the meta record (JSON of CacheMeta) kept next to the row blocks. */
export const META_ID = -1;
/**
 * `epoch:count` — counts every write of block contents; the epoch (random, made with the first write) tells a
 * database recreated after a delete from the old one. Names the rows' state.
 */
export const GENERATION_ID = -2;
/** The dashboard's indicator results for one set of rows and inputs (see IndicatorMemo). */
export const INDICATOR_MEMO_ID = -3;
/** The dashboard's opening screen for the same key as the indicator memo (utils/pages/dashboard-screen). */
export const OPENING_SCREEN_ID = -4;

/**
 * What one block's rows are valid for: every row in block `id` was computed for fingerprint base `base` from the
 * case as it was at (or after) case revision `w` — no case of the block changed up to `w` since. `v` counts the
 * block's content writes (a loader may vouch for a block it did not rewrite only while `v` is what it read).
 */
export interface BlockMeta { base: string; w: number; v: number }
export type CacheMeta = Record<number, BlockMeta>;

/**
 * A row as stored in a block: the snapshot and the view only (the row's other fields are derived from them by
 * dashRowOf, and the view's caseKey / caseNo repeat the row's), about a third less JSON to read and parse.
 */
interface StoredRow { k: string; f: string; s: DashRow['snapshot']; v: Omit<DashRow['view'], 'caseKey' | 'caseNo'> & { caseNo?: string }; a?: DashRow['archive']; o?: string }

function packRow(r: DashCacheRow): StoredRow {
  const { caseKey: _k, caseNo, ...v } = r.row.view ?? ({} as DashRow['view']);
  const out: StoredRow = { k: r.caseKey, f: r.fp, s: r.row.snapshot, v: caseNo === r.row.snapshot?.caseNo ? v : { ...v, caseNo } };
  if ('archive' in r.row) out.a = r.row.archive;
  if ('archiveOn' in r.row) out.o = r.row.archiveOn;
  return out;
}

function unpackRow(x: StoredRow): DashCacheRow | null {
  if (!x || typeof x.k !== 'string' || typeof x.f !== 'string' || !x.s || typeof x.s !== 'object' || !x.v || typeof x.v !== 'object') return null;
  const view = x.v as DashRow['view']; // (just parsed: completed in place, no copy)
  view.caseKey = x.k;
  view.caseNo ??= x.s.caseNo;
  const row = dashRowOf(x.s, view);
  if ('a' in x) row.archive = x.a;
  if ('o' in x) row.archiveOn = x.o;
  return { caseKey: x.k, fp: x.f, row };
}

/** One consistent read of the cache: rows by bucket and the blocks' meta. */
export interface CacheSnapshot {
  blocks: Map<number, Map<string, DashCacheRow>>;
  meta: CacheMeta;
  /** block-content writes so far (GENERATION_ID) */
  generation: string;
  /** the indicator memo as stored (parsed only when its key matches) */
  memo: { key: string; json: string } | null;
  /** the key of the stored opening screen (the screen itself is read by readOpeningRecords) */
  screenKey: string | null;
}

/** What the last read of a cache found: writes rewrite whole blocks from it. */
const loadedBlocks = new WeakMap<DashCacheDB, CacheSnapshot>();

function parseMeta(json: string | undefined): CacheMeta {
  if (!json) return {};
  try {
    const m = JSON.parse(json) as unknown;
    if (!m || typeof m !== 'object') return {};
    const out: CacheMeta = {};
    for (const [k, v] of Object.entries(m as Record<string, unknown>)) {
      const b = v as Partial<BlockMeta> | null;
      if (b && typeof b.base === 'string' && Number.isFinite(b.w) && Number.isFinite(b.v)) out[Number(k)] = { base: b.base, w: b.w!, v: b.v! };
    }
    return out;
  } catch {
    return {};
  }
}

/** The blocks' meta alone (one small record): lets the caller start reading case changes before the rows are in. */
export async function readCacheMeta(cache: DashCacheDB): Promise<CacheMeta> {
  return parseMeta((await cache.blocks.get(META_ID))?.json);
}

/** Every block and the meta, in one read transaction. */
export async function readSnapshot(cache: DashCacheDB): Promise<CacheSnapshot> {
  const blocks = new Map<number, Map<string, DashCacheRow>>();
  let meta: CacheMeta = {};
  let generation = '';
  let memo: CacheSnapshot['memo'] = null;
  let screenKey: string | null = null;
  for (const b of await cache.blocks.toArray()) {
    if (b.id === META_ID) { meta = parseMeta(b.json); continue; }
    if (b.id === GENERATION_ID) { generation = b.json; continue; }
    if (b.id === INDICATOR_MEMO_ID) { if (typeof b.key === 'string') memo = { key: b.key, json: b.json }; continue; }
    if (b.id === OPENING_SCREEN_ID) { if (typeof b.key === 'string') screenKey = b.key; continue; }
    if (b.id < 0) continue;
    let rows: unknown;
    try {
      rows = JSON.parse(b.json);
    } catch {
      continue; // a damaged block is re-evaluated
    }
    if (!Array.isArray(rows)) continue;
    const m = new Map<string, DashCacheRow>();
    for (const x of rows as StoredRow[]) {
      let r: DashCacheRow | null = null;
      try { r = unpackRow(x); } catch { /* a malformed row is re-evaluated */ }
      if (r) m.set(r.caseKey, r);
    }
    blocks.set(b.id, m);
  }
  for (const id of Object.keys(meta).map(Number)) if (!blocks.has(id)) delete meta[id]; // a block that failed to parse is not vouched for
  const snap = { blocks, meta, generation, memo, screenKey };
  loadedBlocks.set(cache, snap);
  return snap;
}

/** Every cached row (tests, diagnostics). */
export async function allCachedRows(cache: DashCacheDB): Promise<DashCacheRow[]> {
  return [...(await readSnapshot(cache)).blocks.values()].flatMap((m) => [...m.values()]);
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
 * cursors in one read transaction, no record values), in caseKey order; `top` = the highest revision (0: none).
 */
export async function caseRevisions(db: ZhixiaoDB): Promise<{ revisions: Map<string, number>; top: number }> {
  const [revs, keys] = await db.transaction('r', db.cases, () => {
    const coll = db.cases.orderBy('lastSeenAt');
    return Promise.all([coll.keys(), coll.primaryKeys()]);
  });
  const pairs: Array<[string, number]> = keys.map((k, i) => [String(k), Number(revs[i])]);
  const top = pairs.length ? Number(revs[revs.length - 1]) : 0;
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { revisions: new Map(pairs), top };
}

/**
 * The cases changed after revision `since` (caseKey → revision), the highest revision and the number of cases,
 * in one read transaction. Revisions only increase (ingestPage), so these are exactly the cases that changed.
 */
export async function caseChangesSince(db: ZhixiaoDB, since: number): Promise<{ changed: Map<string, number>; top: number; count: number }> {
  return db.transaction('r', db.cases, async () => {
    const range = db.cases.where('lastSeenAt').above(since);
    const [revs, keys, top, count] = await Promise.all([range.keys(), range.primaryKeys(), db.cases.orderBy('lastSeenAt').reverse().limit(1).keys(), db.cases.count()]);
    const changed = new Map<string, number>();
    keys.forEach((k, i) => changed.set(String(k), Number(revs[i])));
    return { changed, top: top.length ? Number(top[0]) : 0, count };
  });
}

const CacheRowShape = z.object({ caseKey: z.string().min(1), fp: z.string().min(1), row: z.object({ caseKey: z.string(), caseNo: z.string(), view: z.object({}).passthrough(), snapshot: z.object({}).passthrough() }).passthrough() });

export interface FreshRows {
  fresh: Map<string, DashRow>;
  /** cases to evaluate now (in no particular order) */
  stale: string[];
  /** cached rows of cases no longer in the store */
  gone: string[];
  /** every case of the store, in caseKey order */
  order: string[];
  /** the case revision the rows are valid for once the stale ones are written (see BlockMeta.w) */
  w: number;
}

function usable(r: DashCacheRow, n: number): boolean {
  // cheap shape check on the first few rows (a foreign or corrupt cache falls back to evaluation)
  return n >= 3 || CacheRowShape.safeParse(r).success;
}

/**
 * Cached rows checked case by case against every case's revision (`caseRevisions`): the exact check, used when
 * the cache cannot vouch for itself (no or other meta: first load, new day, rule change, older cache).
 */
export function freshByRevisions(snap: CacheSnapshot | null, base: string, revs: { revisions: Map<string, number>; top: number }): FreshRows {
  const fresh = new Map<string, DashRow>();
  const gone: string[] = [];
  for (const rows of snap?.blocks.values() ?? []) {
    for (const r of rows.values()) {
      const rev = revs.revisions.get(r.caseKey);
      if (rev === undefined) { gone.push(r.caseKey); continue; }
      if (r.fp !== fingerprintOf(base, rev) || !usable(r, fresh.size)) continue;
      fresh.set(r.caseKey, r.row);
    }
  }
  const order = [...revs.revisions.keys()];
  return { fresh, stale: order.filter((k) => !fresh.has(k)), gone, order, w: revs.top };
}

/**
 * Cached rows checked against the cases changed since each block's revision (`caseChangesSince(min w)`): a row
 * is current unless its case changed after its block's `w`. Null when the cache cannot vouch for that — a block
 * without meta or for another base, changes read from too late a revision, or the rows and the changed cases not
 * adding up to the store's case count (a case whose evaluation failed) — then the caller checks by revisions.
 */
export function freshByChanges(snap: CacheSnapshot, base: string, since: number, ch: { changed: Map<string, number>; top: number; count: number }): FreshRows | null {
  const fresh = new Map<string, DashRow>();
  const stale: string[] = [];
  const prefix = `${base}|`;
  let cached = 0;
  for (const [id, rows] of snap.blocks) {
    const m = snap.meta[id];
    if (!m || m.base !== base || m.w < since) return null;
    for (const r of rows.values()) {
      cached++;
      const rev = ch.changed.get(r.caseKey);
      if ((rev !== undefined && rev > m.w) || !r.fp.startsWith(prefix) || !usable(r, fresh.size)) stale.push(r.caseKey);
      else fresh.set(r.caseKey, r.row);
    }
  }
  let added = 0;
  for (const k of ch.changed.keys()) {
    if (fresh.has(k) || snap.blocks.get(bucketOf(k))?.has(k)) continue;
    stale.push(k);
    added++;
  }
  if (cached + added !== ch.count) return null;
  const order = [...fresh.keys(), ...stale].sort();
  return { fresh, stale, gone: [], order, w: ch.top };
}

/**
 * Writes re-evaluated rows and deletes rows of cases no longer in the store (or no longer evaluable), rewriting
 * only the blocks they fall in, and records the blocks' meta: rewritten blocks are valid for (`base`, `w`); a block
 * left as read is vouched for (`base`, `w`) too when `vouch` (every row of the read was checked) and nobody
 * rewrote it since. Failures are reported, not thrown.
 */
export async function writeRows(cache: DashCacheDB, rows: DashCacheRow[], gone: string[], at?: { base: string; w: number; vouch: boolean }): Promise<string | null> {
  try {
    await cache.transaction('rw', cache.blocks, async () => {
      const snap = loadedBlocks.get(cache) ?? (await readSnapshot(cache));
      const { blocks } = snap;
      const meta = await readCacheMeta(cache);
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
      let metaChanged = false;
      for (const id of touched) {
        const v = (meta[id]?.v ?? 0) + 1;
        if (at) meta[id] = { base: at.base, w: at.w, v };
        else delete meta[id];
        snap.meta[id] = meta[id];
        metaChanged = true;
      }
      if (at?.vouch) {
        for (const id of blocks.keys()) {
          if (touched.has(id)) continue;
          const cur = meta[id];
          const seen = snap.meta[id];
          if (cur?.v !== seen?.v || (cur && cur.base === at.base && cur.w >= at.w)) continue;
          meta[id] = { base: at.base, w: at.w, v: cur?.v ?? 0 };
          snap.meta[id] = meta[id];
          metaChanged = true;
        }
      }
      const puts: DashCacheBlock[] = [...touched].map((id) => ({ id, json: JSON.stringify([...blocks.get(id)!.values()].map(packRow)) }));
      if (metaChanged) puts.push({ id: META_ID, json: JSON.stringify(meta) });
      if (touched.size) {
        // read in this transaction, not from the snapshot: another loader may have written since
        snap.generation = nextGeneration((await cache.blocks.get(GENERATION_ID))?.json);
        puts.push({ id: GENERATION_ID, json: snap.generation });
      }
      if (puts.length) await cache.blocks.bulkPut(puts);
    });
    return null;
  } catch (e) {
    loadedBlocks.delete(cache); // re-read on the next write
    return e instanceof Error ? e.message : String(e);
  }
}

/**
 * The indicator results computed from exactly these rows: `generation` changes with every write of block contents,
 * so a memo stored under it is only found again while no row has changed (nor been evaluated or dropped by the
 * load that reads it; see loadDashboardData).
 */
function nextGeneration(current: string | undefined): string {
  const m = /^([0-9a-z]+):(\d+)$/.exec(current ?? '');
  return m ? `${m[1]}:${Number(m[2]) + 1}` : `${Math.random().toString(36).slice(2, 10)}${Date.now().toString(36)}:1`;
}

export function rowsVersionOf(snap: Pick<CacheSnapshot, 'generation'>, base: string, rowCount: number): string {
  return `${base}|${snap.generation}|${rowCount}`;
}

/** Stores the indicator memo (one; the last wins). Failures are reported, not thrown. */
export async function writeIndicatorMemo(cache: DashCacheDB, key: string, json: string): Promise<string | null> {
  try {
    await cache.blocks.put({ id: INDICATOR_MEMO_ID, key, json });
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/**
 * Stores the opening screen (one; the last wins) for `key`, with `w` = the store's top case revision the rows
 * behind it were valid for. Failures are reported, not thrown.
 */
export async function writeOpeningScreen(cache: DashCacheDB, key: string, w: number, json: string): Promise<string | null> {
  try {
    await cache.blocks.put({ id: OPENING_SCREEN_ID, key, w, json });
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/**
 * What an open needs to paint from the memo, without reading a row block: the generation, the indicator memo and
 * the opening screen (three small records, one read). Missing or malformed records are null.
 */
export async function readOpeningRecords(cache: DashCacheDB): Promise<{ generation: string; memo: { key: string; json: string } | null; screen: { key: string; w: number; json: string } | null }> {
  const [g, m, s] = await cache.blocks.bulkGet([GENERATION_ID, INDICATOR_MEMO_ID, OPENING_SCREEN_ID]);
  return {
    generation: typeof g?.json === 'string' ? g.json : '',
    memo: m && typeof m.key === 'string' && typeof m.json === 'string' ? { key: m.key, json: m.json } : null,
    screen: s && typeof s.key === 'string' && typeof s.json === 'string' && Number.isFinite(s.w) ? { key: s.key, w: s.w!, json: s.json } : null,
  };
}

/**
 * The store's highest case revision: one key of the `lastSeenAt` index (a few ms at any number of cases; a count of
 * the cases is a walk over every key, 90–320 ms at 50,000). Revisions only increase and every added or changed case
 * gets one above the highest (ingestPage); cases leave the store only all at once (clearCachedCases), which deletes
 * this cache; a restore (importAll), which may merge cases in at older revisions, deletes it too. So while the top
 * revision and this cache's generation are what they were, the store holds the same cases as then.
 */
export async function caseTopRevision(db: ZhixiaoDB): Promise<number> {
  const top = await db.cases.orderBy('lastSeenAt').reverse().limit(1).keys();
  return top.length ? Number(top[0]) : 0;
}

/** Replaces one cached row as it is (tests: a corrupt row must be re-evaluated, not shown). */
export async function putCachedRowForTest(cache: DashCacheDB, row: DashCacheRow): Promise<void> {
  await cache.transaction('rw', cache.blocks, async () => {
    const { blocks } = await readSnapshot(cache);
    const b = bucketOf(row.caseKey);
    const m = blocks.get(b) ?? new Map<string, DashCacheRow>();
    m.set(row.caseKey, row);
    const generation = nextGeneration((await cache.blocks.get(GENERATION_ID))?.json);
    await cache.blocks.bulkPut([{ id: b, json: JSON.stringify([...m.values()].map(packRow)) }, { id: GENERATION_ID, json: generation }]);
  });
}

export async function deleteDashCache(name: string = DASH_CACHE_DB): Promise<void> {
  await Dexie.delete(name);
}
