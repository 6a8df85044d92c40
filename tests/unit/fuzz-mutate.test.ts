// The fuzz mutator (tests/support/mutate.ts): deterministic for a seed, and each operator changes what it says.
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import {
  HUGE_ROWS,
  JS_URL,
  OPERATORS,
  PWNED_FLAG,
  Rng,
  loadFixtures,
  mutate,
  mutationAt,
  oddDates,
  sampleMutations,
  type Fixture,
  type Operator,
} from '../support/mutate';
import { datesShown } from '../support/fuzz-run';

const fixtures = loadFixtures();
const fx = (skin: string, name: string): Fixture => fixtures.find((f) => f.skin === skin && f.name === name)!;
const doc = (html: string) => parseHTML(html).document as unknown as Document;
const run = (f: Fixture, op: Operator, seed = 7) => mutate(f, new Rng(seed), op);
const main = (m: ReturnType<typeof run>) => m.pages.find((p) => p.path === m.target)!.html;

describe('fixtures', () => {
  it('loads the saved pages of both skins, modern ones without the SPA script', () => {
    expect(fixtures.filter((f) => f.skin === 'classic').length).toBeGreaterThanOrEqual(10);
    expect(fixtures.filter((f) => f.skin === 'modern').length).toBeGreaterThanOrEqual(10);
    for (const f of fixtures.filter((f) => f.skin === 'modern')) expect(f.html).not.toContain('app.js');
  });
});

describe('determinism', () => {
  it('the same seed and index give the same mutation; other seeds give other ones', () => {
    for (const i of [0, 1, 17, 999]) expect(JSON.stringify(mutationAt(42, i))).toBe(JSON.stringify(mutationAt(42, i)));
    const a = Array.from({ length: 20 }, (_, i) => JSON.stringify(mutationAt(1, i)));
    const b = Array.from({ length: 20 }, (_, i) => JSON.stringify(mutationAt(2, i)));
    expect(a).not.toEqual(b);
  });

  it('spreads over both skins and every operator in 400 mutations', () => {
    const ops = new Set<string>();
    const skins = new Set<string>();
    for (let i = 0; i < 400; i++) {
      const m = mutationAt(3, i);
      ops.add(m.operator);
      skins.add(m.fixture.skin);
    }
    expect([...ops].sort()).toEqual([...OPERATORS].sort());
    expect(skins.size).toBe(2);
  }, 60_000);

  it('the npm-test sample covers every operator, is the size asked and is stable', () => {
    const s = sampleMutations(5, 50);
    expect(s).toHaveLength(50);
    expect(new Set(s.map((m) => m.operator)).size).toBe(OPERATORS.length);
    expect(JSON.stringify(sampleMutations(5, 50).map((m) => m.detail))).toBe(JSON.stringify(s.map((m) => m.detail)));
  }, 60_000);
});

