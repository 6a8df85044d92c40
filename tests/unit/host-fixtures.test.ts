// Every saved host page (tests/fixtures/<skin>/<name>.html) → profile engine → deep-equal its .json.
// Parsed with linkedom (as `npm run extract` does) and with happy-dom's DOMParser (as in a browser).
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { applyProfile, stripAnchors } from '../../utils/host/engine';
import { builtinProfile } from '../../utils/host/profiles';

const DIR = join(__dirname, '..', 'fixtures');
const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as {
  origin: string;
  pages: Array<{ skin: string; name: string; profile: string; path: string }>;
};

describe('host fixtures', () => {
  it('the manifest lists every saved page', () => {
    const listed = new Set(manifest.pages.map((p) => `${p.skin}/${p.name}.html`));
    for (const skin of ['classic', 'modern']) {
      for (const f of readdirSync(join(DIR, skin)).filter((f) => f.endsWith('.html'))) expect(listed).toContain(`${skin}/${f}`);
    }
  });

  for (const p of manifest.pages) {
    const html = readFileSync(join(DIR, p.skin, `${p.name}.html`), 'utf8');
    const expected = JSON.parse(readFileSync(join(DIR, p.skin, `${p.name}.json`), 'utf8'));
    const url = manifest.origin + p.path;
    const profile = builtinProfile(p.profile)!;

    it(`${p.skin}/${p.name} (linkedom)`, () => {
      const { document } = parseHTML(html);
      expect(stripAnchors(applyProfile(profile, document as unknown as Document, url))).toEqual(expected);
    });

    it(`${p.skin}/${p.name} (happy-dom)`, () => {
      // happy-dom would try to fetch stylesheets and scripts: the extraction needs neither.
      const inert = html.replace(/<link\b[^>]*>/gi, '').replace(/<script\b[\s\S]*?<\/script>/gi, '');
      const doc = new DOMParser().parseFromString(inert, 'text/html');
      const r = applyProfile(profile, doc, url);
      expect(stripAnchors(r)).toEqual(expected);
      if (r.rowAnchors) {
        expect(r.rowAnchors).toHaveLength(r.cases.length);
        r.rowAnchors.forEach((a, i) => expect(a.textContent).toContain(r.cases[i].caseNo));
      }
    });
  }

  it('covers both skins and every page kind asked for', () => {
    for (const skin of ['classic', 'modern']) {
      const names = manifest.pages.filter((p) => p.skin === skin).map((p) => p.name);
      for (const n of ['case-list', 'review-list', 'detail-basic', 'detail-parties', 'detail-changes', 'detail-docs', 'detail-archive']) expect(names).toContain(n);
    }
  });
});
