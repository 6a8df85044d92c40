import { describe, expect, it } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { findCaseNumbers, parseCaseNumber, normalizeCaseNumberText, courtLevelOf } from '../../utils/domain/case-number';
import { DEFAULT_CASE_TYPES, DEFAULT_CASE_TYPE_ALIASES } from '../../utils/rules/case-types';

const JUDGMENTS = '/work/shared/datasets/lecard/judgments.jsonl';
const LOOSE = /[（(〔\[]\s*[12]\d{3}\s*[）)〕\]][^，。；\s]{1,30}?号/g;

describe('parseCaseNumber', () => {
  it('parses the contract example exactly', () => {
    expect(parseCaseNumber('（2016）渝0107刑初1669号')).toMatchObject({
      normalized: '(2016)渝0107刑初1669号', year: 2016, court: '渝0107', typeCode: '刑初', seq: 1669,
      category: 'criminal', stage: 'first', courtLevel: 'basic',
    });
  });
  it('normalises brackets, full-width digits, spaces and -1 suffixes', () => {
    for (const s of ['(2016)渝0107刑初1669号', '〔2016〕渝0107刑初1669号', '[2016]渝0107刑初1669号', '（２０１６）渝０１０７刑初１６６９号', ' （ 2016 ） 渝0107 刑初 1669 号 ', '【（2016）渝0107刑初1669号】']) {
      expect(parseCaseNumber(s)?.normalized).toBe('(2016)渝0107刑初1669号');
    }
    const sub = parseCaseNumber('（2019）辽04民终10838-1号');
    expect(sub?.normalized).toBe('(2019)辽04民终10838号之一');
    expect(sub?.subNo).toBe('之一');
    expect(parseCaseNumber('（2019）辽04民终10838号之十二')?.subNo).toBe('之十二');
    expect(normalizeCaseNumberText('（2016）粤刑终1308-2号')).toBe('(2016)粤刑终1308号之二');
  });
  it('keeps 知 as special, never in the type code, and reads court levels', () => {
    const a = parseCaseNumber('（2021）最高法知民终2270号')!;
    expect([a.court, a.special, a.typeCode, a.courtLevel, a.stage]).toEqual(['最高法', '知', '民终', 'supreme', 'second']);
    const b = parseCaseNumber('（2020）浙01知民初277号')!;
    expect([b.court, b.special, b.typeCode, b.courtLevel]).toEqual(['浙01', '知', '民初', 'intermediate']);
    expect(parseCaseNumber('（2020）京73民初1号')!.courtLevel).toBe('specialised');
    expect(parseCaseNumber('（2020）沪72民初5号')!.courtLevel).toBe('specialised');
    expect(parseCaseNumber('（2019）粤民终9号')!.courtLevel).toBe('high');
    expect(courtLevelOf('渝0107')).toBe('basic');
  });
  it('classifies every code of the table and maps legacy aliases', () => {
    for (const t of DEFAULT_CASE_TYPES) {
      const cn = parseCaseNumber(`（2022）京0105${t.code}12345678号`);
      expect(cn, t.code).not.toBeNull();
      expect([cn!.typeCode, cn!.category, cn!.stage, cn!.unknownType]).toEqual([t.code, t.category, t.stage, undefined]);
    }
    const old = parseCaseNumber('（2015）粤03民破12号')!;
    expect([old.typeCode, old.canonicalCode, old.category, old.stage]).toEqual(['民破', '破', 'civil', 'special']);
    expect(parseCaseNumber('（2015）粤03民算2号')!.canonicalCode).toBe('强清');
    expect(DEFAULT_CASE_TYPE_ALIASES.every((a) => DEFAULT_CASE_TYPES.some((t) => t.code === a.code))).toBe(true);
    expect(parseCaseNumber('（2015）民破12号')).toBeNull(); // no court code
  });
  it('flags unknown codes and 刑核 serials that are not 8 digits', () => {
    const u = parseCaseNumber('（2020）京0105民奇5号')!;
    expect(u.unknownType).toBe(true);
    expect(u.typeCode).toBe('民奇');
    expect(parseCaseNumber('（2019）最高法刑核12345678号')!.flags).toBeUndefined();
    expect(parseCaseNumber('（2019）最高法刑核1234号')!.flags).toContain('serial-not-8-digits');
  });
  it('reads pre-2016 …字第…号 forms as legacy', () => {
    const l = parseCaseNumber('（2015）渝五中法民终字第00123号')!;
    expect(l).toMatchObject({ legacy: true, year: 2015, court: '渝五中法', typeCode: '民终', seq: 123, category: 'civil', stage: 'second' });
    const k = parseCaseNumber('（2014）东中法刑一终字第217号')!;
    expect([k.typeCode, k.canonicalCode, k.category, k.stage]).toEqual(['刑一终', '刑终', 'criminal', 'second']);
    const m = parseCaseNumber('（2015）兴刑初字第116、169号')!;
    expect([m.seq, m.extraSeqs]).toEqual([116, [169]]);
  });
  it('rejects what is not a 案号', () => {
    for (const s of ['', '2016渝0107刑初1669号', '（2018）43号', '(2016)渝0107刑初号', 'hello']) expect(parseCaseNumber(s)).toBeNull();
  });
});

