// System notifications (browser.notifications): once a day (alarm) and on browser start, the background looks at
// the cached cases of the user's own scope and notifies cases that became 临近届满 (urgent) or 已超审限 (overdue),
// and new 待阅核 items — at most once per case per level (per document for 待阅核). The levels already notified are
// kept in the settings table (key `notifyState`), so they survive restarts and backups. Setting
// `notificationsEnabled` (default on) turns them off. Clicking a notification opens the case in the host system.
import browser from 'webextension-polyfill';
import { z } from 'zod';
import { getCase, getSetting, setSetting, type ZhixiaoDB } from '../store';
import { loadDashboardData, prepareOpeningIndicators, type DashboardData, type LoadOptions } from '../pages/dashboard-data';
import { inScope, reviewLedger, scopesFor, type DashRow } from '../pages/dashboard-ledgers';

export const NOTIFY_ENABLED_KEY = 'notificationsEnabled';
export const NOTIFY_STATE_KEY = 'notifyState';
export const NOTIFY_ALARM = 'zhixiao-notify-daily';
/** Individual notifications per run; the rest are summed up in one that opens the dashboard. */
export const MAX_INDIVIDUAL = 5;
const ID_PREFIX = 'zhixiao|';

export const NotifyStateSchema = z.object({
  version: z.literal(1),
  /** caseKey → levels already notified ('urgent', 'overdue', 'review:<documentRef>') */
  notified: z.record(z.string(), z.array(z.string())),
  /**
   * the last run (alarm or browser start): when it ended — notifications shown, the dashboard's row cache written and
   * the opening view's indicators prepared — for which day, what it showed; enabled=false when switched off
   */
  lastRun: z.object({ at: z.number(), today: z.string(), shown: z.number(), summarized: z.number(), enabled: z.boolean() }).optional(),
});
export type NotifyState = z.infer<typeof NotifyStateSchema>;
export const EMPTY_NOTIFY_STATE: NotifyState = { version: 1, notified: {} };

export interface NotifyCandidate {
  caseKey: string;
  caseNo: string;
  /** badge level of an open case */
  level: string;
  daysLeft: number | null;
  dueOn: string | null;
  /** 待阅核 document waiting without a sign-off */
  review?: { ref: string; title: string; submittedOn?: string };
}

export interface NotifyItem {
  /** notification id: zhixiao|<caseKey>|<key> */
  id: string;
  caseKey: string;
  caseNo: string;
  key: string;
  title: string;
  message: string;
}

/**
 * Pure diff: what to notify now and the state after. A (case, level) pair or a (case, 待阅核 document) pair is
 * notified at most once, ever; levels other than urgent / overdue never notify.
 */
export function diffNotifications(state: NotifyState, candidates: NotifyCandidate[]): { items: NotifyItem[]; next: NotifyState } {
  const notified: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(state.notified)) notified[k] = [...v];
  const items: NotifyItem[] = [];
  const add = (c: NotifyCandidate, key: string, title: string, message: string) => {
    const done = notified[c.caseKey] ?? (notified[c.caseKey] = []);
    if (done.includes(key)) return;
    done.push(key);
    items.push({ id: `${ID_PREFIX}${c.caseKey}|${key}`, caseKey: c.caseKey, caseNo: c.caseNo, key, title, message });
  };
  for (const c of candidates) {
    if (c.level === 'overdue') {
      add(c, 'overdue', `已超审限：${c.caseNo}`, `审限届满日 ${c.dueOn ?? '未知'}，已超过 ${Math.abs(c.daysLeft ?? 0)} 天（本系统按立案日、延长、扣除计算，以办案系统为准）。`);
    } else if (c.level === 'urgent') {
      add(c, 'urgent', `审限临近届满：${c.caseNo}`, `审限届满日 ${c.dueOn ?? '未知'}，剩余 ${c.daysLeft ?? '?'} 天；如需延长审限，请尽快按规定提出申请。`);
    }
    if (c.review) {
      add(c, `review:${c.review.ref}`, `待阅核：${c.caseNo}`, `${c.review.title}${c.review.submittedOn ? `（${c.review.submittedOn} 提交）` : ''}等待阅核。`);
    }
  }
  return { items, next: { version: 1, notified } };
}

/** Candidates from dashboard rows: open cases of the scope at urgent / overdue, and pending 待阅核 rows. */
export function candidatesOf(rows: DashRow[], pendingReview: DashRow[]): NotifyCandidate[] {
  const byKey = new Map<string, NotifyCandidate>();
  for (const r of rows) {
    if (r.view.closed) continue;
    const lvl = r.view.badge.level;
    if (lvl !== 'urgent' && lvl !== 'overdue') continue;
    byKey.set(r.caseKey, { caseKey: r.caseKey, caseNo: r.caseNo, level: lvl, daysLeft: r.view.badge.daysLeft, dueOn: r.view.deadline?.dueOnAdjusted ?? r.view.deadline?.dueOn ?? null });
  }
  for (const r of pendingReview) {
    const rv = r.snapshot.review;
    if (!rv) continue;
    // a case only here (another judge's, in my 待阅核 list) notifies its 待阅核 document, not its deadline level
    const c = byKey.get(r.caseKey) ?? { caseKey: r.caseKey, caseNo: r.caseNo, level: 'review-only', daysLeft: r.view.badge.daysLeft, dueOn: r.view.deadline?.dueOn ?? null };
    c.review = { ref: rv.documentRef ?? rv.documentTitle ?? '待阅核文书', title: rv.documentTitle ?? '待阅核文书', ...(rv.submittedOn ? { submittedOn: rv.submittedOn } : {}) };
    byKey.set(r.caseKey, c);
  }
  return [...byKey.values()];
}

