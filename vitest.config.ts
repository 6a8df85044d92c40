import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  plugins: [WxtVitest()],
  resolve: {
    // webextension-polyfill throws outside an extension; unit tests get WXT's fake browser instead.
    alias: { 'webextension-polyfill': fileURLToPath(new URL('./tests/unit/support/fake-polyfill.ts', import.meta.url)) },
  },
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    environment: 'happy-dom',
    setupFiles: ['tests/unit/setup.ts'],
    testTimeout: 20_000,
  },
});
