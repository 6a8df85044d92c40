import { describe, expect, it } from 'vitest';
import type { CaseSnapshot } from '../../utils/domain/case';
import {
  computeIndicators, computeIndicatorsBy, daysLeftHistogram, monthlyTrend, rangeStatus, scopeCases,
  type IndicatorCase, type IndicatorResult,
} from '../../utils/domain/indicators';
import { DEFAULT_INDICATOR_DEFS, IndicatorDefSchema, resolveIndicatorDefs } from '../../utils/rules/indicators';

const PERIOD = { periodStart: '2025-01-01', periodEnd: '2025-06-30', today: '2025-07-15' };

function byId(results: IndicatorResult[], id: string): IndicatorResult {
  const r = results.find((x) => x.id === id);
  if (!r) throw new Error(`no ${id}`);
  return r;
}

type Extra = Partial<CaseSnapshot> & { level?: string; dueOn?: string | null; noDeadline?: boolean; recovered?: number };
function mk(caseNo: string, filedOn: string | undefined, closedOn: string | undefined, closeMethod: string | undefined, x: Extra = {}): IndicatorCase {
  const { level, dueOn, noDeadline, recovered, ...snap } = x;
  const snapshot: CaseSnapshot = {
    caseNo, ...(filedOn ? { filedOn } : {}), ...(closedOn ? { closedOn, status: 'closed' as const } : { status: 'pending' as const }),
    ...(closeMethod ? { closeMethod } : {}), category: 'civil', ...snap,
  };
  const c: IndicatorCase = { snapshot };
  if (!noDeadline) c.deadline = { dueOn: dueOn === undefined ? '2099-01-01' : dueOn, level: level ?? (closedOn ? 'closed-in-time' : 'ok') };
  if (recovered !== undefined) c.recoveredAmount = recovered;
  return c;
}

const no = (n: number) => `（2025）渝0107民初${n}号`;

/**
 * Main fixture: civil 一审, period 2025-01-01 … 2025-06-30, today 2025-07-15 (stock date 2025-06-30).
 *
 *  #   立案        结案        方式   审限结果
 *  1   2024-03-01  2025-02-10  判决   in time            旧存, closed in period, 346 days
 *  2   2024-05-01  —                                     旧存, pending, > 12 months (limit 2025-05-01)
 *  3   2024-12-01  2025-03-01  调解   in time            旧存, closed, 90 days
 *  4   2025-01-10  2025-03-10  撤诉   in time            新收, closed, 59 days
 *  5   2025-02-01  2025-05-01  判决   LATE               新收, closed, 89 days
 *  6   2025-03-01  —                                     新收, pending
 *  7   2025-04-01  2025-06-30  调解   (none given)       新收, closed, 90 days
 *  8   2023-01-01  2024-12-31  判决                      closed before the period: nowhere
 *  9   2025-05-01  —                                     新收, pending
 * 10   2024-06-30  —                                     旧存, pending, exactly 12 months (limit 2025-06-30, not ">")
 * 11   2025-06-15  2025-07-05  判决                      新收, closed after the period: pending at the stock date
 * 12   2024-06-29  —                                     旧存, pending, > 12 months (limit 2025-06-29)
 * 13   2025-01-20  2025-04-20  判决   no 审限 (涉外)      新收, closed, 90 days
 * 14   2025-02-02  status closed, no 结案日              新收; otherwise left out with a note
 */
const MAIN: IndicatorCase[] = [
  mk(no(1), '2024-03-01', '2025-02-10', '判决'),
  mk(no(2), '2024-05-01', undefined, undefined),
  mk(no(3), '2024-12-01', '2025-03-01', '调解'),
  mk(no(4), '2025-01-10', '2025-03-10', '撤诉'),
  mk(no(5), '2025-02-01', '2025-05-01', '判决', { level: 'closed-late' }),
  mk(no(6), '2025-03-01', undefined, undefined),
  mk(no(7), '2025-04-01', '2025-06-30', '调解', { noDeadline: true }),
  mk(no(8), '2023-01-01', '2024-12-31', '判决'),
  mk(no(9), '2025-05-01', undefined, undefined),
  mk(no(10), '2024-06-30', undefined, undefined),
  mk(no(11), '2025-06-15', '2025-07-05', '判决'),
  mk(no(12), '2024-06-29', undefined, undefined),
  mk(no(13), '2025-01-20', '2025-04-20', '判决', { foreign: true, dueOn: null, level: 'none' }),
  { snapshot: { caseNo: no(14), filedOn: '2025-02-02', status: 'closed', category: 'civil' } },
];

