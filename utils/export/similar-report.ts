// The 类案检索报告 (domain.md §10.3) as document blocks: one source for the .docx and the printable HTML page,
// so both carry every field: 检索主体、时间、平台、方法（含检索式）、结果（分层级数量、时间范围）、每件类案（案号、法院、层级、
// 裁判日期、是否经审委会讨论、裁判要点）、相似性比对、待决案件争议焦点、结论（参照 / 参考 / 不适用及理由）、冲突处理. Pure.
import type { SimilarReport } from '../search/similar-messages';
import { buildDocx, type DocxBlock } from './docx';

const yesNo = (v: boolean | null) => (v === null ? '不明' : v ? '是' : '否');
const windowText = (v: boolean | null, tier: number) =>
  tier === 1 ? '指导性案例（不受时间限制）' : v === null ? '裁判日期不明' : v ? '在检索期间内' : '早于检索期间';

export function reportBlocks(r: SimilarReport): DocxBlock[] {
  const b: DocxBlock[] = [];
  b.push({ kind: 'title', text: '类案检索报告' });
  b.push({
    kind: 'table',
    widths: [1, 3],
    rows: [
      ['待决案件案号', r.pendingCase.caseNo ?? '—'],
      ['案由 / 罪名', r.pendingCase.title ?? '—'],
      ['检索主体', `${r.subject.name}（${r.subject.role}）`],
      ['检索时间', r.time],
      ['检索平台', r.platforms.join('、')],
      ['检索类型', r.mandatoryReasons.length ? `应当检索：${r.mandatoryReasons.join('；')}` : '自主检索'],
    ],
  });
  b.push({ kind: 'heading', text: '一、检索方法' });
  if (r.methods.length) b.push({ kind: 'table', header: true, widths: [1, 4], rows: [['方法', '检索式'], ...r.methods.map((m) => [m.method, m.query])] });
  else b.push({ kind: 'paragraph', text: '（无）' });
  b.push({ kind: 'heading', text: '二、检索结果' });
  b.push({ kind: 'paragraph', text: `检索时间范围：${r.results.window.from} 至 ${r.results.window.to}（近 ${r.results.window.years} 年）。${r.results.window.note}` });
  b.push({
    kind: 'table',
    header: true,
    widths: [4, 1, 1, 1, 1],
    rows: [['层级', '数量', '期间内', '期间外', '日期不明'], ...r.results.perTier.map((t) => [t.label, String(t.count), String(t.inWindow), String(t.outOfWindow), String(t.unknownDate)])],
  });
  b.push({ kind: 'paragraph', text: r.results.note });
  b.push({ kind: 'heading', text: '三、待决案件争议焦点' });
  if (r.pendingIssues.length) r.pendingIssues.forEach((i, n) => b.push({ kind: 'paragraph', text: `${n + 1}. ${i}` }));
  else b.push({ kind: 'paragraph', text: '（未列明）' });
  b.push({ kind: 'heading', text: '四、类案及相似性比对' });
  if (!r.cases.length) b.push({ kind: 'paragraph', text: '未检索到类案。' });
  r.cases.forEach((c, n) => {
    b.push({ kind: 'paragraph', bold: true, text: `类案 ${n + 1}：${c.caseNo ?? c.title ?? c.id}` });
    b.push({
      kind: 'table',
      widths: [1, 3],
      rows: [
        ['案号', c.caseNo ?? '—'],
        ['标题', c.title ?? '—'],
        ['审理法院', c.court ?? '—'],
        ['层级', c.tierLabel],
        ['裁判日期', `${c.date ?? '不明'}（${windowText(c.inWindow, c.tier)}）`],
        ['是否经审委会讨论', yesNo(c.discussedByCommittee)],
        [c.keyPointsSource === '裁判要旨' ? '裁判要点' : `裁判要点（取自${c.keyPointsSource}）`, c.keyPoints],
        ['基本事实', `${c.similarity.basicFacts.level}　${c.similarity.basicFacts.basis.join('；')}`],
        ['争议焦点', `${c.similarity.disputedIssues.level}　${c.similarity.disputedIssues.basis.join('；')}`],
        ['法律适用', `${c.similarity.lawApplication.level}　${c.similarity.lawApplication.basis.join('；')}`],
        ['结论', `${c.conclusion}${c.suggested ? '（系统建议，待承办法官确认）' : ''}`],
        ['理由', c.reasons.join('；')],
      ],
    });
  });
  b.push({ kind: 'heading', text: '五、结论' });
  b.push({ kind: 'paragraph', text: `参照 ${r.summary.参照} 件，参考 ${r.summary.参考} 件，不适用 ${r.summary.不适用} 件。` });
  b.push({ kind: 'heading', text: '六、冲突处理' });
  if (r.conflicts.detected) {
    for (const g of r.conflicts.groups) {
      b.push({ kind: 'paragraph', text: `涉及 ${g.shared.join('、')} 的类案 ${g.caseIds.length} 件，优先参照 ${g.preferred}（${g.why.join('；')}）` });
    }
  } else b.push({ kind: 'paragraph', text: '未发现相互冲突的类案。' });
  if (r.conflicts.note) b.push({ kind: 'paragraph', text: `承办法官说明：${r.conflicts.note}` });
  b.push({ kind: 'paragraph', text: r.conflicts.rule });
  b.push({ kind: 'paragraph', text: '本报告随案归档备查（法发〔2020〕24号第七条）。' });
  return b;
}

export function reportFileName(r: SimilarReport, ext: 'docx' | 'html'): string {
  const no = (r.pendingCase.caseNo ?? '案件').replace(/[\\/:*?"<>|\s]/g, '');
  return `类案检索报告-${no}.${ext}`;
}

export function reportDocx(r: SimilarReport): Uint8Array {
  return buildDocx(reportBlocks(r), { title: `类案检索报告 ${r.pendingCase.caseNo ?? ''}`.trim(), created: r.time });
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A standalone printable HTML page (every string escaped). */
export function reportHtml(r: SimilarReport): string {
  const body = reportBlocks(r)
    .map((b) => {
      switch (b.kind) {
        case 'title':
          return `<h1>${esc(b.text)}</h1>`;
        case 'heading':
          return `<h2>${esc(b.text)}</h2>`;
        case 'paragraph':
          return `<p${b.bold ? ' class="b"' : ''}>${esc(b.text).replace(/\n/g, '<br>')}</p>`;
        case 'table':
          return `<table>${b.rows
            .map((row, i) => `<tr>${row.map((c) => (b.header && i === 0 ? `<th>${esc(c)}</th>` : `<td>${esc(c)}</td>`)).join('')}</tr>`)
            .join('')}</table>`;
      }
    })
    .join('\n');
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(reportFileName(r, 'html').replace(/\.html$/, ''))}</title>
<style>body{font-family:"SimSun","宋体","Songti SC",serif;font-size:12pt;margin:2cm;color:#000}h1{text-align:center;font-size:18pt}
h2{font-size:14pt;margin-top:1.2em}table{border-collapse:collapse;width:100%;margin:.4em 0}td,th{border:1px solid #000;padding:3px 6px;vertical-align:top;text-align:left}
th{background:#eee}p.b{font-weight:bold}@media print{body{margin:0}.noprint{display:none}}</style></head>
<body><p class="noprint"><button onclick="window.print()">打印</button></p>
${body}
</body></html>`;
}
