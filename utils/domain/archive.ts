// 立卷归档 completeness (domain.md §11): the 电子卷宗目录 of a case is matched against the material list for
// its type, 送达回证 are checked per party, and the archive countdown runs from 结案. Pure: "today" passed in.
import type { CaseDocument, CaseSnapshot } from './case';
import { addDays, addMonths, diffDays, isValidIsoDate } from './dates';
import { StringMemo } from './memo';
import {
  ArchiveTableSchema,
  DEFAULT_ARCHIVE_TABLE,
  type ArchiveCondition,
  type ArchiveFlag,
  type ArchiveItem,
  type ArchiveList,
  type ArchiveTable,
} from '../rules/archive';

export { DEFAULT_ARCHIVE_TABLE };
export type { ArchiveFlag, ArchiveTable };

export interface ArchiveContext {
  judgment?: boolean;
  ruling?: boolean;
  mediation?: boolean;
  withdrawal?: boolean;
  extended?: boolean;
  deducted?: boolean;
  similarCaseRequired?: boolean;
  supervised?: boolean;
  reviewRequired?: boolean;
  termination?: boolean;
  appealed?: boolean;
  detained?: boolean;
  collegial?: boolean;
}

export interface ArchiveCheckInput {
  snapshot: CaseSnapshot;
  /** Chosen by the clerk, or from a previous run; otherwise selected from category and stage */
  listId?: string;
  /** Category and stage from parseCaseNumber (utils/domain/case-number.ts), when known */
  caseType?: { category?: string; stage?: string };
  /** Flags from the rest of the domain; a missing flag is derived from the snapshot where possible */
  context?: ArchiveContext;
  today: string;
}

export type ItemState = 'present' | 'missing' | 'not-applicable';

export interface ArchiveItemResult {
  id: string;
  name: string;
  volume: 'main' | 'sub';
  state: ItemState;
  /** Titles of the documents matched to this item, as shown in the 目录 */
  matched: string[];
  reason: string;
  basis: string;
  tag: 'S' | 'P' | 'G';
}

export interface ServiceProofResult {
  /** The closing document (title as shown, or its kind when the document itself is not in the 目录) */
  document: string;
  party: string;
  role?: string;
  state: 'present' | 'missing';
  proofTitle?: string;
  note?: string;
}

export type ArchiveCountdownState = 'not-closed' | 'ok' | 'due' | 'overdue' | 'archived';

export interface ArchiveCountdown {
  closedOn: string | null;
  warnOn: string | null;
  overdueOn: string | null;
  daysSinceClosed: number | null;
  state: ArchiveCountdownState;
}

export interface ArchiveCheckResult {
  listId: string | null;
  listName: string | null;
  items: ArchiveItemResult[];
  /** 目录 titles that matched no item of the list */
  unmatched: string[];
  serviceProof: ServiceProofResult[];
  flags: ArchiveFlag[];
  countdown: ArchiveCountdown;
  /** Further observations in Chinese (e.g. parties unknown, 终本 before 3 months) */
  notes: string[];
  problem?: '无法读取卷宗目录' | '无适用清单';
}

// ---------------------------------------------------------------------------------------------------------
// Title normalisation

const CN_NUM = '一二三四五六七八九十百〇零';
/** Leading numbering: "1.", "1、", "一、", "（1）", "(一)", "①", "第1项", "1-2" … (repeated). */
const LEADING_NUMBER = new RegExp(
  `^(?:第?[0-9${CN_NUM}]+[项条部分]?[.、，,:：)\\]]|[(\\[][0-9${CN_NUM}]+[)\\]]|[\\u2460-\\u2473\\u2474-\\u2487\\u2488-\\u249b]|[0-9]+(?:[.\\-][0-9]+)+(?![0-9]))\\s*`,
);
const CASE_NO = /[(\[]\s*\d{4}\s*[)\]]\s*[^()\[\]\s]{1,24}?\d+\s*号(?:之[一二三四五六七八九十]+)?/g;
const EXT = /\.(pdf|docx?|wps|ofd|jpe?g|png|tiff?|xlsx?)$/i;
const COPY_WORDS = /正本|副本|复印件|复印本|影印件|扫描件|复制件|原件/g;
const CATEGORY_PREFIX = /(?:刑事附带民事|附带民事|民事|刑事|行政)(?=判决|裁定|调解|起诉|上诉|答辩|诉状|自诉)/g;
const PUNCT = /[^\p{Script=Han}a-z0-9]/gu;

