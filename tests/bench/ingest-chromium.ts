// The store's ingest alone in real Chromium IndexedDB (issue #8): utils/store bundled with esbuild into a plain page
// (no extension, no views, no messaging), fed 10,000 demo-court case pages (tests/host/seed.ts → model.ts toSnapshot,
// with parties, events, 电子卷宗 and 文书) in pages of 500. Figures: the last 5,000 into a store of 5,000 (new cases),
// the same 5,000 again (unchanged), and one new event on each. Prints JSON lines.
// Run: npx tsx tests/bench/ingest-chromium.ts  (uses /usr/bin/chromium or CHROMIUM_PATH; about a minute)
import { chromium } from '@playwright/test';
import { bundleForPage } from '../e2e/bundle-page';
import { createServer } from 'node:http';
import { toSnapshot } from '../host/model';
import { generateCases } from '../host/seed';

const N = 5_000;
const PAGE = 500;

type Counts = { ms: number; inserted: number; updated: number; unchanged: number };

const IN_PAGE = `(async () => {
  const pageCount = PAGE_COUNT;
  const half = pageCount / 2;
  const all = [];
  for (let n = 0; n < pageCount; n++) all.push(await (await fetch('/' + n)).json());
  const db = ZX.openDb('bench-' + Date.now());
  await db.open();
  async function run(list, now) {
    const t = performance.now();
    const sum = { inserted: 0, updated: 0, unchanged: 0 };
    for (const cases of list) {
      const r = await ZX.ingestPage(db, { profileId: 'demo-modern', pageKind: 'case-detail', url: 'http://h/app/cases', cases }, now);
      sum.inserted += r.inserted; sum.updated += r.updated; sum.unchanged += r.unchanged;
    }
    return { ms: Math.round(performance.now() - t), ...sum };
  }
  const T = 1700000000000;
  const prefill = await run(all.slice(0, half), T);
  const fresh = await run(all.slice(half), T + 1000);
  const same = await run(all.slice(half), T + 2000);
  const hearing = all.slice(half).map((cases) => cases.map((c) => ({ ...c, events: [...(c.events || []), { kind: 'hearing', on: '2025-06-29' }] })));
  const oneEvent = await run(hearing, T + 3000);
  await db.delete();
  return { prefill, fresh, same, oneEvent };
})()`;

async function main() {
  const js = await bundleForPage(["export { openDb, ingestPage } from './utils/store/index';"]);
  const snaps = generateCases({ seed: 7, count: 2 * N, today: '2025-06-30' }).slice(0, 2 * N).map((c) => toSnapshot(c, 'http://127.0.0.1:5180'));
  const pages: string[] = [];
  for (let i = 0; i < snaps.length; i += PAGE) pages.push(JSON.stringify(snaps.slice(i, i + PAGE)));
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><meta charset="utf-8"><title>ingest</title>');
    if (url === '/store.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    const n = Number(url.slice(1));
    if (Number.isInteger(n) && pages[n]) return void res.writeHead(200, { 'content-type': 'application/json' }).end(pages[n]);
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    await page.goto(`${base}/`);
    await page.addScriptTag({ url: '/store.js' });
    // plain JS in a string: tsx would wrap named functions of an evaluate callback in a helper the page lacks
    const out = (await page.evaluate(IN_PAGE.replace('PAGE_COUNT', String(pages.length)))) as Record<'prefill' | 'fresh' | 'same' | 'oneEvent', Counts>;
    const check = (what: string, r: Counts, key: 'inserted' | 'updated' | 'unchanged') => {
      if (r[key] !== N) throw new Error(`${what}: expected ${key} = ${N}, got ${JSON.stringify(r)}`);
    };
    check('prefill', out.prefill, 'inserted');
    check('new', out.fresh, 'inserted');
    check('unchanged', out.same, 'unchanged');
    check('one event', out.oneEvent, 'updated');
    const fig = (name: string, value: number) => console.log(JSON.stringify({ name, value, unit: 'ms', budget: 3000, better: 'lower' }));
    fig(`chromium store: ingest ${N} case pages into a store of ${N} (new cases, pages of ${PAGE})`, out.fresh.ms);
    fig(`chromium store: re-ingest the same ${N} case pages (unchanged)`, out.same.ms);
    fig(`chromium store: re-ingest ${N} case pages with one new event each`, out.oneEvent.ms);
    console.error(`[ingest-chromium] prefill of ${N}: ${out.prefill.ms} ms`);
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
