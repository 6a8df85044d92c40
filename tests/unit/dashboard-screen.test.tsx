// 质效看板 opening screen (issue #8): an open paints the opening view from the memo — checked without reading a
// row — only when a full load would show exactly the same; then the live data replaces it with the same markup.
// Any change of the rows (a changed, added or cleared case), another day, other rules / definitions / archive table
// or another user scope makes the check fail, and the memo is not used at all.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render, waitFor } from '@testing-library/preact';
import Dexie from 'dexie';
import type { CaseSnapshot } from '../../utils/domain/case';
import { computeIndicators } from '../../utils/domain/indicators';
import {
  CURRENT_USER_KEY, INDICATOR_OVERRIDE_KEY, loadDashboardData, loadOpeningView, prepareOpeningIndicators, type DashboardData, type OpeningView,
} from '../../utils/pages/dashboard-data';
import { dashCacheOf, OPENING_SCREEN_ID, putCachedRowForTest, allCachedRows } from '../../utils/pages/dashboard-cache';
import { deadlineLedger, inScope, periodOf, scopesFor, toIndicatorCase } from '../../utils/pages/dashboard-ledgers';
import { LEDGER_PAGE, openingScreenOf, parseOpeningScreen, sameScreen } from '../../utils/pages/dashboard-screen';
import { clearCachedCases, derivedCacheName, getCases, ingestPage, openDb, setSetting, type ZhixiaoDB } from '../../utils/store';
import { HOLIDAY_OVERRIDES_KEY } from '../../utils/rules/holiday-overrides';
import { resolveIndicatorDefs } from '../../utils/rules/indicators';
import { DashboardApp } from '../../components/dashboard/DashboardApp';
import { generateCases } from '../host/seed';
import { toSnapshot } from '../host/model';

const TODAY = '2025-06-30';
const COUNT = 240;
let db: ZhixiaoDB;
let n = 0;

function demoSnapshots(count: number): CaseSnapshot[] {
  return generateCases({ seed: 11, count, today: TODAY }).slice(0, count).map((c) => toSnapshot(c, 'http://court.invalid'));
}

async function snapOf(i: number): Promise<CaseSnapshot> {
  const key = (await db.cases.toCollection().primaryKeys())[i] as string;
  const [c] = await getCases(db, [key]);
  return demoSnapshots(COUNT).find((s) => s.caseNo === c!.caseNo)!;
}

/** What a full load shows on the opening screen (computed from scratch, no memo). */
function expectedOf(d: DashboardData) {
  const { scopes } = scopesFor(d.user);
  const scoped = inScope(d.rows, scopes[scopes.length - 1]);
  return {
    screen: openingScreenOf({ rowCount: d.rows.length, scoped }),
    results: computeIndicators(scoped.map(toIndicatorCase), periodOf('year', d.today), d.defs),
    meta: { today: d.today, user: d.user, defs: d.defs, archiveTable: d.archiveTable, problems: d.problems },
  };
}

/** Opening view + what the full load of the same moment shows. */
async function both(today = TODAY) {
  const view = await loadOpeningView(db, today);
  const full = await loadDashboardData(db, today);
  await full.written;
  return { view, full };
}

function expectSame(view: OpeningView | null, full: DashboardData) {
  expect(view).not.toBeNull();
  const exp = expectedOf(full);
  expect(sameScreen(view!.screen, exp.screen)).toBe(true);
  expect(view!.screen).toEqual(exp.screen);
  expect(view!.results).toEqual(exp.results);
  expect({ today: view!.today, user: view!.user, defs: view!.defs, archiveTable: view!.archiveTable, problems: view!.problems }).toEqual(exp.meta);
}

beforeEach(async () => {
  db = openDb(`zx-dash-screen-${++n}`);
  await ingestPage(db, { profileId: 'demo-modern', pageKind: 'case-detail', url: 'http://court.invalid/app', cases: demoSnapshots(COUNT) }, 1_000);
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
  await Dexie.delete(derivedCacheName(db.name));
});

