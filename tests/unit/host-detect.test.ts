// URL-only page detection: tables of URLs that must and must not match (refined-github style).
import { describe, expect, it } from 'vitest';
import { detectPage, detectPages, globToRegExp, originMatches } from '../../utils/host/detect';
import { BUILTIN_PROFILES } from '../../utils/host/profiles';
import { parseProfile, type HostProfile } from '../../utils/host/profile';

const O = 'http://127.0.0.1:5180';
const kindOf = (url: string) => {
  const d = detectPage(BUILTIN_PROFILES, url);
  return d ? `${d.profile.id}:${d.page.kind}` : null;
};

describe('built-in profiles', () => {
  it.each([
    [`${O}/login`, 'demo-classic:login'],
    [`${O}/login?user=u101&next=%2Fapp%2F`, 'demo-classic:login'],
    [`${O}/classic/`, 'demo-classic:other'],
    // the banner frame: read for the current user (#curUser) only
    [`${O}/classic/top`, 'demo-classic:other'],
    [`${O}/classic/cases`, 'demo-classic:case-list'],
    [`${O}/classic/cases?page=3&size=500&scope=all`, 'demo-classic:case-list'],
    [`${O}/classic/cases/`, 'demo-classic:case-list'],
    [`${O}/classic/reviews`, 'demo-classic:review-list'],
    [`${O}/classic/case/c000123/basic`, 'demo-classic:case-detail'],
    [`${O}/classic/case/c000123/archive`, 'demo-classic:case-detail'],
    [`${O}/classic/case/c000123/docs#doc-c000123-w03`, 'demo-classic:case-detail'],
    [`http://localhost:5180/classic/case/c1/parties`, 'demo-classic:case-detail'],
    [`${O}/app/cases`, 'demo-modern:case-list'],
    [`${O}/app/cases?page=2&size=50`, 'demo-modern:case-list'],
    [`${O}/app/reviews`, 'demo-modern:review-list'],
    [`${O}/app/cases/c000123`, 'demo-modern:case-detail'],
    [`${O}/app/cases/c000123/basic`, 'demo-modern:case-detail'],
    [`${O}/app/cases/c000123/changes?x=1`, 'demo-modern:case-detail'],
    // The demo system runs on any loopback port (npm start: 5180, e2e tests: their own port).
    [`http://127.0.0.1:5199/classic/cases`, 'demo-classic:case-list'],
    [`http://localhost:8080/app/reviews`, 'demo-modern:review-list'],
  ])('%s → %s', (url, want) => {
    expect(kindOf(url)).toBe(want);
  });

  it.each([
    `${O}/`,
    `${O}/classic/menu`,
    `${O}/classic/casesx`,
    `${O}/classic/case/c000123`,
    `${O}/classic/case/c000123/basic/extra`,
    `${O}/classic/reviews/1`,
    `${O}/app/`,
    `${O}/app/cases/c1/basic/more`,
    `${O}/app/static/app.js`,
    `${O}/api/cases`,
    `${O}/api/cases/c000123`,
    `http://10.0.0.7:5180/classic/cases`,
    `http://127.0.0.2:5180/classic/cases`,
    `https://127.0.0.1:5180/classic/cases`,
    `http://evil.example/classic/cases`,
    `http://127.0.0.1:5180.evil.example/classic/cases`,
    `not a url`,
    ``,
  ])('%s → nothing', (url) => {
    expect(kindOf(url)).toBeNull();
  });

  it('lists every candidate (the engine then checks match.selector)', () => {
    expect(detectPages(BUILTIN_PROFILES, `${O}/classic/cases`).map((d) => d.page.kind)).toEqual(['case-list']);
  });
});

describe('globs, hashes, queries and origins', () => {
  const r = parseProfile({
    id: 'hash-app',
    name: 'H',
    version: '1',
    origins: ['http://*.court.local', 'https://10.0.0.5:8443'],
    pages: [
      { kind: 'case-detail', match: { path: '/index.html', hash: '/case/*' }, fields: { caseNo: { selector: 'h1' } } },
      { kind: 'case-list', match: { path: '/**/list.do', query: { tab: 'todo*' } }, rows: { table: { selector: 'table' }, fields: { caseNo: { column: '案号' } } } },
      { kind: 'archive', match: { regex: '^/archive/\\d+$' } },
    ],
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  const profiles: HostProfile[] = [r.profile];
  const kind = (url: string) => detectPage(profiles, url)?.page.kind ?? null;

  it.each([
    ['http://fy.court.local/index.html#/case/123', 'case-detail'],
    ['http://fy.court.local/index.html#/case/%E6%A1%88', 'case-detail'],
    ['https://10.0.0.5:8443/a/b/list.do?tab=todo', 'case-list'],
    ['https://10.0.0.5:8443/list.do?x=1&tab=todo-mine', 'case-list'],
    ['http://a.court.local/archive/42', 'archive'],
  ])('%s → %s', (url, want) => expect(kind(url)).toBe(want));

  it.each([
    'http://fy.court.local/index.html#/case/1/edit',
    'http://fy.court.local/index.html',
    'http://court.local/index.html#/case/1',
    'http://a.b.court.local/index.html#/case/1',
    'https://10.0.0.5:8443/list.do',
    'https://10.0.0.5:8443/list.do?tab=done',
    'https://10.0.0.5/list.do?tab=todo',
    'http://a.court.local/archive/42x',
  ])('%s → nothing', (url) => expect(kind(url)).toBeNull());

  it('glob and origin helpers', () => {
    expect(globToRegExp('/a/*/c').test('/a/b/c')).toBe(true);
    expect(globToRegExp('/a/*/c').test('/a/b/x/c')).toBe(false);
    expect(globToRegExp('/a/**/c').test('/a/b/x/c')).toBe(true);
    expect(globToRegExp('/a/**/c').test('/a/c')).toBe(true);
    expect(globToRegExp('/a/**').test('/a/b/c')).toBe(true);
    expect(globToRegExp('/a.b?').test('/a.bc')).toBe(true);
    expect(globToRegExp('/a.b').test('/axb')).toBe(false);
    expect(originMatches('http://127.0.0.1:5180', 'http://127.0.0.1:5180')).toBe(true);
    expect(originMatches('http://127.0.0.1:80', 'http://127.0.0.1')).toBe(true);
    expect(originMatches('http://*.court.local', 'http://x.court.local')).toBe(true);
    expect(originMatches('http://*.court.local', 'http://x.court.local:81')).toBe(false);
  });
});
