import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { canonicalLaw, parseChineseNumber, parseStatutes, statuteKey } from '../../utils/search/statutes';

const judgments = readFileSync('../shared/datasets/lecard/judgments.jsonl', 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { cpfxgc: string; pjjg: string; qw: string; crime: string[] });

describe('Chinese numerals', () => {
  it.each([
    ['一', 1], ['十', 10], ['十二', 12], ['二十', 20], ['一百零三', 103], ['三百四十七', 347], ['一千二百六十', 1260],
    ['两千零一', 2001], ['九千九百九十九', 9999], ['264', 264], ['２６４', 264],
  ])('%s → %d', (s, n) => expect(parseChineseNumber(s)).toBe(n));
});

describe('parseStatutes', () => {
  it('parses the canonical example', () => {
    expect(parseStatutes('依照《中华人民共和国刑法》第三百四十七条第一款、第六十七条第三款')).toEqual([
      { law: '刑法', article: 347, paragraph: 1 },
      { law: '刑法', article: 67, paragraph: 3 },
    ]);
  });
  it('handles 之一, items, paragraph lists and several laws (real citations)', () => {
    expect(parseStatutes('依照《中华人民共和国刑法》第一百三十三条之一第一款第（二）项、第六十七条第三款之规定')).toEqual([
      { law: '刑法', article: 133, suffix: 1, paragraph: 1, item: 2 },
      { law: '刑法', article: 67, paragraph: 3 },
    ]);
    expect(parseStatutes('依照《中华人民共和国刑事诉讼法》第二百二十五条（一）项、（三）项、《中华人民共和国刑法》第二百七十一条')).toEqual([
      { law: '刑事诉讼法', article: 225, item: 1 },
      { law: '刑事诉讼法', article: 225, item: 3 },
      { law: '刑法', article: 271 },
    ]);
    expect(parseStatutes('《中华人民共和国刑法》第二十六条第一、四款、第二百六十三条第一、四、七项').map((s) => [s.article, s.paragraph, s.item])).toEqual([
      [26, 1, undefined], [26, 4, undefined], [263, undefined, 1], [263, undefined, 4], [263, undefined, 7],
    ]);
    expect(parseStatutes('《中华人民共和国刑法》第二百六十四条［盗窃罪］、第二十六条［主犯］').map(statuteKey)).toEqual(['刑法 264', '刑法 26']);
  });
  it('understands abbreviations and bare law names', () => {
    expect(parseStatutes('《刑法》第二百六十四条').map(statuteKey)).toEqual(['刑法 264']);
    expect(parseStatutes('根据刑法第二百六十四条和刑诉法第十五条').map(statuteKey)).toEqual(['刑法 264', '刑事诉讼法 15']);
    expect(parseStatutes('《民法典》第一千一百六十五条').map(statuteKey)).toEqual(['民法典 1165']);
    expect(canonicalLaw('《最高人民法院、最高人民检察院关于办理盗窃刑事案件适用法律若干问题的解释》')).toBe(
      canonicalLaw('关于办理盗窃刑事案件适用法律若干问题的解释'),
    );
  });
  it('finds the statutes of (almost) every real judgment, all 刑法 articles in range', () => {
    let withCitation = 0;
    let parsed = 0;
    for (const j of judgments) {
      const text = `${j.cpfxgc}\n${j.pjjg}`;
      if (!/《中华人民共和国刑法》第/.test(text)) continue;
      withCitation++;
      const st = parseStatutes(text).filter((s) => s.law === '刑法');
      if (st.length) parsed++;
      for (const s of st) {
        expect(s.article).toBeGreaterThan(0);
        expect(s.article).toBeLessThanOrEqual(452);
      }
    }
    expect(withCitation).toBeGreaterThan(300);
    expect(parsed).toBe(withCitation);
  });
  it('extracts as many distinct articles as a 依照…之规定 clause names (≥ 95% of clauses)', () => {
    let segs = 0;
    let ok = 0;
    for (const j of judgments) {
      for (const seg of `${j.pjjg}${j.cpfxgc}`.match(/依照[^。；]*?之规定/g) ?? []) {
        segs++;
        // occurrences of 第X条 in the clause (a repeated article or an article number inside a cited
        // title makes this differ from the distinct count, hence the 95% bar)
        const raw = (seg.match(/第[零〇一二两三四五六七八九十百千0-9]+条(之[一二三四五六七八九十])?/g) ?? []).length;
        const parsed = new Set(parseStatutes(seg).map(statuteKey));
        if (raw === parsed.size) ok++;
      }
    }
    expect(segs).toBeGreaterThan(200);
    expect(ok / segs).toBeGreaterThan(0.95);
  });
});
