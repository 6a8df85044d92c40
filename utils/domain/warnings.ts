// Warnings (domain.md §5 lead times and countdown, §6 隐形超审限, §7 长期未结). Pure functions; every warning
// says why, with the dates and day counts, and names its legal basis. Thresholds: utils/rules/thresholds.ts.
import type { CaseSnapshot, Category, Procedure } from './case';
import { addMonthsDays, fromDayNumber, toDayNumber, tryDayNumber } from './dates';
import { computeDeadline, type CaseTimeline, type DeadlineDetail, type DeadlineStatus } from './deadline';
import { parseCaseNumber, type CourtLevel } from './case-number';
import { DEFAULT_RULES, type Rules } from '../rules';
import { APPROVER_LABELS, type ApproverLevel, type DeductionType, type ExtensionStep, type PeriodRule, type Tag } from '../rules/periods';

export type WarningLevel = 'info' | 'notice' | 'warning' | 'urgent' | 'overdue';
export interface Warning {
  code: string;
  level: WarningLevel;
  /** Simplified Chinese */
  title: string;
  /** Chinese, with the numbers (dates, days) */
  reason: string;
  basis: string[];
}

const T = (d: number) => fromDayNumber(d);

// ── Countdown (§3.2 step 10, §5.2) ──

export function countdownWarning(status: DeadlineStatus): Warning | null {
  const basis = [...status.basis];
  const paused = status.flags.includes('open-deduction') ? '（扣除未结束，倒计时暂停）' : '';
  if (status.level === 'closed-late' || status.dueOn === null || status.level === 'closed-in-time' || status.daysLeft === null) {
    return status.level === 'closed-late'
      ? { code: 'closed-late', level: 'warning', title: '超审限结案', reason: `审限届满日 ${status.dueOn}，结案晚于届满日`, basis }
      : null;
  }
  const d = status.daysLeft;
  switch (status.level) {
    case 'overdue':
      return { code: 'deadline-overdue', level: 'overdue', title: '已超审限', reason: `审限届满日 ${status.dueOn}，已超期 ${-d} 天${paused}`, basis: [...basis, '2000 规定 art 22'] };
    case 'urgent':
      return { code: 'deadline-urgent', level: 'urgent', title: d === 0 ? '今日审限届满' : '审限即将届满', reason: `审限届满日 ${status.dueOn}，剩余 ${d} 天${paused}`, basis };
    case 'warning':
      return { code: 'deadline-warning', level: 'warning', title: `审限剩余 ${d} 天`, reason: `审限届满日 ${status.dueOn}，剩余 ${d} 天${paused}；请关注催办`, basis: [...basis, '2000 规定 art 21'] };
    case 'notice':
      return { code: 'deadline-notice', level: 'notice', title: '审限不足一个月', reason: `审限届满日 ${status.dueOn}，剩余 ${d} 天${paused}`, basis };
    default:
      return null;
  }
}

// ── Extension lead times (§5.1) ──

export interface LeadTimes {
  dueOn: string;
  applyBy: string;
  decideBy: string;
  applyDays: number;
  decideDays: number;
  /** approver of the next extension */
  approver: ApproverLevel;
  approverLabel: string;
  /** the usual length of the next extension (a suggestion; the approval record decides) */
  suggestion: { months?: number; days?: number; lengthFromRecord?: boolean; note?: string };
  /** how many extensions the current run already has */
  extensionsUsed: number;
  basis: string[];
  tag: Tag;
}

const LEAD_BASIS: Record<Category, { basis: string[]; tag: Tag }> = {
  civil: { basis: ['2019 民商事规定 art 1'], tag: 'S' },
  criminal: { basis: ['刑诉解释 art 210'], tag: 'S' },
  administrative: { basis: ['2000 规定 arts 13, 14'], tag: 'G' },
  enforcement: { basis: ['2000 规定 art 14'], tag: 'G' },
  compensation: { basis: ['2000 规定 art 14'], tag: 'G' },
};

/** Approver, adjusted for the court's own level (a 高院's own case goes to the SPC). */
function approverFor(step: ExtensionStep, courtLevel?: CourtLevel): ApproverLevel {
  if (courtLevel === 'supreme') return 'president';
  if ((step.approver === 'high' || step.approver === 'higher') && courtLevel === 'high') return 'supreme';
  return step.approver;
}

/**
 * T − apply / T − decide dates and the approver for the next extension, or null when the row allows none
 * (简易, 速裁, 涉外 …) or there is no open 审限.
 */
