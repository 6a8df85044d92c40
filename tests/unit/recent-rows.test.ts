// Remembered list rows (utils/background/recent-rows.ts): memory first, a few pages mirrored to storage.session so a
// service-worker restart keeps them; stamps keep other days / configurations out; bad stored data is not offered.
import { describe, expect, it } from 'vitest';
import { RecentRows, type SessionArea } from '../../utils/background/recent-rows';
import type { RowView } from '../../utils/views/case-view';

function memorySession(): SessionArea & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = {};
  return {
    data,
    async get(key) { return key in data ? { [key]: structuredClone(data[key]) } : {}; },
    async set(items) { for (const [k, v] of Object.entries(items)) data[k] = structuredClone(v); },
    async remove(keys) { for (const k of [keys].flat()) delete data[k]; },
  };
}

const row = (n: number, daysLeft = 30): RowView => ({
  caseKey: `(2025)渝0107民初${n}号`, caseNo: `（2025）渝0107民初${n}号`, closed: false,
  badge: { level: 'notice', daysLeft, title: `审限届满 +${daysLeft}` }, tags: [],
});
const url = (p: number) => `http://court.test/cases?page=${p}&size=500`;

describe('RecentRows', () => {
  it('survives a restart through the session mirror, under the same stamp only', async () => {
    const session = memorySession();
    const before = new RecentRows(session);
    before.remember('2025-06-30|k1', [row(1), row(2)], { url: url(1), casesCached: 9 });
    await before.flushed();
    const after = new RecentRows(session); // a new service worker: empty memory, same session storage
    expect(await after.pageRows(url(1), '2025-06-30|k1')).toEqual({ rows: [row(1), row(2)], casesCached: 9 });
    expect(await after.pageRows(url(1), '2025-07-01|k1')).toBeNull(); // another day
    expect(await new RecentRows(session).pageRows(url(1), '2025-06-30|k2')).toBeNull(); // another configuration
    expect(await after.pageRows(url(2), '2025-06-30|k1')).toBeNull();
  });

  it('rows evaluated after the restart win over mirrored ones', async () => {
    const session = memorySession();
    const before = new RecentRows(session);
    before.remember('s', [row(1), row(2)], { url: url(1), casesCached: 2 });
    await before.flushed();
    const after = new RecentRows(session);
    after.remember('s', [row(2, 12)]); // case 2 opened on its detail page since
    expect((await after.pageRows(url(1), 's'))!.rows).toEqual([row(1), row(2, 12)]);
  });

  it('mirrors only the last few pages and drops the rest from storage', async () => {
    const session = memorySession();
    const recent = new RecentRows(session, 100, 64, 2);
    for (let p = 1; p <= 4; p++) recent.remember('s', [row(p)], { url: url(p), casesCached: p });
    await recent.flushed();
    expect(Object.keys(session.data).sort()).toEqual(['zxRecent:' + url(3), 'zxRecent:' + url(4), 'zxRecentPages'].sort());
    expect(session.data.zxRecentPages).toEqual([url(4), url(3)]);
  });

  it('offers nothing for damaged stored data, and works without session storage', async () => {
    const session = memorySession();
    session.data['zxRecent:' + url(1)] = { stamp: 's', rows: [{ caseKey: 1 }], casesCached: 1 };
    expect(await new RecentRows(session).pageRows(url(1), 's')).toBeNull();
    const failing: SessionArea = { get: async () => { throw new Error('quota'); }, set: async () => { throw new Error('quota'); }, remove: async () => {} };
    const recent = new RecentRows(failing);
    recent.remember('s', [row(1)], { url: url(1), casesCached: 1 });
    await recent.flushed();
    expect(await recent.pageRows(url(1), 's')).toEqual({ rows: [row(1)], casesCached: 1 });
    expect(await recent.pageRows(url(2), 's')).toBeNull();
  });
});

describe('RecentRows mirror writes', () => {
  it('pages remembered while a write runs are written together after it, the newest entry of each', async () => {
    const session = memorySession();
    const sets: string[][] = [];
    const releases: Array<() => void> = [];
    const slow: SessionArea = {
      ...session,
      set: async (items) => {
        sets.push(Object.keys(items).sort());
        await new Promise<void>((r) => releases.push(r));
        await session.set(items);
      },
    };
    const recent = new RecentRows(slow, 100, 64, 3);
    recent.remember('s', [row(1)], { url: url(1), casesCached: 1 });
    await new Promise((r) => setTimeout(r, 10)); // the first write has started and waits
    recent.remember('s', [row(2)], { url: url(2), casesCached: 2 });
    recent.remember('s', [row(1, 9)], { url: url(1), casesCached: 3 }); // page 1 again, changed
    recent.remember('s', [row(3)], { url: url(3), casesCached: 4 });
    releases.shift()!();
    await new Promise((r) => setTimeout(r, 10));
    releases.shift()!();
    await recent.flushed();
    // two writes, not four: the second holds the three pages remembered meanwhile
    expect(sets).toEqual([
      ['zxRecent:' + url(1), 'zxRecentPages'],
      ['zxRecent:' + url(1), 'zxRecent:' + url(2), 'zxRecent:' + url(3), 'zxRecentPages'].sort(),
    ]);
    expect(session.data.zxRecentPages).toEqual([url(3), url(1), url(2)]); // newest first
    expect(await new RecentRows(session).pageRows(url(1), 's')).toEqual({ rows: [row(1, 9)], casesCached: 3 });
  });
});
