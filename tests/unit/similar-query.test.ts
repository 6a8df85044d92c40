import { describe, expect, it } from 'vitest';
import { detectCitations, CITATION_RULES } from '../../utils/search/citations';
import { buildSimilarQuery, chargesOfCause, needsMoreFacts } from '../../utils/search/similar-query';

describe('类案 query building', () => {
  it('civil: 案由, roles (never names), amount; statutes from document titles', () => {
    const q = buildSimilarQuery({
      cause: '民间借贷纠纷',
      category: 'civil',
      amount: 125_000,
      parties: [{ name: '张三', role: '原告' }, { name: '李四', role: '被告' }, { name: '王五', role: '被告' }],
      documents: [{ title: '关于适用《中华人民共和国民法典》第六百七十五条的代理意见' }],
    });
    expect(q.cause).toBe('民间借贷纠纷');
    expect(q.charges).toEqual([]);
    expect(q.text).toContain('原告、被告2人之间因民间借贷发生纠纷');
    expect(q.text).toContain('标的额12.5万元');
    expect(q.text).not.toMatch(/张三|李四|王五/);
    expect(q.statutes).toEqual(['民法典 675']);
  });

  it('criminal: charges from the cause, custody noted', () => {
    const q = buildSimilarQuery({ cause: '盗窃罪、诈骗罪', category: 'criminal', detained: true, parties: [{ name: '赵六', role: '被告人' }] });
    expect(q.cause).toBeUndefined();
    expect(q.charges).toEqual(['盗窃罪', '诈骗罪']);
    expect(q.text).toBe('被告人涉嫌盗窃罪、诈骗罪，被告人在押。');
    expect(chargesOfCause('走私、贩卖、运输、制造毒品罪')).toEqual(['走私、贩卖、运输、制造毒品罪']);
  });

  it('an empty or one-word query needs more facts; a sentence of facts does not', () => {
    expect(needsMoreFacts('')).toMatch(/当前检索内容为空/);
    expect(needsMoreFacts('   ')).toMatch(/为空/);
    expect(needsMoreFacts('盗窃')).toMatch(/只有“盗窃”一个词/);
    expect(needsMoreFacts('民间借贷纠纷。')).toMatch(/一个词/);
    expect(needsMoreFacts('被告人翻墙入户窃取被害人家中现金及金首饰')).toBeNull();
    expect(needsMoreFacts('原告 被告 借款')).toBeNull(); // several words: the ranking core decides
  });
});

describe('citation detection (regex set as data)', () => {
  it('finds 指导性案例 with their number, 入库案例 and 入库编号, once each', () => {
    const found = detectCitations([
      '被告代理词（援引最高人民法院指导案例 24 号）',
      '原告补充意见：请参照指导性案例第一百零三号',
      '公诉意见书：参见入库编号2024-18-1-222-001的入库案例',
      '辩护词.pdf',
    ]);
    expect(found.map((c) => [c.kind, c.match])).toEqual([
      ['指导性案例', '指导案例24号'],
      ['指导性案例', '指导性案例第一百零三号'],
      ['入库案例', '入库编号2024-18-1-222-001'],
      ['入库案例', '入库案例'],
    ]);
    expect(found[0].message).toMatch(/须在裁判文书说理中回应/);
    expect(found[0].basis).toBe('法发〔2020〕24号第十条');
    expect(found[2].message).toMatch(/予以回应/);
  });

  it('a bare 入库编号 and 参考案例 count; ordinary text and 案号 do not', () => {
    expect(detectCitations(['代理意见附 2023-07-2-105-004 号案例'])[0]?.match).toBe('2023-07-2-105-004');
    expect(detectCitations(['引用人民法院案例库参考案例'])[0]?.match).toBe('人民法院案例库参考案例');
    expect(detectCitations(['民事判决书', '（2024）渝0107民初1234号', '送达回证（张三）', '2024-05-20'])).toEqual([]);
  });

  it('rules are data: every rule compiles and has a basis', () => {
    for (const r of CITATION_RULES) {
      expect(() => new RegExp(r.pattern, 'gu')).not.toThrow();
      expect(r.basis.length).toBeGreaterThan(4);
    }
    expect(detectCitations(['案例 X'], [{ id: 'x', kind: '入库案例', pattern: '案例 X', basis: '测试依据' }])).toHaveLength(1);
  });
});
