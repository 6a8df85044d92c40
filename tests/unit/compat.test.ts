// Our own code uses no extension or web API newer than Chromium 109 (see tests/support/compat-rules.ts).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findNewerApis } from '../support/compat-rules';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}

describe('compatibility with Chromium 109', () => {
  it('the rule list catches what it should', () => {
    expect(findNewerApis('const x = list.toSorted((a, b) => a - b);').map((r) => r.what)).toEqual(['Array.prototype.toSorted']);
    expect(findNewerApis('const x = [...list].sort((a, b) => a - b);')).toEqual([]);
    // Feature detection with a fallback is fine; a bare use is not.
    expect(findNewerApis('typeof URL.canParse=="function"?URL.canParse(e):(new URL(e),!0)')).toEqual([]);
    expect(findNewerApis('return URL.canParse(e)').map((r) => r.what)).toEqual(['URL.canParse']);
  });
  it('no source file of the extension uses a newer API', () => {
    const hits = ['entrypoints', 'components', 'utils'].flatMap(sources).flatMap((file) =>
      findNewerApis(readFileSync(file, 'utf8')).map((r) => `${file}: ${r.what} (${r.since})`),
    );
    expect(hits).toEqual([]);
  });
});
