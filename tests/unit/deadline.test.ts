import { describe, expect, it } from 'vitest';
import { computeDeadline, computeDeadlineDetailed, validateTimeline, CaseTimelineSchema, TimelineError, levelFor, type CaseTimeline, type TimelineEvent } from '../../utils/domain/deadline';
import { createHolidayCalendar, nextWorkingDay } from '../../utils/domain/holidays';
import { addDays, addMonths, diffDays, toDayNumber, fromDayNumber } from '../../utils/domain/dates';
import { resolveRules } from '../../utils/rules';

const civil = (procedure: CaseTimeline['procedure'], filedOn: string, events: TimelineEvent[] = [], extra: Partial<CaseTimeline> = {}): CaseTimeline =>
  ({ category: 'civil', procedure, filedOn, events, ...extra });
const crim = (procedure: CaseTimeline['procedure'], filedOn: string, events: TimelineEvent[] = [], extra: Partial<CaseTimeline> = {}): CaseTimeline =>
  ({ category: 'criminal', procedure, filedOn, events, detained: true, ...extra });

describe('§3.3 worked examples', () => {
  it('Example 1: month-end clamping and how an extension composes (C1)', () => {
    const s = computeDeadline(civil('ordinary', '2024-08-31'), '2025-02-10');
    expect(addMonths('2024-08-31', 6)).toBe('2025-02-28');
    expect(s.dueOn).toBe('2025-02-28');
    expect(s.daysLeft).toBe(18);
    expect(s.level).toBe('notice');
    expect(s.deductedDays).toBe(0);
    expect(s.basis).toContain('民诉法 art 152');
    expect(addDays(s.dueOn!, -15)).toBe('2025-02-13');
    expect(addDays(s.dueOn!, -5)).toBe('2025-02-23');
    const ext = computeDeadline(civil('ordinary', '2024-08-31', [{ kind: 'extension', on: '2025-02-20', months: 6, approvedBy: '院长' }]), '2025-02-21');
    expect(ext.dueOn).toBe('2025-08-31');
    expect(ext.dueOn).not.toBe(addMonths(addMonths('2024-08-31', 6), 6)); // the wrong way gives 2025-08-28
    expect(addMonths(addMonths('2024-08-31', 6), 6)).toBe('2025-08-28');
    expect(ext.extendedMonths).toBe(6);
    expect(ext.dueOnAdjusted).toBe('2025-09-01');
    expect(ext.flags).not.toContain('extension-after-expiry');
  });
  it('Example 2: criminal month-end rule (K1, detained)', () => {
    const s = computeDeadline(crim('public-ordinary', '2024-02-29'), '2024-03-01');
    expect(s.dueOn).toBe('2024-04-30');
    expect(addMonths('2024-02-29', 2)).toBe('2024-04-29'); // civil rule, not used
    const ext = computeDeadline(crim('public-ordinary', '2024-02-29', [{ kind: 'extension', on: '2024-04-20', months: 3, approvedBy: '上一级法院' }]), '2024-05-01');
    expect(ext.dueOn).toBe('2024-07-31');
    expect(ext.dueOnAdjusted).toBe(ext.dueOn);
  });
  it('Example 3: overlapping deductions (C1)', () => {
    const t = civil('ordinary', '2024-01-10', [
      { kind: 'deduction', reason: '公告', from: '2024-02-01', to: '2024-03-02' },
      { kind: 'deduction', reason: '鉴定', from: '2024-02-20', to: '2024-04-10' },
    ]);
    expect(diffDays('2024-02-01', '2024-03-02')).toBe(30);
    expect(diffDays('2024-02-20', '2024-04-10')).toBe(50);
    expect(diffDays('2024-02-20', '2024-03-02')).toBe(11);
    const s = computeDeadline(t, '2024-05-01');
    expect(s.deductedDays).toBe(69);
    expect(addMonths('2024-01-10', 6)).toBe('2024-07-10');
    expect(s.dueOn).toBe('2024-09-17');
    expect(s.dueOnAdjusted).toBe('2024-09-18');
  });
  it('Example 4: open deduction (C1)', () => {
    const t = civil('ordinary', '2024-06-03', [{ kind: 'deduction', reason: '鉴定', from: '2024-09-20' }]);
    const a = computeDeadline(t, '2024-11-25');
    expect(a.deductedDays).toBe(66);
    expect(a.flags).toContain('open-deduction');
    expect(a.dueOn).toBe('2025-02-07');
    expect(a.daysLeft).toBe(74);
    expect(a.level).toBe('ok');
    const b = computeDeadline(t, '2024-12-20');
    expect(b.deductedDays).toBe(91);
    expect(b.dueOn).toBe('2025-03-04');
    expect(b.daysLeft).toBe(74);
  });
  it('Example 5: criminal restart after 补充侦查 (K1, detained)', () => {
    const before = crim('public-ordinary', '2024-03-05', [{ kind: 'deduction', reason: '精神病鉴定', from: '2024-03-20', to: '2024-03-30' }]);
    const b = computeDeadline(before, '2024-03-31');
    expect(b.deductedDays).toBe(10);
    expect(b.dueOn).toBe('2024-05-15');
    const after = { ...before, events: [...before.events, { kind: 'restart', on: '2024-04-28', reason: '补充侦查退回' } as TimelineEvent] };
    const s = computeDeadline(after, '2024-06-20');
    expect(s.startOn).toBe('2024-04-28');
    expect(s.deductedDays).toBe(0);
    expect(s.dueOn).toBe('2024-06-28');
    expect(s.daysLeft).toBe(8);
    expect(s.level).toBe('warning');
    const d = computeDeadlineDetailed(after, '2024-06-20');
    expect(d.boundaries[0]).toMatchObject({ type: 'restart', oldDueOn: '2024-05-15' });
  });
  it('Example 6: civil 简易 → 普通 conversion without restart', () => {
    expect(computeDeadline(civil('simple', '2024-05-20'), '2024-06-01').dueOn).toBe('2024-08-20');
    const inTime = computeDeadline(civil('simple', '2024-05-20', [{ kind: 'conversion', on: '2024-08-10', to: 'ordinary' }]), '2024-09-01');
    expect(inTime.dueOn).toBe('2024-11-20');
    expect(inTime.procedure).toBe('ordinary');
    expect(inTime.startOn).toBe('2024-05-20');
    expect(inTime.flags).not.toContain('conversion-after-expiry');
    const late = computeDeadline(civil('simple', '2024-05-20', [{ kind: 'conversion', on: '2024-08-25', to: 'ordinary' }]), '2024-09-01');
    expect(late.dueOn).toBe('2024-11-20');
    expect(late.flags).toContain('conversion-after-expiry');
    const extended = computeDeadline(civil('simple', '2024-05-20', [
      { kind: 'extension', on: '2024-08-01', months: 1 }, { kind: 'conversion', on: '2024-08-25', to: 'ordinary' },
    ]), '2024-09-01');
    expect(addMonths('2024-05-20', 4)).toBe('2024-09-20');
    expect(extended.flags).not.toContain('conversion-after-expiry');
    expect(extended.dueOn).toBe('2024-11-20'); // the 简易 extension is dropped
    expect(extended.extendedMonths).toBe(0);
    // conversion on the last day of the old period is in time
    expect(computeDeadline(civil('simple', '2024-05-20', [{ kind: 'conversion', on: '2024-08-20', to: 'ordinary' }]), '2024-09-01').flags).not.toContain('conversion-after-expiry');
  });
  it('Example 7: days-based period and the detained exception (K5)', () => {
    const det = computeDeadline(crim('fast-track', '2024-09-26'), '2024-09-27');
    expect(det.dueOn).toBe('2024-10-06');
    expect(det.dueOnAdjusted).toBe('2024-10-06');
    const free = computeDeadline(crim('fast-track', '2024-09-26', [], { detained: false }), '2024-09-27');
    expect(free.dueOn).toBe('2024-10-06');
    expect(free.dueOnAdjusted).toBe('2024-10-08');
    expect(free.daysLeft).toBe(9); // countdown uses the unadjusted date
  });
  it('Example 8: levels and closing (C4)', () => {
    const t = civil('second-judgment', '2024-11-30');
    const expected: Array<[string, number, string]> = [
      ['2025-01-29', 30, 'notice'], ['2025-02-13', 15, 'warning'], ['2025-02-23', 5, 'urgent'], ['2025-02-28', 0, 'urgent'], ['2025-03-01', -1, 'overdue'],
    ];
    for (const [today, days, level] of expected) {
      const s = computeDeadline(t, today);
      expect(s.dueOn).toBe('2025-02-28');
      expect([s.daysLeft, s.level]).toEqual([days, level]);
    }
    const inTime = computeDeadline({ ...t, closedOn: '2025-02-27' }, '2025-03-10');
    expect([inTime.level, inTime.daysLeft]).toEqual(['closed-in-time', null]);
    expect(computeDeadline({ ...t, closedOn: '2025-03-03' }, '2025-03-10').level).toBe('closed-late');
  });
});

