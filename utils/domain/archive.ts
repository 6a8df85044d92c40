// 立卷归档 completeness (domain.md §11): the 电子卷宗目录 of a case is matched against the material list for
// its type, 送达回证 are checked per party, and the archive countdown runs from 结案. Pure: "today" passed in.
import type { CaseDocument, CaseSnapshot } from './case';
import { addDays, addMonths, diffDays, isValidIsoDate } from './dates';
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
  return normalizeWith(title, titleContext(partyNames, ownCaseNo, roles));
}

/** What normalizing the titles of one case needs, prepared once per case (a 目录 holds dozens of titles). */
interface TitleContext {
  own: string;
  /** party names (≥ 2 characters, longest first) with their normalised form */
  names: Array<{ name: string; n: string }>;
  /** role words (the case's and the standard ones, longest first) with their normalised form */
  roles: Array<{ role: string; n: string }>;
}

function titleContext(partyNames: string[], ownCaseNo: string | undefined, roles: string[]): TitleContext {
  return {
    own: ownCaseNo ? compactCaseNo(ownCaseNo) : '',
    names: [...new Set(partyNames)].filter((n) => n.trim().length >= 2).sort((a, b) => b.length - a.length)
      .map((name) => ({ name, n: basic(name).trim() })),
    roles: [...new Set([...roles, ...STANDARD_ROLES])].filter(Boolean).sort((a, b) => b.length - a.length)
      .map((role) => ({ role, n: basic(role) })),
  };
}

