// Seeded mutator over the saved demo-host pages (tests/fixtures/<skin>/<name>.html, listed in manifest.json) for the
// overlay fuzz (tests/e2e/fuzz.spec.ts, tests/bench/fuzz.ts). `mutationAt(seed, i)` is deterministic: the same seed
// and index give the same mutated page(s), whatever else was generated before. Each mutation is ONE named operator
// applied to the page parsed with linkedom (or, for truncate-html, to its text); frame operators wrap the page in
// extra documents. The modern skin's pages are its saved rendered DOM with the SPA script removed (a static
// snapshot: the content script reads the DOM, never the JSON endpoints).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { mulberry32 } from '../host/seed';

export const FIXTURES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

export type Skin = 'classic' | 'modern';
export interface Fixture {
  skin: Skin;
  name: string;
  profile: string;
  /** path + query the page was saved from (decides the page kind) */
  path: string;
  html: string;
}

export const OPERATORS = [
  'identity',
  'remove-element',
  'rename-element',
  'rename-class',
  'rename-id',
  'rename-label',
  'reorder-columns',
  'empty-cell',
  'odd-date',
  'inject-markup',
  'inject-url',
  'huge-table',
  'nested-frames',
  'in-portal',
  'duplicate-id',
  'truncate-html',
] as const;
export type Operator = (typeof OPERATORS)[number];

/** Relative weights (huge tables are slow to ingest, so rarer). */
const WEIGHTS: Record<Operator, number> = {
  identity: 1,
  'remove-element': 6,
  'rename-element': 4,
  'rename-class': 4,
  'rename-id': 3,
  'rename-label': 3,
  'reorder-columns': 4,
  'empty-cell': 6,
  'odd-date': 6,
  'inject-markup': 5,
  'inject-url': 2,
  'huge-table': 1,
  'nested-frames': 2,
  'in-portal': 2,
  'duplicate-id': 3,
  'truncate-html': 3,
};

/** Set by every payload when it runs; the fuzz asserts it stays unset in every frame. */
export const PWNED_FLAG = '__zxFuzzPwned';
const BUMP = `window.${PWNED_FLAG}=(window.${PWNED_FLAG}||0)+1`;
export const PAYLOADS = [
  `<img src=x onerror="${BUMP}">`,
  `<script>${BUMP}</script>`,
  `"><svg onload="${BUMP}">`,
  `'><iframe srcdoc="<script>parent.${PWNED_FLAG}=1</script>"></iframe>`,
  `</style></span></td><img src=x onerror=${BUMP}>`,
  `{{constructor.constructor('${BUMP}')()}}`,
];
export const JS_URL = `javascript:${BUMP}`;

export interface FuzzPage {
  /** pathname + search */
  path: string;
  html: string;
}

export interface OddDate {
  original: string;
  replaced: string;
  /** what a reader may make of `replaced`: the same ISO date, or null (not a date at all) */
  expected: string | null;
}

export interface Mutation {
  seed: number;
  index: number;
  fixture: { skin: Skin; name: string; profile: string; path: string };
  operator: Operator;
  /** what exactly was changed (for the report) */
  detail: string;
  /** every document to serve for this mutation */
  pages: FuzzPage[];
  /** the path to open (a frame wrapper, or `target`) */
  entry: string;
  /** the path of the mutated host page itself */
  target: string;
  oddDate?: OddDate;
  payload?: string;
}

// ───────────────────────────── fixtures ─────────────────────────────

let fixtureCache: Fixture[] | null = null;

/** Every saved page of both skins, in manifest order (modern pages without their SPA script). */
export function loadFixtures(): Fixture[] {
  if (fixtureCache) return fixtureCache;
  const manifest = JSON.parse(readFileSync(join(FIXTURES_DIR, 'manifest.json'), 'utf8')) as {
    pages: Array<{ skin: Skin; name: string; profile: string; path: string }>;
  };
  fixtureCache = manifest.pages.map((p) => {
    let html = readFileSync(join(FIXTURES_DIR, p.skin, `${p.name}.html`), 'utf8');
    if (p.skin === 'modern') html = html.replace(/<script\b[^>]*src="\/app\/static\/app\.js"[^>]*><\/script>/g, '');
    return { skin: p.skin, name: p.name, profile: p.profile, path: p.path, html };
  });
  return fixtureCache;
}

// ───────────────────────────── randomness ─────────────────────────────

