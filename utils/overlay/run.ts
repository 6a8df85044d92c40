// The content-script loop: detect the page → extract with the profile → ingest through the background →
// run the overlay features. Re-runs on DOM changes (debounced) and SPA navigation. Never throws into the page.
import { detectPage } from '../host/detect';
import { extractPage, stripAnchors, type PageResult } from '../host/engine-core';
import type { HostProfile } from '../host/profile';
import type { CaseView } from '../views/case-view';
import type { OverlayContext } from './context';
import { runFeatures } from './feature';
import { isOurNode } from './mount';
import { caseKeyOf } from '../store/case-key';

export interface OverlayBackend {
  /** Profiles whose origins cover `url` (built-in and imported). */
  profilesFor(url: string): Promise<HostProfile[]>;
  /** Sends what the page showed; returns view models for its cases and the size of the cache. */
  ingest(profileId: string, result: PageResult, url: string): Promise<{ views: CaseView[]; casesCached: number; rejected?: string[] }>;
}

export interface OverlayHandle {
  /** Resolves when the current scan (if any) has finished. */
  idle(): Promise<void>;
  scanNow(): Promise<void>;
  stop(): void;
}

const DEBOUNCE_MS = 50;

export function startOverlay(win: Window, backend: OverlayBackend): OverlayHandle {
  const doc = win.document;
  let profiles: HostProfile[] | null = null;
  let profilesOrigin = '';
  let lastSignature = '';
  let lastIngest: { views: CaseView[]; casesCached: number; rejected?: string[] } = { views: [], casesCached: 0 };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();
  let pending = false;
  let stopped = false;
  let lastUrl = win.location.href;

  const scan = async (): Promise<void> => {
    if (stopped) return;
    mark(win, 'zx:scan-start');
    const url = win.location.href;
    let backgroundError: string | null = null;
    if (!profiles || profilesOrigin !== win.location.origin) {
      try {
        profiles = await backend.profilesFor(url);
        profilesOrigin = win.location.origin;
      } catch (err) {
        profiles = null;
        backgroundError = messageOf(err);
      }
    }
    const detected = profiles ? detectPage(profiles, url) : null;
    let result: PageResult | null = null;
    if (detected) {
      // Unchecked here: the background validates every case with zod at ingest (keeps zod out of this script).
      result = extractPage(detected.profile, doc, url);
      mark(win, 'zx:extracted');
      const signature = JSON.stringify([url, stripAnchors(result)]);
      if (result.cases.length > 0 && signature !== lastSignature) {
        try {
          lastIngest = await backend.ingest(detected.profile.id, result, url);
          lastSignature = signature;
        } catch (err) {
          backgroundError = messageOf(err);
        }
      } else if (result.cases.length === 0) {
        lastSignature = signature;
      }
    }
    const views = new Map<string, CaseView>();
    for (const v of lastIngest.views) views.set(v.caseKey, v);
    // Cases the background refused at validation are shown with the reason (status chip), never silently dropped.
    if (result && lastIngest.rejected?.length) result.errors.push(...lastIngest.rejected);
    const ctx: OverlayContext = {
      doc,
      url,
      isTopFrame: win.top === win,
      profile: detected?.profile ?? null,
      page: detected && result ? { kind: result.kind, name: result.page ?? '' } : null,
      result,
      viewOf: (caseNo) => views.get(caseKeyOf(caseNo)),
      casesCached: lastIngest.casesCached,
      backgroundError,
      refresh: () => {
        lastSignature = '';
        schedule();
      },
    };
    mark(win, 'zx:features-start');
    const failures = await runFeatures(ctx);
    mark(win, 'zx:scan-end');
    if (failures.length) console.debug('[质效助手] feature errors', failures);
  };

  const runScan = (): Promise<void> => {
    if (pending) return running;
    pending = true;
    running = running.then(async () => {
      pending = false;
      try {
        await scan();
      } catch (err) {
        console.debug('[质效助手] scan failed', err);
      }
    });
    return running;
  };

  const schedule = () => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void runScan(), DEBOUNCE_MS);
  };

  const observer = new MutationObserver((mutations) => {
    if (win.location.href !== lastUrl) {
      lastUrl = win.location.href;
      schedule();
      return;
    }
    // Ignore our own overlays re-rendering; react only to the host's changes.
    if (mutations.some((m) => !isOwnMutation(m))) schedule();
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
  win.addEventListener('popstate', schedule);
  win.addEventListener('hashchange', schedule);
  void runScan();

  return {
    idle: () => running,
    scanNow: runScan,
    stop() {
      stopped = true;
      clearTimeout(timer);
      observer.disconnect();
      win.removeEventListener('popstate', schedule);
      win.removeEventListener('hashchange', schedule);
    },
  };
}

/** Our own shadow hosts being added or removed (or anything inside them) is not a host change. */
function isOwnMutation(m: MutationRecord): boolean {
  if (isOurNode(m.target)) return true;
  if (m.type !== 'childList') return false;
  const nodes = [...Array.from(m.addedNodes), ...Array.from(m.removedNodes)];
  return nodes.length > 0 && nodes.every((n) => n instanceof Element && n.hasAttribute('data-zx-host'));
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
