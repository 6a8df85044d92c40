// Indicator benchmark: every default 审判质效 indicator over 20,000 generated cases (first call: cold code and
// first sight of the snapshots, including 案号 parsing; new snapshots: compiled code, nothing cached per case;
// again: the same snapshots), a 12-month trend and the per-庭 split.
// Prints one JSON line per figure. Run: npx tsx tests/bench/indicators.ts
import type { CaseSnapshot } from '../../utils/domain/case';
import { fromDayNumber, toDayNumber } from '../../utils/domain/dates';
import { computeIndicators, computeIndicatorsBy, monthlyTrend, type IndicatorCase } from '../../utils/domain/indicators';
import { mulberry32 } from '../host/seed';

const N = 20_000;
const BUDGET_MS = 300;
const TODAY = '2025-07-15';
const PERIOD = { periodStart: '2025-01-01', periodEnd: '2025-06-30', today: TODAY };

const rng = mulberry32; // the demo seed's PRNG (tests/host/seed.ts)

export function generateIndicatorCases(n: number, seed = 42): IndicatorCase[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const judges = ['张三', '李四', '王五', '赵六', '钱七', '孙八', '周九', '吴十'];
  const divisions = ['民一庭', '民二庭', '刑庭', '行政庭', '执行局'];
  const causes = ['买卖合同纠纷', '民间借贷纠纷', '劳动争议', '离婚纠纷', '机动车交通事故责任纠纷', '物业服务合同纠纷'];
  const names = ['甲公司', '乙公司', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸', '子公司', '丑'];
  const civilMethods = ['判决', '调解', '撤诉', '按撤诉处理', '驳回起诉', '裁定'];
  const secondMethods = ['维持原判', '改判', '部分改判', '撤销原判，发回重审', '调解', '撤回上诉'];
  const enfMethods = ['执行完毕', '终结本次执行程序', '终结执行', '不予执行', '和解长期履行'];
  const base = toDayNumber('2023-01-01');
  const span = toDayNumber(TODAY) - base;
  const out: IndicatorCase[] = [];
  for (let i = 0; i < n; i++) {
    const kind = r();
    const filed = base + Math.floor(r() * span);
    const dur = 10 + Math.floor(r() * 400);
    const closedDn = filed + dur <= span + base && r() < 0.8 ? filed + dur : null;
    const year = fromDayNumber(filed).slice(0, 4);
    let caseNo: string, category: CaseSnapshot['category'], procedure: CaseSnapshot['procedure'], closeMethod: string | undefined;
    if (kind < 0.55) {
      caseNo = `（${year}）渝0107民初${i + 1}号`; category = 'civil'; procedure = pick(['ordinary', 'simple', 'small-claims'] as const); closeMethod = pick(civilMethods);
    } else if (kind < 0.65) {
      caseNo = `（${year}）渝01民终${i + 1}号`; category = 'civil'; procedure = 'second-judgment'; closeMethod = pick(secondMethods);
    } else if (kind < 0.75) {
      caseNo = `（${year}）渝0107刑初${i + 1}号`; category = 'criminal'; procedure = 'public-ordinary'; closeMethod = pick(['判决', '裁定']);
    } else if (kind < 0.8) {
      caseNo = `（${year}）渝0107行初${i + 1}号`; category = 'administrative'; procedure = 'ordinary'; closeMethod = pick(['判决', '撤诉', '裁定']);
    } else {
      caseNo = `（${year}）渝0107${r() < 0.85 ? '执' : '执恢'}${i + 1}号`; category = 'enforcement'; procedure = 'ordinary'; closeMethod = pick(enfMethods);
    }
    const a = pick(names);
    let b = pick(names);
    if (b === a) b = names[(names.indexOf(a) + 1) % names.length];
    const amount = Math.floor(r() * 1_000_000);
    const snapshot: CaseSnapshot = {
      caseNo, category, procedure, filedOn: fromDayNumber(filed), cause: pick(causes),
      judge: pick(judges), division: pick(divisions), amount,
      parties: [{ name: a, role: '原告' }, { name: b, role: '被告' }],
      status: closedDn === null ? 'pending' : 'closed',
      ...(closedDn === null ? {} : { closedOn: fromDayNumber(closedDn), closeMethod }),
      ...(r() < 0.03 ? { signals: ['已上诉'] } : {}),
    };
    const dueDn = filed + 180;
    const c: IndicatorCase = {
      snapshot,
      deadline: {
        dueOn: fromDayNumber(dueDn),
        level: closedDn === null ? 'ok' : closedDn <= dueDn ? 'closed-in-time' : 'closed-late',
        daysLeft: closedDn === null ? dueDn - toDayNumber(TODAY) : null,
      },
    };
    if (category === 'enforcement' && closedDn !== null) c.recoveredAmount = Math.floor(amount * r());
    out.push(c);
  }
  return out;
}

function time<T>(f: () => T): [number, T] {
  const t0 = performance.now();
  const v = f();
  return [performance.now() - t0, v];
}

const cases = generateIndicatorCases(N);
const [cold, results] = time(() => computeIndicators(cases, PERIOD));
if (results.length !== 13 || results.some((x) => x.denominatorCases.length === 0)) throw new Error('bench fixture does not exercise every indicator');
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const warm: number[] = [];
for (let k = 0; k < 5; k++) warm.push(time(() => computeIndicators(cases, PERIOD))[0]);
// New snapshot objects each run (nothing cached per case), with the code already compiled: what a dashboard
// refresh after new data costs.
const fresh: number[] = [];
for (let k = 0; k < 5; k++) {
  const copy = cases.map((c) => ({ ...c, snapshot: { ...c.snapshot } }));
  fresh.push(time(() => computeIndicators(copy, PERIOD))[0]);
}
const [trend] = time(() => monthlyTrend(cases, 'closed-in-time-rate', 12, TODAY));
const [byDivision] = time(() => computeIndicatorsBy(cases, 'division', PERIOD));

const line = (name: string, value: number, budget?: number) =>
  console.log(JSON.stringify({ name, value: Math.round(value * 10) / 10, unit: 'ms', ...(budget ? { budget } : {}), better: 'lower' }));
line(`all indicators, ${N} cases (first call)`, cold, BUDGET_MS);
line(`all indicators, ${N} new snapshots (median of 5)`, median(fresh), BUDGET_MS);
line(`all indicators, ${N} cases again (median of 5)`, median(warm), BUDGET_MS);
line(`monthlyTrend 12 months, ${N} cases`, trend, BUDGET_MS);
line(`all indicators per 庭, ${N} cases`, byDivision, BUDGET_MS);
