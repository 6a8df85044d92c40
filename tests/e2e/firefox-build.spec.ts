// The Firefox build (.output/firefox-mv2, made by `npm run build`) loads: a smoke test that needs no browser.
// Firefox itself is not driven here (Playwright cannot drive stock Firefox ESR, and installing one in CI costs
// minutes), so instead: the manifest is checked against what Firefox 115 requires of an MV2 extension; the bundles
// are scanned for APIs Firefox 115 lacks; background.js runs in a Node VM with a strict Firefox-style `browser`
// (tests/support/fake-firefox.ts) and answers real messages through the onMessage listener it registered; and the
// content script runs in happy-dom on saved demo pages, talking to that background, and mounts its overlays.
// Runs in the e2e stage of `npm test` because that is where the build exists (vitest runs before the build).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { findNewerApis, NEWER_THAN_FIREFOX_115 } from '../support/compat-rules';
import { FIREFOX_DIR, loadBackground, loadContentScript, readManifest, until } from '../support/firefox-sandbox';

const built = existsSync(join(FIREFOX_DIR, 'manifest.json'));
test.skip(!built, `${FIREFOX_DIR} is missing: run \`npm run build\` (builds Chrome and Firefox) before this spec`);

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));
const exists = (rel: string) => existsSync(join(FIREFOX_DIR, rel.replace(/^\//, '')));

const FIXTURES = JSON.parse(readFileSync('tests/fixtures/manifest.json', 'utf8')) as {
  origin: string; pages: Array<{ skin: string; name: string; path: string }>;
};
function fixture(skin: string, name: string): { html: string; url: string } {
  const page = FIXTURES.pages.find((p) => p.skin === skin && p.name === name);
  if (!page) throw new Error(`no fixture ${skin}/${name}`);
  return { html: readFileSync(`tests/fixtures/${skin}/${name}.html`, 'utf8'), url: FIXTURES.origin + page.path };
}

test.describe('Firefox build (MV2)', () => {
  test('manifest: MV2 for Firefox ≥ 115, every file it names exists, least privilege, strict CSP, complete locales', () => {
    const m = readManifest();
    expect(m.manifest_version).toBe(2);
    expect(m.browser_specific_settings?.gecko?.id).toMatch(/^[^@\s]+@[^@\s]+$/);
    expect(m.browser_specific_settings?.gecko?.strict_min_version).toMatch(/^115(\.|$)/);
    // MV2 shape: background scripts (no service worker), browser_action, origins inside (optional_)permissions.
    expect(m.background?.service_worker).toBeUndefined();
    expect(m.background?.scripts?.length).toBeGreaterThan(0);
    for (const s of m.background.scripts) expect(exists(s), s).toBe(true);
    expect(m.action).toBeUndefined();
    expect(m.browser_action).toBeTruthy();
    expect(m.host_permissions).toBeUndefined();
    expect(m.optional_host_permissions).toBeUndefined();
    expect(m.optional_permissions).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*']));
    const perms: string[] = m.permissions;
    expect(perms).not.toContain('<all_urls>');
    expect(perms.filter((p) => p.includes('://'))).toEqual(['http://127.0.0.1/*', 'http://localhost/*']);
    expect(JSON.stringify(m)).not.toContain('<all_urls>');
    // MV2 CSP is one string; no remote code, no eval.
    expect(typeof m.content_security_policy).toBe('string');
    expect(m.content_security_policy).toContain("script-src 'self'");
    expect(m.content_security_policy).not.toMatch(/unsafe-eval|unsafe-inline|https?:/);
    // Content scripts, web-accessible resources, pages: every file exists.
    expect(m.content_scripts?.length).toBeGreaterThan(0);
    for (const cs of m.content_scripts) {
      for (const f of [...(cs.js ?? []), ...(cs.css ?? [])]) expect(exists(f), f).toBe(true);
      expect(cs.matches).not.toContain('<all_urls>');
    }
    for (const w of m.web_accessible_resources ?? []) {
      for (const r of typeof w === 'string' ? [w] : w.resources) if (!r.includes('*')) expect(exists(r), r).toBe(true);
    }
    for (const page of [m.browser_action.default_popup, m.options_ui?.page].filter(Boolean)) {
      expect(exists(page), page).toBe(true);
      const html = readFileSync(join(FIREFOX_DIR, page), 'utf8');
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/); // no inline script (the CSP would block it)
      for (const [, src] of html.matchAll(/(?:src|href)="(\/[^"]+\.(?:js|css))"/g)) expect(exists(src), `${page} → ${src}`).toBe(true);
    }
    // Locales: zh_CN (default) and en, every __MSG_x__ the manifest uses defined in both.
    expect(m.default_locale).toBe('zh_CN');
    const used = [...JSON.stringify(m).matchAll(/__MSG_([A-Za-z0-9_@]+)__/g)].map((x) => x[1]);
    expect(used).toEqual(expect.arrayContaining(['extName', 'extDescription']));
    for (const lang of ['zh_CN', 'en']) {
      const messages = JSON.parse(readFileSync(join(FIREFOX_DIR, '_locales', lang, 'messages.json'), 'utf8'));
      for (const name of used) expect(messages[name]?.message, `${lang}: ${name}`).toBeTruthy();
    }
  });

  test('bundles use no API that Firefox 115 lacks', () => {
    const scanned = files(FIREFOX_DIR).filter((f) => /\.(js|css|html)$/.test(f));
    expect(scanned.filter((f) => f.endsWith('.js')).length).toBeGreaterThan(2);
    const hits = scanned.flatMap((f) => findNewerApis(readFileSync(f, 'utf8'), NEWER_THAN_FIREFOX_115).map((r) => `${f}: ${r.what} (${r.since})`));
    expect(hits).toEqual([]);
    // The rule list itself catches what it should.
    expect(findNewerApis('x = Object.groupBy(list, f)', NEWER_THAN_FIREFOX_115).map((r) => r.what)).toEqual(['Object/Map.groupBy']);
    expect(findNewerApis('const s = [...list].sort()', NEWER_THAN_FIREFOX_115)).toEqual([]);
    expect(findNewerApis('typeof Intl.Segmenter=="function"?new Intl.Segmenter("zh"):null', NEWER_THAN_FIREFOX_115)).toEqual([]);
  });

  test('background.js evaluates under a Firefox-style browser, registers its listeners and answers messages', async () => {
    const bg = loadBackground();
    const { ff } = bg;
    expect(ff.background.runtime.onMessage.listeners).toHaveLength(1);
    expect(ff.background.alarms.onAlarm.listeners.length).toBeGreaterThanOrEqual(3);
    expect(ff.background.permissions.onAdded.listeners).toHaveLength(1);
    expect(ff.background.permissions.onRemoved.listeners).toHaveLength(1);
    expect(ff.background.runtime.onStartup.listeners.length).toBeGreaterThanOrEqual(2);
    expect(ff.background.runtime.onInstalled.listeners).toHaveLength(1);
    expect(ff.background.notifications.onClicked.listeners).toHaveLength(1);
    await until(() => ff.alarms.size >= 3, 'the alarms to be created');
    expect([...ff.alarms.keys()].sort()).toEqual(['zhixiao-daily-scan', 'zhixiao-notify-daily', 'zhixiao-outbox']);

    // A real message through the registered listener, as the popup sends it.
    expect(await bg.send({ type: 'ping' })).toEqual({ ok: true, data: { pong: true, version: readManifest().version } });
    // Another extension (or a page) is refused; a malformed message gets a reason, not a crash.
    const foreign = await bg.send({ type: 'ping' }, { id: 'someone-else@example.org' });
    expect(foreign.ok).toBe(false);
    expect(foreign.error).toContain('someone-else@example.org');
    const bad = await bg.send({ type: 'getProfiles', url: 42 });
    expect(bad.ok).toBe(false);
    expect(bad.error).toMatch(/^invalid getProfiles message/);
    // Through the store (Dexie on IndexedDB) and the profiles: the built-in demo profiles for a demo URL.
    const profiles = await bg.send({ type: 'getProfiles', url: 'http://127.0.0.1:5180/classic/cases' });
    expect(profiles.ok).toBe(true);
    expect(profiles.data.profiles.map((p: { id: string }) => p.id).sort()).toEqual(['demo-classic', 'demo-modern']);
    // The daily alarm runs the badge refresh through browserAction (MV2 has no `action`).
    for (const l of ff.background.alarms.onAlarm.listeners) l({ name: 'zhixiao-daily-scan', scheduledTime: Date.now() });
    await until(() => ff.calls.some((c) => c.api === 'browserAction.setBadgeText'), 'browserAction.setBadgeText');
    expect(bg.fetched).toEqual([]);
    expect(bg.problems).toEqual([]);
  });

  test('the content script runs on saved demo pages, ingests through the background and mounts its overlays', async () => {
    const bg = loadBackground();
    const list = fixture('classic', 'case-list');
    const page = loadContentScript(bg, list.html, list.url);
    try {
      const rows = page.document.querySelectorAll('#caseList tr.grid-row, table tr').length;
      expect(rows).toBeGreaterThan(5);
      await until(() => page.document.querySelectorAll('[data-zx-host="row-badge"]').length >= 20, '20 row badges');
      const badge = page.document.querySelector('[data-zx-host="row-badge"]');
      expect(badge.shadowRoot.querySelector('.zx-badge')).toBeTruthy();
      const chip = await until(() => page.document.querySelector('[data-zx-host="status-chip"]')?.shadowRoot?.textContent, 'the status chip');
      expect(chip).toContain('已识别');
      expect(chip).toContain('缓存 20 件');
      // The cases are in the background's store now.
      const status = await bg.send({ type: 'getCaseView', caseNo: '（2025）渝01民终56号' });
      expect(status.ok).toBe(true);
      expect(status.data.view?.caseNo).toBe('（2025）渝01民终56号');
      expect(page.pageErrors).toEqual([]);
    } finally {
      await page.close();
    }

    const detail = fixture('modern', 'detail-basic');
    const page2 = loadContentScript(bg, detail.html, detail.url);
    try {
      await until(() => page2.document.querySelector('[data-zx-host="case-panel"]')?.shadowRoot?.textContent, 'the 审限 panel');
      expect(page2.document.querySelector('[data-zx-host="case-panel"]').shadowRoot.textContent).toContain('审限');
      expect(page2.pageErrors).toEqual([]);
    } finally {
      await page2.close();
    }
    expect(bg.fetched.filter((u) => !u.startsWith(FIXTURES.origin))).toEqual([]);
    expect(bg.problems).toEqual([]);
  });
});
