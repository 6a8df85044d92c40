// IndexedDB persistence of the similar-case corpus and its search index, in its own Dexie database
// `zhixiao-search`:
//   docs   — case entries (案例库 seven fields + tier, court, 案号, date, charges / 案由, statutes, hash)
//   chunks — the serialised index, split into chunks
//   meta   — { key: 'index', fingerprint, docs, bytes, chunks, builtAt }
// The fingerprint is computed from the docs table (count + order-independent combination of content
// hashes); an index whose fingerprint differs from the corpus is rebuilt, never trusted.

import Dexie, { type Table } from 'dexie';
import type { CaseEntry } from './corpus-schema';
import { entryToDoc, parseCorpus, type CorpusFormat, type LineError } from './corpus';
import { SearchIndex, type RankParams } from './search';

export const SEARCH_DB_NAME = 'zhixiao-search';
const CHUNK = 4 * 1024 * 1024;

export interface IndexChunk {
  n: number;
  data: Uint8Array;
}
export interface MetaRow {
  key: string;
  fingerprint?: string;
  docs?: number;
  bytes?: number;
  chunks?: number;
  builtAt?: string;
}

export class SearchDb extends Dexie {
  docs!: Table<CaseEntry, string>;
  chunks!: Table<IndexChunk, number>;
  meta!: Table<MetaRow, string>;
  caseState!: Table<{ caseKey: string; updatedAt: number; [k: string]: unknown }, string>;
  constructor(name = SEARCH_DB_NAME) {
    super(name);
    this.version(1).stores({
      docs: 'id, hash, tier, date, *charges, *statutes, caseNo',
      chunks: 'n',
      meta: 'key',
    });
    // v2 (类案 panel): per-case state — the judge's marks (参照 / 参考 / 不相关), the search log, the saved 类案检索报告.
    this.version(2).stores({ caseState: 'caseKey, updatedAt' });
  }
}

let defaultDb: SearchDb | null = null;
export function searchDb(): SearchDb {
  defaultDb ??= new SearchDb();
  return defaultDb;
}

const cache = new WeakMap<SearchDb, { fingerprint: string; index: SearchIndex }>();

/** Corpus fingerprint from the docs table (reads only the hash index, not the records). */
export async function corpusFingerprint(db: SearchDb = searchDb()): Promise<string> {
  const hashes = (await db.docs.orderBy('hash').keys()) as number[];
  let sum = 0;
  let mix = 0;
  for (const h of hashes) {
    sum = (sum + h) >>> 0;
    mix = (mix ^ Math.imul(h, 0x9e3779b1)) >>> 0;
  }
  return `${hashes.length}-${sum.toString(16)}-${mix.toString(16)}`;
}

async function writeIndex(db: SearchDb, index: SearchIndex, fingerprint: string): Promise<void> {
  const bytes = index.serialize();
  const chunks: IndexChunk[] = [];
  for (let off = 0, n = 0; off < bytes.length; off += CHUNK, n++) chunks.push({ n, data: bytes.slice(off, off + CHUNK) });
  await db.transaction('rw', db.chunks, db.meta, async () => {
    await db.chunks.clear();
    await db.chunks.bulkPut(chunks);
    await db.meta.put({ key: 'index', fingerprint, docs: index.size, bytes: bytes.length, chunks: chunks.length, builtAt: new Date().toISOString() });
  });
  cache.set(db, { fingerprint, index });
}

async function readIndex(db: SearchDb, rank: Partial<RankParams>): Promise<{ index: SearchIndex; fingerprint: string } | null> {
  const meta = await db.meta.get('index');
  if (!meta?.fingerprint || !meta.chunks) return null;
  const chunks = await db.chunks.orderBy('n').toArray();
  if (chunks.length !== meta.chunks) return null;
  const total = chunks.reduce((a, c) => a + c.data.length, 0);
  const bytes = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    bytes.set(c.data, off);
    off += c.data.length;
  }
  try {
    return { index: SearchIndex.deserialize(bytes, rank), fingerprint: meta.fingerprint };
  } catch {
    return null;
  }
}

