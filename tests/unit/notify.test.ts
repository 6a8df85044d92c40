import { afterEach as afterEachW, beforeEach as beforeEachW, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { fakeBrowser } from 'wxt/testing';
import {
  candidatesOf, diffNotifications, EMPTY_NOTIFY_STATE, loadNotifyState, NOTIFY_ALARM, NOTIFY_ENABLED_KEY, NotifyStateSchema, startNotifications, type NotifyCandidate,
} from '../../utils/background/notify';
import { CURRENT_USER_KEY, loadDashboardData } from '../../utils/pages/dashboard-data';
import { refreshBadge } from '../../utils/background/index';
import { BadgeCounter, countsOnBadge } from '../../utils/background/badge';
import { SharedScan } from '../../utils/background/shared-scan';
import { runNotifications } from '../../utils/background/notify';
import { chinaToday } from '../../utils/domain/dates';
import { derivedCacheName, ingestPage, openDb, setSetting, type ZhixiaoDB } from '../../utils/store';
import type { CaseSnapshot } from '../../utils/domain/case';

const c = (level: string, extra: Partial<NotifyCandidate> = {}): NotifyCandidate => ({ caseKey: 'k1', caseNo: '（2025）渝0107民初1号', level, daysLeft: level === 'overdue' ? -3 : 2, dueOn: '2025-07-02', ...extra });

describe('notifications: at most once per case per level', () => {
  it('notifies urgent once, then overdue once, never again for either level', () => {
    const a = diffNotifications(EMPTY_NOTIFY_STATE, [c('urgent')]);
    expect(a.items.map((i) => i.key)).toEqual(['urgent']);
    expect(a.items[0].message).toContain('剩余 2 天');
    expect(diffNotifications(a.next, [c('urgent')]).items).toEqual([]);
    const b = diffNotifications(a.next, [c('overdue')]);
    expect(b.items.map((i) => i.key)).toEqual(['overdue']);
    expect(b.items[0].message).toContain('已超过 3 天');
    expect(diffNotifications(b.next, [c('overdue'), c('urgent')]).items).toEqual([]);
    expect(NotifyStateSchema.parse(b.next).notified.k1).toEqual(['urgent', 'overdue']);
  });
  it('ignores notice / warning levels; 待阅核 is per document; the input state is not mutated', () => {
    expect(diffNotifications(EMPTY_NOTIFY_STATE, [c('warning'), c('notice', { caseKey: 'k2' })]).items).toEqual([]);
    const r = diffNotifications(EMPTY_NOTIFY_STATE, [c('ok', { review: { ref: 'w1', title: '判决书' } })]);
    expect(r.items.map((i) => i.key)).toEqual(['review:w1']);
    expect(diffNotifications(r.next, [c('ok', { review: { ref: 'w1', title: '判决书' } })]).items).toEqual([]);
    expect(diffNotifications(r.next, [c('ok', { review: { ref: 'w2', title: '裁定书' } })]).items.map((i) => i.key)).toEqual(['review:w2']);
    expect(EMPTY_NOTIFY_STATE.notified).toEqual({});
  });
});

// The wiring (startNotifications) driven through WXT's fakeBrowser: browser start and the daily alarm run the
// notifier, a second run shows nothing new, the off switch suppresses, and a click opens the case's host page.
// (A click on a real system notification cannot be simulated in headless Chromium; tests/e2e/dashboard.spec.ts
// drives the alarm → notifications path in the browser.)

describe('notifications wiring (fakeBrowser)', () => {
  const TODAY = '2025-06-30';
  let db: ZhixiaoDB;
  let k = 0;
  // 王建国's cases: one urgent (2 days left), one overdue, one quiet, one 待阅核; 李秀英's overdue case is not his.
  const snaps: CaseSnapshot[] = [
    { caseNo: '（2025）渝0107民初11号', category: 'civil', procedure: 'ordinary', filedOn: '2025-01-02', status: 'pending', judge: '王建国', division: '民一庭', url: 'http://court.invalid/app/cases/c11/basic' },
    { caseNo: '（2024）渝0107民初12号', category: 'civil', procedure: 'ordinary', filedOn: '2024-11-01', status: 'pending', judge: '王建国', division: '民一庭', url: 'http://court.invalid/app/cases/c12/basic' },
    { caseNo: '（2025）渝0107民初13号', category: 'civil', procedure: 'ordinary', filedOn: '2025-05-02', status: 'pending', judge: '王建国', division: '民一庭', url: 'http://court.invalid/app/cases/c13/basic' },
    { caseNo: '（2025）渝0107民初14号', category: 'civil', procedure: 'ordinary', filedOn: '2025-04-01', status: 'pending', judge: '王建国', division: '民一庭', url: 'http://court.invalid/app/cases/c14/basic',
      review: { documentRef: 'w-14', documentTitle: '民事判决书（送审稿）', submittedOn: '2025-06-28', triggers: ['本庭裁判文书'] } },
    { caseNo: '（2024）渝0107民初15号', category: 'civil', procedure: 'ordinary', filedOn: '2024-10-01', status: 'pending', judge: '李秀英', division: '民一庭', url: 'http://court.invalid/app/cases/c15/basic' },
  ];
  const shownIds = async () => Object.keys(await fakeBrowser.notifications.getAll()).sort();
  const until = async (f: () => Promise<boolean>) => { for (let i = 0; i < 200 && !(await f()); i++) await new Promise((r) => setTimeout(r, 10)); };

  beforeEachW(async () => {
    fakeBrowser.reset();
    db = openDb(`zx-notify-wiring-${++k}`);
    await ingestPage(db, { profileId: 'demo-modern', pageKind: 'case-detail', url: 'x', cases: snaps }, 1_000);
    await setSetting(db, CURRENT_USER_KEY, { name: '王建国', role: '法官', division: '民一庭' });
  });
  afterEachW(async () => {
    db.close();
    await Dexie.delete(db.name);
    await Dexie.delete(derivedCacheName(db.name));
  });

  it('registers the daily alarm; browser start notifies urgent, overdue and 待阅核 of my cases once; the alarm adds nothing new', async () => {
    startNotifications(db, () => TODAY);
    await until(async () => Boolean(await fakeBrowser.alarms.get(NOTIFY_ALARM)));
    expect(await fakeBrowser.alarms.get(NOTIFY_ALARM)).toMatchObject({ periodInMinutes: 24 * 60 });

    await fakeBrowser.runtime.onStartup.trigger();
    await until(async () => (await loadNotifyState(db)).lastRun !== undefined);
    const ids = await shownIds();
    expect(ids).toHaveLength(3);
    expect(ids.join(' ')).toContain('|urgent');
    expect(ids.join(' ')).toContain('|overdue');
    expect(ids.join(' ')).toContain('|review:w-14');
    expect(ids.join(' ')).not.toContain('15号'); // not in 王建国's scope
    const all = await fakeBrowser.notifications.getAll() as Record<string, { title: string; message: string }>;
    expect(Object.values(all).map((n) => n.title).sort()).toEqual([
      '质效助手 · 审限临近届满：（2025）渝0107民初11号', '质效助手 · 已超审限：（2024）渝0107民初12号', '质效助手 · 待阅核：（2025）渝0107民初14号',
    ].sort());

    // the alarm fires: nothing is new, nothing is shown again
    for (const id of ids) await fakeBrowser.notifications.clear(id);
    const before = (await loadNotifyState(db)).lastRun!.at;
    await new Promise((r) => setTimeout(r, 5));
    await fakeBrowser.alarms.onAlarm.trigger({ name: NOTIFY_ALARM, scheduledTime: Date.now() });
    await until(async () => (await loadNotifyState(db)).lastRun!.at !== before);
    expect(await shownIds()).toEqual([]);
    expect((await loadNotifyState(db)).lastRun).toMatchObject({ shown: 0, enabled: true });
  });

  it('the toolbar count and the notification run fired together share one scan of the cached cases', async () => {
    const day = chinaToday(new Date()); // refreshBadge counts for the real today
    let scans = 0;
    const shared = new SharedScan((d) => { scans++; return loadDashboardData(db, d); });
    const created: string[] = [];
    const api = { create: async (id: string) => { created.push(id); return id; } };
    let asked = 0;
    const ask = (d: string) => { asked++; return shared.run(d); };
    const [count, run] = await Promise.all([
      refreshBadge(db, new BadgeCounter(), ask),
      runNotifications(db, day, api, 'icon.png', {}, ask),
    ]);
    expect(asked).toBe(2);
    expect(scans).toBe(1);
    const fresh = await loadDashboardData(db, day);
    expect(count).toBe(fresh.rows.filter((r) => countsOnBadge(r.view)).length);
    expect(count).toBeGreaterThan(0);
    expect(run.shown).toBe(created.length);
    expect(run.shown).toBeGreaterThan(0);
  });

  it('records what it notified at once, and the run\'s end (lastRun) only once the derived rows are written', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const scan = async (d: string) => {
      const data = await loadDashboardData(db, d);
      return { ...data, written: data.written.then(async (v) => { await held; return v; }) };
    };
    const created: string[] = [];
    const run = runNotifications(db, TODAY, { create: async (id: string) => { created.push(id); return id; } }, 'icon.png', {}, scan);
    await until(async () => Object.keys((await loadNotifyState(db)).notified).length > 0);
    expect(created.length).toBeGreaterThan(0); // shown, and recorded as notified
    expect((await loadNotifyState(db)).lastRun).toBeUndefined(); // the row cache is still being written
    release();
    await run;
    expect((await loadNotifyState(db)).lastRun).toMatchObject({ today: TODAY, shown: created.length, enabled: true });
  });

  it('the off switch suppresses; a click opens the case in the host system and clears the notification', async () => {
    startNotifications(db, () => TODAY);
    await setSetting(db, NOTIFY_ENABLED_KEY, false);
    await fakeBrowser.runtime.onStartup.trigger();
    await until(async () => (await loadNotifyState(db)).lastRun !== undefined);
    expect((await loadNotifyState(db)).lastRun).toMatchObject({ enabled: false, shown: 0 });
    expect(await shownIds()).toEqual([]);

    await setSetting(db, NOTIFY_ENABLED_KEY, true);
    await fakeBrowser.alarms.onAlarm.trigger({ name: NOTIFY_ALARM, scheduledTime: Date.now() });
    await until(async () => (await shownIds()).length === 3);
    const overdue = (await shownIds()).find((id) => id.endsWith('|overdue'))!;
    await fakeBrowser.notifications.onClicked.trigger(overdue);
    await until(async () => (await fakeBrowser.tabs.query({})).some((t) => t.url === 'http://court.invalid/app/cases/c12/basic'));
    expect((await fakeBrowser.tabs.query({})).map((t) => t.url)).toContain('http://court.invalid/app/cases/c12/basic');
    await until(async () => !(await shownIds()).includes(overdue));
    expect(await shownIds()).not.toContain(overdue);
  });
});

describe('notifications: 待阅核 of another judge\'s case', () => {
  it('notifies the document only, never that case\'s deadline level', () => {
    const row = { caseKey: 'k9', caseNo: '（2024）渝0107民初9号', url: 'u', cause: '', category: 'civil', procedure: '', judge: '李秀英', division: '民一庭', clerk: '', filedOn: '', closedOn: '',
      snapshot: { caseNo: '（2024）渝0107民初9号', review: { documentRef: 'w9', documentTitle: '判决书' } },
      view: { closed: false, badge: { level: 'overdue', daysLeft: -4, title: '' }, deadline: { dueOn: '2025-06-26' } } } as never;
    const cands = candidatesOf([], [row]);
    expect(diffNotifications(EMPTY_NOTIFY_STATE, cands).items.map((i) => i.key)).toEqual(['review:w9']);
    expect(diffNotifications(EMPTY_NOTIFY_STATE, candidatesOf([row], [row])).items.map((i) => i.key)).toEqual(['overdue', 'review:w9']);
  });
});
