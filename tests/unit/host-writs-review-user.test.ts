// Engine: the 文书 list (`writs`), 书记员, 待阅核 rows' `review*` fields and the page-level `user` rule,
// on synthetic pages in happy-dom and linkedom.
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { applyProfile } from '../../utils/host/engine';
import { parseProfile, type HostProfile, type HostProfileInput } from '../../utils/host/profile';

function profile(p: Partial<HostProfileInput> & Pick<HostProfileInput, 'pages'>): HostProfile {
  const r = parseProfile({ id: 't', name: 'T', version: '1', origins: ['http://host.test'], ...p });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.profile;
}
function happyDoc(html: string): Document {
  const d = document.implementation.createHTMLDocument('t');
  d.documentElement.innerHTML = `<body>${html}</body>`;
  return d;
}
function linkeDoc(html: string): Document {
  return parseHTML(`<!doctype html><html><body>${html}</body></html>`).document as unknown as Document;
}
const DOMS = [
  ['happy-dom', happyDoc],
  ['linkedom', linkeDoc],
] as const;

const USER_RULE = {
  name: { selector: '#me' },
  division: { selector: '.who', regex: '（(\\S+)\\s+[^）]+）' },
  role: { selector: '.who', regex: '（\\S+\\s+([^）]+)）' },
};

const P = profile({
  dateFormat: 'zh',
  user: USER_RULE,
  pages: [
    {
      kind: 'review-list',
      name: '待阅核',
      match: { path: '/reviews' },
      rows: {
        table: { selector: '#rv' },
        fields: {
          caseNo: { column: '案号', required: true },
          reviewDocumentRef: { selector: 'a.go', attr: 'href', regex: '#doc-(.+)$' },
          reviewDocumentTitle: { column: '文书名称' },
          reviewSubmittedOn: { column: '提交日期' },
          reviewTriggers: { column: '阅核事由', split: '、' },
        },
      },
    },
    {
      kind: 'case-detail',
      name: '详情',
      match: { path: '/case/*' },
      // this page shows the user differently: its own rule replaces the profile's
      user: { name: { label: '登录人' } },
      fields: { caseNo: { selector: '#no', required: true }, clerk: { label: '书记员' } },
      sections: [
        {
          name: '文书',
          present: '#docs',
          writs: {
            table: { selector: '#docs' },
            fields: {
              title: { column: '文书名称', required: true },
              date: { column: '制作日期' },
              status: { column: '状态', map: { 草稿: 'draft', 已签发: 'signed', 已送达: 'issued' } },
              ref: { selector: ':scope', attr: 'id', regex: '^doc-(.+)$' },
            },
          },
        },
      ],
    },
    { kind: 'other', name: '横幅', match: { path: '/top' } },
  ],
});

const REVIEWS = `
  <div class="who">当前用户：<span id="me">林国栋</span>（民一庭 庭长） <a href="/logout">[退出]</a></div>
  <table id="rv"><tr><th>案号</th><th>文书名称</th><th>提交日期</th><th>阅核事由</th><th>操作</th></tr>
  <tr><td>（2025）渝0107民初1号</td><td>民事判决书</td><td>2025年06月23日</td><td>本庭裁判文书、四类案件</td>
      <td><a class="go" href="/case/c1/docs#doc-c1-w03">阅核</a></td></tr>
  <tr><td>（2025）渝0107民初2号</td><td>民事裁定书</td><td>-</td><td></td><td></td></tr>
  <tr><td>（2025）渝0107民初3号</td><td>民事判决书</td><td>2025年02月30日</td><td>延扣审</td><td></td></tr>
  </table>`;

