// 审判质效 indicators (domain.md §12) computed from the cases the user can see. Pure: no clock, no browser API.
//
// Display rule (§12.4): every value is reported against its configured reference range. Nothing in this module
// orders judges, divisions or courts by value: per-group results come back in name (pinyin) order, histograms
// in bucket order, trends in month order.
import type { CaseSnapshot, Category } from './case';
import { lookupCaseType, parseCaseNumber } from './case-number';
import { addMonths, civilToDays, daysInMonth, fromDayNumber, parseIso, toDayNumber, type DayNumber } from './dates';
import {
  DEFAULT_INDICATOR_DEFS, type IndicatorDef, type IndicatorGroup, type IndicatorUnit, type ReferenceRange,
} from '../rules/indicators';

/** One case as the indicators see it: the snapshot plus, when known, this system's deadline result. */
export interface IndicatorCase {
  snapshot: CaseSnapshot;
  /** from computeDeadline / evaluateCase(...).deadline; needed for 法定审限内结案率 */
  deadline?: { dueOn: string | null; level: string; daysLeft?: number | null } | null;
  /** 执行到位金额 (yuan) when the host shows it; needed for 执行到位率 */
  recoveredAmount?: number;
}

export interface IndicatorPeriod {
  /** first day counted, YYYY-MM-DD */
  periodStart: string;
  /** last day counted, YYYY-MM-DD (may lie in the future: the stock date is then `today`) */
  periodEnd: string;
  today: string;
}

export type IndicatorStatus = 'in-range' | 'above' | 'below' | 'no-range' | 'insufficient-data';

export interface IndicatorResult {
  id: string;
  name: string;
  label?: string;
  group: IndicatorGroup;
  unit: IndicatorUnit;
  tag: IndicatorDef['tag'];
  formula: string;
  note: string;
  /** percent points for '%' (66.67 means 66.67%), days for '天'; rounded to 2 decimals; null when not computable */
  value: number | null;
  numerator: number;
  denominator: number;
  /** 案号 behind the numerator / denominator, in input order (the drill-down list of §12.4) */
  numeratorCases: string[];
  denominatorCases: string[];
  status: IndicatorStatus;
  /** Chinese; why the value is null */
  reason?: string;
  /** Chinese; data-quality notes (cases left out and why) */
  notes: string[];
  referenceRange: ReferenceRange | null;
  /** the stock date used for "未结" (periodEnd or today, whichever is earlier) */
  asOf: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Per-case preparation (done once per snapshot object; snapshots are treated as immutable)

type Stage = 'first' | 'second' | 'retrial-review' | 'retrial' | 'other';

interface Prep {
  caseNo: string;
  filed: DayNumber | null;
  filedOn: string | null;
  closed: DayNumber | null;
  /** status says closed / archived but no 结案日 */
  closedNoDate: boolean;
  category: Category | null;
  stage: Stage | null;
  typeCode: string | null;
  closeMethod: string;
  cause: string;
  parties: string[];
  signals: string[];
  judge: string;
  division: string;
}

const FIRST_PROCEDURES = new Set(['ordinary', 'simple', 'small-claims', 'public-ordinary', 'private-detained', 'private-free', 'simple-long', 'fast-track', 'fast-track-long']);
const SECOND_PROCEDURES = new Set(['second-judgment', 'second-ruling', 'second']);

const prepCache = new WeakMap<CaseSnapshot, Prep>();

/** Day number of a valid `YYYY-MM-DD`, else null (hand-rolled: this runs twice per case on 20,000 cases). */
function dayOrNull(d: string | undefined): DayNumber | null {
  if (typeof d !== 'string' || d.length !== 10 || d.charCodeAt(4) !== 45 || d.charCodeAt(7) !== 45) return null;
  let y = 0, m = 0, day = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const c = d.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return null;
    if (i < 4) y = y * 10 + c; else if (i < 7) m = m * 10 + c; else day = day * 10 + c;
  }
  if (m < 1 || m > 12 || day < 1 || day > daysInMonth(y, m)) return null;
  return civilToDays(y, m, day);
}

