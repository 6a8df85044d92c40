// Content-script memory over a long session (issue #8 item 4): headless Chromium with the built extension on the
// modern skin (a single-page app: history.pushState routing, no reloads), logged in as 王建国, then NAVS in-app
// navigations by clicking the SPA's own links (case → each tab → back → 待阅核 → list → next case …) and history.back().
//
// In Chromium the content script's isolated world lives in the page's V8 isolate, so the isolate's heap
// (CDP Runtime.getHeapUsage after HeapProfiler.collectGarbage) holds the page and us. The bench therefore runs
// the same session twice — with the extension and without it — and reports both, and it also counts what only we
// can leak, from inside our isolated world (Runtime.queryObjects there): live ShadowRoot wrappers (and how many of
// them are detached from the page), MutationObservers, plus our shadow hosts in the DOM, the renderer's DOM
// counters (nodes, JS event listeners) and the listeners on window/document (DOMDebugger.getEventListeners).
//
// Prints one JSON line per figure. Run: npx tsx tests/bench/heap.ts  (needs `npx wxt build` first)
// HEAP_NAVS=<n> changes the session length (default 200); BENCH_VERBOSE=1 prints every sample on stderr.
import { type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { EXTENSION_DIR, launchWithExtension } from '../e2e/fixtures';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServer } from '../host/server';

const NAVS = Number(process.env.HEAP_NAVS ?? 200);
const WARMUP = 16; // two full cycles of STEPS: the warm-up and the last snapshot are both on the case list
/** Budget: the isolate's heap after forced GC may grow by at most this much between warm-up and the end. */
const GROWTH_BUDGET_MB = 2;
/** Budget: shadow hosts of ours in the DOM at the end (one page's worth: 50 row badges + chip, or a case's panels). */
const HOSTS_BUDGET = 60;

export interface Snapshot {
  nav: number;
  /** V8 heap of the page's isolate (main world + our isolated world), bytes, after forced GC */
  heapUsed: number;
  /** renderer DOM counters after GC */
  nodes: number;
  jsEventListeners: number;
  documents: number;
  /** listeners on window + document, every world */
  windowDocListeners: number;
  /** our shadow hosts in the DOM */
  shadowHosts: number;
  /** inside our isolated world (null without the extension) */
  ourShadowRoots: number | null;
  ourDetachedShadowRoots: number | null;
  ourMutationObservers: number | null;
}

/** The steps of the session, cycled; every one is a client-side route change. */
type Step = { what: string; run(page: Page, cycle: number): Promise<void> };

const clickLink = (selector: string) => async (page: Page) => {
  await page.locator(selector).first().click();
};

const STEPS: Step[] = [
  { what: 'list → case (基本信息)', run: async (page, cycle) => {
    const links = page.locator('#caseGrid a.case-link');
    const n = await links.count();
    await links.nth(cycle % Math.max(1, n)).click();
  } },
  { what: '当事人', run: clickLink('.tabs a.tab[href$="/parties"]') },
  { what: '审限变更', run: clickLink('.tabs a.tab[href$="/changes"]') },
  { what: '文书', run: clickLink('.tabs a.tab[href$="/documents"]') },
  { what: '电子卷宗', run: clickLink('.tabs a.tab[href$="/archive"]') },
  { what: 'history.back()', run: async (page) => { await page.evaluate('history.back()'); } },
  { what: '待阅核', run: clickLink('.side-nav a.menu-item[href="/app/reviews"]') },
  { what: '我的案件', run: clickLink('.side-nav a.menu-item[href="/app/cases"]') },
];

/** Waits until the route has rendered and the overlay has scanned it: a scan (run.ts marks zx:scan-start /
 * zx:scan-end) started after the navigation began, the last one has ended, and none followed for QUIET_MS. */
