// Overlay fuzz, the `npm test` sample (issue #8 item 1; the ≥ 1,000-mutation run is tests/bench/fuzz.ts): saved pages
// of both skins, each mutated by one named operator (removed / renamed elements, reordered columns, empty cells, odd
// dates, markup in every text field, javascript: links, a huge table (1,000 rows here, 5,000 in the bench), nested frames, the classic portal,
// duplicate ids, truncated HTML), opened in Chromium with the built extension. For each: no uncaught error and no
// failing feature, the host DOM outside our shadow hosts untouched, no payload executed, nothing unsafe in our
// shadow roots, and a status chip that says what the page shows (未识别 / 缺少字段 / 数据问题), never made-up data.
import { test, expect } from './fixtures';
import { sampleMutations } from '../support/mutate';
import { FuzzRunner, problemsOf, startFuzzServer, summarize, type Outcome } from '../support/fuzz-run';

const SEED = 20250630;
const SAMPLE = 50;
// 5,000-row tables take ~20 s each on a loaded 2-core machine: the sample's are 1,000 rows (the bench runs 5,000).
const HUGE_ROWS_SAMPLE = 1000;

test('fuzz: 50 mutated host pages of both skins leave the host page alone and get an honest status', async ({ context }) => {
  test.setTimeout(120_000);
  const server = await startFuzzServer(0);
  const outcomes: Outcome[] = [];
  try {
    const runner = new FuzzRunner(context, server);
    await runner.open();
    // The detectors can fail: a page that changes itself after DOMContentLoaded, runs a payload and throws.
    const control = await runner.run({
      seed: 0, index: -1, fixture: { skin: 'classic', name: 'control', profile: 'demo-classic', path: '/classic/top' }, operator: 'identity',
      detail: 'detector self-test', entry: '/classic/top', target: '/classic/top',
      pages: [{ path: '/classic/top', html: '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><span id="curUser">张三</span>' +
        '<script>addEventListener("load", () => { document.body.setAttribute("data-x", "1"); window.__zxFuzzPwned = 1; setTimeout(() => { throw new Error("boom"); }); });</script></body></html>' }],
    });
    expect(control.hostChanges.length, 'host DOM change detected').toBeGreaterThan(0);
    expect(control.executions, 'execution detected').toBe(1);
    expect(control.uncaught.join(' '), 'uncaught error detected').toContain('boom');
    for (const m of sampleMutations(SEED, SAMPLE, { hugeRows: HUGE_ROWS_SAMPLE })) outcomes.push(await runner.run(m));
  } finally {
    await server.close();
  }
  const s = summarize(outcomes);
  const failures = outcomes
    .map((o) => ({ o, p: problemsOf(o) }))
    .filter((x) => x.p.length)
    .map(({ o, p }) => `#${o.index} ${o.fixture} ${o.operator} (${o.detail}): ${p.join(' | ')}`);
  const slow = [...outcomes].sort((a, b) => b.ms - a.ms).slice(0, 5).map((o) => `${o.operator} ${o.fixture} ${o.ms} ms`);
  console.log(`[fuzz] ${s.mutations} mutations, median ${s.msPerMutation} ms, slowest: ${slow.join('; ')}`);
  expect(s.mutations).toBe(SAMPLE);
  // every operator ran on this sample
  expect(Object.keys(s.byOperator).length).toBeGreaterThanOrEqual(16);
  expect(failures, failures.join('\n')).toEqual([]);
  expect(s.executions).toBe(0);
});