function basic(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[〔【［「『]/g, '(')
    .replace(/[〕】］」』]/g, ')')
    .toLowerCase();
}

/** Normalises a variant or a keyword the same way titles are normalised (without party handling). */
export function normalizeVariant(v: string): string {
  return basic(v).replace(COPY_WORDS, '').replace(CATEGORY_PREFIX, '').replace(PUNCT, '');
}

const compactCaseNo = (s: string) => basic(s).replace(/\s+/g, '');

export interface NormalizedTitle {
  /** Normalised text used for matching */
  text: string;
  /** Party names found in the title */
  parties: string[];
  /** Party roles found in the title (原告, 被告 …) */
  roles: string[];
}

const STANDARD_ROLES = [
  '原审原告', '原审被告', '原审第三人', '被上诉人', '上诉人', '原告', '被告人', '被告', '第三人', '申请执行人', '被执行人',
  '申请人', '被申请人', '自诉人', '附带民事诉讼原告人', '附带民事诉讼被告人', '被害人', '公诉机关', '再审申请人',
];

/**
 * Normalises a 目录 title: full-width → half-width, numbering, page references, file extensions, 案号 (another
 * case's 案号 becomes 原审 / 二审), party names and roles, 正本/副本/复印件, brackets, punctuation and whitespace.
 */
export function normalizeTitle(title: string, partyNames: string[] = [], ownCaseNo?: string, roles: string[] = []): NormalizedTitle {
  const n = normalizeWith(title, titleContext(partyNames, ownCaseNo, roles));
  // the roles array is shared with the memo (see roleStep): callers get their own
  return { ...n, roles: [...n.roles] };
}

/** What normalizing the titles of one case needs, prepared once per case (a 目录 holds dozens of titles). */
interface TitleContext {
  own: string;
  /** party names (≥ 2 characters, longest first) with their normalised form */
  names: Array<{ name: string; n: string }>;
  roles: RoleContext;
}

/**
 * The role words of a case (the case's and the standard ones, longest first) with their normalised form, shared
 * by every case with the same roles in the same order, and the role step's results for the titles seen with them.
 */
interface RoleContext {
  roles: Array<{ role: string; n: string }>;
  steps: StringMemo<{ text: string; roles: string[] }>;
}

// Most cases have one of a few role lists (原告/被告, 被告人, 申请执行人/被执行人 …). Keyed by the roles as given:
// their order decides the order of equally long roles, hence of the roles found.
const roleContexts = new StringMemo<RoleContext>(32);

function roleContextOf(roles: string[]): RoleContext {
  return roleContexts.get(roles.join('\u0000'), () => ({
    roles: [...new Set([...roles, ...STANDARD_ROLES])].filter(Boolean).sort((a, b) => b.length - a.length)
      .map((role) => ({ role, n: basic(role) })),
    steps: new StringMemo(1000),
  }));
}

function titleContext(partyNames: string[], ownCaseNo: string | undefined, roles: string[]): TitleContext {
  return {
    own: ownCaseNo ? compactCaseNo(ownCaseNo) : '',
    names: [...new Set(partyNames)].filter((n) => n.trim().length >= 2).sort((a, b) => b.length - a.length)
      .map((name) => ({ name, n: basic(name).trim() })),
    roles: roleContextOf(roles),
  };
}

/** Numbering, page references, extensions and 案号 removed: depends on the title and, when it names a 案号, on the case's own. */
function stripTitle(title: string, own: string): { s: string; caseNo: boolean } {
  let s = basic(title).trim().replace(EXT, '');
  let caseNo = false;
  s = s.replace(CASE_NO, (m) => {
    caseNo = true;
    const c = m.replace(/\s+/g, '');
    if (own && c === own) return ' ';
    const type = /([\p{Script=Han}]+)\d+号/u.exec(c)?.[1] ?? '';
    if (type.includes('终')) return ' 二审 ';
    if (type.includes('初')) return ' 原审 ';
    return ' ';
  });
  s = s.trim();
  for (let i = 0; i < 4; i++) {
    const next = s.replace(LEADING_NUMBER, '').trim();
    if (next === s) break;
    s = next;
  }
  return { s: s.replace(/第?\d+(?:\s*[-~—至]\s*\d+)?\s*页/g, ' '), caseNo };
}

