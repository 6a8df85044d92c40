// 审限 on screen: the panel (due date, days left, timeline, warnings, what-if), bad data, the popup and the
// toolbar badge — in both skins. Expected values are computed here, independently of the extension, with the
// domain core on the demo API's own snapshot of each case (GET /api/cases/:id returns CaseSnapshot fields).
import type { Page } from '@playwright/test';
import { test, expect, serviceWorkerOf } from './fixtures';
import type { CaseEvent, CaseSnapshot } from '../../utils/domain/case';
import { chinaToday } from '../../utils/domain/dates';
import { POPUP_GROUP_ROWS } from '../../components/popup/limits';
import { evaluateCase, whatIf, type CaseEvaluation } from '../../utils/domain/evaluate';

const ADMIN = { 'X-Demo-User': 'u501' }; // 审管办: may read every case
const BROKEN_CASE_ID = 'c900001'; // tests/host/seed.ts: a 扣除 record whose 结束日期 is before its 起始日期

type ApiCase = CaseSnapshot & { id: string; procedureLabel: string };
type ListItem = { id: string; caseNo: string; cause: string; category: CaseSnapshot['category']; procedure: CaseSnapshot['procedure'];
  filedOn: string; judge: string; division: string; status: CaseSnapshot['status']; closedOn?: string };

const login = (demoUrl: string, user: string, next: string) => `${demoUrl}/login?user=${user}&next=${encodeURIComponent(next)}`;
const today = () => chinaToday(new Date());

async function api<T>(demoUrl: string, path: string, headers: Record<string, string> = ADMIN): Promise<T> {
  const r = await fetch(`${demoUrl}${path}`, { headers });
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
  return (await r.json()) as T;
}

async function listAll(demoUrl: string, headers: Record<string, string>, scope: 'all' | 'mine'): Promise<ListItem[]> {
  const out: ListItem[] = [];
  for (let page = 1; ; page++) {
    const r = await api<{ total: number; items: ListItem[] }>(demoUrl, `/api/cases?scope=${scope}&size=500&page=${page}`, headers);
    out.push(...r.items);
    if (out.length >= r.total || r.items.length === 0) return out;
  }
}

/** Pending cases picked by predicate from the seeded court, each with its independent evaluation. */
async function pickCases<K extends string>(demoUrl: string, wants: Record<K, (c: ApiCase, ev: CaseEvaluation) => boolean>) {
  const found: Partial<Record<K, { c: ApiCase; ev: CaseEvaluation }>> = {};
  const keys = Object.keys(wants) as K[];
  const pending = (await listAll(demoUrl, ADMIN, 'all')).filter((i) => i.status === 'pending' && i.id !== BROKEN_CASE_ID);
  for (const item of pending) {
    if (keys.every((k) => found[k])) break;
    const c = await api<ApiCase>(demoUrl, `/api/cases/${item.id}`);
    const ev = evaluateCase(c, today());
    if (!ev.deadline) continue;
    for (const k of keys) if (!found[k] && wants[k](c, ev)) found[k] = { c, ev };
  }
  for (const k of keys) if (!found[k]) throw new Error(`the seed has no pending case for "${k}"`);
  return found as Record<K, { c: ApiCase; ev: CaseEvaluation }>;
}

const has = (c: CaseSnapshot, pred: (e: CaseEvent) => boolean) => (c.events ?? []).some(pred);

// ── the two skins ──

interface Skin {
  name: 'classic' | 'modern';
  detail(id: string, tab: 'basic' | 'changes'): string;
  list(size: number): string;
  /** waits until the host page has rendered */
  ready(page: Page): Promise<void>;
  openChangesTab(page: Page): Promise<void>;
  /** The host's own 审限变更 records: kind and the date the record is dated by. */
  hostRecords(page: Page): Promise<Array<{ kind: string; date: string }>>;
}

const isoOf = (s: string) => s.trim().replace(/^(\d{4})年(\d{2})月(\d{2})日$/, '$1-$2-$3');

