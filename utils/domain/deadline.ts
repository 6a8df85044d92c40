// 审限 engine: the canonical algorithm of domain.md §3.2, exactly. Pure: "today" is passed in, dates are day
// numbers, the period table is data (utils/rules/periods.ts).
//
// Invalid input: `computeDeadline` never returns a date computed from a bad timeline. It throws a
// `TimelineError` (code 'invalid-timeline', `problems`: Chinese messages from `validateTimeline`); callers show
// it as 无法计算 (evaluateCase does this and never throws).
import { z } from 'zod';
import { CategorySchema, PROCEDURES, ProcedureSchema, type Category, type Procedure } from './case';
import { addMonthsDays, civilToDays, fromDayNumber, type DayNumber } from './dates';
import { DEFAULT_CALENDAR, nextWorkingDay, type HolidayCalendar } from './holidays';
import { DEFAULT_RULES, type Rules } from '../rules';
import type { PeriodRule } from '../rules/periods';
import type { Thresholds } from '../rules/thresholds';

// ── Shapes (contracts.md) ──

const DateString = z.string();
export const TimelineEventSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('extension'), on: DateString, months: z.number().int().optional(), days: z.number().int().optional(),
    approvedBy: z.string().optional(), appliedOn: DateString.optional(), reason: z.string().optional(),
  }),
  z.object({
    kind: z.literal('deduction'), reason: z.string(), from: DateString, to: DateString.optional(),
    approvedBy: z.string().optional(),
    /** when the deduction was entered in the host system, if known (H2); defaults to `from` */
    recordedOn: DateString.optional(),
  }),
  z.object({ kind: z.literal('suspension'), from: DateString, to: DateString.optional(), reason: z.string().optional() }),
  z.object({ kind: z.literal('conversion'), on: DateString, to: ProcedureSchema, from: ProcedureSchema.optional() }),
  z.object({ kind: z.literal('restart'), on: DateString, reason: z.string() }),
]);
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;

const CaseTimelineShape = z.object({
  category: CategorySchema,
  /** the procedure at filing; conversions change it (DeadlineStatus.procedure is the one after conversions) */
  procedure: ProcedureSchema,
  filedOn: DateString,
  detained: z.boolean().optional(),
  closedOn: DateString.optional(),
  events: z.array(TimelineEventSchema),
});
/** zod schema: shape plus every check of `validateTimeline` (messages in Chinese). */
export const CaseTimelineSchema = CaseTimelineShape.superRefine((t, ctx) => {
  for (const message of validateTimeline(t)) ctx.addIssue({ code: 'custom', message });
});
export type CaseTimeline = z.infer<typeof CaseTimelineShape>;

export type DeadlineLevel = 'none' | 'ok' | 'notice' | 'warning' | 'urgent' | 'overdue' | 'closed-in-time' | 'closed-late';

export interface DeadlineStatus {
  startOn: string;
  procedure: Procedure;
  dueOn: string | null;
  dueOnAdjusted: string | null;
  daysLeft: number | null;
  level: DeadlineLevel;
  deductedDays: number;
  extendedMonths: number;
  extendedDays: number;
  basis: string[];
  flags: string[];
}

export interface DeadlineOptions {
  rules?: Rules;
  calendar?: HolidayCalendar;
}

export class TimelineError extends Error {
  readonly code = 'invalid-timeline';
  constructor(readonly problems: string[]) {
    super(`无法计算审限：${problems.join('；')}`);
    this.name = 'TimelineError';
  }
}

// ── Validation and preparation (one pass: parse every date once) ──

const ISO_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DIM = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function dn(s: string): DayNumber | null {
  const m = ISO_SHAPE.exec(s);
  if (!m) return null;
  const y = +m[1], mo = +m[2], d = +m[3];
  if (mo < 1 || mo > 12 || d < 1) return null;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (d > (mo === 2 && leap ? 29 : DIM[mo - 1])) return null;
  return civilToDays(y, mo, d);
}

const CATEGORY_LABEL: Record<string, string> = { civil: '民事', criminal: '刑事', administrative: '行政', enforcement: '执行', compensation: '国家赔偿' };
const KIND_LABEL: Record<string, string> = { extension: '延长记录', deduction: '扣除记录', suspension: '中止记录', conversion: '程序转换记录', restart: '重新计算记录' };