describe('computeIndicators: main fixture (hand-computed)', () => {
  const r = computeIndicators(MAIN, PERIOD);

  it('结收比: 6 closed (#1 3 4 5 7 13) ÷ 8 filed (#4 5 6 7 9 11 13 14) = 75.00% → below [90, 110]', () => {
    const x = byId(r, 'close-file-ratio');
    expect([x.numerator, x.denominator, x.value, x.status]).toEqual([6, 8, 75, 'below']);
    expect(x.numeratorCases).toEqual([1, 3, 4, 5, 7, 13].map(no));
    expect(x.denominatorCases).toEqual([4, 5, 6, 7, 9, 11, 13, 14].map(no));
    expect(x.notes.join()).toContain('1 件已结案但缺结案日期');
  });

  it('结案率: 6 closed ÷ (5 旧存 #1 2 3 10 12 + 7 新收 #4 5 6 7 9 11 13) = 50.00% → below 65', () => {
    const x = byId(r, 'clearance-rate');
    expect([x.numerator, x.denominator, x.value, x.status]).toEqual([6, 12, 50, 'below']);
    expect(x.denominatorCases).toEqual([1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13].map(no));
  });

  it('法定审限内结案率: in time #1 3 4 = 3 ÷ 4 (#7 no result, #13 no 审限) = 75.00%, labelled 按本系统口径', () => {
    const x = byId(r, 'closed-in-time-rate');
    expect([x.numerator, x.denominator, x.value, x.status]).toEqual([3, 4, 75, 'below']);
    expect(x.label).toBe('按本系统口径');
    expect(x.denominatorCases).toEqual([1, 3, 4, 5].map(no));
    expect(x.notes.join('；')).toMatch(/1 件结案案件未提供审限计算结果.*1 件结案案件无法定审限/);
  });

  it('超12个月未结案件比: pending at 2025-06-30 #2 6 9 10 11 12 = 6; > 12 months #2 12 = 2 → 33.33% → above 5', () => {
    const x = byId(r, 'long-pending-ratio');
    expect([x.numerator, x.denominator, x.value, x.status]).toEqual([2, 6, 33.33, 'above']);
    expect(x.numeratorCases).toEqual([no(2), no(12)]);
    expect(x.asOf).toBe('2025-06-30');
  });

  it('平均结案时间: (346 + 90 + 59 + 89 + 90 + 90) ÷ 6 = 764 ÷ 6 = 127.33 天 → above 90', () => {
    const x = byId(r, 'average-duration');
    expect([x.numerator, x.denominator, x.value, x.status, x.unit]).toEqual([764, 6, 127.33, 'above', '天']);
  });

  it('调解率: 调解 #3 7 = 2 ÷ 6 = 33.33% (in [20, 60]); 调撤率: #3 4 7 = 3 ÷ 6 = 50.00% (in [30, 80])', () => {
    const m = byId(r, 'mediation-rate');
    expect([m.numerator, m.denominator, m.value, m.status]).toEqual([2, 6, 33.33, 'in-range']);
    const mw = byId(r, 'mediation-withdrawal-rate');
    expect([mw.numerator, mw.denominator, mw.value, mw.status]).toEqual([3, 6, 50, 'in-range']);
    expect(mw.numeratorCases).toEqual([3, 4, 7].map(no));
  });

  it('insufficient data: no 二审 / 再审 / signals → 上诉率 and 服判息诉率; no enforcement; no 二审 closures', () => {
    for (const id of ['appeal-rate', 'first-instance-acceptance']) {
      const x = byId(r, id);
      expect(x.value).toBeNull();
      expect(x.status).toBe('insufficient-data');
      expect(x.reason).toContain('数据不足');
      expect(x.denominator).toBe(6); // the 一审 closures #1 3 4 5 7 13 are still listed for the drill-down
    }
    for (const id of ['enforcement-completion-rate', 'first-enforcement-termination-rate', 'enforcement-recovery-rate', 'second-instance-revise-remand-ratio']) {
      const x = byId(r, id);
      expect(x.value).toBeNull();
      expect(x.status).toBe('insufficient-data');
      expect(x.reason).toBeTruthy();
    }
  });

  it('returns one result per enabled definition, in definition order', () => {
    expect(r.map((x) => x.id)).toEqual(DEFAULT_INDICATOR_DEFS.map((d) => d.id));
    const reversed = [...DEFAULT_INDICATOR_DEFS].reverse();
    expect(computeIndicators(MAIN, PERIOD, reversed).map((x) => x.id)).toEqual(reversed.map((d) => d.id));
    const oneOff = DEFAULT_INDICATOR_DEFS.map((d) => (d.id === 'mediation-rate' ? { ...d, enabled: false } : d));
    expect(computeIndicators(MAIN, PERIOD, oneOff).some((x) => x.id === 'mediation-rate')).toBe(false);
  });

  it('refuses an inverted period', () => {
    expect(() => computeIndicators(MAIN, { ...PERIOD, periodStart: '2025-07-01' })).toThrow(RangeError);
  });
});