export function computeLeadTimes(status: DeadlineStatus, category: Category, rule: PeriodRule, extensionsUsed: number, rules: Rules = DEFAULT_RULES, courtLevel?: CourtLevel): LeadTimes | null {
  if (status.dueOn === null || rule.extensions.length === 0 || rule.leadTimes === 'none') return null;
  const lt = rules.thresholds.leadTimes;
  const admin = rule.leadTimes === 'administrative' && lt.useAdministrativeVariant;
  const applyDays = admin ? lt.administrativeApplyDays : lt.applyDays;
  const decideDays = admin ? lt.administrativeDecideDays : lt.decideDays;
  const step = rule.extensions[Math.min(extensionsUsed, rule.extensions.length - 1)];
  const approver = approverFor(step, courtLevel);
  const due = toDayNumber(status.dueOn);
  const b = LEAD_BASIS[category];
  return {
    dueOn: status.dueOn, applyBy: T(due - applyDays), decideBy: T(due - decideDays), applyDays, decideDays,
    approver, approverLabel: APPROVER_LABELS[approver],
    suggestion: { ...(step.months ? { months: step.months } : {}), ...(step.days ? { days: step.days } : {}), ...(step.lengthFromRecord ? { lengthFromRecord: true } : {}), ...(step.note ? { note: step.note } : {}) },
    extensionsUsed, basis: admin ? ['2000 规定 arts 13, 14'] : b.basis, tag: admin ? 'G' : b.tag,
  };
}

function lengthText(s: LeadTimes['suggestion']): string {
  const parts = [s.months ? `${s.months} 个月` : '', s.days ? `${s.days} 天` : ''].filter(Boolean).join(' ');
  return parts ? `，通常延长 ${parts}${s.lengthFromRecord ? '（以审批为准）' : ''}` : '，延长期限以审批为准';
}

/** §5.1 / §5.2: the lead-time reminder that applies today (open cases with ≤ `levels.notice` days left). */
export function leadTimeWarnings(lt: LeadTimes | null, status: DeadlineStatus, today: string, rules: Rules = DEFAULT_RULES): Warning[] {
  if (!lt || status.daysLeft === null || status.daysLeft < 0 || status.daysLeft > rules.thresholds.levels.notice) return [];
  const t = today;
  const who = `审批：${lt.approverLabel}${lengthText(lt.suggestion)}`;
  const apply = `如需延长审限，请于 T−${lt.applyDays}（${lt.applyBy}）前提交申请`;
  const decide = `审批须于 T−${lt.decideDays}（${lt.decideBy}）前作出`;
  if (t <= lt.applyBy) {
    return [{ code: 'extension-apply-by', level: t === lt.applyBy ? 'warning' : 'notice', title: t === lt.applyBy ? '今日为延长审限申请截止日' : '延长审限申请提示', reason: `${apply}；${decide}（${who}）`, basis: lt.basis }];
  }
  if (t <= lt.decideBy) {
    return [{ code: 'extension-decide-by', level: 'warning', title: '已过延长申请期限', reason: `申请期限 T−${lt.applyDays}（${lt.applyBy}）已过；${decide}（${who}）`, basis: lt.basis }];
  }
  return [{ code: 'extension-window-closed', level: 'urgent', title: '已过延长审批期限', reason: `审批期限 T−${lt.decideDays}（${lt.decideBy}）已过，审限届满日 ${lt.dueOn}`, basis: lt.basis }];
}

// ── 长期未结 (§7) ──

export interface LongPending {
  ageDays: number;
  /** completed months of calendar age (today > addMonths(filedOn, n), civil rule) */
  ageMonths: number;
  tier: string | null;
  tierLabel: string | null;
  tierMonths: number | null;
  /** pre-warning month reached (11/17/23/35) when the next tier is not yet reached */
  preWarning: { months: number; nextTier: string; nextTierOn: string } | null;
  /** first day on which the next tier applies */
  nextTier: { tier: string; months: number; on: string } | null;
}

