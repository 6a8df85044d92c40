// The built bundles (our code and every dependency) use no API newer than Chromium 109, and the manifest says so.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { findNewerApis } from '../support/compat-rules';

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));

for (const target of ['chrome-mv3', 'firefox-mv2']) {
  test(`built ${target} bundle: no API newer than Chromium 109, strict CSP`, () => {
    const dir = `.output/${target}`;
    const scripts = files(dir).filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(2);
    const hits = scripts.flatMap((f) => findNewerApis(readFileSync(f, 'utf8')).map((r) => `${f}: ${r.what} (${r.since})`));
    expect(hits).toEqual([]);
    const manifest = JSON.parse(readFileSync(`${dir}/manifest.json`, 'utf8'));
    expect(manifest.minimum_chrome_version).toBe('109');
    const csp = JSON.stringify(manifest.content_security_policy);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|https?:/);
    expect(JSON.stringify(manifest)).not.toContain('<all_urls>');
  });
}
