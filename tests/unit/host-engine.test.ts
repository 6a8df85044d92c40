// The declarative profile engine on synthetic pages, in happy-dom and in linkedom.
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { applyProfile, parseHostDate, stripAnchors } from '../../utils/host/engine';
import { parseProfile, type HostProfile, type HostProfileInput } from '../../utils/host/profile';

function profile(p: Partial<HostProfileInput> & Pick<HostProfileInput, 'pages'>): HostProfile {
  const r = parseProfile({ id: 't', name: 'T', version: '1', origins: ['http://host.test'], ...p });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.profile;
}

function happyDoc(html: string): Document {
  const d = document.implementation.createHTMLDocument('t');
  d.documentElement.innerHTML = html;
  return d;
}
function linkeDoc(html: string): Document {
  return parseHTML(`<!doctype html><html><body>${html}</body></html>`).document as unknown as Document;
}
const DOMS = [
  ['happy-dom', happyDoc],
  ['linkedom', linkeDoc],
] as const;

const PROC = { 普通程序: 'ordinary', 简易程序: 'simple' };

const detailProfile = profile({
  dateFormat: 'zh',
  pages: [
    {
      kind: 'case-detail',
      name: 'detail',
      match: { path: '/case/*' },
      fields: {
        caseNo: { label: '案号', required: true },
        hostRef: { url: true, regex: '/case/([^/?#]+)' },
        filedOn: { label: ['立案日期', '立案时间'], required: true },
        procedure: { label: '程序', map: PROC },
        detained: { label: '羁押状态', map: { 在押: true, 未羁押: false } },
        foreign: { label: '涉外' },
        amount: { label: '标的额（万元）', scale: 10000 },
        panel: { label: '合议庭成员', map: { 独任审判: null } },
        signals: { selector: '.tag' },
        closedOn: { label: '结案日期', dateFormat: ['slash', 'iso'] },
      },
    },
  ],
});

const DETAIL = `
  <table id="info">
    <tr><td class="l">案　号：</td><td>（2024）京0105民初123号</td><td>立 案 日 期</td><td>2024年05月20日</td></tr>
    <tr><td>程序</td><td> 普通程序 </td><td>羁押状态</td><td>在押</td></tr>
    <tr><td>涉外</td><td>否</td><td><span>标的额（万元）</span></td><td>12.5</td></tr>
    <tr><td>合议庭成员</td><td>张三、李四，王五</td><td>结案日期</td><td>2024/6/3</td></tr>
  </table>
  <div class="tags"><span class="tag">投诉</span><span class="tag">上级督办</span></div>`;

