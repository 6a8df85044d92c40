// The content-script loop: detect the page → extract with the profile → ingest through the background →
// run the overlay features. Re-runs on DOM changes and SPA navigation: the first change after a quiet spell is
// scanned at once (a list the host just rendered gets its badges without waiting), further changes while a scan
// runs are coalesced into one more scan after it. Never throws into the page.
import { detectPage } from '../host/detect';
import { extractPage, stripAnchors, type PageResult } from '../host/engine-core';
import { rowKeysProfile } from '../host/row-keys';
import type { HostProfile } from '../host/profile';
import type { CaseView, RowView } from '../views/case-view';
import type { OverlayContext } from './context';
import { runFeatures } from './feature';
import { isOurNode, removeOverlay } from './mount';
import { caseKeyOf } from '../store/case-key';
import { BoundedMap } from './bounded-map';

export interface OverlayBackend {
  /** Profiles whose origins cover `url` (built-in and imported). */
  profilesFor(url: string): Promise<HostProfile[]>;
  /**
   * Sends what the page showed; returns view models for its cases (row views only, for `detail: 'rows'`) and
   * the size of the cache.
   */
  ingest(profileId: string, result: PageResult, url: string, detail?: 'full' | 'rows'): Promise<IngestAnswer>;
  /** The row views the list page at `url` showed last (null when unknown): drawn while the page's ingest runs. */
  recentRows?(url: string): Promise<{ rows: RowView[]; casesCached: number } | null>;
}

export interface IngestAnswer {
  views: CaseView[];
  rows?: RowView[];
  casesCached: number;
  rejected?: string[];
}

/** Pages whose features need no more than a row badge per case. */
const ROW_PAGES = new Set(['case-list', 'review-list']);

export interface OverlayHandle {
  /** Resolves when the current scan (if any) has finished. */
  idle(): Promise<void>;
  scanNow(): Promise<void>;
  stop(): void;
}

/** While the host keeps changing the page, scans start at most this often. */
const MIN_INTERVAL_MS = 50;

export interface OverlayOptions {
  /** First retry after the background failed; doubles each time, up to 30 s. */
  retryBaseMs?: number;
}