export class Rng {
  private r: () => number;
  constructor(seed: number) {
    this.r = mulberry32(seed);
  }
  next(): number {
    return this.r();
  }
  int(a: number, b: number): number {
    return a + Math.floor(this.r() * (b - a + 1));
  }
  pick<T>(arr: readonly T[]): T {
    return arr[Math.floor(this.r() * arr.length)];
  }
  chance(p: number): boolean {
    return this.r() < p;
  }
  shuffle<T>(arr: T[]): T[] {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = Math.floor(this.r() * (i + 1));
      [arr[i], arr[j]] = [arr[j], arr[i]];
    }
    return arr;
  }
}

/** One 32-bit seed per (run seed, index): mutations are independent of each other. */
export function mixSeed(seed: number, index: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (index + 0x7f4a7c15), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

function pickOperator(rng: Rng, allowed: readonly Operator[]): Operator {
  const total = allowed.reduce((n, o) => n + WEIGHTS[o], 0);
  let x = rng.next() * total;
  for (const o of allowed) {
    x -= WEIGHTS[o];
    if (x < 0) return o;
  }
  return allowed[allowed.length - 1];
}

// ───────────────────────────── DOM helpers ─────────────────────────────

type Doc = Document;

function parse(html: string): Doc {
  return parseHTML(html).document as unknown as Doc;
}

function serialize(doc: Doc): string {
  return doc.toString();
}

function bodyElements(doc: Doc): Element[] {
  return doc.body ? Array.from(doc.body.querySelectorAll('*')) : [];
}

/** A leaf element with text: the host's "text fields". */
function textLeaves(doc: Doc): Element[] {
  return bodyElements(doc).filter((el) => el.children.length === 0 && (el.textContent ?? '').trim() !== '' && !['SCRIPT', 'STYLE'].includes(el.tagName));
}

function describe(el: Element): string {
  const id = el.getAttribute('id');
  const cls = (el.getAttribute('class') ?? '').trim().split(/\s+/).filter(Boolean).join('.');
  const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ');
  return `${el.tagName.toLowerCase()}${id ? `#${id}` : ''}${cls ? `.${cls}` : ''}${text ? `「${text.slice(0, 24)}${text.length > 24 ? '…' : ''}」` : ''}`;
}

function renameTag(doc: Doc, el: Element, tag: string): Element {
  const repl = doc.createElement(tag);
  for (const a of Array.from(el.attributes)) repl.setAttribute(a.name, a.value);
  while (el.firstChild) repl.appendChild(el.firstChild);
  el.parentNode!.replaceChild(repl, el);
  return repl;
}

const RENAMES: Record<string, string[]> = {
  td: ['th', 'div', 'span'],
  th: ['td', 'div'],
  tr: ['div'],
  table: ['div'],
  span: ['b', 'div', 'em', 'font'],
  div: ['section', 'span', 'p'],
  a: ['span', 'b'],
  li: ['div', 'p'],
  ol: ['ul', 'div'],
  ul: ['ol', 'div'],
  h2: ['h3', 'div'],
  h3: ['h4', 'div'],
};

// ───────────────────────────── dates ─────────────────────────────

const CLASSIC_DATE = /\d{4}年\d{2}月\d{2}日/;
const MODERN_DATE = /\d{4}-\d{2}-\d{2}/;
const CN_DIGITS = '〇一二三四五六七八九';

function toFullWidth(s: string): string {
  return s.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}
function cnNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n];
  const tens = Math.floor(n / 10), ones = n % 10;
  return `${tens === 1 ? '' : CN_DIGITS[tens]}十${ones ? CN_DIGITS[ones] : ''}`;
}

/** Odd spellings of a date (y, m, d) in a skin, each with what a correct reader may make of it. */
export function oddDates(skin: Skin, y: number, m: number, d: number): Array<{ text: string; expected: string | null }> {
  const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const zh = `${y}年${String(m).padStart(2, '0')}月${String(d).padStart(2, '0')}日`;
  const same = skin === 'classic' ? zh : iso;
  return [
    { text: skin === 'classic' ? `${y}年13月40日` : `${y}-13-40`, expected: null },
    { text: skin === 'classic' ? '0000年00月00日' : '0000-00-00', expected: null },
    { text: skin === 'classic' ? '2023年02月29日' : '2023-02-29', expected: null },
    { text: skin === 'classic' ? `${y}年00月${String(d).padStart(2, '0')}日` : `${y}-00-${String(d).padStart(2, '0')}`, expected: null },
    { text: '9999-99-99', expected: null },
    { text: skin === 'classic' ? `${y}年${String(m).padStart(2, '0')}月` : `${y}-${String(m).padStart(2, '0')}`, expected: null },
    { text: `${same}至${same}`, expected: null },
    { text: `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`, expected: null },
    { text: 'undefined', expected: null },
    { text: 'NaN-NaN-NaN', expected: null },
    { text: '—', expected: null },
    // Same day, other notation: a reader may read it (as exactly this day) or report it, never another day.
    { text: toFullWidth(same), expected: iso },
    { text: `${[...String(y)].map((c) => CN_DIGITS[+c]).join('')}年${cnNumber(m)}月${cnNumber(d)}日`, expected: iso },
    { text: skin === 'classic' ? `${y}年${m}月${d}日` : `${y}-${m}-${d}`, expected: iso },
    { text: `  ${same}\u3000`, expected: iso },
    { text: skin === 'classic' ? iso : zh, expected: iso },
  ];
}

