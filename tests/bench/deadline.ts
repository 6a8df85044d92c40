// npx tsx tests/bench/deadline.ts — computeDeadline and evaluateCase throughput (one JSON line per figure).
import { computeDeadline, type CaseTimeline, type TimelineEvent } from '../../utils/domain/deadline';
import { evaluateCase } from '../../utils/domain/evaluate';
import { fromDayNumber, toDayNumber } from '../../utils/domain/dates';
import type { CaseSnapshot } from '../../utils/domain/case';

let seed = 42;
const rnd = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x7fffffff; };
const int = (a: number, b: number) => a + Math.floor(rnd() * (b - a + 1));
const PROCS: Array<[CaseTimeline['category'], CaseTimeline['procedure'], string]> = [
  ['civil', 'ordinary', '民初'], ['civil', 'simple', '民初'], ['civil', 'second-judgment', '民终'], ['criminal', 'public-ordinary', '刑初'],
  ['criminal', 'second', '刑终'], ['administrative', 'ordinary', '行初'], ['enforcement', 'ordinary', '执'],
];
function make(): { t: CaseTimeline; s: CaseSnapshot; today: string } {
  const [category, procedure, code] = PROCS[int(0, PROCS.length - 1)];
  const filed = toDayNumber('2023-01-01') + int(0, 700);
  const events: TimelineEvent[] = [];
  for (let i = int(0, 3); i > 0; i--) { const f = filed + int(0, 150); events.push({ kind: 'deduction', reason: '鉴定', from: fromDayNumber(f), ...(rnd() < 0.8 ? { to: fromDayNumber(f + int(1, 60)) } : {}) }); }
  if (rnd() < 0.4) events.push({ kind: 'extension', on: fromDayNumber(filed + int(30, 170)), months: 3 });
  const t: CaseTimeline = { category, procedure, filedOn: fromDayNumber(filed), events, ...(category === 'criminal' ? { detained: true } : {}) };
  const s: CaseSnapshot = { caseNo: `（2024）京0105${code}${int(1, 9999)}号`, procedure, filedOn: t.filedOn, events: events as CaseSnapshot['events'], status: 'pending' };
  return { t, s, today: fromDayNumber(filed + int(0, 400)) };
}
const data = Array.from({ length: 5000 }, make);

function bench(name: string, fn: (i: number) => void, ms = 1500): number {
  for (let i = 0; i < 20000; i++) fn(i); // warm-up
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms) { for (let k = 0; k < 1000; k++) fn(n++); }
  return Math.round(n / ((performance.now() - t0) / 1000));
}
const cd = bench('computeDeadline', (i) => { const d = data[i % data.length]; computeDeadline(d.t, d.today); });
console.log(JSON.stringify({ name: 'computeDeadline throughput', value: cd, unit: 'timelines/s', budget: 100000, better: 'higher' }));
const ev = bench('evaluateCase', (i) => { const d = data[i % data.length]; evaluateCase(d.s, d.today); });
console.log(JSON.stringify({ name: 'evaluateCase throughput', value: ev, unit: 'cases/s', budget: 10000, better: 'higher' }));
