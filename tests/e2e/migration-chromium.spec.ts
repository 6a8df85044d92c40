// Schema upgrades in real Chromium IndexedDB (issue #8, data safety). The unit tests (tests/unit/store-*.test.ts) check
// every logical row of every upgrade under fake-indexeddb; this test makes sure Chromium's IndexedDB gives exactly the
// same result: databases as versions 1–5 left them on disk (tests/unit/support/store-old-versions.ts, realistic seed
// data), opened in Chromium by today's store code (bundled with esbuild into a plain page), must export exactly what
// the same upgrade exports in Node. Among other things this covers Dexie dropping the v4 section tables after the
// v4 → v5 upgrade has read them, which fake-indexeddb could model differently from a browser.
import { chromium, expect, test } from '@playwright/test';
import 'fake-indexeddb/auto';
import { BROWSER_ARGS } from './fixtures';
import { openBundlePage } from './bundle-page';
import { buildOldData, createOldDb, seededSnapshots, withRepeats, type OldVersion } from '../unit/support/store-old-versions';
import { exportAll, openDb } from '../../utils/store';
import { DB_TABLES, SCHEMA_VERSION } from '../../utils/store/schema';

const NOW = Date.UTC(2025, 5, 30, 2);
const VERSIONS: OldVersion[] = [1, 2, 3, 4, 5];

/** Upgrades a database of `version` with realistic data and exports it (the same code runs in Node and in the page). */
const UPGRADE = `async (version, count, now) => {
  const name = 'migrate-v' + version + '-' + Math.random().toString(36).slice(2);
  await ZX.createOldDb(name, version, ZX.buildOldData(version, ZX.withRepeats(ZX.seededSnapshots(count))));
  const db = ZX.openDb(name);
  await db.open();
  const backup = await ZX.exportAll(db, now);
  const tables = [...db.backendDB().objectStoreNames].sort();
  db.close();
  await db.delete();
  return { verno: db.verno, tables, backup };
}`;

test('every earlier schema version upgrades in Chromium exactly as in the unit-tested path', async () => {
  test.setTimeout(120_000);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: BROWSER_ARGS });
  try {
    const page = await openBundlePage(browser, [
      "export { buildOldData, createOldDb, seededSnapshots, withRepeats } from './tests/unit/support/store-old-versions';",
      "export { exportAll, openDb } from './utils/store/index';",
    ]);

    const upgradeInNode = new Function('ZX', `return (${UPGRADE})`)({ buildOldData, createOldDb, seededSnapshots, withRepeats, openDb, exportAll });
    for (const version of VERSIONS) {
      const inNode = await upgradeInNode(version, 40, NOW);
      const inChromium = await page.evaluate(`(${UPGRADE})(${version}, 40, ${NOW})`);
      expect(inNode.verno, `v${version} in Node`).toBe(SCHEMA_VERSION);
      expect(inNode.tables, `v${version}: tables on disk`).toEqual([...DB_TABLES].sort());
      expect(inNode.backup.tables.cases.length, `v${version}: cases`).toBe(40);
      expect(inNode.backup.tables.events.length, `v${version}: events`).toBeGreaterThan(40);
      expect(inChromium, `v${version}: Chromium's upgrade differs from the unit-tested one`).toEqual(inNode);
    }
  } finally {
    await browser.close();
  }
});
