import { describe, expect, it } from 'vitest';
import { contentBigrams, stripBoilerplate, termFrequencies, tokenize } from '../../utils/search/tokenize';
import { InvertedIndex } from '../../utils/search/inverted-index';
import { readFileSync } from 'node:fs';

describe('tokenizer', () => {
  it('emits CJK unigrams and bigrams inside runs, never across punctuation or digits', () => {
    expect(tokenize('盗窃罪，抢劫')).toEqual(['盗', '盗窃', '窃', '窃罪', '罪', '抢', '抢劫', '劫']);
    expect(tokenize('价值5000元')).toEqual(['价', '价值', '值', '元']);
  });
  it('drops digits and punctuation, keeps Latin words lower-cased', () => {
    expect(tokenize('通过QQ群、KTV 2019年')).toEqual(['通', '通过', '过', '群', '年', 'qq', 'ktv']);
  });
  it('normalises full-width characters', () => {
    expect(tokenize('ＱＱ群')).toEqual(['群', 'qq']);
  });
  it('strips the summary boilerplate', () => {
    const t = '与该罪名相关的犯罪情节的起因、经过、结果分别为：\n起因：甲乙\n经过：丙丁\n结果：戊\n\n综上所述，该案件中包含了与“开设赌场罪”相关的犯罪情节。';
    expect(stripBoilerplate(t).replace(/\s/g, '')).toBe('甲乙丙丁戊');
    expect(tokenize('与"贩卖毒品罪"相关的犯罪情节的起因、经过、结果分别为：贩毒')).toEqual(['贩', '贩毒', '毒']);
  });
  it('counts term frequencies', () => {
    const tf = termFrequencies('被告人被告');
    expect(tf.get('被告')).toBe(2);
    expect(tf.get('被')).toBe(2);
    expect(tf.get('人')).toBe(1);
  });
  it('content bigrams ignore function words', () => {
    expect(contentBigrams('被告人').has('被告')).toBe(false);
    expect(contentBigrams('盗窃电动车').size).toBe(4);
  });
  it('the index hot path produces exactly termFrequencies()', () => {
    const lines = readFileSync('../shared/datasets/lecard/corpus.jsonl', 'utf8').split('\n').filter(Boolean).slice(0, 40);
    const idx = new InvertedIndex();
    for (const l of lines) {
      const d = JSON.parse(l);
      idx.add({ meta: { id: d.id, charges: [], statutes: [] }, text: d.text });
      const slot = idx.slotFor(d.id)!;
      const tf = termFrequencies(d.text);
      let len = 0;
      for (const [term, f] of tf) {
        expect(idx.tf(idx.termId(term)!, slot)).toBe(f);
        len += f;
      }
      expect(idx.lengthAt(slot)).toBe(len);
    }
  });
});
