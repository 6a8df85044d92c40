// The declarative profile engine: a host page (any standard DOM: browser, happy-dom, linkedom) + a profile
// → case snapshots, checked by the `Checks` given (utils/host/engine.ts passes the zod schemas; the content
// script passes none and the background validates at ingest, so zod stays out of the content script).
// Never throws; never guesses: a value it cannot read exactly is reported.
// Standard DOM only (querySelectorAll, children, textContent, getAttribute, nextElementSibling): no layout.
import type { CaseSnapshot } from '../domain/case';
import { PROCEDURES } from '../domain/procedures';
import { daysInMonth } from '../domain/dates';
import { detectPages } from './detect';
import {
  CASE_FIELD_TYPES,
  DOCUMENT_FIELD_TYPES,
  EVENT_FIELD_TYPES,
  PARTY_FIELD_TYPES,
  REVIEW_FIELDS,
  WRIT_FIELD_TYPES,
  formatPath,
  type FieldType,
} from './profile-fields';
import type { DateFormat, FieldRule, HostProfile, ListRule, PageKind, PageRule, TableRule, UserRule } from './profile';

import type { PageUser } from './page-user';
import { PAGE_USER_MAX } from './page-user-bounds';

/** A zod-compatible check (`safeParse`), so the engine does not have to import zod itself. */
export interface Check<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: ReadonlyArray<CheckIssue> } };
}
export interface CheckIssue {
  path: PropertyKey[];
  code: string;
  message: string;
}
export interface Checks {
  event: Check<unknown>;
  snapshot: Check<CaseSnapshot>;
  user: Check<PageUser>;
}
const pass = <T,>(): Check<T> => ({ safeParse: (value) => ({ success: true, data: value as T }) });
/** No checks here: the receiver validates (the background validates every case at ingest). */
export const UNCHECKED: Checks = { event: pass(), snapshot: pass(), user: pass() };

export interface PageResult {
  /** the profile used, or null when no profile page fits the URL */
  profile: string | null;
  /** the page rule used (its `name`, else `pages[i]`) */
  page: string | null;
  kind: PageKind;
  /** names of the detail sections found on the page (one-case pages) */
  sections?: string[];
  /** complete, validated snapshots only */
  cases: CaseSnapshot[];
  /** required values not found, by path: `rows[3].filedOn`, `parties[1].name`, `caseNo` */
  missing: string[];
  /** problems, in Chinese with the path: `立案日期：无法识别的日期“2024年13月05日”（filedOn）` */
  errors: string[];
  /** list pages: for each entry of `cases`, the element to mount its badge next to */
  rowAnchors?: Element[];
  /** one-case pages: where the overlay mounts */
  detailAnchor?: Element | null;
  /** the logged-in user, when the page shows it (the profile's or the page's `user` rule); absent otherwise */
  user?: PageUser;
}

/** The result without DOM references (what `npm run extract` prints and fixtures store). */
export type PageResultData = Omit<PageResult, 'rowAnchors' | 'detailAnchor'>;
export function stripAnchors(r: PageResult): PageResultData {
  const { rowAnchors: _a, detailAnchor: _b, ...rest } = r;
  return rest;
}

// ───────────────────────────── vocabularies ─────────────────────────────

const FIELD_ZH: Record<string, string> = {
  caseNo: '案号', hostRef: '案件标识', url: '链接', cause: '案由', category: '案件类别', procedure: '程序',
  filedOn: '立案日期', closedOn: '结案日期', closeMethod: '结案方式', status: '案件状态', archivedOn: '归档日期',
  judge: '承办人', clerk: '书记员', division: '承办部门', panel: '合议庭成员', detained: '羁押状态', detainedSince: '羁押日期',
  foreign: '涉外', amount: '标的额', signals: '案件标识', parties: '当事人',
  name: '当事人名称', role: '诉讼地位',
  kind: '类型', on: '日期', from: '起始日期', to: '结束日期', months: '月数', days: '天数', approvedBy: '审批人',
  appliedOn: '申请日期', reason: '事由', postponed: '延期', fromProcedure: '原程序',
  title: '名称', date: '日期', volume: '卷别', party: '当事人', ref: '编号',
  events: '审限变更', documents: '卷宗材料', writs: '文书', review: '待阅核',
  reviewDocumentRef: '待阅核文书编号', reviewDocumentTitle: '文书名称', reviewSubmittedOn: '提交日期', reviewTriggers: '阅核事由',
};

const ENUMS: Record<string, ReadonlySet<string>> = {
  category: new Set(Object.keys(PROCEDURES)),
  procedure: new Set(Object.values(PROCEDURES).flat()),
  fromProcedure: new Set(Object.values(PROCEDURES).flat()),
  status: new Set(['pending', 'closed', 'archived']),
  kind: new Set(['extension', 'deduction', 'suspension', 'conversion', 'restart', 'hearing']),
  volume: new Set(['main', 'sub']),
  // documents' and writs' status
  'document.status': new Set(['draft', 'signed', 'issued']),
  'writ.status': new Set(['draft', 'signed', 'issued']),
};

