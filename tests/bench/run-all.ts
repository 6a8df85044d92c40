// Runs every benchmark in tests/bench, each as its own child process (`npx tsx <file>`), and prints their JSON
// lines ({"name","value","unit","budget","better"}) on stdout; their diagnostics go to stderr. Builds the
// extension first when .output is missing (overlay.ts, content-size.ts and heap.ts need it). `npm run bench`.
// Exit code 1 when a benchmark fails to run; figures over budget are listed at the end (stderr) but do not fail.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const BENCHES = ['deadline.ts', 'ingest.ts', 'views.ts', 'indicators.ts', 'similar.ts', 'similar-scale.ts', 'overlay.ts', 'content-size.ts', 'dashboard.ts', 'heap.ts', 'fuzz.ts', 'scale.ts'];
const NEEDS_BUILD = new Set(['overlay.ts', 'content-size.ts', 'dashboard.ts', 'heap.ts', 'fuzz.ts', 'scale.ts']);

interface Figure { name: string; value: number; unit: string; budget?: number; better?: 'lower' | 'higher' }

function isFigure(x: unknown): x is Figure {
  const f = x as Figure;
  return !!f && typeof f === 'object' && typeof f.name === 'string' && typeof f.value === 'number' && typeof f.unit === 'string';
}

const only = process.argv.slice(2);
const selected = only.length ? BENCHES.filter((b) => only.some((o) => b.startsWith(o))) : BENCHES;

if (selected.some((b) => NEEDS_BUILD.has(b)) && !existsSync(resolve('.output/chrome-mv3/manifest.json'))) {
  console.error('[bench] .output is missing: building the extension (npx wxt build)…');
  const b = spawnSync('npx', ['wxt', 'build'], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (b.status !== 0) {
    console.error('[bench] build failed');
    process.exit(1);
  }
}

const failed: string[] = [];
const over: string[] = [];
for (const file of selected) {
  const path = resolve('tests/bench', file);
  if (!existsSync(path)) {
    console.error(`[bench] ${file}: missing`);
    failed.push(file);
    continue;
  }
  const t0 = Date.now();
  const r = spawnSync('npx', ['tsx', path], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] });
  let figures = 0;
  for (const line of (r.stdout ?? '').split('\n')) {
    const t = line.trim();
    if (!t.startsWith('{')) continue;
    let parsed: unknown;
    try { parsed = JSON.parse(t); } catch { continue; }
    if (!isFigure(parsed)) continue; // e.g. a summary object
    figures++;
    console.log(JSON.stringify(parsed));
    const f = parsed;
    if (typeof f.budget === 'number' && (f.better === 'higher' ? f.value < f.budget : f.value > f.budget)) {
      over.push(`${f.name}: ${f.value} ${f.unit} (budget ${f.budget})`);
    }
  }
  console.error(`[bench] ${file}: ${figures} figures in ${((Date.now() - t0) / 1000).toFixed(1)} s${r.status !== 0 ? ` — exit ${r.status}` : ''}`);
  if (r.status !== 0 || figures === 0) failed.push(file);
}
if (over.length) console.error(`[bench] over budget:\n  ${over.join('\n  ')}`);
if (failed.length) {
  console.error(`[bench] failed: ${failed.join(', ')}`);
  process.exit(1);
}