const QUIET_MS = 100;
async function settle(page: Page, withExtension: boolean, since: number): Promise<void> {
  await page.waitForSelector('#app.is-ready', { timeout: 15_000 });
  if (!withExtension) {
    await page.waitForTimeout(QUIET_MS + 50); // the same pacing as with the extension
    return;
  }
  await page.waitForFunction(`(() => {
    const m = (n) => { const e = performance.getEntriesByName(n, 'mark'); return e.length ? e[e.length - 1].startTime : -1; };
    const s = m('zx:scan-start'), e = m('zx:scan-end');
    return s > ${since} && e >= s && performance.now() - e > ${QUIET_MS} && document.querySelector('#app.is-ready');
  })()`, undefined, { timeout: 10_000, polling: 25 }).catch(() => {
    if (process.env.BENCH_VERBOSE) console.error('settle: no finished scan within 10 s after the navigation');
  });
}

interface IsolatedWorld { contextId: number | null }

async function watchIsolatedWorld(cdp: CDPSession, extensionOrigin: string | null): Promise<IsolatedWorld> {
  const world: IsolatedWorld = { contextId: null };
  cdp.on('Runtime.executionContextCreated', (ev: { context: { id: number; origin: string; auxData?: { type?: string; isDefault?: boolean; frameId?: string } } }) => {
    const c = ev.context;
    if (extensionOrigin && c.origin.startsWith(extensionOrigin) && c.auxData?.type === 'isolated') world.contextId = c.id;
  });
  cdp.on('Runtime.executionContextDestroyed', (ev: { executionContextId: number }) => {
    if (ev.executionContextId === world.contextId) world.contextId = null;
  });
  await cdp.send('Runtime.enable');
  return world;
}

async function countInWorld(cdp: CDPSession, contextId: number, proto: string, filter = 'true'): Promise<number> {
  const p = await cdp.send('Runtime.evaluate', { expression: `${proto}.prototype`, contextId });
  const protoId = p.result.objectId;
  if (!protoId) return -1;
  const q = await cdp.send('Runtime.queryObjects', { prototypeObjectId: protoId });
  const r = await cdp.send('Runtime.callFunctionOn', {
    objectId: q.objects.objectId!,
    functionDeclaration: `function () { return this.filter((x) => ${filter}).length; }`,
    returnByValue: true,
  });
  await cdp.send('Runtime.releaseObject', { objectId: q.objects.objectId! });
  await cdp.send('Runtime.releaseObject', { objectId: protoId });
  return r.result.value as number;
}

async function snapshot(page: Page, cdp: CDPSession, world: IsolatedWorld, nav: number, withExtension: boolean): Promise<Snapshot> {
  const t0 = Date.now();
  await page.waitForTimeout(50);
  // DevTools keeps the arguments of logged console messages alive while Runtime is enabled: not ours to count.
  await cdp.send('Runtime.discardConsoleEntries');
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const t1 = Date.now();
  const usage = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  let windowDocListeners = 0;
  for (const expr of ['window', 'document']) {
    const o = await cdp.send('Runtime.evaluate', { expression: expr });
    const l = await cdp.send('DOMDebugger.getEventListeners', { objectId: o.result.objectId!, depth: 0 });
    windowDocListeners += l.listeners.length;
    await cdp.send('Runtime.releaseObject', { objectId: o.result.objectId! });
  }
  const shadowHosts = await page.evaluate('document.querySelectorAll("[data-zx-host]").length') as number;
  let ourShadowRoots: number | null = null;
  let ourDetachedShadowRoots: number | null = null;
  let ourMutationObservers: number | null = null;
  if (withExtension && world.contextId !== null) {
    ourShadowRoots = await countInWorld(cdp, world.contextId, 'ShadowRoot');
    ourDetachedShadowRoots = await countInWorld(cdp, world.contextId, 'ShadowRoot', '!x.host.isConnected');
    ourMutationObservers = await countInWorld(cdp, world.contextId, 'MutationObserver');
  }
  if (process.env.BENCH_VERBOSE === '2') console.error(`snapshot: gc ${t1 - t0} ms, total ${Date.now() - t0} ms`);
  return {
    nav, heapUsed: usage.usedSize, nodes: dom.nodes, jsEventListeners: dom.jsEventListeners, documents: dom.documents,
    windowDocListeners, shadowHosts, ourShadowRoots, ourDetachedShadowRoots, ourMutationObservers,
  };
}

