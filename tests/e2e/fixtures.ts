// Playwright fixtures: a persistent Chromium context with the built extension loaded, its id, and the demo URL.
import { test as base, chromium, type BrowserContext, type Worker } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const EXTENSION_DIR = resolve('.output/chrome-mv3');

/** Headless Chromium as the tests and benchmarks run it, in Chinese (court desktops run Chinese browsers). */
export const BROWSER_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Court desktops run Chinese browsers; the extension's UI language follows the browser's.
  '--lang=zh-CN',
];

export function chromiumArgs(extensionDir = EXTENSION_DIR): string[] {
  return [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, ...BROWSER_ARGS];
}

/** A persistent context with the built extension (or, with `extension: false`, the same browser without it). */
export async function launchWithExtension(userDataDir: string, { extension = true }: { extension?: boolean } = {}): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: extension ? chromiumArgs() : BROWSER_ARGS,
    viewport: { width: 1400, height: 900 },
    locale: 'zh-CN',
    // On Linux, Chromium's UI locale (and so chrome.i18n) comes from the environment, not --lang.
    env: { ...process.env, LANGUAGE: 'zh_CN', LANG: 'zh_CN.UTF-8' },
  });
}

export async function serviceWorkerOf(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

type Fixtures = {
  userDataDir: string;
  context: BrowserContext;
  extensionId: string;
  demoUrl: string;
};

export const test = base.extend<Fixtures>({
  userDataDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'zx-e2e-profile-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  context: async ({ userDataDir }, use) => {
    const context = await launchWithExtension(userDataDir);
    await use(context);
    await context.close();
  },
  extensionId: async ({ context }, use) => {
    const sw = await serviceWorkerOf(context);
    await use(new URL(sw.url()).host);
  },
  demoUrl: async ({}, use) => {
    const url = process.env.DEMO_URL;
    if (!url) throw new Error('DEMO_URL is not set: the global setup did not start the demo court system');
    await use(url);
  },
});

export const expect = test.expect;
