// 质效看板 builders: scope by role, filters, ledgers, drill-down, and the first-paint compute budget.
import { describe, expect, it } from 'vitest';
import type { CaseSnapshot } from '../../utils/domain/case';
import { buildCaseView } from '../../utils/views/build';
import {
  applyFilter, archiveLedger, deadlineLedger, filterOptions, groupCounts, hiddenLedger, inScope, ledgerTable, longPendingLedger,
  marksLedger, periodOf, resolveCaseNos, reviewLedger, scopesFor, dashRowOf, toIndicatorCase, type DashRow,
} from '../../utils/pages/dashboard-ledgers';
import { computeIndicators, daysLeftHistogram } from '../../utils/domain/indicators';
import { parseCurrentUser } from '../../utils/pages/dashboard-data';
import { DEFAULT_ARCHIVE_TABLE } from '../../utils/rules/archive';

const TODAY = '2025-06-30';
const row = (s: CaseSnapshot): DashRow => dashRowOf(s, buildCaseView(s, TODAY));

// 普通程序 6 months from filing: filed 2025-01-02 → due 2025-07-02 (urgent, 2 days left)
const urgent: CaseSnapshot = { caseNo: '（2025）渝0107民初1号', category: 'civil', procedure: 'ordinary', filedOn: '2025-01-02', status: 'pending', judge: '王建国', division: '民一庭', url: 'http://h/1' };
// filed 2024-11-01 → due 2025-05-01 → overdue
const overdue: CaseSnapshot = { caseNo: '（2024）渝0107民初2号', category: 'civil', procedure: 'ordinary', filedOn: '2024-11-01', status: 'pending', judge: '李秀英', division: '民一庭', url: 'http://h/2' };
// filed 2023-05-01, extended → long pending (>24 months)
const old: CaseSnapshot = { caseNo: '（2023）渝0107民初3号', category: 'civil', procedure: 'ordinary', filedOn: '2023-05-01', status: 'pending', judge: '张伟', division: '民二庭',
  events: [{ kind: 'extension', on: '2023-10-20', months: 6, approvedBy: '院长' }, { kind: 'deduction', reason: '鉴定', from: '2024-01-10' }] };
const closed: CaseSnapshot = { caseNo: '（2025）渝0107民初4号', category: 'civil', procedure: 'simple', filedOn: '2025-03-01', closedOn: '2025-04-10', closeMethod: '调解', status: 'closed', judge: '王建国', division: '民一庭', clerk: '许诺' };
const review: CaseSnapshot = { caseNo: '（2025）渝0107民初5号', category: 'civil', procedure: 'ordinary', filedOn: '2025-04-01', status: 'pending', judge: '王建国', division: '民一庭',
  review: { documentRef: 'w-5', documentTitle: '民事判决书（送审稿）', submittedOn: '2025-06-28', triggers: ['本庭裁判文书'] } };
const ROWS = [urgent, overdue, old, closed, review].map(row);

describe('质效看板 scope by role', () => {
  it('judge → 本人, 庭长 → 本人 + 本庭, 分管院领导 → 分管庭, 审管办 → 全院, unknown → 全院 with a note', () => {
    expect(scopesFor({ name: '王建国', role: '法官', division: '民一庭' }).scopes.map((s) => s.kind)).toEqual(['me']);
    expect(scopesFor({ name: '林国栋', role: '庭长', division: '民一庭' }).scopes.map((s) => s.kind)).toEqual(['me', 'division']);
    const lead = scopesFor({ name: '唐启明', role: '分管院领导', division: '民一庭、民二庭、行政庭' }).scopes;
    expect(lead).toHaveLength(1);
    expect(lead[0].divisions).toEqual(['民一庭', '民二庭', '行政庭']);
    expect(scopesFor({ name: '蒋文', role: '审管办', division: '审判管理办公室' }).scopes.map((s) => s.kind)).toEqual(['court']);
    const none = scopesFor(null);
    expect(none.scopes.map((s) => s.kind)).toEqual(['court']);
    expect(none.note).toMatch(/全院/);
  });
  it('selects rows by 承办人, 书记员 or 庭; a 分管 scope covers several 庭', () => {
    expect(inScope(ROWS, scopesFor({ name: '王建国', role: '法官' }).scopes[0]).map((r) => r.caseNo)).toEqual([urgent.caseNo, closed.caseNo, review.caseNo]);
    expect(inScope(ROWS, scopesFor({ name: '许诺', role: '书记员' }).scopes[0]).map((r) => r.caseNo)).toEqual([closed.caseNo]);
    expect(inScope(ROWS, scopesFor({ name: '唐启明', role: '分管院领导', division: '民二庭、行政庭' }).scopes[0]).map((r) => r.caseNo)).toEqual([old.caseNo]);
    expect(inScope(ROWS, { kind: 'me', label: '', person: '' })).toEqual([]);
  });
  it('parses the recorded host user and rejects junk', () => {
    expect(parseCurrentUser({ name: '蒋文', role: '审管办' })).toEqual({ name: '蒋文', role: '审管办', division: undefined });
    expect(parseCurrentUser({ user: { name: '许诺', role: '书记员' }, url: 'x' })?.name).toBe('许诺');
    expect(parseCurrentUser({ role: '法官' })).toBeNull();
    expect(parseCurrentUser('王建国')).toBeNull();
  });
});