describe.each(DOMS)('engine on %s', (_name, mk) => {
  it('reads labels (spaced, colon, nested), value maps, numbers, lists and date formats', () => {
    const r = applyProfile(detailProfile, mk(DETAIL), 'http://host.test/case/c1');
    expect(r.errors).toEqual([]);
    expect(r.missing).toEqual([]);
    expect(r.kind).toBe('case-detail');
    expect(r.cases).toEqual([
      {
        caseNo: '（2024）京0105民初123号',
        hostRef: 'c1',
        filedOn: '2024-05-20',
        procedure: 'ordinary',
        detained: true,
        foreign: false,
        amount: 125000,
        panel: ['张三', '李四', '王五'],
        signals: ['投诉', '上级督办'],
        closedOn: '2024-06-03',
      },
    ]);
    expect(r.detailAnchor).toBeTruthy();
  });

  it('reads the inline form "label：value" in one element', () => {
    const r = applyProfile(detailProfile, mk('<p>案号：(2024)京0105民初9号</p><p><b>立案日期：2024年1月2日</b></p>'), 'http://host.test/case/9');
    expect(r.errors).toEqual([]);
    expect(r.cases[0]).toMatchObject({ caseNo: '(2024)京0105民初9号', filedOn: '2024-01-02' });
  });

  it('refuses a malformed date, never guesses, and ingests nothing', () => {
    for (const bad of ['2024年13月1日', '2024年02月30日', '2024-05-20', '2024年5月', '约2024年5月1日']) {
      const html = DETAIL.replace('2024年05月20日', bad);
      const r = applyProfile(detailProfile, mk(html), 'http://host.test/case/c1');
      expect(r.cases).toEqual([]);
      expect(r.errors).toEqual([`立案日期：无法识别的日期“${bad}”（filedOn）`]);
    }
  });

  it('a value not in the map of a fixed-value field is an error, not a guess', () => {
    const r = applyProfile(detailProfile, mk(DETAIL.replace('普通程序', '特别程序X')), 'http://host.test/case/c1');
    expect(r.cases).toEqual([]);
    expect(r.errors).toEqual(['程序：无法识别的值“特别程序X”（procedure）']);
    const r2 = applyProfile(detailProfile, mk(DETAIL.replace('在押', '取保候审')), 'http://host.test/case/c1');
    expect(r2.cases).toEqual([]);
    expect(r2.errors[0]).toMatch(/^羁押状态：无法识别的值“取保候审”/);
  });

  it('a missing required field ingests nothing partial', () => {
    const r = applyProfile(detailProfile, mk(DETAIL.replace('立 案 日 期', '收案日期')), 'http://host.test/case/c1');
    expect(r.cases).toEqual([]);
    expect(r.missing).toEqual(['filedOn']);
    expect(r.errors).toEqual([]);
  });

  it('blank values are absent; optional fields may be absent', () => {
    const html = DETAIL.replace('2024/6/3', '—').replace('在押', '').replace('<div class="tags"><span class="tag">投诉</span><span class="tag">上级督办</span></div>', '');
    const r = applyProfile(detailProfile, mk(html), 'http://host.test/case/c1');
    expect(r.errors).toEqual([]);
    expect(r.cases[0].closedOn).toBeUndefined();
    expect(r.cases[0].detained).toBeUndefined();
    expect(r.cases[0].signals).toBeUndefined();
  });

  it('list page: column mapping by header text, per-row exclusion, anchors', () => {
    const p = profile({
      dateFormat: 'iso',
      pages: [
        {
          kind: 'case-list',
          match: { path: '/list' },
          rows: {
            table: { selector: '#t' },
            anchor: 'td.no',
            fields: {
              caseNo: { column: '案号', required: true },
              hostRef: { selector: 'a', attr: 'href', regex: 'id=(\\w+)' },
              url: { selector: 'a', attr: 'href' },
              filedOn: { column: ['立案日期', '立案时间'], required: true },
              procedure: { column: '程序', map: PROC },
              parties: { column: '当事人' },
            },
          },
        },
      ],
    });
    const html = `<table id="t"><thead><tr><th>序号</th><th>案 号</th><th>程序</th><th>立案时间</th><th>当事人</th></tr></thead><tbody>
      <tr><td>1</td><td class="no"><a href="/case?id=a1">A1</a></td><td>简易程序</td><td>2024-01-31</td><td>原告：张三、李四；被告：某公司</td></tr>
      <tr><td>2</td><td class="no"><a href="/case?id=a2">A2</a></td><td>普通程序</td><td>2024-02-30</td><td></td></tr>
      <tr><td>3</td><td class="no"><a href="/case?id=a3">A3</a></td><td>普通程序</td><td></td><td></td></tr>
      <tr><td>4</td><td class="no"></td><td>普通程序</td><td>2024-03-01</td><td></td></tr>
      <tr><td colspan="5">没有更多了</td></tr>
      <tr><td>5</td><td class="no"><a href="/case?id=a5">A5</a></td><td>普通程序</td><td>2024-03-01</td><td></td></tr>
    </tbody></table>`;
    const r = applyProfile(p, mk(html), 'http://host.test/list');
    expect(r.kind).toBe('case-list');
    expect(r.cases.map((c) => c.caseNo)).toEqual(['A1', 'A5']);
    expect(r.cases[0]).toEqual({
      caseNo: 'A1',
      hostRef: 'a1',
      url: 'http://host.test/case?id=a1',
      filedOn: '2024-01-31',
      procedure: 'simple',
      parties: [
        { role: '原告', name: '张三' },
        { role: '原告', name: '李四' },
        { role: '被告', name: '某公司' },
      ],
    });
    expect(r.errors).toEqual(['第2行 立案日期：无法识别的日期“2024-02-30”（rows[1].filedOn）']);
    expect(r.missing).toEqual(['rows[2].filedOn', 'rows[3].caseNo']);
    expect(r.rowAnchors).toHaveLength(2);
    expect(r.rowAnchors![0].className).toBe('no');
    expect(r.rowAnchors![1].textContent).toBe('A5');
  });

  it('list page: a required column absent from the header is reported once and nothing is ingested', () => {
    const p = profile({
      pages: [{ kind: 'case-list', match: { path: '/list' }, rows: { table: { selector: 'table' }, fields: { caseNo: { column: '案号', required: true }, filedOn: { column: '立案日期', required: true } } } }],
    });
    const r = applyProfile(p, mk('<table><tr><th>案号</th></tr><tr><td>A</td></tr><tr><td>B</td></tr></table>'), 'http://host.test/list');
    expect(r.cases).toEqual([]);
    expect(r.missing).toEqual(['rows[0].filedOn', 'rows[1].filedOn']);
    expect(r.errors).toEqual(['立案日期：表格中没有列“立案日期”（rows[*].filedOn）']);
  });

  it('detail sections: only the sections on the page are in the snapshot; lists from tables and div rows', () => {
    const p = profile({
      dateFormat: 'zh',
      pages: [
        {
          kind: 'case-detail',
          match: { path: '/case/*/*' },
          fields: { caseNo: { selector: '#no', required: true }, category: { selector: '#no', regex: '\\d+(民|刑)', map: { 民: 'civil', 刑: 'criminal' } } },
          sections: [
            { name: '基本信息', present: '#basic', fields: { filedOn: { label: '立案日期', required: true } } },
            { name: '当事人', present: '#parties', parties: { table: { selector: '#parties' }, fields: { role: { column: '诉讼地位', required: true }, name: { column: '名称', required: true } } } },
            {
              name: '审限变更',
              present: '.changes',
              events: [
                {
                  table: { selector: '#ext' },
                  fields: { kind: { value: 'extension' }, on: { column: '批准日期', required: true }, months: { column: '期限', regex: '(\\d+)个月' }, days: { column: '期限', regex: '(\\d+)天' } },
                },
                {
                  table: { selector: '.changes', rows: '.item' },
                  fields: {
                    kind: { selector: '.type', map: { 扣除审限: 'deduction', 程序转换: 'conversion', 恢复审理: null }, required: true },
                    from: { label: '起始日期' },
                    to: { label: '结束日期' },
                    on: { label: '转换日期' },
                    reason: { label: '事由' },
                    procedure: { label: '现程序', mapBy: { field: 'category', maps: { criminal: { 普通程序: 'public-ordinary' }, civil: PROC } } },
                  },
                },
              ],
            },
            { name: '文书', present: '#docs', documents: { table: { selector: '#docs', rows: 'li' }, fields: { title: { selector: '.t', required: true }, ref: { selector: ':scope', attr: 'id', regex: '^d-(.+)$' }, status: { selector: '.s', map: { 草稿: 'draft' } } } } },
          ],
        },
      ],
    });
    const head = '<h1 id="no">（2024）京0105刑初7号</h1>';
    const basic = mk(`${head}<table id="basic"><tr><td>立案日期</td><td>2024年03月04日</td></tr></table>`);
    const r1 = applyProfile(p, basic, 'http://host.test/case/1/basic');
    expect(r1.errors).toEqual([]);
    expect(r1.sections).toEqual(['基本信息']);
    expect(r1.cases).toEqual([{ caseNo: '（2024）京0105刑初7号', category: 'criminal', filedOn: '2024-03-04' }]);

    const parties = mk(`${head}<table id="parties"><tr><th>诉讼地位</th><th>名称</th></tr><tr><td>被告人</td><td>甲</td></tr><tr><td>被告人</td><td>乙</td></tr></table>`);
    const r2 = applyProfile(p, parties, 'http://host.test/case/1/parties');
    expect(r2.sections).toEqual(['当事人']);
    expect(r2.cases[0].parties).toEqual([{ role: '被告人', name: '甲' }, { role: '被告人', name: '乙' }]);
    expect(r2.cases[0].filedOn).toBeUndefined();

    const emptyParties = mk(`${head}<table id="parties"><tr><th>诉讼地位</th><th>名称</th></tr><tr class="empty"><td colspan="2">无记录</td></tr></table>`);
    expect(applyProfile(p, emptyParties, 'http://host.test/case/1/parties').cases[0].parties).toEqual([]);

    const changes = mk(`${head}<div class="changes">
      <table id="ext"><tr><th>批准日期</th><th>期限</th></tr><tr><td>2024年05月01日</td><td>1个月15天</td></tr></table>
      <div class="item"><div class="type">扣除审限</div><span>事由</span><span>鉴定</span><span>起始日期</span><span>2024年04月01日</span><span>结束日期</span><span></span></div>
      <div class="item"><div class="type">恢复审理</div><span>日期</span><span>2024年04月02日</span></div>
      <div class="item"><div class="type">程序转换</div><span>转换日期</span><span>2024年04月03日</span><span>现程序</span><span>普通程序</span></div>
    </div>`);
    const r3 = applyProfile(p, changes, 'http://host.test/case/1/changes');
    expect(r3.errors).toEqual([]);
    expect(r3.missing).toEqual([]);
    expect(r3.cases[0].events).toEqual([
      { kind: 'extension', on: '2024-05-01', months: 1, days: 15 },
      { kind: 'deduction', reason: '鉴定', from: '2024-04-01' },
      { kind: 'conversion', on: '2024-04-03', to: 'public-ordinary' },
    ]);

    // a deduction without its start date: the whole case is held back, the row is named
    const brokenChanges = mk(`${head}<div class="changes"><div class="item"><div class="type">扣除审限</div><span>事由</span><span>公告</span></div></div>`);
    const r4 = applyProfile(p, brokenChanges, 'http://host.test/case/1/changes');
    expect(r4.cases).toEqual([]);
    expect(r4.missing).toEqual(['events[0].from']);

    const docs = mk(`${head}<ul id="docs"><li id="d-w1"><span class="t">民事判决书</span><span class="s">草稿</span></li></ul>`);
    expect(applyProfile(p, docs, 'http://host.test/case/1/docs').cases[0].documents).toEqual([{ title: '民事判决书', ref: 'w1', status: 'draft' }]);
  });

  it('never throws on garbage: bad selectors, empty documents, wrong URLs', () => {
    const bad = profile({
      pages: [
        { kind: 'case-detail', match: { path: '/x', selector: '###' }, fields: { caseNo: { selector: '[[[', required: true } } },
        { kind: 'case-detail', match: { path: '/x' }, fields: { caseNo: { selector: '[[[', required: true } } },
      ],
    });
    const r = applyProfile(bad, mk('<p>hi</p>'), 'http://host.test/x');
    expect(r.cases).toEqual([]);
    expect(r.errors.length).toBeGreaterThan(0);
    expect(() => applyProfile(detailProfile, mk(''), 'not a url')).not.toThrow();
    expect(applyProfile(detailProfile, mk(''), 'not a url')).toMatchObject({ kind: 'other', cases: [], page: null });
    expect(applyProfile(detailProfile, mk(DETAIL), 'http://other.test/case/1').kind).toBe('other');
    expect(() => applyProfile(null as unknown as HostProfile, null as unknown as Document, 'x')).not.toThrow();
    expect(() => applyProfile(detailProfile, {} as Document, 'http://host.test/case/1')).not.toThrow();
    const odd = applyProfile(detailProfile, {} as Document, 'http://host.test/case/1');
    expect(odd.cases).toEqual([]);
    expect(odd.errors.length).toBeGreaterThan(0);
  });

  it('stripAnchors gives plain JSON', () => {
    const r = stripAnchors(applyProfile(detailProfile, mk(DETAIL), 'http://host.test/case/c1'));
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    expect('detailAnchor' in r).toBe(false);
  });
});