const DEFAULT_BLANKS = ['-', '—', '－', '/', '--'];
const DEFAULT_LIST_SPLIT = /[、，,；;]/;
const BOOLEAN_WORDS: Record<string, boolean> = { 是: true, 否: false, true: true, false: false, 有: true, 无: false };

// ───────────────────────────── text helpers ─────────────────────────────

const FULLWIDTH_DIGITS = /[０-９]/g;
function toHalfDigits(s: string): string {
  return s.replace(FULLWIDTH_DIGITS, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** textContent with whitespace (incl. nbsp and 全角空格) collapsed and trimmed. */
export function cleanText(s: string | null | undefined): string {
  if (!s) return '';
  return s.replace(/[\s\u00a0\u3000]+/g, ' ').trim();
}

/** Label comparison: no whitespace at all, no trailing colon. */
function labelKey(s: string): string {
  return s.replace(/[\s\u00a0\u3000]+/g, '').replace(/[：:]+$/, '');
}

const DATE_PATTERNS: Record<DateFormat, RegExp> = {
  iso: /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/,
  zh: /^(\d{4})年(\d{1,2})月(\d{1,2})日(?: ?\d{1,2}(?:[:：]\d{2}(?:[:：]\d{2})?|时(?:\d{1,2}分)?))?$/,
  slash: /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?: \d{1,2}:\d{2}(?::\d{2})?)?$/,
};

/** Read a date in one of the given formats; `null` when the text is not exactly such a date or the date does not exist. */
export function parseHostDate(text: string, formats: ReadonlyArray<DateFormat>): string | null {
  const t = toHalfDigits(cleanText(text));
  for (const f of formats) {
    const m = DATE_PATTERNS[f].exec(t);
    if (!m) continue;
    const y = +m[1], mo = +m[2], d = +m[3];
    if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
    return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }
  return null;
}

function parseNumber(text: string): number | null {
  const t = toHalfDigits(text).replace(/[\s,，]/g, '').replace(/元$/, '');
  if (!/^-?\d+(?:\.\d+)?$/.test(t)) return null;
  return Number(t);
}

// ───────────────────────────── reading one field ─────────────────────────────

type Values = Record<string, unknown>;
type Read =
  | { s: 'value'; v: unknown }
  | { s: 'absent' }
  /** mapped to null on purpose */
  | { s: 'dropped' }
  | { s: 'error' };

interface Ctx {
  doc: Document;
  url: string;
  /** origin of `url`, or '' */
  origin: string;
  blanks: Set<string>;
  dateFormats: DateFormat[];
  /** label index per scope element */
  labels: WeakMap<object, LabelIndex>;
  /** compiled regexes */
  res: Map<string, RegExp>;
  checks: Checks;
}

interface LabelIndex {
  exact: Map<string, Element>;
  inline: Map<string, string>;
}

/** A place to read from: the page, a section, or one table row (with its cells by column). */
interface Scope {
  el: Document | Element;
  cells?: ArrayLike<Element>;
  columns?: Map<string, number>;
  /** selector → first match, for rules of one row that read the same element */
  found?: Map<string, Element | null>;
}

/** Where messages go for one case. */
interface Sink {
  missing: string[];
  errors: string[];
}

function re(ctx: Ctx, source: string, flags = ''): RegExp {
  const key = flags + '/' + source;
  let r = ctx.res.get(key);
  if (!r) {
    r = new RegExp(source, flags);
    ctx.res.set(key, r);
  }
  return r;
}

function qsa(el: Document | Element, selector: string): Element[] {
  return Array.from(el.querySelectorAll(selector));
}

function qs(el: Document | Element, selector: string): Element | null {
  if (selector === ':scope') return el.nodeType === 1 ? (el as Element) : null;
  return el.querySelector(selector);
}

function qsCached(scope: Scope, selector: string): Element | null {
  if (!scope.found) return qs(scope.el, selector);
  let el = scope.found.get(selector);
  if (el === undefined) {
    el = qs(scope.el, selector);
    scope.found.set(selector, el);
  }
  return el;
}

function labelIndex(ctx: Ctx, scope: Document | Element): LabelIndex {
  let idx = ctx.labels.get(scope);
  if (idx) return idx;
  idx = { exact: new Map(), inline: new Map() };
  const all = scope.querySelectorAll('*');
  for (let i = 0; i < all.length; i++) {
    const el = all[i];
    const tag = el.tagName;
    if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'TEMPLATE') continue;
    if (el.children.length > 0 && tag !== 'TD' && tag !== 'TH' && tag !== 'DT' && tag !== 'LABEL') continue;
    const raw = el.textContent ?? '';
    if (raw.length > 60) continue;
    const key = labelKey(raw);
    if (!key) continue;
    if (!idx.exact.has(key)) idx.exact.set(key, el);
    const m = /^([^：:]{1,12})[：:](.+)$/.exec(cleanText(raw));
    if (m) {
      const k = labelKey(m[1]);
      if (!idx.inline.has(k)) idx.inline.set(k, m[2].trim());
    }
  }
  ctx.labels.set(scope, idx);
  return idx;
}