// stripTitle per title; null for titles naming a 案号 (their result depends on the case, so they are not memoised).
const strippedTitles = new StringMemo<string | null>(4000);

function normalizeWith(title: string, ctx: TitleContext): NormalizedTitle {
  let s = strippedTitles.get(title, (t) => {
    const r = stripTitle(t, '');
    return r.caseNo ? null : r.s;
  }) ?? stripTitle(title, ctx.own).s;
  const found: string[] = [];
  for (const { name, n } of ctx.names) {
    if (n && s.includes(n)) {
      found.push(name);
      s = s.split(n).join(' ');
    }
  }
  const { text, roles } = ctx.roles.steps.get(s, (x) => roleStep(x, ctx.roles.roles));
  return { text, parties: found, roles };
}

/** The roles named in a title (party names already removed) and its final matching text. */
function roleStep(s: string, roleWords: RoleContext['roles']): { text: string; roles: string[] } {
  const foundRoles: string[] = [];
  let probe = s;
  for (const { role, n } of roleWords) {
    if (probe.includes(n)) {
      foundRoles.push(role);
      probe = probe.split(n).join(' ');
    }
  }
  const text = s.replace(COPY_WORDS, '').replace(CATEGORY_PREFIX, '').replace(PUNCT, '');
  return { text, roles: foundRoles };
}

// ---------------------------------------------------------------------------------------------------------
// List selection and context

function stageOf(s: CaseSnapshot): string | undefined {
  const p = s.procedure;
  if (!s.category) return undefined;
  if (s.category === 'enforcement') return 'enforcement';
  if (!p) return undefined;
  if (p === 'second-judgment' || p === 'second-ruling' || p === 'second') return 'second';
  if (p === 'retrial-review') return 'retrial-review';
  if (p === 'retrial') return 'retrial';
  if (p === 'special') return 'special';
  if (p === 'decision') return undefined;
  return 'first';
}

/** The list for a case from category and stage (caseType wins over the snapshot), or null. */
export function selectArchiveList(
  snapshot: CaseSnapshot,
  caseType?: { category?: string; stage?: string },
  table: ArchiveTable = DEFAULT_ARCHIVE_TABLE,
): ArchiveList | null {
  const category = caseType?.category ?? snapshot.category;
  const stage = caseType?.stage ?? stageOf(snapshot);
  if (!category) return null;
  for (const l of table.lists) {
    for (const a of l.appliesTo) {
      if (a.category !== category) continue;
      if (a.stages && (!stage || !a.stages.includes(stage))) continue;
      if (a.procedures && (!snapshot.procedure || !a.procedures.includes(snapshot.procedure))) continue;
      return l;
    }
  }
  return null;
}

const has = (s: string | undefined, re: RegExp) => !!s && re.test(s);

/** Fills the context flags the caller did not give from the snapshot. */
export function deriveArchiveContext(s: CaseSnapshot, given: ArchiveContext = {}): Required<ArchiveContext> {
  const cm = s.closeMethod;
  const events = s.events ?? [];
  const termination = given.termination ?? has(cm, /终本|终结本次/);
  const withdrawal = given.withdrawal ?? has(cm, /撤诉|撤回/);
  return {
    judgment: given.judgment ?? has(cm, /判决/),
    ruling: given.ruling ?? (has(cm, /裁定|驳回起诉|撤诉|撤回|终本|终结|不予受理/) || termination),
    mediation: given.mediation ?? has(cm, /调解/),
    withdrawal,
    extended: given.extended ?? events.some((e) => e.kind === 'extension'),
    deducted: given.deducted ?? events.some((e) => e.kind === 'deduction'),
    similarCaseRequired: given.similarCaseRequired ?? false,
    supervised: given.supervised ?? false,
    reviewRequired: given.reviewRequired ?? false,
    termination,
    appealed: given.appealed ?? (s.signals ?? []).some((x) => /上诉|抗诉/.test(x)),
    detained: given.detained ?? (s.detained === true || !!s.detainedSince),
    collegial: given.collegial ?? ((s.panel?.length ?? 0) >= 3),
  };
}

const CONDITION_LABEL: Record<ArchiveCondition, string> = {
  always: '必备',
  optional: '视情况',
  judgment: '判决结案',
  ruling: '裁定结案',
  mediation: '调解结案',
  withdrawal: '撤诉结案',
  extended: '延长审限',
  deducted: '扣除审限',
  similarCaseRequired: '应当进行类案检索',
  supervised: '四类案件',
  reviewRequired: '需阅核',
  termination: '终结本次执行',
  appealed: '上诉或抗诉',
  detained: '被告人被羁押',
  collegial: '合议庭审理',
};