type HeapSummary = Map<string, { count: number; size: number }>;

/** HEAP_DIFF=1: a heap snapshot summarised by constructor (both worlds), to find what grew. */
async function heapSummary(cdp: CDPSession): Promise<HeapSummary> {
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }) => { chunks.push(e.chunk); };
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const snap = JSON.parse(chunks.join('')) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[]; strings: string[] };
  const f = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const [iType, iName, iSize] = ['type', 'name', 'self_size'].map((k) => f.indexOf(k));
  const out: HeapSummary = new Map();
  for (let i = 0; i < snap.nodes.length; i += f.length) {
    const type = types[snap.nodes[i + iType]];
    const isString = type === 'string' || type === 'concatenated string' || type === 'sliced string';
    // HEAP_DIFF=strings: strings by their first characters, to see which texts multiply
    const name = isString ? (process.env.HEAP_DIFF === 'strings' ? JSON.stringify(snap.strings[snap.nodes[i + iName]].slice(0, 50)) : '(string)')
      : type === 'code' ? '(code)' : snap.strings[snap.nodes[i + iName]].slice(0, 60);
    const key = `${type}:${name}`;
    const e = out.get(key) ?? { count: 0, size: 0 };
    e.count++;
    e.size += snap.nodes[i + iSize];
    out.set(key, e);
  }
  return out;
}

function printDiff(a: HeapSummary, b: HeapSummary): void {
  const rows = [...b].map(([k, v]) => ({ k, dCount: v.count - (a.get(k)?.count ?? 0), dSize: v.size - (a.get(k)?.size ?? 0) }));
  rows.sort((x, y) => y.dSize - x.dSize);
  console.error('heap diff (warm-up → end), top 25 by retained self size:');
  for (const r of rows.slice(0, process.env.HEAP_DIFF === 'strings' ? 60 : 25)) console.error(`  ${String(r.dSize).padStart(9)} B  ${String(r.dCount).padStart(6)}  ${r.k}`);
}