/** Build the index from every stored entry and persist it. */
export async function rebuildIndex(db: SearchDb = searchDb(), rank: Partial<RankParams> = {}): Promise<SearchIndex> {
  const index = new SearchIndex(rank);
  await db.docs.each((e) => index.add(entryToDoc(e)));
  await writeIndex(db, index, await corpusFingerprint(db));
  return index;
}

/**
 * The current index: from memory, else from IndexedDB when its fingerprint matches the corpus, else
 * rebuilt from the docs table (and saved).
 */
export async function loadIndex(db: SearchDb = searchDb(), rank: Partial<RankParams> = {}): Promise<{ index: SearchIndex; rebuilt: boolean }> {
  const fp = await corpusFingerprint(db);
  const mem = cache.get(db);
  if (mem && mem.fingerprint === fp) return { index: mem.index, rebuilt: false };
  const stored = await readIndex(db, rank);
  if (stored && stored.fingerprint === fp) {
    cache.set(db, stored);
    return { index: stored.index, rebuilt: false };
  }
  return { index: await rebuildIndex(db, rank), rebuilt: true };
}

export interface ImportReport {
  total: number; // non-empty lines
  added: number;
  updated: number;
  unchanged: number;
  errors: LineError[];
  /** 'incremental': the stored index was patched; 'rebuilt': it was out of date and was rebuilt. */
  index: 'incremental' | 'rebuilt';
}

/**
 * Import corpus lines (JSON lines, or 人民法院案例库 entries). Each line is validated; bad lines are
 * reported by line number and the rest are imported. Re-importing an id updates it (no duplicates).
 * The index is patched incrementally when the stored one is current, else rebuilt.
 */
export async function importCorpus(lines: string, format: CorpusFormat, db: SearchDb = searchDb()): Promise<ImportReport> {
  const { entries, errors } = parseCorpus(lines, format);
  // last occurrence of an id within one import wins
  const byId = new Map<string, CaseEntry>();
  for (const e of entries) byId.set(e.id, e);
  const before = await corpusFingerprint(db);
  const existing = await db.docs.bulkGet([...byId.keys()]);
  const changed: CaseEntry[] = [];
  let added = 0;
  let updated = 0;
  let unchanged = 0;
  [...byId.values()].forEach((e, i) => {
    const old = existing[i];
    if (!old) {
      added++;
      changed.push(e);
    } else if (old.hash !== e.hash) {
      updated++;
      changed.push(e);
    } else unchanged++;
  });
  if (changed.length) await db.docs.bulkPut(changed);

  let mode: ImportReport['index'] = 'incremental';
  let current: SearchIndex | null = null;
  const mem = cache.get(db);
  if (mem?.fingerprint === before) current = mem.index;
  else {
    const stored = await readIndex(db, {});
    if (stored?.fingerprint === before) current = stored.index;
  }
  if (current) {
    for (const e of changed) current.add(entryToDoc(e));
    if (changed.length) await writeIndex(db, current, await corpusFingerprint(db));
    else cache.set(db, { fingerprint: before, index: current });
  } else {
    await rebuildIndex(db);
    mode = 'rebuilt';
  }
  return { total: entries.length + errors.length, added, updated, unchanged, errors, index: mode };
}

/** Remove entries by id (and from the index). */
export async function removeEntries(ids: string[], db: SearchDb = searchDb()): Promise<number> {
  const before = await corpusFingerprint(db);
  const mem = cache.get(db);
  const present = (await db.docs.bulkGet(ids)).filter(Boolean).length;
  await db.docs.bulkDelete(ids);
  if (mem && mem.fingerprint === before) {
    for (const id of ids) mem.index.remove(id);
    await writeIndex(db, mem.index, await corpusFingerprint(db));
  }
  return present;
}

export async function getEntries(ids: string[], db: SearchDb = searchDb()): Promise<Map<string, CaseEntry>> {
  const rows = await db.docs.bulkGet(ids);
  const out = new Map<string, CaseEntry>();
  rows.forEach((r) => r && out.set(r.id, r));
  return out;
}