/** The element holding the value for a label element: its next sibling, else the next sibling of an ancestor. */
function valueElementAfter(label: Element, stop: Document | Element): Element | null {
  let el: Element | null = label;
  while (el && el !== stop) {
    if (el.nextElementSibling) return el.nextElementSibling;
    el = el.parentElement;
  }
  return null;
}

function names(n: string | string[] | undefined): string[] {
  return n === undefined ? [] : Array.isArray(n) ? n : [n];
}

function fieldZh(name: string, rule: FieldRule): string {
  return names(rule.label)[0] ?? names(rule.column)[0] ?? FIELD_ZH[name] ?? name;
}

/** Raw texts for a rule (several for list fields), or a constant / boolean value. */
function rawTexts(
  ctx: Ctx,
  rule: FieldRule,
  scope: Scope,
  many: boolean,
): { texts: string[] } | { value: unknown } | { column: string } {
  if (rule.value !== undefined) return { value: rule.value };
  if (rule.url) return { texts: [ctx.url] };
  if (rule.selector !== undefined) {
    if (rule.exists) return { value: qs(scope.el, rule.selector) !== null };
    const els = many && rule.selector !== ':scope' ? qsa(scope.el, rule.selector) : [qsCached(scope, rule.selector)];
    return { texts: els.filter((e): e is Element => e !== null).map((e) => readElement(ctx, e, rule)) };
  }
  if (rule.label !== undefined) {
    let root: Document | Element | null = scope.el;
    if (rule.within) root = qs(scope.el, rule.within);
    if (!root) return { texts: [] };
    const idx = labelIndex(ctx, root);
    for (const l of names(rule.label)) {
      const key = labelKey(l);
      const labelEl = idx.exact.get(key);
      if (labelEl) {
        const v = valueElementAfter(labelEl, root);
        return { texts: v ? [readElement(ctx, v, rule)] : [] };
      }
      const inline = idx.inline.get(key);
      if (inline !== undefined && rule.attr === undefined) return { texts: [inline] };
    }
    return { texts: [] };
  }
  if (rule.column !== undefined) {
    if (!scope.columns || !scope.cells) return { column: names(rule.column)[0] };
    for (const c of names(rule.column)) {
      const i = scope.columns.get(labelKey(c));
      if (i !== undefined) {
        const cell = scope.cells[i];
        return { texts: cell ? [readElement(ctx, cell, rule)] : [] };
      }
    }
    return { column: names(rule.column)[0] };
  }
  return { texts: [] };
}

function readElement(ctx: Ctx, el: Element, rule: FieldRule): string {
  if (rule.attr === undefined) return cleanText(el.textContent);
  const v = el.getAttribute(rule.attr);
  if (v === null) return '';
  if (rule.attr === 'href' || rule.attr === 'src') return absoluteUrl(ctx, v.trim());
  return v.trim();
}