// ---------------------------------------------------------------------------------------------------------
// Countdown

export function archiveCountdown(s: CaseSnapshot, today: string, table: ArchiveTable = DEFAULT_ARCHIVE_TABLE): ArchiveCountdown {
  const closedOn = s.closedOn && isValidIsoDate(s.closedOn) ? s.closedOn : null;
  if (!closedOn) return { closedOn: null, warnOn: null, overdueOn: null, daysSinceClosed: null, state: s.status === 'archived' ? 'archived' : 'not-closed' };
  const warnOn = addDays(closedOn, table.countdown.warnDays);
  const overdueOn = addMonths(closedOn, table.countdown.overdueMonths);
  const daysSinceClosed = diffDays(closedOn, today);
  let state: ArchiveCountdownState;
  if (s.status === 'archived' || s.archivedOn) state = 'archived';
  else if (s.status === 'pending' && closedOn > today) state = 'not-closed';
  else if (today > overdueOn) state = 'overdue';
  else if (today >= warnOn) state = 'due';
  else state = 'ok';
  return { closedOn, warnOn, overdueOn, daysSinceClosed, state };
}

// ---------------------------------------------------------------------------------------------------------
// The check

interface Doc {
  doc: CaseDocument;
  n: NormalizedTitle;
  /** parties the document concerns: doc.party, names in the title, or a role held by exactly one party */
  parties: string[];
  /** what the title is for the 送达回证 check */
  proof: ProofTitle;
}

function toArray<T>(v: T | T[]): T[] {
  return Array.isArray(v) ? v : [v];
}

// The table is the same for thousands of cases (a list page, the dashboard): validate it and prepare its lists
// (items with their included lists, normalised variants, fixed reasons) once per table object, not once per case;
// what a normalised title matches is memoised per list and per table, as thousands of cases share a few hundred
// titles. Tables are treated as values: a changed table (the options page saves one) is a new object; mutating
// one in place after use is not supported.
const validatedTables = new WeakMap<object, ArchiveTable>();
const itemVariants = new WeakMap<ArchiveItem, { titles: string[]; exclude: string[] }>();
const preparedTables = new WeakMap<ArchiveTable, PreparedTable>();

function validatedTable(config: ArchiveTable): ArchiveTable {
  if (config === DEFAULT_ARCHIVE_TABLE) return config;
  let table = validatedTables.get(config);
  if (!table) validatedTables.set(config, (table = ArchiveTableSchema.parse(config)));
  return table;
}

function variantsOf(item: ArchiveItem): { titles: string[]; exclude: string[] } {
  let v = itemVariants.get(item);
  if (!v) itemVariants.set(item, (v = { titles: item.titles.map(normalizeVariant).filter(Boolean), exclude: item.exclude.map(normalizeVariant).filter(Boolean) }));
  return v;
}

interface PreparedItem {
  item: ArchiveItem;
  variants: { titles: string[]; exclude: string[] };
  when: ArchiveCondition[];
  optional: boolean;
  always: boolean;
  /** the reason when no document matched and the item does not apply */
  notApplicable: string;
}

interface PreparedList {
  items: PreparedItem[];
  /** per normalised title: the items it can be filed under, in list order, with the score from the title alone */
  candidates: StringMemo<Array<{ i: number; score: number }>>;
}

/** A normalised title as the 送达回证 check sees it (from the table's serviceProof; see preparedTable). */
interface ProofTitle {
  /** a proof of service */
  proof: boolean;
  /** names another document (a proof of service of that one, not of the closing document) */
  other: boolean;
  /** service by 公告 */
  notice: boolean;
  /** the closing kinds the title mentions */
  kinds: string[];
  /** per closing kind (serviceProof.closingKinds order): the case's own closing document of that kind */
  closing: boolean[];
}

interface PreparedTable {
  lists: Map<ArchiveList, PreparedList>;
  nonParty: Set<string>;
  kinds: Array<ArchiveTable['serviceProof']['closingKinds'][number] & { v: string[] }>;
  /** memoised per normalised title */
  proofTitleOf: (text: string) => ProofTitle;
}