describe('质效看板 opening screen memo', () => {
  it('equals what the full load shows (screen, indicators, settings); found without reading a row block', async () => {
    expect(await loadOpeningView(db, TODAY)).toBeNull(); // nothing stored yet
    expect(await prepareOpeningIndicators(db, TODAY)).toBe(true);
    expect(await prepareOpeningIndicators(db, TODAY)).toBe(false);
    const { view, full } = await both();
    expectSame(view, full);
    expect(view!.screen.rowCount).toBe(COUNT);
    expect(view!.screen.ledger.id).toBe('deadlines');
    expect(view!.screen.ledger.total).toBe(deadlineLedger(full.rows).rows.length);
    expect(view!.screen.ledger.total).toBeGreaterThan(0);
    expect(view!.screen.ledger.page).toHaveLength(Math.min(LEDGER_PAGE, view!.screen.ledger.total));
    expect(view!.screen.ledger.page[0].cells[1]).toBe(view!.screen.ledger.page[0].caseNo);
    // a ledger longer than a page: the screen holds its first page, as the table shows it
    const listed = deadlineLedger(full.rows).rows;
    const many = Array.from({ length: 5 }, (_, k) => listed.map((r) => ({ ...r, caseKey: `${r.caseKey}#${k}`, caseNo: `${r.caseNo}-${k}` }))).flat();
    const big = openingScreenOf({ rowCount: many.length, scoped: many });
    expect(big.ledger.total).toBe(many.length);
    expect(big.ledger.total).toBeGreaterThan(LEDGER_PAGE);
    expect(big.ledger.page.map((r) => r.caseNo)).toEqual(deadlineLedger(many).rows.slice(0, LEDGER_PAGE).map((r) => r.caseNo));
    // the check reads no row block: with every block unreadable the memo is still found
    const cache = dashCacheOf(db);
    const blocks = (await cache.blocks.toArray()).filter((b) => b.id >= 0);
    await cache.blocks.bulkPut(blocks.map((b) => ({ ...b, json: '{corrupt' })));
    cache.close();
    // (a corrupt block is also a content write the generation does not see — only a test can do this)
    expect(await loadOpeningView(db, TODAY)).not.toBeNull();
  });

  it('for a 庭长: the widest scope (本庭), not the court', async () => {
    await setSetting(db, CURRENT_USER_KEY, { name: '林国栋', role: '庭长', division: '民一庭' });
    await prepareOpeningIndicators(db, TODAY);
    const { view, full } = await both();
    expectSame(view, full);
    expect(view!.screen.scopedCount).toBeLessThan(COUNT);
    expect(view!.screen.scopedCount).toBeGreaterThan(0);
  });

  const invalidating: Array<[string, () => Promise<void>, string?]> = [
    ['a changed case', async () => { const s = await snapOf(5); await ingestPage(db, { profileId: 'demo-modern', pageKind: 'case-detail', url: 'x', cases: [{ ...s, judge: '钱七' }] }, 2_000); }],
    ['a changed case, the clock gone back', async () => { const s = await snapOf(9); await ingestPage(db, { profileId: 'demo-modern', pageKind: 'case-detail', url: 'x', cases: [{ ...s, closedOn: '2025-06-28', closeMethod: '撤诉', status: 'closed' }] }, 10); }],
    ['a new case', async () => { const s = await snapOf(3); await ingestPage(db, { profileId: 'demo-modern', pageKind: 'case-detail', url: 'x', cases: [{ ...s, caseNo: '（2025）渝0107民初99999号' }] }, 2_000); }],
    ['the cases cleared and as many others stored (clock gone back)', async () => {
      await clearCachedCases(db);
      await ingestPage(db, { profileId: 'demo-modern', pageKind: 'case-detail', url: 'x', cases: demoSnapshots(COUNT).map((s, i) => ({ ...s, caseNo: `（2024）渝0107民初${50000 + i}号` })) }, 500);
    }],
    ['another day', async () => {}, '2025-07-01'],
    ['a rule override', async () => { await setSetting(db, 'rulesOverride', { thresholds: { levels: { notice: 40, warning: 20, urgent: 7 } } }); }],
    ['a holiday override', async () => { await setSetting(db, HOLIDAY_OVERRIDES_KEY, { holidays: ['2025-06-20'], workdays: [], coveredYears: [] }); }],
    ['other indicator definitions', async () => {
      const defs = resolveIndicatorDefs(null);
      await setSetting(db, INDICATOR_OVERRIDE_KEY, { indicators: [{ id: defs[1].id, enabled: false }] });
      const now = (await loadDashboardData(db, TODAY, { cache: null })).defs;
      expect(now).not.toEqual(defs);
      expect(now.find((d) => d.id === defs[1].id)!.enabled).toBe(false);
    }],
    ['another user (scope)', async () => { await setSetting(db, CURRENT_USER_KEY, { name: '王建国', role: '法官', division: '民一庭' }); }],
    ['another 庭长 of the same 庭 (same widest scope, other 本人): still the same screen', async () => { await setSetting(db, CURRENT_USER_KEY, { name: '赵六', role: '庭长', division: '民一庭' }); }],
    ['the cache deleted (a restore)', async () => { await Dexie.delete(derivedCacheName(db.name)); }],
    ['a cached row rewritten', async () => { const c = dashCacheOf(db); const [r] = await allCachedRows(c); await putCachedRowForTest(c, r); c.close(); }],
  ];
  for (const [what, change, day] of invalidating) {
    it(`${what} → ${what.includes('still') ? 'used, equal to the full load' : 'not used; the next prepared memo equals the full load again'}`, async () => {
      await setSetting(db, CURRENT_USER_KEY, { name: '林国栋', role: '庭长', division: '民一庭' });
      await prepareOpeningIndicators(db, TODAY);
      expect(await loadOpeningView(db, TODAY)).not.toBeNull();
      await change();
      const today = day ?? TODAY;
      const { view, full } = await both(today);
      if (what.includes('still')) {
        expectSame(view, full);
        return;
      }
      expect(view).toBeNull();
      await prepareOpeningIndicators(db, today);
      const again = await both(today);
      expectSame(again.view, again.full);
    });
  }

  it('holiday / indicator settings that are invalid: the problems shown are the full load\'s', async () => {
    await setSetting(db, INDICATOR_OVERRIDE_KEY, { nonsense: 1 });
    await prepareOpeningIndicators(db, TODAY);
    const { view, full } = await both();
    expectSame(view, full);
    expect(view!.problems.some((p) => p.includes('指标参考区间设置无效'))).toBe(true);
  });

  it('not used when only the results or only the screen carry the key, or the screen record is malformed', async () => {
    await prepareOpeningIndicators(db, TODAY);
    const cache = dashCacheOf(db);
    const rec = (await cache.blocks.get(OPENING_SCREEN_ID))!;
    expect(parseOpeningScreen(rec.json)).not.toBeNull();
    await cache.blocks.put({ ...rec, json: rec.json.replace('"rowCount":', '"rowCount":"x","was":') });
    expect(await loadOpeningView(db, TODAY, { cache })).toBeNull();
    await cache.blocks.put({ ...rec, key: `${rec.key}x` });
    expect(await loadOpeningView(db, TODAY, { cache })).toBeNull();
    await cache.blocks.put({ ...rec, w: rec.w! - 1 });
    expect(await loadOpeningView(db, TODAY, { cache })).toBeNull();
    await cache.blocks.delete(OPENING_SCREEN_ID);
    expect(await loadOpeningView(db, TODAY, { cache })).toBeNull();
    await cache.blocks.put(rec);
    expect(await loadOpeningView(db, TODAY, { cache })).not.toBeNull();
    cache.close();
  });
});

