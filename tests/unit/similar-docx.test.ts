import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { buildDocx, documentXml, xmlText } from '../../utils/export/docx';
import { reportBlocks, reportDocx, reportFileName, reportHtml } from '../../utils/export/similar-report';
import { SimilarReportSchema, type SimilarReport } from '../../utils/search/similar-messages';

const dim = (level: '高' | '中' | '低', basis: string[]) => ({ level, score: 0.5, basis });
const report: SimilarReport = SimilarReportSchema.parse({
  kind: '类案检索报告',
  pendingCase: { caseNo: '(2025)渝0107民初1234号', court: null, title: '民间借贷纠纷' },
  subject: { name: '王建国', role: '承办法官' },
  time: '2025-06-01T10:00:00.000Z',
  platforms: ['人民法院案例库'],
  methods: [{ method: '关键词检索', query: '民间借贷纠纷 借条 利息 <b>&' }],
  results: {
    total: 1,
    window: { years: 3, from: '2022-06-01', to: '2025-06-01', note: '除指导性案例外，优先检索近3年' },
    perTier: [1, 2, 3, 4].map((tier) => ({ tier, label: `层级${tier}`, count: tier === 3 ? 1 : 0, inWindow: tier === 3 ? 1 : 0, outOfWindow: 0, unknownDate: 0 })),
    higherTierFound: 3,
    note: '已在第③层级检索到类案',
  },
  cases: [{
    id: 'e1', caseNo: '(2023)渝民终88号', court: '重庆市高级人民法院', tier: 3, tierLabel: '③ 本省高院', date: '2023-05-01', inWindow: true,
    discussedByCommittee: true, title: '张三诉李四民间借贷纠纷案', keyPoints: '出借人仅提供转账凭证的，借款人应对其抗辩举证。', keyPointsSource: '裁判要旨',
    similarity: { basicFacts: dim('高', ['共同关键词：借条']), disputedIssues: dim('中', ['涉及争议焦点：借贷关系是否成立']), lawApplication: dim('高', ['相同法条：民法典 675']) },
    conclusion: '参考', reasons: ['承办法官意见：事实相近'], suggested: false,
  }],
  pendingIssues: ['借贷关系是否成立'],
  conflicts: { detected: false, groups: [], rule: '类案之间存在冲突的，综合考虑法院层级……', note: '无冲突' },
  summary: { 参照: 0, 参考: 1, 不适用: 0 },
  mandatoryReasons: ['四类案件（疑难复杂）'],
});

describe('docx package', () => {
  it('has the parts Word and WPS need, and the report text in document.xml', () => {
    const files = unzipSync(reportDocx(report));
    expect(Object.keys(files).sort()).toEqual(
      ['[Content_Types].xml', '_rels/.rels', 'docProps/core.xml', 'word/_rels/document.xml.rels', 'word/document.xml', 'word/styles.xml'].sort(),
    );
    const types = strFromU8(files['[Content_Types].xml']);
    expect(types).toContain('PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"');
    expect(types).toContain('PartName="/word/styles.xml"');
    expect(strFromU8(files['_rels/.rels'])).toContain('Target="word/document.xml"');
    expect(strFromU8(files['word/_rels/document.xml.rels'])).toContain('Target="styles.xml"');
    const styles = strFromU8(files['word/styles.xml']);
    expect(styles).toMatch(/w:eastAsia="宋体"/);
    const doc = strFromU8(files['word/document.xml']);
    for (const s of ['类案检索报告', '(2025)渝0107民初1234号', '王建国（承办法官）', '人民法院案例库', '(2023)渝民终88号', '重庆市高级人民法院',
      '出借人仅提供转账凭证的', '借贷关系是否成立', '参考', '是否经审委会讨论', '冲突处理', '承办法官说明：无冲突', '2022-06-01 至 2025-06-01']) {
      expect(doc).toContain(s);
    }
    // host strings are escaped, never markup
    expect(doc).toContain('&lt;b&gt;&amp;');
    expect(doc).not.toContain('<b>&');
  });

  it('every part is well-formed XML', () => {
    const files = unzipSync(reportDocx(report));
    for (const [name, bytes] of Object.entries(files)) {
      const xml = strFromU8(bytes);
      const parsed = new DOMParser().parseFromString(xml, 'application/xml');
      expect(parsed.getElementsByTagName('parsererror').length, name).toBe(0);
      expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'), name).toBe(true);
    }
  });

  it('drops characters XML forbids and keeps line breaks', () => {
    expect(xmlText('a\u0001b<c>')).toBe('ab&lt;c&gt;');
    const xml = documentXml([{ kind: 'paragraph', text: '第一行\n第二行' }]);
    expect(xml).toContain('<w:br/>');
    const bytes = buildDocx([{ kind: 'table', header: true, rows: [['甲', '乙'], ['1']] }], { title: 't', created: '2025-01-01T00:00:00Z' });
    const doc = strFromU8(unzipSync(bytes)['word/document.xml']);
    expect(doc.match(/<w:tc>/g)).toHaveLength(4); // short rows are padded: every row has every column
    expect(doc).toContain('<w:tblHeader/>');
  });

  it('the printable HTML carries the same fields, escaped', () => {
    const html = reportHtml(report);
    expect(html).toContain('<h1>类案检索报告</h1>');
    expect(html).toContain('(2023)渝民终88号');
    expect(html).toContain('&lt;b&gt;&amp;');
    expect(html).toContain('window.print()');
    expect(reportFileName(report, 'docx')).toBe('类案检索报告-(2025)渝0107民初1234号.docx');
    const headings = reportBlocks(report).filter((b) => b.kind === 'heading').map((b) => (b as { text: string }).text);
    expect(headings).toEqual(['一、检索方法', '二、检索结果', '三、待决案件争议焦点', '四、类案及相似性比对', '五、结论', '六、冲突处理']);
  });
});