/** One session: log in, NAVS navigations, snapshots after WARMUP and at the end. */
export async function session(baseUrl: string, withExtension: boolean, navs = NAVS, warmup = WARMUP): Promise<{ warm: Snapshot; end: Snapshot; ms: number }> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'zx-bench-heap-'));
  let context: BrowserContext | undefined;
  try {
    context = await launchWithExtension(userDataDir, { extension: withExtension });
    let extensionOrigin: string | null = null;
    if (withExtension) {
      const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
      extensionOrigin = `chrome-extension://${new URL(sw.url()).host}`;
    }
    const page = context.pages()[0] ?? (await context.newPage());
    const cdp = await context.newCDPSession(page);
    const world = await watchIsolatedWorld(cdp, extensionOrigin);
    await cdp.send('HeapProfiler.enable');
    await cdp.send('DOMDebugger.enable' as never).catch(() => {});
    await page.goto(`${baseUrl}/login?user=u101&next=${encodeURIComponent('/app/cases?size=50')}`);
    await settle(page, withExtension, 0);
    const t0 = Date.now();
    let warm: Snapshot | null = null;
    let warmSummary: HeapSummary | null = null;
    for (let i = 0; i < navs; i++) {
      const step = STEPS[i % STEPS.length];
      const s0 = Date.now();
      const since = await page.evaluate('performance.now()') as number;
      await step.run(page, Math.floor(i / STEPS.length));
      const s1 = Date.now();
      await settle(page, withExtension, since);
      if (process.env.BENCH_VERBOSE === '2') console.error(`${i + 1} ${step.what}: action ${s1 - s0} ms, settle ${Date.now() - s1} ms`);
      if (i + 1 === warmup) {
        warm = await snapshot(page, cdp, world, i + 1, withExtension);
        if (process.env.HEAP_DIFF && withExtension) warmSummary = await heapSummary(cdp);
      }
      if (process.env.BENCH_VERBOSE && (i + 1) % 25 === 0) {
        console.error(withExtension ? 'ext' : 'bare', JSON.stringify(await snapshot(page, cdp, world, i + 1, withExtension)));
      }
    }
    const ms = Date.now() - t0;
    // End on the case list, like the warm-up snapshot's page kind would not be guaranteed otherwise.
    const end = await snapshot(page, cdp, world, navs, withExtension);
    if (warmSummary) printDiff(warmSummary, await heapSummary(cdp));
    if (withExtension && world.contextId === null) throw new Error('did not find the content script\'s isolated world');
    return { warm: warm!, end, ms };
  } finally {
    await context?.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

const mb = (b: number) => Math.round((b / (1024 * 1024)) * 100) / 100;

async function main() {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new Error('The extension is not built: run `npx wxt build` first.');
  if (NAVS < WARMUP + STEPS.length) throw new Error(`HEAP_NAVS must be at least ${WARMUP + STEPS.length}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'zx-bench-court-'));
  const server = await startServer({ port: Number(process.env.BENCH_PORT ?? 0), dataDir });
  try {
    const ext = await session(server.url, true);
    const bare = await session(server.url, false);
    const out = (name: string, value: number, unit: string, budget?: number) =>
      console.log(JSON.stringify({ name, value, unit, ...(budget !== undefined ? { budget } : {}), better: 'lower' }));
    const label = `heap modern ${NAVS} navs`;
    out(`${label}: page isolate heap after GC, after ${WARMUP} navs (with extension)`, mb(ext.warm.heapUsed), 'MB');
    out(`${label}: page isolate heap after GC, after ${NAVS} navs (with extension)`, mb(ext.end.heapUsed), 'MB');
    out(`${label}: heap growth ${WARMUP}→${NAVS} navs after GC (with extension)`, mb(ext.end.heapUsed - ext.warm.heapUsed), 'MB', GROWTH_BUDGET_MB);
    out(`${label}: page isolate heap after GC, after ${WARMUP} navs (without extension)`, mb(bare.warm.heapUsed), 'MB');
    out(`${label}: page isolate heap after GC, after ${NAVS} navs (without extension)`, mb(bare.end.heapUsed), 'MB');
    out(`${label}: heap growth ${WARMUP}→${NAVS} navs after GC (without extension)`, mb(bare.end.heapUsed - bare.warm.heapUsed), 'MB');
    out(`${label}: extension's share of the heap at the end (with − without)`, mb(ext.end.heapUsed - bare.end.heapUsed), 'MB');
    out(`${label}: our shadow hosts in the DOM at the end`, ext.end.shadowHosts, 'count', HOSTS_BUDGET);
    out(`${label}: detached ShadowRoots retained by the content script at the end`, ext.end.ourDetachedShadowRoots ?? -1, 'count', 0);
    out(`${label}: MutationObservers alive in the content script at the end`, ext.end.ourMutationObservers ?? -1, 'count', 1);
    out(`${label}: DOM nodes growth ${WARMUP}→${NAVS} after GC (with extension)`, ext.end.nodes - ext.warm.nodes, 'count');
    out(`${label}: DOM nodes growth ${WARMUP}→${NAVS} after GC (without extension)`, bare.end.nodes - bare.warm.nodes, 'count');
    out(`${label}: JS event listeners growth ${WARMUP}→${NAVS} (with extension)`, ext.end.jsEventListeners - ext.warm.jsEventListeners, 'count', 0);
    out(`${label}: window+document listeners at the end (with − without)`, ext.end.windowDocListeners - bare.end.windowDocListeners, 'count', 2);
    out(`${label}: session time per navigation (with extension)`, Math.round(ext.ms / NAVS), 'ms');
    console.error(JSON.stringify({ summary: 'heap', navs: NAVS, with: { warm: ext.warm, end: ext.end }, without: { warm: bare.warm, end: bare.end } }));
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve('tests/bench/heap.ts')) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