const SKINS: Skin[] = [
  {
    name: 'classic',
    detail: (id, tab) => `/classic/case/${id}/${tab}`,
    list: (size) => `/classic/cases?size=${size}`,
    ready: async (page) => { await expect(page.locator('#caseNo')).toBeVisible(); },
    openChangesTab: async (page) => {
      // The 审限 panel sits above the tab bar and may still grow as the page's ingest answers: a click aimed while
      // the bar moves can miss it, so it is retried (the tab must open within the time either way).
      await expect(async () => {
        await page.locator('table.tabbar a', { hasText: '审限变更' }).click();
        await expect(page.locator('td.tab.cur a[href$="/changes"]')).toBeVisible({ timeout: 2_000 });
      }).toPass({ timeout: 10_000 });
    },
    hostRecords: async (page) => {
      const rows = async (table: string) =>
        page.locator(`#${table} tr.grid-row`).evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '')));
      const out: Array<{ kind: string; date: string }> = [];
      for (const r of await rows('extList')) out.push({ kind: 'extension', date: isoOf(r[2]) });
      for (const r of await rows('deductList')) out.push({ kind: r[1].trim() === '扣除' ? 'deduction' : 'suspension', date: isoOf(r[3]) });
      for (const r of await rows('convertList')) out.push({ kind: 'conversion', date: isoOf(r[1]) });
      for (const r of await rows('restartList')) out.push({ kind: 'restart', date: isoOf(r[1]) });
      for (const r of await rows('hearingList')) out.push({ kind: 'hearing', date: isoOf(r[1]) });
      return out;
    },
  },
  {
    name: 'modern',
    detail: (id, tab) => `/app/cases/${id}/${tab}`,
    list: (size) => `/app/cases?size=${size}`,
    ready: async (page) => { await expect(page.locator('#app.is-ready')).toBeVisible(); },
    openChangesTab: async (page) => {
      await page.locator('.tabs a.tab', { hasText: '审限变更' }).click();
      await expect(page.locator('.tabs a.tab.active[href$="/changes"]')).toBeVisible();
      await expect(page.locator('#app.is-ready.route-case')).toBeVisible();
    },
    hostRecords: async (page) =>
      page.locator('.change-list .change-item').evaluateAll((items) => {
        const DATE_LABEL: Record<string, string> = { extension: '批准日期', deduction: '起始日期', suspension: '起始日期', conversion: '转换日期', restart: '日期', hearing: '开庭日期' };
        return items.map((el) => {
          const kind = (Array.from(el.classList).find((c) => c.startsWith('change-') && c !== 'change-item') ?? '').slice('change-'.length);
          const field = Array.from(el.querySelectorAll('.field')).find((f) => f.querySelector('.label')?.textContent?.trim() === DATE_LABEL[kind]);
          return { kind, date: field?.querySelector('.value')?.textContent?.trim() ?? '' };
        });
      }),
  },
];

const panelOf = (page: Page) => page.locator('[data-zx-host="case-panel"] [data-zx-panel="deadline"]');

/** Opens the case's 基本信息 (so the cache learns 立案日期 and 程序), then its 审限变更 tab. */
async function openCase(page: Page, skin: Skin, demoUrl: string, id: string) {
  await page.goto(login(demoUrl, 'u501', skin.detail(id, 'basic')));
  await skin.ready(page);
  // Generous: a fresh profile's background may still be busy with its first-use work (e.g. the 类案 corpus).
  try {
    await expect(panelOf(page)).toBeVisible({ timeout: 30_000 });
  } catch (err) {
    // Say what the overlay itself reported (status chip) when the panel never came.
    const chip = await page.locator('[data-zx-host="status-chip"]').evaluateAll((hs) => hs.map((h) => h.shadowRoot?.textContent ?? '').join(' | '));
    throw new Error(`no 审限 panel on ${page.url()}; status chip: ${chip || '(none)'}\n${(err as Error).message}`);
  }
  await skin.openChangesTab(page);
}