describe('engine rules', () => {
  it('has a row for every category/procedure of §2.8', () => {
    const table: Array<[CaseTimeline['category'], CaseTimeline['procedure'], string | null]> = [
      ['civil', 'ordinary', '2024-07-10'], ['civil', 'simple', '2024-04-10'], ['civil', 'small-claims', '2024-03-10'],
      ['civil', 'second-judgment', '2024-04-10'], ['civil', 'second-ruling', '2024-02-09'], ['civil', 'special', '2024-02-09'],
      ['civil', 'retrial-review', '2024-04-10'], ['civil', 'foreign', null],
      ['criminal', 'public-ordinary', '2024-03-10'], ['criminal', 'private-detained', '2024-03-10'], ['criminal', 'private-free', '2024-07-10'],
      ['criminal', 'simple', '2024-01-30'], ['criminal', 'simple-long', '2024-02-25'], ['criminal', 'fast-track', '2024-01-20'],
      ['criminal', 'fast-track-long', '2024-01-25'], ['criminal', 'second', '2024-03-10'], ['criminal', 'retrial', '2024-04-10'],
      ['administrative', 'ordinary', '2024-07-10'], ['administrative', 'simple', '2024-02-24'], ['administrative', 'second', '2024-04-10'],
      ['enforcement', 'ordinary', '2024-07-10'], ['enforcement', 'non-litigation', '2024-04-10'], ['compensation', 'decision', '2024-04-10'],
    ];
    for (const [category, procedure, due] of table) {
      const s = computeDeadline({ category, procedure, filedOn: '2024-01-10', events: [] }, '2024-01-11');
      expect(s.dueOn, `${category}/${procedure}`).toBe(due);
      if (due === null) expect(s.level).toBe('none');
      expect(s.basis.length).toBeGreaterThan(0);
    }
  });
  it('adds day extensions after the month arithmetic; 一个半月 is 1 month + 15 days', () => {
    expect(computeDeadline(crim('simple-long', '2024-01-31'), '2024-02-01').dueOn).toBe(addDays('2024-02-29', 15));
    const s = computeDeadline(civil('second-ruling', '2024-01-31', [{ kind: 'extension', on: '2024-02-20', days: 30 }]), '2024-02-21');
    expect(s.dueOn).toBe(addDays('2024-01-31', 60));
    expect(s.extendedDays).toBe(30);
  });
  it('ignores intervals that begin before the start; suspensions join the union; touching intervals are not double counted', () => {
    const s = computeDeadline(civil('ordinary', '2024-01-10', [
      { kind: 'deduction', reason: '公告', from: '2024-01-05', to: '2024-02-05' },
      { kind: 'suspension', from: '2024-03-01', to: '2024-03-11' },
      { kind: 'deduction', reason: '鉴定', from: '2024-03-11', to: '2024-03-21' },
    ]), '2024-04-01');
    expect(s.deductedDays).toBe(20);
  });
  it('flags an extension approved after the due date in force and still applies it', () => {
    const s = computeDeadline(civil('ordinary', '2024-01-10', [{ kind: 'extension', on: '2024-07-15', months: 6 }]), '2024-08-01');
    expect(s.dueOn).toBe('2025-01-10');
    expect(s.flags).toContain('extension-after-expiry');
  });
  it('criminal conversion restarts and drops earlier extensions; civil restart events are ignored', () => {
    const s = computeDeadline(crim('simple', '2024-03-01', [
      { kind: 'extension', on: '2024-03-10', months: 1 },
      { kind: 'conversion', on: '2024-03-15', to: 'public-ordinary' },
    ]), '2024-03-20');
    expect([s.startOn, s.procedure, s.dueOn, s.extendedMonths]).toEqual(['2024-03-15', 'public-ordinary', '2024-05-15', 0]);
    const c = computeDeadline(civil('ordinary', '2024-01-10', [{ kind: 'restart', on: '2024-03-01', reason: '发回重审' }]), '2024-03-02');
    expect(c.startOn).toBe('2024-01-10');
    expect(c.flags).toContain('restart-ignored');
  });
  it('open deduction on a closed case is counted to the closing date and flagged', () => {
    const s = computeDeadline(civil('ordinary', '2024-01-10', [{ kind: 'deduction', reason: '鉴定', from: '2024-06-01' }], { closedOn: '2024-08-01' }), '2025-01-01');
    expect(s.deductedDays).toBe(61);
    expect(s.flags).toEqual(expect.arrayContaining(['open-deduction', 'open-deduction-closed']));
    expect(s.level).toBe('closed-in-time');
  });
  it('uses configurable level thresholds', () => {
    expect(levelFor(31)).toBe('ok');
    expect(levelFor(10, { notice: 60, warning: 20, urgent: 10 })).toBe('urgent');
    const rules = resolveRules({ thresholds: { levels: { notice: 60 } } });
    expect(computeDeadline(civil('ordinary', '2024-08-31'), '2025-01-01', { rules }).level).toBe('notice');
    expect(computeDeadline(civil('ordinary', '2024-08-31'), '2025-01-01').level).toBe('ok');
  });
  it('selects the period version by effectiveFrom', () => {
    expect(computeDeadline(civil('small-claims', '2023-01-10'), '2023-01-11').dueOn).toBe('2023-03-10');
    expect(computeDeadline(civil('small-claims', '2021-01-10'), '2021-01-11').dueOn).toBe('2021-04-10');
  });
});