export function startOverlay(win: Window, backend: OverlayBackend, options: OverlayOptions = {}): OverlayHandle {
  const retryBaseMs = options.retryBaseMs ?? 1000;
  let retries = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  const doc = win.document;
  let profiles: HostProfile[] | null = null;
  let profilesOrigin = '';
  let lastSignature = '';
  let lastIngest: IngestAnswer = { views: [], casesCached: 0 };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();
  let pending = false;
  let busy = false;
  let lastScanStart = -Infinity;
  /** the last scan recognised the page but read no case on it: the host has yet to render them */
  let awaitingCases = false;
  let stopped = false;
  let lastUrl = win.location.href;
  // Asked for at once (the script may start before the page is parsed): the answer is ready by the first scan.
  const startOrigin = win.location.origin;
  let profilesRequest: Promise<HostProfile[]> | null = backend.profilesFor(lastUrl);
  profilesRequest.then(() => mark(win, 'zx:profiles-arrived'), () => {});
  // Row views this frame has been told about (the early answer below and every ingest reply since): a list page is
  // drawn from them at once and corrected by its own ingest's reply, which arrives a few hundred ms later.
  const knownRows = new BoundedMap<string, RowView>(5_000, 'overlay-known-rows');
  let casesCachedKnown = 0;
  let recentRequest: Promise<void> | null = backend.recentRows
    ? backend.recentRows(lastUrl).then((page) => {
        for (const row of page?.rows ?? []) knownRows.set(row.caseKey, row);
        if (page) casesCachedKnown = page.casesCached;
        mark(win, 'zx:recent-arrived');
      }, () => {}).then(() => {
        recentRequest = null;
      })
    : null;

  const contextOf = (url: string, detected: ReturnType<typeof detectPage>, result: PageResult | null, answer: IngestAnswer, backgroundError: string | null, rowsOnly: boolean): OverlayContext => {
    const views = new Map<string, CaseView>();
    for (const v of answer.views) views.set(v.caseKey, v);
    const rows = new Map<string, RowView>();
    for (const v of answer.rows ?? []) rows.set(v.caseKey, v);
    return {
      doc,
      url,
      isTopFrame: win.top === win,
      profile: detected?.profile ?? null,
      page: detected && result ? { kind: result.kind, name: result.page ?? '' } : null,
      result,
      viewOf: (caseNo) => (rowsOnly ? undefined : views.get(caseKeyOf(caseNo))),
      rowViewOf: (caseNo) => {
        const key = caseKeyOf(caseNo);
        return rowsOnly ? knownRows.get(key) : views.get(key) ?? rows.get(key);
      },
      casesCached: answer.casesCached,
      backgroundError,
      refresh: () => {
        lastSignature = '';
        schedule();
      },
    };
  };

  /**
   * A list page not yet drawn at this URL: badges for the rows this frame already knows, placed from the 案号 of
   * each row alone (rowKeysProfile), while the full read and the ingest round trip run. Only the row badges: the
   * status chip and everything else wait for the page's own answer. If the early answer (recentRows) is still on
   * its way, the rows are drawn when it arrives, unless the page's own answer came first.
   */
  let drawnUrl = '';
  let ingestPendingFor: string | null = null;
  /** rows given a remembered badge, until the full read says which rows it can read */
  let provisional: Element[] = [];
  const drawKnownRows = (url: string, detected: NonNullable<ReturnType<typeof detectPage>>): boolean => {
    if (drawnUrl === url || !ROW_PAGES.has(detected.page.kind)) return false;
    if (recentRequest) {
      void recentRequest.then(() => {
        if (ingestPendingFor === url && win.location.href === url) drawKnownRows(url, detected);
      });
      return false;
    }
    if (knownRows.size === 0) return false;
    const keys = extractPage(rowKeysProfile(detected.profile), doc, url);
    mark(win, 'zx:keys-extracted');
    if (keys.cases.length > 0) drawnUrl = url; // else the host has not rendered its rows yet: try on the next scan
    if (!ROW_PAGES.has(keys.kind) || !keys.cases.some((c) => knownRows.has(caseKeyOf(c.caseNo)))) return false;
    const ctx = contextOf(url, detected, keys, { views: [], casesCached: casesCachedKnown }, null, true);
    provisional = keys.rowAnchors ?? [];
    void runFeatures(ctx, ['row-badges']).then((failures) => {
      mark(win, 'zx:known-rows');
      if (failures.length) console.debug('[质效助手] feature errors', failures);
    });
    return true;
  };

  /** A row the full read could not read (e.g. an unreadable date) keeps no remembered countdown. */
  const dropUnread = (result: PageResult) => {
    if (!provisional.length) return;
    const read = new Set(result.rowAnchors ?? []);
    for (const anchor of provisional) if (!read.has(anchor)) removeOverlay(anchor, 'row-badge', 'prepend');
    provisional = [];
  };

  const rememberRows = (answer: IngestAnswer) => {
    for (const r of answer.rows ?? []) knownRows.set(r.caseKey, r);
    for (const v of answer.views) knownRows.set(v.caseKey, { caseKey: v.caseKey, caseNo: v.caseNo, closed: v.closed, badge: v.badge, tags: v.tags });
    casesCachedKnown = answer.casesCached;
  };

  const scan = async (): Promise<void> => {
    if (stopped) return;
    clearTimeout(retryTimer);
    mark(win, 'zx:scan-start');
    const url = win.location.href;
    let backgroundError: string | null = null;
    if (!profiles || profilesOrigin !== win.location.origin) {
      try {
        const early = startOrigin === win.location.origin ? profilesRequest : null;
        profilesRequest = null;
        profiles = await (early ?? backend.profilesFor(url));
        profilesOrigin = win.location.origin;
      } catch (err) {
        profiles = null;
        backgroundError = messageOf(err);
      }
    }
    mark(win, 'zx:profiles');
    const detected = profiles ? detectPage(profiles, url) : null;
    awaitingCases = false;
    let result: PageResult | null = null;
    if (detected) {
      // Drawn: let the browser show them before the full read takes the thread.
      if (drawKnownRows(url, detected)) await new Promise((r) => setTimeout(r, 0));
      // Unchecked here: the background validates every case with zod at ingest (keeps zod out of this script).
      result = extractPage(detected.profile, doc, url);
      awaitingCases = result.cases.length === 0;
      mark(win, 'zx:extracted');
      dropUnread(result);
      const signature = JSON.stringify([url, stripAnchors(result)]);
      if (result.cases.length > 0 && signature !== lastSignature) {
        const rowPage = ROW_PAGES.has(result.kind);
        ingestPendingFor = url;
        try {
          lastIngest = await backend.ingest(detected.profile.id, result, url, rowPage ? 'rows' : 'full');
          rememberRows(lastIngest);
          lastSignature = signature;
        } catch (err) {
          backgroundError = messageOf(err);
        } finally {
          ingestPendingFor = null;
        }
      } else if (result.cases.length === 0) {
        lastSignature = signature;
      }
    }
    // Cases the background refused at validation are shown with the reason (status chip), never silently dropped.
    if (result && lastIngest.rejected?.length) result.errors.push(...lastIngest.rejected);
    const ctx = contextOf(url, detected, result, lastIngest, backgroundError, false);
    mark(win, 'zx:features-start');
    if (result) dropUnread(result); // remembered rows drawn while the ingest was on its way
    const failures = await runFeatures(ctx);
    mark(win, 'zx:scan-end');
    // The background may be restarting or busy: try again later, without waiting for the host to change.
    if (backgroundError && !stopped) {
      retryTimer = setTimeout(() => void runScan(), Math.min(30_000, retryBaseMs * 2 ** retries++));
    } else if (!backgroundError) {
      retries = 0;
    }
    if (failures.length) console.debug('[质效助手] feature errors', failures);
  };

  const runScan = (): Promise<void> => {
    if (pending) return running;
    pending = true;
    running = running.then(async () => {
      pending = false;
      busy = true;
      lastScanStart = now(win);
      try {
        await scan();
      } catch (err) {
        console.debug('[质效助手] scan failed', err);
      } finally {
        busy = false;
      }
    });
    return running;
  };

  const schedule = (urgent = false) => {
    if (stopped || pending) return;
    // A change during a scan: exactly one more scan, right after it.
    if (busy) {
      void runScan();
      return;
    }
    // Urgent (a new URL, or elements added to a recognised page whose cases were not rendered yet — an SPA that
    // fetched its rows): scan at once. From a MutationObserver callback that is before the browser lays out what
    // the host just inserted, so the badges are drawn in the same frame as the rows (a timer fires only after that
    // layout, ~200 ms for a 500-row list) and the background works while the rows render. Otherwise, while the host
    // keeps changing a page, scans start at most every MIN_INTERVAL_MS.
    const wait = urgent ? 0 : Math.max(0, lastScanStart + MIN_INTERVAL_MS - now(win));
    if (wait === 0) {
      clearTimeout(timer);
      timer = undefined;
      void runScan();
      return;
    }
    if (timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      void runScan();
    }, wait);
  };

  const observer = new MutationObserver((mutations) => {
    if (stopped) return;
    if (win.location.href !== lastUrl) {
      lastUrl = win.location.href;
      schedule(true);
      return;
    }
    // Ignore our own overlays re-rendering; react only to the host's changes.
    const host = mutations.filter((m) => !isOwnMutation(m));
    if (host.length) schedule(awaitingCases && host.some(addsElements));
  });
  const onNavigate = () => schedule(true);
  const begin = () => {
    if (stopped) return;
    observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
    win.addEventListener('popstate', onNavigate);
    win.addEventListener('hashchange', onNavigate);
    void runScan();
  };
  // Started at document_start: ask for the profiles now, scan once the document is parsed.
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', begin, { once: true });
  else begin();

  return {
    idle: () => running,
    scanNow: runScan,
    stop() {
      stopped = true;
      clearTimeout(timer);
      clearTimeout(retryTimer);
      doc.removeEventListener('DOMContentLoaded', begin);
      observer.disconnect();
      win.removeEventListener('popstate', onNavigate);
      win.removeEventListener('hashchange', onNavigate);
    },
  };
}

function addsElements(m: MutationRecord): boolean {
  if (m.type !== 'childList') return false;
  for (const n of Array.from(m.addedNodes)) if (n.nodeType === 1) return true;
  return false;
}

/** Our own shadow hosts being added or removed (or anything inside them) is not a host change. */
function isOwnMutation(m: MutationRecord): boolean {
  if (isOurNode(m.target)) return true;
  if (m.type !== 'childList') return false;
  const nodes = [...Array.from(m.addedNodes), ...Array.from(m.removedNodes)];
  return nodes.length > 0 && nodes.every((n) => n instanceof Element && n.hasAttribute('data-zx-host'));
}

function now(win: Window): number {
  return win.performance?.now?.() ?? Date.now();
}

/** Timing marks for tests/bench/overlay.ts (the page's performance timeline; harmless elsewhere). */
function mark(win: Window, name: string): void {
  try {
    win.performance?.clearMarks(name); // keep only the latest scan's marks
    win.performance?.mark(name);
  } catch {
    /* never throw into the page */
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
