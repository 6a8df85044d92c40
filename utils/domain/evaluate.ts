// One call that turns a CaseSnapshot into everything the badge and the panel show. Pure, serialisable, never
// throws for bad data: problems are reported in Chinese and the deadline is then null (无法计算).
import type { CaseEvent, CaseSnapshot, Category, Procedure } from './case';
import { PROCEDURES } from './case';
import { lookupCaseType, parseCaseNumber, type CaseNumber } from './case-number';
import {
  computeDeadlineDetailed, selectPeriodRule, TimelineError, validateTimeline,
  type CaseTimeline, type DeadlineOptions, type DeadlineStatus, type TimelineEvent,
} from './deadline';
import type { HolidayCalendar } from './holidays';
import {
  computeLeadTimes, countdownWarning, detentionAge, detentionWarnings, hearingSignals, hiddenOverdueSignals,
  leadTimeWarnings, longPending, longPendingWarnings, type DetentionAge, type LeadTimes, type LongPending, type Warning,
} from './warnings';
import { DEFAULT_RULES, resolveRules, type Rules, type RulesOverride } from '../rules';

export interface EvaluateConfig {
  /** a resolved rule set, or overrides to merge with the defaults */
  rules?: Rules | RulesOverride;
  calendar?: HolidayCalendar;
}

export interface CaseEvaluation {
  caseNumber: CaseNumber | null;
  category: Category | null;
  procedure: Procedure | null;
  timeline: CaseTimeline | null;
  /** Chinese; why something could not be computed, or data-quality notes */
  problems: string[];
  deadline: DeadlineStatus | null;
  leadTimes: LeadTimes | null;
  longPending: LongPending | null;
  detention: DetentionAge | null;
  warnings: Warning[];
  /** e.g. "民诉法 art 152；延长 6 个月；扣除 鉴定 45 天" */
  explanation: string;
  /** id of the §2 row used (C1, K4 …) */
  ruleId: string | null;
}

const LEVEL_ORDER: Record<Warning['level'], number> = { overdue: 0, urgent: 1, warning: 2, notice: 3, info: 4 };
const CATEGORY_LABEL: Record<string, string> = { civil: '民事', criminal: '刑事', administrative: '行政', enforcement: '执行', compensation: '国家赔偿' };

const resolvedCache = new WeakMap<object, Rules>();
function rulesOf(config?: EvaluateConfig): Rules {
  const r = config?.rules;
  if (!r) return DEFAULT_RULES;
  if ('periods' in r && 'thresholds' in r && 'caseTypes' in r && 'deductionTypes' in r && 'version' in r && Array.isArray(r.periods) && (r as Rules).thresholds.levels?.notice !== undefined && (r as Rules).thresholds.hidden?.maxPostponements?.ordinary !== undefined) return r as Rules;
  let v = resolvedCache.get(r);
  if (!v) { v = resolveRules(r as RulesOverride); resolvedCache.set(r, v); }
  return v;
}

function toTimelineEvent(e: CaseEvent): TimelineEvent | null {
  switch (e.kind) {
    case 'extension': return { kind: 'extension', on: e.on, months: e.months, days: e.days, approvedBy: e.approvedBy, appliedOn: e.appliedOn, reason: e.reason };
    case 'deduction': return { kind: 'deduction', reason: e.reason, from: e.from, to: e.to, approvedBy: e.approvedBy };
    case 'suspension': return { kind: 'suspension', from: e.from, to: e.to, reason: e.reason };
    case 'conversion': return { kind: 'conversion', on: e.on, to: e.to, from: e.from };
    case 'restart': return { kind: 'restart', on: e.on, reason: e.reason };
    default: return null;
  }
}

function strip<T extends object>(o: T): T {
  for (const k of Object.keys(o) as Array<keyof T>) if (o[k] === undefined) delete o[k];
  return o;
}