const NAME_NOISE = /[\s\u3000（）]/;
const normName = (s: string) => (NAME_NOISE.test(s) ? s.replace(/[\s\u3000]/g, '').replace(/（/g, '(').replace(/）/g, ')') : s);

function partyNames(parties: CaseSnapshot['parties']): string[] {
  if (!parties || parties.length === 0) return [];
  const out: string[] = [];
  for (const x of parties) {
    const n = normName(x.name);
    if (n && !out.includes(n)) out.push(n);
  }
  return out;
}

/**
 * Type code, category and stage of a 案号. The common modern form ("(2025)渝0107民初123号") is read with one
 * regex and a table lookup; anything else goes through the full parser (parseCaseNumber costs ~5 µs a call,
 * more than all the indicators together for 20,000 cases).
 */
const MODERN_CASE_NO = /^[（(]\s*\d{4}\s*[）)]\s*[\u4e00-\u9fff]\d{1,4}([\u4e00-\u9fff]{1,5})\d+号$/;
function caseType(caseNo: string): { code: string; category: string; stage: string } | null {
  const m = MODERN_CASE_NO.exec(caseNo.trim());
  if (m) {
    const t = lookupCaseType(m[1]);
    if (t) return { code: t.canonical, category: t.type.category, stage: t.type.stage };
  }
  const cn = parseCaseNumber(caseNo);
  return cn && !cn.unknownType ? { code: cn.canonicalCode ?? cn.typeCode, category: cn.category, stage: cn.stage } : null;
}