// ───────────────────────────── operators ─────────────────────────────

interface Applied {
  detail: string;
  html?: string; // when the operator produced text itself
  oddDate?: OddDate;
  payload?: string;
  /** a text-level step after serialization */
  post?: (html: string) => string;
}

export interface MutateOptions {
  /** rows of a huge-table mutation (default HUGE_ROWS) */
  hugeRows?: number;
}

type Op = (doc: Doc, rng: Rng, fx: Fixture, opts: MutateOptions) => Applied | null;

const ops: Record<Exclude<Operator, 'nested-frames' | 'in-portal' | 'identity' | 'truncate-html'>, Op> = {
  'remove-element'(doc, rng) {
    const els = bodyElements(doc);
    if (!els.length) return null;
    const el = rng.pick(els);
    const d = describe(el);
    el.remove();
    return { detail: `removed ${d}` };
  },
  'rename-element'(doc, rng) {
    const els = bodyElements(doc).filter((el) => RENAMES[el.tagName.toLowerCase()]);
    if (!els.length) return null;
    const el = rng.pick(els);
    const to = rng.pick(RENAMES[el.tagName.toLowerCase()]);
    const d = describe(el);
    renameTag(doc, el, to);
    return { detail: `renamed ${d} → <${to}>` };
  },
  'rename-class'(doc, rng) {
    const els = bodyElements(doc).filter((el) => (el.getAttribute('class') ?? '').trim());
    if (!els.length) return null;
    const el = rng.pick(els);
    const classes = el.getAttribute('class')!.trim().split(/\s+/);
    const i = rng.int(0, classes.length - 1);
    const d = describe(el);
    const old = classes[i];
    classes[i] = rng.chance(0.5) ? `${old}-v2` : `x${rng.int(1000, 9999)}`;
    el.setAttribute('class', classes.join(' '));
    return { detail: `class .${old} → .${classes[i]} on ${d}` };
  },
  'rename-id'(doc, rng) {
    const els = bodyElements(doc).filter((el) => el.getAttribute('id'));
    if (!els.length) return null;
    const el = rng.pick(els);
    const old = el.getAttribute('id')!;
    const to = rng.chance(0.5) ? `${old}_new` : `id${rng.int(1000, 9999)}`;
    el.setAttribute('id', to);
    return { detail: `id #${old} → #${to}` };
  },
  'rename-label'(doc, rng) {
    const els = bodyElements(doc).filter(
      (el) => el.children.length === 0 && (el.tagName === 'TH' || /\b(label|section-title|change-type|volume-title|col)\b/.test(el.getAttribute('class') ?? '')) && (el.textContent ?? '').trim(),
    );
    if (!els.length) return null;
    const el = rng.pick(els);
    const old = (el.textContent ?? '').trim();
    const to = rng.pick([`${old}：`, ` ${old} `, `${old}（新）`, old.split('').reverse().join(''), `${old}\u00a0`, '']);
    el.textContent = to;
    return { detail: `label「${old}」→「${to}」` };
  },
  'reorder-columns'(doc, rng) {
    // Tables with a header row of <th>, grids of .grid-header/.grid-row, and label/value blocks.
    const tables = Array.from(doc.querySelectorAll('table')).filter((t) => t.querySelector('tr th'));
    const grids = Array.from(doc.querySelectorAll('.data-grid'));
    const blocks = Array.from(doc.querySelectorAll('.case-info, #baseInfo'));
    const choices: Array<() => string> = [];
    for (const t of tables) {
      choices.push(() => {
        const rows = Array.from(t.querySelectorAll('tr'));
        const n = rows[0]?.children.length ?? 0;
        const perm = rng.shuffle([...Array(n).keys()]);
        for (const r of rows) {
          const cells = Array.from(r.children);
          if (cells.length !== n) continue;
          for (const i of perm) r.appendChild(cells[i]);
        }
        return `columns of ${describe(t).slice(0, 40)} → [${perm.join(',')}]`;
      });
    }
    for (const g of grids) {
      choices.push(() => {
        const rows = Array.from(g.querySelectorAll('.grid-header, .grid-row'));
        const n = rows[0]?.children.length ?? 0;
        const perm = rng.shuffle([...Array(n).keys()]);
        for (const r of rows) {
          const cells = Array.from(r.children);
          if (cells.length !== n) continue;
          for (const i of perm) r.appendChild(cells[i]);
        }
        return `grid columns of ${describe(g).slice(0, 30)} → [${perm.join(',')}]`;
      });
    }
    for (const b of blocks) {
      choices.push(() => {
        if (b.tagName === 'TABLE') {
          // classic 基本信息: label/value pairs, two per row
          const pairs: Element[][] = [];
          for (const label of Array.from(b.querySelectorAll('td.label'))) {
            const value = label.nextElementSibling;
            if (value) pairs.push([label, value]);
          }
          rng.shuffle(pairs);
          const rows = Array.from(b.querySelectorAll('tr'));
          rows.forEach((r) => {
            while (r.firstChild) r.removeChild(r.firstChild);
          });
          pairs.forEach((p, i) => {
            const r = rows[Math.min(rows.length - 1, Math.floor(i / 2))];
            r.appendChild(p[0]);
            r.appendChild(p[1]);
          });
          return `基本信息 pairs shuffled (${pairs.length})`;
        }
        const fields = Array.from(b.children);
        for (const f of rng.shuffle(fields)) b.appendChild(f);
        return `fields of ${describe(b).slice(0, 20)} shuffled (${fields.length})`;
      });
    }
    if (!choices.length) return null;
    return { detail: rng.pick(choices)() };
  },
  'empty-cell'(doc, rng) {
    const els = bodyElements(doc).filter((el) => ['TD', 'LI'].includes(el.tagName) || /\b(value|col|case-no|case-cause|case-status|party-name|material-name|doc-title|doc-date)\b/.test(el.getAttribute('class') ?? '') || el.id === 'caseNo');
    const withText = els.filter((el) => (el.textContent ?? '').trim());
    if (!withText.length) return null;
    const el = rng.pick(withText);
    const d = describe(el);
    const to = rng.pick(['', ' ', '\u00a0', '\u3000', '-', '—']);
    el.textContent = to;
    return { detail: `emptied ${d} → ${JSON.stringify(to)}` };
  },
  'odd-date'(doc, rng, fx) {
    const re = fx.skin === 'classic' ? CLASSIC_DATE : MODERN_DATE;
    const leaves = textLeaves(doc).filter((el) => re.test(el.textContent ?? ''));
    if (!leaves.length) return null;
    const el = rng.pick(leaves);
    const text = el.textContent ?? '';
    const m = re.exec(text)!;
    const [y, mo, d] = (m[0].match(/\d+/g) ?? []).map(Number);
    const odd = rng.pick(oddDates(fx.skin, y, mo, d));
    el.textContent = text.replace(m[0], odd.text);
    return { detail: `date「${m[0]}」→「${odd.text}」in ${describe(el).slice(0, 30)}`, oddDate: { original: m[0], replaced: odd.text, expected: odd.expected } };
  },
  'inject-markup'(doc, rng) {
    const payload = rng.pick(PAYLOADS);
    const all = rng.chance(0.4);
    let n = 0;
    for (const el of textLeaves(doc)) {
      const t = (el.textContent ?? '').trim();
      // "free text" fields keep the page readable: not dates, numbers, labels or 案号
      const free = !(el.tagName === 'TH' || /label|title|tab|col /.test(el.getAttribute('class') ?? '') || /^\d|号$|^[（(]\d{4}/.test(t) || t.length < 2);
      if (!all && !free) continue;
      el.textContent = rng.chance(0.5) ? `${el.textContent}${payload}` : `${payload}${el.textContent}`;
      n++;
    }
    // and into attributes the page carries
    for (const el of bodyElements(doc).filter((e) => e.hasAttribute('title'))) el.setAttribute('title', payload);
    return { detail: `payload in ${n} text fields (${all ? 'all' : 'free text'})`, payload };
  },
  'inject-url'(doc, rng) {
    const links = Array.from(doc.querySelectorAll('a[href]'));
    if (!links.length) return null;
    let n = 0;
    for (const a of links) {
      if (!rng.chance(0.6)) continue;
      const href = a.getAttribute('href') ?? '';
      a.setAttribute('href', rng.chance(0.5) ? JS_URL : `${href}#"><img src=x onerror="${BUMP}">`);
      n++;
    }
    return { detail: `${n}/${links.length} link(s) → javascript: / markup in href`, payload: JS_URL };
  },
  'huge-table'(doc, rng, _fx, opts) {
    // The longest run of same-tag siblings (case rows, parties, materials …), cloned to HUGE_ROWS.
    let best: Element | null = null;
    let bestN = 0;
    for (const parent of bodyElements(doc)) {
      const kids = Array.from(parent.children).filter((c) => /grid-row|party|material|doc-item|change-item/.test(c.getAttribute('class') ?? '') || c.tagName === 'TR');
      if (kids.length > bestN) {
        best = parent;
        bestN = kids.length;
      }
    }
    if (!best || bestN === 0) return null;
    const rows = Array.from(best.children).filter((c) => /grid-row|party|material|doc-item|change-item/.test(c.getAttribute('class') ?? '') || (c.tagName === 'TR' && !c.querySelector('th')));
    if (!rows.length) return null;
    const target = opts.hugeRows ?? HUGE_ROWS;
    // String-level: cloning 5,000 rows in linkedom takes seconds; the serialized rows are repeated instead.
    const proto = rows.map((r) => (r as unknown as { toString(): string }).toString());
    const marker = doc.createComment(HUGE_MARKER);
    best.appendChild(marker);
    const extra: string[] = [];
    for (let i = rows.length; i < target; i++) extra.push(uniquify(proto[i % proto.length], i));
    const rowsHtml = extra.join('');
    void rng;
    return { detail: `${describe(best).slice(0, 30)}: ${rows.length} → ${target} rows`, post: (html) => html.replace(`<!--${HUGE_MARKER}-->`, () => rowsHtml) };
  },
  'duplicate-id'(doc, rng) {
    const els = bodyElements(doc).filter((el) => el.getAttribute('id'));
    if (!els.length) return null;
    const el = rng.pick(els);
    const clone = el.cloneNode(true) as Element;
    const before = rng.chance(0.5);
    if (rng.chance(0.5)) {
      // a second element with the same id but other data: digits shifted
      for (const leaf of [clone, ...Array.from(clone.querySelectorAll('*'))]) {
        if (leaf.children.length === 0 && leaf.textContent) leaf.textContent = leaf.textContent.replace(/\d/g, (c) => String((+c + 1) % 10));
      }
    }
    el.parentNode!.insertBefore(clone, before ? el : el.nextSibling);
    return { detail: `duplicate #${el.getAttribute('id')} ${before ? 'before' : 'after'} the original` };
  },
};

export const HUGE_ROWS = 5000;

const HUGE_MARKER = 'zx-fuzz-huge-rows';

/** Makes a copy of a serialized case row a different case: 案号 sequence number, case id in links and row ids. */
function uniquify(row: string, i: number): string {
  const id = `c9${String(i).padStart(5, '0')}`;
  return row.replace(/c\d{6}/g, id).replace(/\d+号</, `${90000 + i}号<`);
}

// ───────────────────────────── frames ─────────────────────────────

const FRAME_PAGE = (title: string, src: string) =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body style="margin:0"><p>外层框架</p><iframe src="${src}" style="width:100%;height:900px;border:0"></iframe></body></html>`;

function portal(main: string): FuzzPage[] {
  return [
    {
      path: '/classic/',
      html: `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Frameset//EN"><html><head><meta charset="utf-8"><title>审判流程管理系统</title></head>` +
        `<frameset rows="64,*"><frame name="topFrame" src="/classic/top"><frameset cols="190,*"><frame name="leftFrame" src="/classic/menu">` +
        `<frame name="mainFrame" id="mainFrame" src="${main}"></frameset></frameset></html>`,
    },
    {
      path: '/classic/menu',
      html: `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><a href="/classic/cases" target="mainFrame">我的案件</a><br><a href="/classic/reviews" target="mainFrame">待阅核</a></body></html>`,
    },
  ];
}