interface PExt { seq: number; on: DayNumber; months: number; days: number; appliedOn: DayNumber | null }
interface PDed { seq: number; kind: 'deduction' | 'suspension'; reason: string; from: DayNumber; to: DayNumber | null; recordedOn: DayNumber }
interface PBound { seq: number; on: DayNumber; type: 'restart' | 'conversion'; to: Procedure; reason: string }
interface Prepared {
  category: Category; criminal: boolean; procedure: Procedure; filedOn: string; filed: DayNumber; closed: DayNumber | null;
  detained: boolean | undefined; exts: PExt[]; deds: PDed[]; bounds: PBound[];
}

function dateProblem(label: string, value: unknown, prefix: string, problems: string[], required: boolean): DayNumber | null {
  if (value === undefined || value === null || value === '') {
    if (required) problems.push(`${prefix}未填写${label}`);
    return null;
  }
  if (typeof value !== 'string' || !ISO_SHAPE.test(value)) {
    problems.push(`${prefix}${label}格式错误：${String(value)}（应为 YYYY-MM-DD）`);
    return null;
  }
  const d = dn(value);
  if (d === null) problems.push(`${prefix}${label}不存在：${value}`);
  return d;
}

function prepare(t: CaseTimeline, problems: string[]): Prepared | null {
  // deliberately defensive: `t` may come from anywhere (validateTimeline is public)
  const anyT = (t ?? {}) as Partial<CaseTimeline> & Record<string, unknown>;
  const category = anyT.category as Category;
  const procedure = anyT.procedure as Procedure;
  if (!CategorySchema.safeParse(category).success) problems.push(`案件类别无效：${String(category)}`);
  const allowed = (PROCEDURES as Record<string, readonly string[]>)[category] as readonly string[] | undefined;
  if (procedure === undefined || procedure === null) problems.push('未填写审理程序');
  else if (allowed && !allowed.includes(procedure)) problems.push(`审理程序与案件类别不符：${CATEGORY_LABEL[category] ?? category} / ${String(procedure)}`);
  const filed = dateProblem('立案日期', anyT.filedOn, '', problems, true);
  const closed = dateProblem('结案日期', anyT.closedOn, '', problems, false);
  if (filed !== null && closed !== null && closed < filed) problems.push(`结案日期早于立案日期：${anyT.closedOn}`);
  if (anyT.detained !== undefined && typeof anyT.detained !== 'boolean') problems.push('羁押状态无效');

  const exts: PExt[] = [], deds: PDed[] = [], bounds: PBound[] = [];
  const counters: Record<string, number> = {};
  const events = Array.isArray(anyT.events) ? anyT.events : [];
  if (anyT.events !== undefined && !Array.isArray(anyT.events)) problems.push('审限变更记录格式错误');
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as Record<string, unknown>;
    const kind = e?.kind as string;
    if (kind === 'hearing') continue; // hearings do not affect the 审限
    const label = KIND_LABEL[kind];
    if (!label) { problems.push(`第 ${i + 1} 条记录：未知的记录类型 ${String(kind)}`); continue; }
    const n = (counters[kind] = (counters[kind] ?? 0) + 1);
    const prefix = `第 ${n} 条${label}：`;
    const before = problems.length;
    if (kind === 'extension') {
      const on = dateProblem('批准日期', e.on, prefix, problems, true);
      const appliedOn = dateProblem('申请日期', e.appliedOn, prefix, problems, false);
      const months = e.months, days = e.days;
      const bad = (v: unknown) => v !== undefined && (typeof v !== 'number' || !Number.isInteger(v));
      if (bad(months) || bad(days)) problems.push(`${prefix}延长期限应为整数`);
      else if (((months as number) ?? 0) < 0 || ((days as number) ?? 0) < 0) problems.push(`${prefix}延长期限不能为负数`);
      else if (!((months as number) > 0) && !((days as number) > 0)) problems.push(`${prefix}未填写延长期限`);
      if (on !== null && filed !== null && on < filed) problems.push(`${prefix}批准日期早于立案日期`);
      if (problems.length === before && on !== null) exts.push({ seq: n, on, months: (months as number) ?? 0, days: (days as number) ?? 0, appliedOn });
    } else if (kind === 'deduction' || kind === 'suspension') {
      if (kind === 'deduction' && (typeof e.reason !== 'string' || !e.reason.trim())) problems.push(`${prefix}未填写扣除事由`);
      const from = dateProblem('开始日期', e.from, prefix, problems, true);
      const to = dateProblem('结束日期', e.to, prefix, problems, false);
      const rec = dateProblem('录入日期', e.recordedOn, prefix, problems, false);
      if (from !== null && to !== null && to < from) problems.push(`${prefix}结束日期早于开始日期`);
      if (problems.length === before && from !== null) {
        deds.push({ seq: n, kind, reason: typeof e.reason === 'string' ? e.reason : kind === 'suspension' ? '中止' : '', from, to, recordedOn: rec ?? from });
      }
    } else {
      const on = dateProblem(kind === 'conversion' ? '转换日期' : '重新计算日期', e.on, prefix, problems, true);
      if (kind === 'conversion') {
        const to = e.to as string;
        if (!to) problems.push(`${prefix}未填写转换后的程序`);
        else if (allowed && !allowed.includes(to)) problems.push(`${prefix}转换后的程序与案件类别不符：${to}`);
      } else if (typeof e.reason !== 'string' || !e.reason.trim()) problems.push(`${prefix}未填写事由`);
      if (on !== null && filed !== null && on < filed) problems.push(`${prefix}${kind === 'conversion' ? '转换' : '重新计算'}日期早于立案日期`);
      if (problems.length === before && on !== null) {
        bounds.push({ seq: n, on, type: kind as 'restart' | 'conversion', to: e.to as Procedure, reason: typeof e.reason === 'string' ? e.reason : '' });
      }
    }
  }
  if (problems.length > 0 || filed === null) return null;
  // Canonical order, independent of the input order (ties broken by content).
  exts.sort((a, b) => a.on - b.on || a.months - b.months || a.days - b.days);
  bounds.sort((a, b) => a.on - b.on || (a.type === b.type ? (a.to < b.to ? -1 : a.to > b.to ? 1 : 0) : a.type === 'restart' ? -1 : 1));
  return { category, criminal: category === 'criminal', procedure, filedOn: anyT.filedOn as string, filed, closed, detained: anyT.detained, exts, deds, bounds };
}