describe('parseHostDate', () => {
  it.each([
    ['2024-05-20', ['iso'], '2024-05-20'],
    ['2024-5-2', ['iso'], '2024-05-02'],
    ['2024-05-20 10:30:00', ['iso'], '2024-05-20'],
    ['2024年05月20日', ['zh'], '2024-05-20'],
    ['２０２４年５月２０日', ['zh'], '2024-05-20'],
    ['2024/05/20', ['slash'], '2024-05-20'],
    ['2024-02-29', ['iso'], '2024-02-29'],
    ['2023-02-29', ['iso'], null],
    ['2024-02-30', ['iso'], null],
    ['2024年13月1日', ['zh'], null],
    ['2024年00月10日', ['zh'], null],
    ['2024/05/20', ['iso'], null],
    ['20240520', ['iso', 'zh', 'slash'], null],
    ['05/20/2024', ['slash'], null],
    ['', ['iso'], null],
  ] as const)('%s (%j) → %s', (text, formats, want) => {
    expect(parseHostDate(text, formats)).toBe(want);
  });
});

describe('speed', () => {
  it('500-row table in happy-dom', () => {
    const p = profile({
      dateFormat: 'zh',
      pages: [{ kind: 'case-list', match: { path: '/list' }, rows: { table: { selector: '#t' }, fields: { caseNo: { column: '案号', required: true }, hostRef: { selector: 'a', attr: 'href', regex: 'id=(\\w+)' }, filedOn: { column: '立案日期', required: true }, procedure: { column: '程序', map: PROC }, judge: { column: '承办人' } } } }],
    });
    let rows = '';
    for (let i = 0; i < 500; i++) rows += `<tr><td><a href="/c?id=c${i}">(2024)京0105民初${i}号</a></td><td>普通程序</td><td>2024年05月${String((i % 28) + 1).padStart(2, '0')}日</td><td>法官${i}</td></tr>`;
    const doc = happyDoc(`<table id="t"><tr><th>案号</th><th>程序</th><th>立案日期</th><th>承办人</th></tr>${rows}</table>`);
    const t0 = performance.now();
    const r = applyProfile(p, doc, 'http://host.test/list');
    const ms = performance.now() - t0;
    expect(r.cases).toHaveLength(500);
    expect(r.errors).toEqual([]);
    // happy-dom is far slower than Chromium; this only guards against quadratic behaviour.
    expect(ms).toBeLessThan(1000);
  });
});