export function longPending(filedOn: string, today: string, rules: Rules = DEFAULT_RULES): LongPending {
  const filed = toDayNumber(filedOn), now = toDayNumber(today);
  const over = (m: number) => now > addMonthsDays(filed, m);
  let ageMonths = 0;
  while (over(ageMonths + 1)) ageMonths++;
  const cfg = rules.thresholds.longPending;
  const tiers = [...cfg.tiers].sort((a, b) => a.months - b.months);
  let tier: (typeof tiers)[number] | null = null;
  for (const t of tiers) if (over(t.months)) tier = t;
  const next = tiers.find((t) => !over(t.months)) ?? null;
  const nextTier = next ? { tier: next.tier, months: next.months, on: T(addMonthsDays(filed, next.months) + 1) } : null;
  let preWarning: LongPending['preWarning'] = null;
  if (next) {
    const pre = cfg.preWarningMonths.filter((m) => m < next.months && (!tier || m > tier.months) && over(m));
    if (pre.length) preWarning = { months: Math.max(...pre), nextTier: next.tier, nextTierOn: nextTier!.on };
  }
  return { ageDays: now - filed, ageMonths, tier: tier?.tier ?? null, tierLabel: tier?.label ?? null, tierMonths: tier?.months ?? null, preWarning, nextTier };
}

export function longPendingWarnings(lp: LongPending, filedOn: string): Warning[] {
  const out: Warning[] = [];
  const basis = ['最高人民法院审判质效指标（超12个月未结案件比）'];
  if (lp.tier) {
    const level: WarningLevel = (lp.tierMonths ?? 0) >= 12 ? 'warning' : 'notice';
    out.push({ code: `long-pending-${lp.tier}`, level, title: `长期未结（超${lp.tierMonths}个月·${lp.tierLabel}）`, reason: `立案日 ${filedOn}，已立案 ${lp.ageDays} 天（满 ${lp.ageMonths} 个月）`, basis });
  }
  if (lp.preWarning) {
    out.push({ code: 'long-pending-prewarning', level: 'notice', title: `即将超${lp.nextTier?.months}个月未结`, reason: `立案日 ${filedOn}，已满 ${lp.preWarning.months} 个月；${lp.preWarning.nextTierOn} 起进入 ${lp.preWarning.nextTier}`, basis });
  }
  return out;
}

// ── 久押不决 (§7) ──

export interface DetentionAge { known: boolean; since: string | null; days: number | null; years: number | null; tier: { years: number; label: string } | null }

export function detentionAge(detainedSince: string | undefined, today: string, rules: Rules = DEFAULT_RULES): DetentionAge {
  const since = tryDayNumber(detainedSince);
  if (since === null) return { known: false, since: null, days: null, years: null, tier: null };
  const now = toDayNumber(today);
  let years = 0;
  while (now >= addMonthsDays(since, 12 * (years + 1))) years++;
  let tier: DetentionAge['tier'] = null;
  for (const t of [...rules.thresholds.detention.tiers].sort((a, b) => a.years - b.years)) if (years >= t.years) tier = t;
  return { known: true, since: detainedSince!, days: now - since, years, tier };
}

export function detentionWarnings(d: DetentionAge): Warning[] {
  if (!d.known) return [{ code: 'detention-start-unknown', level: 'info', title: '羁押起始日未知', reason: '被告人在押，但未读取到羁押起始日，无法计算羁押期限', basis: [] }];
  if (!d.tier) return [];
  return [{ code: `detention-${d.tier.years}y`, level: d.tier.years >= 5 ? 'urgent' : 'warning', title: `羁押${d.tier.years}年以上（${d.tier.label}）`, reason: `羁押起始日 ${d.since}，已羁押 ${d.days} 天（满 ${d.years} 年）`, basis: ['久押不决案件清理'] }];
}

// ── 隐形超审限 (§6) ──

/** The §4.1 type of a 扣除事由, trying the types allowed for the category first. */
export function classifyDeduction(reason: string, category: Category, rules: Rules = DEFAULT_RULES): DeductionType | null {
  const types = rules.deductionTypes;
  const hit = (t: DeductionType) => t.keywords.some((k) => reason.includes(k));
  return types.find((t) => t.scope[category] === 'yes' && hit(t)) ?? types.find(hit) ?? null;
}

export interface HiddenContext {
  /** 类型代字 of the case (刑没 allows 公告 / 司法协助 deductions) */
  typeCode?: string;
}

