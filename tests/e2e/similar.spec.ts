// 类案检索 over the demo court system: the panel on the case page, the demo corpus imported on first use,
// needsMoreFacts for a one-word query, results by tier, a 参照 mark, and the 类案检索报告 as .docx and HTML.
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { test, expect } from './fixtures';

const login = (demoUrl: string, user: string, next: string) => `${demoUrl}/login?user=${user}&next=${encodeURIComponent(next)}`;
const FACTS = '原告通过银行转账向被告交付借款，未签订书面借款合同，被告辩称该款项系合伙投资款而非借款，双方对款项性质发生争议。';

test('类案: panel → one-word query asks for facts → results by tier → mark → report .docx and HTML (modern skin)', async ({ context, demoUrl }) => {
  const page = await context.newPage();
  await page.goto(login(demoUrl, 'u111', '/app/cases')); // 张伟, 民二庭: loans and contracts
  await expect(page.locator('#app.is-ready')).toBeVisible();
  const rows = page.locator('#caseGrid .grid-row');
  await expect(rows.first()).toBeVisible();
  // a civil case whose 案由 the demo corpus covers
  const loanRow = rows.filter({ hasText: '民间借贷纠纷' }).first();
  const target = (await loanRow.count()) ? loanRow : rows.first();
  const caseNo = (await target.locator('.col-caseNo a').textContent())!.trim();
  await target.locator('.col-caseNo a').click();
  await expect(page.locator('#app.route-case.is-ready')).toBeVisible();

  const panel = page.locator('[data-zx-host="similar-panel"] [data-zx-panel="similar"]');
  await expect(panel.locator('[data-zx="similar-toggle"]')).toBeVisible({ timeout: 30_000 });
  if (!(await panel.locator('[data-zx="similar-body"]').count())) await panel.locator('[data-zx="similar-toggle"]').click();
  // the demo corpus was imported by the background on first use
  await expect(panel.locator('[data-zx="similar-corpus"]')).toContainText(/本地案例库 \d{3} 件/);

  // one word → needsMoreFacts, no results
  await panel.locator('[data-zx="similar-text"]').fill('借款');
  await panel.locator('[data-zx="similar-search"]').click();
  await expect(panel.locator('[data-zx="needs-more-facts"]')).toContainText('请补充案件事实');
  await expect(panel.locator('[data-zx="similar-results"]')).toHaveCount(0);

  // facts → results grouped by tier, each with 案号, court, date, tier and why it matched
  await panel.locator('[data-zx="similar-text"]').fill(FACTS);
  await panel.locator('[data-zx="similar-cause"]').fill('民间借贷纠纷');
  await panel.locator('[data-zx="similar-search"]').click();
  const results = panel.locator('[data-zx="similar-results"]');
  await expect(results).toBeVisible();
  await expect(panel.locator('[data-zx="needs-more-facts"]')).toHaveCount(0);
  await expect(results.locator('[data-zx-tier]')).toHaveCount(4);
  const hits = results.locator('[data-zx-hit]');
  expect(await hits.count()).toBeGreaterThan(3);
  const first = hits.first();
  await expect(first.locator('[data-zx="hit-caseno"]')).toHaveText(/^\(\d{4}\)/);
  await expect(first.locator('[data-zx="hit-reasons"]')).toContainText('民间借贷纠纷');
  await expect(results).toContainText('早于近3年'); // the window is marked (the corpus spans 7 years)

  // mark 参照, kept across a reload (stored in the extension, per case)
  const hitId = await first.getAttribute('data-zx-hit');
  const hitCaseNo = (await first.locator('[data-zx="hit-caseno"]').textContent())!.trim();
  await first.locator('[data-zx-mark-btn="参照"]').click();
  await expect(results.locator(`[data-zx-hit="${hitId}"]`)).toHaveAttribute('data-zx-mark', '参照');

  // 类案检索报告
  const report = panel.locator('[data-zx="similar-report"]');
  await report.locator('[data-zx="report-name"]').fill('张伟');
  await report.locator('[data-zx="report-issues"]').fill('借贷关系是否成立\n款项性质的认定');
  await report.locator('[data-zx="report-save"]').click();
  await expect(report.locator('[data-zx="report-summary"]')).toContainText('类案 1 件，参照 1 件');

  const [docx] = await Promise.all([page.waitForEvent('download'), report.locator('[data-zx="report-docx"]').click()]);
  // The file is named 类案检索报告-<案号>.docx (unit-tested); headless Chromium on a Linux box without a UTF-8 locale
  // reports non-ASCII download names as "download", so the name is not asserted here — the content is.
  const files = unzipSync(new Uint8Array(readFileSync((await docx.path())!)));
  expect(Object.keys(files)).toEqual(expect.arrayContaining(['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml']));
  const xml = strFromU8(files['word/document.xml']);
  expect(xml).toContain(caseNo);
  expect(xml).toContain(hitCaseNo);
  expect(xml).toContain('张伟（承办法官）');
  expect(xml).toContain('款项性质的认定');
  expect(strFromU8(files['word/styles.xml'])).toContain('w:eastAsia="宋体"');

  const [html] = await Promise.all([page.waitForEvent('download'), report.locator('[data-zx="report-html"]').click()]);
  const htmlText = readFileSync((await html.path())!, 'utf8');
  expect(htmlText).toContain('<h1>类案检索报告</h1>');
  expect(htmlText).toContain(caseNo);

  // saved with the case: after a reload the report and the mark are still there
  await page.reload();
  await expect(page.locator('#app.route-case.is-ready')).toBeVisible();
  await expect(panel.locator('[data-zx="similar-toggle"]')).toBeVisible({ timeout: 30_000 });
  await expect(panel).toContainText('已生成报告');
  if (!(await panel.locator('[data-zx="similar-body"]').count())) await panel.locator('[data-zx="similar-toggle"]').click();
  await expect(panel.locator(`[data-zx-hit="${hitId}"]`)).toHaveAttribute('data-zx-mark', '参照');
});

test('类案: a 四类 case prompts that retrieval is mandatory (classic skin, 当事人 tab)', async ({ context, demoUrl }) => {
  // find a case the demo marks as 四类 (signals such as 发回重审 / 涉黑涉恶, or 10+ parties) through its JSON API
  const api = await context.request.get(`${demoUrl}/api/cases?scope=all&size=500`, { headers: { 'X-Demo-User': 'u501' } });
  const items = (await api.json()).items as Array<{ id: string; caseNo: string; parties: unknown[]; status: string }>;
  const big = items.find((c) => c.parties.length >= 10);
  test.skip(!big, 'no case with 10+ parties in this demo seed');
  const page = await context.newPage();
  // the 当事人 tab: the party count is what the 四类 trigger reads
  await page.goto(login(demoUrl, 'u501', `/classic/case/${big!.id}/parties`));
  const panel = page.locator('[data-zx-host="similar-panel"] [data-zx-panel="similar"]');
  await expect(panel.locator('[data-zx="similar-mandatory"]').first()).toContainText('应当进行类案检索', { timeout: 30_000 });
  await expect(panel.locator('[data-zx="similar-mandatory"]').first()).toContainText(/当事人共 \d+ 人/);
  await expect(panel.locator('[data-zx="similar-mandatory-tag"]')).toHaveText('应当检索');
  // host CSS untouched; exactly one panel after further scans
  await page.waitForTimeout(500);
  await expect(page.locator('[data-zx-host="similar-panel"]')).toHaveCount(1);
});