export async function loadNotifyState(db: ZhixiaoDB): Promise<NotifyState> {
  const p = NotifyStateSchema.safeParse(await getSetting<unknown>(db, NOTIFY_STATE_KEY));
  return p.success ? p.data : EMPTY_NOTIFY_STATE;
}

export async function notificationsEnabled(db: ZhixiaoDB): Promise<boolean> {
  return (await getSetting<unknown>(db, NOTIFY_ENABLED_KEY)) !== false;
}

export interface NotifierApi {
  create(id: string, options: { type: 'basic'; iconUrl: string; title: string; message: string }): Promise<unknown>;
}

/**
 * One run: diff, show, then record (so a crash before showing never marks a level as notified). `scan` reads every
 * cached case (the background passes its shared daily scan, so the toolbar count running at the same time joins it).
 */
export async function runNotifications(
  db: ZhixiaoDB,
  today: string,
  api: NotifierApi = browser.notifications as unknown as NotifierApi,
  iconUrl = iconOf(),
  load: LoadOptions = {},
  scan: (day: string) => Promise<DashboardData> = (day) => loadDashboardData(db, day, load),
): Promise<{ shown: number; summarized: number; items: NotifyItem[] }> {
  if (!(await notificationsEnabled(db))) {
    // still keep the dashboard's row cache current for the day (../pages/dashboard-cache)
    await (await scan(today)).written;
    // and the opening view's indicators, so the day's first open of the dashboard paints from them
    await prepareOpeningIndicators(db, today, load).catch(() => false);
    await setSetting(db, NOTIFY_STATE_KEY, { ...(await loadNotifyState(db)), lastRun: { at: Date.now(), today, shown: 0, summarized: 0, enabled: false } });
    return { shown: 0, summarized: 0, items: [] };
  }
  // (also keeps the dashboard's row cache current for the day: ../pages/dashboard-cache)
  const data = await scan(today);
  // deadlines of my own cases (the narrowest scope); 待阅核 of every case in my widest scope — a 庭长's 待阅核 list
  // holds the 本庭 judges' documents, not his own cases.
  const { scopes } = scopesFor(data.user);
  const rows = inScope(data.rows, scopes[0]);
  const reviewRows = inScope(data.rows, scopes[scopes.length - 1]);
  const pending = reviewLedger(data.signoffs as never, reviewRows).rows.filter((x) => x.kind === 'pending' && x.row).map((x) => x.row!);
  const prev = await loadNotifyState(db);
  const { items, next } = diffNotifications(prev, candidatesOf(rows, pending));
  const individual = items.slice(0, MAX_INDIVIDUAL);
  for (const it of individual) await api.create(it.id, { type: 'basic', iconUrl, title: `质效助手 · ${it.title}`, message: it.message });
  const rest = items.length - individual.length;
  if (rest > 0) {
    await api.create(`${ID_PREFIX}summary|${today}`, { type: 'basic', iconUrl, title: `质效助手 · 另有 ${rest} 件需要关注`, message: '点击打开质效看板查看审限台账与待阅核。' });
  }
  // what was notified is recorded at once; the run's end once the derived data is written too
  await setSetting(db, NOTIFY_STATE_KEY, { ...next, ...(prev.lastRun ? { lastRun: prev.lastRun } : {}) });
  await data.written;
  await prepareOpeningIndicators(db, today, load).catch(() => false);
  await setSetting(db, NOTIFY_STATE_KEY, { ...(await loadNotifyState(db)), lastRun: { at: Date.now(), today, shown: individual.length, summarized: rest, enabled: true } });
  return { shown: individual.length, summarized: rest, items };
}

function iconOf(): string {
  try {
    const icons = (browser.runtime.getManifest() as { icons?: Record<string, string> }).icons ?? {};
    const path = icons['128'] ?? icons['48'] ?? Object.values(icons)[0];
    if (path) return browser.runtime.getURL(path as never);
  } catch { /* tests */ }
  // 1×1 transparent PNG: Chrome requires an icon for basic notifications.
  return 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
}

/** Where a clicked notification leads: the case page in the host system, or the dashboard for the summary. */
export async function targetOfNotification(db: ZhixiaoDB, id: string): Promise<string | null> {
  if (!id.startsWith(ID_PREFIX)) return null;
  const [, caseKey] = id.split('|');
  if (caseKey === 'summary') return browser.runtime.getURL('/dashboard.html' as never);
  const c = await getCase(db, caseKey);
  return c?.url ?? null;
}

/**
 * Registration (called from startBackground): daily alarm, a run on browser start, click handling. `load` is how
 * the run evaluates cases (the background's chunk size and its pause for page traffic).
 */
export function startNotifications(
  db: ZhixiaoDB,
  today: () => string,
  load: LoadOptions = {},
  scan: (day: string) => Promise<DashboardData> = (day) => loadDashboardData(db, day, load),
): void {
  const run = () => void runNotifications(db, today(), undefined, undefined, load, scan).catch((e) => console.warn('[质效助手] notifications failed', e));
  void browser.alarms.get(NOTIFY_ALARM).then((existing) => {
    if (!existing) browser.alarms.create(NOTIFY_ALARM, { periodInMinutes: 24 * 60, delayInMinutes: 2 });
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === NOTIFY_ALARM) run();
  });
  browser.runtime.onStartup.addListener(run);
  browser.notifications?.onClicked.addListener((id) => {
    void targetOfNotification(db, id).then(async (url) => {
      if (url) await browser.tabs.create({ url });
      await browser.notifications.clear(id);
    }).catch(() => {});
  });
}
