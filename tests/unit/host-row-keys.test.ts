// The 案号-only read of a list page (drawn before the full read, utils/overlay/run.ts) must find exactly the rows
// and anchors the full read finds, on the saved list pages of both skins.
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../utils/host/engine-core';
import { BUILTIN_PROFILES } from '../../utils/host/profiles';
import { rowKeysProfile } from '../../utils/host/row-keys';

const PAGES = [
  ['demo-classic', 'classic', 'case-list', 'http://127.0.0.1:5180/classic/cases?page=1&size=20'],
  ['demo-classic', 'classic', 'review-list', 'http://127.0.0.1:5180/classic/reviews'],
  ['demo-modern', 'modern', 'case-list', 'http://127.0.0.1:5180/app/cases?page=1&size=20&scope=mine'],
  ['demo-modern', 'modern', 'review-list', 'http://127.0.0.1:5180/app/reviews'],
] as const;

describe('rowKeysProfile', () => {
  it.each(PAGES)('%s %s: same 案号 and anchors as the full read, and nothing else', (id, skin, name, url) => {
    const doc = parseHTML(readFileSync(`tests/fixtures/${skin}/${name}.html`, 'utf8')).document as unknown as Document;
    const profile = BUILTIN_PROFILES.find((p) => p.id === id)!;
    const full = extractPage(profile, doc, url);
    const keys = extractPage(rowKeysProfile(profile), doc, url);
    expect(full.cases.length).toBeGreaterThan(0);
    expect(keys.kind).toBe(full.kind);
    expect(keys.cases.map((c) => c.caseNo)).toEqual(full.cases.map((c) => c.caseNo));
    expect(keys.rowAnchors).toEqual(full.rowAnchors);
    expect(keys.cases.every((c) => Object.keys(c).join() === 'caseNo')).toBe(true);
    expect(rowKeysProfile(profile)).toBe(rowKeysProfile(profile)); // derived once per profile
  });
});
