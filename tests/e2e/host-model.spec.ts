// Host model follow-ups end to end: the built extension reads the 待阅核 row's document, the 文书 tab as writs
// (apart from the 电子卷宗) and the 书记员, and stores them as schema v3 introduced them, in the case's one `sections`
// row since v5 (read back from the extension's IndexedDB).
import { test, expect } from './fixtures';

const login = (demoUrl: string, user: string, next: string) => `${demoUrl}/login?user=${user}&next=${encodeURIComponent(next)}`;

interface ReviewItem { caseId: string; caseNo: string; documentRef: string; documentTitle: string; submittedOn: string; triggers: string[] }
interface ApiCase { clerk: string; writs: Array<{ title: string; ref: string; status: string }>; documents: Array<{ volume?: string }> }

/** Reads the extension's database from an extension page (same origin as the background). */
async function readDb(page: import('@playwright/test').Page, caseKeyLike: string) {
  return page.evaluate(async (needle) => {
    const db: IDBDatabase = await new Promise((ok, ko) => {
      const r = indexedDB.open('zhixiao');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => ko(r.error);
    });
    const all = (store: string) =>
      new Promise<Array<Record<string, unknown>>>((ok, ko) => {
        const r = db.transaction(store).objectStore(store).getAll();
        r.onsuccess = () => ok(r.result as Array<Record<string, unknown>>);
        r.onerror = () => ko(r.error);
      });
    const norm = (s: string) => s.replace(/（/g, '(').replace(/）/g, ')');
    const cases = (await all('cases')).filter((c) => norm(String(c.caseNo)) === norm(needle));
    const key = cases[0]?.caseKey;
    const out = {
      version: db.version,
      stores: Array.from(db.objectStoreNames),
      case: cases[0] ?? null,
      // schema v6: a case's items live in its case row (`items`), each section's array being its logical rows
      writs: ((cases[0]?.items as Record<string, unknown> | undefined)?.writs ?? []) as Array<Record<string, unknown>>,
      documents: ((cases[0]?.items as Record<string, unknown> | undefined)?.documents ?? []) as Array<Record<string, unknown>>,
    };
    db.close();
    return out;
  }, caseKeyLike);
}

test('待阅核 row → review, 文书 tab → writs, 基本信息 → clerk, stored apart from the 电子卷宗', async ({ context, demoUrl, extensionId, request }) => {
  const items = ((await (await request.get(`${demoUrl}/api/reviews`, { headers: { 'x-demo-user': 'u201' } })).json()) as { items: ReviewItem[] }).items;
  expect(items.length).toBeGreaterThan(0);
  const item = items[0];
  const api = (await (await request.get(`${demoUrl}/api/cases/${item.caseId}`, { headers: { 'x-demo-user': 'u501' } })).json()) as ApiCase;

  const page = await context.newPage();
  // classic 待阅核 list, then the case's 文书 and 电子卷宗 tabs and its 基本信息 in the modern skin
  await page.goto(login(demoUrl, 'u201', '/classic/reviews'));
  await expect(page.locator('#reviewList tr.grid-row [data-zx-host="row-badge"]').first()).toBeVisible();
  for (const path of [`/classic/case/${item.caseId}/docs`, `/classic/case/${item.caseId}/archive`]) {
    await page.goto(`${demoUrl}${path}`);
    await expect(page.locator('[data-zx-host="status-chip"] [role="status"]')).toHaveAttribute('data-state', 'recognized');
  }
  await page.goto(`${demoUrl}/app/cases/${item.caseId}/basic`);
  await expect(page.locator('#app.route-case.is-ready')).toBeVisible();
  await expect(page.locator('[data-zx-host="case-panel"]')).toBeVisible();

  const ext = await context.newPage();
  await ext.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect
    .poll(async () => (await readDb(ext, item.caseNo)).case?.clerk ?? null, { timeout: 10_000 })
    .toBe(api.clerk);
  const got = await readDb(ext, item.caseNo);
  expect(got.version).toBeGreaterThanOrEqual(6);
  expect(got.stores).not.toContain('sections');
  expect(got.stores).not.toContain('writs');
  expect(got.case!.review).toEqual({
    documentRef: item.documentRef,
    documentTitle: item.documentTitle,
    submittedOn: item.submittedOn,
    triggers: item.triggers,
  });
  // the 文书 tab, by ref and status, exactly as the host lists them
  expect(got.writs.map((w) => `${w.ref}:${w.status}`).sort()).toEqual(api.writs.map((w) => `${w.ref}:${w.status}`).sort());
  expect(got.writs.some((w) => w.ref === item.documentRef && w.status === 'draft')).toBe(true);
  // the 电子卷宗 rows all have a volume, none is a 文书 row
  expect(got.documents.length).toBe(api.documents.filter((d) => d.volume).length);
  expect(got.documents.every((d) => d.volume === 'main' || d.volume === 'sub')).toBe(true);
});