/** A link made absolute against the page URL (fast path for the common "/path" form). */
function absoluteUrl(ctx: Ctx, href: string): string {
  if (/^https?:\/\//i.test(href)) return href;
  if (ctx.origin && href.startsWith('/') && !href.startsWith('//') && !/[\s\\%]|\/\.\.?(\/|$)/.test(href)) return ctx.origin + href;
  try {
    return new URL(href, ctx.url).href;
  } catch {
    return href;
  }
}

function applyRegex(ctx: Ctx, rule: FieldRule, text: string): string | null {
  if (rule.regex === undefined) return text;
  const m = re(ctx, rule.regex).exec(text);
  if (!m) return null;
  const v = m.groups?.value ?? m[1] ?? m[0];
  return cleanText(v);
}

/** map / mapBy: returns `undefined` when the text is not listed (then the text itself is used). */
function mapValue(rule: FieldRule, text: string, values: Values, outer: Values): { hit: true; v: unknown } | { hit: false } {
  if (rule.mapBy) {
    const other = values[rule.mapBy.field] ?? outer[rule.mapBy.field];
    const m = typeof other === 'string' || typeof other === 'number' || typeof other === 'boolean' ? rule.mapBy.maps[String(other)] : undefined;
    if (m) {
      if (Object.prototype.hasOwnProperty.call(m, text)) return { hit: true, v: m[text] };
      if (Object.prototype.hasOwnProperty.call(m, '*')) return { hit: true, v: m['*'] };
    }
  }
  const map = rule.map;
  if (map) {
    if (Object.prototype.hasOwnProperty.call(map, text)) return { hit: true, v: map[text] };
    if (Object.prototype.hasOwnProperty.call(map, '*')) return { hit: true, v: map['*'] };
  }
  return { hit: false };
}

interface FieldCtx {
  name: string;
  type: FieldType;
  /** key for enum checks (documents' status differs from the case's status) */
  enumKey: string;
  path: string;
  /** message prefix: "第3行 " */
  where: string;
}

function convert(ctx: Ctx, f: FieldCtx, rule: FieldRule, v: unknown, sink: Sink): Read {
  const zh = fieldZh(f.name, rule);
  const fail = (msg: string): Read => {
    sink.errors.push(`${f.where}${zh}：${msg}（${f.path}）`);
    return { s: 'error' };
  };
  switch (f.type) {
    case 'date': {
      if (typeof v !== 'string') return fail(`应为日期，得到 ${JSON.stringify(v)}`);
      const formats = rule.dateFormat === undefined ? ctx.dateFormats : Array.isArray(rule.dateFormat) ? rule.dateFormat : [rule.dateFormat];
      const d = parseHostDate(v, formats);
      return d ? { s: 'value', v: d } : fail(`无法识别的日期“${v}”`);
    }
    case 'number': {
      let n: number | null = typeof v === 'number' ? v : typeof v === 'string' ? parseNumber(v) : null;
      if (n === null) return fail(`无法识别的数字“${String(v)}”`);
      if (rule.scale) n = Math.round(n * rule.scale * 100) / 100;
      return { s: 'value', v: n };
    }
    case 'boolean': {
      if (typeof v === 'boolean') return { s: 'value', v };
      if (typeof v === 'string' && Object.prototype.hasOwnProperty.call(BOOLEAN_WORDS, v)) return { s: 'value', v: BOOLEAN_WORDS[v] };
      return fail(`无法识别的值“${String(v)}”（请在 map 中说明它是 true 还是 false）`);
    }
    case 'enum': {
      const s = String(v);
      const allowed = ENUMS[f.enumKey];
      if (allowed && !allowed.has(s)) return fail(`无法识别的值“${s}”`);
      return { s: 'value', v: s };
    }
    default:
      return { s: 'value', v: typeof v === 'string' ? v : String(v) };
  }
}

function parseParties(text: string): Array<{ role: string; name: string }> | null {
  const out: Array<{ role: string; name: string }> = [];
  for (const group of text.split(/[；;]/)) {
    const g = group.trim();
    if (!g) continue;
    const m = /^([^：:]+)[：:](.*)$/.exec(g);
    if (!m) return null;
    const role = m[1].trim();
    for (const n of m[2].split(/[、,，]/)) {
      const name = n.trim();
      if (name) out.push({ role, name });
    }
  }
  return out;
}

function readField(ctx: Ctx, f: FieldCtx, rule: FieldRule, scope: Scope, values: Values, outer: Values, sink: Sink): Read {
  const many = f.type === 'list';
  const raw = rawTexts(ctx, rule, scope, many);
  if ('column' in raw) {
    // In a table, a missing column is reported once by the table; outside a table `column` cannot work.
    if (!scope.columns) {
      sink.errors.push(`${f.where}${fieldZh(f.name, rule)}：column 只能用于表格（${f.path}）`);
      return { s: 'error' };
    }
    return { s: 'absent' };
  }
  if ('value' in raw) return convert(ctx, f, rule, raw.value, sink);

  // texts → after regex, without blanks
  const texts: string[] = [];
  for (const t of raw.texts) {
    if (ctx.blanks.has(t)) continue;
    const r = applyRegex(ctx, rule, t);
    if (r === null || ctx.blanks.has(r)) continue;
    texts.push(r);
  }
  if (texts.length === 0) return { s: 'absent' };

  if (f.type === 'list') {
    const split = rule.split !== undefined ? re(ctx, rule.split) : DEFAULT_LIST_SPLIT;
    const items: string[] = [];
    for (const t of texts) {
      for (const part of t.split(split)) {
        const p = part.trim();
        if (!p || ctx.blanks.has(p)) continue;
        const m = mapValue(rule, p, values, outer);
        if (m.hit) {
          if (m.v === null) continue;
          items.push(String(m.v));
        } else items.push(p);
      }
    }
    return { s: 'value', v: items };
  }
  const text = texts[0];
  if (f.type === 'parties') {
    const parties = parseParties(text);
    if (!parties) {
      sink.errors.push(`${f.where}${fieldZh(f.name, rule)}：无法识别的当事人“${text}”（${f.path}）`);
      return { s: 'error' };
    }
    return { s: 'value', v: parties };
  }
  const m = mapValue(rule, text, values, outer);
  if (m.hit) {
    if (m.v === null) return { s: 'dropped' };
    return convert(ctx, f, rule, m.v, sink);
  }
  return convert(ctx, f, rule, text, sink);
}

/**
 * Read a set of field rules in one scope. Fields whose map depends on another field (`mapBy`) are read after
 * the others. Required fields that are absent go to `missing`.
 */
function readFields(
  ctx: Ctx,
  rules: Partial<Record<string, FieldRule>> | undefined,
  types: Record<string, FieldType>,
  scope: Scope,
  outer: Values,
  pathPrefix: string,
  where: string,
  enumPrefix: string,
  sink: Sink,
  /** a field that may be mapped to null without counting as missing (events' kind: the row is skipped) */
  dropOk?: string,
): { values: Values; dropped: Set<string>; failed: boolean } {
  const values: Values = {};
  const dropped = new Set<string>();
  let failed = false;
  if (!rules) return { values, dropped, failed };
  const entries = Object.entries(rules).filter((e): e is [string, FieldRule] => e[1] !== undefined);
  entries.sort((a, b) => (a[1].mapBy ? 1 : 0) - (b[1].mapBy ? 1 : 0));
  for (const [name, rule] of entries) {
    const path = pathPrefix ? `${pathPrefix}.${name}` : name;
    const enumKey = ENUMS[enumPrefix + name] ? enumPrefix + name : name;
    const f: FieldCtx = { name, type: types[name] ?? 'text', enumKey, path, where };
    let r: Read;
    try {
      r = readField(ctx, f, rule, scope, values, outer, sink);
    } catch (e) {
      sink.errors.push(`${where}${fieldZh(name, rule)}：读取失败 ${e instanceof Error ? e.message : String(e)}（${path}）`);
      r = { s: 'error' };
    }
    if (r.s === 'value') values[name] = r.v;
    else if (r.s === 'error') failed = true;
    else {
      if (r.s === 'dropped') dropped.add(name);
      if (rule.required && !(r.s === 'dropped' && name === dropOk)) {
        sink.missing.push(path);
        failed = true;
      }
    }
  }
  return { values, dropped, failed };
}

// ───────────────────────────── tables ─────────────────────────────

interface TableRows {
  rows: Element[];
  columns: Map<string, number>;
  /** number of column positions in the header */
  width: number;
}

function directRows(table: Element): Element[] {
  const out: Element[] = [];
  for (const child of Array.from(table.children)) {
    const tag = child.tagName;
    if (tag === 'TR') out.push(child);
    else if (tag === 'TBODY' || tag === 'THEAD' || tag === 'TFOOT') {
      for (const tr of Array.from(child.children)) if (tr.tagName === 'TR') out.push(tr);
    }
  }
  return out;
}

/** Cells of a row by column position (a cell with colspan=n takes n positions, looked at only when the row is short). */
function rowCells(row: Element, cellsSelector: string | undefined, width: number): ArrayLike<Element> {
  const cells: ArrayLike<Element> = cellsSelector ? row.querySelectorAll(cellsSelector) : row.children;
  if (cells.length >= width) return cells;
  let spans = false;
  for (let i = 0; i < cells.length; i++) if (cells[i].hasAttribute('colspan')) spans = true;
  if (!spans) return cells;
  const out: Element[] = [];
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    const n = Math.max(1, Math.min(100, parseInt(c.getAttribute('colspan') ?? '1', 10) || 1));
    for (let j = 0; j < n; j++) out.push(c);
  }
  return out;
}