export function hiddenOverdueSignals(timeline: CaseTimeline, detail: DeadlineDetail, today: string, ctx: HiddenContext = {}, rules: Rules = DEFAULT_RULES): Warning[] {
  const out: Warning[] = [];
  const th = rules.thresholds.hidden;
  const lt = rules.thresholds.leadTimes;
  const now = toDayNumber(today);
  const admin = timeline.category === 'administrative' && lt.useAdministrativeVariant;
  const applyDays = admin ? lt.administrativeApplyDays : lt.applyDays;
  const decideDays = admin ? lt.administrativeDecideDays : lt.decideDays;
  const H1 = ['2019 民商事规定 art 1'];

  // H1 滥用延长
  for (const e of detail.extensions) {
    if (e.dueBefore === null) continue;
    const due = toDayNumber(e.dueBefore);
    if (e.afterExpiry) {
      out.push({ code: 'H1-extension-after-expiry', level: 'warning', title: '审限届满后才批准延长', reason: `第 ${e.seq} 条延长记录：批准日期 ${e.on} 晚于当时的审限届满日 ${e.dueBefore}（晚 ${toDayNumber(e.on) - due} 天）`, basis: H1 });
      continue;
    }
    if (e.appliedOn !== null && toDayNumber(e.appliedOn) > due - applyDays) {
      out.push({ code: 'H1-late-application', level: 'notice', title: '延长审限申请晚于规定期限', reason: `第 ${e.seq} 条延长记录：申请日期 ${e.appliedOn} 晚于 T−${applyDays}（${T(due - applyDays)}），当时审限届满日 ${e.dueBefore}`, basis: H1 });
    }
    if (toDayNumber(e.on) > due - decideDays) {
      out.push({ code: 'H1-late-approval', level: 'notice', title: '延长审限审批晚于规定期限', reason: `第 ${e.seq} 条延长记录：批准日期 ${e.on} 晚于 T−${decideDays}（${T(due - decideDays)}），当时审限届满日 ${e.dueBefore}`, basis: H1 });
    }
  }

  // H2 违规扣除 / H3 随意中止
  const closed = timeline.closedOn !== undefined;
  const simple = detail.status.procedure === 'simple' || detail.status.procedure === 'small-claims';
  for (const iv of detail.intervals) {
    const label = iv.kind === 'deduction' ? '扣除记录' : '中止记录';
    const from = toDayNumber(iv.from);
    const type = iv.kind === 'deduction' ? classifyDeduction(iv.reason, timeline.category, rules) : null;
    const isSuspension = iv.kind === 'suspension' || type?.code === 'D5';
    if (iv.to === null) {
      if (closed) {
        out.push({ code: 'H2-open-on-closed', level: 'warning', title: '已结案件仍有未结束的扣除', reason: `第 ${iv.seq} 条${label}（${iv.reason || '中止'}）自 ${iv.from} 起未填写结束日期，案件已于 ${timeline.closedOn} 结案`, basis: ['2000 规定 art 9'] });
      } else if (iv.counted) {
        const age = now - from;
        if (isSuspension && age > th.suspensionDays) {
          out.push({ code: 'H3-long-suspension', level: 'warning', title: '中止时间过长且未恢复', reason: `第 ${iv.seq} 条${label}自 ${iv.from} 起中止，已 ${age} 天未恢复（超过 ${th.suspensionDays} 天）`, basis: ['民诉法 art 153', '行诉解释 art 87', '刑诉法 art 206'] });
        } else if (!isSuspension && age > th.openDeductionDays) {
          out.push({ code: 'H2-open-deduction', level: 'warning', title: '扣除审限长期未结束', reason: `第 ${iv.seq} 条${label}（${iv.reason}）自 ${iv.from} 起未结束，已 ${age} 天（超过 ${th.openDeductionDays} 天）`, basis: type?.basis ?? [] });
        }
      }
    }
    if (iv.kind === 'deduction') {
      if (!type) {
        out.push({ code: 'H2-deduction-unclassified', level: 'notice', title: '扣除事由不属于法定扣除类型', reason: `第 ${iv.seq} 条扣除记录：事由「${iv.reason}」未对应法定扣除类型（${iv.from} 起）`, basis: ['2000 规定 art 9'] });
      } else {
        const scope = type.scope[timeline.category];
        const notAllowed = scope === 'no' || scope === 'forbidden' || scope === 'off' || (scope === 'restricted' && !(ctx.typeCode && type.restrictedTo?.includes(ctx.typeCode)));
        if (notAllowed) {
          out.push({ code: 'H2-deduction-not-allowed', level: 'warning', title: '扣除类型不适用于本类案件', reason: `第 ${iv.seq} 条扣除记录：${type.label}（${iv.from} 起）${type.refusal ? '。' + type.refusal : '不属于本类案件的扣除事由'}`, basis: type.basis });
        }
        if (simple && type.code === 'D1') {
          out.push({ code: 'simple-notice-service', level: 'notice', title: '简易程序不适用公告送达', reason: `第 ${iv.seq} 条扣除记录为公告（${iv.from} 起）：简易程序不适用公告送达 — 是否需转普通程序`, basis: ['2019 民商事规定 art 4'] });
        }
      }
      // entered after the case had passed the due date computed without it
      if (iv.counted) {
        const without = { ...timeline, closedOn: undefined, events: timeline.events.filter((ev) => !(ev.kind === 'deduction' && ev.from === iv.from && ev.reason === iv.reason && (ev.to ?? null) === iv.to)) };
        try {
          const s = computeDeadline(without, iv.recordedOn, { rules });
          if (s.dueOn !== null && iv.recordedOn > s.dueOn) {
            out.push({ code: 'H2-deduction-after-expiry', level: 'warning', title: '超审限后登记扣除', reason: `第 ${iv.seq} 条扣除记录（${iv.reason}）登记于 ${iv.recordedOn}，不计该扣除时审限已于 ${s.dueOn} 届满`, basis: ['2000 规定 art 9'] });
          }
        } catch { /* the full timeline was valid; a subset cannot be invalid */ }
      }
    }
  }

  // H4 程序转换 / criminal restarts near expiry
  for (const b of detail.boundaries) {
    if (b.oldDueOn === null) continue;
    const on = toDayNumber(b.on), old = toDayNumber(b.oldDueOn);
    if (timeline.category !== 'criminal' && b.type === 'conversion') {
      if (b.afterExpiry) out.push({ code: 'H4-conversion-after-expiry', level: 'warning', title: '原程序审限届满后才转换程序', reason: `第 ${b.seq} 条程序转换记录：${b.on} 转换，原程序审限已于 ${b.oldDueOn} 届满（晚 ${on - old} 天）`, basis: ['民诉解释 art 258', '行诉解释 art 105'] });
      else if (old - on <= th.conversionNearExpiryDays) out.push({ code: 'H4-conversion-near-expiry', level: 'notice', title: '临近审限届满转换程序', reason: `第 ${b.seq} 条程序转换记录：${b.on} 转换，距原程序审限届满日 ${b.oldDueOn} 仅 ${old - on} 天`, basis: ['民诉解释 art 258', '行诉解释 art 105'] });
    } else if (timeline.category === 'criminal' && old - on <= th.restartNearExpiryDays) {
      const what = b.type === 'conversion' ? '程序转换' : `重新计算（${b.reason}）`;
      out.push({ code: 'H4-restart-near-expiry', level: on > old ? 'warning' : 'notice', title: on > old ? '审限届满后重新计算审限' : '临近审限届满重新计算审限', reason: `${b.on} ${what}，原审限届满日 ${b.oldDueOn}（${on > old ? `已过 ${on - old} 天` : `距届满 ${old - on} 天`}）`, basis: ['刑诉法 art 208', '刑诉解释 art 368'] });
    }
  }

  // H8 repeated 补充侦查
  if (timeline.category === 'criminal') {
    const si = timeline.events.filter((e) => e.kind === 'restart' && e.reason.includes('补充侦查'));
    if (si.length > th.maxSupplementaryInvestigations) {
      out.push({ code: 'H8-supplementary-investigations', level: 'warning', title: '补充侦查次数超过限制', reason: `补充侦查后重新计算审限 ${si.length} 次（上限 ${th.maxSupplementaryInvestigations} 次）：${si.map((e) => (e as { on: string }).on).sort().join('、')}`, basis: ['刑诉解释 art 274', '刑诉法 art 205'] });
    }
  }
  return out;
}

