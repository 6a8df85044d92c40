import { launchWithExtension } from '../e2e/fixtures';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../host/server';
import { OVERLAY_INSTRUMENT } from './overlay';
const skin = process.argv[2] ?? 'classic';
(async () => {
  const server = await startServer({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'zxp-')) });
  const ctx = await launchWithExtension(mkdtempSync(join(tmpdir(), 'zxp-prof-')));
  if (!ctx.serviceWorkers().length) await ctx.waitForEvent('serviceworker');
  await ctx.addInitScript({ content: OVERLAY_INSTRUMENT });
  const page = await ctx.newPage();
  await page.goto(`${server.url}/login?user=u501&next=${encodeURIComponent('/classic/cases?size=10')}`);
  const path = skin === 'classic' ? '/classic/cases?size=500' : '/app/cases?size=500';
  const agg = new Map<string, number>();
  for (let i = 0; i < 6; i++) {
    await page.waitForTimeout(1500);
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await page.goto(`${server.url}${path}`);
    await page.waitForFunction(() => (window as any).__zxBench?.badgesAt != null, undefined, { timeout: 30000 });
    const { profile } = await cdp.send('Profiler.stop') as any;
    if (i === 0) continue;
    const dt = new Map<number, number>();
    const ids = profile.samples as number[]; const deltas = profile.timeDeltas as number[];
    ids.forEach((id, k) => dt.set(id, (dt.get(id) ?? 0) + deltas[k] / 1000));
    for (const n of profile.nodes) {
      const cf = n.callFrame; if (!cf.url.includes('chrome-extension')) continue;
      const key = `${cf.functionName || '(anon)'} ${cf.url.split('/').pop()}:${cf.lineNumber}`;
      agg.set(key, (agg.get(key) ?? 0) + (dt.get(n.id) ?? 0));
    }
    const r = await page.evaluate(() => { const s = (window as any).__zxBench; return s.badgesAt - s.rowsAt; });
    console.log('run', i, r);
  }
  console.log([...agg].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, v]) => `${(v / 5).toFixed(1)}ms ${k}`).join('\n'));
  await ctx.close(); await server.close();
})();
