// Loads the built Firefox bundles outside a browser: background.js in a Node VM context (Firefox-style `browser`
// from fake-firefox.ts, IndexedDB from fake-indexeddb, no network), and the content script in a happy-dom window
// holding a saved host page. Used by tests/e2e/firefox-build.spec.ts.
import vm from 'node:vm';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { Window } from 'happy-dom';
import { FakeFirefox } from './fake-firefox';

export const FIREFOX_DIR = '.output/firefox-mv2';

export interface LoadedBackground {
  ff: FakeFirefox;
  /** console.warn / console.error calls and uncaught errors in the background */
  problems: unknown[][];
  /** URLs the background tried to fetch (the fake network refuses every request) */
  fetched: string[];
  /** Sends a message to the background's registered runtime.onMessage listener(s), as our popup would. */
  send(message: unknown, sender?: Record<string, unknown>): Promise<any>;
}

const FIREFOX_UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Firefox/115.0';

export function readManifest(dir = FIREFOX_DIR): Record<string, any> {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
}

export function loadBackground(dir = FIREFOX_DIR): LoadedBackground {
  const manifest = readManifest(dir);
  const messages = JSON.parse(readFileSync(join(dir, '_locales', manifest.default_locale ?? 'en', 'messages.json'), 'utf8'));
  const ff = new FakeFirefox({ manifest, messages });
  const problems: unknown[][] = [];
  const fetched: string[] = [];
  const sandbox: Record<string, unknown> = {
    browser: ff.background,
    chrome: ff.background, // Firefox aliases `chrome` to `browser`; the polyfill checks both
    indexedDB: new IDBFactory(),
    IDBKeyRange,
    console: {
      log() {}, debug() {}, info() {},
      warn: (...a: unknown[]) => problems.push(['warn', ...a]),
      error: (...a: unknown[]) => problems.push(['error', ...a]),
    },
    setTimeout, clearTimeout, setInterval, clearInterval, queueMicrotask, structuredClone,
    URL, URLSearchParams, TextEncoder, TextDecoder, crypto, Blob, atob, btoa, performance,
    AbortController, AbortSignal, Event, EventTarget, CustomEvent,
    navigator: { userAgent: FIREFOX_UA, language: 'zh-CN', languages: ['zh-CN', 'zh'] },
    fetch: async (u: unknown) => {
      fetched.push(String(u));
      throw new TypeError('NetworkError when attempting to fetch resource.');
    },
  };
  sandbox.self = sandbox;
  sandbox.window = sandbox; // an MV2 background page is a window
  const ctx = vm.createContext(sandbox);
  const scripts: string[] = manifest.background?.scripts ?? [];
  for (const s of scripts) vm.runInContext(readFileSync(join(dir, s), 'utf8'), ctx, { filename: s });
  return {
    ff, problems, fetched,
    send: (message, sender = { id: ff.id, url: `moz-extension://${ff.uuid}/popup.html`, envType: 'addon_child' }) =>
      ff.dispatch(ff.background.runtime.onMessage, structuredClone(message), sender),
  };
}

export interface LoadedContentScript {
  window: any;
  document: any;
  /** errors thrown into the page (window 'error' events and console.error) */
  pageErrors: unknown[];
  close(): Promise<void>;
}

/** The saved page `html` at `url` in happy-dom, with the manifest's content script(s) evaluated in it. */
export function loadContentScript(bg: LoadedBackground, html: string, url: string, dir = FIREFOX_DIR): LoadedContentScript {
  const manifest = readManifest(dir);
  const win: any = new Window({
    url,
    settings: {
      enableJavaScriptEvaluation: true,
      suppressInsecureJavaScriptEnvironmentWarning: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true, disableChildPageNavigation: true },
    } as never,
  });
  const pageErrors: unknown[] = [];
  win.addEventListener('error', (e: { error?: unknown; message?: string }) => pageErrors.push(e.error ?? e.message));
  win.console.error = (...a: unknown[]) => pageErrors.push(a);
  // The saved page is the rendered DOM: its own scripts and stylesheets are not needed (and not fetched).
  win.document.write(html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '').replace(/<link\b[^>]*rel="?stylesheet"?[^>]*>/gi, ''));
  const ns = bg.ff.namespace({ kind: 'content', url, tabId: 7 });
  win.browser = ns;
  win.chrome = ns;
  for (const entry of manifest.content_scripts ?? []) {
    for (const js of entry.js ?? []) win.eval(readFileSync(join(dir, js), 'utf8'));
  }
  return { window: win, document: win.document, pageErrors, close: () => win.happyDOM.close() };
}

/** Waits until `check()` is truthy (polling), or throws with `what` after `ms`. */
export async function until<T>(check: () => T, what: string, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