function explain(status: DeadlineStatus, detail: ReturnType<typeof computeDeadlineDetailed>, filedOn: string): string {
  const parts: string[] = [status.basis[0] ?? ''];
  if (status.dueOn === null) parts.push('无法定审限');
  if (status.startOn !== filedOn) parts.push(`自 ${status.startOn} 重新计算`);
  const conv = detail.boundaries.filter((b) => b.type === 'conversion');
  if (conv.length) parts.push(conv.map((b) => `${b.on} 转换程序`).join('、'));
  const ext = [status.extendedMonths ? `${status.extendedMonths} 个月` : '', status.extendedDays ? `${status.extendedDays} 天` : ''].filter(Boolean).join(' ');
  if (ext) parts.push(`延长 ${ext}`);
  const per = new Map<string, number>();
  for (const iv of detail.intervals) if (iv.counted && iv.days > 0) per.set(iv.reason || '中止', (per.get(iv.reason || '中止') ?? 0) + iv.days);
  if (per.size) {
    const sum = [...per.values()].reduce((a, b) => a + b, 0);
    parts.push(`扣除 ${[...per].map(([r, d]) => `${r} ${d} 天`).join('、')}${sum !== status.deductedDays ? `（重叠合并后共 ${status.deductedDays} 天）` : ''}`);
  }
  if (status.flags.includes('open-deduction')) parts.push('扣除未结束，倒计时暂停');
  if (status.dueOnAdjusted && status.dueOnAdjusted !== status.dueOn) parts.push(`法定节假日顺延至 ${status.dueOnAdjusted}`);
  return parts.filter(Boolean).join('；');
}

