// Runs mutated host pages (tests/support/mutate.ts) through the built extension in real Chromium and checks each:
// no uncaught error (page or content script, seen through CDP in every execution context), no feature failure
// (utils/overlay/run.ts logs them with console.debug('[质效助手] …')), the host DOM outside our [data-zx-host]
// shadow hosts identical before (DOMContentLoaded, before the content script's first write) and after the overlay
// settled, no host mutation at all outside our hosts (MutationObserver), no payload executed, nothing unsafe in our
// shadow roots, the status chip honest (the engine run in Node on the browser-parsed page says what the chip must
// say), and no date in what the engine read that the page does not show.
// Used by tests/e2e/fuzz.spec.ts (a sample in `npm test`) and tests/bench/fuzz.ts (≥ 1,000 per run).
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, CDPSession, Frame, Page } from '@playwright/test';
import { parseHTML } from 'linkedom';
import { applyProfile, stripAnchors, type PageResultData } from '../../utils/host/engine';
import { parseProfileText, type HostProfile } from '../../utils/host/profile';
import { FIXTURES_DIR, PWNED_FLAG, type FuzzPage, type Mutation } from './mutate';

// ───────────────────────────── server ─────────────────────────────

export interface FuzzServer {
  url: string;
  serve(pages: FuzzPage[]): void;
  close(): Promise<void>;
}