/** Chinese messages for every problem in the timeline; empty when it can be computed. */
export function validateTimeline(timeline: CaseTimeline): string[] {
  const problems: string[] = [];
  prepare(timeline, problems);
  return problems;
}

// ── Rule selection ──

const ruleIndexCache = new WeakMap<PeriodRule[], Map<string, PeriodRule[]>>();
/** The §2 row for (category, procedure), version by effectiveFrom ≤ 立案日 (else the earliest version). */
export function selectPeriodRule(category: Category, procedure: Procedure, filedOn: string, rules: Rules = DEFAULT_RULES): PeriodRule | null {
  let idx = ruleIndexCache.get(rules.periods);
  if (!idx) {
    idx = new Map();
    for (const p of rules.periods) {
      const k = `${p.category}|${p.procedure}`;
      const list = idx.get(k) ?? [];
      list.push(p);
      idx.set(k, list);
    }
    for (const list of idx.values()) list.sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : a.effectiveFrom > b.effectiveFrom ? -1 : 0));
    ruleIndexCache.set(rules.periods, idx);
  }
  const list = idx.get(`${category}|${procedure}`);
  if (!list || list.length === 0) return null;
  for (const r of list) if (r.effectiveFrom <= filedOn) return r;
  return list[list.length - 1];
}

// ── Core arithmetic ──

interface Segment {
  start: DayNumber; procedure: Procedure; begin: DayNumber; end: DayNumber | null;
  via: 'filing' | 'restart' | 'conversion'; rule: PeriodRule; exts: PExt[];
}

/**
 * Days covered by the union of deduction / suspension intervals that begin on or after `start` (§3.2 step 6).
 * Open intervals run to `openEnd`; with `asOf`, every interval is cut at that day.
 */
function deductedDays(deds: PDed[], start: DayNumber, openEnd: DayNumber, asOf: DayNumber | null): { days: number; open: boolean } {
  let open = false;
  let lo: number[] | null = null, hi: number[] | null = null;
  let single = -1, sFrom = 0, sTo = 0;
  for (const d of deds) {
    if (d.from < start) continue;
    let to = d.to;
    if (to === null) { to = openEnd; if (asOf === null) open = true; }
    if (asOf !== null && to > asOf) to = asOf;
    if (to <= d.from) continue;
    if (single === -1) { single = 0; sFrom = d.from; sTo = to; continue; }
    if (!lo) { lo = [sFrom]; hi = [sTo]; }
    lo.push(d.from); hi!.push(to);
  }
  if (single === -1) return { days: 0, open };
  if (!lo) return { days: sTo - sFrom, open };
  const order = lo.map((_, i) => i).sort((a, b) => lo![a] - lo![b]);
  let total = 0, curFrom = lo[order[0]], curTo = hi![order[0]];
  for (let k = 1; k < order.length; k++) {
    const f = lo[order[k]], t = hi![order[k]];
    if (f <= curTo) { if (t > curTo) curTo = t; } else { total += curTo - curFrom; curFrom = f; curTo = t; }
  }
  total += curTo - curFrom;
  return { days: total, open };
}