async function expectPanelMatches(page: Page, skin: Skin, c: ApiCase, ev: CaseEvaluation) {
  const panel = panelOf(page);
  const d = ev.deadline!;
  await expect(panel.locator('[data-zx="due-on"]'), `${c.caseNo} 审限届满日`).toHaveText(d.dueOn ?? '无法定审限');
  await expect(panel.locator('[data-zx="days-left"]'), `${c.caseNo} 剩余天数`).toHaveText(String(d.daysLeft ?? '—'));
  await expect(panel.locator('[data-zx="deadline-summary"]')).toContainText('审限届满日');
  await expect(panel.locator('[data-zx="deadline-summary"]')).toContainText('剩余天数');
  await expect(panel.locator('[data-zx="explanation"]')).toHaveText(ev.explanation);

  // Timeline: every record on the host's 审限变更 tab, with its date, and nothing invented.
  const host = await skin.hostRecords(page);
  expect(host.length, 'the host shows the seeded records').toBe((c.events ?? []).length);
  const timeline = await panel.locator('[data-zx="timeline"] tr').evaluateAll((trs) =>
    trs.map((tr) => ({ kind: tr.getAttribute('data-kind') ?? '', date: tr.querySelector('td')?.textContent?.trim() ?? '' })));
  const fromRecords = timeline.filter((e) => !['filed', 'due', 'closed'].includes(e.kind));
  const key = (e: { kind: string; date: string }) => `${e.kind}@${e.date}`;
  expect(fromRecords.map(key).sort()).toEqual(host.map(key).sort());
  expect(timeline.find((e) => e.kind === 'filed')?.date).toBe(c.filedOn);
  if (d.dueOn) expect(timeline.find((e) => e.kind === 'due')?.date).toBe(d.dueOn);

  // Warnings: each one with its reason and 依据.
  for (const w of ev.warnings) {
    const el = panel.locator(`[data-zx-warning="${w.code}"]`).filter({ hasText: w.reason });
    await expect(el, `${c.caseNo} warning ${w.code}`).toHaveCount(1);
    await expect(el).toContainText(w.title);
    if (w.basis.length) await expect(el.locator('.zx-basis')).toHaveText(`依据：${w.basis.join('；')}`);
  }
  await expect(panel.locator('[data-zx-warning]')).toHaveCount(ev.warnings.length);
}

for (const skin of SKINS) {
  test(`审限 panel (${skin.name}): due date, days left, timeline and warnings match the host's 审限变更 records`, async ({ context, demoUrl }) => {
    test.setTimeout(120_000);
    const picks = await pickCases(demoUrl, {
      // an extension, with at least one warning that names its basis
      extension: (c, ev) => has(c, (e) => e.kind === 'extension') && ev.warnings.some((w) => w.basis.length > 0),
      openDeduction: (c, ev) => has(c, (e) => e.kind === 'deduction' && !e.to) && !!ev.deadline?.flags.includes('open-deduction'),
      conversion: (c) => has(c, (e) => e.kind === 'conversion'),
    });
    const page = await context.newPage();
    for (const [what, { c, ev }] of Object.entries(picks)) {
      await test.step(`${what}: ${c.caseNo}`, async () => {
        await openCase(page, skin, demoUrl, c.id);
        await expectPanelMatches(page, skin, c, ev);
        if (what === 'openDeduction') await expect(panelOf(page)).toContainText('扣除未结束，倒计时暂停');
        if (what === 'conversion') {
          const conv = c.events!.find((e): e is Extract<CaseEvent, { kind: 'conversion' }> => e.kind === 'conversion')!;
          await expect(panelOf(page).locator(`[data-zx="timeline"] tr[data-kind="conversion"]`).first()).toContainText(conv.on);
          await expect(panelOf(page).locator('[data-zx="explanation"]')).toContainText(`${conv.on} 转换程序`);
        }
      });
    }
  });
}

