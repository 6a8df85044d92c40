// 质效看板 row cache (utils/pages/dashboard-cache.ts + loadDashboardData): whatever comes from the cache, every
// number, ledger, chart and notification candidate equals a full evaluation of the stored cases (the loader as it
// was before the cache); stale rows (case re-ingested, new day, rule change, restore) are re-evaluated.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import type { CaseSnapshot } from '../../utils/domain/case';
import { computeIndicators, daysLeftHistogram, monthlyTrend } from '../../utils/domain/indicators';
import { evaluateConfig } from '../../utils/background/views';
import { candidatesOf } from '../../utils/background/notify';
import { CURRENT_USER_KEY, indicatorMemoKey, loadDashboardData, memoResults, openingIndicatorInputs, prepareOpeningIndicators, type DashboardData } from '../../utils/pages/dashboard-data';
import { allCachedRows, dashCacheOf, DASH_ROW_FORMAT, putCachedRowForTest, writeRows } from '../../utils/pages/dashboard-cache';
import {
  archiveLedger, dashRowOf, deadlineLedger, filterOptions, groupCounts, hiddenLedger, inScope, ledgerTable, longPendingLedger, marksLedger,
  periodOf, reviewLedger, scopesFor, toIndicatorCase, type DashRow, type Ledger, type PeriodPreset,
} from '../../utils/pages/dashboard-ledgers';
import { clearCachedCases, derivedCacheName, exportAll, getCases, importAll, ingestPage, openDb, setSetting, type ZhixiaoDB } from '../../utils/store';
import { buildCaseView } from '../../utils/views/build';
import { generateCases } from '../host/seed';
import { toSnapshot } from '../host/model';
import { resolveIndicatorDefs } from '../../utils/rules/indicators';

const TODAY = '2025-06-30';
let db: ZhixiaoDB;
let n = 0;

function demoSnapshots(count: number): CaseSnapshot[] {
  return generateCases({ seed: 11, count, today: TODAY }).slice(0, count).map((c, i) => {
    const s = toSnapshot(c, 'http://court.invalid');
    // a few 待阅核 rows so the review ledger and its notifications are exercised
    if (i % 17 === 0 && !s.closedOn) s.review = { documentRef: `w-${i}`, documentTitle: '民事判决书（送审稿）', submittedOn: '2025-06-20', triggers: ['本庭裁判文书'] };
    return s;
  });
}

/** The loader as it was before the row cache: every stored case evaluated, nothing compacted. */
async function legacyRows(db: ZhixiaoDB, today: string): Promise<DashRow[]> {
  const cfg = await evaluateConfig(db);
  const keys = (await db.cases.toCollection().primaryKeys()) as string[];
  return (await getCases(db, keys)).flatMap((c) => (c ? [dashRowOf(c, buildCaseView(c, today, cfg))] : []));
}

/** Everything the dashboard and the notifier derive from the rows. */
function derived(rows: DashRow[], data: Pick<DashboardData, 'marks' | 'signoffs' | 'archiveTable' | 'defs'>, today: string) {
  const icases = rows.map(toIndicatorCase);
  const ledgers: Ledger<any>[] = [deadlineLedger(rows), longPendingLedger(rows), hiddenLedger(rows), marksLedger(data.marks, rows),
    reviewLedger(data.signoffs, rows), archiveLedger(rows, today, data.archiveTable)];
  const pending = reviewLedger(data.signoffs, rows).rows.filter((x) => x.kind === 'pending' && x.row).map((x) => x.row!);
  return {
    caseNos: rows.map((r) => r.caseNo),
    indicators: (['year', 'month', 'quarter', 'last-12', 'week'] as PeriodPreset[]).map((p) => computeIndicators(icases, periodOf(p, today), data.defs)),
    trends: data.defs.map((d) => monthlyTrend(icases, d.id, 12, today, data.defs)),
    hist: daysLeftHistogram(rows.map((r) => ({ caseNo: r.caseNo, deadline: r.view.closed ? { level: 'closed-in-time' } : r.view.deadline }))),
    ledgers: ledgers.map((l) => ({ id: l.id, table: ledgerTable(l), counts: groupCounts(l), urls: l.rows.map(l.urlOf) })),
    options: filterOptions(rows),
    scoped: ['王建国', '林国栋'].map((name) => inScope(rows, scopesFor({ name, role: '庭长', division: '民一庭' }).scopes[1]).length),
    notify: candidatesOf(rows, pending),
    badges: rows.map((r) => [r.view.badge, r.view.deadline, r.view.leadTimes, r.view.longPending, r.view.closed, r.procedure, r.category]),
  };
}