/** A tiny server on a profile origin (http://127.0.0.1:<port>) that answers with the current mutation's pages. */
export async function startFuzzServer(port = 0): Promise<FuzzServer> {
  let pages = new Map<string, string>();
  const css = readFileSync(join(FIXTURES_DIR, '..', 'host', 'modern', 'app.css'), 'utf8');
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    const html = pages.get(path);
    if (html !== undefined) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(html);
    } else if (path.startsWith('/app/static/app.css')) {
      res.writeHead(200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'max-age=3600' });
      res.end(css);
    } else if (path.startsWith('/api/')) {
      res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
      res.end('{"error":"fuzz server: no API"}');
    } else {
      res.writeHead(204, { 'cache-control': 'no-store' });
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const addr = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${addr.port}`,
    serve(list) {
      pages = new Map(list.map((p) => [p.path, p.html]));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

// ───────────────────────────── in-page instrumentation ─────────────────────────────

/**
 * Main world of every frame, before any page script: snapshots the host DOM at DOMContentLoaded (our content
 * script runs at document_end and writes only after a round trip to the background) and from then on counts every
 * mutation outside our shadow hosts. A string, not a function: tsx (esbuild keepNames) would add `__name()` calls.
 */
export const INSTRUMENT = `(() => {
  const HOST = 'data-zx-host';
  const ours = (n) => { for (let x = n; x; x = x.parentNode || x.host || null) { if (x.nodeType === 1 && x.hasAttribute(HOST)) return true; } return false; };
  const serialize = () => {
    const root = document.documentElement;
    if (!root) return '';
    const c = root.cloneNode(true);
    c.querySelectorAll('[' + HOST + ']').forEach((e) => e.remove());
    return c.outerHTML;
  };
  const st = { before: null, foreign: [], serialize };
  Object.defineProperty(window, '__zxFuzz', { value: st, enumerable: false });
  document.addEventListener('DOMContentLoaded', () => {
    st.before = serialize();
    new MutationObserver((ms) => {
      for (const m of ms) {
        if (ours(m.target)) continue;
        if (m.type === 'childList') {
          const nodes = [...m.addedNodes, ...m.removedNodes];
          if (nodes.length && nodes.every((n) => n.nodeType === 1 && n.hasAttribute(HOST))) continue;
        }
        if (st.foreign.length < 5) st.foreign.push(m.type + ' on ' + (m.target.nodeName || '?') + (m.attributeName ? ' @' + m.attributeName : ''));
        else st.foreign.push('');
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  }, { once: true });
})();`;

interface FrameReport {
  url: string;
  before: string | null;
  after: string;
  foreign: string[];
  pwned: number;
  scanStart: number | null;
  scanEnd: number | null;
  chip: { state: string; kind: string; text: string } | null;
  hosts: number;
  badges: number;
  unsafe: string[];
  overlayText: string;
}

/** Cheap, for polling: the content script's scan marks and how many overlays it mounted. */
const FRAME_PROGRESS = `(() => {
  const mark = (n) => { const e = performance.getEntriesByName(n, 'mark'); return e.length ? e[e.length - 1].startTime : null; };
  return { url: location.href, scanStart: mark('zx:scan-start'), scanEnd: mark('zx:scan-end'), hosts: document.querySelectorAll('[data-zx-host]').length };
})()`;

const FRAME_REPORT = `(() => {
  const st = window.__zxFuzz;
  const mark = (n) => { const e = performance.getEntriesByName(n, 'mark'); return e.length ? e[e.length - 1].startTime : null; };
  const hosts = Array.from(document.querySelectorAll('[data-zx-host]'));
  const unsafe = [];
  let text = '';
  for (const h of hosts) {
    const root = h.shadowRoot;
    if (!root) continue;
    text += (root.textContent || '') + '\\n';
    for (const el of root.querySelectorAll('*')) {
      const tag = el.tagName.toLowerCase();
      if (['script', 'iframe', 'object', 'embed', 'frame'].includes(tag)) unsafe.push(tag);
      if (tag === 'img' && el.getAttribute('src') === 'x') unsafe.push('img[src=x]');
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) unsafe.push(tag + '[' + a.name + ']');
        if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(a.name.toLowerCase()) && /^\\s*javascript:/i.test(a.value)) unsafe.push(tag + '[' + a.name + '=javascript:]');
      }
    }
  }
  const chipHost = document.querySelector('[data-zx-host="status-chip"]');
  const chipEl = chipHost && chipHost.shadowRoot && chipHost.shadowRoot.querySelector('[data-state]');
  return {
    url: location.href,
    before: st ? st.before : null,
    after: st ? st.serialize() : '',
    foreign: st ? st.foreign : [],
    pwned: window.${PWNED_FLAG} || 0,
    scanStart: mark('zx:scan-start'),
    scanEnd: mark('zx:scan-end'),
    chip: chipEl ? { state: chipEl.getAttribute('data-state') || '', kind: chipEl.getAttribute('data-page-kind') || '', text: chipEl.textContent || '' } : null,
    hosts: hosts.length,
    badges: document.querySelectorAll('[data-zx-host="row-badge"]').length,
    unsafe,
    overlayText: text,
  };
})()`;

// ───────────────────────────── the runner ─────────────────────────────

export interface Outcome {
  index: number;
  operator: string;
  fixture: string;
  detail: string;
  ms: number;
  /** uncaught exceptions in any context (page or content script), console errors */
  uncaught: string[];
  /** features that threw (caught by runFeatures) or scans that failed */
  featureErrors: string[];
  /** frames whose host DOM (our hosts removed) differs after the overlay ran, or was mutated at all */
  hostChanges: string[];
  /** payload executions (window flag, any frame) */
  executions: number;
  /** markup or javascript: URLs inside our shadow roots */
  unsafe: string[];
  /** the status chip does not say what the page shows (kind, missing fields, problems) */
  dishonest: string[];
  /** frames where the content script never finished a scan */
  unsettled: string[];
}

export function problemsOf(o: Outcome): string[] {
  return [
    ...o.uncaught.map((x) => `uncaught: ${x}`),
    ...o.featureErrors.map((x) => `feature: ${x}`),
    ...o.hostChanges.map((x) => `host DOM: ${x}`),
    ...(o.executions ? [`payload executed ${o.executions}×`] : []),
    ...o.unsafe.map((x) => `unsafe: ${x}`),
    ...o.dishonest.map((x) => `status: ${x}`),
    ...o.unsettled.map((x) => `unsettled: ${x}`),
  ];
}

export class FuzzRunner {
  private cdp: CDPSession | null = null;
  private events: { uncaught: string[]; feature: string[] } = { uncaught: [], feature: [] };
  private profiles = new Map<string, HostProfile>();
  private pending: Array<Promise<void>> = [];
  page!: Page;

  constructor(
    private context: BrowserContext,
    private server: FuzzServer,
    private opts: { settleMs?: number; timeoutMs?: number } = {},
  ) {}

  async open(): Promise<void> {
    await this.context.addInitScript(INSTRUMENT);
    this.page = await this.context.newPage();
    this.page.on('dialog', (d) => void d.dismiss().catch(() => undefined));
    this.page.on('pageerror', (e) => this.events.uncaught.push(`pageerror: ${e.message}`));
    // CDP sees every execution context of the page's frames, including the content script's isolated world.
    this.cdp = await this.context.newCDPSession(this.page);
    this.cdp.on('Runtime.exceptionThrown', (e: { exceptionDetails: { text?: string; exception?: { description?: string }; url?: string } }) => {
      const d = e.exceptionDetails;
      this.events.uncaught.push(`${d.exception?.description?.split('\n')[0] ?? d.text ?? 'exception'}${d.url ? ` (${d.url})` : ''}`);
    });
    this.cdp.on('Runtime.consoleAPICalled', (e: { type: string; args: Array<{ value?: unknown; description?: string; objectId?: string }> }) => {
      const first = typeof e.args[0]?.value === 'string' ? (e.args[0].value as string) : '';
      const ours = first.startsWith('[质效助手]');
      if (e.type !== 'error' && e.type !== 'assert' && !ours) return;
      this.pending.push(
        Promise.all(e.args.map((a) => this.argText(a))).then((parts) => {
          const text = parts.join(' ').slice(0, 500);
          if (ours) this.events.feature.push(text);
          else this.events.uncaught.push(`console.${e.type}: ${text}`);
        }),
      );
    });
    await this.cdp.send('Runtime.enable');
  }

  /** A console argument as text (objects such as the feature-failure array are read back through CDP). */
  private async argText(a: { value?: unknown; description?: string; objectId?: string }): Promise<string> {
    if (typeof a.value === 'string') return a.value;
    if (a.objectId && this.cdp) {
      try {
        const r = (await this.cdp.send('Runtime.callFunctionOn', {
          objectId: a.objectId,
          functionDeclaration: 'function () { try { return this instanceof Error ? String(this.stack || this) : JSON.stringify(this); } catch (e) { return String(this); } }',
          returnByValue: true,
        })) as { result: { value?: unknown } };
        if (typeof r.result.value === 'string') return r.result.value;
      } catch {
        /* the context is gone */
      }
    }
    return a.description ?? JSON.stringify(a.value);
  }

  private profile(id: string): HostProfile {
    let p = this.profiles.get(id);
    if (!p) {
      // read as text: Playwright's loader cannot import the built-in profiles' JSON modules
      const r = parseProfileText(readFileSync(join(FIXTURES_DIR, '..', '..', 'utils', 'host', 'profiles', `${id}.json`), 'utf8'));
      if (!r.ok) throw new Error(`${id}: ${r.errors.join('; ')}`);
      p = r.profile;
      this.profiles.set(id, p);
    }
    return p;
  }

  async run(m: Mutation): Promise<Outcome> {
    const t0 = Date.now();
    this.server.serve(m.pages);
    this.events = { uncaught: [], feature: [] };
    const out: Outcome = {
      index: m.index, operator: m.operator, fixture: `${m.fixture.skin}/${m.fixture.name}`, detail: m.detail, ms: 0,
      uncaught: [], featureErrors: [], hostChanges: [], executions: 0, unsafe: [], dishonest: [], unsettled: [],
    };
    const timeout = this.opts.timeoutMs ?? 30_000;
    await this.page.goto(this.server.url + m.entry, { waitUntil: 'load', timeout });
    const reports = await this.settle(timeout);
    const tSettled = Date.now();
    await Promise.all(this.pending.splice(0));
    out.uncaught = this.events.uncaught;
    out.featureErrors = this.events.feature;
    for (const r of reports) {
      const where = r.url.replace(this.server.url, '');
      if (r.scanEnd === null || (r.scanStart !== null && r.scanEnd < r.scanStart)) out.unsettled.push(where);
      if (r.before === null) out.hostChanges.push(`${where}: no DOMContentLoaded snapshot`);
      else if (r.before !== r.after) out.hostChanges.push(`${where}: ${firstDiff(r.before, r.after)}`);
      if (r.foreign.length) out.hostChanges.push(`${where}: ${r.foreign.length} mutation(s) outside our hosts: ${r.foreign.filter(Boolean).join('; ')}`);
      out.executions += r.pwned;
      out.unsafe.push(...r.unsafe.map((u) => `${where}: ${u}`));
    }
    const tChecks = Date.now();
    out.dishonest = this.checkHonesty(m, reports);
    out.ms = Date.now() - t0;
    if (process.env.FUZZ_DEBUG) console.error(`[fuzz] #${m.index}: settled ${tSettled - t0} ms, report ${tChecks - tSettled} ms, honesty ${Date.now() - tChecks} ms`);
    return out;
  }

  /** Waits until every frame of the page has finished a scan and no new one started for `settleMs`. */
  private async settle(timeout: number): Promise<FrameReport[]> {
    const settleMs = this.opts.settleMs ?? 150;
    const deadline = Date.now() + timeout;
    let last = '';
    let stableSince = Date.now();
    for (;;) {
      const progress = await this.collect<Pick<FrameReport, 'url' | 'scanStart' | 'scanEnd' | 'hosts'>>(FRAME_PROGRESS);
      const done = progress.every((r) => r.scanEnd !== null && (r.scanStart === null || r.scanEnd >= r.scanStart));
      const sig = JSON.stringify(progress);
      if (sig !== last) {
        last = sig;
        stableSince = Date.now();
      }
      if ((done && Date.now() - stableSince >= settleMs) || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 40));
    }
    return this.collect<FrameReport>(FRAME_REPORT);
  }

  private async collect<T>(script: string): Promise<T[]> {
    const frames = this.page.frames().filter((f) => f.url().startsWith(this.server.url));
    const out: T[] = [];
    for (const f of frames) {
      const r = await evaluateFrame<T>(f, script);
      if (r) out.push(r);
    }
    return out;
  }

  /**
   * The chip must say what the page shows. The engine, run in Node on the page as Chromium parsed it (the
   * DOMContentLoaded snapshot), gives the truth: the page kind, the required fields missing, the problems found.
   */
  private checkHonesty(m: Mutation, reports: FrameReport[]): string[] {
    const issues: string[] = [];
    const profile = this.profile(m.fixture.profile);
    const topUrl = this.server.url + m.entry;
    for (const r of reports) {
      const where = r.url.replace(this.server.url, '');
      const isTop = r.url === topUrl || (reports[0] === r);
      const expected = r.before !== null ? extractFromHtml(profile, r.before, r.url) : null;
      if (!expected) continue;
      const frameset = /^<html[^>]*>\s*<head>[\s\S]*<\/head>\s*<frameset/i.test(r.before ?? '');
      const recognized = expected.kind !== 'other';
      const problems = expected.missing.length + expected.errors.length;
      if (!r.chip) {
        if (recognized || (isTop && !frameset)) issues.push(`${where}: no status chip (expected ${recognized ? expected.kind : '未识别'})`);
        continue;
      }
      if (!recognized) {
        if (r.chip.state !== 'unrecognized') issues.push(`${where}: chip ${r.chip.state}/${r.chip.kind} on a page the profile does not read`);
        else if (!r.chip.text.includes('未识别')) issues.push(`${where}: chip says “${r.chip.text}”, not 未识别`);
        continue;
      }
      if (r.chip.state !== 'recognized' || r.chip.kind !== expected.kind) {
        issues.push(`${where}: chip ${r.chip.state}/${r.chip.kind}, engine ${expected.kind}`);
        continue;
      }
      if (expected.missing.length && !r.chip.text.includes(`缺少字段 ${expected.missing.length} 项`)) {
        issues.push(`${where}: engine misses ${expected.missing.length} field(s) (${expected.missing.slice(0, 3).join(', ')}), chip says “${r.chip.text}”`);
      }
      if (problems && !/缺少字段|数据问题/.test(r.chip.text)) issues.push(`${where}: ${problems} problem(s), chip says “${r.chip.text}”`);
      // No made-up data: a list page shows a badge only for a row the engine read completely.
      if (expected.kind === 'case-list' && r.badges > expected.cases.length) issues.push(`${where}: ${r.badges} badges for ${expected.cases.length} readable rows`);
      // No made-up dates: every date the engine read is one the page shows.
      const shown = datesShown(r.before ?? '');
      const read = new Set<string>();
      JSON.stringify(expected.cases, (_k, v) => {
        if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) read.add(v);
        return v;
      });
      for (const d of read) if (!shown.has(d)) issues.push(`${where}: the engine read ${d}, which the page does not show`);
      if (m.oddDate && m.oddDate.expected === null) {
        // the replaced text is not a date: it must not come out as one
        const bogus = [...read].filter((d) => !shown.has(d));
        if (bogus.length) issues.push(`${where}: “${m.oddDate.replaced}” read as ${bogus.join(', ')}`);
      }
    }
    return issues;
  }
}

