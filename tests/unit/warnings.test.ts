import { describe, expect, it } from 'vitest';
import { computeDeadline, computeDeadlineDetailed, type CaseTimeline } from '../../utils/domain/deadline';
import {
  computeLeadTimes, countdownWarning, detectRefiling, detentionAge, detentionWarnings, hearingSignals, hiddenOverdueSignals,
  leadTimeWarnings, longPending, classifyDeduction,
} from '../../utils/domain/warnings';
import { DEFAULT_RULES, resolveRules } from '../../utils/rules';
import { selectPeriodRule } from '../../utils/domain/deadline';
const selectPeriodRuleFor = (t: CaseTimeline) => selectPeriodRule(t.category, t.procedure, t.filedOn)!;
import type { CaseSnapshot } from '../../utils/domain/case';

const t1: CaseTimeline = { category: 'civil', procedure: 'ordinary', filedOn: '2024-08-31', events: [] };

describe('countdown and lead times (§5)', () => {
  it('Example 1 lead times: apply by T−15, decide by T−5, approver 本院院长', () => {
    const s = computeDeadline(t1, '2025-02-10');
    const lt = computeLeadTimes(s, 'civil', selectPeriodRuleFor(t1), 0)!;
    expect([lt.applyBy, lt.decideBy, lt.approverLabel]).toEqual(['2025-02-13', '2025-02-23', '本院院长']);
    const w = leadTimeWarnings(lt, s, '2025-02-10');
    expect(w[0].reason).toContain('如需延长审限，请于 T−15（2025-02-13）前提交申请');
    expect(w[0].reason).toContain('审批须于 T−5（2025-02-23）前作出');
    expect(leadTimeWarnings(lt, s, '2025-02-15')[0].code).toBe('extension-decide-by');
    expect(leadTimeWarnings(lt, computeDeadline(t1, '2025-02-25'), '2025-02-25')[0].level).toBe('urgent');
    expect(countdownWarning(s)).toMatchObject({ level: 'notice', title: '审限不足一个月' });
    expect(countdownWarning(computeDeadline(t1, '2025-03-02'))!.reason).toContain('已超期 2 天');
  });
  it('second extension goes to the 上级法院; criminal second instance to the 高级法院; 高院 own case to the SPC', () => {
    const t = { ...t1, events: [{ kind: 'extension' as const, on: '2025-02-20', months: 6 }] };
    const s = computeDeadline(t, '2025-08-10');
    expect(computeLeadTimes(s, 'civil', selectPeriodRuleFor(t), 1)!.approverLabel).toBe('上一级法院');
    const k: CaseTimeline = { category: 'criminal', procedure: 'second', filedOn: '2024-01-10', detained: true, events: [] };
    expect(computeLeadTimes(computeDeadline(k, '2024-02-10'), 'criminal', selectPeriodRuleFor(k), 0)!.approverLabel).toBe('高级法院');
    const a: CaseTimeline = { category: 'administrative', procedure: 'ordinary', filedOn: '2024-01-10', events: [] };
    expect(computeLeadTimes(computeDeadline(a, '2024-02-10'), 'administrative', selectPeriodRuleFor(a), 0, DEFAULT_RULES, 'high')!.approverLabel).toBe('最高人民法院');
    const simple: CaseTimeline = { category: 'criminal', procedure: 'fast-track', filedOn: '2024-01-10', events: [] };
    expect(computeLeadTimes(computeDeadline(simple, '2024-01-11'), 'criminal', selectPeriodRuleFor(simple), 0)).toBeNull();
  });
  it('行政 10 / 3 variant is configurable', () => {
    const a: CaseTimeline = { category: 'administrative', procedure: 'ordinary', filedOn: '2024-01-10', events: [] };
    const rules = resolveRules({ thresholds: { leadTimes: { useAdministrativeVariant: true } } });
    const lt = computeLeadTimes(computeDeadline(a, '2024-06-20', { rules }), 'administrative', selectPeriodRuleFor(a), 0, rules)!;
    expect([lt.applyBy, lt.decideBy]).toEqual(['2024-06-30', '2024-07-07']);
  });
});

