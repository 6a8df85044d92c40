import { defineConfig } from '@playwright/test';

// E2E tests drive Debian's Chromium with the built extension (see tests/e2e/fixtures.ts).
// One worker: fastest on 2 cores, and tests share one demo court system.
export default defineConfig({
  testDir: 'tests/e2e',
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: process.env.CI ? 1 : 0,
  reporter: [['list'], ['json', { outputFile: '.tmp/e2e-results.json' }]],
  globalSetup: './tests/e2e/global-setup.ts',
  use: { trace: 'off' },
});
