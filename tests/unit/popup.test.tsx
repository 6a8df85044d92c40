// The popup's data (scope, groups) and its rendering of long groups.
import { afterEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { render } from 'preact';
import { PopupApp, type PopupData } from '../../components/popup/PopupApp';
import { POPUP_GROUP_ROWS } from '../../components/popup/limits';
import { loadPopupData } from '../../utils/pages/popup-data';
import { CURRENT_USER_KEY, loadDashboardData } from '../../utils/pages/dashboard-data';
import { derivedCacheName, ingestPage, openDb, setSetting, type ZhixiaoDB } from '../../utils/store';
import type { CaseSnapshot } from '../../utils/domain/case';
import type { CaseView } from '../../utils/views/case-view';

const TODAY = '2025-06-30';
let db: ZhixiaoDB | undefined;
afterEach(async () => {
  if (!db) return;
  db.close();
  await Dexie.delete(db.name);
  await Dexie.delete(derivedCacheName(db.name));
  db = undefined;
});

const snap = (n: number, judge: string, filedOn: string): CaseSnapshot => ({
  caseNo: `（2025）渝0107民初${n}号`, category: 'civil', procedure: 'ordinary', filedOn, status: 'pending', judge, division: '民一庭',
});

describe('popup data', () => {
  it('groups the cases of the host user last seen ("my cases"); everything cached when no user is known', async () => {
    db = openDb(`zx-popup-${Date.now()}`);
    // 王建国: one overdue (filed 2024-11-01: 6 months + …), one urgent; 李秀英: one overdue
    await ingestPage(db, { profileId: 'demo-modern', pageKind: 'case-list', url: 'x', cases: [
      snap(1, '王建国', '2024-11-01'), snap(2, '王建国', '2025-01-02'), snap(3, '李秀英', '2024-10-01'),
    ] }, 1_000);
    const ids = (d: PopupData, group: string) => d.groups.find((g) => g.id === group)!.cases.map((c) => c.caseNo).sort();

    const all = await loadPopupData(db, TODAY);
    expect(all.scope).toBe('全院（本机缓存）');
    expect(ids(all, 'overdue')).toEqual(['（2025）渝0107民初1号', '（2025）渝0107民初3号']);

    await setSetting(db, CURRENT_USER_KEY, { name: '王建国', role: '法官', division: '民一庭' });
    const mine = await loadPopupData(db, TODAY);
    expect(mine.scope).toBe('本人（王建国）');
    expect(ids(mine, 'overdue')).toEqual(['（2025）渝0107民初1号']);
    expect(ids(mine, 'urgent')).toEqual(['（2025）渝0107民初2号']);
    expect(mine.casesCached).toBe(3);
    // a judge's groups come from an index read of his cases: the same views as the dashboard's rows
    const rows = (await loadDashboardData(db, TODAY)).rows.filter((r) => r.judge === '王建国');
    const byGroup = mine.groups.filter((g) => g.id !== 'long-pending').flatMap((g) => g.cases).sort((a, b) => a.caseNo.localeCompare(b.caseNo));
    const expected = rows.map((r) => r.view).filter((v) => !v.closed && ['overdue', 'urgent', 'warning', 'notice'].includes(v.badge.level))
      .sort((a, b) => a.caseNo.localeCompare(b.caseNo));
    expect(expected.length).toBeGreaterThan(0);
    // what the popup shows of each case (the dashboard's cached views leave out the timeline)
    const shown = (v: CaseView) => ({ caseNo: v.caseNo, badge: v.badge, longPending: v.longPending, url: v.url });
    expect(byGroup.map(shown)).toEqual(expected.map(shown));
  });

  it('the clerk ledger comes after the groups, for the same scope', async () => {
    db = openDb(`zx-popup-ledger-${Date.now()}`);
    const closed = (n: number, judge: string): CaseSnapshot => ({ ...snap(n, judge, '2025-01-02'), status: 'closed', closedOn: '2025-05-20', closeMethod: '判决' });
    await ingestPage(db, { profileId: 'demo-modern', pageKind: 'case-list', url: 'x', cases: [closed(7, '王建国'), closed(8, '李秀英')] }, 1_000);
    const all = await (await loadPopupData(db, TODAY)).later!;
    expect(all.ledger!.map((r) => r.caseNo).sort()).toEqual(['（2025）渝0107民初7号', '（2025）渝0107民初8号']);
    await setSetting(db, CURRENT_USER_KEY, { name: '王建国', role: '法官', division: '民一庭' });
    const mine = await (await loadPopupData(db, TODAY)).later!;
    expect(mine.ledger!.map((r) => r.caseNo)).toEqual(['（2025）渝0107民初7号']);
  });
});

describe('popup rendering', () => {
  const view = (i: number): CaseView => ({
    caseKey: `k${i}`, caseNo: `（2024）渝0107民初${i}号`, closed: false,
    badge: { level: 'overdue', daysLeft: -i, text: '', title: '' },
  }) as unknown as CaseView;

  it(`lists at most ${POPUP_GROUP_ROWS} cases per group and counts the rest`, async () => {
    const root = document.createElement('div');
    document.body.append(root);
    const cases = Array.from({ length: POPUP_GROUP_ROWS + 37 }, (_, i) => view(i + 1));
    const data: PopupData = { today: TODAY, casesCached: cases.length, scope: '本人（王建国）', groups: [{ id: 'overdue', label: '已超审限', cases }] };
    render(<PopupApp load={async () => data} />, root);
    for (let i = 0; i < 50 && !root.querySelector('section'); i++) await new Promise((r) => setTimeout(r, 5));
    expect(root.querySelector('section[data-group="overdue"] h2')!.textContent).toBe(`已超审限（${cases.length}）`);
    const shown = [...root.querySelectorAll('li[data-case-no]')].map((li) => li.getAttribute('data-case-no'));
    expect(shown).toEqual(cases.slice(0, POPUP_GROUP_ROWS).map((c) => c.caseNo));
    expect(root.querySelector('[data-more]')!.textContent).toContain('另有 37 件');
    expect(root.querySelector('[data-scope]')!.textContent).toBe('范围：本人（王建国）');
    expect(root.querySelector('[data-ledgers-loading]')).toBeNull(); // no ledgers asked for
    render(null, root);
    root.remove();
  });

  it('shows the groups at once and the ledgers when they are read; a failed read says so', async () => {
    const root = document.createElement('div');
    document.body.append(root);
    let fail!: (e: Error) => void;
    const later = new Promise<never>((_, rej) => { fail = rej; });
    const data: PopupData = { today: TODAY, casesCached: 1, groups: [{ id: 'overdue', label: '已超审限', cases: [view(1)] }], later };
    render(<PopupApp load={async () => data} />, root);
    for (let i = 0; i < 50 && !root.querySelector('section'); i++) await new Promise((r) => setTimeout(r, 5));
    expect(root.querySelectorAll('li[data-case-no]')).toHaveLength(1);
    expect(root.querySelector('[data-ledgers-loading]')!.textContent).toBe('台账读取中…');
    fail(new Error('数据库已关闭'));
    for (let i = 0; i < 50 && root.querySelector('[data-ledgers-loading]'); i++) await new Promise((r) => setTimeout(r, 5));
    expect(root.querySelector('[data-ledgers-loading]')).toBeNull();
    expect(root.querySelector('.error')!.textContent).toBe('读取台账失败：数据库已关闭');
    render(null, root);
    root.remove();
  });
});
