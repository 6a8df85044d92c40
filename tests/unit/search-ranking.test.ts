import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { buildIndex, groupByTier, search, SearchIndex, type CorpusDoc, type Hit } from '../../utils/search/search';
import { inWindow, windowStart } from '../../utils/search/tiers';

const corpus: CorpusDoc[] = readFileSync('../shared/datasets/lecard/corpus.jsonl', 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l));
const queries = readFileSync('../shared/datasets/lecard/queries-dev.jsonl', 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { id: string; text: string; charges: string[] });

const ok = (r: ReturnType<typeof search>): Hit[] => {
  if (r.status !== 'ok') throw new Error('expected hits');
  return r.hits;
};

let index: SearchIndex;
beforeAll(() => {
  index = buildIndex(corpus);
});

function pairwiseAgreement(a: string[], b: string[]): number {
  const pos = new Map(b.map((id, i) => [id, i]));
  let agree = 0;
  let total = 0;
  for (let i = 0; i < a.length; i++)
    for (let j = i + 1; j < a.length; j++) {
      if (!pos.has(a[i]) || !pos.has(a[j])) continue;
      total++;
      if (pos.get(a[i])! < pos.get(a[j])!) agree++;
    }
  return total ? agree / total : 1;
}

describe('ranking', () => {
  it('ranks a document first when queried with its own text', () => {
    for (const d of corpus.filter((_, i) => i % 131 === 0)) {
      const hits = ok(search(index, { text: d.text }, { limit: 3 }));
      expect(hits[0].id).toBe(d.id);
    }
  });

  it('adding an unrelated document barely changes the order of the others', () => {
    const q = queries[0];
    const before = ok(search(index, { text: q.text, charges: q.charges }, { limit: 50 })).map((h) => h.id);
    const idx = buildIndex(corpus);
    idx.add({ id: 'unrelated', title: '买卖合同纠纷案', text: '原告某贸易公司与被告某建材公司签订买卖合同，约定供应钢材，被告逾期付款，原告诉请支付货款及违约金。', cause: '买卖合同纠纷' });
    const after = ok(search(idx, { text: q.text, charges: q.charges }, { limit: 51 })).map((h) => h.id).filter((id) => id !== 'unrelated');
    expect(pairwiseAgreement(before, after)).toBeGreaterThan(0.97);
    expect(after.slice(0, 10)).toEqual(before.slice(0, 10));
  });

  it('add then remove restores the exact scores; update replaces', () => {
    const q = queries[1];
    const idx = buildIndex(corpus.slice(0, 500));
    const before = ok(search(idx, q, { limit: 20 }));
    idx.add({ ...corpus[600], id: 'tmp' });
    idx.remove('tmp');
    const after = ok(search(idx, q, { limit: 20 }));
    expect(after.map((h) => [h.id, h.score])).toEqual(before.map((h) => [h.id, h.score]));
    idx.update({ ...corpus[0], text: corpus[600].text });
    expect(idx.size).toBe(500);
    expect(ok(search(idx, { text: corpus[600].text }, { limit: 1 }))[0].id).toBe(corpus[0].id);
  });

  it('serialises compactly and deserialises to the same ranking', () => {
    const bytes = index.serialize();
    const copy = SearchIndex.deserialize(bytes);
    expect(copy.size).toBe(index.size);
    for (const q of queries.slice(0, 5)) {
      const a = ok(search(index, q, { limit: 30 })).map((h) => [h.id, h.score.toFixed(9)]);
      const b = ok(search(copy, q, { limit: 30 })).map((h) => [h.id, h.score.toFixed(9)]);
      expect(b).toEqual(a);
    }
    expect(bytes.length).toBeLessThan(4_000_000);
  });

  it('combines charges softly: charge matches are boosted but not forced to the top', () => {
    let mixed = 0;
    let matchedInTop10 = 0;
    let top10 = 0;
    for (const q of queries.filter((x) => x.charges.length)) {
      const hits = ok(search(index, q, { limit: 100 }));
      const firstMiss = hits.findIndex((h) => h.reasons.charges.length === 0);
      const lastMatch = hits.map((h) => h.reasons.charges.length > 0).lastIndexOf(true);
      if (firstMiss >= 0 && firstMiss < lastMatch) mixed++;
      for (const h of hits.slice(0, 10)) if (h.reasons.charges.length) matchedInTop10++;
      top10 += 10;
    }
    expect(mixed).toBeGreaterThan(0);
    expect(matchedInTop10 / top10).toBeGreaterThan(0.6);
  });

  it('explains every hit: shared charges, strongest shared terms, tier and window', () => {
    const q = queries.find((x) => x.charges.includes('盗窃罪'))!;
    const hits = ok(search(index, q, { limit: 5, today: '2026-01-01' }));
    for (const h of hits) {
      expect(h.reasons.terms.length).toBeGreaterThan(0);
      for (const t of h.reasons.terms) expect(t.length).toBeGreaterThanOrEqual(2);
      expect(h.reasons.tier).toBe(4);
      expect(h.reasons.inWindow).toBeNull(); // corpus has no dates
    }
    expect(hits.some((h) => h.reasons.charges.includes('盗窃罪'))).toBe(true);
  });

  it('uses charges named in the query text when none are given', () => {
    const r = search(index, { text: '被告人多次入户窃取他人财物，数额较大，其行为已构成盗窃罪。' }, { limit: 5 });
    expect(r.query.charges).toEqual(['盗窃罪']);
    expect(r.query.chargesFromText).toBe(true);
  });

  it('matches statutes and reports the shared ones', () => {
    const idx = buildIndex([
      { id: 'a', text: '被告人驾驶机动车醉酒后在道路上行驶，血液酒精含量超标。', statutes: ['《中华人民共和国刑法》第一百三十三条之一第一款第（二）项'] },
      { id: 'b', text: '被告人驾驶机动车醉酒后在道路上行驶，血液酒精含量超标。' },
    ]);
    const hits = ok(search(idx, { text: '被告人醉酒驾驶机动车在道路上行驶，被交警查获', statutes: ['刑法第一百三十三条之一'] }, { limit: 2 }));
    expect(hits[0].id).toBe('a');
    expect(hits[0].reasons.statutes).toEqual(['刑法 133之1']);
  });

  it('breaks ties by id in ascending string order', () => {
    const idx = buildIndex([
      { id: '10', text: '甲乙丙丁戊己庚辛' },
      { id: '9', text: '甲乙丙丁戊己庚辛' },
      { id: '100', text: '甲乙丙丁戊己庚辛' },
    ]);
    expect(ok(search(idx, { text: '甲乙丙丁戊己庚辛壬癸' }, { limit: Infinity })).map((h) => h.id)).toEqual(['10', '100', '9']);
    expect(ok(search(idx, { text: '甲乙丙丁戊己庚辛壬癸' }, { limit: 2 })).map((h) => h.id)).toEqual(['10', '100']);
  });
});

