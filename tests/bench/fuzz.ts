// Overlay fuzz benchmark (issue #8 item 1): ≥ 1,000 mutated saved pages of both demo skins (tests/support/mutate.ts),
// each opened in headless Chromium with the built extension and checked (tests/support/fuzz-run.ts). Prints JSON
// lines {"name","value","unit","budget","better"}: mutations run, uncaught errors, host-DOM changes, payload
// executions, dishonest statuses, ms per mutation (median); then one summary object and every failing mutation
// (on stderr, with its index, so that `--from I --count 1` replays it).
//   npx tsx tests/bench/fuzz.ts [--seed N] [--count N] [--from I]     (env FUZZ_SEED / FUZZ_COUNT; needs `npx wxt build`)
import { type BrowserContext } from '@playwright/test';
import { EXTENSION_DIR, launchWithExtension } from '../e2e/fixtures';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mutationAt } from '../support/mutate';
import { FuzzRunner, problemsOf, startFuzzServer, summarize, type Outcome } from '../support/fuzz-run';

export const DEFAULT_SEED = 20250630;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new Error('The extension is not built: run `npx wxt build` first.');
  const seed = Number(arg('seed') ?? process.env.FUZZ_SEED ?? DEFAULT_SEED);
  const count = Number(arg('count') ?? process.env.FUZZ_COUNT ?? 1000);
  const from = Number(arg('from') ?? 0);
  const userDataDir = mkdtempSync(join(tmpdir(), 'zx-fuzz-profile-'));
  const server = await startFuzzServer(Number(process.env.FUZZ_PORT ?? 0));
  let context: BrowserContext | undefined;
  const outcomes: Outcome[] = [];
  const t0 = Date.now();
  try {
    context = await launchWithExtension(userDataDir);
    if (!context.serviceWorkers().length) await context.waitForEvent('serviceworker');
    const runner = new FuzzRunner(context, server);
    await runner.open();
    for (let i = from; i < from + count; i++) {
      const m = mutationAt(seed, i);
      let o: Outcome;
      try {
        o = await runner.run(m);
      } catch (err) {
        o = { index: i, operator: m.operator, fixture: `${m.fixture.skin}/${m.fixture.name}`, detail: m.detail, ms: 0,
          uncaught: [], featureErrors: [], hostChanges: [], executions: 0, unsafe: [], dishonest: [], unsettled: [`runner: ${(err as Error).message.split('\n')[0]}`] };
      }
      outcomes.push(o);
      const p = problemsOf(o);
      if (p.length) console.error(`[fuzz] #${i} ${o.fixture} ${o.operator} (${o.detail}):\n    ${p.join('\n    ')}`);
      if ((i - from + 1) % 100 === 0) console.error(`[fuzz] ${i - from + 1}/${count} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }
  } finally {
    await context?.close();
    await server.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
  const s = summarize(outcomes);
  const line = (name: string, value: number, unit: string, budget: number, better: 'lower' | 'higher') =>
    console.log(JSON.stringify({ name, value, unit, budget, better }));
  line('fuzz.mutations', s.mutations, 'count', 1000, 'higher');
  line('fuzz.uncaught_errors', s.uncaught + s.featureErrors, 'count', 0, 'lower');
  line('fuzz.host_dom_changes', s.hostChanges, 'count', 0, 'lower');
  line('fuzz.payload_executions', s.executions + s.unsafe, 'count', 0, 'lower');
  line('fuzz.dishonest_status', s.dishonest + s.unsettled, 'count', 0, 'lower');
  line('fuzz.ms_per_mutation', s.msPerMutation, 'ms', 1500, 'lower');
  console.log(JSON.stringify({ summary: { seed, from, ...s, seconds: Math.round((Date.now() - t0) / 1000) } }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