function isHeaderRow(row: Element): boolean {
  if (row.parentElement?.tagName === 'THEAD') return true;
  const kids = row.children;
  if (kids.length === 0) return false;
  for (let i = 0; i < kids.length; i++) if (kids[i].tagName !== 'TH') return false;
  return true;
}

function findRows(container: Element, t: TableRule): TableRows {
  const columns = new Map<string, number>();
  let rows: Element[];
  let headerCells: Element[] = [];
  if (t.header) headerCells = qsa(container, t.header);
  if (t.rows) {
    rows = qsa(container, t.rows);
  } else if (container.tagName === 'TABLE') {
    const all = directRows(container);
    rows = [];
    for (const r of all) {
      if (isHeaderRow(r)) {
        if (!t.header && headerCells.length === 0) headerCells = Array.from(rowCells(r, t.cells, Infinity));
      } else rows.push(r);
    }
  } else {
    rows = Array.from(container.children);
  }
  if (!t.header && headerCells.length === 0 && t.rows && container.tagName === 'TABLE') {
    const head = directRows(container).find(isHeaderRow);
    if (head) headerCells = Array.from(rowCells(head, t.cells, Infinity));
  }
  // header positions, honouring colspan
  let pos = 0;
  for (const h of headerCells) {
    const key = labelKey(h.textContent ?? '');
    if (key && !columns.has(key)) columns.set(key, pos);
    pos += t.header ? 1 : Math.max(1, parseInt(h.getAttribute('colspan') ?? '1', 10) || 1);
  }
  if (t.header === undefined && headerCells.length > 0) {
    // rowCells() already expanded colspans: recompute positions on the expanded list
    columns.clear();
    headerCells.forEach((h, i) => {
      const key = labelKey(h.textContent ?? '');
      if (key && !columns.has(key)) columns.set(key, i);
    });
  }
  let width = 0;
  for (const i of columns.values()) width = Math.max(width, i + 1);
  return { rows, columns, width };
}

function isPlaceholder(ctx: Ctx, row: Element, t: TableRule, cells: ArrayLike<Element>): boolean {
  const kids = row.children;
  if (kids.length === 1 && kids[0].hasAttribute('colspan')) return true;
  if (cells.length === 0 && kids.length === 0 && cleanText(row.textContent) === '') return true;
  if (t.skipText !== undefined && re(ctx, t.skipText).test(cleanText(row.textContent))) return true;
  return false;
}

interface RowRead {
  row: Element;
  /** 0-based index among the data rows */
  index: number;
  values: Values;
  dropped: Set<string>;
  failed: boolean;
  sink: Sink;
}

