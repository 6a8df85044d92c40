// Data safety in a real browser with the demo court system (issue #8 item 3):
// - two tabs writing at once (sign-offs, a 四类 mark, clerk flags; different and the same cases): every record is
//   stored once, the audit hash chain verifies (no fork), the host receives each write-back exactly once;
// - a browser restart while a write-back is queued: the record and its audit entry survive, the queued write-back
//   is sent after the restart, and the host has it exactly once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIRequestContext, BrowserContext, Locator, Page } from '@playwright/test';
import { verifyChain } from '../../utils/domain/audit';
import { test, expect, launchWithExtension, serviceWorkerOf } from './fixtures';

const login = (demoUrl: string, user: string, next: string) => `${demoUrl}/login?user=${user}&next=${encodeURIComponent(next)}`;
type Row = Record<string, unknown>;
interface Dump { signoffs: Row[]; marks: Row[]; flags: Row[]; audit: Row[]; outbox: Row[] }

/** The extension's database as the background sees it (read with plain IndexedDB in the service worker). */
async function dumpDb(context: BrowserContext): Promise<Dump> {
  const sw = await serviceWorkerOf(context);
  return sw.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('zhixiao');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const all = (name: string) => new Promise<Record<string, unknown>[]>((resolve, reject) => {
      const r = db.transaction(name).objectStore(name).getAll();
      r.onsuccess = () => resolve(r.result as Record<string, unknown>[]);
      r.onerror = () => reject(r.error);
    });
    const out = { signoffs: await all('signoffs'), marks: await all('marks'), flags: await all('flags'), audit: await all('audit'), outbox: await all('outbox') };
    db.close();
    return out;
  });
}

function chainOf(d: Dump) {
  return verifyChain([...d.audit].sort((a, b) => Number(a.seq) - Number(b.seq)).map((a) => ({ ...a, caseKey: a.caseKey ?? '' })));
}

async function received(api: APIRequestContext, demoUrl: string): Promise<Record<string, number>> {
  return ((await (await api.get(`${demoUrl}/api/_test/received`)).json()) as { items: Record<string, number> }).items;
}
async function hostItems(api: APIRequestContext, demoUrl: string, caseId: string, kind: 'signoffs' | 'flags'): Promise<Array<{ clientId: string }>> {
  const r = await api.get(`${demoUrl}/api/cases/${caseId}/${kind}`, { headers: { 'x-demo-user': 'u201' } });
  return ((await r.json()) as { items: Array<{ clientId: string }> }).items;
}

interface ReviewItem { caseId: string; caseNo: string; documentTitle: string; triggers: string[] }
/** Drafts awaiting the 民一庭 庭长 (u201), not yet signed in the host. */
async function reviewCases(api: APIRequestContext, demoUrl: string): Promise<ReviewItem[]> {
  const items = ((await (await api.get(`${demoUrl}/api/reviews`, { headers: { 'x-demo-user': 'u201' } })).json()) as { items: ReviewItem[] }).items;
  return items.filter((i) => /判决书|裁定书/.test(i.documentTitle));
}

const panelOf = (page: Page): Locator => page.locator('[data-zx-panel="supervision"]');

async function openCaseAs庭长(page: Page, demoUrl: string, caseId: string): Promise<Locator> {
  await page.goto(`${demoUrl}/app/cases/${caseId}/documents`);
  await expect(page.locator('#app.route-case.is-ready')).toBeVisible();
  const panel = panelOf(page);
  await expect(panel.locator('[data-zx="signoff-form"]')).toBeVisible();
  return panel;
}

async function signOff(panel: Locator, decision: '同意' | '有意见') {
  const form = panel.locator('[data-zx="signoff-form"]');
  await form.getByLabel(decision, { exact: true }).check();
  if (decision === '有意见') {
    await form.locator('textarea[name="opinion"]').fill('两个标签页同时阅核：请补充证据采信的说理。');
    await form.getByLabel('复议', { exact: true }).check();
  }
  await form.locator('[data-zx="signoff-submit"]').click();
}