/**
 * Appeal fixture: 一审 closures B1–B5 in the period, plus 二审 cases of the 中院.
 *   B1 买卖合同纠纷 甲公司/乙, 判决 2025-02-10 — linked to S1 (same 案由, both parties, filed after)
 *   B2 借款合同纠纷 丙/丁, signal "已上诉"
 *   B3 劳动争议 戊/己, 调解 — not appealed
 *   B4 离婚纠纷 庚/辛, 2025-05-10, signal "当事人申请再审" — not an appeal, but not 服判息诉 either;
 *      S2 has the same parties and 案由 but was filed 2025-01-05, before B4 closed: no link
 *   B5 买卖合同纠纷 甲公司/壬 — shares only 甲公司 with S1 (2 names needed): no link
 * 上诉率 = B1 B2 = 2 ÷ 5 = 40.00% (above 15); 服判息诉率 = B3 B5 = 2 ÷ 5 = 40.00% (below 85)
 */
describe('computeIndicators: 上诉率 and 一审服判息诉率', () => {
  const P = (a: string, b: string) => [{ name: a, role: '原告' }, { name: b, role: '被告' }];
  const cases: IndicatorCase[] = [
    mk(no(101), '2024-10-01', '2025-02-10', '判决', { cause: '买卖合同纠纷', parties: P('甲公司', '乙') }),
    mk(no(102), '2024-11-01', '2025-03-10', '判决', { cause: '借款合同纠纷', parties: P('丙', '丁'), signals: ['已上诉'] }),
    mk(no(103), '2024-12-01', '2025-04-10', '调解', { cause: '劳动争议', parties: P('戊', '己') }),
    mk(no(104), '2025-01-01', '2025-05-10', '判决', { cause: '离婚纠纷', parties: P('庚', '辛'), signals: ['当事人申请再审'] }),
    mk(no(105), '2025-02-01', '2025-06-10', '判决', { cause: '买卖合同纠纷', parties: P('甲公司', '壬') }),
    mk('（2025）渝01民终100号', '2025-03-01', undefined, undefined, { cause: '买卖合同纠纷', parties: [{ name: '乙', role: '上诉人' }, { name: '甲 公司', role: '被上诉人' }] }),
    mk('（2025）渝01民终90号', '2025-01-05', undefined, undefined, { cause: '离婚纠纷', parties: P('庚', '辛') }),
  ];
  const r = computeIndicators(cases, PERIOD);

  it('上诉率 = 2 ÷ 5 = 40.00%', () => {
    const x = byId(r, 'appeal-rate');
    expect([x.numerator, x.denominator, x.value, x.status]).toEqual([2, 5, 40, 'above']);
    expect(x.numeratorCases).toEqual([no(101), no(102)]);
  });

  it('一审服判息诉率 = 2 ÷ 5 = 40.00%', () => {
    const x = byId(r, 'first-instance-acceptance');
    expect([x.numerator, x.denominator, x.value, x.status]).toEqual([2, 5, 40, 'below']);
    expect(x.numeratorCases).toEqual([no(103), no(105)]);
    expect(x.notes.join()).toContain('推断');
  });

  it('signals alone are enough data; without link inference only signals count', () => {
    const onlySignals = cases.slice(0, 5);
    const x = byId(computeIndicators(onlySignals, PERIOD), 'appeal-rate');
    expect([x.numerator, x.denominator, x.value]).toEqual([1, 5, 20]); // B2 only
  });
});