describe('质效看板 filters and ledgers', () => {
  it('filters by division / judge / category / procedure; options come in name order, not by count', () => {
    expect(applyFilter(ROWS, { division: '民二庭' }).map((r) => r.caseNo)).toEqual([old.caseNo]);
    expect(applyFilter(ROWS, { judge: '王建国', procedure: '简易程序' }).map((r) => r.caseNo)).toEqual([closed.caseNo]);
    const o = filterOptions(ROWS);
    expect(o.divisions).toEqual(['民二庭', '民一庭'].sort(new Intl.Collator('zh-Hans-CN').compare));
    expect(o.judges).toContain('李秀英');
  });
  it('审限台账 groups overdue before urgent and says why (due date, days left, basis)', () => {
    const l = deadlineLedger(ROWS);
    expect(l.rows.map((r) => r.caseNo).slice(0, 2)).toEqual([overdue.caseNo, urgent.caseNo]);
    expect(groupCounts(l).find((g) => g.group === '已超审限')!.count).toBe(1);
    const t = ledgerTable(l);
    expect(t.headers).toContain('审限届满日');
    const u = t.rows.find((r) => r[1] === urgent.caseNo)!;
    expect(u[0]).toBe('临近届满');
    expect(u[8]).toBe('2025-07-02');
    expect(u[9]).toBe(2);
    expect(ledgerTable(l, '已超审限').rows).toHaveLength(1);
  });
  it('长期未结 lists only cases past a tier; 隐形超审限 lists H-coded warnings with reasons', () => {
    const lp = longPendingLedger(ROWS);
    expect(lp.rows.map((r) => r.caseNo)).toEqual([old.caseNo, overdue.caseNo]);
    expect(String(ledgerTable(lp).rows[0][7])).toMatch(/立案 \d+ 天/);
    const h = hiddenLedger(ROWS);
    expect(h.rows.length).toBeGreaterThan(0);
    for (const x of h.rows) { expect(x.code).toMatch(/^H\d/); expect(x.reason.length).toBeGreaterThan(0); }
    expect(h.rows.some((x) => x.row.caseNo === old.caseNo)).toBe(true);
  });
  it('阅核: a 待阅核 row without a sign-off is pending; signing that document moves it to 已阅核', () => {
    const pend = reviewLedger([], ROWS);
    expect(pend.rows.map((r) => [r.kind, r.caseNo])).toEqual([['pending', review.caseNo]]);
    const k = ROWS.find((r) => r.caseNo === review.caseNo)!.caseKey;
    const s = { caseKey: k, caseNo: review.caseNo, documentRef: 'w-5', reviewer: '林国栋', reviewerRole: '庭长', reviewedAt: '2025-06-29T10:00:00+08:00', decision: '同意', recommendedRoute: null, syncState: 'synced' };
    const after = reviewLedger([s], ROWS);
    expect(after.rows.map((r) => r.kind)).toEqual(['signed']);
    expect(ledgerTable(after).rows[0]).toContain('已写回');
  });
  it('四类 marks: only marks of cases in scope, newest first', () => {
    const k = (no: string) => ROWS.find((r) => r.caseNo === no)!.caseKey;
    const m = (no: string, at: string) => ({ caseKey: k(no), caseNo: no, category: 1 as const, subSituation: '重大', reason: '测试', by: '林国栋', role: '庭长', at, action: 'mark' });
    const l = marksLedger([m(urgent.caseNo, '2025-06-01T00:00:00+08:00'), m(old.caseNo, '2025-06-02T00:00:00+08:00'), m(review.caseNo, '2025-06-03T00:00:00+08:00')], applyFilter(ROWS, { division: '民一庭' }));
    expect(l.rows.map((x) => x.mark.caseNo)).toEqual([review.caseNo, urgent.caseNo]);
  });
  it('归档台账 uses the archive countdown: closed 2025-04-10, 81 days → overdue after 3 months', () => {
    const l = archiveLedger(ROWS, TODAY);
    expect(l.rows.map((x) => x.row.caseNo)).toEqual([closed.caseNo]);
    const t = ledgerTable(l).rows[0];
    expect(t[0]).toBe('临近归档期限');
    expect(t[7]).toBe(81);
    const strict = archiveLedger(ROWS, TODAY, { ...DEFAULT_ARCHIVE_TABLE, countdown: { ...DEFAULT_ARCHIVE_TABLE.countdown, overdueMonths: 2 } });
    expect(ledgerTable(strict).rows[0][0]).toBe('逾期未归档');
  });
  it('drill-down resolves 案号 of an indicator to the right cached cases', () => {
    const res = computeIndicators(ROWS.map(toIndicatorCase), periodOf('year', TODAY));
    const closeRatio = res.find((r) => r.id === 'close-file-ratio')!;
    const num = resolveCaseNos(closeRatio.numeratorCases, ROWS);
    expect(num.rows.map((r) => r.caseNo)).toEqual([closed.caseNo]);
    const den = resolveCaseNos(closeRatio.denominatorCases, ROWS);
    expect(den.rows.map((r) => r.caseNo).sort()).toEqual([urgent.caseNo, closed.caseNo, review.caseNo].sort());
    expect(resolveCaseNos(['（2000）不存在1号'], ROWS).missing).toEqual(['（2000）不存在1号']);
  });
  it('periods end today', () => {
    expect(periodOf('month', TODAY)).toMatchObject({ periodStart: '2025-06-01', periodEnd: TODAY });
    expect(periodOf('quarter', '2025-05-10').periodStart).toBe('2025-04-01');
    expect(periodOf('last-12', TODAY).periodStart).toBe('2024-07-01');
    expect(periodOf('week', '2025-03-03').periodStart).toBe('2025-02-25');
  });
});