describe('holidays', () => {
  it('uses chinese-days data, overrides and the uncovered-year fallback', () => {
    expect(nextWorkingDay(toDayNumber('2024-10-01')).day).toBe(toDayNumber('2024-10-08'));
    expect(nextWorkingDay(toDayNumber('2024-09-29')).day).toBe(toDayNumber('2024-09-29')); // 调休 working Sunday
    const cal = createHolidayCalendar({ holidays: ['2024-10-08'], workdays: ['2024-10-07'] });
    expect(fromDayNumber(nextWorkingDay(toDayNumber('2024-10-06'), cal).day)).toBe('2024-10-07');
    const miss = nextWorkingDay(toDayNumber('2035-10-01'));
    expect(miss.dataMissing).toBe(true);
    expect(fromDayNumber(miss.day)).toBe('2035-10-04'); // 10/1–10/3 fixed holidays; 2035-10-04 is a Thursday
    const s = computeDeadline(civil('ordinary', '2035-04-01'), '2035-04-02');
    expect(s.dueOn).toBe('2035-10-01');
    expect(s.dueOnAdjusted).toBe('2035-10-04');
    expect(s.flags).toContain('holiday-data-missing');
    const covered = createHolidayCalendar({ coveredYears: [2035], holidays: ['2035-10-04', '2035-10-05'] });
    const s2 = computeDeadline(civil('ordinary', '2035-04-01'), '2035-04-02', { calendar: covered });
    expect(s2.flags).not.toContain('holiday-data-missing');
  });
});