describe('长期未结 (§7)', () => {
  it('uses today > addMonths(filedOn, N)', () => {
    expect(longPending('2024-03-15', '2025-03-15').tier).toBe('L1');
    const lp = longPending('2024-03-15', '2025-03-16');
    expect([lp.tier, lp.tierMonths, lp.ageMonths]).toEqual(['L2', 12, 12]);
    expect(longPending('2024-03-15', '2024-09-15').tier).toBeNull();
    expect(longPending('2024-03-15', '2024-09-16').tier).toBe('L1');
    const pre = longPending('2024-03-15', '2025-02-16');
    expect(pre.preWarning).toEqual({ months: 11, nextTier: 'L2', nextTierOn: '2025-03-16' });
    expect(longPending('2020-01-01', '2024-01-02').tier).toBe('L5');
    expect(longPending('2021-01-01', '2023-12-05').preWarning?.months).toBe(35);
  });
  it('detention age and the unknown start', () => {
    expect(detentionAge('2021-03-15', '2024-03-14').tier).toBeNull();
    expect(detentionAge('2021-03-15', '2024-03-15').tier?.years).toBe(3);
    expect(detentionAge('2019-03-15', '2024-03-15').tier?.years).toBe(5);
    expect(detentionWarnings(detentionAge(undefined, '2024-01-01'))[0].title).toBe('羁押起始日未知');
  });
});

describe('隐形超审限 (§6)', () => {
  const run = (t: CaseTimeline, today: string, typeCode?: string) => hiddenOverdueSignals(t, computeDeadlineDetailed(t, today), today, { typeCode }).map((w) => w.code);
  it('H1: extension after expiry, late application, late approval', () => {
    expect(run({ ...t1, events: [{ kind: 'extension', on: '2025-03-05', months: 6 }] }, '2025-03-10')).toContain('H1-extension-after-expiry');
    const codes = run({ ...t1, events: [{ kind: 'extension', on: '2025-02-25', appliedOn: '2025-02-20', months: 6 }] }, '2025-03-10');
    expect(codes).toEqual(expect.arrayContaining(['H1-late-application', 'H1-late-approval']));
    expect(run({ ...t1, events: [{ kind: 'extension', on: '2025-02-10', appliedOn: '2025-02-01', months: 6 }] }, '2025-03-10')).toEqual([]);
  });
  it('H2: open deduction older than 60 days, type not allowed, entered after expiry, open on closed', () => {
    const open = { ...t1, events: [{ kind: 'deduction' as const, reason: '鉴定', from: '2024-10-01' }] };
    expect(run(open, '2024-11-30')).not.toContain('H2-open-deduction');
    expect(run(open, '2024-12-01')).toContain('H2-open-deduction');
    const k: CaseTimeline = { category: 'criminal', procedure: 'public-ordinary', filedOn: '2024-01-10', detained: true, events: [{ kind: 'deduction', reason: '管辖异议', from: '2024-01-20', to: '2024-02-01' }] };
    const w = hiddenOverdueSignals(k, computeDeadlineDetailed(k, '2024-02-10'), '2024-02-10');
    expect(w.find((x) => x.code === 'H2-deduction-not-allowed')!.reason).toContain('刑事案件管辖争议应在审限内解决');
    const gg: CaseTimeline = { ...k, events: [{ kind: 'deduction', reason: '公告', from: '2024-01-20', to: '2024-02-01' }] };
    expect(run(gg, '2024-02-10')).toContain('H2-deduction-not-allowed');
    expect(run(gg, '2024-02-10', '刑没')).not.toContain('H2-deduction-not-allowed');
    const late = { ...t1, events: [{ kind: 'deduction' as const, reason: '鉴定', from: '2025-03-05', to: '2025-04-05' }] };
    expect(run(late, '2025-04-10')).toContain('H2-deduction-after-expiry');
    expect(run({ ...open, closedOn: '2024-12-20' }, '2025-01-10')).toContain('H2-open-on-closed');
  });
  it('H3: suspension open longer than 90 days', () => {
    const t = { ...t1, events: [{ kind: 'suspension' as const, from: '2024-10-01' }] };
    expect(run(t, '2024-12-30')).not.toContain('H3-long-suspension');
    expect(run(t, '2024-12-31')).toContain('H3-long-suspension');
  });
  it('H4: conversion near or after the 简易 deadline; criminal restart near expiry', () => {
    const s = (on: string): CaseTimeline => ({ category: 'civil', procedure: 'simple', filedOn: '2024-05-20', events: [{ kind: 'conversion', on, to: 'ordinary' }] });
    expect(run(s('2024-08-01'), '2024-09-01')).toEqual([]);
    expect(run(s('2024-08-12'), '2024-09-01')).toContain('H4-conversion-near-expiry');
    expect(run(s('2024-08-25'), '2024-09-01')).toContain('H4-conversion-after-expiry');
    const k: CaseTimeline = { category: 'criminal', procedure: 'public-ordinary', filedOn: '2024-03-05', detained: true, events: [{ kind: 'restart', on: '2024-04-30', reason: '补充侦查退回' }] };
    expect(run(k, '2024-05-10')).toContain('H4-restart-near-expiry');
  });
  it('H8: more than 2 补充侦查 restarts', () => {
    const ev = (on: string) => ({ kind: 'restart' as const, on, reason: '补充侦查退回' });
    const k: CaseTimeline = { category: 'criminal', procedure: 'public-ordinary', filedOn: '2024-01-05', detained: true, events: [ev('2024-02-01'), ev('2024-03-01')] };
    expect(run(k, '2024-04-01')).not.toContain('H8-supplementary-investigations');
    expect(run({ ...k, events: [...k.events, ev('2024-04-01')] }, '2024-04-02')).toContain('H8-supplementary-investigations');
  });
  it('classifies deduction reasons from the §4.1 table', () => {
    expect(classifyDeduction('委托精神病鉴定', 'criminal')?.code).toBe('D7');
    expect(classifyDeduction('执行和解', 'enforcement')?.code).toBe('D11');
    expect(classifyDeduction('公告送达', 'civil')?.code).toBe('D1');
    expect(classifyDeduction('休假', 'civil')).toBeNull();
  });
});

