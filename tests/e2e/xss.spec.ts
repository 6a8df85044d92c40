// Host-derived strings are rendered as text only: a markup payload in every free-text field of a case (案由,
// 承办人, 当事人, 案件标识, 扣除事由, 电子卷宗 titles) executes nothing in either skin, and our shadow roots hold it as
// text, never as elements.
import type { Frame, Page } from '@playwright/test';
import { test, expect } from './fixtures';

const PAYLOAD = '<img src=x onerror="window.__pwned=(window.__pwned||0)+1"><script>window.__pwned=(window.__pwned||0)+1</script>';

async function overlayState(target: Page | Frame) {
  return target.evaluate(() => {
    const hosts = Array.from(document.querySelectorAll('[data-zx-host]'));
    return {
      pwned: (window as unknown as { __pwned?: number }).__pwned ?? 0,
      hosts: hosts.length,
      elements: hosts.reduce((n, h) => n + (h.shadowRoot?.querySelectorAll('img, script, iframe, object').length ?? 0), 0),
      text: hosts.map((h) => h.shadowRoot?.textContent ?? '').join('\n'),
    };
  });
}

test('XSS: a markup payload in every host field executes nothing and shows as text (both skins)', async ({ context, demoUrl }) => {
  const api = context.request;
  const list = (await (await api.get(`${demoUrl}/api/cases?scope=all&size=500`, { headers: { 'x-demo-user': 'u501' } })).json()) as {
    items: Array<{ id: string; status: string; category: string }>;
  };
  const target = list.items.find((c) => c.category === 'civil' && c.status !== 'pending') ?? list.items[0];
  const injected = await api.post(`${demoUrl}/api/_test/inject`, { data: { caseId: target.id, payload: PAYLOAD } });
  expect(injected.status()).toBe(200);

  const page = await context.newPage();
  page.on('dialog', (d) => void d.dismiss());
  await page.goto(`${demoUrl}/login?user=u501&next=${encodeURIComponent(`/app/cases/${target.id}/basic`)}`);
  let sawPayloadAsText = false;
  for (const tab of ['basic', 'parties', 'changes', 'documents', 'archive']) {
    await page.goto(`${demoUrl}/app/cases/${target.id}/${tab}`);
    await expect(page.locator('#app.route-case.is-ready')).toBeVisible();
    await expect(page.locator('[data-zx-host="status-chip"]')).toBeAttached();
    await page.waitForTimeout(600); // let the overlay finish its scan
    const s = await overlayState(page);
    expect(s.pwned, `modern ${tab}`).toBe(0);
    expect(s.elements, `modern ${tab}`).toBe(0);
    sawPayloadAsText ||= s.text.includes('<img src=x');
  }
  for (const tab of ['basic', 'parties', 'changes', 'docs', 'archive']) {
    await page.goto(`${demoUrl}/classic/case/${target.id}/${tab}`);
    await expect(page.locator('[data-zx-host="status-chip"]')).toBeAttached();
    await page.waitForTimeout(600);
    const s = await overlayState(page);
    expect(s.pwned, `classic ${tab}`).toBe(0);
    expect(s.elements, `classic ${tab}`).toBe(0);
    sawPayloadAsText ||= s.text.includes('<img src=x');
  }
  // The payload reached our overlays (e.g. the 电子卷宗 titles in the checklist) — as text.
  expect(sawPayloadAsText).toBe(true);
});