test('审限 what-if (modern): one more month shows the new due date, and nothing is saved', async ({ context, demoUrl }) => {
  const day = today();
  const { target } = await pickCases(demoUrl, {
    target: (c, ev) => c.category === 'civil' && c.procedure === 'ordinary' && !has(c, (e) => e.kind === 'extension')
      && !ev.deadline!.flags.includes('open-deduction') && ev.deadline!.dueOn !== null,
  });
  const { c, ev } = target;
  const hypo = whatIf(c, [{ kind: 'extension', on: day, months: 1 }], day);
  expect(hypo.deadline?.dueOn, 'the domain gives a later due date').toBeTruthy();
  expect(hypo.deadline!.dueOn! > ev.deadline!.dueOn!).toBe(true);

  const page = await context.newPage();
  await openCase(page, SKINS[1], demoUrl, c.id);
  const panel = panelOf(page);
  await expect(panel.locator('[data-zx="due-on"]')).toHaveText(ev.deadline!.dueOn!);
  const form = panel.locator('[data-zx="what-if"]');
  await form.locator('select').selectOption('extension');
  await form.locator('input[type="number"]').fill('1');
  await form.getByRole('button', { name: '测算' }).click();
  const result = panel.locator('[data-zx="what-if-result"]');
  await expect(result).toContainText(`假设后审限届满日：${hypo.deadline!.dueOn}`);
  await expect(result).toContainText(`剩余 ${hypo.deadline!.daysLeft} 天`);
  await expect(result).toContainText('未保存任何数据');
  // The panel itself still shows the real due date.
  await expect(panel.locator('[data-zx="due-on"]')).toHaveText(ev.deadline!.dueOn!);

  await page.reload();
  await expect(page.locator('#app.is-ready.route-case')).toBeVisible();
  await expect(panelOf(page).locator('[data-zx="due-on"]')).toHaveText(ev.deadline!.dueOn!);
  await expect(panelOf(page).locator('[data-zx="what-if-result"]')).toHaveCount(0);
  await expect(panelOf(page).locator('[data-zx="timeline"] tr[data-kind="extension"]')).toHaveCount(0);
});

for (const skin of SKINS) {
  test(`审限 cannot be computed (${skin.name}): a deduction ending before it starts shows 无法计算 with the reason`, async ({ context, demoUrl }) => {
    const c = await api<ApiCase>(demoUrl, `/api/cases/${BROKEN_CASE_ID}`);
    const ev = evaluateCase(c, today());
    expect(ev.deadline).toBeNull();
    expect(ev.problems.join('；')).toContain('结束日期早于开始日期');

    const page = await context.newPage();
    await openCase(page, skin, demoUrl, BROKEN_CASE_ID);
    const panel = panelOf(page);
    const problems = panel.locator('[data-zx="problems"]');
    await expect(problems).toContainText('无法计算');
    for (const p of ev.problems) await expect(problems).toContainText(p);
    await expect(panel.locator('.zx-badge')).toHaveText('无法计算');
    await expect(panel.locator('[data-zx="due-on"]')).toHaveCount(0);
    // The badge's tooltip says why, too.
    await expect(panel.locator('.zx-badge')).toHaveAttribute('title', new RegExp(`无法计算：.*结束日期早于开始日期`));
  });
}

