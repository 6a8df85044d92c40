// The classic skin: frameset portal, server-rendered tables, dates like 2024年05月20日.
import type { CaseEvent } from '../../utils/domain/case';
import type { ReviewItem } from './api';
import { cnDate, esc, money, period } from './html';
import { CATEGORY_LABELS, DOC_STATUS_LABELS, fullWidthCaseNo, procedureLabel, statusLabel, type HostCase, type User } from './model';

const STYLE = `<style type="text/css">
body{font-family:"宋体",SimSun,"Microsoft YaHei",sans-serif;font-size:12px;margin:0;background:#f4f7fb;color:#000}
a{color:#0645ad;text-decoration:none} a:hover{text-decoration:underline}
.page-title{background:url() #d8e4f3;border-bottom:1px solid #8fa8c8;font-weight:bold;padding:5px 8px;font-size:13px}
table.grid{border-collapse:collapse;width:100%;background:#fff} table.grid td,table.grid th{border:1px solid #a9bfd6;padding:3px 5px}
table.grid th{background:#dfe8f6;font-weight:bold} tr.alt td{background:#f2f6fb}
table.form-table{border-collapse:collapse;width:100%;background:#fff} table.form-table td{border:1px solid #a9bfd6;padding:4px 6px}
td.label{background:#eef3fa;width:110px;text-align:right;font-weight:bold}
.pager{padding:5px 8px} .case-head{padding:6px 8px;background:#fffbe6;border:1px solid #e5d9a0;margin:4px}
table.tabbar{border-collapse:collapse;margin:4px} table.tabbar td{border:1px solid #8fa8c8;padding:3px 12px;background:#e8eef7}
table.tabbar td.cur{background:#fff;font-weight:bold;border-bottom-color:#fff}
.section{margin:6px 4px} .section-title{font-weight:bold;padding:4px;background:#e3ebf6;border:1px solid #a9bfd6;border-bottom:0}
.volume{margin:6px 4px}
</style>`;

function page(title: string, body: string): string {
  return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><meta charset="utf-8"><title>${esc(title)}</title>${STYLE}</head>
<body>${body}</body></html>`;
}

export function portal(): string {
  return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Frameset//EN">
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><meta charset="utf-8"><title>审判流程管理系统</title></head>
<frameset rows="64,*" frameborder="1" border="1">
  <frame name="topFrame" id="topFrame" src="/classic/top" scrolling="no" noresize>
  <frameset cols="190,*">
    <frame name="leftFrame" id="leftFrame" src="/classic/menu">
    <frame name="mainFrame" id="mainFrame" src="/classic/cases">
  </frameset>
</frameset></html>`;
}

export function top(u: User): string {
  return page('审判流程管理系统', `<table width="100%" height="60" cellspacing="0" cellpadding="0" style="background:#1f4e8c;color:#fff">
<tr><td style="font-size:20px;font-weight:bold;padding-left:12px">重庆市九龙坡区人民法院 审判流程管理系统</td>
<td align="right" style="padding-right:12px">当前用户：<span id="curUser">${esc(u.name)}</span>（${esc(u.division)} ${esc(u.role)}）
 <a href="/logout" target="_top" style="color:#fff">[退出]</a></td></tr></table>`);
}

export function menu(): string {
  return page('菜单', `<table class="grid" id="menuTable"><tr><th>功能菜单</th></tr>
<tr><td><a href="/classic/cases" target="mainFrame">我的案件</a></td></tr>
<tr><td><a href="/classic/reviews" target="mainFrame">待阅核</a></td></tr>
<tr><td><a href="/app/cases" target="_top">切换新版界面</a></td></tr></table>`);
}

function partiesText(c: HostCase): string {
  const groups = new Map<string, string[]>();
  for (const p of c.parties) groups.set(p.role, [...(groups.get(p.role) ?? []), p.name]);
  return [...groups].map(([role, names]) => `${role}：${names.join('、')}`).join('；');
}