describe('H7 hearings and H5 refiling', () => {
  it('H7: postponements beyond the limit and gaps over one month', () => {
    const h = [{ on: '2024-03-01', postponed: true }, { on: '2024-03-20', postponed: true }, { on: '2024-05-10' }];
    expect(hearingSignals('civil', 'simple', h).map((w) => w.code)).toEqual(expect.arrayContaining(['H7-postponements', 'H7-hearing-gap']));
    expect(hearingSignals('civil', 'ordinary', h).map((w) => w.code)).toContain('H7-postponements-at-limit');
    expect(hearingSignals('civil', 'ordinary', h.slice(0, 2)).map((w) => w.code)).not.toContain('H7-hearing-gap');
    expect(hearingSignals('criminal', 'public-ordinary', h)).toEqual([]);
  });
  it('H5: same parties and 案由 refiled within 90 days after 撤诉', () => {
    const base = (caseNo: string, o: Partial<CaseSnapshot>): CaseSnapshot => ({ caseNo, cause: '民间借贷纠纷', parties: [{ name: '张三', role: '原告' }, { name: '李四', role: '被告' }], ...o });
    const cases = [
      base('（2024）京0105民初100号', { filedOn: '2024-01-05', closedOn: '2024-03-01', closeMethod: '撤诉' }),
      base('（2024）京0105民初900号', { filedOn: '2024-05-20', parties: [{ name: '李 四', role: '被告' }, { name: '张三', role: '原告' }] }),
      base('（2024）京0105民初950号', { filedOn: '2024-06-15' }),
      base('（2024）京0106民初960号', { filedOn: '2024-04-15' }),
    ];
    const hits = detectRefiling(cases);
    expect(hits.map((h) => [h.earlier, h.later, h.days])).toEqual([['（2024）京0105民初100号', '（2024）京0105民初900号', 80]]);
    expect(hits[0].warning.reason).toContain('间隔 80 天');
    expect(detectRefiling(cases, { days: 120 }).length).toBe(2);
  });
});
