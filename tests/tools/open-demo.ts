// Starts the demo court system and opens Chromium with the built extension on it (used by `npm start`).
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { startServer } from '../host/server';
import { chromiumArgs, EXTENSION_DIR } from '../e2e/fixtures';

const headed = process.argv.includes('--headed');
const port = Number(process.env.PORT ?? 5180);
const dataDir = resolve(process.env.DATA_DIR ?? '.tmp/demo-court');

const server = await startServer({ port, dataDir });
console.log(`\n审判系统（演示）/ Demo court system: ${server.url}`);
console.log(`  经典版 classic skin: ${server.url}/classic/`);
console.log(`  新版 modern skin:  ${server.url}/app/`);

mkdirSync('.tmp', { recursive: true });
const context = await chromium.launchPersistentContext(resolve('.tmp/chromium-profile'), {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: !headed,
  args: chromiumArgs(EXTENSION_DIR),
  viewport: headed ? null : { width: 1400, height: 900 },
  locale: 'zh-CN',
  env: { ...process.env, LANGUAGE: 'zh_CN', LANG: 'zh_CN.UTF-8' },
});
const page = context.pages()[0] ?? (await context.newPage());
await page.goto(`${server.url}/`);

if (!headed) {
  // No display: show that it works by logging in as a judge and saving a screenshot of the overlay.
  try {
    await loginAsFirstJudge(page, server.url);
    await page.waitForSelector('[data-zx-host]', { timeout: 15_000 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: '.tmp/overlay.png', fullPage: false });
    console.log(`  Screenshot of the overlay: ${resolve('.tmp/overlay.png')}`);
  } catch (err) {
    console.log(`  Could not capture the overlay screenshot: ${(err as Error).message}`);
  }
}
console.log('\nPress Ctrl+C to stop.');

const shutdown = async () => {
  await context.close().catch(() => {});
  await server.close();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
context.on('close', () => void shutdown());

async function loginAsFirstJudge(p: typeof page, base: string) {
  await p.goto(`${base}/app/`);
  // The demo login page lists users; pick the first 法官.
  const judge = p.getByRole('link', { name: /法官/ }).or(p.getByRole('button', { name: /法官/ })).first();
  if (await judge.count()) await judge.click();
  await p.waitForLoadState('networkidle');
}
