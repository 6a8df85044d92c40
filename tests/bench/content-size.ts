// Content-script size: the gzipped size of the built content script that runs in every host-system frame.
// Prints one JSON line. Run: npx tsx tests/bench/content-size.ts  (needs `npx wxt build` first)
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const FILE = resolve('.output/chrome-mv3/content-scripts/host.js');
const BUDGET_KB = 60;

if (!existsSync(FILE)) {
  console.error(`${FILE} is missing: run \`npx wxt build\` first.`);
  process.exit(1);
}
const raw = readFileSync(FILE);
const gz = gzipSync(raw, { level: 9 });
const kb = (n: number) => Math.round((n / 1024) * 10) / 10;
console.log(JSON.stringify({ name: 'content script host.js (gzip)', value: kb(gz.length), unit: 'KB', budget: BUDGET_KB, better: 'lower' }));
console.log(JSON.stringify({ name: 'content script host.js (raw)', value: kb(raw.length), unit: 'KB', better: 'lower' }));