function normalizeWith(title: string, ctx: TitleContext): NormalizedTitle {
  let s = basic(title).trim().replace(EXT, '');
  const own = ctx.own;
  s = s.replace(CASE_NO, (m) => {
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
  s = s.replace(/第?\d+(?:\s*[-~—至]\s*\d+)?\s*页/g, ' ');
  const found: string[] = [];
  for (const { name, n } of ctx.names) {
    if (n && s.includes(n)) {
      found.push(name);
      s = s.split(n).join(' ');
    }
  }
  const foundRoles: string[] = [];
  let probe = s;
  for (const { role, n } of ctx.roles) {
    if (probe.includes(n)) {
      foundRoles.push(role);
      probe = probe.split(n).join(' ');
    }
  }
  const text = s.replace(COPY_WORDS, '').replace(CATEGORY_PREFIX, '').replace(PUNCT, '');
  return { text, parties: found, roles: foundRoles };
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
}

function toArray<T>(v: T | T[]): T[] {
  return Array.isArray(v) ? v : [v];
}

/**
 * Checks a case's 电子卷宗目录 against its material list. Never reports "complete" when the 目录 could not be
 * read (problem 无法读取卷宗目录) or no list applies (problem 无适用清单; the clerk then chooses a list).
 */
// The table is the same for thousands of cases (a list page, the dashboard): validate it and normalise its
// variants once per table object, not once per case. Tables are treated as values: a changed table (the options
// page saves one) is a new object; mutating one in place after use is not supported.
const validatedTables = new WeakMap<object, ArchiveTable>();
const itemVariants = new WeakMap<ArchiveItem, { titles: string[]; exclude: string[] }>();
const proofVariants = new WeakMap<ArchiveTable['serviceProof'], ReturnType<typeof prepareServiceProof>>();

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

function prepareServiceProof(sp: ArchiveTable['serviceProof']) {
  return {
    closingEx: sp.closingExclude.map(normalizeVariant),
    proofV: sp.proofTitles.map(normalizeVariant),
    notProofV: sp.notProof.map(normalizeVariant),
    otherV: sp.otherDocuments.map(normalizeVariant),
    noticeV: sp.noticeTitles.map(normalizeVariant),
    kindV: sp.closingKinds.map((k) => ({ ...k, v: k.titles.map(normalizeVariant) })),
  };
}

function serviceProofVariants(sp: ArchiveTable['serviceProof']): ReturnType<typeof prepareServiceProof> {
  let v = proofVariants.get(sp);
  if (!v) proofVariants.set(sp, (v = prepareServiceProof(sp)));
  return v;
}

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
  const items: ArchiveItem[] = [...list.items];
  for (const inc of list.includes) {
    const l = table.lists.find((x) => x.id === inc);
    if (l) items.push(...l.items.filter((i) => !items.some((x) => x.id === i.id)));
  }

  // Parties
  const nonParty = new Set(table.serviceProof.nonPartyRoles);
  const parties: Array<{ name: string; role: string }> = [];
  for (const p of s.parties ?? []) {
    if (nonParty.has(p.role) || parties.some((q) => q.name === p.name)) continue;
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
    n.parties.forEach((x) => ps.add(x));
    if (ps.size === 0) {
      for (const r of n.roles) {
        const holders = parties.filter((p) => p.role === r);
        if (holders.length === 1) ps.add(holders[0].name);
      }
    }
    return { doc, n, parties: [...ps] };
  });

  // Match each document to at most one item: a variant ending the title wins; then the longest variant; then
  // the document's volume; then an item that has no document yet; then list order.
  const variants = new Map(items.map((i) => [i.id, variantsOf(i)]));
  const matchedBy = new Map<string, Doc[]>(items.map((i) => [i.id, []]));
  const unmatched: string[] = [];
  for (const d of docs) {
    let best: { item: ArchiveItem; score: number } | null = null;
    for (const item of items) {
      const v = variants.get(item.id)!;
      const text = d.n.text;
      // plain loops: this runs for every (document, item) pair of every case evaluated
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
      if (len === 0) continue;
      const score = (suffix ? 1000 : 0) + len * 10 + (d.doc.volume && d.doc.volume === item.volume ? 5 : 0) + (matchedBy.get(item.id)!.length === 0 ? 1 : 0);
      if (!best || score > best.score) best = { item, score };
    }
    if (best) matchedBy.get(best.item.id)!.push(d);
    else unmatched.push(d.doc.title);
  }

  const eventCount = {
    extension: (s.events ?? []).filter((e) => e.kind === 'extension').length,
    deduction: (s.events ?? []).filter((e) => e.kind === 'deduction').length,
  };
  const ctxOf = (c: ArchiveCondition) => c === 'always' || (c !== 'optional' && ctx[c as keyof typeof ctx]);

  const results: ArchiveItemResult[] = items.map((item) => {
    const when = toArray(item.when);
    const optional = when.length === 1 && when[0] === 'optional';
    const applicable = !optional && when.some(ctxOf);
    const found = matchedBy.get(item.id)!;
    const matched = found.map((d) => d.doc.title);
    const out = { id: item.id, name: item.name, volume: item.volume, matched, basis: item.basis, tag: item.tag };
    const flagMissing = () => {
      flags.add(item.flag ?? 'missingRequiredItem');
      if (ctx.termination && item.terminationEvidence) flags.add('missingTerminationEvidence');
    };
    if (found.length > 0) {
      if (applicable && item.countEvent && eventCount[item.countEvent] > found.length) {
        flagMissing();
        const what = item.countEvent === 'extension' ? '延长审限' : '扣除审限';
        return { ...out, state: 'missing', reason: `记录有 ${eventCount[item.countEvent]} 次${what}，卷内仅见 ${found.length} 份「${item.name}」` };
      }
      const misplaced = found.filter((d) => d.doc.volume && d.doc.volume !== item.volume);
      const where = misplaced.length ? `；其中 ${misplaced.length} 份归入${misplaced[0].doc.volume === 'main' ? '正卷' : '副卷'}，应归入${item.volume === 'main' ? '正卷' : '副卷'}` : '';
      return { ...out, state: 'present', reason: `卷内见 ${found.length} 份${where}` };
    }
    if (optional) return { ...out, state: 'not-applicable', reason: '视案件情况提交，卷内未见' };
    if (!applicable) return { ...out, state: 'not-applicable', reason: `仅在${when.map((c) => CONDITION_LABEL[c]).join('或')}时需要，本案不适用` };
    flagMissing();
    const why = when.includes('always') ? '必备材料' : `本案${when.filter(ctxOf).map((c) => CONDITION_LABEL[c]).join('、')}，应有此材料`;
    return { ...out, state: 'missing', reason: `卷内未见「${item.name}」（${why}）` };
  });

  // 送达回证 per party for every closing document.
  const sp = table.serviceProof;
  const { closingEx, proofV, notProofV, otherV, noticeV, kindV } = serviceProofVariants(sp);
  const isProof = (d: Doc) => proofV.some((v) => d.n.text.includes(v)) && !notProofV.some((v) => d.n.text.includes(v));
  const proofs = docs.filter(isProof).filter((d) => !otherV.some((v) => d.n.text.includes(v)));
  const kindsMentioned = (d: Doc) => kindV.filter((k) => k.v.some((v) => d.n.text.includes(v))).map((k) => k.kind);
  const serviceProof: ServiceProofResult[] = [];

  for (const k of kindV) {
    const closing = docs.filter((d) => !isProof(d) && k.v.some((v) => d.n.text.includes(v)) && !closingEx.some((e) => d.n.text.includes(e)));
    if (!ctx[k.context] && closing.length === 0) continue;
    const document = closing.length ? closing[0].doc.title : `${k.kind}（卷内未见）`;
    if (parties.length === 0) {
      notes.push(`未读取到当事人名单，无法逐一核对${k.kind}的送达回证`);
      continue;
    }
    for (const p of parties) {
      const candidates = proofs.filter((d) => d.parties.includes(p.name)).filter((d) => {
        const ks = kindsMentioned(d);
        return ks.length === 0 || ks.includes(k.kind);
      });
      let note: string | undefined;
      const ok = candidates.find((d) => {
        const notice = noticeV.some((v) => d.n.text.includes(v));
        if (notice && d.doc.date && isValidIsoDate(d.doc.date) && diffDays(d.doc.date, today) < sp.noticeDays) {
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
  }

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