beforeEach(async () => {
  db = openDb(`zx-dash-cache-${++n}`);
  const snaps = demoSnapshots(240);
  await ingestPage(db, { profileId: 'demo-modern', pageKind: 'case-detail', url: 'http://court.invalid/app', cases: snaps }, 1_000);
  await db.marks.add({ clientId: 'm1', caseKey: (await db.cases.toCollection().primaryKeys())[3] as string, caseNo: snaps[3].caseNo, category: 1, subSituation: '涉及群体性纠纷', reason: '群体性纠纷', by: '林国栋', role: '庭长', at: '2025-06-01T09:00:00+08:00', action: 'mark' } as never);
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
  await Dexie.delete(derivedCacheName(db.name));
});

describe('质效看板 row cache', () => {
  it('cold load evaluates every case, warm load takes every row from the cache; both equal a full evaluation', async () => {
    const reference = derived(await legacyRows(db, TODAY), await loadDashboardData(db, TODAY, { cache: null }), TODAY);
    const cold = await loadDashboardData(db, TODAY);
    expect(await cold.written).toBeNull();
    expect(cold.cacheStats).toMatchObject({ fresh: 0, evaluated: 240 });
    const warm = await loadDashboardData(db, TODAY);
    expect(warm.cacheStats).toMatchObject({ fresh: 240, evaluated: 0 });
    expect(derived(cold.rows, cold, TODAY)).toEqual(reference);
    expect(derived(warm.rows, warm, TODAY)).toEqual(reference);
    // the review ledger, the archive ledger and notifications really had something to compare
    expect(reference.ledgers.find((l) => l.id === 'review')!.table.rows.length).toBeGreaterThan(0);
    expect(reference.ledgers.find((l) => l.id === 'archive')!.table.rows.length).toBeGreaterThan(0);
    expect(reference.notify.length).toBeGreaterThan(0);
    // compact: the cached rows carry no events / documents / writs
    const cached = await allCachedRows(dashCacheOf(db));
    expect(cached).toHaveLength(240);
    expect(cached.some((r) => r.row.snapshot.events || r.row.snapshot.documents)).toBe(false);
    expect(cached[0].fp.startsWith(`${DASH_ROW_FORMAT}|${TODAY}|`)).toBe(true);
  });

  it('indicator memo: found again only for the same rows and inputs, equal to computing them; any row change forgets it', async () => {
    const defs = resolveIndicatorDefs(null);
    const inputs = ['全院', {}, periodOf('year', TODAY), defs];
    const cold = await loadDashboardData(db, TODAY);
    expect(cold.indicatorMemo).toBeUndefined(); // rows were evaluated by this load
    await cold.written;
    const warm = await loadDashboardData(db, TODAY);
    const key = indicatorMemoKey(warm.indicatorMemo!, inputs);
    expect(memoResults(warm.indicatorMemo, key)).toBeNull(); // nothing stored yet
    const computed = computeIndicators(warm.rows.map(toIndicatorCase), periodOf('year', TODAY), defs);
    expect(await warm.indicatorMemo!.save(key, computed)).toBeNull();
    const again = await loadDashboardData(db, TODAY);
    expect(again.cacheStats).toMatchObject({ fresh: 240, evaluated: 0 });
    expect(indicatorMemoKey(again.indicatorMemo!, inputs)).toBe(key);
    expect(memoResults(again.indicatorMemo, key)).toEqual(computeIndicators(again.rows.map(toIndicatorCase), periodOf('year', TODAY), defs));
    // other inputs (another period) are not this memo
    expect(memoResults(again.indicatorMemo, indicatorMemoKey(again.indicatorMemo!, ['全院', {}, periodOf('month', TODAY), defs]))).toBeNull();
    // one case changes: that load evaluates it (no memo offered), and the next load's rows are another version
    const [one] = await getCases(db, [(await db.cases.toCollection().primaryKeys())[5] as string]);
    const snap = demoSnapshots(240).find((s) => s.caseNo === one!.caseNo)!;
    await ingestPage(db, { profileId: 'demo-modern', pageKind: 'case-detail', url: 'x', cases: [{ ...snap, closedOn: '2025-06-29', closeMethod: '调解', status: 'closed' }] }, 3_000);
    const changed = await loadDashboardData(db, TODAY);
    expect(changed.cacheStats.evaluated).toBe(1);
    expect(changed.indicatorMemo).toBeUndefined();
    await changed.written;
    const later = await loadDashboardData(db, TODAY);
    expect(later.indicatorMemo).toBeDefined();
    expect(indicatorMemoKey(later.indicatorMemo!, inputs)).not.toBe(key);
    expect(memoResults(later.indicatorMemo, indicatorMemoKey(later.indicatorMemo!, inputs))).toBeNull();
    // a recreated cache (restore / clear deletes it) starts a new epoch: an old key never names its rows
    const oldKey = indicatorMemoKey(later.indicatorMemo!, inputs);
    await Dexie.delete(derivedCacheName(db.name));
    await (await loadDashboardData(db, TODAY)).written;
    const fresh = await loadDashboardData(db, TODAY);
    expect(fresh.cacheStats).toMatchObject({ fresh: 240, evaluated: 0 });
    expect(indicatorMemoKey(fresh.indicatorMemo!, inputs)).not.toBe(oldKey);
    const epochOf = (v: string) => v.split('|').at(-2)!.split(':')[0];
    expect(epochOf(fresh.indicatorMemo!.rowsVersion)).toMatch(/^[0-9a-z]{6,}$/);
    expect(epochOf(fresh.indicatorMemo!.rowsVersion)).not.toBe(epochOf(later.indicatorMemo!.rowsVersion));
  });

  it('the daily run prepares the opening view\'s indicators for the recorded user: the next open finds them, equal to computing', async () => {
    await setSetting(db, CURRENT_USER_KEY, { name: '林国栋', role: '庭长', division: '民一庭' });
    expect(await prepareOpeningIndicators(db, TODAY)).toBe(true); // cold: evaluates the rows, then stores the memo
    expect(await prepareOpeningIndicators(db, TODAY)).toBe(false); // already there
    const data = await loadDashboardData(db, TODAY);
    const inputs = openingIndicatorInputs(data);
    expect((inputs[0] as { label: string }).label).toMatch(/本庭|民一庭/); // the 庭长's widest scope, not the court
    const found = memoResults(data.indicatorMemo, indicatorMemoKey(data.indicatorMemo!, inputs));
    const { scopes } = scopesFor(data.user);
    const scoped = inScope(data.rows, scopes[scopes.length - 1]);
    expect(scoped.length).toBeGreaterThan(0);
    expect(scoped.length).toBeLessThan(data.rows.length);
    expect(found).toEqual(computeIndicators(scoped.map(toIndicatorCase), periodOf('year', TODAY), data.defs));
  });

  it('a re-ingested case is re-evaluated, the others are not; the result shows the new event', async () => {
    await (await loadDashboardData(db, TODAY)).written;
    const [one] = await getCases(db, [(await db.cases.toCollection().primaryKeys())[0] as string]);
    const open = demoSnapshots(240).find((s) => s.caseNo === one!.caseNo)!;
    const changed: CaseSnapshot = { ...open, closedOn: '2025-06-29', closeMethod: '调解', status: 'closed' };
    await ingestPage(db, { profileId: 'demo-modern', pageKind: 'case-detail', url: 'x', cases: [changed] }, 2_000);
    const after = await loadDashboardData(db, TODAY);
    expect(after.cacheStats).toMatchObject({ fresh: 239, evaluated: 1 });
    expect(after.rows.find((r) => r.caseNo === open.caseNo)!.closedOn).toBe('2025-06-29');
    expect(derived(after.rows, after, TODAY)).toEqual(derived(await legacyRows(db, TODAY), after, TODAY));
  });

  it('a new day or a rule change makes every row stale', async () => {
    await (await loadDashboardData(db, TODAY)).written;
    const next = await loadDashboardData(db, '2025-07-01');
    expect(next.cacheStats).toMatchObject({ fresh: 0, evaluated: 240 });
    expect(derived(next.rows, next, '2025-07-01')).toEqual(derived(await legacyRows(db, '2025-07-01'), next, '2025-07-01'));
    await next.written;
    await setSetting(db, 'rulesOverride', { thresholds: { levels: { notice: 40, warning: 20, urgent: 7 } } });
    const ruled = await loadDashboardData(db, '2025-07-01');
    expect(ruled.cacheStats.fresh).toBe(0);
    expect(derived(ruled.rows, ruled, '2025-07-01')).toEqual(derived(await legacyRows(db, '2025-07-01'), ruled, '2025-07-01'));
  });

  it('a restore drops the cache (it can change a case without changing lastSeenAt); cleared cases leave it', async () => {
    await (await loadDashboardData(db, TODAY)).written;
    const backup = await exportAll(db);
    const key = (backup.tables.cases[0] as { caseKey: string }).caseKey;
    // an event this case does not have (copied from another case): the restore adds it, lastSeenAt stays
    const events = backup.tables.events as Array<Record<string, unknown>>;
    const donor = events.find((e) => e.caseKey !== key && (e.kind === 'suspension' || e.kind === 'deduction' || e.kind === 'extension'))!;
    events.push({ ...donor, id: `${key}|restored-1`, caseKey: key, order: 99 });
    const r = await importAll(db, backup);
    expect(r.ok ? r : r.error).toMatchObject({ ok: true });
    expect(r.ok && r.tables.events.added).toBe(1);
    expect(await allCachedRows(dashCacheOf(db))).toHaveLength(0);
    const after = await loadDashboardData(db, TODAY);
    expect(after.cacheStats.evaluated).toBe(240);
    expect(derived(after.rows, after, TODAY)).toEqual(derived(await legacyRows(db, TODAY), after, TODAY));
    await after.written;
    await clearCachedCases(db);
    const empty = await loadDashboardData(db, TODAY);
    expect(empty.rows).toEqual([]);
    await empty.written;
    expect(await allCachedRows(dashCacheOf(db))).toHaveLength(0);
  });

  it('a malformed or foreign cache row is not used', async () => {
    await (await loadDashboardData(db, TODAY)).written;
    const cache = dashCacheOf(db);
    const first = (await allCachedRows(cache))[0];
    await putCachedRowForTest(cache, { ...first, row: { junk: true } as never });
    cache.close();
    const again = await loadDashboardData(db, TODAY);
    expect(again.cacheStats).toMatchObject({ fresh: 239, evaluated: 1 });
    expect(derived(again.rows, again, TODAY)).toEqual(derived(await legacyRows(db, TODAY), again, TODAY));
  });

  it('reports progress while evaluating, in chunks', async () => {
    const seen: Array<[number, number]> = [];
    await loadDashboardData(db, TODAY, { cache: null, chunk: 100, onProgress: (d, t) => seen.push([d, t]) });
    expect(seen).toEqual([[100, 240], [200, 240], [240, 240]]);
  });
});

