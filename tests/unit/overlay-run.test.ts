// The content-script loop on saved host pages: badges mount once per row, the status chip says what was found,
// and a failing background never throws into the page.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startOverlay, type OverlayBackend, type OverlayHandle } from '../../utils/overlay/run';
import '../../utils/overlay/features/status-chip';
import '../../utils/overlay/features/row-badges';
import '../../utils/overlay/features/case-panel';
import { BUILTIN_PROFILES } from '../../utils/host/profiles';
import { buildCaseView } from '../../utils/views/build';
import { extractPage, type PageResult } from '../../utils/host/engine';
import type { RowView } from '../../utils/views/case-view';
import { rowViewOf as rowOf } from '../../utils/views/case-view';

const TODAY = '2025-06-30'; // the fixtures were saved with DEMO_TODAY=2025-06-30

function loadFixture(skin: string, name: string, path: string) {
  const html = readFileSync(`tests/fixtures/${skin}/${name}.html`, 'utf8');
  (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(`http://127.0.0.1:5180${path}`);
  document.documentElement.innerHTML = html
    .replace(/^[\s\S]*?<html[^>]*>/i, '')
    .replace(/<\/html>\s*$/i, '')
    .replace(/<link[^>]*>/gi, '') // happy-dom does not load stylesheets; the markup is what matters
    .replace(/<script[\s\S]*?<\/script>/gi, '');
}

function fakeBackend(calls: { ingest: number }, fail = false): OverlayBackend {
  return {
    async profilesFor() {
      if (fail) throw new Error('后台未响应');
      return BUILTIN_PROFILES;
    },
    async ingest(_profileId, result: PageResult) {
      calls.ingest++;
      return { views: result.cases.map((c) => buildCaseView(c, TODAY)), casesCached: result.cases.length };
    },
  };
}

/** Row views (as the background would remember them) for the cases of the list in the document now. */
function pageRowViews(): RowView[] {
  return extractPage(BUILTIN_PROFILES.find((p) => p.id === 'demo-modern')!, document, location.href).cases.map((c) => rowOf(buildCaseView(c, TODAY)));
}
const badgeOf = (rowId: string) => document.querySelector(`#${rowId} [data-zx-host="row-badge"]`);

const hosts = (key: string) => document.querySelectorAll(`[data-zx-host="${key}"]`);
const settle = async (h: OverlayHandle) => {
  await h.idle();
  await new Promise((r) => setTimeout(r, 300)); // let the debounced re-scan after our own mounts run
  await h.idle();
};

let handle: OverlayHandle | undefined;
afterEach(() => handle?.stop());

describe('overlay loop', () => {
  it('started while the page is parsing: asks for profiles at once, scans only once the DOM is ready', async () => {
    loadFixture('modern', 'case-list', '/app/cases?page=1&size=20&scope=mine');
    const rows = document.querySelectorAll('#caseGrid .grid-row').length;
    const calls = { ingest: 0, profiles: 0 };
    const backend = fakeBackend(calls);
    const counting: OverlayBackend = { ...backend, profilesFor: (u) => { calls.profiles++; return backend.profilesFor(u); } };
    Object.defineProperty(document, 'readyState', { value: 'loading', configurable: true });
    try {
      handle = startOverlay(window, counting);
      expect(calls.profiles).toBe(1);
      await new Promise((r) => setTimeout(r, 100));
      expect(calls.ingest).toBe(0);
      expect(hosts('row-badge').length).toBe(0);
    } finally {
      delete (document as unknown as { readyState?: string }).readyState;
    }
    document.dispatchEvent(new Event('DOMContentLoaded'));
    await settle(handle);
    expect(hosts('row-badge').length).toBe(rows);
    expect(calls.profiles).toBe(1); // the early answer was used, not asked again
    expect(calls.ingest).toBe(1);
  });

  it('mounts one countdown badge per case row of the modern list, idempotently', async () => {
    loadFixture('modern', 'case-list', '/app/cases?page=1&size=20&scope=mine');
    const rows = document.querySelectorAll('#caseGrid .grid-row').length;
    expect(rows).toBeGreaterThan(0);
    const calls = { ingest: 0 };
    handle = startOverlay(window, fakeBackend(calls));
    await settle(handle);
    expect(hosts('row-badge').length).toBe(rows);
    const first = hosts('row-badge')[0].shadowRoot!.querySelector('.zx-badge')!;
    expect(first.getAttribute('data-level')).toMatch(/^(ok|notice|warning|urgent|overdue|none|closed-in-time|closed-late|error)$/);
    // A second scan with an unchanged page neither re-ingests nor duplicates.
    await handle.scanNow();
    await settle(handle);
    expect(hosts('row-badge').length).toBe(rows);
    expect(calls.ingest).toBe(1);
    const chip = hosts('status-chip')[0].shadowRoot!.querySelector('[role="status"]')!;
    expect(chip.getAttribute('data-state')).toBe('recognized');
    expect(chip.getAttribute('data-page-kind')).toBe('case-list');
  });

  it('rows an SPA inserts into a recognised page that had none are read at once, not after a throttle timer', async () => {
    loadFixture('modern', 'case-list', '/app/cases?page=1&size=20&scope=mine');
    const grid = document.querySelector('#caseGrid')!;
    const rows = [...grid.querySelectorAll('.grid-row')];
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) r.remove(); // the app shell, its rows still being fetched
    const calls = { ingest: 0 };
    handle = startOverlay(window, fakeBackend(calls));
    await handle.idle();
    expect(calls.ingest).toBe(0);
    // The rows arrive well within the throttle interval of the scan that just ran.
    grid.append(...rows);
    for (let i = 0; i < 50 && calls.ingest === 0; i++) await Promise.resolve(); // microtasks only: no timer may run
    expect(calls.ingest).toBe(1);
    await settle(handle);
    expect(hosts('row-badge').length).toBe(rows.length);
  });

  it('mounts the 审限 panel on a case page and explains the due date', async () => {
    loadFixture('modern', 'detail-changes-civil', '/app/cases/c001797/changes');
    handle = startOverlay(window, fakeBackend({ ingest: 0 }));
    await settle(handle);
    const panel = hosts('case-panel')[0]?.shadowRoot?.querySelector('[data-zx-panel="deadline"]');
    expect(panel).toBeTruthy();
    expect(panel!.querySelector('[data-zx="timeline"]')!.textContent).toContain('程序转换');
  });

  it('reports missing required fields in the chip and ingests nothing partial', async () => {
    loadFixture('modern', 'case-list', '/app/cases?page=1&size=20&scope=mine');
    const rows = document.querySelectorAll('#caseGrid .grid-row');
    rows[0].querySelector('.col-caseNo')!.textContent = ''; // the host lost the 案号 of one row
    const calls = { ingest: 0 };
    const seen: PageResult[] = [];
    const backend = fakeBackend(calls);
    handle = startOverlay(window, { ...backend, ingest: (id, r, u) => (seen.push(r), backend.ingest(id, r, u)) });
    await settle(handle);
    expect(seen[0].cases.length).toBe(rows.length - 1);
    expect(seen[0].missing.join()).toMatch(/caseNo/);
    const chip = hosts('status-chip')[0].shadowRoot!.querySelector('[role="status"]')!;
    expect(chip.textContent).toContain('缺少字段 1 项');
    expect(hosts('row-badge').length).toBe(rows.length - 1);
  });

  it('shows an honest status and throws nothing when the background is unavailable', async () => {
    loadFixture('modern', 'case-list', '/app/cases?page=1&size=20&scope=mine');
    const errors: unknown[] = [];
    const onError = (e: ErrorEvent) => errors.push(e.error);
    window.addEventListener('error', onError);
    handle = startOverlay(window, fakeBackend({ ingest: 0 }, true));
    await settle(handle);
    window.removeEventListener('error', onError);
    expect(errors).toEqual([]);
    const chip = hosts('status-chip')[0].shadowRoot!.querySelector('[role="status"]')!;
    expect(chip.getAttribute('data-state')).toBe('error');
    expect(chip.textContent).toContain('后台未响应');
    expect(hosts('row-badge').length).toBe(0);
  });

  it('retries when the background failed, without waiting for the page to change', async () => {
    loadFixture('modern', 'case-list', '/app/cases?page=1&size=20&scope=mine');
    const rows = document.querySelectorAll('#caseGrid .grid-row').length;
    const calls = { ingest: 0 };
    const backend = fakeBackend(calls);
    let failures = 2;
    const flaky: OverlayBackend = {
      ...backend,
      ingest: async (...args) => {
        if (failures-- > 0) throw new Error('后台正在重启');
        return backend.ingest(...args);
      },
    };
    handle = startOverlay(window, flaky, { retryBaseMs: 20 });
    await settle(handle);
    expect(failures).toBeLessThan(0);
    expect(hosts('row-badge').length).toBe(rows);
    expect(hosts('status-chip')[0].shadowRoot!.textContent).not.toContain('后台正在重启');
  });

  it('draws a list from the rows the background remembers, then corrects it with the page\'s own ingest', async () => {
    loadFixture('modern', 'case-list', '/app/cases?page=1&size=20&scope=mine');
    const rows = document.querySelectorAll('#caseGrid .grid-row').length;
    const calls = { ingest: 0 };
    const backend = fakeBackend(calls);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const remembered = async (url: string) => {
      expect(url).toBe('http://127.0.0.1:5180/app/cases?page=1&size=20&scope=mine');
      // yesterday's evaluation, say: every row 9 days left
      return { rows: pageRowViews().slice(1).map((r) => ({ ...r, badge: { level: 'warning' as const, daysLeft: 9, title: '旧' } })), casesCached: 77 };
    };
    handle = startOverlay(window, {
      ...backend,
      recentRows: remembered,
      ingest: async (...args) => { await gate; return backend.ingest(...args); },
    });
    // Before the ingest answered: every remembered row has its badge, the one case not remembered has none yet.
    await vi.waitFor(() => expect(hosts('row-badge').length).toBe(rows - 1), { timeout: 3000 });
    const days = () => Array.from(hosts('row-badge')).map((h) => h.shadowRoot!.querySelector('.zx-badge')!.getAttribute('data-days-left'));
    expect(new Set(days())).toEqual(new Set(['9']));
    release();
    await settle(handle);
    expect(hosts('row-badge').length).toBe(rows);
    expect(days()).not.toContain('9');
    expect(calls.ingest).toBe(1);
  });

  it('draws the remembered rows when their answer comes after the page\'s ingest was sent, never after its reply', async () => {
    loadFixture('modern', 'case-list', '/app/cases?page=1&size=20&scope=mine');
    const rows = document.querySelectorAll('#caseGrid .grid-row').length;
    const backend = fakeBackend({ ingest: 0 });
    const old = { rows: pageRowViews().map((r) => ({ ...r, badge: { level: 'warning' as const, daysLeft: 9, title: '旧' } })), casesCached: 5 };
    const days = () => Array.from(hosts('row-badge')).map((h) => h.shadowRoot!.querySelector('.zx-badge')!.getAttribute('data-days-left'));
    // 1) the early answer arrives while the ingest is pending: drawn then
    let sent!: () => void;
    const ingestSent = new Promise<void>((r) => (sent = r));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    handle = startOverlay(window, {
      ...backend,
      recentRows: async () => { await ingestSent; return old; },
      ingest: async (...args) => { sent(); await gate; return backend.ingest(...args); },
    });
    await vi.waitFor(() => expect(days()).toHaveLength(rows), { timeout: 3000 });
    expect(new Set(days())).toEqual(new Set(['9']));
    release();
    await settle(handle);
    expect(days()).not.toContain('9');
    handle.stop();
    // 2) the page's own answer came first: the late early answer must not overwrite it
    loadFixture('modern', 'case-list', '/app/cases?page=1&size=20&scope=mine');
    let late!: () => void;
    const lateGate = new Promise<void>((r) => (late = r));
    handle = startOverlay(window, { ...backend, recentRows: async () => { await lateGate; return old; } });
    await settle(handle);
    late();
    await new Promise((r) => setTimeout(r, 50));
    expect(days()).toHaveLength(rows);
    expect(days()).not.toContain('9');
  });

  it('a remembered row the full read cannot read, or the background refuses, keeps no countdown', async () => {
    loadFixture('modern', 'case-list', '/app/cases?page=1&size=20&scope=mine');
    const old = { rows: pageRowViews(), casesCached: 20 };
    // the host now shows row 3 with an unreadable date; the background refuses row 5 (and answers the rest)
    document.querySelector('#row-c003323 .col-filedOn')!.textContent = '20250517';
    const backend = fakeBackend({ ingest: 0 });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    handle = startOverlay(window, {
      ...backend,
      recentRows: async () => old,
      ingest: async (id, result, ...rest) => {
        await gate;
        const answer = await backend.ingest(id, result, ...rest);
        return { ...answer, views: answer.views.filter((v) => v.caseNo !== '(2025)渝0107民初634号') };
      },
    });
    await vi.waitFor(() => expect(badgeOf('row-c003324')).not.toBeNull(), { timeout: 3000 }); // remembered, drawn before the ingest answered
    expect(badgeOf('row-c003323')).toBeNull(); // drawn from the 案号, removed once the full read could not read it
    expect(badgeOf('row-c003293')).not.toBeNull();
    release();
    await settle(handle);
    expect(badgeOf('row-c003293')).toBeNull(); // no view in the page's own answer: no countdown from before
    expect(badgeOf('row-c003324')).not.toBeNull();
  });

  it('a remembered row the full read cannot read loses its countdown also when the remembered rows came late', async () => {
    loadFixture('modern', 'case-list', '/app/cases?page=1&size=20&scope=mine');
    const old = { rows: pageRowViews(), casesCached: 20 };
    document.querySelector('#row-c003323 .col-filedOn')!.textContent = '20250517';
    const backend = fakeBackend({ ingest: 0 });
    let sent!: () => void;
    const ingestSent = new Promise<void>((r) => (sent = r));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    handle = startOverlay(window, {
      ...backend,
      recentRows: async () => { await ingestSent; return old; },
      ingest: async (...args) => { sent(); await gate; return backend.ingest(...args); },
    });
    await vi.waitFor(() => expect(badgeOf('row-c003324')).not.toBeNull(), { timeout: 3000 });
    release();
    await settle(handle);
    expect(badgeOf('row-c003323')).toBeNull();
    expect(badgeOf('row-c003324')).not.toBeNull();
  });
});