describe('validation', () => {
  it('reports problems in Chinese and refuses to compute', () => {
    const bad = civil('ordinary', '2023-02-30', [
      { kind: 'extension', on: '2023-06-01' } as TimelineEvent,
      { kind: 'deduction', reason: '公告', from: '2023-03-01', to: '2023-03-05' },
      { kind: 'deduction', reason: '鉴定', from: '2023-04-10', to: '2023-04-01' },
    ]);
    const p = validateTimeline(bad);
    expect(p).toEqual(expect.arrayContaining(['立案日期不存在：2023-02-30', '第 1 条延长记录：未填写延长期限', '第 2 条扣除记录：结束日期早于开始日期']));
    expect(() => computeDeadline(bad, '2023-07-01')).toThrow(TimelineError);
    try { computeDeadline(bad, '2023-07-01'); } catch (e) { expect((e as TimelineError).problems).toEqual(p); expect((e as TimelineError).code).toBe('invalid-timeline'); }
    expect(CaseTimelineSchema.safeParse(bad).success).toBe(false);
    expect(CaseTimelineSchema.safeParse(civil('ordinary', '2023-02-28')).success).toBe(true);
    expect(validateTimeline({ category: 'civil', procedure: 'public-ordinary', filedOn: '2024-01-01', events: [] })).toEqual(['审理程序与案件类别不符：民事 / public-ordinary']);
    expect(validateTimeline(civil('ordinary', '2024-1-1'))[0]).toContain('格式错误');
    expect(() => computeDeadline(civil('ordinary', '2024-01-01'), '2024-02-30')).toThrow(TimelineError);
    expect(validateTimeline(civil('ordinary', '2024-01-10', [], { closedOn: '2024-01-01' }))).toEqual(['结案日期早于立案日期：2024-01-01']);
  });
});

// ── property tests over random timelines (seeded, no dependency) ──

function rng(seed: number) {
  let s = seed >>> 0;
  return () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}