// The time budget is measured in tests/bench/dashboard.ts and indicators.ts (never in a timed test); this checks that
// the whole pipeline runs on 20,000 cases and accounts for every one of them.
describe('质效看板 at 20,000 cases', () => {
  it('views, indicators, ledgers and the histogram run over all 20,000 cases', () => {
    const snaps: CaseSnapshot[] = [];
    for (let i = 0; i < 20000; i++) {
      const y = 2023 + (i % 3);
      const m = String(1 + (i % 12)).padStart(2, '0');
      const closedCase = i % 3 === 0;
      snaps.push({ caseNo: `（${y}）渝0107民初${i + 1}号`, category: 'civil', procedure: i % 2 ? 'ordinary' : 'simple', filedOn: `${y}-${m}-05`,
        ...(closedCase ? { closedOn: `${y}-${m}-25`, status: 'closed' as const, closeMethod: i % 2 ? '判决' : '调解' } : { status: 'pending' as const }),
        judge: `法官${i % 40}`, division: `民${i % 4}庭` });
    }
    const rows = snaps.map(row);
    const indicators = computeIndicators(rows.map(toIndicatorCase), periodOf('year', TODAY));
    deadlineLedger(rows); longPendingLedger(rows); hiddenLedger(rows); archiveLedger(rows, TODAY); reviewLedger([], rows);
    daysLeftHistogram(rows.map((r) => ({ caseNo: r.caseNo, deadline: r.view.deadline })));
    const options = filterOptions(rows);
    expect(rows).toHaveLength(20000);
    expect(indicators.length).toBeGreaterThan(0);
    expect(JSON.stringify(options)).toContain('法官39');
  }, 60_000);
});