// ── H7 延期开庭 (§5.3) ──

export interface Hearing { on: string; postponed?: boolean; reason?: string }

export function hearingSignals(category: Category, procedure: Procedure, hearings: Hearing[], rules: Rules = DEFAULT_RULES): Warning[] {
  if (category !== 'civil' || hearings.length === 0) return [];
  const th = rules.thresholds.hidden;
  const out: Warning[] = [];
  const max = (th.maxPostponements as Record<string, number>)[procedure];
  const valid = hearings.filter((h) => tryDayNumber(h.on) !== null).sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  const postponed = valid.filter((h) => h.postponed);
  if (max !== undefined) {
    if (postponed.length > max) {
      out.push({ code: 'H7-postponements', level: 'warning', title: '延期开庭次数超过限制', reason: `已延期开庭 ${postponed.length} 次（${procedure === 'ordinary' ? '普通程序' : '简易程序、小额诉讼'}上限 ${max} 次）：${postponed.map((h) => h.on).join('、')}`, basis: ['2019 民商事规定 art 3'] });
    } else if (postponed.length === max && max > 0) {
      out.push({ code: 'H7-postponements-at-limit', level: 'notice', title: '延期开庭已达上限', reason: `已延期开庭 ${postponed.length} 次，不得再延期（上限 ${max} 次）`, basis: ['2019 民商事规定 art 3'] });
    }
  }
  for (let i = 1; i < valid.length; i++) {
    const prev = toDayNumber(valid[i - 1].on), next = toDayNumber(valid[i].on);
    if (next > addMonthsDays(prev, th.hearingGapMonths)) {
      out.push({ code: 'H7-hearing-gap', level: 'notice', title: '两次开庭间隔超过一个月', reason: `${valid[i - 1].on} 与 ${valid[i].on} 两次开庭相隔 ${next - prev} 天（超过 ${th.hearingGapMonths} 个月）`, basis: ['2019 民商事规定 art 5'] });
    }
  }
  return out;
}

