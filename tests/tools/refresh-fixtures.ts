// Regenerate the saved host pages in tests/fixtures/<skin>/<name>.html from a running demo court system
// (tests/host), for when its markup changes. The pages are listed in tests/fixtures/manifest.json.
//
//   PORT=5191 DATA_DIR=/tmp/zx-fixture-host DEMO_TODAY=2025-06-30 npx tsx tests/host/server.ts &
//   npx tsx tests/tools/refresh-fixtures.ts --base http://127.0.0.1:5191 [--only classic|modern] [--expected] [--check-api]
//
// The server must run with DEMO_TODAY=2025-06-30 and the default seed, so that the same cases come back.
// Classic pages are server-rendered: fetched as the browser gets them. Modern pages are rendered in Chromium
// (playwright-core, /usr/bin/chromium) and saved with page.content() once `#app.is-ready` is shown.
//
// --expected   also (re)writes each <name>.json from the engine's output. Review every changed .json by hand
//              (git diff): a fixture is a statement of what is right, not of what the engine printed.
// --check-api  compares each one-case page's extraction with the host's own JSON (GET /api/cases/:id) and prints
//              every difference (a review aid: the API uses half-width brackets and lists events chronologically).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { extractFromHtml, loadProfile } from '../../utils/host/extract-cli';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

interface Entry {
  skin: 'classic' | 'modern';
  name: string;
  profile: string;
  user: string;
  path: string;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

async function main() {
  const base = (arg('base') ?? 'http://127.0.0.1:5180').replace(/\/$/, '');
  const only = arg('only');
  const manifest = JSON.parse(readFileSync(join(FIXTURES, 'manifest.json'), 'utf8')) as { origin: string; pages: Entry[] };
  const entries = manifest.pages.filter((e) => !only || e.skin === only);

  const browser = entries.some((e) => e.skin === 'modern')
    ? await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] })
    : null;
  try {
    for (const e of entries) {
      let html: string;
      if (e.skin === 'classic') {
        const res = await fetch(base + e.path, { headers: { cookie: `ZXSID=${e.user}` }, redirect: 'manual' });
        if (res.status !== 200) throw new Error(`${e.path}: HTTP ${res.status}`);
        html = await res.text();
      } else {
        const context = await browser!.newContext();
        const page = await context.newPage();
        await page.goto(`${base}/login?user=${e.user}&next=${encodeURIComponent(e.path)}`);
        await page.waitForSelector('#app.is-ready', { timeout: 15_000 });
        html = await page.content();
        await context.close();
      }
      const file = join(FIXTURES, e.skin, `${e.name}.html`);
      mkdirSync(dirname(file), { recursive: true });
      // The saved page is the one a user at the canonical origin would see.
      html = html.split(base).join(manifest.origin);
      writeFileSync(file, html);
      const url = manifest.origin + e.path;
      const p = loadProfile(e.profile);
      if (!p.ok) throw new Error(`${e.profile}: ${p.errors.join('; ')}`);
      const result = extractFromHtml(p.profile, html, url);
      console.log(`${e.skin}/${e.name}: ${result.kind}, ${result.cases.length} case(s), ${result.missing.length} missing, ${result.errors.length} error(s)`);
      if (flag('expected')) writeFileSync(join(FIXTURES, e.skin, `${e.name}.json`), JSON.stringify(result, null, 2) + '\n');
      if (flag('check-api') && result.kind === 'case-detail' && result.cases[0]?.hostRef) {
        const api = (await (await fetch(`${base}/api/cases/${result.cases[0].hostRef}`, { headers: { 'X-Demo-User': 'u501' } })).json()) as Record<string, unknown>;
        for (const d of compare(result.cases[0] as Record<string, unknown>, api)) console.log(`  ≠ ${d}`);
      }
    }
  } finally {
    await browser?.close();
  }
}

const half = (s: string) => s.replace(/（/g, '(').replace(/）/g, ')');
function canon(v: unknown): string {
  return typeof v === 'string' ? half(v) : JSON.stringify(v);
}
/** Differences between an extracted snapshot and the host's JSON, for the fields the snapshot has. */
function compare(snap: Record<string, unknown>, api: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(snap)) {
    if (k === 'url') continue;
    const a = api[k];
    if (Array.isArray(v) && Array.isArray(a) && typeof v[0] === 'object') {
      const norm = (xs: unknown[]) =>
        xs
          .map((x) => {
            const o = { ...(x as Record<string, unknown>) };
            delete o.type;
            delete o.pages; // 页数 is not part of the case model
            if (o.postponed === false) delete o.postponed;
            return o;
          });
      const mine = norm(v).map((o) => canon(Object.fromEntries(Object.entries(o).sort())));
      let theirs = norm(a).map((o) => canon(Object.fromEntries(Object.entries(o).sort())));
      if (k === 'documents') {
        const volumes = (v as Array<Record<string, unknown>>).some((d) => d.volume);
        theirs = norm(a)
          .filter((o) => (volumes ? 'volume' in o : !('volume' in o)))
          .map((o) => canon(Object.fromEntries(Object.entries(o).sort())));
        // 电子卷宗 rows carry no ref in the page
        if (volumes) theirs = theirs.map((s) => canon(Object.fromEntries(Object.entries(JSON.parse(s)).filter(([kk]) => kk !== 'ref'))));
      }
      const ms = new Set(mine), ts = new Set(theirs);
      for (const m of mine) if (!ts.has(m)) out.push(`${k}: page has ${m}`);
      for (const t of theirs) if (!ms.has(t)) out.push(`${k}: api has ${t}`);
    } else if (canon(v) !== canon(a)) out.push(`${k}: page ${canon(v)} · api ${canon(a)}`);
  }
  return out;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