const PROCS: Array<[CaseTimeline['category'], CaseTimeline['procedure'][]]> = [
  ['civil', ['ordinary', 'simple', 'small-claims', 'second-judgment', 'second-ruling', 'special', 'retrial-review']],
  ['criminal', ['public-ordinary', 'private-detained', 'private-free', 'simple', 'fast-track', 'second', 'retrial']],
  ['administrative', ['ordinary', 'simple', 'second']], ['enforcement', ['ordinary', 'non-litigation']], ['compensation', ['decision']],
];
export function randomTimeline(r: () => number): { t: CaseTimeline; today: string } {
  const int = (a: number, b: number) => a + Math.floor(r() * (b - a + 1));
  const [category, procs] = PROCS[int(0, PROCS.length - 1)];
  const procedure = procs[int(0, procs.length - 1)];
  const filed = toDayNumber('2020-01-01') + int(0, 1800);
  const events: TimelineEvent[] = [];
  for (let i = int(0, 4); i > 0; i--) {
    const from = filed + int(-20, 200);
    const open = r() < 0.2;
    events.push(r() < 0.7
      ? { kind: 'deduction', reason: ['公告', '鉴定', '和解', '审计'][int(0, 3)], from: fromDayNumber(from), ...(open ? {} : { to: fromDayNumber(from + int(0, 90)) }) }
      : { kind: 'suspension', from: fromDayNumber(from), ...(open ? {} : { to: fromDayNumber(from + int(0, 90)) }) });
  }
  for (let i = int(0, 2); i > 0; i--) events.push({ kind: 'extension', on: fromDayNumber(filed + int(0, 250)), ...(r() < 0.7 ? { months: int(1, 6) } : { days: int(1, 30) }) });
  if (category === 'criminal' && r() < 0.3) events.push({ kind: 'restart', on: fromDayNumber(filed + int(1, 120)), reason: '补充侦查退回' });
  if ((category === 'civil' && procedure === 'simple') && r() < 0.4) events.push({ kind: 'conversion', on: fromDayNumber(filed + int(1, 120)), to: 'ordinary' });
  const t: CaseTimeline = { category, procedure, filedOn: fromDayNumber(filed), events, ...(category === 'criminal' ? { detained: r() < 0.5 } : {}) };
  return { t, today: fromDayNumber(filed + int(0, 600)) };
}
function shuffle<T>(a: T[], r: () => number): T[] { const b = [...a]; for (let i = b.length - 1; i > 0; i--) { const j = Math.floor(r() * (i + 1)); [b[i], b[j]] = [b[j], b[i]]; } return b; }

describe('properties (2,000 seeded random timelines)', () => {
  const r = rng(20240917);
  const cases = Array.from({ length: 2000 }, () => randomTimeline(r));
  it('daysLeft = dueOn − today, and the level follows daysLeft', () => {
    for (const { t, today } of cases) {
      const s = computeDeadline(t, today);
      if (s.dueOn === null) { expect(s.daysLeft).toBeNull(); continue; }
      expect(s.daysLeft).toBe(diffDays(today, s.dueOn));
      expect(s.level).toBe(levelFor(s.daysLeft!));
      expect(s.dueOnAdjusted! >= s.dueOn).toBe(true);
    }
  });
  it('results never depend on event order', () => {
    for (const { t, today } of cases) expect(computeDeadline({ ...t, events: shuffle(t.events, r) }, today)).toEqual(computeDeadline(t, today));
  });
  it('a deduction never moves dueOn earlier', () => {
    for (const { t, today } of cases) {
      const base = computeDeadline(t, today);
      const from = addDays(t.filedOn, Math.floor(r() * 200));
      const more = computeDeadline({ ...t, events: [...t.events, { kind: 'deduction', reason: '鉴定', from, to: addDays(from, 1 + Math.floor(r() * 60)) }] }, today);
      if (base.dueOn !== null) expect(more.dueOn! >= base.dueOn).toBe(true);
      expect(more.deductedDays).toBeGreaterThanOrEqual(base.deductedDays);
    }
  });
  it('an extension never shortens it', () => {
    for (const { t, today } of cases) {
      const base = computeDeadline(t, today);
      const on = addDays(t.filedOn, Math.floor(r() * 300));
      const more = computeDeadline({ ...t, events: [...t.events, { kind: 'extension', on, months: 1 + Math.floor(r() * 6) }] }, today);
      if (base.dueOn !== null && more.startOn === base.startOn && more.procedure === base.procedure) expect(more.dueOn! >= base.dueOn).toBe(true);
    }
  });
  it('closing never changes dueOn', () => {
    for (const { t, today } of cases.slice(0, 500)) {
      const s = computeDeadline(t, today);
      if (s.flags.includes('open-deduction')) continue;
      const c = computeDeadline({ ...t, closedOn: today }, today);
      expect(c.dueOn).toBe(s.dueOn);
      if (s.dueOn !== null) expect(c.level).toBe(today <= s.dueOn ? 'closed-in-time' : 'closed-late');
    }
  });
});
