import { describe, expect, it } from 'vitest';
import { parseCorpus, entryToDoc } from '../../utils/search/corpus';
import { buildIndex, search } from '../../utils/search/search';
import { buildSimilarCaseReport } from '../../utils/search/report';

const lines = [
  { 入库编号: 'G1', 标题: '指导案例：入户盗窃', 基本案情: '被告人进入他人住宅，窃取现金及手机，数额较大。', 裁判要旨: '进入他人住所实施盗窃的，属于入户盗窃。', 案例类型: '指导性案例', 裁判日期: '2013-01-31', 罪名: ['盗窃罪'], 关联索引: '《中华人民共和国刑法》第二百六十四条' },
  { 入库编号: 'S1', 标题: '最高法典型案例：入户盗窃手机', 基本案情: '被告人夜间进入他人住宅，窃取手机两部，数额较大。', 裁判理由: '构成盗窃罪。', 法院: '最高人民法院', 裁判日期: '2024-03-01', 罪名: ['盗窃罪'], 关联索引: '《刑法》第264条', 审委会讨论: true },
  { 入库编号: 'L1', 标题: '本院案例：入户盗窃现金', 基本案情: '被告人白天进入邻居住宅，窃取现金及手机，数额较大。', 法院: '杭州市西湖区人民法院', 裁判日期: '2019-05-01', 罪名: ['盗窃罪'], 关联索引: '《刑法》第264条', 案号: '（2019）浙0106刑初88号' },
  { 入库编号: 'X1', 标题: '交通肇事', 基本案情: '被告人驾驶货车违章超车，与对向车辆相撞，致一人死亡，负事故全部责任。', 法院: '杭州市西湖区人民法院', 裁判日期: '2025-01-01', 罪名: ['交通肇事罪'] },
].map((x) => JSON.stringify(x)).join('\n');

describe('类案检索报告', () => {
  const { entries, errors } = parseCorpus(lines, 'caselib');
  const index = buildIndex(entries.map(entryToDoc));
  const byId = new Map(entries.map((e) => [e.id, e]));
  const query = { text: '被告人进入被害人住宅，窃取手机一部及现金，数额较大', charges: ['盗窃罪'], statutes: ['刑法第二百六十四条'] };
  const result = search(index, query, { limit: 10, today: '2026-01-01' });
  const report = buildSimilarCaseReport({
    pending: { caseNo: '（2025）浙0106刑初1号', court: '杭州市西湖区人民法院', facts: query.text, issues: ['是否属于入户盗窃', '盗窃数额的认定'], charges: ['盗窃罪'], statutes: ['刑法 264'] },
    searcher: { name: '李法官', role: '承办法官' },
    searchedAt: '2026-01-01T09:30:00+08:00',
    today: '2026-01-01',
    platforms: ['人民法院案例库', '本地类案库'],
    queries: [
      { method: '关键词检索', query: query.text },
      { method: '法条关联检索', query: '刑法 264' },
    ],
    result,
    entries: byId,
    decisions: {},
  });

  it('parses the entries', () => expect(errors).toEqual([]));

  it('has every §10.3 field', () => {
    expect(report.kind).toBe('类案检索报告');
    expect(report.subject).toEqual({ name: '李法官', role: '承办法官' });
    expect(report.time).toBe('2026-01-01T09:30:00+08:00');
    expect(report.platforms).toEqual(['人民法院案例库', '本地类案库']);
    expect(report.methods.map((m) => m.method)).toEqual(['关键词检索', '法条关联检索']);
    expect(report.methods[0].query).toBe(query.text);
    expect(report.results.window).toMatchObject({ years: 3, from: '2023-01-01', to: '2026-01-01' });
    expect(report.results.perTier.map((t) => t.tier)).toEqual([1, 2, 3, 4]);
    expect(report.pendingIssues).toEqual(['是否属于入户盗窃', '盗窃数额的认定']);
    expect(report.conflicts.rule).toMatch(/第十一条/);
    for (const c of report.cases) {
      for (const k of ['caseNo', 'court', 'tier', 'tierLabel', 'date', 'inWindow', 'discussedByCommittee', 'keyPoints', 'similarity', 'conclusion', 'reasons'] as const) expect(c).toHaveProperty(k);
      expect(Object.keys(c.similarity)).toEqual(['basicFacts', 'disputedIssues', 'lawApplication']);
      expect(c.reasons.length).toBeGreaterThan(0);
    }
  });

  it('orders cases by tier and marks the window', () => {
    expect(report.cases.map((c) => c.tier)).toEqual([...report.cases.map((c) => c.tier)].sort());
    const g = report.cases.find((c) => c.id === 'G1')!;
    expect(g.inWindow).toBe(true);
    expect(report.cases.find((c) => c.id === 'L1')!.inWindow).toBe(false);
    expect(report.results.perTier[3]).toMatchObject({ tier: 4, outOfWindow: 1 });
  });

  it('concludes 参照 for 指导性案例, 参考 for similar others, 不适用 for dissimilar', () => {
    const c = new Map(report.cases.map((x) => [x.id, x]));
    expect(c.get('G1')!.conclusion).toBe('参照');
    expect(c.get('G1')!.keyPointsSource).toBe('裁判要旨');
    expect(c.get('S1')!.conclusion).toBe('参考');
    expect(c.get('S1')!.discussedByCommittee).toBe(true);
    expect(c.get('L1')!.caseNo).toBe('（2019）浙0106刑初88号');
    if (c.has('X1')) expect(c.get('X1')!.conclusion).toBe('不适用');
    expect(c.get('S1')!.similarity.lawApplication.level).toBe('高');
    expect(c.get('G1')!.similarity.disputedIssues.basis.join()).toMatch(/入户盗窃/);
    expect(report.results.higherTierFound).toBe(1);
    expect(report.summary.参照).toBe(1);
  });

  it('weighs conflicting 类案 by tier, date and 审委会 (art 11)', () => {
    expect(report.conflicts.detected).toBe(true);
    const group = report.conflicts.groups[0];
    expect(group.preferred).toBe('G1');
    expect(group.caseIds.indexOf('S1')).toBeLessThan(group.caseIds.indexOf('L1'));
  });

  it("takes the judge's decision over the suggestion", () => {
    const r2 = buildSimilarCaseReport({
      pending: { facts: query.text, issues: [] },
      searcher: { name: '王助理', role: '法官助理' },
      searchedAt: '2026-01-01T10:00:00+08:00',
      today: '2026-01-01',
      queries: [{ method: '关键词检索', query: query.text }],
      result: result.hits,
      entries: Object.fromEntries(byId),
      decisions: { S1: { conclusion: '不适用', reason: '数额认定标准已变化' } },
      supersededGuiding: { G1: '已被新的指导性案例取代' },
    });
    const c = new Map(r2.cases.map((x) => [x.id, x]));
    expect(r2.platforms).toEqual(['人民法院案例库']);
    expect(c.get('S1')!.conclusion).toBe('不适用');
    expect(c.get('S1')!.suggested).toBe(false);
    expect(c.get('G1')!.conclusion).toBe('不适用');
  });
});