/** Everything the overlay shows for one case. `today` is `YYYY-MM-DD` (China time), passed in. */
export function evaluateCase(snapshot: CaseSnapshot, today: string, config?: EvaluateConfig): CaseEvaluation {
  const rules = rulesOf(config);
  const problems: string[] = [];
  const warnings: Warning[] = [];
  const result: CaseEvaluation = {
    caseNumber: null, category: null, procedure: null, timeline: null, problems, deadline: null,
    leadTimes: null, longPending: null, detention: null, warnings, explanation: '', ruleId: null,
  };

  const cn = parseCaseNumber(snapshot.caseNo, rules.caseTypes);
  result.caseNumber = cn;
  if (!cn) problems.push(`案号无法识别：${snapshot.caseNo}`);
  else {
    if (cn.unknownType) problems.push(`案号类型代字未收录：${cn.typeCode}`);
    if (cn.legacy) problems.push('旧版案号格式（2016 年前）');
    if (cn.flags?.includes('serial-not-8-digits')) problems.push('刑核案件编号应为 8 位');
  }
  const typeCode = cn ? cn.canonicalCode ?? cn.typeCode : undefined;
  const type = typeCode && !cn?.unknownType ? lookupCaseType(typeCode, rules.caseTypes)?.type : undefined;

  // Category: the page's, else the 案号's (never guessed from an unknown code).
  let category: Category | null = snapshot.category ?? null;
  if (!category && type && type.category !== 'other') category = type.category;
  if (!category) problems.push(type?.category === 'other' ? `该类案件（${typeCode}）无法定审限` : '无法确定案件类别');
  result.category = category;

  // Procedure: the page's; else fixed by the type code; 涉外 civil → foreign.
  let procedure: Procedure | null = snapshot.procedure ?? null;
  const conversions = (snapshot.events ?? []).filter((e): e is Extract<CaseEvent, { kind: 'conversion' }> => e.kind === 'conversion').sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  if (category === 'civil' && snapshot.foreign) procedure = 'foreign';
  if (!procedure && type?.procedure) procedure = type.procedure as Procedure;
  // 刑初 / 民初 / 民终 without a procedure label stay unknown (公诉 / 自诉 / 简易 / 速裁 cannot be told apart).
  if (category && !procedure) problems.push('未读取到审理程序');
  if (category && procedure && !(PROCEDURES[category] as readonly string[]).includes(procedure)) {
    problems.push(`审理程序与案件类别不符：${CATEGORY_LABEL[category]} / ${procedure}`);
    procedure = null;
  }
  if (procedure && type?.procedures && !type.procedures.includes(procedure) && procedure !== 'foreign') {
    problems.push(`审理程序与案号类型不符：${typeCode} / ${procedure}`);
  }
  result.procedure = procedure;
  if (!snapshot.filedOn) problems.push('未读取到立案日期');
  if (snapshot.status === 'closed' && !snapshot.closedOn) problems.push('已结案但未读取到结案日期，审限状态按未结计算');

  const pending = !snapshot.closedOn && snapshot.status !== 'closed' && snapshot.status !== 'archived';
  if (snapshot.filedOn && pending) {
    try {
      result.longPending = longPending(snapshot.filedOn, today, rules);
      warnings.push(...longPendingWarnings(result.longPending, snapshot.filedOn));
    } catch { /* invalid dates are reported by the timeline validation */ }
  }
  if (category === 'criminal' && snapshot.detained && pending) {
    result.detention = detentionAge(snapshot.detainedSince, today, rules);
    warnings.push(...detentionWarnings(result.detention));
  }
  const hearings = (snapshot.events ?? []).filter((e): e is Extract<CaseEvent, { kind: 'hearing' }> => e.kind === 'hearing');
  if (category && procedure) warnings.push(...hearingSignals(category, procedure, hearings, rules));

  if (category && procedure && snapshot.filedOn) {
    // The initial procedure: the first conversion's `from` when the page records it; otherwise the page's value
    // is taken as the current one and conversions to it are no-ops.
    const initial = (conversions[0]?.from as Procedure | undefined) ?? procedure;
    const events = (snapshot.events ?? []).map(toTimelineEvent).filter((e): e is TimelineEvent => e !== null).map(strip);
    const timeline: CaseTimeline = strip({
      category, procedure: procedure === 'foreign' ? 'foreign' : initial, filedOn: snapshot.filedOn,
      detained: snapshot.detained, closedOn: snapshot.closedOn, events: procedure === 'foreign' ? events.filter((e) => e.kind !== 'conversion') : events,
    });
    result.timeline = timeline;
    const tp = validateTimeline(timeline);
    if (tp.length) problems.push(...tp);
    else {
      try {
        const opts: DeadlineOptions = { rules, calendar: config?.calendar };
        const detail = computeDeadlineDetailed(timeline, today, opts);
        const status = detail.status;
        result.deadline = status;
        result.ruleId = detail.rule.id;
        result.explanation = explain(status, detail, timeline.filedOn);
        const cw = countdownWarning(status);
        if (cw) warnings.push(cw);
        if (status.dueOn !== null && status.daysLeft !== null) {
          const rule = selectPeriodRule(category, status.procedure, timeline.filedOn, rules)!;
          const used = detail.extensions.filter((e) => e.applied).length;
          result.leadTimes = computeLeadTimes(status, category, rule, used, rules, cn?.courtLevel);
          warnings.push(...leadTimeWarnings(result.leadTimes, status, today, rules));
        }
        warnings.push(...hiddenOverdueSignals(timeline, detail, today, { typeCode }, rules));
        if (status.flags.includes('holiday-data-missing')) problems.push('缺少该年度法定节假日数据，顺延日期按周末和固定节日估算');
      } catch (e) {
        if (e instanceof TimelineError) problems.push(...e.problems);
        else throw e;
      }
    }
  }
  if (!result.deadline) result.explanation = `无法计算：${problems.join('；') || '数据不足'}`;
  warnings.sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level]);
  return result;
}

/** The evaluation with hypothetical events added (nothing is saved). */
export function whatIf(snapshot: CaseSnapshot, extraEvents: CaseEvent[], today: string, config?: EvaluateConfig): CaseEvaluation {
  return evaluateCase({ ...snapshot, events: [...(snapshot.events ?? []), ...extraEvents] }, today, config);
}
