// Case data never leaves the machine: during a full session (lists, case pages, 类案, sign-off, options, popup,
// dashboard) every request the browser makes goes to the demo court system's origin or to the extension itself.
import { test, expect } from './fixtures';

// Make Playwright report the background service worker's own requests too (read before the browser launches).
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';

test('privacy: no request leaves the demo system origin during a full session', async ({ context, demoUrl, extensionId }) => {
  const origin = new URL(demoUrl).origin;
  const seen: string[] = [];
  const fromWorker: string[] = [];
  context.on('request', (r) => {
    seen.push(r.url());
    if (r.serviceWorker()) fromWorker.push(r.url());
  });

  const page = await context.newPage();
  await page.goto(`${demoUrl}/login?user=u201&next=${encodeURIComponent('/app/cases?size=100')}`);
  await expect(page.locator('#caseGrid [data-zx-host="row-badge"]').first()).toBeVisible();
  await page.locator('#caseGrid .grid-row .col-caseNo a').first().click();
  await expect(page.locator('[data-zx-host="case-panel"]')).toBeAttached();
  await page.goto(`${demoUrl}/app/reviews`);
  await expect(page.locator('#app.route-reviews.is-ready')).toBeVisible();
  await page.goto(`${demoUrl}/login?user=u201&next=${encodeURIComponent('/classic/')}`);
  await expect(page.frameLocator('frame[name="mainFrame"]').locator('[data-zx-host="row-badge"]').first()).toBeVisible();
  for (const p of ['popup.html', 'options.html', 'dashboard.html']) {
    const ext = await context.newPage();
    await ext.goto(`chrome-extension://${extensionId}/${p}`);
    await ext.waitForLoadState('networkidle');
    await ext.close();
  }

  expect(seen.length).toBeGreaterThan(10);
  // The background's own requests are recorded too: it read the host's 阅核 records for the case page.
  expect(fromWorker.some((u) => u.startsWith(origin) && u.includes('/signoffs'))).toBe(true);
  const outside = seen.filter((u) => {
    if (u.startsWith(`chrome-extension://${extensionId}/`) || u.startsWith('data:') || u.startsWith('blob:')) return false;
    try {
      return new URL(u).origin !== origin;
    } catch {
      return true;
    }
  });
  expect(outside).toEqual([]);
});

test('privacy: the host page can neither message the background nor see our data', async ({ context, demoUrl }) => {
  const page = await context.newPage();
  await page.goto(`${demoUrl}/login?user=u101&next=${encodeURIComponent('/app/cases')}`);
  await expect(page.locator('#caseGrid [data-zx-host="row-badge"]').first()).toBeVisible();
  const seenByPage = await page.evaluate(async () => ({
    // No externally_connectable: the page's world has no channel to the extension.
    runtime: typeof (window as unknown as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime?.sendMessage,
    // Our database lives in the extension's origin, not in the court site's storage.
    databases: (await indexedDB.databases()).map((d) => d.name),
    localStorageKeys: Object.keys(localStorage),
  }));
  expect(seenByPage.runtime).toBe('undefined');
  expect(seenByPage.databases).not.toContain('zhixiao');
  expect(seenByPage.databases).not.toContain('zhixiao-search');
  expect(seenByPage.localStorageKeys.filter((k) => /zhixiao|zx/i.test(k))).toEqual([]);
});
