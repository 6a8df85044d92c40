// The background service worker: owns the database, answers typed messages, keeps the toolbar badge current
// and runs the daily scan. Entry: entrypoints/background.ts.
import browser from 'webextension-polyfill';
import { chinaToday } from '../domain/dates';
import { whatIf } from '../domain/evaluate';
import { createRouter, type Handlers } from '../messaging';
import { CaseCount, getCase, getCases, openDb, type ZhixiaoDB } from '../store';
import { viewOf } from '../views/build';
import { syncContentScripts } from './content-scripts';
import { loadUserProfiles, profilesFor } from './profiles';
import { caseViewsFor, configCache, configKeyOf, evaluateConfig } from './views';
import { loadDashboardData, type DashboardData, type LoadOptions } from '../pages/dashboard-data';
import { ingestAndView, validateCases, ViewCache, WriteQueue } from './ingest';
import { rowViewOf, type CaseView } from '../views/case-view';
import { BadgeCounter, BadgeRefresher } from './badge';
import { PageTraffic } from './traffic';
import { SharedScan } from './shared-scan';
import { RecentRows, type SessionArea } from './recent-rows';
import { createSimilarHandlers } from './similar';
import { createArchiveHandlers } from './archive';
import { createSupervisionHandlers } from './supervision';
import { TabIdentities } from './identity';
import { OUTBOX_ALARM, outboxRunnerFor, retryAfterLogin } from './writeback';
import { startNotifications } from './notify';
import { keepAliveWhile } from './keep-alive';
import type { PageStatus } from '../messaging';

const DAILY_ALARM = 'zhixiao-daily-scan';

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

export function today(): string {
  return chinaToday(new Date());
}

/** How long a starting host page (its profile request) counts as traffic before its ingest arrives. */
const PAGE_START_MS = 1500;

export function createHandlers(db: ZhixiaoDB, onCasesChanged: (views?: readonly CaseView[]) => void = () => {}, traffic?: PageTraffic): Partial<Handlers> {
  const pageStatus = new Map<number, PageStatus>();
  // 四类 / 阅核: identities per tab (from the host page) and the write-back outbox (utils/background/writeback.ts).
  const identities = new TabIdentities((browser.storage as { session?: ConstructorParameters<typeof TabIdentities>[0] }).session);
  const outbox = outboxRunnerFor(db);
  const viewCache = new ViewCache();
  const caseWrites = new WriteQueue();
  const caseCount = new CaseCount(db);
  const configs = configCache(db);
  const recent = new RecentRows((browser.storage as { session?: SessionArea }).session);
  // Rows are offered again only under the same day and rule configuration.
  const stampOf = (cfg: Parameters<typeof configKeyOf>[0]) => `${today()}|${configKeyOf(cfg)}`;
  return {
    ping: async () => ({ pong: true as const, version: browser.runtime.getManifest().version }),
    getProfiles: async (msg) => {
      // A host page is starting (its ingest follows when its rows are in): scans keep out of the way meanwhile.
      if (traffic) setTimeout(traffic.begin(), PAGE_START_MS);
      return { profiles: await profilesFor(db, msg.url) };
    },
    ingest: async (msg) => {
      // In flight until the page is stored: background scans wait for it (./traffic.ts).
      const settled = traffic?.begin() ?? (() => {});
      try {
        const { valid, rejected } = validateCases(msg.cases);
        const cfg = await configs.get();
        const { written, views, ...result } = await ingestAndView(db, { ...msg, cases: valid }, today(), cfg, cfg, viewCache, caseWrites, caseCount);
        written.then(settled, settled);
        written.then(() => onCasesChanged(views), (err) => console.warn('[质效助手] could not store the page', err));
        // The host served a page, so the user is logged in: write-backs refused for want of a login go now.
        if (valid.length > 0) void written.then(() => retryAfterLogin(db)).then((n) => (n > 0 ? outbox.kick() : undefined)).catch(() => {});
        const rows = views.map(rowViewOf);
        recent.remember(stampOf(cfg), rows, msg.detail === 'rows' ? { url: msg.url, casesCached: result.casesCached } : undefined);
        const shown = msg.detail === 'rows' ? { views: [], rows } : { views };
        return { ...result, ...shown, ...(rejected.length ? { rejected } : {}) };
      } catch (e) {
        settled();
        throw e;
      }
    },
    recentRows: async (msg, sender) => {
      // A frame may ask only about pages of its own origin.
      const origin = originOf(msg.url);
      if (!origin || !sender.url || originOf(sender.url) !== origin) return { page: null };
      // The configuration as last read: this answer is drawn only until the page's own ingest (which reads the
      // current one) answers, and a page start should not wait for settings reads.
      const cfg = configs.peek() ?? (await configs.get());
      return { page: await recent.pageRows(msg.url, stampOf(cfg)) };
    },
    getCaseViews: async (msg) => {
      // One read for all rows; the reply keeps the request's order, with null for a case the store does not know.
      const cfg = await configs.get();
      const day = today();
      const cases = await getCases(db, msg.caseNos);
      return { views: cases.map((c) => (c ? viewCache.viewOf(c, day, cfg, cfg) : null)) };
    },
    getCaseView: async (msg) => ({ view: (await caseViewsFor(db, [msg.caseNo], today()))[0] ?? null }),
    whatIf: async (msg) => {
      const stored = await getCase(db, msg.caseNo);
      if (!stored) throw new Error('本地尚无该案件数据');
      const day = msg.today ?? today();
      const cfg = await evaluateConfig(db);
      return { result: viewOf(stored, whatIf(stored, msg.events, day, cfg)) };
    },
    pageStatus: async (msg, sender) => {
      if (sender.tab?.id !== undefined) pageStatus.set(sender.tab.id, msg);
      return { recorded: true as const };
    },
    getPageStatus: async (msg) => ({ status: pageStatus.get(msg.tabId) ?? null }),
    ...createSimilarHandlers({ db, today }),
    ...createArchiveHandlers({ db, today }),
    ...createSupervisionHandlers({ db, today, identities, onQueued: () => void outbox.kick().catch(() => {}), retry: () => outbox.kick({ force: true }), download: async (filename, url) => void (await browser.downloads.download({ url, filename, saveAs: false })) }),
  };
}

