// The content script lives as long as the tab, and a single-page host system never reloads it: the features'
// per-case caches must stay bounded however many cases a long session opens (issue #8, tests/bench/heap.ts).
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const requests: string[] = [];
vi.mock('../../utils/messaging/transport', () => ({
  request: vi.fn(async (message: { type: string }) => {
    requests.push(message.type);
    if (message.type === 'similarContext') return { lastHits: [], marks: {}, note: 'a context' };
    if (message.type === 'reportUser') return { recorded: true };
    throw new Error('后台未响应');
  }),
}));

import { BoundedMap, overlayCacheSizes } from '../../utils/overlay/bounded-map';
import { runFeatures } from '../../utils/overlay/feature';
import type { OverlayContext } from '../../utils/overlay/context';
import type { PageResult } from '../../utils/host/engine';
import { BUILTIN_PROFILES } from '../../utils/host/profiles';
import '../../utils/overlay/features/similar-cases';
import '../../utils/overlay/features/supervision';
import '../../utils/overlay/features/archive-checklist';

describe('BoundedMap', () => {
  it('keeps the most recently used entries up to its limit', () => {
    const m = new BoundedMap<string, number>(3);
    for (const [i, k] of ['a', 'b', 'c'].entries()) m.set(k, i);
    expect(m.get('a')).toBe(0); // a is now the most recent
    m.set('d', 3); // evicts b, the least recently used
    expect(m.has('b')).toBe(false);
    expect([m.has('a'), m.has('c'), m.has('d')]).toEqual([true, true, true]);
    m.set('c', 9); // replacing does not grow
    expect(m.size).toBe(3);
    expect(m.get('c')).toBe(9);
    expect(m.get('zz')).toBeUndefined();
    expect(() => new BoundedMap(0)).toThrow(RangeError);
  });
});

describe('overlay feature caches over a long session', () => {
  const template = JSON.parse(readFileSync('tests/fixtures/modern/detail-archive.json', 'utf8')) as PageResult & { profile: string };
  const profile = BUILTIN_PROFILES.find((p) => p.id === template.profile)!;

  function visit(i: number, tab: string): OverlayContext {
    const caseNo = `(2025)渝0107民初${1000 + i}号`;
    // The SPA replaced the page: our anchor is gone from the document by the time the background answers.
    const parent = document.createElement('div');
    const anchor = document.createElement('div');
    parent.appendChild(anchor);
    const result: PageResult = {
      ...template,
      cases: [{ ...template.cases[0], caseNo }],
      errors: [],
      missing: [],
      detailAnchor: anchor,
    };
    return {
      doc: document, url: `http://127.0.0.1:5180/app/cases/c${i}/${tab}`, isTopFrame: true, profile,
      page: { kind: 'case-detail', name: template.page ?? '' }, result,
      viewOf: () => undefined, rowViewOf: () => undefined, casesCached: 0, backgroundError: null, refresh: () => {},
    };
  }

  beforeEach(() => { requests.length = 0; });

  it('200 case pages of 100 different cases leave every cache within its limit', async () => {
    for (let i = 0; i < 100; i++) {
      for (const tab of ['basic', 'archive']) {
        const failures = await runFeatures(visit(i, tab));
        expect(failures).toEqual([]);
      }
      await new Promise((r) => setTimeout(r, 0)); // let the (mocked) background answer
    }
    const sizes = overlayCacheSizes();
    expect(Object.keys(sizes).sort()).toEqual(['archive-checklist.states', 'similar-cases.contexts', 'similar-cases.resolved', 'supervision.states']);
    for (const [name, { size, limit }] of Object.entries(sizes)) {
      expect(limit, name).toBeLessThanOrEqual(10);
      expect(size, name).toBeLessThanOrEqual(limit);
      expect(size, name).toBeGreaterThan(0); // the caches are in use, not bypassed
    }
    // The features did ask the background for every case page (nothing silently skipped).
    expect(requests.filter((t) => t === 'similarContext')).toHaveLength(200);
    expect(requests.filter((t) => t === 'getArchiveCheck')).toHaveLength(100);
  });

  it('the most recent case pages are still cached: revisiting one asks the background nothing new for 类案', async () => {
    for (let i = 0; i < 40; i++) await runFeatures(visit(i, 'basic'));
    await new Promise((r) => setTimeout(r, 0));
    requests.length = 0;
    await runFeatures(visit(39, 'basic'));
    expect(requests.filter((t) => t === 'similarContext')).toEqual([]);
    await runFeatures(visit(0, 'basic')); // long evicted: asked again
    expect(requests.filter((t) => t === 'similarContext')).toEqual(['similarContext']);
  });
});