// ── H5 撤诉再立案 (across cases) ──

export const REFILING_CLOSE_METHODS = ['撤诉', '按撤诉处理', '驳回起诉'];

export function normalizePartyName(name: string): string {
  return name
    .replace(/[\s\u3000]/g, '')
    .replace(/[（(〔\[［【]/g, '(').replace(/[）)〕\]］】]/g, ')')
    .replace(/[Ａ-Ｚａ-ｚ０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toUpperCase();
}
export function normalizeCause(cause: string): string {
  return cause.replace(/[\s\u3000]/g, '').replace(/(纠纷|案件|一案|之诉)$/u, '');
}

export interface RefilingHit {
  earlier: string;
  later: string;
  /** days from the earlier case's closure to the later case's filing */
  days: number;
  warning: Warning;
}

export interface RefilingConfig { rules?: Rules; days?: number }

/**
 * H5: same parties (normalised names, roles ignored), same 案由 and same court, filed within N days (default 90)
 * after a 撤诉 / 按撤诉处理 / 驳回起诉 closure.
 */
export function detectRefiling(cases: CaseSnapshot[], config: RefilingConfig = {}): RefilingHit[] {
  const rules = config.rules ?? DEFAULT_RULES;
  const window = config.days ?? rules.thresholds.hidden.refilingDays;
  const groups = new Map<string, Array<{ c: CaseSnapshot; filed: number; closed: number | null }>>();
  for (const c of cases) {
    const filed = tryDayNumber(c.filedOn);
    if (filed === null || !c.cause || !c.parties?.length) continue;
    const court = parseCaseNumber(c.caseNo, rules.caseTypes)?.court ?? '';
    const parties = [...new Set(c.parties.map((p) => normalizePartyName(p.name)))].sort().join('|');
    const key = `${court}#${normalizeCause(c.cause)}#${parties}`;
    const list = groups.get(key) ?? [];
    list.push({ c, filed, closed: tryDayNumber(c.closedOn) });
    groups.set(key, list);
  }
  const hits: RefilingHit[] = [];
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    for (const a of list) {
      if (a.closed === null || !a.c.closeMethod || !REFILING_CLOSE_METHODS.some((m) => a.c.closeMethod!.includes(m))) continue;
      for (const b of list) {
        if (b === a || b.c.caseNo === a.c.caseNo) continue;
        const days = b.filed - a.closed;
        if (days < 0 || days > window) continue;
        hits.push({
          earlier: a.c.caseNo, later: b.c.caseNo, days,
          warning: {
            code: 'H5-refiling', level: 'warning', title: '疑似撤诉后重新立案',
            reason: `${b.c.caseNo} 于 ${b.c.filedOn} 立案，与 ${a.c.caseNo}（${a.c.closedOn} 以${a.c.closeMethod}结案）当事人、案由相同，间隔 ${days} 天（${window} 天内）`,
            basis: ['审判质效：撤诉再立案（隐形超审限）'],
          },
        });
      }
    }
  }
  return hits.sort((x, y) => (x.later < y.later ? -1 : x.later > y.later ? 1 : 0));
}