/** Toolbar badge: overdue + urgent among pending cached cases (a full count; see BadgeCounter). */
export async function refreshBadge(
  db: ZhixiaoDB,
  counter: BadgeCounter = new BadgeCounter(),
  load: (day: string) => Promise<Pick<DashboardData, 'rows'>> = (day) => loadDashboardData(db, day),
): Promise<number> {
  const day = today();
  // From the dashboard's cached rows (the daily notification run keeps them current): re-evaluates only what changed.
  const data = await load(day);
  const count = counter.reset(day, data.rows.map((r) => r.view));
  await showBadgeCount(count);
  return count;
}

async function showBadgeCount(count: number): Promise<void> {
  const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
  await action.setBadgeText({ text: count ? String(count) : '' });
  await action.setBadgeBackgroundColor({ color: '#c62828' });
}

export function startBackground(): void {
  const db = openDb();
  // opened at once, the worker kept alive meanwhile: a schema upgrade of a large store must run to its end
  void keepAliveWhile(db.open(), () => browser.runtime.getPlatformInfo()).catch((err) => console.warn('[质效助手] could not open the database', err));
  // Scans over every cached case (full badge count, notifications + dashboard rows) read 500 cases at a time and
  // yield every 25 evaluations (≤ ~100 ms: what a starting page may wait for its profiles), letting host pages go
  // first (./traffic.ts).
  const traffic = new PageTraffic();
  const scan: LoadOptions = { chunk: 500, yieldEvery: 25, pause: () => traffic.whenQuiet() };
  // The toolbar count and the notification run share one scan of every cached case (./shared-scan.ts).
  const dailyScan = new SharedScan((day) => loadDashboardData(db, day, scan));
  const badge = new BadgeRefresher(new BadgeCounter(), (counter) => refreshBadge(db, counter, (day) => dailyScan.run(day)), showBadgeCount, today);
  let badgeTimer: ReturnType<typeof setTimeout> | undefined;
  const scheduleBadge = () => {
    clearTimeout(badgeTimer);
    badgeTimer = setTimeout(() => void badge.refresh().catch(() => {}), 1500);
  };
  // After a page is stored: the page's own cases update the count; a full count only when none is current.
  const onCasesChanged = (views?: readonly CaseView[]) => {
    const count = views ? badge.pageStored(views) : null;
    if (count === null) scheduleBadge();
    else void showBadgeCount(count).catch(() => {});
  };
  const router = createRouter(createHandlers(db, onCasesChanged, traffic), {
    onError: (err, msg) => console.warn('[质效助手] handler failed', msg.type, err),
  });
  // Async listener: returns a real Promise (see toolchain.md, messaging pitfall).
  browser.runtime.onMessage.addListener(router);

  const syncScripts = async () => syncContentScripts((await loadUserProfiles(db)).profiles).catch(() => []);
  browser.permissions.onAdded.addListener(() => void syncScripts());
  browser.permissions.onRemoved.addListener(() => void syncScripts());

  // Create once: the service worker restarts often and must not keep pushing the daily scan back.
  void browser.alarms.get(DAILY_ALARM).then((existing) => {
    if (!existing) browser.alarms.create(DAILY_ALARM, { periodInMinutes: 24 * 60, delayInMinutes: 1 });
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === DAILY_ALARM) void badge.refresh().catch(() => {});
  });
  // Write-back outbox: retried on an alarm, on browser start and once now (entries queued before a restart).
  void browser.alarms.get(OUTBOX_ALARM).then((existing) => {
    if (!existing) browser.alarms.create(OUTBOX_ALARM, { periodInMinutes: 1, delayInMinutes: 1 });
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === OUTBOX_ALARM) void outboxRunnerFor(db).kick().catch(() => {});
  });
  browser.runtime.onStartup.addListener(() => void outboxRunnerFor(db).kick().catch(() => {}));
  void outboxRunnerFor(db).kick().catch(() => {});
  browser.runtime.onStartup.addListener(() => {
    void syncScripts();
    scheduleBadge();
  });
  browser.runtime.onInstalled.addListener(() => void syncScripts());
  // Notifications (urgent / overdue / 待阅核): daily alarm, browser start, click → case page (utils/background/notify.ts).
  startNotifications(db, today, scan, (day) => dailyScan.run(day));
}