/**
 * 二审 fixture (the court as 中院), period 2025-01-01 … 2025-06-30:
 *   R1 改判; R2 部分改判; R3 撤销原判，发回重审; R4 维持原判 (neither); R5 发回重审 closed 2024-12-01 (outside);
 *   R6 no 结案方式 (note). 改判 2 ÷ 发回 1 = 2.00 (ratio; range low 1 → in range)
 */
describe('computeIndicators: 二审改判-发回重审比', () => {
  const z = (n: number) => `（2025）渝01民终${n}号`;
  const cases = [
    mk(z(1), '2024-12-01', '2025-02-01', '改判'),
    mk(z(2), '2024-12-02', '2025-03-01', '部分改判'),
    mk(z(3), '2024-12-03', '2025-04-01', '撤销原判，发回重审'),
    mk(z(4), '2024-12-04', '2025-05-01', '维持原判'),
    mk(z(5), '2024-10-05', '2024-12-01', '发回重审'),
    mk(z(6), '2024-12-06', '2025-06-01', undefined),
  ];

  it('改判 2 ÷ 发回重审 1 = 2.00', () => {
    const x = byId(computeIndicators(cases, PERIOD), 'second-instance-revise-remand-ratio');
    expect([x.numerator, x.denominator, x.value, x.unit, x.status]).toEqual([2, 1, 2, 'ratio', 'in-range']);
    expect(x.numeratorCases).toEqual([z(1), z(2)]);
    expect(x.denominatorCases).toEqual([z(3)]);
    expect(x.notes.join()).toContain('1 件二审结案缺结案方式');
  });

  it('recognises 二审 by legacy / 最高法 案号 and, without a readable 案号, by procedure', () => {
    const more = [
      ...cases,
      mk('（2015）渝一中法民终字第00123号', '2014-12-01', '2025-02-02', '发回重审'),
      mk('(2025)最高法民终5号', '2025-01-01', '2025-02-03', '改判'),
      mk('内部编号-7', '2025-01-01', '2025-02-04', '改判', { procedure: 'second-judgment' }),
    ];
    const x = byId(computeIndicators(more, PERIOD), 'second-instance-revise-remand-ratio');
    // 改判 R1 R2 + 最高法 + 内部编号 = 4; 发回 R3 + legacy = 2 → 2.00
    expect([x.numerator, x.denominator, x.value]).toEqual([4, 2, 2]);
  });

  it('no 发回重审 → null with the reason (改判 counted)', () => {
    const x = byId(computeIndicators(cases.slice(0, 2), PERIOD), 'second-instance-revise-remand-ratio');
    expect(x.value).toBeNull();
    expect(x.status).toBe('insufficient-data');
    expect(x.reason).toContain('发回重审数为 0');
    expect(x.numerator).toBe(2);
  });
});