async function mark(panel: Locator) {
  await panel.locator('[data-zx="mark-open"]').click();
  const form = panel.locator('[data-zx="mark-form"]');
  await expect(form).toBeVisible();
  const sub = form.locator('input[name="subSituation"]');
  if (!(await sub.inputValue())) await sub.fill('对事实认定或者法律适用存在较大争议');
  await form.locator('textarea[name="reason"]').fill('另一标签页同时标记');
  await form.locator('[data-zx="mark-submit"]').click();
}

test('two tabs writing at once (sign-offs, a mark, flags): every record stored once, one unforked audit chain, each write-back received once', async ({ context, demoUrl }) => {
  test.setTimeout(90_000);
  const api = context.request;
  const [a, b, c] = await reviewCases(api, demoUrl);
  expect(c, 'three drafts awaiting the 庭长').toBeDefined();

  const tab1 = await context.newPage();
  const tab2 = await context.newPage();
  // the 待阅核 list once (the store learns which drafts await this user), then each tab on its own case
  await tab1.goto(login(demoUrl, 'u201', '/app/reviews'));
  await expect(tab1.locator('#app.route-reviews.is-ready')).toBeVisible();
  await expect(tab1.locator('[data-zx="review-mine"]').first()).toBeVisible();

  // 1. different cases, at the same moment
  const [p1, p2] = await Promise.all([openCaseAs庭长(tab1, demoUrl, a.caseId), openCaseAs庭长(tab2, demoUrl, b.caseId)]);
  await Promise.all([signOff(p1, '同意'), signOff(p2, '有意见')]);
  await expect(p1.locator('[data-zx="signoff"]')).toHaveCount(1);
  await expect(p2.locator('[data-zx="signoff"]')).toHaveCount(1);

  // 2. the same case: one tab signs off while the other marks it 四类 (each runs the automatic 四类 triggers too)
  const [q1, q2] = await Promise.all([openCaseAs庭长(tab1, demoUrl, c.caseId), openCaseAs庭长(tab2, demoUrl, c.caseId)]);
  await Promise.all([signOff(q1, '同意'), mark(q2)]);
  await expect(q1.locator('[data-zx="signoff"]')).toHaveCount(1);
  await expect(q2.locator('[data-zx="mark"]').filter({ hasText: '另一标签页同时标记' })).toHaveCount(1);

  // 3. clerk flags: the clerk (u401) has the same closed case open in both tabs and flags two items at once
  const closed = ((await (await api.get(`${demoUrl}/api/cases?size=500&scope=mine`, { headers: { 'x-demo-user': 'u401' } })).json()) as { items: Array<{ id: string; status: string; category: string }> })
    .items.find((i) => i.status === 'closed' && i.category === 'civil')!;
  expect(closed, 'a closed civil case of the clerk').toBeDefined();
  await tab1.goto(login(demoUrl, 'u401', `/app/cases/${closed.id}/basic`)); // the 结案 date and the case type
  await expect(tab1.locator('#app.route-case.is-ready')).toBeVisible();
  await expect(tab1.locator('[data-zx-host="case-panel"] [data-zx-panel="deadline"]')).toBeVisible();
  await Promise.all([tab1, tab2].map((t) => t.goto(`${demoUrl}/app/cases/${closed.id}/archive`)));
  const archiveRows = async (page: Page) => {
    const panel = page.locator('[data-zx-host="archive-checklist"] [data-zx-panel="archive"]');
    await expect(panel.locator('tr[data-item] [data-zx="flag-open"]').nth(1)).toBeVisible();
    return panel.locator('tr[data-item]');
  };
  const [rows1, rows2] = await Promise.all([archiveRows(tab1), archiveRows(tab2)]);
  const flag = async (row: Locator, reason: string) => {
    await row.locator('[data-zx="flag-open"]').click();
    await row.locator('label', { hasText: '待补扫' }).locator('input').check();
    await row.locator('[data-zx="flag-reason"]').fill(reason);
    await row.locator('[data-zx="flag-by"]').fill('许诺');
  };
  const f1 = rows1.nth(0);
  const f2 = rows2.nth(1);
  await flag(f1, '两个标签页同时标注：一');
  await flag(f2, '两个标签页同时标注：二');
  await Promise.all([f1.locator('[data-zx="flag-submit"]').click(), f2.locator('[data-zx="flag-submit"]').click()]);
  await expect(f1.locator('[data-zx="flag-current"]')).toHaveAttribute('data-flag', '待补扫');
  await expect(f2.locator('[data-zx="flag-current"]')).toHaveAttribute('data-flag', '待补扫');

  // every write-back lands: each sign-off and flag synced
  await expect.poll(async () => (await dumpDb(context)).flags.map((f) => f.syncState), { timeout: 20_000 }).toEqual(['synced', 'synced']);
  await expect.poll(async () => (await dumpDb(context)).signoffs.map((s) => s.syncState), { timeout: 20_000 }).toEqual(['synced', 'synced', 'synced']);

  const d = await dumpDb(context);
  // stored once each
  const clientIds = d.signoffs.map((s) => String(s.clientId));
  expect(new Set(clientIds).size).toBe(clientIds.length);
  expect(d.signoffs).toHaveLength(3);
  const people = d.marks.filter((m) => m.action === 'mark');
  expect(people).toHaveLength(1);
  expect(new Set(d.marks.map((m) => String(m.clientId))).size).toBe(d.marks.length);
  // the audit log: one unforked chain, one entry per act (sign-offs, the mark, each automatic hit once)
  expect(chainOf(d)).toMatchObject({ ok: true, count: d.audit.length });
  const prevs = d.audit.map((x) => String(x.prevHash));
  expect(new Set(prevs).size, 'two entries chained to the same predecessor (a fork)').toBe(prevs.length);
  const signoffAudit = d.audit.filter((x) => x.type === 'signoff').map((x) => String((x.payload as Row).clientId)).sort();
  expect(signoffAudit).toEqual([...clientIds].sort());
  expect(d.audit.filter((x) => x.type === 'mark')).toHaveLength(1);
  const autoMarks = d.marks.filter((m) => m.action === 'auto-hit');
  const autoAudit = d.audit.filter((x) => x.type === 'auto-hit');
  expect(autoAudit.map((x) => `${String(x.caseKey)}|${String((x.payload as Row).ruleId)}`).sort())
    .toEqual(autoMarks.map((m) => `${String(m.caseKey)}|${String(m.clientId).split(':').slice(2).join(':')}`).sort());
  expect(d.outbox).toHaveLength(0);

  // the host: each sign-off exactly once, and each write request received exactly once
  const flagIds = d.flags.map((f) => String(f.clientId));
  expect(new Set(flagIds).size).toBe(2);
  expect(d.flags.map((f) => f.reason).sort()).toEqual(['两个标签页同时标注：一', '两个标签页同时标注：二']);
  const got = await received(api, demoUrl);
  for (const id of [...clientIds, ...flagIds]) expect(got[id], id).toBe(1);
  const hostFlags = (await hostItems(api, demoUrl, closed.id, 'flags')).filter((f) => flagIds.includes(f.clientId));
  expect(hostFlags.map((f) => f.clientId).sort()).toEqual([...flagIds].sort());
  for (const x of [a, b, c]) {
    const items = await hostItems(api, demoUrl, x.caseId, 'signoffs');
    const ours = items.filter((i) => clientIds.includes(i.clientId));
    expect(ours).toHaveLength(1);
  }
});