function prepare(c: IndicatorCase): Prep {
  const s = c.snapshot;
  let p = prepCache.get(s);
  if (p) return p;
  const cn = caseType(s.caseNo);
  let stage: Stage | null = null;
  if (cn) {
    stage = cn.stage === 'first' || cn.stage === 'second' || cn.stage === 'retrial-review' || cn.stage === 'retrial' ? cn.stage : 'other';
  } else if (s.procedure) {
    if (SECOND_PROCEDURES.has(s.procedure)) stage = 'second';
    else if (FIRST_PROCEDURES.has(s.procedure) && s.category !== 'enforcement') stage = 'first';
    else if (s.procedure === 'retrial' || s.procedure === 'retrial-review') stage = s.procedure;
  }
  const cnCategory = cn && cn.category !== 'other' ? (cn.category as Category) : null;
  const closed = dayOrNull(s.closedOn);
  p = {
    caseNo: s.caseNo,
    filed: dayOrNull(s.filedOn),
    filedOn: null,
    closed,
    closedNoDate: closed === null && (s.status === 'closed' || s.status === 'archived'),
    category: s.category ?? cnCategory,
    stage,
    typeCode: cn ? cn.code : null,
    closeMethod: (s.closeMethod ?? '').trim(),
    cause: normName(s.cause ?? ''),
    parties: partyNames(s.parties),
    signals: s.signals ?? [],
    judge: (s.judge ?? '').trim(),
    division: (s.division ?? '').trim(),
  };
  if (p.filed !== null) p.filedOn = s.filedOn!;
  prepCache.set(s, p);
  return p;
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers

const round2 = (x: number) => Math.round(x * 100) / 100;
const hasAny = (text: string, keywords: readonly string[]) => keywords.some((k) => text.includes(k));

export function rangeStatus(value: number | null, range: ReferenceRange | null): IndicatorStatus {
  if (value === null) return 'insufficient-data';
  if (!range || (range.low === undefined && range.high === undefined)) return 'no-range';
  if (range.low !== undefined && value < range.low) return 'below';
  if (range.high !== undefined && value > range.high) return 'above';
  return 'in-range';
}

interface Ctx {
  items: IndicatorCase[];
  preps: Prep[];
  ps: DayNumber;
  pe: DayNumber;
  asOf: DayNumber;
}

interface Raw {
  value: number | null;
  numerator: number;
  denominator: number;
  num: number[];
  den: number[];
  reason?: string;
  notes: string[];
}

function inCats(p: Prep, cats: readonly Category[] | undefined): boolean {
  return !cats || (p.category !== null && cats.includes(p.category));
}

function pct(num: number[], den: number[], notes: string[], emptyReason: string): Raw {
  if (den.length === 0) return { value: null, numerator: num.length, denominator: 0, num, den, reason: emptyReason, notes };
  return { value: round2((num.length / den.length) * 100), numerator: num.length, denominator: den.length, num, den, notes };
}

function noteCount(notes: string[], n: number, text: string) {
  if (n > 0) notes.push(`${n} 件${text}`);
}

/** indices of cases closed within the period, in the categories; notes for closed cases missing their date */
function closedInPeriod(ctx: Ctx, cats: readonly Category[] | undefined, notes: string[]): number[] {
  const out: number[] = [];
  let noDate = 0;
  for (let i = 0; i < ctx.preps.length; i++) {
    const p = ctx.preps[i];
    if (!inCats(p, cats)) continue;
    if (p.closed !== null) { if (p.closed >= ctx.ps && p.closed <= ctx.pe) out.push(i); }
    else if (p.closedNoDate) noDate++;
  }
  noteCount(notes, noDate, '已结案但缺结案日期，未计入');
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Methods

type Method = (ctx: Ctx, def: IndicatorDef) => Raw;

const METHODS: Record<IndicatorDef['method'], Method> = {
  'closed-to-filed'(ctx, def) {
    const notes: string[] = [];
    const cats = def.params.categories;
    const num = closedInPeriod(ctx, cats, notes);
    const den: number[] = [];
    let noFiled = 0;
    for (let i = 0; i < ctx.preps.length; i++) {
      const p = ctx.preps[i];
      if (!inCats(p, cats)) continue;
      if (p.filed === null) noFiled++;
      else if (p.filed >= ctx.ps && p.filed <= ctx.pe) den.push(i);
    }
    noteCount(notes, noFiled, '缺立案日期，未计入新收');
    return pct(num, den, notes, '本期无新收案件');
  },

  'clearance-rate'(ctx, def) {
    const notes: string[] = [];
    const cats = def.params.categories;
    const num: number[] = [];
    const den: number[] = [];
    let noFiled = 0, noDate = 0;
    for (let i = 0; i < ctx.preps.length; i++) {
      const p = ctx.preps[i];
      if (!inCats(p, cats)) continue;
      if (p.filed === null) { noFiled++; continue; }
      if (p.filed > ctx.pe) continue;
      if (p.closed === null && p.closedNoDate) { noDate++; continue; }
      // 旧存: filed before the period and not closed before it; 新收: filed within the period
      if (p.closed !== null && p.closed < ctx.ps) continue;
      den.push(i);
      if (p.closed !== null && p.closed <= ctx.pe) num.push(i);
    }
    noteCount(notes, noFiled, '缺立案日期，未计入');
    noteCount(notes, noDate, '已结案但缺结案日期，未计入');
    return pct(num, den, notes, '本期无旧存或新收案件');
  },

  'closed-in-time'(ctx, def) {
    const notes: string[] = [];
    const closed = closedInPeriod(ctx, def.params.categories, notes);
    const num: number[] = [];
    const den: number[] = [];
    let noDeadline = 0, noPeriod = 0;
    for (const i of closed) {
      const d = ctx.items[i].deadline;
      if (!d) { noDeadline++; continue; }
      if (d.dueOn === null) { noPeriod++; continue; }
      den.push(i);
      const inTime = d.level === 'closed-in-time' || (d.level !== 'closed-late' && ctx.items[i].snapshot.closedOn! <= d.dueOn);
      if (inTime) num.push(i);
    }
    noteCount(notes, noDeadline, '结案案件未提供审限计算结果，未计入');
    noteCount(notes, noPeriod, '结案案件无法定审限（如涉外）或无法计算审限，未计入');
    if (closed.length > 0 && den.length === 0 && noDeadline === closed.length) {
      return { value: null, numerator: 0, denominator: 0, num, den, reason: '数据不足：未提供审限计算结果', notes };
    }
    return pct(num, den, notes, closed.length ? '本期结案案件均无可计算的法定审限' : '本期无结案');
  },

  'long-pending-share'(ctx, def) {
    const notes: string[] = [];
    const months = def.params.months ?? 12;
    const num: number[] = [];
    const den: number[] = [];
    let noFiled = 0, noDate = 0;
    const memo = new Map<DayNumber, DayNumber>();
    for (let i = 0; i < ctx.preps.length; i++) {
      const p = ctx.preps[i];
      if (!inCats(p, def.params.categories)) continue;
      if (p.filed === null) { if (p.closed === null && !p.closedNoDate) noFiled++; continue; }
      if (p.filed > ctx.asOf) continue;
      if (p.closed === null && p.closedNoDate) { noDate++; continue; }
      if (p.closed !== null && p.closed <= ctx.asOf) continue;
      den.push(i);
      // §7: "more than N months" when asOf > addMonths(filedOn, N) (civil month rule, no deductions)
      let limit = memo.get(p.filed);
      if (limit === undefined) { limit = toDayNumber(addMonths(p.filedOn!, months)); memo.set(p.filed, limit); }
      if (ctx.asOf > limit) num.push(i);
    }
    noteCount(notes, noFiled, '未结案件缺立案日期，未计入');
    noteCount(notes, noDate, '已结案但缺结案日期，未计入');
    return pct(num, den, notes, '统计截止日无未结案件');
  },

  'average-duration'(ctx, def) {
    const notes: string[] = [];
    const closed = closedInPeriod(ctx, def.params.categories, notes);
    const den: number[] = [];
    let sum = 0, noFiled = 0, bad = 0;
    for (const i of closed) {
      const p = ctx.preps[i];
      if (p.filed === null) { noFiled++; continue; }
      if (p.closed! < p.filed) { bad++; continue; }
      sum += p.closed! - p.filed;
      den.push(i);
    }
    noteCount(notes, noFiled, '结案案件缺立案日期，未计入');
    noteCount(notes, bad, '结案日早于立案日，未计入');
    if (den.length === 0) return { value: null, numerator: 0, denominator: 0, num: [], den, reason: '本期无结案', notes };
    return { value: round2(sum / den.length), numerator: sum, denominator: den.length, num: den.slice(), den, notes };
  },

  'first-instance-acceptance'(ctx, def) {
    return appealMethod(ctx, def, 'accepted');
  },
  'appeal-rate'(ctx, def) {
    return appealMethod(ctx, def, 'appealed');
  },

  'close-method-share'(ctx, def) {
    const notes: string[] = [];
    const keywords = def.params.keywords ?? [];
    const closed = closedInPeriod(ctx, def.params.categories, notes);
    return methodShare(ctx, closed, keywords, notes, '本期无结案');
  },

  'enforcement-close-method-share'(ctx, def) {
    const notes: string[] = [];
    const codes = def.params.typeCodes ?? ['执'];
    const closed = closedInPeriod(ctx, ['enforcement'], notes);
    const first: number[] = [];
    let unknown = 0;
    for (const i of closed) {
      const t = ctx.preps[i].typeCode;
      if (t === null) unknown++;
      else if (codes.includes(t)) first.push(i);
    }
    noteCount(notes, unknown, '执行结案案件案号无法识别，无法判断是否首执，未计入');
    return methodShare(ctx, first, def.params.keywords ?? [], notes, '本期无首执结案');
  },

  'enforcement-recovery'(ctx, def) {
    const notes: string[] = [];
    const codes = def.params.typeCodes ?? ['执', '执恢'];
    const closed = closedInPeriod(ctx, ['enforcement'], notes);
    const den: number[] = [];
    let target = 0, recovered = 0, missing = 0;
    for (const i of closed) {
      const t = ctx.preps[i].typeCode;
      if (t === null || !codes.includes(t)) continue;
      const it = ctx.items[i];
      const amount = it.snapshot.amount;
      if (amount === undefined || amount <= 0 || it.recoveredAmount === undefined || !(it.recoveredAmount >= 0)) { missing++; continue; }
      den.push(i);
      target += amount;
      recovered += it.recoveredAmount;
    }
    noteCount(notes, missing, '执行结案案件缺标的额或执行到位金额，未计入');
    if (den.length === 0) {
      const reason = missing > 0 ? '数据不足：办案系统数据中没有执行到位金额' : '本期无执行结案';
      return { value: null, numerator: 0, denominator: 0, num: [], den, reason, notes };
    }
    return { value: round2((recovered / target) * 100), numerator: recovered, denominator: target, num: den.slice(), den, notes };
  },

  'second-instance-revise-remand'(ctx, def) {
    const notes: string[] = [];
    const revise = def.params.reviseKeywords ?? ['改判'];
    const remand = def.params.remandKeywords ?? ['发回'];
    const closed = closedInPeriod(ctx, def.params.categories, notes).filter((i) => ctx.preps[i].stage === 'second');
    const num: number[] = [];
    const den: number[] = [];
    let noMethod = 0;
    for (const i of closed) {
      const m = ctx.preps[i].closeMethod;
      if (!m) { noMethod++; continue; }
      if (hasAny(m, remand)) den.push(i);
      else if (hasAny(m, revise)) num.push(i);
    }
    noteCount(notes, noMethod, '二审结案缺结案方式，未计入');
    if (closed.length === 0) return { value: null, numerator: 0, denominator: 0, num, den, reason: '数据不足：本期无二审结案数据', notes };
    if (closed.length === noMethod) return { value: null, numerator: 0, denominator: 0, num, den, reason: '数据不足：二审结案均缺结案方式', notes };
    if (den.length === 0) {
      return { value: null, numerator: num.length, denominator: 0, num, den, reason: `发回重审数为 0，比值无法计算（改判 ${num.length} 件）`, notes };
    }
    return { value: round2(num.length / den.length), numerator: num.length, denominator: den.length, num, den, notes };
  },
};

function methodShare(ctx: Ctx, closed: number[], keywords: readonly string[], notes: string[], emptyReason: string): Raw {
  const num: number[] = [];
  const den: number[] = [];
  let noMethod = 0;
  for (const i of closed) {
    const m = ctx.preps[i].closeMethod;
    if (!m) { noMethod++; continue; }
    den.push(i);
    if (hasAny(m, keywords)) num.push(i);
  }
  noteCount(notes, noMethod, '结案案件缺结案方式，未计入');
  if (closed.length > 0 && den.length === 0) return { value: null, numerator: 0, denominator: 0, num, den, reason: '数据不足：结案案件均缺结案方式', notes };
  return pct(num, den, notes, emptyReason);
}

/**
 * Later-stage cases (二审, 再审审查, 再审) indexed by 案由 + party name, for the inferred link "same 案由 and
 * overlapping parties, filed on or after the 一审 结案日". Built once per computeIndicators call over all input
 * cases.
 */
interface LaterEntry { id: number; stage: Stage; filed: DayNumber | null }
interface LaterIndex { byCauseParty: Map<string, LaterEntry[]>; secondCount: number; laterCount: number }

function buildLaterIndex(preps: Prep[]): LaterIndex {
  const byCauseParty: LaterIndex['byCauseParty'] = new Map();
  let secondCount = 0, laterCount = 0;
  for (let i = 0; i < preps.length; i++) {
    const p = preps[i];
    if (p.stage !== 'second' && p.stage !== 'retrial' && p.stage !== 'retrial-review') continue;
    laterCount++;
    if (p.stage === 'second') secondCount++;
    if (!p.cause) continue;
    const entry: LaterEntry = { id: i, stage: p.stage, filed: p.filed };
    for (const name of p.parties) {
      const key = `${p.cause}\u0000${name}`;
      let list = byCauseParty.get(key);
      if (!list) byCauseParty.set(key, (list = []));
      list.push(entry);
    }
  }
  return { byCauseParty, secondCount, laterCount };
}

const laterIndexCache = new WeakMap<Prep[], LaterIndex>();

/** Two shared party names (one when the 一审 case lists a single party), same 案由, filed on or after 结案. */
function linkedLater(p: Prep, idx: LaterIndex, stages: ReadonlySet<Stage>): boolean {
  if (!p.cause || p.parties.length === 0) return false;
  const need = Math.min(2, p.parties.length);
  const hits = need > 1 ? new Map<number, number>() : null;
  for (const name of p.parties) {
    const list = idx.byCauseParty.get(`${p.cause}\u0000${name}`);
    if (!list) continue;
    for (const l of list) {
      if (!stages.has(l.stage)) continue;
      if (l.filed !== null && p.closed !== null && l.filed < p.closed) continue;
      if (!hits) return true;
      const n = (hits.get(l.id) ?? 0) + 1;
      if (n >= need) return true;
      hits.set(l.id, n);
    }
  }
  return false;
}

const APPEAL_STAGES: ReadonlySet<Stage> = new Set<Stage>(['second']);
const ANY_LATER_STAGES: ReadonlySet<Stage> = new Set<Stage>(['second', 'retrial', 'retrial-review']);

function appealMethod(ctx: Ctx, def: IndicatorDef, want: 'accepted' | 'appealed'): Raw {
  const notes: string[] = [];
  const keywords = def.params.signalKeywords ?? (want === 'appealed' ? ['上诉', '抗诉'] : ['上诉', '抗诉', '再审', '申诉']);
  const link = def.params.linkByPartiesAndCause !== false;
  let idx = laterIndexCache.get(ctx.preps);
  if (!idx) { idx = buildLaterIndex(ctx.preps); laterIndexCache.set(ctx.preps, idx); }
  const den = closedInPeriod(ctx, def.params.categories, notes).filter((i) => ctx.preps[i].stage === 'first');
  const stages = want === 'appealed' ? APPEAL_STAGES : ANY_LATER_STAGES;
  const hasSignals = ctx.preps.some((p) => p.signals.some((s) => hasAny(s, keywords)));
  const hasLater = link && (want === 'appealed' ? idx.secondCount > 0 : idx.laterCount > 0);
  if (!hasSignals && !hasLater) {
    return {
      value: null, numerator: 0, denominator: den.length, num: [], den, notes,
      reason: '数据不足：没有二审、再审案件数据，也没有上诉标记，无法关联一审案件是否被上诉',
    };
  }
  const appealed: number[] = [];
  const accepted: number[] = [];
  for (const i of den) {
    const p = ctx.preps[i];
    const hit = p.signals.some((s) => hasAny(s, keywords)) || (link && linkedLater(p, idx, stages));
    (hit ? appealed : accepted).push(i);
  }
  notes.push(link ? '上诉等情况依据案件标记及案由、当事人推断关联（推断，非官方口径）' : '上诉等情况仅依据案件标记');
  return pct(want === 'appealed' ? appealed : accepted, den, notes, '本期无一审结案');
}

// ---------------------------------------------------------------------------------------------------------------
// Public API

function checkPeriod(period: IndicatorPeriod): { ps: DayNumber; pe: DayNumber; asOf: DayNumber } {
  for (const k of ['periodStart', 'periodEnd', 'today'] as const) {
    if (!parseIso(period[k])) throw new RangeError(`${k} 日期无效：${period[k]}`);
  }
  const ps = toDayNumber(period.periodStart), pe = toDayNumber(period.periodEnd), today = toDayNumber(period.today);
  if (ps > pe) throw new RangeError(`统计期起始日 ${period.periodStart} 晚于截止日 ${period.periodEnd}`);
  return { ps, pe, asOf: Math.min(pe, today) };
}

/**
 * All enabled indicators for the cases over the period, in the order of `defs`. Values are computed on every
 * case given: filter first with `scopeCases` (the user's authorised scope).
 */
export function computeIndicators(cases: IndicatorCase[], period: IndicatorPeriod, defs: IndicatorDef[] = DEFAULT_INDICATOR_DEFS): IndicatorResult[] {
  const { ps, pe, asOf } = checkPeriod(period);
  const preps = cases.map(prepare);
  const ctx: Ctx = { items: cases, preps, ps, pe, asOf };
  const asOfIso = fromDayNumber(asOf);
  const out: IndicatorResult[] = [];
  for (const def of defs) {
    if (def.enabled === false) continue;
    const raw = METHODS[def.method](ctx, def);
    const range = def.referenceRange ?? null;
    out.push({
      id: def.id, name: def.name, ...(def.label ? { label: def.label } : {}), group: def.group, unit: def.unit, tag: def.tag,
      formula: def.formula, note: def.note,
      value: raw.value, numerator: raw.numerator, denominator: raw.denominator,
      numeratorCases: raw.num.map((i) => preps[i].caseNo), denominatorCases: raw.den.map((i) => preps[i].caseNo),
      status: rangeStatus(raw.value, range),
      ...(raw.value === null ? { reason: raw.reason ?? '数据不足' } : {}),
      notes: raw.notes, referenceRange: range, asOf: asOfIso,
    });
  }
  return out;
}

export type Scope =
  | { kind: 'me'; judge: string }
  | { kind: 'division'; division: string }
  | { kind: 'court' };

/**
 * The cases of one scope, in input order: 'me' = cases whose 承办人 is `judge`, 'division' = cases of that 庭,
 * 'court' = all. A missing judge / division name selects nothing (never everything).
 */
export function scopeCases<T extends IndicatorCase>(cases: T[], scope: { kind: 'me' | 'division' | 'court'; judge?: string; division?: string }): T[] {
  if (scope.kind === 'court') return cases.slice();
  if (scope.kind === 'me') {
    const j = scope.judge?.trim();
    return j ? cases.filter((c) => (c.snapshot.judge ?? '').trim() === j) : [];
  }
  const d = scope.division?.trim();
  return d ? cases.filter((c) => (c.snapshot.division ?? '').trim() === d) : [];
}

const collator = new Intl.Collator('zh-Hans-CN');
export const UNASSIGNED = '（未填写）';

/**
 * Indicators per 承办人 or per 庭, for users authorised to see them (§12.4). Groups come back in name order
 * (pinyin collation; cases without a name last, under "（未填写）"), NEVER in value order.
 */
export function computeIndicatorsBy(cases: IndicatorCase[], by: 'judge' | 'division', period: IndicatorPeriod, defs: IndicatorDef[] = DEFAULT_INDICATOR_DEFS): Array<{ key: string; results: IndicatorResult[] }> {
  const groups = new Map<string, IndicatorCase[]>();
  for (const c of cases) {
    const key = (c.snapshot[by] ?? '').trim() || UNASSIGNED;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(c);
  }
  const keys = [...groups.keys()].sort((a, b) => (a === UNASSIGNED ? 1 : b === UNASSIGNED ? -1 : collator.compare(a, b)));
  return keys.map((key) => ({ key, results: computeIndicators(groups.get(key)!, period, defs) }));
}

export interface TrendPoint {
  /** YYYY-MM */
  month: string;
  periodStart: string;
  periodEnd: string;
  value: number | null;
  numerator: number;
  denominator: number;
  status: IndicatorStatus;
}

/**
 * One indicator month by month: the `months` calendar months ending with today's month (the current month runs
 * to today), oldest first.
 */
export function monthlyTrend(cases: IndicatorCase[], indicatorId: string, months: number, today: string, defs: IndicatorDef[] = DEFAULT_INDICATOR_DEFS): TrendPoint[] {
  const def = defs.find((d) => d.id === indicatorId);
  if (!def) throw new RangeError(`未知指标：${indicatorId}`);
  const t = parseIso(today);
  if (!t) throw new RangeError(`today 日期无效：${today}`);
  const one = [{ ...def, enabled: true }];
  const out: TrendPoint[] = [];
  for (let k = months - 1; k >= 0; k--) {
    const idx = t.y * 12 + (t.m - 1) - k;
    const y = Math.floor(idx / 12), m = idx - y * 12 + 1;
    const mm = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    const periodStart = `${mm}-01`;
    const periodEnd = k === 0 ? today : `${mm}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
    const [r] = computeIndicators(cases, { periodStart, periodEnd, today }, one);
    out.push({ month: mm, periodStart, periodEnd, value: r.value, numerator: r.numerator, denominator: r.denominator, status: r.status });
  }
  return out;
}

export interface HistogramBucket {
  label: string;
  /** inclusive bounds in days left; null = open */
  min: number | null;
  max: number | null;
  count: number;
  cases: string[];
}

/** Default bucket edges, matching the alert levels (5 / 15 / 30 days) of §5.2. */
export const DEFAULT_DAYS_LEFT_EDGES = [0, 6, 16, 31, 61];

/**
 * How many open cases have how many days left. `edges` are ascending lower bounds: [0, 6, 16] gives
 * "已超审限" (< 0), "0–5 天", "6–15 天", "16 天以上". Closed cases are skipped; open cases with no countdown
 * (no 审限, or a deduction still open) are counted in `noCountdown`. Buckets keep edge order.
 */
export function daysLeftHistogram(
  evaluations: Array<{ caseNo?: string; snapshot?: { caseNo: string }; deadline?: { daysLeft?: number | null; level?: string } | null }>,
  edges: number[] = DEFAULT_DAYS_LEFT_EDGES,
): { buckets: HistogramBucket[]; noCountdown: number; noCountdownCases: string[] } {
  const e = edges.length ? [...new Set(edges)].sort((a, b) => a - b) : [0];
  const buckets: HistogramBucket[] = [];
  const first = e[0];
  buckets.push({ label: first === 0 ? '已超审限' : `少于 ${first} 天`, min: null, max: first - 1, count: 0, cases: [] });
  e.forEach((lo, k) => {
    const hi = k + 1 < e.length ? e[k + 1] - 1 : null;
    const label = hi === null ? `${lo} 天以上` : lo === hi ? `${lo} 天` : `${lo}–${hi} 天`;
    buckets.push({ label, min: lo, max: hi, count: 0, cases: [] });
  });
  const noCountdownCases: string[] = [];
  for (const ev of evaluations) {
    const d = ev.deadline;
    if (d?.level === 'closed-in-time' || d?.level === 'closed-late') continue;
    const no = ev.caseNo ?? ev.snapshot?.caseNo ?? '';
    const left = d?.daysLeft;
    if (left === null || left === undefined) { noCountdownCases.push(no); continue; }
    // buckets are few: a linear scan from the top is fine
    for (let b = buckets.length - 1; b >= 0; b--) {
      if (buckets[b].min === null || left >= buckets[b].min!) { buckets[b].count++; buckets[b].cases.push(no); break; }
    }
  }
  return { buckets, noCountdown: noCountdownCases.length, noCountdownCases };
}