describe('findCaseNumbers', () => {
  it('finds every 案号 in order with the raw text', () => {
    const text = '经（2016）渝0107刑初1669号判决，上诉后（２０１７）渝01刑终 12号裁定，另见渝北检刑诉（2018）43号，及（2013）南刑初字第00020-1号。';
    const found = findCaseNumbers(text);
    expect(found.map((c) => c.normalized)).toEqual(['(2016)渝0107刑初1669号', '(2017)渝01刑终12号', '(2013)南刑初字第00020号之一']);
    expect(found[1].raw).toBe('（２０１７）渝01刑终 12号');
    expect(text.indexOf(found[1].raw)).toBeGreaterThan(text.indexOf(found[0].raw));
  });
});

describe.skipIf(!existsSync(JUDGMENTS))('LeCaRD judgments: every 案号 parses', () => {
  const lines = existsSync(JUDGMENTS) ? readFileSync(JUDGMENTS, 'utf8').trim().split('\n') : [];
  const candidates: string[] = [];
  const byDoc: Array<{ qw: string; first: string | undefined }> = [];
  for (const line of lines) {
    const qw: string = JSON.parse(line).qw ?? '';
    const hits = [...qw.matchAll(LOOSE)].map((m) => m[0]);
    byDoc.push({ qw, first: hits[0] });
    for (const h of hits) {
      // Hits with no court or type text after the year ("（2018）43号", "（2015）A012号") are the tails of other
      // organs' document numbers (渝北检刑诉（2018）43号) whose prefix sits before the bracket: not 案号.
      const rest = h.replace(/^[（(〔\[]\s*\d{4}\s*[）)〕\]]/, '').replace(/[第号、]/g, '');
      if (/[\u4e00-\u9fff]/u.test(rest)) candidates.push(h);
    }
  }
  it('finds a substantial number of candidates', () => {
    expect(lines.length).toBeGreaterThan(300);
    expect(candidates.length).toBeGreaterThan(500);
  });
  it('parses each candidate', () => {
    const failed = candidates.filter((c) => parseCaseNumber(c) === null);
    expect(failed).toEqual([]);
  });
  it('parses modern candidates into consistent elements', () => {
    let modern = 0;
    for (const c of candidates) {
      const cn = parseCaseNumber(c)!;
      if (cn.legacy || cn.flags?.includes('irregular')) continue;
      modern++;
      expect(cn.normalized.startsWith(`(${cn.year})${cn.court}`)).toBe(true);
      expect(cn.normalized).toContain(`${cn.typeCode}`);
      expect(cn.courtLevel).toBeDefined();
      expect(cn.year).toBeGreaterThanOrEqual(2016);
    }
    expect(modern).toBeGreaterThan(200);
  });
  it('gives exact results for samples taken from the data', () => {
    const want: Record<string, Partial<ReturnType<typeof parseCaseNumber>>> = {
      '（2016）豫1722）刑初107号': { normalized: '(2016)豫1722刑初107号', court: '豫1722', typeCode: '刑初', seq: 107 },
      '（2013）南刑初字第00020-1号': { legacy: true, court: '南', typeCode: '刑初', seq: 20, subNo: '之一' },
      '（2014）粤高法刑二终字第212号': { legacy: true, court: '粤高法', typeCode: '刑二终', category: 'criminal', stage: 'second' },
      '（2016）粤刑终1308-2号': { normalized: '(2016)粤刑终1308号之二', court: '粤', courtLevel: 'high', stage: 'second' },
    };
    for (const [text, exp] of Object.entries(want)) {
      expect(candidates, text).toContain(text);
      expect(parseCaseNumber(text)).toMatchObject(exp as object);
    }
    // the first 案号 of each judgment, found by findCaseNumbers, is the same one the loose regex finds first
    let checked = 0;
    for (const d of byDoc.slice(0, 60)) {
      if (!d.first || !parseCaseNumber(d.first)) continue;
      const f = findCaseNumbers(d.qw)[0];
      expect(f?.normalized).toBe(parseCaseNumber(d.first)!.normalized);
      checked++;
    }
    expect(checked).toBeGreaterThan(30);
  });
});