function preparedTable(table: ArchiveTable): PreparedTable {
  let p = preparedTables.get(table);
  if (!p) {
    const sp = table.serviceProof;
    const closingEx = sp.closingExclude.map(normalizeVariant);
    const proofV = sp.proofTitles.map(normalizeVariant);
    const notProofV = sp.notProof.map(normalizeVariant);
    const otherV = sp.otherDocuments.map(normalizeVariant);
    const noticeV = sp.noticeTitles.map(normalizeVariant);
    const kinds = sp.closingKinds.map((k) => ({ ...k, v: k.titles.map(normalizeVariant) }));
    const proofTitle = (text: string): ProofTitle => {
      const proof = proofV.some((v) => text.includes(v)) && !notProofV.some((v) => text.includes(v));
      const mentions = kinds.map((k) => k.v.some((v) => text.includes(v)));
      const excluded = closingEx.some((e) => text.includes(e));
      return {
        proof,
        other: otherV.some((v) => text.includes(v)),
        notice: noticeV.some((v) => text.includes(v)),
        kinds: kinds.filter((_, j) => mentions[j]).map((k) => k.kind),
        closing: mentions.map((m) => !proof && m && !excluded),
      };
    };
    const memo = new StringMemo<ProofTitle>(2000);
    p = { lists: new Map(), nonParty: new Set(sp.nonPartyRoles), kinds, proofTitleOf: (text) => memo.get(text, proofTitle) };
    preparedTables.set(table, p);
  }
  return p;
}

function preparedList(table: ArchiveTable, list: ArchiveList): PreparedList {
  const pt = preparedTable(table);
  let p = pt.lists.get(list);
  if (!p) {
    const items: ArchiveItem[] = [...list.items];
    for (const inc of list.includes) {
      const l = table.lists.find((x) => x.id === inc);
      if (l) items.push(...l.items.filter((i) => !items.some((x) => x.id === i.id)));
    }
    const prepared = items.map((item): PreparedItem => {
      const when = toArray(item.when);
      return {
        item,
        variants: variantsOf(item),
        when,
        optional: when.length === 1 && when[0] === 'optional',
        always: when.includes('always'),
        notApplicable: `仅在${when.map((c) => CONDITION_LABEL[c]).join('或')}时需要，本案不适用`,
      };
    });
    p = { items: prepared, candidates: new StringMemo(2000) };
    pt.lists.set(list, p);
  }
  return p;
}

/**
 * The items a normalised title can be filed under, with the part of the score that depends on the title alone: a
 * variant ending the title (1000), then the longest variant (10 per character). checkArchive adds the volume and
 * "no document yet" parts.
 */
function candidatesOf(text: string, items: PreparedItem[]): Array<{ i: number; score: number }> {
  const out: Array<{ i: number; score: number }> = [];
  for (let i = 0; i < items.length; i++) {
    const v = items[i].variants;
    let excluded = false;
    for (const e of v.exclude) if (text.includes(e)) { excluded = true; break; }
    if (excluded) continue;
    let len = 0;
    let suffix = false;
    for (const t of v.titles) {
      if (!text.includes(t)) continue;
      if (t.length > len) len = t.length;
      // Chinese titles put the head noun last: "判决书送达回证" is a 送达回证, "举证通知书送达回证" too.
      // Two-character endings (批复, 封面) are too weak to outrank a longer, more specific variant.
      if (!suffix && t.length >= 3 && text.endsWith(t)) suffix = true;
    }
    if (len > 0) out.push({ i, score: (suffix ? 1000 : 0) + len * 10 });
  }
  return out;
}

/**
 * Checks a case's 电子卷宗目录 against its material list. Never reports "complete" when the 目录 could not be
 * read (problem 无法读取卷宗目录) or no list applies (problem 无适用清单; the clerk then chooses a list).
 */