// keep the indicator defs import honest (resolveIndicatorDefs(null) is what the loader uses without a setting)
it('the loader uses the built-in indicator definitions without a setting', async () => {
  const d = await loadDashboardData(db, TODAY, { cache: null });
  expect(d.defs).toEqual(resolveIndicatorDefs(null));
});

describe('质效看板 row cache: rows checked against the cases changed since the cache was written', () => {
  const load = (today = TODAY) => loadDashboardData(db, today);
  const reference = async (d: DashboardData, today = TODAY) => derived(await legacyRows(db, today), d, today);
  const snapOf = async (i: number) => {
    const key = (await db.cases.toCollection().primaryKeys())[i] as string;
    const [c] = await getCases(db, [key]);
    return demoSnapshots(240).find((s) => s.caseNo === c!.caseNo)!;
  };
  const warm = async () => {
    await (await load()).written;
    const w = await load();
    await w.written;
    expect(w.cacheStats).toMatchObject({ fresh: 240, evaluated: 0, checkedBy: 'changes' });
  };

  it('(a) a changed case and (b) a new case are the only ones evaluated; the rest needs no per-case revision read', async () => {
    await warm();
    const one = await snapOf(7);
    await ingestPage(db, { profileId: 'demo-modern', pageKind: 'case-detail', url: 'x', cases: [{ ...one, judge: '钱七' }] }, 2_000);
    const a = await load();
    expect(a.cacheStats).toMatchObject({ fresh: 239, evaluated: 1, checkedBy: 'changes' });
    expect(a.rows.find((r) => r.caseNo === one.caseNo)!.judge).toBe('钱七');
    expect(derived(a.rows, a, TODAY)).toEqual(await reference(a));
    await a.written;
    const fresh: CaseSnapshot = { ...one, caseNo: '（2025）渝0107民初99999号', judge: '孙八' };
    await ingestPage(db, { profileId: 'demo-modern', pageKind: 'case-detail', url: 'x', cases: [fresh] }, 3_000);
    const b = await load();
    expect(b.cacheStats).toMatchObject({ fresh: 240, evaluated: 1, checkedBy: 'changes' });
    expect(b.rows).toHaveLength(241);
    expect(derived(b.rows, b, TODAY)).toEqual(await reference(b));
    await b.written;
    expect((await load()).cacheStats).toMatchObject({ fresh: 241, evaluated: 0, checkedBy: 'changes' });
  });

  it('(c) clearing the cases drops the cache; a handle opened before cannot write the cleared rows back', async () => {
    await warm();
    const early = dashCacheOf(db);
    const rows = await allCachedRows(early);
    await clearCachedCases(db);
    expect(await writeRows(early, rows.slice(0, 5), [], { base: rows[0].fp.split('|').slice(0, 3).join('|'), w: 1e15, vouch: true })).toEqual(expect.any(String));
    expect(await allCachedRows(dashCacheOf(db))).toHaveLength(0);
    // the same number of other cases, ingested with a clock that went back: nothing of the old rows shows
    const others = demoSnapshots(240).map((s, i) => ({ ...s, caseNo: `（2024）渝0107民初${50000 + i}号` }));
    await ingestPage(db, { profileId: 'demo-modern', pageKind: 'case-detail', url: 'x', cases: others }, 500);
    const after = await load();
    expect(after.rows).toHaveLength(240);
    expect(after.rows.every((r) => r.caseNo.includes('民初5'))).toBe(true);
    expect(derived(after.rows, after, TODAY)).toEqual(await reference(after));
  });

  it('(d) a day change and (e) a rule change check every case by revision, then the next load by changes again', async () => {
    await warm();
    const next = await load('2025-07-01');
    expect(next.cacheStats).toMatchObject({ fresh: 0, evaluated: 240, checkedBy: 'revisions' });
    expect(derived(next.rows, next, '2025-07-01')).toEqual(await reference(next, '2025-07-01'));
    await next.written;
    expect((await load('2025-07-01')).cacheStats).toMatchObject({ fresh: 240, evaluated: 0, checkedBy: 'changes' });
    await setSetting(db, 'rulesOverride', { thresholds: { levels: { notice: 40, warning: 20, urgent: 7 } } });
    const ruled = await load('2025-07-01');
    expect(ruled.cacheStats).toMatchObject({ fresh: 0, evaluated: 240, checkedBy: 'revisions' });
    expect(derived(ruled.rows, ruled, '2025-07-01')).toEqual(await reference(ruled, '2025-07-01'));
    await ruled.written;
    const again = await load('2025-07-01');
    expect(again.cacheStats).toMatchObject({ fresh: 240, evaluated: 0, checkedBy: 'changes' });
    expect(derived(again.rows, again, '2025-07-01')).toEqual(await reference(again, '2025-07-01'));
  });

  it('(f) a case changed with the clock gone back is still seen as changed', async () => {
    await warm();
    const one = await snapOf(11);
    await ingestPage(db, { profileId: 'demo-modern', pageKind: 'case-detail', url: 'x', cases: [{ ...one, closedOn: '2025-06-28', closeMethod: '撤诉', status: 'closed' }] }, 10);
    const d = await load();
    expect(d.cacheStats).toMatchObject({ fresh: 239, evaluated: 1, checkedBy: 'changes' });
    expect(d.rows.find((r) => r.caseNo === one.caseNo)!.closedOn).toBe('2025-06-28');
    expect(derived(d.rows, d, TODAY)).toEqual(await reference(d));
  });

  it('(g) loads running at the same time as each other and as ingests never leave a row that a full evaluation would not give', async () => {
    await warm();
    for (let round = 0; round < 4; round++) {
      const a = await snapOf(round * 13);
      const b = await snapOf(round * 13 + 5);
      const loads: Promise<DashboardData>[] = [];
      loads.push(load());
      const i1 = ingestPage(db, { profileId: 'demo-modern', pageKind: 'case-detail', url: 'x', cases: [{ ...a, judge: `甲${round}` }] }, 5_000 + round);
      loads.push(load());
      await i1;
      loads.push(load());
      // same millisecond as the previous ingest
      const i2 = ingestPage(db, { profileId: 'demo-modern', pageKind: 'case-detail', url: 'x', cases: [{ ...b, judge: `乙${round}` }] }, 5_000 + round);
      loads.push(load(), load());
      await i2;
      const done = await Promise.all(loads);
      await Promise.all(done.map((d) => d.written));
      const check = await load();
      expect(check.rows.find((r) => r.caseNo === a.caseNo)!.judge).toBe(`甲${round}`);
      expect(check.rows.find((r) => r.caseNo === b.caseNo)!.judge).toBe(`乙${round}`);
      expect(derived(check.rows, check, TODAY)).toEqual(await reference(check));
      await check.written;
    }
  });
});