// ───────────────────────────── the mutation ─────────────────────────────

/** The operators that can apply to a fixture. */
export function operatorsFor(fx: Fixture): Operator[] {
  return OPERATORS.filter((o) => o !== 'in-portal' || (fx.skin === 'classic' && fx.name !== 'top'));
}

/** Applies `operator` (or a seeded pick) to fixture `fx`. Falls back to another operator when it finds no target. */
export function mutate(fx: Fixture, rng: Rng, operator?: Operator, opts: MutateOptions = {}): Omit<Mutation, 'seed' | 'index'> {
  const allowed = operatorsFor(fx);
  let op = operator ?? pickOperator(rng, allowed);
  for (let attempt = 0; attempt < 8; attempt++) {
    const applied = applyOp(fx, rng, op, opts);
    if (applied) {
      const target = fx.path;
      const html = applied.html ?? '';
      let pages: FuzzPage[] = [{ path: target, html }];
      let entry = target;
      if (op === 'nested-frames') {
        pages = [{ path: '/fuzz/outer', html: FRAME_PAGE('外层', '/fuzz/inner') }, { path: '/fuzz/inner', html: FRAME_PAGE('内层', target) }, ...pages];
        entry = '/fuzz/outer';
      } else if (op === 'in-portal') {
        const top = loadFixtures().find((f) => f.skin === 'classic' && f.name === 'top')!;
        pages = [...portal(target), { path: '/classic/top', html: top.html }, ...pages];
        entry = '/classic/';
      }
      return {
        fixture: { skin: fx.skin, name: fx.name, profile: fx.profile, path: fx.path },
        operator: op,
        detail: applied.detail,
        pages,
        entry,
        target,
        ...(applied.oddDate ? { oddDate: applied.oddDate } : {}),
        ...(applied.payload ? { payload: applied.payload } : {}),
      };
    }
    if (operator) break;
    op = pickOperator(rng, allowed);
  }
  // Nothing to do for this operator on this page: the page as saved.
  return { fixture: { skin: fx.skin, name: fx.name, profile: fx.profile, path: fx.path }, operator: 'identity', detail: `no target for ${op}`, pages: [{ path: fx.path, html: fx.html }], entry: fx.path, target: fx.path };
}

