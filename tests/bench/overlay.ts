// Overlay benchmark: headless Chromium with the built extension over the demo court system, case list with
// size=500 in each skin. Measures, in the page, the time from the 500 rows being in the DOM to all 500 countdown
// badges mounted (median of 10 loads), and the longest task in that window (PerformanceObserver 'longtask').
// Prints one JSON line per figure. Run: npx tsx tests/bench/overlay.ts  (needs `npx wxt build` first)
import { type BrowserContext, type Page } from '@playwright/test';
import { EXTENSION_DIR, launchWithExtension } from '../e2e/fixtures';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from '../host/server';

const ROWS = 500;
const LOADS = 10;
const BUDGET_MS = 100;

// Runs in the page's main world of every frame, before any page script: timestamps the rows and the badges.
// A plain string, not a function: tsx (esbuild keepNames) would inject `__name()` helpers the page lacks.
const INSTRUMENT = `(() => {
  const rows = ${ROWS};
  const state = (window.__zxBench = { rowsAt: null, badgesAt: null, paintedAt: null, longtasks: [] });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) state.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) { /* not supported */ }
  const check = () => {
    if (state.rowsAt === null && document.querySelectorAll('#caseList tr.grid-row, #caseGrid .grid-row').length >= rows) {
      state.rowsAt = performance.now();
      // The host's own first frame with the rows: a task queued from the next animation frame runs after its paint.
      requestAnimationFrame(() => setTimeout(() => { state.paintedAt = performance.now(); }, 0));
    }
    if (state.rowsAt !== null && state.badgesAt === null) {
      const hosts = document.querySelectorAll('#caseList tr.grid-row [data-zx-host="row-badge"], #caseGrid .grid-row [data-zx-host="row-badge"]');
      if (hosts.length >= rows && Array.from(hosts).every((h) => h.shadowRoot && h.shadowRoot.querySelector('.zx-badge'))) state.badgesAt = performance.now();
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
  document.addEventListener('DOMContentLoaded', check);
})();`;

interface Sample {
  ms: number; longest: number; scan: number | null;
  /** from the content script's own marks (utils/overlay/run.ts) of the last scan */
  extract: number | null; ingest: number | null; features: number | null;
  /** scan start after the rows were in the DOM; the 案号-only read; remembered badges drawn (after rows) */
  scanAfterRows: number | null; keysRead: number | null; knownDrawn: number | null; profilesAfterRows: number | null;
  /** the early answers (profiles, remembered rows) arrived, and DOMContentLoaded, relative to the rows */
  arrivedAfterRows: number | null; recentAfterRows: number | null; dclAfterRows: number | null;
}

/**
 * Between loads: a person reads a 500-row page for more than a second before opening the next, so the previous
 * page's write (queued after its reply, utils/background/ingest.ts) has finished; back-to-back loads would time
 * that write too.
 */
const BETWEEN_LOADS_MS = Number(process.env.BENCH_BETWEEN_MS ?? 1500);

async function measure(page: Page, url: string): Promise<Sample> {
  await page.waitForTimeout(BETWEEN_LOADS_MS);
  await page.goto(url);
  const handle = await page.waitForFunction(() => {
    const s = (window as unknown as { __zxBench?: { rowsAt: number | null; badgesAt: number | null } }).__zxBench;
    return s && s.rowsAt !== null && s.badgesAt !== null ? true : null;
  }, undefined, { timeout: 30_000, polling: 50 });
  await handle.dispose();
  await page.waitForTimeout(100); // let late longtask entries arrive
  return page.evaluate(`(() => {
    const s = window.__zxBench;
    const m = (n) => { const e = performance.getEntriesByName(n, 'mark'); return e.length ? e[e.length - 1].startTime : null; };
    const start = m('zx:scan-start'), feat = m('zx:features-start'), end = m('zx:scan-end');
    const inWindow = s.longtasks.filter((t) => t.start + t.duration >= s.rowsAt && t.start <= s.badgesAt);
    return {
      ms: s.badgesAt - s.rowsAt,
      longest: inWindow.reduce((a, t) => Math.max(a, t.duration), 0),
      scan: start !== null && end !== null ? end - start : null,
      ingest: start !== null && feat !== null ? feat - start : null,
      features: feat !== null && end !== null ? end - feat : null,
      extract: m('zx:extracted') !== null && start !== null ? m('zx:extracted') - start : null,
      scanAfterRows: start !== null ? start - s.rowsAt : null,
      keysRead: m('zx:keys-extracted') !== null && start !== null ? m('zx:keys-extracted') - start : null,
      knownDrawn: m('zx:known-rows') !== null ? m('zx:known-rows') - s.rowsAt : null,
      profilesAfterRows: m('zx:profiles') !== null ? m('zx:profiles') - s.rowsAt : null,
      arrivedAfterRows: m('zx:profiles-arrived') !== null ? m('zx:profiles-arrived') - s.rowsAt : null,
      recentAfterRows: m('zx:recent-arrived') !== null ? m('zx:recent-arrived') - s.rowsAt : null,
      dclAfterRows: performance.timing.domContentLoadedEventStart - performance.timing.navigationStart - s.rowsAt,
    };
  })()`) as Promise<Sample>;
}