describe('operators change what they say', () => {
  const basic = fx('classic', 'detail-basic');
  const list = fx('classic', 'case-list');
  const mlist = fx('modern', 'case-list');

  it('remove-element removes one element', () => {
    const m = run(basic, 'remove-element');
    expect(m.operator).toBe('remove-element');
    expect(doc(main(m)).querySelectorAll('*').length).toBeLessThan(doc(basic.html).querySelectorAll('*').length);
  });

  it('rename-element changes one tag name, keeping its attributes and children', () => {
    const m = run(basic, 'rename-element');
    expect(m.detail).toMatch(/→ <\w+>/);
    const to = /→ <(\w+)>/.exec(m.detail)![1];
    expect(doc(main(m)).querySelectorAll(to).length).toBeGreaterThan(doc(basic.html).querySelectorAll(to).length);
  });

  it('rename-class and rename-id rename exactly what the detail names', () => {
    const c = run(list, 'rename-class');
    const [, from, to] = /class \.(\S+) → \.(\S+)/.exec(c.detail)!;
    expect(doc(main(c)).querySelectorAll(`.${to}`).length).toBeGreaterThan(0);
    expect(doc(main(c)).querySelectorAll(`.${from}`).length).toBe(doc(list.html).querySelectorAll(`.${from}`).length - 1);
    const i = run(basic, 'rename-id');
    const [, a, b] = /id #(\S+) → #(\S+)/.exec(i.detail)!;
    expect(doc(main(i)).getElementById(a)).toBeNull();
    expect(doc(main(i)).getElementById(b)).not.toBeNull();
  });

  it('reorder-columns permutes header and cells alike (same multiset of cells per row)', () => {
    for (let seed = 1; seed < 6; seed++) {
      const m = run(list, 'reorder-columns', seed);
      const before = Array.from(doc(list.html).querySelectorAll('#caseList tr.grid-row')).map((r) => Array.from(r.children).map((c) => c.textContent).sort());
      const after = Array.from(doc(main(m)).querySelectorAll('#caseList tr.grid-row')).map((r) => Array.from(r.children).map((c) => c.textContent).sort());
      if (!/columns of table#caseList/.test(m.detail)) continue;
      expect(after).toEqual(before);
      const head = Array.from(doc(main(m)).querySelectorAll('#caseList tr.grid-head th')).map((th) => th.textContent);
      const perm = JSON.parse(/→ (\[.*\])/.exec(m.detail)![1]) as number[];
      const orig = Array.from(doc(list.html).querySelectorAll('#caseList tr.grid-head th')).map((th) => th.textContent);
      expect(head).toEqual(perm.map((i) => orig[i]));
      return;
    }
    throw new Error('no seed reordered #caseList');
  });

  it('empty-cell empties one cell', () => {
    const m = run(basic, 'empty-cell');
    expect(m.detail).toMatch(/^emptied /);
    const textBefore = doc(basic.html).body.textContent!.replace(/\s/g, '').length;
    expect(doc(main(m)).body.textContent!.replace(/\s/g, '').length).toBeLessThan(textBefore);
  });

  it('odd-date puts the odd text in place of a date and says what a reader may make of it', () => {
    const m = run(basic, 'odd-date', 11);
    expect(m.oddDate).toBeDefined();
    expect(main(m)).toContain(m.oddDate!.replaced.replace(/&/g, '&amp;').trim());
    expect(oddDates('classic', 2024, 5, 20).map((d) => d.text)).toEqual(expect.arrayContaining(['2024年13月40日', '0000年00月00日', '２０２４年０５月２０日', '二〇二四年五月二十日']));
    for (const d of oddDates('modern', 2024, 5, 20)) {
      // a spelling declared "not a date" shows no valid date; one declared "the same day" shows that day or none
      const shown = datesShown(d.text);
      if (d.expected === null) expect(shown.size === 0 || d.text.includes('至'), d.text).toBe(true);
      else expect(shown.size === 0 || shown.has(d.expected), d.text).toBe(true);
    }
  });

  it('inject-markup puts the payload as text (escaped) into the text fields, never as markup', () => {
    const m = run(fx('modern', 'detail-archive'), 'inject-markup', 3);
    expect(m.payload).toContain(PWNED_FLAG);
    const d = doc(main(m));
    expect(d.body.textContent).toContain(m.payload!);
    // nothing the payload would create exists as an element
    expect(d.querySelectorAll('img[src="x"], svg, [onerror], [onload]').length).toBe(0);
    expect(d.querySelectorAll('script').length).toBe(doc(fx('modern', 'detail-archive').html).querySelectorAll('script').length);
  });

  it('inject-url rewrites links to javascript: URLs or markup-laden hrefs', () => {
    const m = run(list, 'inject-url', 4);
    const hrefs = Array.from(doc(main(m)).querySelectorAll('a[href]')).map((a) => a.getAttribute('href')!);
    expect(hrefs.some((h) => h === JS_URL || h.includes('onerror'))).toBe(true);
  });

  it(`huge-table grows the case list to ${HUGE_ROWS} distinct rows (both skins)`, () => {
    const c = doc(main(run(list, 'huge-table')));
    const rows = Array.from(c.querySelectorAll('#caseList tr.grid-row'));
    expect(rows).toHaveLength(HUGE_ROWS);
    expect(new Set(rows.map((r) => r.querySelector('td.ah')!.textContent)).size).toBe(HUGE_ROWS);
    const m = doc(main(run(mlist, 'huge-table')));
    const mrows = Array.from(m.querySelectorAll('#caseGrid .grid-row'));
    expect(mrows).toHaveLength(HUGE_ROWS);
    expect(new Set(mrows.map((r) => r.id)).size).toBe(HUGE_ROWS);
  }, 30_000);

  it('nested-frames serves the page at its own path inside two iframes; in-portal inside the classic frameset', () => {
    const n = run(basic, 'nested-frames');
    expect(n.entry).toBe('/fuzz/outer');
    expect(n.pages.map((p) => p.path)).toEqual(['/fuzz/outer', '/fuzz/inner', basic.path]);
    expect(n.pages[0].html).toContain('src="/fuzz/inner"');
    expect(n.pages[1].html).toContain(`src="${basic.path}"`);
    const p = run(basic, 'in-portal');
    expect(p.entry).toBe('/classic/');
    expect(p.pages.find((x) => x.path === '/classic/')!.html).toContain(`name="mainFrame" id="mainFrame" src="${basic.path}"`);
    expect(p.pages.map((x) => x.path)).toContain('/classic/top');
  });

  it('duplicate-id adds a second element with the same id', () => {
    const m = run(basic, 'duplicate-id');
    const id = /#(\S+)/.exec(m.detail)![1];
    expect(doc(main(m)).querySelectorAll(`[id="${id}"]`).length).toBe(2);
  });

  it('truncate-html cuts the page text short', () => {
    const m = run(basic, 'truncate-html');
    expect(main(m).length).toBeLessThan(basic.html.length);
    expect(basic.html.startsWith(main(m))).toBe(true);
  });

  it('identity leaves the page as saved', () => {
    expect(main(run(basic, 'identity'))).toBe(basic.html);
  });
});
