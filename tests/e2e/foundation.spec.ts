// Foundation: the built extension over the demo court system, in both skins.
import { test, expect, launchWithExtension, serviceWorkerOf } from './fixtures';

const login = (demoUrl: string, user: string, next: string) => `${demoUrl}/login?user=${user}&next=${encodeURIComponent(next)}`;

test('classic skin: a badge on every case row inside the frames, and a status chip', async ({ context, demoUrl }) => {
  const page = await context.newPage();
  await page.goto(login(demoUrl, 'u101', '/classic/'));
  const main = page.frameLocator('frame[name="mainFrame"]');
  const rows = main.locator('#caseList tr.grid-row');
  await expect(rows.first()).toBeVisible();
  const rowCount = await rows.count();
  expect(rowCount).toBeGreaterThan(0);
  await expect(main.locator('#caseList tr.grid-row [data-zx-host="row-badge"]')).toHaveCount(rowCount);
  // Each badge says something real: days left, overdue, closed in time/late, or no statutory limit.
  const firstBadge = main.locator('#caseList tr.grid-row').first().locator('.zx-badge');
  await expect(firstBadge).toHaveText(/剩 \d+ 天|超期 \d+ 天|今日届满|审限内结案|超审限结案|无法定审限|无法计算/);
  const chip = main.locator('[data-zx-host="status-chip"] [role="status"]');
  await expect(chip).toHaveAttribute('data-state', 'recognized');
  await expect(chip).toContainText('案件列表');
  // Mounting is idempotent: the host table keeps exactly one badge per row after further scans.
  await page.waitForTimeout(400);
  await expect(main.locator('#caseList [data-zx-host="row-badge"]')).toHaveCount(rowCount);
});

test('modern skin: badges on the list, a panel on the case page, across client-side navigation', async ({ context, demoUrl }) => {
  const page = await context.newPage();
  await page.goto(login(demoUrl, 'u101', '/app/cases'));
  await expect(page.locator('#app.is-ready')).toBeVisible();
  const rows = page.locator('#caseGrid .grid-row');
  const rowCount = await rows.count();
  expect(rowCount).toBeGreaterThan(0);
  await expect(page.locator('#caseGrid .grid-row [data-zx-host="row-badge"]')).toHaveCount(rowCount);

  // SPA navigation: no reload, yet the detail page gets its panel.
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
  const caseNo = (await rows.first().locator('.col-caseNo a').textContent())!.trim();
  await rows.first().locator('.col-caseNo a').click();
  await expect(page.locator('#app.route-case.is-ready')).toBeVisible();
  const panel = page.locator('[data-zx-host="case-panel"] [data-zx-panel="deadline"]');
  await expect(panel).toBeVisible();
  await expect(panel).toContainText(caseNo);
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

  await page.goBack();
  await expect(page.locator('#app.route-cases.is-ready')).toBeVisible();
  await expect(page.locator('#caseGrid .grid-row [data-zx-host="row-badge"]')).toHaveCount(rowCount);
});

test('a list opened again draws its remembered badges before its own ingest answers, then the same badges stay', async ({ context, demoUrl }) => {
  const page = await context.newPage();
  await page.goto(login(demoUrl, 'u501', '/classic/cases?size=50'));
  const badges = page.locator('#caseList tr.grid-row [data-zx-host="row-badge"]');
  await expect(badges).toHaveCount(50);
  const texts = async () => page.locator('#caseList tr.grid-row').evaluateAll((rows) =>
    rows.map((r) => r.querySelector('[data-zx-host="row-badge"]')?.shadowRoot?.querySelector('.zx-badge')?.textContent ?? ''));
  const first = await texts();
  const marks = () => page.evaluate(() => ({
    known: performance.getEntriesByName('zx:known-rows', 'mark').map((m) => m.startTime),
    answered: performance.getEntriesByName('zx:features-start', 'mark').map((m) => m.startTime),
  }));
  expect((await marks()).known).toEqual([]); // nothing remembered on the first visit
  await page.waitForTimeout(300); // the first page's write follows its reply
  await page.reload();
  await expect(badges).toHaveCount(50);
  await expect.poll(async () => (await marks()).answered.length).toBeGreaterThan(0);
  const { known, answered } = await marks();
  expect(known).toHaveLength(1);
  expect(known[0]).toBeLessThan(answered[0]);
  expect(await texts()).toEqual(first);
});

test('remembered badges survive a service-worker restart (the judge comes back to the list after reading a case)', async ({ context, demoUrl }) => {
  const page = await context.newPage();
  await page.goto(login(demoUrl, 'u501', '/classic/cases?size=50&page=2'));
  await expect(page.locator('#caseList tr.grid-row [data-zx-host="row-badge"]')).toHaveCount(50);
  // the page's rows are mirrored to storage.session once page traffic is quiet
  const sw = await serviceWorkerOf(context);
  await expect.poll(() => sw.evaluate(async () => Object.keys(await chrome.storage.session.get(null)).filter((k) => k.startsWith('zxRecent:')).length)).toBe(1);
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await page.reload();
  await expect(page.locator('#caseList tr.grid-row [data-zx-host="row-badge"]')).toHaveCount(50);
  const marks = () => page.evaluate(() => ({
    known: performance.getEntriesByName('zx:known-rows', 'mark').map((m) => m.startTime),
    answered: performance.getEntriesByName('zx:features-start', 'mark').map((m) => m.startTime),
  }));
  await expect.poll(async () => (await marks()).answered.length).toBeGreaterThan(0);
  const { known, answered } = await marks();
  expect(known).toHaveLength(1);
  expect(known[0]).toBeLessThan(answered[0]);
});

test('an unrecognised page on a profile origin shows an honest status', async ({ context, demoUrl }) => {
  const page = await context.newPage();
  await page.goto(`${demoUrl}/`); // the landing page: on the profile's origin, but no page rule fits
  const chip = page.locator('[data-zx-host="status-chip"] [role="status"]');
  await expect(chip).toHaveAttribute('data-state', 'unrecognized');
  await expect(chip).toContainText('未识别');
});

test('cached cases survive a browser restart', async ({ userDataDir, demoUrl }) => {
  let context = await launchWithExtension(userDataDir);
  let page = await context.newPage();
  await page.goto(login(demoUrl, 'u111', '/app/cases?size=100'));
  await expect(page.locator('#caseGrid .grid-row [data-zx-host="row-badge"]').first()).toBeVisible();
  const rowCount = await page.locator('#caseGrid .grid-row').count();
  await context.close();

  context = await launchWithExtension(userDataDir);
  const sw = await serviceWorkerOf(context);
  const extensionId = new URL(sw.url()).host;
  page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(page.locator('h1')).toContainText(`本机缓存 ${rowCount} 件`);
  await context.close();
});

declare const chrome: { storage: { session: { get(keys: null): Promise<Record<string, unknown>> } } };