describe('质效看板 painted from the memo, then live', () => {
  const html = (el: Element | null) => el?.outerHTML ?? '';
  /** The parts a memo paint shows, with the disabled / title attributes of waiting controls taken out. */
  const shown = (c: Element) => {
    const clone = c.cloneNode(true) as Element;
    for (const el of clone.querySelectorAll('[disabled],[title]')) { el.removeAttribute('disabled'); el.removeAttribute('title'); }
    clone.querySelector('footer')?.remove();
    clone.querySelector('.zx-dash')?.removeAttribute('data-live');
    return { head: html(clone.querySelector('h1')), cards: html(clone.querySelector('.zx-cards')), tabs: html(clone.querySelector('.tabs')), ledger: html(clone.querySelector('[data-ledger]')), options: html(clone.querySelector('.zx-controls')) };
  };

  it('the memo paint shows what the live data shows once loaded (indicators, counts, filters, the first ledger page)', async () => {
    performance.clearMarks();
    await setSetting(db, CURRENT_USER_KEY, { name: '林国栋', role: '庭长', division: '民一庭' });
    await prepareOpeningIndicators(db, TODAY);
    const view = await loadOpeningView(db, TODAY);
    expect(view).not.toBeNull();
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    let loads = 0;
    const load = async () => { loads++; await gate; return loadDashboardData(db, TODAY); };
    const { container } = render(<DashboardApp load={load} opening={async () => view} />);
    await waitFor(() => expect(container.querySelector('[data-live="no"] [data-ledger="deadlines"] tbody tr')).not.toBeNull());
    const memoPaint = shown(container);
    expect(container.querySelectorAll('[data-ledger="deadlines"] tbody tr')).toHaveLength(Math.min(LEDGER_PAGE, view!.screen.ledger.total));
    expect(view!.screen.ledger.total).toBeGreaterThan(0);
    expect(container.querySelector('[data-drill="numerator"]')!.hasAttribute('disabled')).toBe(true);
    await waitFor(() => expect(loads).toBe(1)); // the rows are loaded after the memo paint
    release();
    await waitFor(() => expect(container.querySelector('[data-live="yes"]')).not.toBeNull());
    expect(shown(container)).toEqual(memoPaint);
    expect(performance.getEntriesByName('zx:dash-screen-mismatch', 'mark')).toHaveLength(0);
    expect(container.querySelector('[data-drill="numerator"]')!.hasAttribute('disabled')).toBe(false);
  });

  it('(the one change the check cannot see, which no store function makes) a single case deleted behind the store\'s back: the live data replaces the memo paint and the difference is marked', async () => {
    performance.clearMarks();
    await prepareOpeningIndicators(db, TODAY);
    const view = (await loadOpeningView(db, TODAY))!;
    // every case was stored by one ingest (one revision): deleting one leaves the top revision as it was
    await db.cases.delete((await db.cases.toCollection().primaryKeys())[4] as string);
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const { container } = render(<DashboardApp load={async () => { await gate; return loadDashboardData(db, TODAY); }} opening={() => loadOpeningView(db, TODAY)} />);
    await waitFor(() => expect(container.querySelector('[data-live="no"] h1')?.textContent).toContain(`本机缓存 ${COUNT} 件`));
    expect(view.screen.rowCount).toBe(COUNT);
    release();
    await waitFor(() => expect(container.querySelector('[data-live="yes"] h1')?.textContent).toContain(`本机缓存 ${COUNT - 1} 件`));
    await waitFor(() => expect(performance.getEntriesByName('zx:dash-screen-mismatch', 'mark')).toHaveLength(1));
  });

  it('a stale memo is not painted: the board waits for the rows', async () => {
    await prepareOpeningIndicators(db, TODAY);
    const s = await snapOf(2);
    await ingestPage(db, { profileId: 'demo-modern', pageKind: 'case-detail', url: 'x', cases: [{ ...s, judge: '钱七' }] }, 2_000);
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const { container } = render(<DashboardApp load={async () => { await gate; return loadDashboardData(db, TODAY); }} opening={() => loadOpeningView(db, TODAY)} />);
    await new Promise((r) => setTimeout(r, 200));
    expect(container.querySelector('[data-indicator]')).toBeNull();
    expect(container.textContent).toContain('读取中');
    release();
    await waitFor(() => expect(container.querySelector('[data-live="yes"] [data-indicator]')).not.toBeNull());
  });
});