/**
 * Enforcement fixture:
 *   E1 执1 执行完毕          100,000 / 100,000
 *   E2 执2 终结本次执行程序  200,000 /  20,000
 *   E3 执3 终本               50,000 /       0
 *   E4 执4 终结执行 (not 终本) 50,000 /  30,000
 *   E5 执恢1 执行完毕         100,000 / 100,000   (not 首执; counted for 到位率)
 *   E6 执异1 裁定                                  (neither)
 *   E7 执5 pending
 * 执行完毕率 = E1 = 1 ÷ 4 = 25.00% (below 30); 首执终本率 = E2 E3 = 2 ÷ 4 = 50.00% (≤ 60, in range);
 * 执行到位率 = 250,000 ÷ 500,000 = 50.00% (≥ 40, in range)
 */
describe('computeIndicators: 执行', () => {
  const e = (code: string, n: number) => `（2025）渝0107${code}${n}号`;
  const E = (caseNo: string, closedOn: string | undefined, m: string | undefined, amount?: number, recovered?: number, withCategory = true) =>
    mk(caseNo, '2024-11-01', closedOn, m, { category: withCategory ? 'enforcement' : undefined, ...(amount !== undefined ? { amount } : {}), ...(recovered !== undefined ? { recovered } : {}) });
  const cases = [
    E(e('执', 1), '2025-02-01', '执行完毕', 100_000, 100_000),
    E(e('执', 2), '2025-03-01', '终结本次执行程序', 200_000, 20_000, false), // category from the 案号
    E(e('执', 3), '2025-04-01', '终本', 50_000, 0),
    E(e('执', 4), '2025-05-01', '终结执行', 50_000, 30_000),
    E(e('执恢', 1), '2025-05-15', '执行完毕', 100_000, 100_000),
    E(e('执异', 1), '2025-06-01', '裁定'),
    E(e('执', 5), undefined, undefined, 10_000),
  ];
  const r = computeIndicators(cases, PERIOD);

  it('执行完毕率 = 1 ÷ 4 = 25.00%', () => {
    const x = byId(r, 'enforcement-completion-rate');
    expect([x.numerator, x.denominator, x.value, x.status]).toEqual([1, 4, 25, 'below']);
  });
  it('首执案件终本率 = 2 ÷ 4 = 50.00%', () => {
    const x = byId(r, 'first-enforcement-termination-rate');
    expect([x.numerator, x.denominator, x.value, x.status]).toEqual([2, 4, 50, 'in-range']);
    expect(x.numeratorCases).toEqual([e('执', 2), e('执', 3)]);
  });
  it('执行到位率 = 250,000 ÷ 500,000 = 50.00%', () => {
    const x = byId(r, 'enforcement-recovery-rate');
    expect([x.numerator, x.denominator, x.value, x.status]).toEqual([250_000, 500_000, 50, 'in-range']);
  });
  it('执行到位率 without 执行到位金额 → insufficient data', () => {
    const bare = cases.map((c) => ({ snapshot: c.snapshot }));
    const x = byId(computeIndicators(bare, PERIOD), 'enforcement-recovery-rate');
    expect(x.status).toBe('insufficient-data');
    expect(x.reason).toContain('执行到位金额');
  });
  it('enforcement cases are not 一审 cases (no 上诉 denominator) and count in 结收比', () => {
    expect(byId(r, 'appeal-rate').denominator).toBe(0);
    expect(byId(r, 'close-file-ratio').numerator).toBe(6);
  });
});

