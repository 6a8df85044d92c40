// Starts one demo court system for the whole e2e run, on its own port and a fresh data directory,
// so tests never touch the data `npm start` uses.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { startServer } from '../host/server';

export default async function globalSetup() {
  if (!existsSync('.output/chrome-mv3/manifest.json')) {
    throw new Error('The extension is not built: run `npm run build` first (npm test does it).');
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'zx-e2e-court-'));
  const port = Number(process.env.E2E_PORT ?? 5199);
  const server = await startServer({ port, dataDir });
  process.env.DEMO_URL = server.url;
  return async () => server.close();
}