describe.each(DOMS)('writs, review rows and user on %s', (_n, mk) => {
  it('gathers the review* fields of a 待阅核 row into `review`; a row without them has no `review`', () => {
    const r = applyProfile(P, mk(REVIEWS), 'http://host.test/reviews');
    expect(r.kind).toBe('review-list');
    expect(r.cases.map((c) => c.caseNo)).toEqual(['（2025）渝0107民初1号', '（2025）渝0107民初2号']);
    expect(r.cases[0].review).toEqual({
      documentRef: 'c1-w03',
      documentTitle: '民事判决书',
      submittedOn: '2025-06-23',
      triggers: ['本庭裁判文书', '四类案件'],
    });
    // no link, blank date, empty 事由: only the title is known
    expect(r.cases[1].review).toEqual({ documentTitle: '民事裁定书' });
    expect(r.cases[1]).not.toHaveProperty('reviewDocumentTitle');
    // a date that does not exist is reported under the rule's name, and that row is not ingested
    expect(r.errors).toEqual(['第3行 提交日期：无法识别的日期“2025年02月30日”（rows[2].reviewSubmittedOn）']);
    expect(r.user).toEqual({ name: '林国栋', division: '民一庭', role: '庭长' });
  });

  it('reads the 文书 tab into `writs` (not `documents`) and 书记员 into `clerk`', () => {
    const html = `<span id="no">（2025）渝0107民初1号</span><table><tr><td>书记员</td><td>许诺</td><td>登录人</td><td>王建国</td></tr></table>
      <table id="docs"><tr><th>文书名称</th><th>制作日期</th><th>状态</th></tr>
      <tr id="doc-c1-w01"><td>受理案件通知书</td><td>2025年03月17日</td><td>已送达</td></tr>
      <tr id="doc-c1-w03"><td>民事判决书</td><td>2025年06月21日</td><td>草稿</td></tr></table>`;
    const r = applyProfile(P, mk(html), 'http://host.test/case/c1');
    expect(r.errors).toEqual([]);
    expect(r.sections).toEqual(['文书']);
    const c = r.cases[0];
    expect(c.clerk).toBe('许诺');
    expect(c.documents).toBeUndefined();
    expect(c.writs).toEqual([
      { title: '受理案件通知书', date: '2025-03-17', status: 'issued', ref: 'c1-w01' },
      { title: '民事判决书', date: '2025-06-21', status: 'draft', ref: 'c1-w03' },
    ]);
    // the page's own user rule replaced the profile's
    expect(r.user).toEqual({ name: '王建国' });
  });

  it('refuses a 文书状态 that maps to an unknown value, naming the 文书 row', () => {
    const html = `<span id="no">X1</span><table id="docs"><tr><th>文书名称</th><th>制作日期</th><th>状态</th></tr>
      <tr><td>民事判决书</td><td>2025年06月21日</td><td>作废</td></tr></table>`;
    const bad = profile({
      dateFormat: 'zh',
      pages: [{
        kind: 'case-detail', match: { path: '/case/*' }, fields: { caseNo: { selector: '#no', required: true } },
        sections: [{ name: '文书', writs: { table: { selector: '#docs' }, fields: { title: { column: '文书名称' }, status: { column: '状态' } } } }],
      }],
    });
    const r = applyProfile(bad, mk(html), 'http://host.test/case/c1');
    expect(r.cases).toEqual([]);
    expect(r.errors).toEqual(['文书第1行 状态：无法识别的值“作废”（writs[0].status）']);
  });

  it('has no `user` when the page does not show one (a frame without the banner), and no error', () => {
    const r = applyProfile(P, mk('<p>框架</p>'), 'http://host.test/top');
    expect(r.kind).toBe('other');
    expect(r.user).toBeUndefined();
    expect(r.errors).toEqual([]);
  });

  it('reads the user on an "other" page that only shows the banner; role/division absent when the text lacks them', () => {
    const r = applyProfile(P, mk('<div class="who">当前用户：<span id="me">许诺</span></div>'), 'http://host.test/top');
    expect(r.user).toEqual({ name: '许诺' });
  });

  it('renders host text as data: a user name with markup stays text', () => {
    const r = applyProfile(P, mk('<span id="me">&lt;img src=x onerror=alert(1)&gt;</span>'), 'http://host.test/top');
    expect(r.user?.name).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('profile schema', () => {
  it('rejects an unknown key in a user rule and a writs field that is not a 文书 field', () => {
    const r1 = parseProfile({ id: 't', name: 'T', version: '1', origins: ['http://h.test'], user: { name: { selector: '#a' }, email: { selector: '#b' } }, pages: [{ kind: 'other', match: { path: '/' } }] });
    expect(r1.ok).toBe(false);
    if (!r1.ok) expect(r1.errors.join('\n')).toContain('user.email');
    const r2 = parseProfile({
      id: 't', name: 'T', version: '1', origins: ['http://h.test'],
      pages: [{ kind: 'case-detail', match: { path: '/' }, sections: [{ name: '文书', writs: { table: { selector: '#d' }, fields: { volume: { value: 'main' } } } }] }],
    });
    expect(r2.ok).toBe(false);
  });
});