test('审限 popup groups my cases by level and 长期未结, links open the case; the toolbar badge counts overdue + urgent', async ({ context, demoUrl, extensionId }) => {
  const judge = { 'X-Demo-User': 'u104' }; // 周婷
  const mine = await listAll(demoUrl, judge, 'mine');
  expect(mine.length).toBeLessThanOrEqual(500);
  const day = today();
  // What a list row shows is all the cache knows about these cases: evaluate exactly that.
  const expected = mine.map((i) => {
    const snap: CaseSnapshot = { caseNo: i.caseNo, cause: i.cause, category: i.category, procedure: i.procedure, filedOn: i.filedOn,
      judge: i.judge, division: i.division, status: i.status, ...(i.closedOn ? { closedOn: i.closedOn } : {}) } as CaseSnapshot;
    return { item: i, ev: evaluateCase(snap, day) };
  }).filter((x) => x.item.status === 'pending');
  const byLevel = (level: string) => expected.filter((x) => x.ev.deadline?.level === level).map((x) => x.item.caseNo).sort();
  const longPending = expected.filter((x) => x.ev.longPending?.tierLabel).map((x) => x.item.caseNo).sort();
  const badgeCount = byLevel('overdue').length + byLevel('urgent').length;
  expect(badgeCount, 'the seed gives this judge cases to act on').toBeGreaterThan(0);

  const page = await context.newPage();
  await page.goto(login(demoUrl, 'u104', '/app/cases?size=500'));
  await expect(page.locator('#app.is-ready')).toBeVisible();
  await expect(page.locator('#caseGrid .grid-row')).toHaveCount(mine.length);
  await expect(page.locator('#caseGrid .grid-row [data-zx-host="row-badge"]')).toHaveCount(mine.length);
  // Exactly one badge per row, also after later scans (re-rendering updates in place).
  await page.waitForTimeout(500);
  await expect(page.locator('#caseGrid .grid-row .zx-badge')).toHaveCount(mine.length);

  // Toolbar badge (refreshed shortly after the ingest).
  const sw = await serviceWorkerOf(context);
  await expect.poll(() => sw.evaluate(() => (globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } })
    .chrome.action.getBadgeText({})), { timeout: 15_000 }).toBe(String(badgeCount));

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.locator('h1')).toContainText(`本机缓存 ${mine.length} 件`);
  const group = async (id: string) =>
    (await popup.locator(`section[data-group="${id}"] li[data-case-no]`).evaluateAll((lis) => lis.map((li) => li.getAttribute('data-case-no') ?? ''))).sort();
  for (const [id, label] of [['overdue', '已超审限'], ['urgent', '临近届满'], ['warning', '预警'], ['notice', '提示']] as const) {
    const shown = await group(id);
    // a group lists its first POPUP_GROUP_ROWS cases and counts the rest (components/popup/PopupApp.tsx)
    if (byLevel(id).length <= POPUP_GROUP_ROWS) expect(shown, `group ${id}`).toEqual(byLevel(id));
    else expect(shown.length === POPUP_GROUP_ROWS && shown.every((n) => byLevel(id).includes(n)), `group ${id}`).toBe(true);
    if (byLevel(id).length) await expect(popup.locator(`section[data-group="${id}"] h2`)).toHaveText(new RegExp(`^${label}.*（${byLevel(id).length}）$`));
  }
  if (longPending.length <= POPUP_GROUP_ROWS) expect(await group('long-pending'), 'group 长期未结').toEqual(longPending);
  expect(longPending.length).toBeGreaterThan(0);
  await expect(popup.locator('section[data-group="long-pending"] h2')).toContainText(`长期未结（${longPending.length}）`);
  // The first listed case (overdue when there is one): its pill says so, and its link opens the host's case page.
  const firstGroup = byLevel('overdue').length ? 'section[data-group="overdue"] ' : '';
  const first = popup.locator(`${firstGroup}li[data-case-no]`).first();
  const caseNo = (await first.getAttribute('data-case-no'))!;
  const item = mine.find((i) => i.caseNo === caseNo)!;
  if (firstGroup) await expect(first.locator('.pill').first()).toHaveText(/超期 \d+ 天/);
  const [opened] = await Promise.all([context.waitForEvent('page'), first.getByRole('link', { name: caseNo }).click()]);
  await opened.waitForLoadState();
  expect(new URL(opened.url()).pathname).toBe(`/app/cases/${item.id}/basic`);
  await expect(opened.locator('#app.is-ready.route-case .case-no')).toHaveText(caseNo);
  await expect(panelOf(opened)).toContainText(caseNo);
});