export function checkArchive(input: ArchiveCheckInput, config: ArchiveTable = DEFAULT_ARCHIVE_TABLE): ArchiveCheckResult {
  const table = validatedTable(config);
  const { snapshot: s, today } = input;
  if (!isValidIsoDate(today)) throw new RangeError(`Invalid date: ${today}`);
  const countdown = archiveCountdown(s, today, table);
  const flags = new Set<ArchiveFlag>();
  const notes: string[] = [];
  if (countdown.state === 'due') flags.add('archiveDue');
  if (countdown.state === 'overdue') flags.add('archiveOverdue');
  if (countdown.state === 'not-closed' && s.status === 'closed') notes.push('案件已结案，但未读取到结案日期，无法计算归档期限');

  const list = input.listId ? table.lists.find((l) => l.id === input.listId) ?? null : selectArchiveList(s, input.caseType, table);
  const base = { serviceProof: [] as ServiceProofResult[], countdown, notes };
  if (input.listId && !list) notes.push(`未找到编号为「${input.listId}」的归档清单`);
  if (!list) {
    return { listId: null, listName: null, items: [], unmatched: [], ...base, flags: [...flags], problem: '无适用清单' };
  }
  if (!Array.isArray(s.documents)) {
    return { listId: list.id, listName: list.name, items: [], unmatched: [], ...base, flags: [...flags], problem: '无法读取卷宗目录' };
  }

  const ctx = deriveArchiveContext(s, input.context);
  const pt = preparedTable(table);
  const pl = preparedList(table, list);
  const items = pl.items;

  // Parties
  const parties: Array<{ name: string; role: string }> = [];
  for (const p of s.parties ?? []) {
    if (pt.nonParty.has(p.role) || parties.some((q) => q.name === p.name)) continue;
    parties.push(p);
  }
  const names = parties.map((p) => p.name);
  const roles = [...new Set(parties.map((p) => p.role))];

  const titles = titleContext(names, s.caseNo, roles);
  const partyKeys = parties.map((p) => basic(p.name).trim());
  const docs: Doc[] = s.documents.map((doc) => {
    const n = normalizeWith(doc.title, titles);
    const ps = new Set<string>();
    if (doc.party) {
      const key = basic(doc.party).trim();
      const m = parties.find((_, i) => partyKeys[i] === key);
      ps.add(m ? m.name : doc.party);
    }
    for (const x of n.parties) ps.add(x);
    if (ps.size === 0) {
      for (const r of n.roles) {
        const holders = parties.filter((p) => p.role === r);
        if (holders.length === 1) ps.add(holders[0].name);
      }
    }
    return { doc, n, parties: [...ps], proof: pt.proofTitleOf(n.text) };
  });

  // Match each document to at most one item: a variant ending the title wins; then the longest variant; then
  // the document's volume; then an item that has no document yet; then list order. (Item ids are unique within a
  // list and its includes, so documents are collected per item index.)
  const matchedBy: Doc[][] = items.map(() => []);
  const unmatched: string[] = [];
  for (const d of docs) {
    const candidates = pl.candidates.get(d.n.text, (text) => candidatesOf(text, items));
    const volume = d.doc.volume;
    let best = -1;
    let bestScore = 0;
    for (const c of candidates) {
      const it = items[c.i];
      const score = c.score + (volume && volume === it.item.volume ? 5 : 0) + (matchedBy[c.i].length === 0 ? 1 : 0);
      if (best < 0 || score > bestScore) {
        best = c.i;
        bestScore = score;
      }
    }
    if (best >= 0) matchedBy[best].push(d);
    else unmatched.push(d.doc.title);
  }

  const eventCount = {
    extension: (s.events ?? []).filter((e) => e.kind === 'extension').length,
    deduction: (s.events ?? []).filter((e) => e.kind === 'deduction').length,
  };
  const ctxOf = (c: ArchiveCondition) => c === 'always' || (c !== 'optional' && ctx[c as keyof typeof ctx]);

  // A plain loop, no closures per item: this runs for every item of every case evaluated (and each named closure
  // costs a defineProperty under esbuild's keepNames, which tsx uses).
  const results: ArchiveItemResult[] = [];
  for (let i = 0; i < items.length; i++) {
    const p = items[i];
    const item = p.item;
    const applicable = !p.optional && p.when.some(ctxOf);
    const found = matchedBy[i];
    const matched = found.map((d) => d.doc.title);
    let state: ItemState;
    let reason: string;
    if (found.length > 0 && applicable && item.countEvent && eventCount[item.countEvent] > found.length) {
      state = 'missing';
      const what = item.countEvent === 'extension' ? '延长审限' : '扣除审限';
      reason = `记录有 ${eventCount[item.countEvent]} 次${what}，卷内仅见 ${found.length} 份「${item.name}」`;
    } else if (found.length > 0) {
      state = 'present';
      const misplaced = found.filter((d) => d.doc.volume && d.doc.volume !== item.volume);
      const where = misplaced.length ? `；其中 ${misplaced.length} 份归入${misplaced[0].doc.volume === 'main' ? '正卷' : '副卷'}，应归入${item.volume === 'main' ? '正卷' : '副卷'}` : '';
      reason = `卷内见 ${found.length} 份${where}`;
    } else if (p.optional) {
      state = 'not-applicable';
      reason = '视案件情况提交，卷内未见';
    } else if (!applicable) {
      state = 'not-applicable';
      reason = p.notApplicable;
    } else {
      state = 'missing';
      const why = p.always ? '必备材料' : `本案${p.when.filter(ctxOf).map((c) => CONDITION_LABEL[c]).join('、')}，应有此材料`;
      reason = `卷内未见「${item.name}」（${why}）`;
    }
    if (state === 'missing') {
      flags.add(item.flag ?? 'missingRequiredItem');
      if (ctx.termination && item.terminationEvidence) flags.add('missingTerminationEvidence');
    }
    results.push({ id: item.id, name: item.name, volume: item.volume, matched, basis: item.basis, tag: item.tag, state, reason });
  }

  // 送达回证 per party for every closing document.
  const sp = table.serviceProof;
  const proofs = docs.filter((d) => d.proof.proof && !d.proof.other);
  const serviceProof: ServiceProofResult[] = [];

  pt.kinds.forEach((k, j) => {
    const closing = docs.filter((d) => d.proof.closing[j]);
    if (!ctx[k.context] && closing.length === 0) return;
    const document = closing.length ? closing[0].doc.title : `${k.kind}（卷内未见）`;
    if (parties.length === 0) {
      notes.push(`未读取到当事人名单，无法逐一核对${k.kind}的送达回证`);
      return;
    }
    for (const p of parties) {
      const candidates = proofs.filter((d) => d.parties.includes(p.name) && (d.proof.kinds.length === 0 || d.proof.kinds.includes(k.kind)));
      let note: string | undefined;
      const ok = candidates.find((d) => {
        if (d.proof.notice && d.doc.date && isValidIsoDate(d.doc.date) && diffDays(d.doc.date, today) < sp.noticeDays) {
          note = `公告送达自 ${d.doc.date} 起未满 ${sp.noticeDays} 日，尚未视为送达`;
          return false;
        }
        return true;
      });
      if (ok) {
        serviceProof.push({ document, party: p.name, role: p.role, state: 'present', proofTitle: ok.doc.title });
      } else {
        flags.add('missingServiceProof');
        const unattributed = proofs.filter((d) => d.parties.length === 0).length;
        serviceProof.push({
          document, party: p.name, role: p.role, state: 'missing',
          note: note ?? (unattributed ? `卷内有 ${unattributed} 份送达回证未注明受送达人，请核对` : undefined),
        });
      }
    }
  });

  if (ctx.termination && s.filedOn && s.closedOn && isValidIsoDate(s.filedOn) && isValidIsoDate(s.closedOn)) {
    const min = addMonths(s.filedOn, 3);
    if (!(s.closedOn > min)) {
      flags.add('missingTerminationEvidence');
      notes.push(`终本结案日 ${s.closedOn} 距立案日 ${s.filedOn} 未超过三个月（法〔2016〕373号 第一条第四项）`);
    }
  }

  const order = ['missingServiceProof', 'missingPronouncementRecord', 'extensionWithoutApproval', 'deductionWithoutBasis', 'missingSimilarCaseReport', 'missingSupervisionRecord', 'missingTerminationEvidence', 'missingRequiredItem', 'archiveDue', 'archiveOverdue'] as const;
  return {
    listId: list.id,
    listName: list.name,
    items: results,
    unmatched,
    serviceProof,
    flags: order.filter((f) => flags.has(f)),
    countdown,
    notes,
  };
}

/**
 * Which item of a list one 目录 title would be filed under (null: none). For previews and tests; checkArchive
 * does the same for a whole 目录.
 */
export function classifyTitle(
  title: string,
  opts: { listId: string; parties?: Array<{ name: string; role: string }>; caseNo?: string; volume?: 'main' | 'sub' },
  config: ArchiveTable = DEFAULT_ARCHIVE_TABLE,
): string | null {
  const r = checkArchive(
    { snapshot: { caseNo: opts.caseNo ?? '-', parties: opts.parties, documents: [{ title, volume: opts.volume }] }, listId: opts.listId, today: '2000-01-01' },
    config,
  );
  return r.items.find((i) => i.matched.length > 0)?.id ?? null;
}