/**
 * Overlay figures for one skin on an already logged-in page (used by scale.ts too). `label` goes into the names.
 */
export async function overlayFigures(page: Page, baseUrl: string, skin: 'classic' | 'modern', loads = LOADS, label = ''): Promise<string[]> {
  const path = skin === 'classic' ? `/classic/cases?size=${ROWS}` : `/app/cases?size=${ROWS}`;
  const samples: Sample[] = [];
  for (let i = 0; i < loads; i++) samples.push(await measure(page, `${baseUrl}${path}`));
  const lines: string[] = [];
  const out = (name: string, value: number, budget?: number) =>
    lines.push(JSON.stringify({ name: `overlay ${skin}${label}: ${name}`, value: r1(value), unit: 'ms', ...(budget !== undefined ? { budget } : {}), better: 'lower' }));
  out(`${ROWS} rows → ${ROWS} badges (median of ${loads})`, median(samples.map((s) => s.ms)), BUDGET_MS);
  // No budget: the window starts inside the host's own task (the parser or the SPA's render inserting its rows),
  // which a longtask entry cannot tell apart from ours.
  out(`longest task overlapping rows → badges, host's own included (max of ${loads})`, Math.max(...samples.map((s) => s.longest)));
  const first = samples[0];
  out('first visit of the page in this browser session (nothing remembered yet)', first.ms);
  const part = (k: 'ingest' | 'features') => samples.map((s) => s[k]).filter((x): x is number => x !== null);
  if (part('ingest').length) out('extract + ingest round trip (median)', median(part('ingest')));
  if (part('features').length) out('features (badges) render (median)', median(part('features')));
  if (process.env.BENCH_VERBOSE) console.error(skin, JSON.stringify(samples.map((s) => [r1(s.ms), r1(s.longest), r1(s.extract ?? -1), r1(s.ingest ?? -1), r1(s.features ?? -1), r1(s.scanAfterRows ?? -1), r1(s.keysRead ?? -1), r1(s.knownDrawn ?? -1), r1(s.profilesAfterRows ?? -1), r1(s.arrivedAfterRows ?? -1), r1(s.dclAfterRows ?? -1), r1(s.recentAfterRows ?? -1)])));
  return lines;
}

/**
 * The host page alone (no extension): from the 500 rows being in the DOM to the browser's first frame with them
 * painted. Our badges cannot be on screen before the host's own layout of its rows; this is that floor.
 */
export async function hostPaintFigure(page: Page, baseUrl: string, skin: 'classic' | 'modern', loads = LOADS): Promise<string> {
  const path = skin === 'classic' ? `/classic/cases?size=${ROWS}` : `/app/cases?size=${ROWS}`;
  const ms: number[] = [];
  for (let i = 0; i < loads; i++) {
    await page.waitForTimeout(300);
    await page.goto(`${baseUrl}${path}`);
    const h = await page.waitForFunction(() => {
      const s = (window as unknown as { __zxBench?: { rowsAt: number | null; paintedAt: number | null } }).__zxBench;
      return s && s.rowsAt !== null && s.paintedAt !== null ? s.paintedAt - s.rowsAt : null;
    }, undefined, { timeout: 30_000, polling: 50 });
    ms.push(Number(await h.jsonValue()));
  }
  return JSON.stringify({ name: `host page alone (no extension) ${skin}: ${ROWS} rows in DOM → first frame painted (median of ${loads})`, value: r1(median(ms)), unit: 'ms', better: 'lower' });
}

/** Runs in every page of the context before page scripts: the rows/badges timestamps overlayFigures reads. */
export const OVERLAY_INSTRUMENT = INSTRUMENT;

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const r1 = (x: number) => Math.round(x * 10) / 10;

async function main() {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new Error('The extension is not built: run `npx wxt build` first.');
  const dataDir = mkdtempSync(join(tmpdir(), 'zx-bench-court-'));
  const userDataDir = mkdtempSync(join(tmpdir(), 'zx-bench-profile-'));
  const server = await startServer({ port: 0, dataDir });
  let context: BrowserContext | undefined;
  try {
    context = await launchWithExtension(userDataDir);
    if (!context.serviceWorkers().length) await context.waitForEvent('serviceworker');
    await context.addInitScript({ content: INSTRUMENT });
    const page = await context.newPage();
    // 周婷's list is short; 审管办 sees every case, so size=500 really shows 500 rows.
    await page.goto(`${server.url}/login?user=u501&next=${encodeURIComponent('/classic/cases?size=10')}`);
    for (const skin of ['classic', 'modern'] as const) {
      for (const line of await overlayFigures(page, server.url, skin)) console.log(line);
    }
    await context.close();
    // The same pages without the extension: the host's own time to paint its 500 rows (the floor under ours).
    context = await launchWithExtension(mkdtempSync(join(tmpdir(), 'zx-bench-plain-')), { extension: false });
    await context.addInitScript({ content: INSTRUMENT });
    const plain = await context.newPage();
    await plain.goto(`${server.url}/login?user=u501&next=${encodeURIComponent('/classic/cases?size=10')}`);
    for (const skin of ['classic', 'modern'] as const) console.log(await hostPaintFigure(plain, server.url, skin));
  } finally {
    await context?.close();
    await server.close();
    rmSync(userDataDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