function applyOp(fx: Fixture, rng: Rng, op: Operator, opts: MutateOptions): (Applied & { html: string }) | null {
  if (op === 'identity' || op === 'nested-frames' || op === 'in-portal') return { detail: op === 'identity' ? 'unchanged' : `page inside ${op}`, html: fx.html };
  if (op === 'truncate-html') {
    const at = rng.int(Math.floor(fx.html.length * 0.2), Math.floor(fx.html.length * 0.95));
    return { detail: `cut at ${at}/${fx.html.length} chars`, html: fx.html.slice(0, at) };
  }
  const doc = parse(fx.html);
  const applied = ops[op](doc, rng, fx, opts);
  if (!applied) return null;
  const html = serialize(doc);
  return { ...applied, html: applied.post ? applied.post(html) : html };
}

/** Mutation number `index` of a run with `seed`: deterministic, independent of the other indices. */
export function mutationAt(seed: number, index: number, fixtures: Fixture[] = loadFixtures(), opts: MutateOptions = {}): Mutation {
  const rng = new Rng(mixSeed(seed, index));
  const fx = fixtures[Math.floor(rng.next() * fixtures.length)];
  return { seed, index, ...mutate(fx, rng, undefined, opts) };
}

/**
 * A deterministic sample for `npm test`: every operator on a page of each skin (seeded pick; huge tables on list
 * pages), then
 * `mutationAt(seed, i)` for i = 0… up to `size` in all. Indices of the covering part are 1_000_000 + k.
 */
export function sampleMutations(seed: number, size: number, opts: MutateOptions = {}, fixtures: Fixture[] = loadFixtures()): Mutation[] {
  const out: Mutation[] = [];
  let k = 0;
  for (const op of OPERATORS) {
    for (const skin of ['classic', 'modern'] as const) {
      const index = 1_000_000 + k++;
      const rng = new Rng(mixSeed(seed, index));
      const candidates = fixtures.filter((f) => f.skin === skin && operatorsFor(f).includes(op) && (op !== 'huge-table' || f.name === 'case-list'));
      if (!candidates.length) continue;
      out.push({ seed, index, ...mutate(rng.pick(candidates), rng, op, opts) });
    }
  }
  for (let i = 0; out.length < size; i++) out.push(mutationAt(seed, i, fixtures, opts));
  return out.slice(0, Math.max(size, 0));
}
