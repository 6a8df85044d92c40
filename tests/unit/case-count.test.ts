// The background's running count of cached cases: counted once, kept by what ingests insert, counted again after
// another context cleared or restored the cases, or when it is old.
import { afterEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { CaseCount, clearCachedCases, derivedCacheName, exportAll, importAll, ingestPage, openDb, type ZhixiaoDB } from '../../utils/store';
import { ingestAndView, ViewCache, WriteQueue } from '../../utils/background/ingest';
import type { CaseSnapshot } from '../../utils/domain/case';

const row = (n: number): CaseSnapshot => ({ caseNo: `（2025）渝0107民初${n}号`, category: 'civil', procedure: 'ordinary', filedOn: '2025-05-02', status: 'pending', judge: '王建国' });
const page = (from: number, to: number) => ({ profileId: 'demo-modern', pageKind: 'case-list', url: 'x', cases: Array.from({ length: to - from }, (_, i) => row(from + i)) });

let dbs: ZhixiaoDB[] = [];
let counts: CaseCount[] = [];
afterEach(async () => {
  for (const c of counts) c.close();
  for (const db of dbs) { db.close(); await Dexie.delete(db.name); await Dexie.delete(derivedCacheName(db.name)); }
  dbs = []; counts = [];
});
function fresh(): ZhixiaoDB {
  const db = openDb(`zx-case-count-${Math.random().toString(36).slice(2)}`);
  dbs.push(db);
  return db;
}

describe('CaseCount', () => {
  it('counts once, then follows what ingests insert (the replies say how many are cached)', async () => {
    const db = fresh();
    await ingestPage(db, page(1, 4), 1);
    let counted = 0;
    const real = db.cases.count.bind(db.cases);
    db.cases.count = (() => { counted++; return real(); }) as typeof db.cases.count;
    const count = new CaseCount(db);
    counts.push(count);
    const writes = new WriteQueue();
    const cache = new ViewCache();
    const a = await ingestAndView(db, page(3, 8), '2025-06-30', {}, {}, cache, writes, count);
    expect(a.casesCached).toBe(7); // 3 stored + 4 new
    await a.written;
    const b = await ingestAndView(db, page(8, 10), '2025-06-30', {}, {}, cache, writes, count);
    expect(b.casesCached).toBe(9);
    await b.written;
    expect(await count.get()).toBe(9);
    expect(await real()).toBe(9);
    expect(counted).toBe(1);
  });

  it('counts again after another context cleared or restored the cases, and when the count is old', async () => {
    const db = fresh();
    await ingestPage(db, page(1, 6), 1);
    let t = 0;
    const count = new CaseCount(db, 60_000, () => t);
    counts.push(count);
    expect(await count.get()).toBe(5);
    const backup = await exportAll(db);

    // the options page (another handle on the same database) clears the cases
    const other = openDb(db.name);
    dbs.push(other);
    await clearCachedCases(other);
    await new Promise((r) => setTimeout(r, 50)); // let the announcement arrive
    expect(await count.get()).toBe(0);

    await importAll(other, backup);
    await new Promise((r) => setTimeout(r, 50));
    expect(await count.get()).toBe(5);

    // a change no one announced is picked up once the count is a minute old
    await ingestPage(other, page(20, 22), 2);
    expect(await count.get()).toBe(5);
    t = 60_001;
    expect(await count.get()).toBe(7);
  });
});