/** Read every data row of a table with one set of field rules. `null` when the table is not on the page. */
function readTable(
  ctx: Ctx,
  t: TableRule,
  fields: Partial<Record<string, FieldRule>>,
  types: Record<string, FieldType>,
  root: Document | Element,
  outer: Values,
  pathOf: (i: number) => string,
  whereOf: (i: number) => string,
  enumPrefix: string,
  startIndex: number,
  tableSink: Sink,
): RowRead[] | null {
  const container = qs(root, t.selector);
  if (!container) return null;
  const { rows, columns, width } = findRows(container, t);
  const out: RowRead[] = [];
  const needsCells = Object.values(fields).some((r) => r?.column !== undefined);
  // A required column missing from the header: say it once for the table.
  for (const [name, r] of Object.entries(fields)) {
    if (r?.column !== undefined && r.required && !names(r.column).some((c) => columns.has(labelKey(c)))) {
      tableSink.errors.push(`${fieldZh(name, r)}：表格中没有列“${names(r.column)[0]}”（${pathOf(-1)}.${name}）`);
    }
  }
  let i = startIndex;
  for (const row of rows) {
    const cells = needsCells ? rowCells(row, t.cells, width) : [];
    if (isPlaceholder(ctx, row, t, cells)) continue;
    const sink: Sink = { missing: [], errors: [] };
    const scope: Scope = { el: row, cells, columns, found: new Map() };
    const { values, dropped, failed } = readFields(ctx, fields, types, scope, outer, pathOf(i), whereOf(i), enumPrefix, sink, 'kind');
    out.push({ row, index: i, values, dropped, failed, sink });
    i++;
  }
  return out;
}

// ───────────────────────────── assembling snapshots ─────────────────────────────

function pick(v: Values, keys: string[]): Values {
  const o: Values = {};
  for (const k of keys) if (v[k] !== undefined) o[k] = v[k];
  return o;
}

function buildEvent(v: Values): Values | null {
  const kind = v.kind as string | undefined;
  const on = v.on ?? v.from;
  const from = v.from ?? v.on;
  switch (kind) {
    case 'extension':
      return { kind, on, ...pick(v, ['months', 'days', 'approvedBy', 'appliedOn', 'reason']) };
    case 'deduction':
      return { kind, reason: v.reason, from, ...pick(v, ['to', 'approvedBy']) };
    case 'suspension':
      return { kind, from, ...pick(v, ['to', 'reason']) };
    case 'conversion': {
      const e: Values = { kind, on, to: v.procedure };
      if (v.fromProcedure !== undefined) e.from = v.fromProcedure;
      return e;
    }
    case 'restart':
      return { kind, on, reason: v.reason };
    case 'hearing':
      return { kind, on, ...pick(v, ['postponed', 'reason']) };
    default:
      return null;
  }
}

/** The keys CaseEventSchema requires for each kind (tests/unit/fuzz-findings.test.ts keeps the two in step). */
export const EVENT_REQUIRED: Readonly<Record<string, ReadonlyArray<string>>> = {
  extension: ['on'],
  deduction: ['reason', 'from'],
  suspension: ['from'],
  conversion: ['on', 'to'],
  restart: ['on', 'reason'],
  hearing: ['on'],
};

/** zod issue path of an event → our field name (conversion's `to`/`from` are procedures). */
function eventFieldName(kind: string, key: string): string {
  if (kind === 'conversion' && key === 'to') return 'procedure';
  if (kind === 'conversion' && key === 'from') return 'fromProcedure';
  return key;
}

type ListKey = 'parties' | 'events' | 'documents' | 'writs';
const LIST_TYPES: Record<ListKey, Record<string, FieldType>> = {
  parties: PARTY_FIELD_TYPES,
  events: EVENT_FIELD_TYPES,
  documents: DOCUMENT_FIELD_TYPES,
  writs: WRIT_FIELD_TYPES,
};
const LIST_ZH: Record<ListKey, string> = { parties: '当事人', events: '审限变更', documents: '卷宗材料', writs: '文书' };
const LIST_ENUM_PREFIX: Record<ListKey, string> = { parties: '', events: '', documents: 'document.', writs: 'writ.' };

