#!/usr/bin/env node
// `npm start`: on a fresh clone, install what is missing, build the extension, start the demo court system
// and open Chromium with the extension loaded on it. Headed when a display exists; otherwise headless,
// printing the URL and saving a screenshot of the overlay.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const root = new URL('../..', import.meta.url).pathname;
process.chdir(root);
const port = Number(process.env.PORT ?? 5180);
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function step(label, cmd, args) {
  console.log(`▶ ${label}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`✗ ${label} failed (exit ${r.status}).`);
    process.exit(r.status ?? 1);
  }
}

if (!existsSync('node_modules/.bin/wxt')) step('Installing dependencies (npm ci)', 'npm', ['ci', '--no-audit', '--no-fund']);
const needsL10n = chromiumPath === '/usr/bin/chromium' && !existsSync('/usr/lib/chromium/locales/zh-CN.pak');
const needsFonts = existsSync('/usr/bin/apt-get') && !existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc');
if (!existsSync(chromiumPath) || needsL10n || needsFonts) {
  if (process.getuid?.() === 0) {
    // chromium-l10n carries the zh-CN UI locale, which the extension's Chinese UI follows;
    // fonts-noto-cjk lets a headless machine render (and screenshot) Chinese text.
    step('Installing Chromium and CJK fonts (apt)', 'bash', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-l10n fonts-noto-cjk']);
  } else if (!existsSync(chromiumPath)) {
    console.error(`Chromium not found at ${chromiumPath}. Install it (Debian: sudo apt-get install chromium chromium-l10n) or set CHROMIUM_PATH.`);
    process.exit(1);
  } else {
    console.warn('Tip: install chromium-l10n and fonts-noto-cjk for the Chinese UI and readable screenshots.');
  }
}
step('Building the extension', 'npx', ['wxt', 'build']);

const headed = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && !process.env.HEADLESS;
const child = spawn('npx', ['tsx', 'tests/tools/open-demo.ts', headed ? '--headed' : '--headless'], {
  stdio: 'inherit',
  env: { ...process.env, PORT: String(port), CHROMIUM_PATH: chromiumPath },
});
const stop = () => child.kill('SIGINT');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => process.exit(code ?? 0));