function segmentDue(p: Prepared, seg: Segment, exts: PExt[], openEnd: DayNumber, asOf: DayNumber | null): { due: DayNumber | null; deducted: number; open: boolean; months: number; days: number } {
  let months = 0, days = 0;
  for (const e of exts) { months += e.months; days += e.days; }
  const ded = deductedDays(p.deds, seg.start, openEnd, asOf);
  if (seg.rule.noLimit) return { due: null, deducted: ded.days, open: ded.open, months, days };
  const nominalEnd = addMonthsDays(seg.start, seg.rule.months + months, p.criminal) + seg.rule.days + days;
  return { due: nominalEnd + ded.days, deducted: ded.days, open: ded.open, months, days };
}

/** §3.2 step 10 */
export function levelFor(daysLeft: number, levels: Thresholds['levels'] = DEFAULT_RULES.thresholds.levels): DeadlineLevel {
  if (daysLeft < 0) return 'overdue';
  if (daysLeft <= levels.urgent) return 'urgent';
  if (daysLeft <= levels.warning) return 'warning';
  if (daysLeft <= levels.notice) return 'notice';
  return 'ok';
}

export interface DeadlineDetail {
  status: DeadlineStatus;
  rule: PeriodRule;
  /** procedure changes and restarts, with the due date in force when they happened */
  boundaries: Array<{ seq: number; on: string; type: 'restart' | 'conversion'; from: Procedure; to: Procedure; reason: string; oldDueOn: string | null; afterExpiry: boolean }>;
  /** every extension, with the due date in force just before it (null: no 审限) */
  extensions: Array<{ seq: number; on: string; months: number; days: number; appliedOn: string | null; dueBefore: string | null; afterExpiry: boolean; applied: boolean }>;
  /** every deduction / suspension interval and whether it counts in the current run */
  intervals: Array<{ seq: number; kind: 'deduction' | 'suspension'; reason: string; from: string; to: string | null; counted: boolean; days: number; recordedOn: string }>;
}