function extractFromHtml(profile: HostProfile, html: string, url: string): PageResultData {
  return stripAnchors(applyProfile(profile, parseHTML(html).document as unknown as Document, url));
}

async function evaluateFrame<T>(f: Frame, script: string): Promise<T | null> {
  try {
    return (await f.evaluate(script)) as T;
  } catch {
    return null; // detached or navigating
  }
}

/** Every calendar date the page's text shows, in any notation a reader may accept (ISO, 年月日, full-width). */
export function datesShown(html: string): Set<string> {
  const text = html.replace(/<[^>]*>/g, ' ').replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const out = new Set<string>();
  for (const m of text.matchAll(/(\d{4})\s*(?:-|年|\/)\s*(\d{1,2})\s*(?:-|月|\/)\s*(\d{1,2})/g)) {
    const y = +m[1], mo = +m[2], d = +m[3];
    const dim = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= dim) out.add(`${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  }
  return out;
}

function firstDiff(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return `differs at ${i}: before «${a.slice(Math.max(0, i - 40), i + 60)}» after «${b.slice(Math.max(0, i - 40), i + 60)}»`;
}

export interface Summary {
  mutations: number;
  failed: number;
  uncaught: number;
  featureErrors: number;
  hostChanges: number;
  executions: number;
  unsafe: number;
  dishonest: number;
  unsettled: number;
  msPerMutation: number;
  byOperator: Record<string, number>;
}

export function summarize(outcomes: Outcome[]): Summary {
  const sum = (f: (o: Outcome) => number) => outcomes.reduce((n, o) => n + f(o), 0);
  const byOperator: Record<string, number> = {};
  for (const o of outcomes) byOperator[o.operator] = (byOperator[o.operator] ?? 0) + 1;
  const ms = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  return {
    mutations: outcomes.length,
    failed: outcomes.filter((o) => problemsOf(o).length > 0).length,
    uncaught: sum((o) => o.uncaught.length),
    featureErrors: sum((o) => o.featureErrors.length),
    hostChanges: sum((o) => o.hostChanges.length),
    executions: sum((o) => o.executions),
    unsafe: sum((o) => o.unsafe.length),
    dishonest: sum((o) => o.dishonest.length),
    unsettled: sum((o) => o.unsettled.length),
    msPerMutation: ms.length ? ms[ms.length >> 1] : 0,
    byOperator,
  };
}