function readList(
  ctx: Ctx,
  key: ListKey,
  rule: ListRule | ListRule[],
  root: Document | Element,
  outer: Values,
  sink: Sink,
): { items: Values[] | null; failed: boolean } {
  const rules = Array.isArray(rule) ? rule : [rule];
  let items: Values[] | null = null;
  let failed = false;
  let next = 0;
  for (const r of rules) {
    const rows = readTable(
      ctx, r.table, r.fields, LIST_TYPES[key], root, outer,
      (i) => (i < 0 ? `${key}[*]` : `${key}[${i}]`),
      (i) => `${LIST_ZH[key]}第${i + 1}行 `,
      LIST_ENUM_PREFIX[key],
      next, sink,
    );
    if (rows === null) continue;
    items ??= [];
    for (const row of rows) {
      next = row.index + 1;
      sink.missing.push(...row.sink.missing);
      sink.errors.push(...row.sink.errors);
      if (key === 'events' && row.dropped.has('kind')) continue; // a kind mapped to null: not a deadline event
      if (row.failed) {
        failed = true;
        continue;
      }
      if (key === 'events') {
        if (row.values.kind === undefined) {
          sink.missing.push(`events[${row.index}].kind`);
          failed = true;
          continue;
        }
        const e = buildEvent(row.values)!;
        // The required values of each kind, also without zod (the content script): a missing one is reported as
        // missing, exactly as the zod check below would, not left for the background to refuse as a 数据问题.
        const absent = (EVENT_REQUIRED[String(e.kind)] ?? []).filter((k) => e[k] === undefined);
        if (absent.length) {
          failed = true;
          for (const k of absent) sink.missing.push(`events[${row.index}].${eventFieldName(String(e.kind), k)}`);
          continue;
        }
        const parsed = ctx.checks.event.safeParse(e);
        if (!parsed.success) {
          failed = true;
          for (const iss of parsed.error.issues) {
            const k = eventFieldName(String(e.kind), String(iss.path[0] ?? ''));
            const path = `events[${row.index}].${k}`;
            if (iss.code === 'invalid_type' && e[String(iss.path[0])] === undefined) sink.missing.push(path);
            else sink.errors.push(`${LIST_ZH.events}第${row.index + 1}行 ${FIELD_ZH[k] ?? k}：${iss.message}（${path}）`);
          }
          continue;
        }
        items.push(parsed.data as Values);
      } else {
        items.push(row.values);
      }
    }
  }
  return { items, failed };
}

function snapshotIssues(parsedError: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }, where: string, prefix: string, sink: Sink) {
  for (const iss of parsedError.issues) {
    const path = (prefix ? prefix + '.' : '') + formatPath(iss.path);
    const head = String(iss.path[0] ?? '');
    sink.errors.push(`${where}${FIELD_ZH[head] ?? head}：${iss.message}（${path}）`);
  }
}

/** The `review*` case fields → the snapshot's `review` object (zod paths `review.x` are reported as the rule names). */
function gatherReview(values: Values): Values {
  const out: Values = {};
  const review: Values = {};
  for (const [k, v] of Object.entries(values)) {
    const r = (REVIEW_FIELDS as Record<string, string>)[k];
    if (r === undefined) out[k] = v;
    else if (v !== undefined) review[r] = v;
  }
  if (Object.keys(review).length > 0) out.review = review;
  return out;
}

const REVIEW_KEY_TO_FIELD: Record<string, string> = Object.fromEntries(Object.entries(REVIEW_FIELDS).map(([f, k]) => [k, f]));

function finish(ctx: Ctx, raw: Values, where: string, prefix: string, sink: Sink): CaseSnapshot | null {
  const values = gatherReview(raw);
  const caseNoPath = prefix ? `${prefix}.caseNo` : 'caseNo';
  if (values.caseNo === undefined) {
    if (!sink.missing.includes(caseNoPath)) sink.missing.push(caseNoPath);
    return null;
  }
  const parsed = ctx.checks.snapshot.safeParse(values);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((iss) =>
      iss.path[0] === 'review' && typeof iss.path[1] === 'string' && REVIEW_KEY_TO_FIELD[iss.path[1]]
        ? { ...iss, path: [REVIEW_KEY_TO_FIELD[iss.path[1]], ...iss.path.slice(2)] }
        : iss,
    );
    snapshotIssues({ issues }, where, prefix, sink);
    return null;
  }
  return parsed.data;
}

// ───────────────────────────── pages ─────────────────────────────

function applyListPage(ctx: Ctx, page: PageRule, result: PageResult): void {
  const rule = page.rows!;
  const anchors: Element[] = [];
  result.rowAnchors = anchors;
  const tableSink: Sink = { missing: [], errors: [] };
  const rows = readTable(
    ctx, rule.table, rule.fields, CASE_FIELD_TYPES, ctx.doc, {},
    (i) => (i < 0 ? 'rows[*]' : `rows[${i}]`),
    (i) => `第${i + 1}行 `,
    '', 0, tableSink,
  );
  result.errors.push(...tableSink.errors);
  if (rows === null) {
    result.errors.push(`找不到案件表格“${rule.table.selector}”（rows.table.selector）`);
    return;
  }
  for (const r of rows) {
    result.missing.push(...r.sink.missing);
    if (r.failed || r.sink.errors.length > 0) {
      result.errors.push(...r.sink.errors);
      continue;
    }
    const sink: Sink = { missing: [], errors: [] };
    const prefix = `rows[${r.index}]`;
    const snap = finish(ctx, r.values, `第${r.index + 1}行 `, prefix, sink);
    for (const m of sink.missing) if (!result.missing.includes(m)) result.missing.push(m);
    result.errors.push(...sink.errors);
    if (!snap) continue;
    result.cases.push(snap);
    let anchor: Element = r.row;
    if (rule.anchor) anchor = qs(r.row, rule.anchor) ?? r.row;
    anchors.push(anchor);
  }
}