export function caseList(cases: HostCase[], total: number, pageNo: number, size: number, scope: string): string {
  const pageCount = Math.max(1, Math.ceil(total / size));
  const link = (p: number, text: string) => `<a href="/classic/cases?page=${p}&amp;size=${size}&amp;scope=${esc(scope)}">${text}</a>`;
  const pager = `<div class="pager" id="pager">共 <span id="totalCount">${total}</span> 条 第 <span id="pageNo">${pageNo}</span>/<span id="pageCount">${pageCount}</span> 页
 ${pageNo > 1 ? link(1, '首页') + ' ' + link(pageNo - 1, '上一页') : '首页 上一页'}
 ${pageNo < pageCount ? link(pageNo + 1, '下一页') + ' ' + link(pageCount, '尾页') : '下一页 尾页'}</div>`;
  const rows = cases.map((c, i) => `<tr class="grid-row${i % 2 ? ' alt' : ''}"><td>${(pageNo - 1) * size + i + 1}</td>
<td class="ah"><a href="/classic/case/${c.id}/basic">${esc(fullWidthCaseNo(c.caseNo))}</a></td><td>${esc(c.cause)}</td><td>${CATEGORY_LABELS[c.category]}</td>
<td>${esc(procedureLabel(c.category, c.procedure))}</td><td>${cnDate(c.filedOn)}</td><td>${esc(c.judge)}</td><td>${esc(c.division)}</td>
<td>${esc(partiesText(c))}</td><td>${statusLabel(c)}</td><td>${cnDate(c.closedOn)}</td></tr>`).join('\n');
  return page('我的案件', `<div class="page-title">我的案件</div>${pager}
<table id="caseList" class="grid" cellspacing="0" cellpadding="0">
<tr class="grid-head"><th>序号</th><th>案号</th><th>案由</th><th>案件类别</th><th>程序</th><th>立案日期</th><th>承办人</th><th>承办部门</th><th>当事人</th><th>案件状态</th><th>结案日期</th></tr>
${rows || '<tr class="empty"><td colspan="11">无记录</td></tr>'}
</table>${pager.replace('id="pager"', 'id="pager2"').replace(/id="(totalCount|pageNo|pageCount)"/g, '')}`);
}

const TABS: Array<[string, string]> = [['basic', '基本信息'], ['parties', '当事人'], ['changes', '审限变更'], ['docs', '文书'], ['archive', '电子卷宗目录']];
export const CLASSIC_TABS = TABS.map((t) => t[0]);

function table(id: string, headers: string[], rows: string[][]): string {
  const body = rows.length ? rows.map((r) => `<tr class="grid-row">${r.map((x) => `<td>${x}</td>`).join('')}</tr>`).join('\n')
    : `<tr class="empty"><td colspan="${headers.length}">无记录</td></tr>`;
  return `<table class="grid" id="${id}" cellspacing="0" cellpadding="0"><tr class="grid-head">${headers.map((h) => `<th>${h}</th>`).join('')}</tr>\n${body}</table>`;
}

export function basicFields(c: HostCase, date: (d?: string) => string, amount: (n?: number) => string): Array<[string, string]> {
  return [
    ['案号', date === cnDate ? fullWidthCaseNo(c.caseNo) : c.caseNo], ['案由', c.cause],
    ['案件类别', CATEGORY_LABELS[c.category]], ['程序', procedureLabel(c.category, c.procedure)],
    ['经办法院', c.courtName], ['立案日期', date(c.filedOn)],
    ['承办人', c.judge], ['承办部门', c.division],
    ['合议庭成员', c.panel.length ? c.panel.join('、') : '独任审判'], ['书记员', c.clerk],
    ['羁押状态', c.category === 'criminal' ? (c.detained ? '在押' : '未羁押') : ''], ['羁押日期', c.detained ? date(c.detainedSince) : ''],
    ['涉外', c.foreign ? '是' : '否'], [date === cnDate ? '标的额（元）' : '标的额', amount(c.amount)],
    ['案件状态', statusLabel(c)], ['结案日期', date(c.closedOn)],
    ['结案方式', c.closeMethod ?? ''], ['归档日期', date(c.archivedOn)],
    ['案件标识', c.signals.length ? c.signals.join('、') : '无'],
  ];
}

