// 立卷归档 on screen, in both skins: the checklist panel on a closed case's 电子卷宗 tab agrees with checkArchive on
// the demo API's snapshot, and a clerk flag goes to the host (POST /api/cases/:id/flags) and survives a reload.
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { checkArchive } from '../../utils/domain/archive';
import { supervisionArchiveContext } from '../../utils/domain/archive-context';
import { CaseSnapshotSchema, type CaseSnapshot } from '../../utils/domain/case';
import { chinaToday } from '../../utils/domain/dates';
import { missingOf } from '../../utils/views/archive-summary';

const CLERK = 'u401'; // 许诺, 民一庭 书记员
const login = (demoUrl: string, user: string, next: string) => `${demoUrl}/login?user=${user}&next=${encodeURIComponent(next)}`;

async function api<T>(demoUrl: string, path: string): Promise<T> {
  const res = await fetch(`${demoUrl}${path}`, { headers: { 'X-Demo-User': CLERK } });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

/** The API snapshot with only the 电子卷宗 materials (the API's `documents` also hold 文书 without a volume). */
async function snapshotOf(demoUrl: string, id: string): Promise<CaseSnapshot> {
  const raw = await api<Record<string, unknown>>(demoUrl, `/api/cases/${id}`);
  const s = CaseSnapshotSchema.parse(raw);
  return { ...s, documents: (s.documents ?? []).filter((d) => d.volume) };
}

/** Closed, unarchived civil cases of the clerk whose 目录 lacks something, most missing first. */
async function closedCases(demoUrl: string, skip: Set<string>): Promise<Array<{ id: string; snapshot: CaseSnapshot }>> {
  const list = await api<{ items: Array<{ id: string; status: string; category: string }> }>(demoUrl, '/api/cases?size=500&scope=mine');
  const out: Array<{ id: string; snapshot: CaseSnapshot; missing: number }> = [];
  for (const item of list.items.filter((i) => i.status === 'closed' && i.category === 'civil' && !skip.has(i.id)).slice(0, 40)) {
    const snapshot = await snapshotOf(demoUrl, item.id);
    const check = checkArchive({ snapshot, today: chinaToday(new Date()), context: supervisionArchiveContext({ snapshot, supervised: false }) });
    const m = missingOf(check);
    if (!check.problem && (m.count ?? 0) > 0 && (snapshot.parties?.length ?? 0) > 0) out.push({ id: item.id, snapshot, missing: m.count! });
  }
  return out.sort((a, b) => b.missing - a.missing);
}

const used = new Set<string>();

async function pickCase(demoUrl: string) {
  const [c] = await closedCases(demoUrl, used);
  if (!c) throw new Error('no closed case with missing materials for the clerk');
  used.add(c.id);
  return c;
}

const SKINS = {
  classic: {
    tabs: ['basic', 'parties', 'changes', 'archive'], path: (id: string, tab: string) => `/classic/case/${id}/${tab}`, ready: '#caseNo',
    list: '/classic/cases?size=500&scope=mine', rows: '#caseList tr.grid-row',
    caseNoText: (no: string) => no.replace(/\(/g, '（').replace(/\)/g, '）'),
  },
  modern: {
    tabs: ['basic', 'parties', 'changes', 'archive'], path: (id: string, tab: string) => `/app/cases/${id}/${tab}`, ready: '#app.is-ready.route-case',
    list: '/app/cases?size=500&scope=mine', rows: '#caseGrid .grid-row',
    caseNoText: (no: string) => no.replace(/（/g, '(').replace(/）/g, ')'),
  },
} as const;

/** Opens every tab the check depends on (parties, 审限变更, 电子卷宗), so the store holds what the API holds. */
async function openArchiveTab(page: Page, demoUrl: string, skin: keyof typeof SKINS, id: string): Promise<Locator> {
  const s = SKINS[skin];
  await page.goto(login(demoUrl, CLERK, s.path(id, 'basic')));
  for (const tab of s.tabs) {
    await page.goto(`${demoUrl}${s.path(id, tab)}`);
    await expect(page.locator(s.ready)).toBeVisible();
    // each tab is read and ingested before moving on (the case panel appears once the background answered)
    await expect(page.locator('[data-zx-host="case-panel"] [data-zx-panel="deadline"]')).toBeVisible();
  }
  const panel = page.locator('[data-zx-host="archive-checklist"] [data-zx-panel="archive"]');
  await expect(panel).toHaveAttribute('data-zx-state', 'checked');
  return panel;
}

for (const skin of ['classic', 'modern'] as const) {
  test(`归档 ${skin}: the checklist on a closed case's 电子卷宗 tab shows what checkArchive finds in the API snapshot`, async ({ context, demoUrl }) => {
    const { id, snapshot } = await pickCase(demoUrl);
    const page = await context.newPage();
    const panel = await openArchiveTab(page, demoUrl, skin, id);
    // A fresh browser: nobody marked the case 四类 and nobody signed off, so only the snapshot decides.
    const archiveContext = supervisionArchiveContext({ snapshot, supervised: false });
    const expected = checkArchive({ snapshot, today: chinaToday(new Date()), context: archiveContext });

    await expect(panel).toContainText('立卷归档核对');
    // 正卷 and 副卷 apart
    await expect(panel.locator('[data-zx="archive-volume"][data-volume="main"]')).toBeVisible();
    await expect(panel.locator('[data-zx="archive-volume"][data-volume="sub"]')).toBeVisible();
    // every item in the state checkArchive gives it
    const states = await panel.locator('tr[data-item]').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-item'), r.getAttribute('data-state')]));
    expect(states).toEqual(expected.items.map((i) => [i.id, i.state]));
    const missingIds = expected.items.filter((i) => i.state === 'missing').map((i) => i.id);
    expect(missingIds.length + expected.serviceProof.filter((p) => p.state === 'missing').length).toBeGreaterThan(0);
    // 送达回证 per party
    const proofs = await panel.locator('[data-zx="archive-service"] tr[data-party]').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-party'), r.getAttribute('data-state')]));
    expect(proofs).toEqual(expected.serviceProof.map((p) => [p.party, p.state]));
    // the summary count, and the unmatched titles
    await expect(panel.locator('[data-zx="archive-summary"]')).toHaveAttribute('data-missing-count', String(missingOf(expected).count));
    for (const t of expected.unmatched) await expect(panel.locator('[data-zx="archive-unmatched"]')).toContainText(t);
    // countdown from 结案
    await expect(panel.locator('[data-zx="archive-countdown"]')).toHaveAttribute('data-countdown', expected.countdown.state);
    await expect(panel.locator('[data-zx="archive-countdown"]')).toContainText(`已 ${expected.countdown.daysSinceClosed} 天`);

    // the case list: the row's 审限 badge keeps its text and gains the archive tag with the missing count
    await page.goto(`${demoUrl}${SKINS[skin].list}`);
    const row = page.locator(SKINS[skin].rows).filter({ has: page.locator(`a:text-is("${SKINS[skin].caseNoText(snapshot.caseNo)}")`) });
    await expect(row.locator('[data-zx-host="row-badge"] .zx-badge')).toHaveText(/审限内结案|超审限结案|无法定审限/);
    await expect(row.locator('[data-zx-host="row-badge"]')).toContainText(`归档·结案${expected.countdown.daysSinceClosed}天·缺${missingOf(expected).count}项`);
  });

  test(`归档 ${skin}: a clerk flag reaches the host and is shown after reload`, async ({ context, demoUrl, extensionId }) => {
    const { id, snapshot } = await pickCase(demoUrl);
    const page = await context.newPage();
    const panel = await openArchiveTab(page, demoUrl, skin, id);
    // A fresh browser: nobody marked the case 四类 and nobody signed off, so only the snapshot decides.
    const archiveContext = supervisionArchiveContext({ snapshot, supervised: false });
    const expected = checkArchive({ snapshot, today: chinaToday(new Date()), context: archiveContext });
    const target = expected.items.find((i) => i.state === 'missing') ?? expected.items[0];
    const row = panel.locator(`tr[data-item="${target.id}"]`);
    await row.locator('[data-zx="flag-open"]').click();
    await row.locator('label', { hasText: '待补扫' }).locator('input').check();
    await row.locator('[data-zx="flag-reason"]').fill('纸质卷已有，电子卷宗待补扫');
    await row.locator('[data-zx="flag-by"]').fill('许诺');
    await row.locator('[data-zx="flag-submit"]').click();
    await expect(row.locator('[data-zx="flag-current"]')).toHaveAttribute('data-flag', '待补扫');

    // the host has it (written back through the profile's flag endpoint)
    await expect.poll(async () => (await api<{ items: Array<{ item: string; flag: string; reason: string }> }>(demoUrl, `/api/cases/${id}/flags`)).items
      .map((f) => `${f.item}|${f.flag}|${f.reason}`), { timeout: 20_000 })
      .toContain(`${target.name}|待补扫|纸质卷已有，电子卷宗待补扫`);

    await page.reload();
    const again = page.locator('[data-zx-host="archive-checklist"] [data-zx-panel="archive"]');
    await expect(again).toHaveAttribute('data-zx-state', 'checked');
    const cur = again.locator(`tr[data-item="${target.id}"] [data-zx="flag-current"]`);
    await expect(cur).toHaveAttribute('data-flag', '待补扫');
    await expect(cur).toHaveAttribute('data-sync', 'synced');
    await expect(again.locator('[data-zx="archive-flag-log"]')).toContainText('纸质卷已有，电子卷宗待补扫');

    // the clerk ledger in the popup lists the case with its days since 结案 and missing count
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    const entry = popup.locator(`[data-group="archive-ledger"] li[data-case-no="${SKINS[skin].caseNoText(snapshot.caseNo)}"]`);
    await expect(entry).toHaveAttribute('data-missing', String(missingOf(expected).count));
    await expect(entry).toContainText(`结案 ${expected.countdown.daysSinceClosed} 天`);
  });
}
