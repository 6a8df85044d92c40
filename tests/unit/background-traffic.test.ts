// Background scans (full badge count, notifications + dashboard rows) give way to host pages' ingests, and a full
// badge count runs once at a time (issue #8: at court scale these scans competed with the ingests).
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BadgeCounter, BadgeRefresher } from '../../utils/background/badge';
import { createHandlers } from '../../utils/background';
import { PageTraffic } from '../../utils/background/traffic';
import { loadDashboardData } from '../../utils/pages/dashboard-data';
import { derivedCacheName, ingestPage, openDb } from '../../utils/store';
import type { CaseSnapshot } from '../../utils/domain/case';

const v = (caseKey: string, level: string, closed = false) => ({ caseKey, closed, badge: { level: level as 'ok', daysLeft: 1, title: '' } });
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe('PageTraffic', () => {
  afterEach(() => vi.useRealTimers());

  it('is quiet at once when nothing is in flight', async () => {
    const t = new PageTraffic(50, 10_000);
    let done = false;
    void t.whenQuiet().then(() => (done = true));
    await tick();
    expect(done).toBe(true);
  });

  it('waits while an ingest is in flight and for the quiet period after it, then lets every waiter go', async () => {
    vi.useFakeTimers();
    const t = new PageTraffic(300, 10_000);
    const end = t.begin();
    expect(t.busy).toBe(true);
    const order: string[] = [];
    void t.whenQuiet().then(() => order.push('a'));
    void t.whenQuiet().then(() => order.push('b'));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(order).toEqual([]); // still in flight
    end();
    end(); // ending twice counts once
    expect(t.busy).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(order).toEqual([]); // within the quiet period
    const next = t.begin(); // the user's next page comes within the quiet period
    await vi.advanceTimersByTimeAsync(500);
    expect(order).toEqual([]);
    next();
    await vi.advanceTimersByTimeAsync(299);
    expect(order).toEqual([]);
    await vi.advanceTimersByTimeAsync(2);
    expect(order).toEqual(['a', 'b']);
  });

  it('never waits longer than maxWaitMs (a court browsing all day still gets its daily scan)', async () => {
    vi.useFakeTimers();
    const t = new PageTraffic(300, 5_000);
    t.begin(); // never ends
    let done = false;
    void t.whenQuiet().then(() => (done = true));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(2);
    expect(done).toBe(true);
  });
});

describe('BadgeRefresher', () => {
  it('runs one full count at a time and applies the pages stored meanwhile on top of it', async () => {
    const counter = new BadgeCounter();
    let release!: () => void;
    let runs = 0;
    const shown: number[] = [];
    const full = vi.fn(async (c: BadgeCounter) => {
      runs++;
      await new Promise<void>((r) => (release = r));
      // the full count read the store before the page below was stored: a is overdue, b is fine
      return c.reset('2026-11-23', [v('a', 'overdue'), v('b', 'ok')]);
    });
    const r = new BadgeRefresher(counter, full, async (n) => void shown.push(n), () => '2026-11-23');
    const first = r.refresh();
    const joined = r.refresh();
    expect(r.refreshing).toBe(true);
    expect(r.pageStored([v('b', 'urgent')])).toBeNull(); // no count yet: the caller would ask for a full count
    void r.refresh();
    release();
    expect(await first).toBe(2); // a, and b from the page stored during the count
    expect(await joined).toBe(2);
    expect(runs).toBe(1);
    expect(shown).toEqual([2]);
    expect(r.refreshing).toBe(false);
    expect(r.pageStored([v('a', 'closed-in-time', true)])).toBe(1);
  });

  it('a failed full count leaves no run behind', async () => {
    let fail = true;
    const r = new BadgeRefresher(new BadgeCounter(), async (c) => {
      if (fail) throw new Error('db closed');
      return c.reset('d', [v('a', 'urgent')]);
    }, async () => {}, () => 'd');
    await expect(r.refresh()).rejects.toThrow('db closed');
    fail = false;
    expect(await r.refresh()).toBe(1);
  });
});

describe('scans give way to ingests', () => {
  const snaps = (from: number, n: number): CaseSnapshot[] => Array.from({ length: n }, (_, i) => ({
    caseNo: `（2025）渝0107民初${from + i}号`, category: 'civil', procedure: 'ordinary', filedOn: '2025-03-01', status: 'pending', judge: '王建国', division: '民一庭',
  }));

  it('loadDashboardData awaits `pause` before every chunk and still evaluates every case', async () => {
    const db = openDb(`zx-traffic-dash-${Math.random()}`);
    await ingestPage(db, { profileId: 'p', pageKind: 'case-list', url: 'x', cases: snaps(1, 25) });
    let pauses = 0;
    const data = await loadDashboardData(db, '2025-06-30', { cache: null, chunk: 10, pause: async () => void pauses++ });
    expect(pauses).toBe(3);
    expect(data.rows).toHaveLength(25);
    // reads of 10, yielding every 4 evaluations inside them: pauses before each read and at 4 and 8 of each chunk
    let inner = 0;
    const again = await loadDashboardData(db, '2025-06-30', { cache: null, chunk: 10, yieldEvery: 4, pause: async () => void inner++ });
    expect(inner).toBe(3 + 2 + 2 + 1);
    expect(again.rows).toEqual(data.rows);
    db.close();
    await Dexie.delete(db.name);
    await Dexie.delete(derivedCacheName(db.name));
  });

  it('the ingest handler holds a scan chunk back until its page is stored and the quiet period passed', async () => {
    const db = openDb(`zx-traffic-ingest-${Math.random()}`);
    const traffic = new PageTraffic(30, 10_000);
    const h = createHandlers(db, () => {}, traffic);
    const reply = h.ingest!({ type: 'ingest', profileId: 'p', pageKind: 'case-list', url: 'http://h/', missing: [], errors: [], cases: snaps(100, 50) }, { id: 'x' });
    expect(traffic.busy).toBe(true);
    let chunkAt = -1;
    const scan = traffic.whenQuiet().then(async () => (chunkAt = await db.cases.count()));
    await reply;
    await scan;
    expect(chunkAt).toBe(50); // the scan's chunk ran only after the page was stored
    expect(traffic.busy).toBe(false);
    // a handler that fails still ends its traffic
    const failing = createHandlers(db, () => {}, traffic);
    db.close();
    await expect(failing.ingest!({ type: 'ingest', profileId: 'p', pageKind: 'case-list', url: 'http://h/', missing: [], errors: [], cases: snaps(200, 1) }, { id: 'x' })).rejects.toThrow();
    expect(traffic.busy).toBe(false);
    await Dexie.delete(db.name);
  });

  it('a host page that starts (asks for its profiles) holds scans back until its ingest can arrive', async () => {
    const db = openDb(`zx-traffic-start-${Math.random()}`);
    const traffic = new PageTraffic(30, 10_000);
    const h = createHandlers(db, () => {}, traffic);
    const t0 = Date.now();
    await h.getProfiles!({ type: 'getProfiles', url: 'http://127.0.0.1:5180/classic/cases' }, { id: 'x' });
    expect(traffic.busy).toBe(true);
    await traffic.whenQuiet();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1500);
    expect(traffic.busy).toBe(false);
    db.close();
    await Dexie.delete(db.name);
  });
});
