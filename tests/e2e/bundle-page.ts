// Modules of this repository bundled into a plain Chromium page (global `ZX`), to run the store against real
// IndexedDB without the extension: the migration e2e test and the store benchmarks.
import type { Browser, Page } from '@playwright/test';
import { build } from 'esbuild';
import { resolve } from 'node:path';

/** `exports`: lines like "export { openDb } from './utils/store/index';" (paths from the repository root). */
export async function bundleForPage(exports: string[]): Promise<string> {
  const out = await build({
    stdin: { contents: exports.join('\n'), resolveDir: resolve('.'), loader: 'ts' },
    bundle: true,
    format: 'iife',
    globalName: 'ZX',
    write: false,
    target: 'es2022',
    logLevel: 'silent',
  });
  return out.outputFiles[0].text;
}

/** A blank page on a made-up origin (its own IndexedDB), served by the test itself, with the bundle loaded. */
export async function openBundlePage(browser: Browser, exports: string[], origin = 'http://zx-bundle.test'): Promise<Page> {
  const js = await bundleForPage(exports);
  const page = await browser.newPage();
  await page.route(`${origin}/**`, (route) =>
    route.request().url().endsWith('/bundle.js')
      ? route.fulfill({ contentType: 'text/javascript', body: js })
      : route.fulfill({ contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><title>bundle</title>' }),
  );
  await page.goto(`${origin}/`);
  await page.addScriptTag({ url: `${origin}/bundle.js` });
  return page;
}