export function caseDetail(c: HostCase, tab: string): string {
  const head = `<div class="case-head"><span class="label">案号：</span><span id="caseNo">${esc(fullWidthCaseNo(c.caseNo))}</span>
&nbsp;&nbsp;<span class="label">案由：</span><span id="caseCause">${esc(c.cause)}</span></div>
<table class="tabbar" cellspacing="0"><tr>${TABS.map(([k, t]) => `<td class="tab${k === tab ? ' cur' : ''}"><a href="/classic/case/${c.id}/${k}">${t}</a></td>`).join('')}</tr></table>`;
  let body = '';
  if (tab === 'basic') {
    const f = basicFields(c, cnDate, money);
    const rows: string[] = [];
    for (let i = 0; i < f.length; i += 2) {
      const pair = (x?: [string, string]) => (x ? `<td class="label">${x[0]}</td><td class="value">${esc(x[1])}</td>` : '<td class="label"></td><td class="value"></td>');
      rows.push(`<tr>${pair(f[i])}${pair(f[i + 1])}</tr>`);
    }
    body = `<table class="form-table" id="baseInfo" cellspacing="0" cellpadding="0">\n${rows.join('\n')}\n</table>`;
  } else if (tab === 'parties') {
    body = table('partyList', ['序号', '诉讼地位', '当事人名称', '当事人类型'], c.parties.map((p, i) => [String(i + 1), esc(p.role), esc(p.name), esc(p.type)]));
  } else if (tab === 'changes') {
    const ev = <K extends CaseEvent['kind']>(k: K) => c.events.filter((e): e is Extract<CaseEvent, { kind: K }> => e.kind === k);
    const pl = (p?: string) => esc(p ? procedureLabel(c.category, p as HostCase['procedure']) : '');
    const ded = c.events.filter((e): e is Extract<CaseEvent, { kind: 'deduction' | 'suspension' }> => e.kind === 'deduction' || e.kind === 'suspension');
    const sec = (title: string, t: string) => `<div class="section"><div class="section-title">${title}</div>${t}</div>`;
    body = [
      sec('延长审限', table('extList', ['序号', '申请日期', '批准日期', '延长期限', '审批人', '延长事由'],
        ev('extension').map((e, i) => [String(i + 1), cnDate(e.appliedOn), cnDate(e.on), period(e), esc(e.approvedBy), esc(e.reason)]))),
      sec('扣除审限/中止审理', table('deductList', ['序号', '类型', '事由', '起始日期', '结束日期', '审批人'],
        ded.map((e, i) => [String(i + 1), e.kind === 'deduction' ? '扣除' : '中止', esc(e.reason), cnDate(e.from), cnDate(e.to), esc(e.kind === 'deduction' ? e.approvedBy : '')]))),
      sec('程序转换', table('convertList', ['序号', '转换日期', '原程序', '现程序'], ev('conversion').map((e, i) => [String(i + 1), cnDate(e.on), pl(e.from), pl(e.to)]))),
      sec('重新计算审限', table('restartList', ['序号', '日期', '事由'], ev('restart').map((e, i) => [String(i + 1), cnDate(e.on), esc(e.reason)]))),
      sec('开庭记录', table('hearingList', ['序号', '开庭日期', '开庭状态', '延期事由'],
        ev('hearing').map((e, i) => [String(i + 1), cnDate(e.on), e.postponed ? '延期开庭' : '已开庭', esc(e.postponed ? e.reason : '')]))),
    ].join('\n');
  } else if (tab === 'docs') {
    const docs = c.documents.filter((d) => d.status);
    body = `<table class="grid" id="docList" cellspacing="0" cellpadding="0"><tr class="grid-head"><th>序号</th><th>文书名称</th><th>制作日期</th><th>文书状态</th><th>操作</th></tr>
${docs.map((d, i) => `<tr class="grid-row" id="doc-${esc(d.ref)}"><td>${i + 1}</td><td>${esc(d.title)}</td><td>${cnDate(d.date)}</td><td>${DOC_STATUS_LABELS[d.status!]}</td>
<td>${d.status === 'draft' ? `<a class="btn-review" href="/classic/case/${c.id}/docs#doc-${esc(d.ref)}">阅核</a>` : '<a href="javascript:void(0)">查看</a>'}</td></tr>`).join('\n') || '<tr class="empty"><td colspan="5">无记录</td></tr>'}
</table>`;
  } else {
    const vol = (v: 'main' | 'sub') => c.documents.filter((d) => d.volume === v).map((d, i) => [String(i + 1), esc(d.title), cnDate(d.date), String(d.pages ?? '')]);
    body = `<div class="volume" id="volMain"><div class="section-title">正卷</div>${table('zjList', ['序号', '材料名称', '日期', '页数'], vol('main'))}</div>
<div class="volume" id="volSub"><div class="section-title">副卷</div>${table('fjList', ['序号', '材料名称', '日期', '页数'], vol('sub'))}</div>`;
  }
  return page(`${fullWidthCaseNo(c.caseNo)} - 案件详情`, head + body);
}

export function reviewList(items: ReviewItem[]): string {
  return page('待阅核', `<div class="page-title">待阅核</div>
${table('reviewList', ['序号', '案号', '案由', '承办人', '承办部门', '文书名称', '提交日期', '阅核事由', '操作'], items.map((r, i) => [
    String(i + 1), `<a href="/classic/case/${r.caseId}/docs">${esc(fullWidthCaseNo(r.caseNo))}</a>`, esc(r.cause), esc(r.judge), esc(r.division),
    esc(r.documentTitle), cnDate(r.submittedOn), esc(r.triggers.join('、')), `<a class="btn-review" href="/classic/case/${r.caseId}/docs#doc-${esc(r.documentRef)}">阅核</a>`]))}`);
}
