// Host profile schema: valid profiles pass, bad ones are refused with the path of the bad field.
import { describe, expect, it } from 'vitest';
import { fillUrlTemplate, parseProfile, parseProfileText } from '../../utils/host/profile';
import { BUILTIN_PROFILE_ERRORS, BUILTIN_PROFILES, builtinProfile } from '../../utils/host/profiles';

const valid = () => ({
  id: 'xx-court',
  name: '某法院办案系统',
  version: '1.0.0',
  origins: ['http://10.1.2.3:8080', 'http://*.court.local'],
  dateFormat: 'zh',
  pages: [
    { kind: 'login', match: { path: '/login' } },
    {
      kind: 'case-list',
      match: { path: '/cases', selector: '#list' },
      rows: { table: { selector: '#list' }, fields: { caseNo: { column: '案号', required: true }, filedOn: { column: '立案日期' } } },
    },
    {
      kind: 'case-detail',
      match: { path: '/case/*' },
      fields: { caseNo: { label: '案号', required: true }, filedOn: { label: '立案日期', dateFormat: ['zh', 'iso'] } },
      sections: [{ name: '当事人', present: '#p', parties: { table: { selector: '#p' }, fields: { name: { column: '名称' }, role: { column: '地位' } } } }],
    },
  ],
  writeBack: { signoff: { method: 'POST', url: '/api/cases/{hostRef}/signoffs' } },
});

function errorsOf(p: unknown): string[] {
  const r = parseProfile(p);
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.errors;
}

describe('parseProfile', () => {
  it('accepts a valid profile and fills defaults', () => {
    const r = parseProfile(valid());
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.profile.pages).toHaveLength(3);
    const noFmt = valid() as Record<string, unknown>;
    delete noFmt.dateFormat;
    const r2 = parseProfile(noFmt);
    expect(r2.ok && r2.profile.dateFormat).toBe('iso');
  });

  it('the built-in profiles are valid', () => {
    expect(BUILTIN_PROFILE_ERRORS).toEqual({});
    expect(BUILTIN_PROFILES.map((p) => p.id)).toEqual(['demo-classic', 'demo-modern']);
    expect(builtinProfile('demo-modern')?.writeBack?.signoff?.url).toBe('/api/cases/{hostRef}/signoffs');
  });

  it('a field rule without a source: pages[2].fields.filedOn.selector: 必填…', () => {
    const p = valid();
    (p.pages[2].fields as Record<string, unknown>).filedOn = { required: true };
    expect(errorsOf(p)).toEqual(['pages[2].fields.filedOn.selector: 必填（或改用 label / column / url / value 之一）']);
  });

  it.each([
    ['missing id', (p: any) => delete p.id, 'id: 必填'],
    ['bad id', (p: any) => (p.id = 'XX Court'), 'id: 只能用小写字母、数字和短横线'],
    ['origin with a path', (p: any) => (p.origins = ['http://10.1.2.3/app']), 'origins[0]: 应为 http(s)://主机[:端口]，不带路径'],
    ['no origins', (p: any) => (p.origins = []), 'origins: 至少需要 1 项'],
    ['no pages', (p: any) => (p.pages = []), 'pages: 至少需要 1 项'],
    ['unknown page kind', (p: any) => (p.pages[0].kind = 'home'), 'pages[0].kind: 应为以下之一："case-list" | "case-detail" | "review-list" | "archive" | "login" | "other"'],
    ['match without a URL condition', (p: any) => (p.pages[0].match = { selector: '#x' }), 'pages[0].match.path: 至少需要 path、hash、query 或 regex 之一'],
    ['list page without rows', (p: any) => delete p.pages[1].rows, 'pages[1].rows: 必填（列表页需要 rows）'],
    ['unknown case field', (p: any) => (p.pages[2].fields.fileDate = { label: '立案日期' }), 'pages[2].fields.fileDate: 未知字段“fileDate”'],
    ['typo in a rule key', (p: any) => (p.pages[2].fields.caseNo.lable = 'x'), 'pages[2].fields.caseNo.lable: 未知字段“lable”'],
    ['bad date format', (p: any) => (p.pages[2].fields.filedOn.dateFormat = 'yyyy-mm-dd'), 'pages[2].fields.filedOn.dateFormat: 应为以下之一："iso" | "zh" | "slash"'],
    ['bad regex', (p: any) => (p.pages[2].fields.caseNo = { label: '案号', regex: '(' }), 'pages[2].fields.caseNo.regex: 正则表达式无效'],
    ['two sources', (p: any) => (p.pages[2].fields.caseNo = { label: '案号', selector: '#no' }), 'pages[2].fields.caseNo.label: 只能指定一个来源，已有 selector（label 的范围请用 within）'],
    ['table without selector', (p: any) => delete p.pages[2].sections[0].parties.table.selector, 'pages[2].sections[0].parties.table.selector: 必填'],
    ['required not boolean', (p: any) => (p.pages[1].rows.fields.caseNo.required = 'yes'), 'pages[1].rows.fields.caseNo.required: 应为true/false'],
    ['write-back method', (p: any) => (p.writeBack.signoff.method = 'DELETE'), 'writeBack.signoff.method: 应为以下之一："GET" | "POST" | "PUT" | "PATCH"'],
    ['unknown top-level key', (p: any) => (p.colour = 'red'), 'colour: 未知字段“colour”'],
  ])('%s', (_name, mutate, message) => {
    const p = valid();
    mutate(p);
    expect(errorsOf(p)).toContain(message);
  });

  it('never throws: not an object, JSON syntax errors', () => {
    expect(errorsOf(null)).toEqual(['(根): 应为对象 {…}']);
    expect(errorsOf('x')).toEqual(['(根): 应为对象 {…}']);
    const r = parseProfileText('{"id": ');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatch(/^\(根\): 不是有效的 JSON/);
  });
});

describe('fillUrlTemplate', () => {
  it('fills and encodes placeholders, refuses missing ones', () => {
    expect(fillUrlTemplate('/api/cases/{hostRef}/signoffs', { hostRef: 'c 1/2' })).toBe('/api/cases/c%201%2F2/signoffs');
    expect(fillUrlTemplate('/api/cases/{hostRef}', {})).toBeNull();
  });
});