describe('scope filtering', () => {
  const cases = [
    mk(no(201), '2025-01-02', '2025-02-01', '判决', { judge: '张三', division: '民一庭' }),
    mk(no(202), '2025-01-03', undefined, undefined, { judge: '李四', division: '民一庭' }),
    mk(no(203), '2025-01-04', '2025-03-01', '调解', { judge: '张三', division: '民二庭' }),
    mk(no(204), '2025-01-05', undefined, undefined, { judge: ' 张三 ', division: '民二庭' }),
    mk(no(205), '2025-01-06', undefined, undefined, {}),
  ];
  const nos = (xs: IndicatorCase[]) => xs.map((c) => c.snapshot.caseNo);

  it('me / division / court, in input order', () => {
    expect(nos(scopeCases(cases, { kind: 'me', judge: '张三' }))).toEqual([no(201), no(203), no(204)]);
    expect(nos(scopeCases(cases, { kind: 'division', division: '民一庭' }))).toEqual([no(201), no(202)]);
    expect(nos(scopeCases(cases, { kind: 'court' }))).toEqual(nos(cases));
  });

  it('a missing name selects nothing, never everything', () => {
    expect(scopeCases(cases, { kind: 'me' })).toEqual([]);
    expect(scopeCases(cases, { kind: 'division', division: ' ' })).toEqual([]);
  });

  it('indicators on a scope: 张三 结收比 = 2 closed ÷ 3 filed = 66.67%', () => {
    const x = byId(computeIndicators(scopeCases(cases, { kind: 'me', judge: '张三' }), PERIOD), 'close-file-ratio');
    expect([x.numerator, x.denominator, x.value]).toEqual([2, 3, 66.67]);
  });
});

describe('no ranking (domain.md §12.4)', () => {
  // 结案率 per judge: 张三 2/2 = 100% (刑庭), 李四 1/2 = 50% (民二庭), 王五 0/2 = 0% (民一庭). Value order would
  // be 张三, 李四, 王五 (descending) or 王五, 李四, 张三 (ascending); name (pinyin) order is 李四, 王五, 张三, so
  // the values come out as 50, 0, 100. Divisions in pinyin order: 民二庭 (50), 民一庭 (0), 刑庭 (100).
  const cases = [
    mk(no(301), '2025-01-02', '2025-02-01', '判决', { judge: '张三', division: '刑庭' }),
    mk(no(302), '2025-01-03', '2025-02-01', '判决', { judge: '张三', division: '刑庭' }),
    mk(no(303), '2025-01-04', undefined, undefined, { judge: '王五', division: '民一庭' }),
    mk(no(304), '2025-01-05', undefined, undefined, { judge: '王五', division: '民一庭' }),
    mk(no(305), '2025-01-06', '2025-02-01', '判决', { judge: '李四', division: '民二庭' }),
    mk(no(306), '2025-01-07', undefined, undefined, { judge: '李四', division: '民二庭' }),
    mk(no(307), '2025-01-08', undefined, undefined, {}),
  ];
  const isSorted = (v: number[]) => v.every((x, i) => i === 0 || v[i - 1] <= x) || v.every((x, i) => i === 0 || v[i - 1] >= x);

  it('per-judge groups come back in name order, not value order', () => {
    const g = computeIndicatorsBy(cases, 'judge', PERIOD);
    expect(g.map((x) => x.key)).toEqual(['李四', '王五', '张三', '（未填写）']);
    const values = g.slice(0, 3).map((x) => byId(x.results, 'clearance-rate').value);
    expect(values).toEqual([50, 0, 100]);
    expect(isSorted(values as number[])).toBe(false);
    // and the same order whatever the input order
    expect(computeIndicatorsBy([...cases].reverse(), 'judge', PERIOD).map((x) => x.key)).toEqual(['李四', '王五', '张三', '（未填写）']);
  });

  it('per-division groups come back in name order', () => {
    const g = computeIndicatorsBy(cases, 'division', PERIOD);
    expect(g.map((x) => x.key)).toEqual(['民二庭', '民一庭', '刑庭', '（未填写）']);
    const vals = g.slice(0, 3).map((x) => byId(x.results, 'clearance-rate').value!);
    expect(vals).toEqual([50, 0, 100]);
    expect(isSorted(vals)).toBe(false);
  });

  it('the module exports no ranking helper', async () => {
    const mod = await import('../../utils/domain/indicators');
    expect(Object.keys(mod).filter((k) => /rank|sort|top|league|排名/i.test(k))).toEqual([]);
  });
});

