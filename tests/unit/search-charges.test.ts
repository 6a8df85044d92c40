import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { chargeGroup, extractCharges, isOfficialCharge, normalizeCharge, normalizeCharges } from '../../utils/search/charges';

describe('normalizeCharge', () => {
  it.each([
    ['贩卖毒品罪', '走私、贩卖、运输、制造毒品罪'],
    ['贩卖、运输毒品罪', '走私、贩卖、运输、制造毒品罪'],
    ['掩饰、隐瞒犯罪所得罪', '掩饰、隐瞒犯罪所得、犯罪所得收益罪'],
    ['妨碍公务罪', '妨害公务罪'],
    ['非法持有枪支罪', '非法持有、私藏枪支、弹药罪'],
    ['组织、领导黑社会性质组织罪', '组织、领导、参加黑社会性质组织罪'],
    ['拒不执行判决罪', '拒不执行判决、裁定罪'],
    ['偷税罪', '逃税罪'],
    ['窝藏罪', '窝藏、包庇罪'],
    ['盗窃罪', '盗窃罪'],
    ['盗窃', '盗窃罪'],
    ['故意杀人罪（未遂）', '故意杀人罪'],
    ['不构成盗窃罪', '盗窃罪'],
  ])('%s → %s', (raw, official) => expect(normalizeCharge(raw)).toBe(official));

  it('keeps unknown names (cleaned) instead of guessing wildly', () => {
    expect(normalizeCharge('流氓罪')).toBe('流氓罪');
  });
  it('passes civil 案由 through', () => {
    expect(normalizeCharge('民间借贷纠纷')).toBe('民间借贷纠纷');
  });
  it('normalises almost every charge of the LeCaRD corpus to an official name', () => {
    const names = new Set<string>();
    for (const l of readFileSync('../shared/datasets/lecard/corpus.jsonl', 'utf8').split('\n').filter(Boolean)) {
      for (const c of JSON.parse(l).charges as string[]) names.add(c);
    }
    const unknown = [...names].filter((n) => !isOfficialCharge(normalizeCharge(n)));
    expect(names.size).toBeGreaterThan(200);
    // historical or non-existent names only (流氓罪, 嫖宿幼女罪, …)
    expect(unknown.length).toBeLessThanOrEqual(4);
  });
  it('query charges of the dev split are official already', () => {
    for (const l of readFileSync('../shared/datasets/lecard/queries-dev.jsonl', 'utf8').split('\n').filter(Boolean)) {
      for (const c of JSON.parse(l).charges as string[]) expect(normalizeCharge(c)).toBe(c);
    }
  });
  it('de-duplicates lists after normalisation', () => {
    expect(normalizeCharges(['贩卖毒品罪', '运输毒品罪', '盗窃罪'])).toEqual(['走私、贩卖、运输、制造毒品罪', '盗窃罪']);
  });
  it('groups charges by chapter', () => {
    expect(chargeGroup('盗窃罪')).toBe('侵犯财产');
    expect(chargeGroup('容留他人吸毒罪')).toBe(chargeGroup('走私、贩卖、运输、制造毒品罪'));
  });
});

describe('extractCharges', () => {
  it('finds charges named in text, in order, normalised', () => {
    expect(extractCharges('被告人张某的行为已构成盗窃罪，应以妨碍公务罪并罚')).toEqual(['盗窃罪', '妨害公务罪']);
    expect(extractCharges('公诉机关指控被告人犯贩卖毒品罪')).toEqual(['走私、贩卖、运输、制造毒品罪']);
  });
  it('does not invent charges from 犯罪 / 犯罪所得', () => {
    expect(extractCharges('被告人犯罪以后主动投案，退缴犯罪所得')).toEqual([]);
  });
  it('recovers the charges of real judgments from their reasoning', () => {
    const rows = readFileSync('../shared/datasets/lecard/judgments.jsonl', 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    let hit = 0;
    for (const r of rows) {
      const found = new Set(extractCharges(`${r.cpfxgc}${r.pjjg}`));
      if ((r.crime as string[]).every((c) => found.has(normalizeCharge(c)))) hit++;
    }
    expect(hit / rows.length).toBeGreaterThan(0.8);
  });
});