test('a browser restart while a write-back is queued: nothing lost, sent once after the restart', async ({ demoUrl, request }) => {
  test.setTimeout(90_000);
  const dir = mkdtempSync(join(tmpdir(), 'zx-e2e-restart-'));
  let context = await launchWithExtension(dir);
  try {
    const api = request;
    const list = await reviewCases(api, demoUrl);
    const target = list[list.length - 1];
    expect(target).toBeDefined();
    const page = await context.newPage();
    await page.goto(login(demoUrl, 'u201', '/app/reviews'));
    await expect(page.locator('[data-zx="review-mine"]').first()).toBeVisible();
    const panel = await openCaseAs庭长(page, demoUrl, target.caseId);

    await api.post(`${demoUrl}/api/_test/fail-writes`, { data: { on: true } });
    let clientId = '';
    try {
      await signOff(panel, '有意见');
      const row = panel.locator('[data-zx="signoff"]');
      await expect(row).toHaveAttribute('data-sync', 'queued', { timeout: 15_000 });
      clientId = (await row.getAttribute('data-client-id'))!;
      const before = await dumpDb(context);
      expect(before.outbox.map((o) => o.refId)).toEqual([clientId]);
      expect(before.signoffs.map((s) => [s.clientId, s.syncState])).toEqual([[clientId, 'failed']]);
      expect(await hostItems(api, demoUrl, target.caseId, 'signoffs')).toHaveLength(0);
      // the browser goes away while the write-back waits in the queue
      await context.close();
    } finally {
      await request.post(`${demoUrl}/api/_test/fail-writes`, { data: { on: false } });
    }

    // the same profile again: the record, its queue entry and its audit entry are all still there
    context = await launchWithExtension(dir);
    const after = await dumpDb(context);
    expect(after.signoffs.map((s) => s.clientId)).toEqual([clientId]);
    expect(after.audit.filter((x) => x.type === 'signoff').map((x) => (x.payload as Row).clientId)).toEqual([clientId]);
    expect(chainOf(after).ok).toBe(true);

    // The retry runs by itself on the write-back alarm once the backoff is over (the alarm is brought forward so the
    // test does not wait a minute). The restart ended the host session (a session cookie), so the host answers
    // 401: the entry must stay queued, not be given up.
    const sw = await serviceWorkerOf(context);
    expect(after.outbox).toHaveLength(1);
    const due = Math.max(Date.now(), Number(after.outbox[0].nextAttemptAt)) + 200;
    await sw.evaluate(async (when) => {
      const c = (globalThis as unknown as { chrome: { alarms: { create(n: string, o: object): Promise<void> } } }).chrome;
      await c.alarms.create('zhixiao-outbox', { when, periodInMinutes: 1 });
    }, due);
    await expect.poll(async () => String((await dumpDb(context)).outbox[0]?.lastError ?? ''), { timeout: 45_000, intervals: [500] }).toContain('HTTP 401');
    expect((await dumpDb(context)).outbox.map((o) => o.refId)).toEqual([clientId]);
    expect(await hostItems(api, demoUrl, target.caseId, 'signoffs')).toHaveLength(0);

    // the user logs in again and opens any page of the host: the queued sign-off is sent, once
    const page2 = await context.newPage();
    await page2.goto(login(demoUrl, 'u201', '/app/reviews'));
    await expect(page2.locator('#app.route-reviews.is-ready')).toBeVisible();
    await expect.poll(async () => (await hostItems(api, demoUrl, target.caseId, 'signoffs')).map((s) => s.clientId), { timeout: 20_000, intervals: [500] }).toEqual([clientId]);
    await expect.poll(async () => (await dumpDb(context)).signoffs.map((s) => s.syncState), { timeout: 10_000 }).toEqual(['synced']);
    const final = await dumpDb(context);
    expect(final.outbox).toHaveLength(0);
    expect(chainOf(final).ok).toBe(true);
    expect((await received(api, demoUrl))[clientId]).toBe(1);
    expect(final.audit.filter((x) => x.type === 'signoff').map((x) => (x.payload as Row).clientId)).toEqual([clientId]);

    // and the page shows it synced
    const p = await context.newPage();
    await p.goto(`${demoUrl}/app/cases/${target.caseId}/documents`);
    await expect(panelOf(p).locator('[data-zx="signoff"]')).toHaveAttribute('data-sync', 'synced');
  } finally {
    await context.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
});