describe('reference ranges', () => {
  const range = { low: 20, high: 60, source: 't', tag: 'G' as const };
  it('inclusive bounds, missing bounds, no range, null', () => {
    expect(rangeStatus(20, range)).toBe('in-range');
    expect(rangeStatus(60, range)).toBe('in-range');
    expect(rangeStatus(19.99, range)).toBe('below');
    expect(rangeStatus(60.01, range)).toBe('above');
    expect(rangeStatus(1000, { low: 20, source: 't', tag: 'G' })).toBe('in-range');
    expect(rangeStatus(5, { high: 4, source: 't', tag: 'G' })).toBe('above');
    expect(rangeStatus(5, null)).toBe('no-range');
    expect(rangeStatus(5, { source: 't', tag: 'G' })).toBe('no-range');
    expect(rangeStatus(null, range)).toBe('insufficient-data');
  });

  it('an 审管办 override replaces a range; the status follows (调解率 33.33% vs [40, 50] → below)', () => {
    const defs = resolveIndicatorDefs({ indicators: [{ id: 'mediation-rate', referenceRange: { low: 40, high: 50, source: '本院审管办 2025 年通知', tag: 'S' } }] });
    const x = byId(computeIndicators(MAIN, PERIOD, defs), 'mediation-rate');
    expect(x.status).toBe('below');
    expect(x.referenceRange?.source).toBe('本院审管办 2025 年通知');
    const none = resolveIndicatorDefs({ indicators: [{ id: 'mediation-rate', referenceRange: null }] });
    expect(byId(computeIndicators(MAIN, PERIOD, none), 'mediation-rate').status).toBe('no-range');
  });

  it('overrides are validated: low > high and unknown incomplete rows are refused', () => {
    expect(() => resolveIndicatorDefs({ indicators: [{ id: 'mediation-rate', referenceRange: { low: 9, high: 1, source: 'x', tag: 'G' } }] })).toThrow();
    expect(() => resolveIndicatorDefs({ indicators: [{ id: 'new-thing', name: '新指标' }] })).toThrow();
  });

  it('a params override merges into the default params (超6个月: #2 10 12 of 6 pending = 50.00%)', () => {
    // pending at 2025-06-30: #2 (2024-05-01), #6 (2025-03-01), #9 (2025-05-01), #10 (2024-06-30), #11 (2025-06-15), #12 (2024-06-29)
    // > 6 months (limit ≤ 2025-06-29): #2, #10 (limit 2024-12-30), #12 → 3 ÷ 6 = 50%; #6 limit 2025-09-01: no
    const defs = resolveIndicatorDefs({ indicators: [{ id: 'long-pending-ratio', params: { months: 6 } }] });
    const d = defs.find((x) => x.id === 'long-pending-ratio')!;
    expect(d.params.categories).toEqual(['civil', 'criminal', 'administrative']);
    const x = byId(computeIndicators(MAIN, PERIOD, defs), 'long-pending-ratio');
    expect([x.numerator, x.denominator, x.value]).toEqual([3, 6, 50]);
  });

  it('every default definition is valid data with Chinese formula text, a tag and a [G] default range', () => {
    for (const d of DEFAULT_INDICATOR_DEFS) {
      expect(() => IndicatorDefSchema.parse(d)).not.toThrow();
      expect(d.formula).toMatch(/[\u4e00-\u9fff]/);
      expect(['S', 'P', 'G']).toContain(d.tag);
      expect(d.referenceRange?.tag).toBe('G');
    }
    expect(DEFAULT_INDICATOR_DEFS.map((d) => d.name)).toEqual([
      '结收比', '结案率', '法定审限内结案率', '超12个月未结案件比', '平均结案时间', '一审服判息诉率', '上诉率',
      '调解率', '调撤率', '执行完毕率', '首执案件终本率', '执行到位率', '二审改判-发回重审比',
    ]);
  });
});