function run(timeline: CaseTimeline, today: string, options: DeadlineOptions | undefined, detailed: boolean): DeadlineDetail {
  const rules = options?.rules ?? DEFAULT_RULES;
  const calendar = options?.calendar ?? DEFAULT_CALENDAR;
  const problems: string[] = [];
  const todayN = typeof today === 'string' ? dn(today) : null;
  if (todayN === null) problems.push(`今天的日期无效：${String(today)}`);
  const p = prepare(timeline, problems);
  if (!p || todayN === null) throw new TimelineError(problems);

  const flags: string[] = [];
  const ruleFor = (proc: Procedure) => {
    const r = selectPeriodRule(p.category, proc, p.filedOn, rules);
    if (!r) throw new TimelineError([`没有适用的审限规则：${CATEGORY_LABEL[p.category]} / ${proc}`]);
    return r;
  };

  // Segments: a criminal restart or conversion starts a new clock; a civil / administrative conversion keeps the
  // start and changes the base. Extensions belong to the segment in which they were approved.
  const segs: Segment[] = [{ start: p.filed, procedure: p.procedure, begin: p.filed, end: null, via: 'filing', rule: ruleFor(p.procedure), exts: [] }];
  const boundSegs: Array<PBound | null> = [null];
  for (const b of p.bounds) {
    const cur = segs[segs.length - 1];
    if (b.type === 'restart' && !p.criminal) { if (!flags.includes('restart-ignored')) flags.push('restart-ignored'); continue; }
    if (b.type === 'conversion' && b.to === cur.procedure) continue;
    const proc = b.type === 'conversion' ? b.to : cur.procedure;
    cur.end = b.on;
    segs.push({ start: p.criminal ? b.on : cur.start, procedure: proc, begin: b.on, end: null, via: b.type, rule: b.type === 'conversion' ? ruleFor(proc) : cur.rule, exts: [] });
    boundSegs.push(b);
  }
  for (const e of p.exts) {
    let k = segs.length - 1;
    while (k > 0 && e.on < segs[k].begin) k--;
    segs[k].exts.push(e);
  }
  const last = segs[segs.length - 1];
  const closedClip = p.closed !== null && p.closed < todayN ? p.closed : todayN;

  const detail: DeadlineDetail = { status: null as unknown as DeadlineStatus, rule: last.rule, boundaries: [], extensions: [], intervals: [] };

  // conversion-after-expiry (and the due date in force at each restart): the old run computed as of that date.
  for (let k = 1; k < segs.length; k++) {
    const b = boundSegs[k]!;
    const prev = segs[k - 1];
    if (b.type === 'conversion' || detailed) {
      const old = segmentDue(p, prev, prev.exts, b.on, b.on);
      const afterExpiry = old.due !== null && b.on > old.due;
      if (afterExpiry && b.type === 'conversion' && !flags.includes('conversion-after-expiry')) flags.push('conversion-after-expiry');
      if (detailed) detail.boundaries.push({ seq: b.seq, on: fromDayNumber(b.on), type: b.type, from: prev.procedure, to: segs[k].procedure, reason: b.reason, oldDueOn: old.due === null ? null : fromDayNumber(old.due), afterExpiry });
    }
  }
  // extension-after-expiry: the due date in force just before each extension (earlier extensions of the same run,
  // deductions up to the extension date).
  for (const seg of segs) {
    if (seg !== last && !detailed) continue;
    for (let i = 0; i < seg.exts.length; i++) {
      const e = seg.exts[i];
      const before = seg.exts.filter((x) => x.on < e.on);
      const r = segmentDue(p, seg, before, e.on, e.on);
      const afterExpiry = r.due !== null && e.on > r.due;
      if (afterExpiry && seg === last && !flags.includes('extension-after-expiry')) flags.push('extension-after-expiry');
      if (detailed) detail.extensions.push({ seq: e.seq, on: fromDayNumber(e.on), months: e.months, days: e.days, appliedOn: e.appliedOn === null ? null : fromDayNumber(e.appliedOn), dueBefore: r.due === null ? null : fromDayNumber(r.due), afterExpiry, applied: seg === last });
    }
  }

  const r = segmentDue(p, last, last.exts, closedClip, null);
  if (r.open) flags.push('open-deduction');
  if (r.open && p.closed !== null) flags.push('open-deduction-closed');
  let dueOn: string | null = null, dueOnAdjusted: string | null = null, daysLeft: number | null = null;
  let level: DeadlineLevel = 'none';
  if (r.due !== null) {
    dueOn = fromDayNumber(r.due);
    if (p.criminal && p.detained !== false) dueOnAdjusted = dueOn; // 刑诉法 art 105: never postponed (unknown: not postponed [G])
    else {
      const nw = nextWorkingDay(r.due, calendar);
      if (nw.dataMissing) flags.push('holiday-data-missing');
      dueOnAdjusted = nw.day === r.due ? dueOn : fromDayNumber(nw.day);
    }
    if (p.closed !== null) level = p.closed <= r.due ? 'closed-in-time' : 'closed-late';
    else { daysLeft = r.due - todayN; level = levelFor(daysLeft, rules.thresholds.levels); }
  }
  if (detailed) {
    for (const d of p.deds) {
      const counted = d.from >= last.start;
      const end = d.to ?? closedClip;
      detail.intervals.push({ seq: d.seq, kind: d.kind, reason: d.reason, from: fromDayNumber(d.from), to: d.to === null ? null : fromDayNumber(d.to), counted, days: counted ? Math.max(0, end - d.from) : 0, recordedOn: fromDayNumber(d.recordedOn) });
    }
  }
  detail.status = {
    startOn: fromDayNumber(last.start),
    procedure: last.procedure,
    dueOn, dueOnAdjusted, daysLeft, level,
    deductedDays: r.deducted,
    extendedMonths: r.months,
    extendedDays: r.days,
    basis: [...last.rule.basis],
    flags,
  };
  return detail;
}

/** domain.md §3.2. Throws TimelineError (never a wrong date) when the timeline is invalid. */
export function computeDeadline(timeline: CaseTimeline, today: string, options?: DeadlineOptions): DeadlineStatus {
  return run(timeline, today, options, false).status;
}

/** computeDeadline plus the facts behind it (for warnings and the panel). Throws TimelineError like computeDeadline. */
export function computeDeadlineDetailed(timeline: CaseTimeline, today: string, options?: DeadlineOptions): DeadlineDetail {
  return run(timeline, today, options, true);
}
