import { describe, expect, it } from 'vitest';
import { evaluateCase, whatIf } from '../../utils/domain/evaluate';
import type { CaseSnapshot } from '../../utils/domain/case';

const snap: CaseSnapshot = {
  caseNo: '（2024）京0105民初1234号', procedure: 'ordinary', filedOn: '2024-01-10', status: 'pending',
  events: [{ kind: 'deduction', reason: '鉴定', from: '2024-03-01', to: '2024-04-15' }],
};

describe('evaluateCase', () => {
  it('derives category from the 案号 and computes everything', () => {
    const e = evaluateCase(snap, '2024-08-01');
    expect(e.category).toBe('civil');
    expect(e.caseNumber?.normalized).toBe('(2024)京0105民初1234号');
    expect(e.problems).toEqual([]);
    expect(e.deadline?.dueOn).toBe('2024-08-24'); // 2024-07-10 + 45
    expect(e.deadline?.daysLeft).toBe(23);
    expect(e.ruleId).toBe('C1');
    expect(e.explanation).toBe('民诉法 art 152；扣除 鉴定 45 天；法定节假日顺延至 2024-08-26'); // 08-24 is a Saturday
    expect(e.leadTimes).toMatchObject({ applyBy: '2024-08-09', decideBy: '2024-08-19', approverLabel: '本院院长' });
    expect(e.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['deadline-notice', 'extension-apply-by', 'long-pending-L1']));
    expect(JSON.parse(JSON.stringify(e))).toEqual(e); // serialisable
  });
  it('says 未读取到审理程序 instead of guessing', () => {
    const e = evaluateCase({ ...snap, procedure: undefined }, '2024-08-01');
    expect(e.deadline).toBeNull();
    expect(e.problems).toContain('未读取到审理程序');
    expect(e.explanation).toContain('无法计算');
    expect(evaluateCase({ caseNo: '（2024）京01民终5号', filedOn: '2024-01-10' }, '2024-02-01').problems).toContain('未读取到审理程序');
  });
  it('takes the procedure from codes that fix it; foreign civil has no 审限', () => {
    const k = evaluateCase({ caseNo: '（2024）京01刑终5号', filedOn: '2024-01-10', detained: true, detainedSince: '2023-05-01' }, '2024-02-01');
    expect([k.category, k.procedure, k.deadline?.dueOn]).toEqual(['criminal', 'second', '2024-03-10']);
    const f = evaluateCase({ ...snap, foreign: true }, '2024-08-01');
    expect([f.procedure, f.deadline?.dueOn, f.deadline?.level]).toEqual(['foreign', null, 'none']);
    expect(f.leadTimes).toBeNull();
  });
  it('reports bad data in Chinese and never a wrong date', () => {
    const e = evaluateCase({ ...snap, events: [{ kind: 'deduction', reason: '鉴定', from: '2024-05-01', to: '2024-04-01' }] }, '2024-08-01');
    expect(e.deadline).toBeNull();
    expect(e.problems).toContain('第 1 条扣除记录：结束日期早于开始日期');
    expect(evaluateCase({ ...snap, caseNo: 'abc' }, '2024-08-01').problems[0]).toBe('案号无法识别：abc');
    const unknown = evaluateCase({ caseNo: '（2024）京0105民奇1号', filedOn: '2024-01-10', procedure: 'ordinary' }, '2024-02-01');
    expect(unknown.deadline).toBeNull();
    expect(unknown.problems).toContain('案号类型代字未收录：民奇');
  });
  it('criminal detention and conversions read from the page', () => {
    const e = evaluateCase({
      caseNo: '（2024）渝0107刑初1669号', procedure: 'public-ordinary', filedOn: '2024-03-01', detained: true,
      events: [{ kind: 'conversion', on: '2024-03-10', from: 'simple', to: 'public-ordinary' }],
    }, '2024-03-20');
    expect(e.deadline?.startOn).toBe('2024-03-10');
    expect(e.deadline?.dueOn).toBe('2024-05-10');
    expect(e.warnings.map((w) => w.title)).toContain('羁押起始日未知');
  });
  it('whatIf adds hypothetical events without touching the snapshot', () => {
    const before = JSON.stringify(snap);
    const e = whatIf(snap, [{ kind: 'extension', on: '2024-08-05', months: 6 }], '2024-08-01');
    expect(e.deadline?.dueOn).toBe('2025-02-24');
    expect(e.explanation).toContain('延长 6 个月');
    expect(JSON.stringify(snap)).toBe(before);
    expect(evaluateCase(snap, '2024-08-01').deadline?.dueOn).toBe('2024-08-24');
  });
  it('accepts rule overrides', () => {
    const e = evaluateCase(snap, '2024-08-01', { rules: { thresholds: { levels: { notice: 10, warning: 5, urgent: 2 } } } });
    expect(e.deadline?.level).toBe('ok');
  });
});