describe('monthlyTrend', () => {
  // 结收比 by month, today 2025-05-20:
  //   2025-03: closed #3 (03-01) #4 (03-10) = 2; filed #6 (03-01) = 1 → 200.00%
  //   2025-04: closed #13 (04-20) = 1; filed #7 (04-01) = 1 → 100.00%
  //   2025-05 (to 05-20): closed #5 (05-01) = 1; filed #9 (05-01) = 1 → 100.00%
  it('oldest month first, current month up to today', () => {
    const t = monthlyTrend(MAIN, 'close-file-ratio', 3, '2025-05-20');
    expect(t.map((p) => [p.month, p.periodStart, p.periodEnd, p.numerator, p.denominator, p.value])).toEqual([
      ['2025-03', '2025-03-01', '2025-03-31', 2, 1, 200],
      ['2025-04', '2025-04-01', '2025-04-30', 1, 1, 100],
      ['2025-05', '2025-05-01', '2025-05-20', 1, 1, 100],
    ]);
    expect(t[0].status).toBe('above');
  });
  it('crosses a year boundary and refuses an unknown id', () => {
    expect(monthlyTrend(MAIN, 'close-file-ratio', 3, '2025-01-10').map((p) => p.month)).toEqual(['2024-11', '2024-12', '2025-01']);
    expect(() => monthlyTrend(MAIN, 'nope', 3, '2025-01-10')).toThrow(RangeError);
  });
});

describe('daysLeftHistogram', () => {
  it('buckets by days left in bucket order; closed skipped; no countdown counted apart', () => {
    const ev = [-3, 0, 5, 6, 15, 16, 30, 31, 60, 61, 200].map((d, i) => ({ caseNo: `C${i}`, deadline: { daysLeft: d, level: 'ok' } }));
    ev.push({ caseNo: 'N', deadline: { daysLeft: null as unknown as number, level: 'none' } });
    ev.push({ caseNo: 'X', deadline: { daysLeft: -100, level: 'closed-late' } });
    const h = daysLeftHistogram(ev);
    expect(h.buckets.map((b) => [b.label, b.count])).toEqual([
      ['已超审限', 1], ['0–5 天', 2], ['6–15 天', 2], ['16–30 天', 2], ['31–60 天', 2], ['61 天以上', 2],
    ]);
    expect(h.buckets[0].cases).toEqual(['C0']);
    expect(h.noCountdown).toBe(1);
    expect(h.noCountdownCases).toEqual(['N']);
  });
  it('custom edges', () => {
    const h = daysLeftHistogram([{ snapshot: { caseNo: 'A' }, deadline: { daysLeft: 3 } }, { deadline: { daysLeft: 10 } }], [0, 10]);
    expect(h.buckets.map((b) => [b.label, b.count])).toEqual([['已超审限', 0], ['0–9 天', 1], ['10 天以上', 1]]);
  });
});

describe('works with evaluateCase output', () => {
  it('the deadline of evaluateCase feeds 法定审限内结案率 and the histogram', async () => {
    const { evaluateCase } = await import('../../utils/domain/evaluate');
    const snaps: CaseSnapshot[] = [
      // 简易程序 3 months: filed 2025-01-02, due 2025-04-02 (or a later working day); closed 2025-03-01 → in time
      { caseNo: '（2025）渝0107民初901号', category: 'civil', procedure: 'simple', filedOn: '2025-01-02', closedOn: '2025-03-01', status: 'closed', closeMethod: '判决' },
      // 简易程序 filed 2025-01-03, closed 2025-06-20 with no extension → late
      { caseNo: '（2025）渝0107民初902号', category: 'civil', procedure: 'simple', filedOn: '2025-01-03', closedOn: '2025-06-20', status: 'closed', closeMethod: '判决' },
      { caseNo: '（2025）渝0107民初903号', category: 'civil', procedure: 'ordinary', filedOn: '2025-06-01', status: 'pending' },
    ];
    const today = '2025-07-15';
    const items = snaps.map((snapshot) => ({ snapshot, deadline: evaluateCase(snapshot, today).deadline }));
    const x = byId(computeIndicators(items, PERIOD), 'closed-in-time-rate');
    expect([x.numerator, x.denominator, x.value]).toEqual([1, 2, 50]);
    const h = daysLeftHistogram(items);
    expect(h.buckets.reduce((n, b) => n + b.count, 0) + h.noCountdown).toBe(1);
  });
});
