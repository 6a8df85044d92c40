// A schema upgrade at court scale in real Chromium IndexedDB (issue #8, data safety): a database as schema
// UPGRADE_FROM (default 5: the `sections` table; 4: the four per-section tables) left it on disk
// (tests/unit/support/store-old-versions.ts), filled with SCALE_CASES demo-court cases (default 20,000; ~1 minute),
// opened by today's store code in a plain page. Prints the upgrade time as a JSON line and checks that every case and
// event is still there. Not in `npm run bench`.
// Run: npx tsx tests/bench/upgrade-chromium.ts
import { chromium } from '@playwright/test';
import { BROWSER_ARGS } from '../e2e/fixtures';
import { openBundlePage } from '../e2e/bundle-page';

const N = Number(process.env.SCALE_CASES ?? 20_000);
const FROM = Number(process.env.UPGRADE_FROM ?? 5);

async function main() {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: BROWSER_ARGS });
  try {
    const page = await openBundlePage(browser, [
      "export { buildOldData, createOldDb } from './tests/unit/support/store-old-versions';",
      "export { openDb, childRows, SCHEMA_VERSION } from './utils/store/index';",
      "export { generateCases } from './tests/host/seed';",
      "export { toSnapshot } from './tests/host/model';",
    ]);
    // plain JS in a string: tsx would wrap named functions of an evaluate callback in a helper the page lacks
    const out = (await page.evaluate(`(async () => {
      const snaps = ZX.generateCases({ seed: 7, count: ${N}, today: '2025-06-30' }).slice(0, ${N}).map((c) => ZX.toSnapshot(c, 'http://127.0.0.1:5180'));
      const data = ZX.buildOldData(${FROM}, snaps);
      await ZX.createOldDb('upgrade-bench', ${FROM}, data);
      const t = performance.now();
      const db = ZX.openDb('upgrade-bench');
      await db.open();
      const ms = performance.now() - t;
      const result = { ms, to: ZX.SCHEMA_VERSION, cases: await db.cases.count(), events: (await ZX.childRows(db, 'events')).length, expectedCases: data.cases.length, expectedEvents: data.events.length };
      await db.delete();
      return result;
    })()`)) as { ms: number; to: number; cases: number; events: number; expectedCases: number; expectedEvents: number };
    if (out.cases !== out.expectedCases || out.events !== out.expectedEvents) throw new Error(`rows lost in the upgrade: ${JSON.stringify(out)}`);
    console.log(JSON.stringify({ name: `chromium: schema v${FROM} → v${out.to} upgrade of ${N.toLocaleString('en')} cases (${out.events.toLocaleString('en')} events and their other sections)`, value: Math.round(out.ms), unit: 'ms', better: 'lower' }));
  } finally {
    await browser.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
