#!/usr/bin/env node
// `npm test`: type check, unit tests, build, e2e tests. Prints one closing line `N passed, N failed`
// counted from the runners' JSON reports, and exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const root = new URL('../..', import.meta.url).pathname;
process.chdir(root);
mkdirSync('.tmp', { recursive: true });

let passed = 0;
let failed = 0;
const run = (label, cmd, args) => {
  console.log(`\n▶ ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  return r.status === 0;
};

if (!existsSync('node_modules/.bin/wxt')) run('install', 'npm', ['ci']);

// 1. type check counts as one check
if (run('type check', 'npx', ['tsc', '--noEmit'])) passed++; else failed++;

// 2. unit tests
rmSync('.tmp/unit-results.json', { force: true });
const unitOk = run('unit tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=.tmp/unit-results.json']);
const unit = readJson('.tmp/unit-results.json');
if (unit) { passed += unit.numPassedTests; failed += unit.numFailedTests; }
if (!unitOk && (!unit || unit.numFailedTests === 0)) failed++; // runner failed outside tests

// 3. build (both browsers) counts as one check
const buildOk = run('build', 'npm', ['run', 'build']);
if (buildOk) passed++; else failed++;

// 4. e2e tests against the built extension
if (buildOk) {
  rmSync('.tmp/e2e-results.json', { force: true });
  const e2eOk = run('e2e tests', 'npx', ['playwright', 'test']);
  const e2e = readJson('.tmp/e2e-results.json');
  if (e2e) {
    const s = e2e.stats ?? {};
    passed += (s.expected ?? 0) + (s.flaky ?? 0);
    failed += (s.unexpected ?? 0);
  }
  if (!e2eOk && (!e2e || (e2e.stats?.unexpected ?? 0) === 0)) failed++;
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

function readJson(f) {
  try { return JSON.parse(readFileSync(f, 'utf8')); } catch { return null; }
}