function applyDetailPage(ctx: Ctx, page: PageRule, result: PageResult): void {
  const sink: Sink = { missing: [], errors: [] };
  const page0 = readFields(ctx, page.fields, CASE_FIELD_TYPES, { el: ctx.doc }, {}, '', '', '', sink);
  let failed = page0.failed;
  const values: Values = { ...page0.values };
  const sectionNames: string[] = [];
  for (const section of page.sections ?? []) {
    if (section.present !== undefined && qs(ctx.doc, section.present) === null) continue;
    sectionNames.push(section.name);
    const s = readFields(ctx, section.fields, CASE_FIELD_TYPES, { el: ctx.doc }, values, '', '', '', sink);
    if (s.failed) failed = true;
    Object.assign(values, s.values);
    for (const key of ['parties', 'events', 'documents', 'writs'] as const) {
      const rule = section[key];
      if (!rule) continue;
      const l = readList(ctx, key, rule as ListRule | ListRule[], ctx.doc, values, sink);
      if (l.failed) failed = true;
      if (l.items !== null) {
        const prev = values[key];
        values[key] = Array.isArray(prev) && key !== 'parties' ? [...prev, ...l.items] : l.items;
      }
    }
  }
  result.sections = sectionNames;
  result.detailAnchor = page.anchor ? qs(ctx.doc, page.anchor) : (ctx.doc.body ?? ctx.doc.documentElement);
  result.missing.push(...sink.missing);
  result.errors.push(...sink.errors);
  if (failed || sink.errors.length > 0 || sink.missing.length > 0) return;
  const end: Sink = { missing: [], errors: [] };
  const snap = finish(ctx, values, '', '', end);
  result.missing.push(...end.missing);
  result.errors.push(...end.errors);
  if (snap) result.cases.push(snap);
}

/** The current user per a `user` rule; `undefined` when the page does not show a name (never an error for that). */
function readUser(ctx: Ctx, rule: UserRule, result: PageResult): PageUser | undefined {
  const sink: Sink = { missing: [], errors: [] };
  const types: Record<string, FieldType> = { name: 'text', role: 'text', division: 'text' };
  const { values } = readFields(ctx, { ...rule, name: { ...rule.name, required: false } }, types, { el: ctx.doc }, {}, 'user', '当前用户 ', '', sink);
  result.errors.push(...sink.errors);
  if (typeof values.name !== 'string' || values.name === '') return undefined;
  const tooLong = (['name', 'role', 'division'] as const).some((k) => typeof values[k] === 'string' && (values[k] as string).trim().length > PAGE_USER_MAX[k]);
  const parsed = tooLong ? null : ctx.checks.user.safeParse(values);
  if (!parsed || !parsed.success) {
    result.errors.push(`当前用户：无法识别（user）`);
    return undefined;
  }
  return parsed.data;
}

function makeCtx(profile: HostProfile, doc: Document, url: string, checks: Checks): Ctx {
  const fmt = profile.dateFormat ?? 'iso';
  let origin = '';
  try {
    origin = new URL(url).origin;
  } catch {
    /* detectPages already refused a bad URL */
  }
  return {
    doc,
    url,
    origin,
    blanks: new Set(['', ...(profile.blanks ?? DEFAULT_BLANKS)]),
    dateFormats: Array.isArray(fmt) ? fmt : [fmt],
    labels: new WeakMap(),
    res: new Map(),
    checks,
  };
}

/**
 * Read a page with a profile: find the page rule for the URL (and its `match.selector`), extract the cases,
 * validate each with CaseSnapshotSchema. Cases with a missing required value or any unreadable value are left
 * out entirely (nothing partial) and reported in `missing` / `errors`. Never throws.
 */
export function extractPage(profile: HostProfile, doc: Document, url: string, checks: Checks = UNCHECKED): PageResult {
  const result: PageResult = { profile: profile?.id ?? null, page: null, kind: 'other', cases: [], missing: [], errors: [] };
  try {
    const candidates = detectPages([profile], url);
    let chosen: (typeof candidates)[number] | undefined;
    for (const c of candidates) {
      if (c.page.match.selector === undefined) {
        chosen = c;
        break;
      }
      try {
        if (doc.querySelector(c.page.match.selector)) {
          chosen = c;
          break;
        }
      } catch {
        result.errors.push(`选择器无效“${c.page.match.selector}”（pages[${c.pageIndex}].match.selector）`);
      }
    }
    if (!chosen) {
      // Not a page the profile reads cases from, but one of its URLs: the banner may still name the user.
      if (candidates.length > 0 && profile.user) {
        const user = readUser(makeCtx(profile, doc, url, checks), profile.user, result);
        if (user) result.user = user;
      }
      return result;
    }
    const page = chosen.page;
    result.page = page.name ?? `pages[${chosen.pageIndex}]`;
    result.kind = page.kind;
    const ctx = makeCtx(profile, doc, url, checks);
    const userRule = page.user ?? profile.user;
    if (userRule) {
      const user = readUser(ctx, userRule, result);
      if (user) result.user = user;
    }
    if (page.rows) applyListPage(ctx, page, result);
    else if (page.fields || page.sections) applyDetailPage(ctx, page, result);
  } catch (e) {
    result.cases = [];
    result.rowAnchors = result.rowAnchors ? [] : undefined;
    if (result.rowAnchors === undefined) delete result.rowAnchors;
    result.errors.push(`读取页面失败：${e instanceof Error ? e.message : String(e)}`);
  }
  return result;
}