describe('needsMoreFacts', () => {
  it.each(['', '盗窃', '被告人', '偷了东西'])('"%s" asks for more facts', (text) => {
    const r = search(index, { text });
    expect(r.status).toBe('needsMoreFacts');
    expect(r.hits).toEqual([]);
  });
  it('a short query with explicit charges is searched', () => {
    expect(search(index, { text: '盗窃', charges: ['盗窃罪'] }).status).toBe('ok');
  });
  it('a sentence of facts is enough', () => {
    expect(search(index, { text: '被告人趁被害人熟睡之际窃取其手机一部' }).status).toBe('ok');
  });
});

describe('tiers and the 3-year window', () => {
  const docs: CorpusDoc[] = [
    { id: 'g', text: '被告人盗窃电动自行车多辆，价值较大。', tier: '指导性案例', date: '2012-01-01' },
    { id: 's-new', text: '被告人盗窃电动自行车两辆，价值较大。', court: '最高人民法院', date: '2024-05-01' },
    { id: 's-old', text: '被告人盗窃电动自行车三辆，价值较大。', court: '最高人民法院', date: '2019-05-01' },
    { id: 'p', text: '被告人盗窃电动自行车一辆，价值较大。', court: '浙江省高级人民法院', date: '2023-01-10' },
    { id: 'l', text: '被告人盗窃电动自行车四辆，价值较大。', court: '杭州市西湖区人民法院', date: '2025-03-01' },
    { id: 'x', text: '被告人盗窃电动自行车五辆，价值较大。' },
  ];
  const idx = buildIndex(docs);
  const hits = ok(search(idx, { text: '被告人盗窃他人电动自行车，价值较大', charges: ['盗窃罪'] }, { limit: 10, today: '2026-01-01' }));
  const byId = new Map(hits.map((h) => [h.id, h]));

  it('assigns tiers from explicit values and court names', () => {
    expect(byId.get('g')!.reasons.tier).toBe(1);
    expect(byId.get('s-new')!.reasons.tier).toBe(2);
    expect(byId.get('p')!.reasons.tier).toBe(3);
    expect(byId.get('l')!.reasons.tier).toBe(4);
    expect(byId.get('x')!.reasons.tier).toBe(4);
  });
  it('marks the window: 指导性案例 always in, others by date, unknown dates null', () => {
    expect(byId.get('g')!.reasons.inWindow).toBe(true);
    expect(byId.get('s-new')!.reasons.inWindow).toBe(true);
    expect(byId.get('s-old')!.reasons.inWindow).toBe(false);
    expect(byId.get('p')!.reasons.inWindow).toBe(true);
    expect(byId.get('x')!.reasons.inWindow).toBeNull();
    expect(windowStart('2026-01-01')).toBe('2023-01-01');
    expect(windowStart('2024-02-29')).toBe('2021-02-28');
    expect(inWindow(2, '2022-12-31', '2026-01-01')).toBe(false);
    expect(inWindow(2, '2023-01-01', '2026-01-01')).toBe(true);
  });
  it('groups hits ① → ④, in-window first inside a tier', () => {
    const groups = groupByTier(hits);
    expect(groups.map((g) => g.tier)).toEqual([1, 2, 3, 4]);
    expect(groups[0].hits.map((h) => h.id)).toEqual(['g']);
    expect(groups[1].hits.map((h) => h.id)).toEqual(['s-new', 's-old']);
    expect(groups[1].outOfWindow.map((h) => h.id)).toEqual(['s-old']);
    expect(groups[3].hits.map((h) => h.id)).toEqual(['l', 'x']);
  });
});
