// A cheap guard for the content script's memory on a long SPA session (issue #8; the full 200-navigation
// figures come from tests/bench/heap.ts, `npm run bench`): 32 in-app navigations in the modern skin (case list →
// case → every tab → back → 待阅核 → list, four times), then, after forced GC, compared with the state after the
// first round on the same list page: our shadow hosts do not pile up, no detached shadow root is kept alive by the
// content script, it runs one MutationObserver, listeners do not accumulate, and the heap grows by little.
import { test, expect } from '@playwright/test';
import { session } from '../bench/heap';

test('content script: 32 SPA navigations leave no orphaned overlays, observers or listeners, and little heap growth', async () => {
  test.setTimeout(90_000);
  const demoUrl = process.env.DEMO_URL;
  if (!demoUrl) throw new Error('DEMO_URL is not set: the global setup did not start the demo court system');
  const { warm, end } = await session(demoUrl, true, 32, 8);
  test.info().annotations.push({ type: 'heap', description: `isolate heap after GC: ${(warm.heapUsed / 1048576).toFixed(2)} MB after 8 navigations, ${(end.heapUsed / 1048576).toFixed(2)} MB after 32; shadow hosts ${warm.shadowHosts} → ${end.shadowHosts}` });
  // Both snapshots are on the same 50-row case list: 50 row badges + the status chip.
  expect(warm.shadowHosts).toBe(51);
  expect(end.shadowHosts).toBe(warm.shadowHosts);
  expect(end.ourDetachedShadowRoots).toBe(0);
  expect(end.ourMutationObservers).toBe(1);
  expect(end.jsEventListeners).toBeLessThanOrEqual(warm.jsEventListeners);
  expect(end.windowDocListeners).toBe(warm.windowDocListeners);
  expect(end.nodes - warm.nodes).toBeLessThanOrEqual(50); // same page: equal after GC in every run so far
  // 24 navigations: the isolate (page + content script) grows by well under a megabyte after GC (measured ≈ 0.1 MB).
  expect(end.heapUsed - warm.heapUsed).toBeLessThan(1024 * 1024);
});
