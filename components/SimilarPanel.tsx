// The 类案 panel on the case page: prompts when 类案检索 is mandatory or a party cited a 指导性案例 / 入库案例, the editable
// query, results grouped by tier ①–④ with the 3-year window marked and the reasons each matched, 参照 / 参考 / 不相关
// marks, and the 类案检索报告 (save, .docx, printable HTML). Props in → markup out: no messaging, no storage.
import { useState } from 'preact/hooks';
import type { z } from 'zod';
import type {
  SearchSimilarReplySchema, SimilarContextReplySchema, SimilarHit, SimilarMark, SimilarQueryInput, SimilarReport,
} from '../utils/search/similar-messages';
import { SIMILAR_MARKS } from '../utils/search/similar-marks';

export type SimilarContext = z.infer<typeof SimilarContextReplySchema>;
export type SearchReply = z.infer<typeof SearchSimilarReplySchema>;
type Marks = SimilarContext['marks'];

export interface ReportForm {
  searcher: { name: string; role: string };
  issues: string[];
  conflictNote?: string;
}

export interface SimilarPanelProps {
  caseNo: string;
  context: SimilarContext;
  onSearch(query: SimilarQueryInput): Promise<SearchReply | string>;
  onMark(docId: string, mark: SimilarMark | null): Promise<Marks | string>;
  onSaveReport(form: ReportForm): Promise<SimilarReport | string>;
  onDownload(report: SimilarReport, format: 'docx' | 'html'): void;
  /** start expanded (default: expanded when a prompt applies) */
  open?: boolean;
}

const TIER_NAMES: Record<number, string> = {
  1: '① 指导性案例',
  2: '② 最高人民法院典型案例及生效裁判',
  3: '③ 本省高级人民法院参考性案例及生效裁判',
  4: '④ 上一级法院及本院生效裁判',
};

const splitList = (s: string) => s.split(/[、，,；;\n]+/).map((x) => x.trim()).filter(Boolean);

export function SimilarPanel(props: SimilarPanelProps) {
  const { context } = props;
  const prompts = context.mandatory.length + context.citations.length;
  const [open, setOpen] = useState(props.open ?? prompts > 0);
  const initial = context.lastQuery ?? context.defaultQuery;
  const [text, setText] = useState(initial.text);
  const [cause, setCause] = useState(initial.cause ?? '');
  const [charges, setCharges] = useState(initial.charges.join('、'));
  const [statutes, setStatutes] = useState(initial.statutes.join('；'));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [reply, setReply] = useState<SearchReply | null>(
    context.lastHits.length ? { status: 'ok', message: null, hits: context.lastHits, corpusSize: context.corpus.docs, window: windowOf(context.today) } : null,
  );
  const [marks, setMarks] = useState<Marks>(context.marks);
  const [report, setReport] = useState<SimilarReport | null>(context.report);

  const run = async () => {
    setBusy(true);
    setError('');
    const q: SimilarQueryInput = { text, charges: splitList(charges), statutes: splitList(statutes), ...(cause.trim() ? { cause: cause.trim() } : {}) };
    const r = await props.onSearch(q);
    setBusy(false);
    if (typeof r === 'string') setError(r);
    else setReply(r);
  };
  const mark = async (id: string, m: SimilarMark) => {
    const next = marks[id]?.mark === m ? null : m;
    const r = await props.onMark(id, next);
    if (typeof r === 'string') setError(r);
    else setMarks(r);
  };

  return (
    <div class="zx zx-panel zx-similar" data-zx-panel="similar">
      <h3 class="zx-row">
        <span>类案检索</span>
        {context.mandatory.length > 0 && <span class="zx-tag zx-tag-warn" data-zx="similar-mandatory-tag">应当检索</span>}
        {context.citations.length > 0 && <span class="zx-tag zx-tag-warn">须回应引用案例</span>}
        {report && <span class="zx-tag">已生成报告</span>}
        <button type="button" data-zx="similar-toggle" onClick={() => setOpen(!open)}>{open ? '收起' : '展开'}</button>
      </h3>
      {context.mandatory.map((m) => (
        <div class="zx-warning" data-zx="similar-mandatory">
          <strong>应当进行类案检索</strong>：{m.reason}
          <div class="zx-basis">依据：{m.basis}</div>
        </div>
      ))}
      {context.citations.map((c) => (
        <div class="zx-warning zx-sev-urgent" data-zx="similar-citation">
          <strong>须在说理中回应</strong>：{c.message}
          <div class="zx-basis">出处：{c.source}</div>
        </div>
      ))}
      {open && (
        <div data-zx="similar-body">
          <p class="zx-muted" data-zx="similar-corpus">
            {context.corpus.docs > 0
              ? `本地案例库 ${context.corpus.docs} 件${context.corpus.imported ? `（本次自动导入演示案例 ${context.corpus.imported} 件）` : ''}；检索期间 ${windowOf(context.today).from} 至 ${context.today}（指导性案例不受限）。`
              : '本地案例库为空：请在“选项 → 案例库导入”中导入人民法院案例库条目后再检索。'}
          </p>
          {context.corpus.error && <p class="zx-error">{context.corpus.error}</p>}
          <label class="zx-similar-field">基本事实 / 争议焦点（可编辑；办案系统页面通常不显示案情，请补充）
            <textarea data-zx="similar-text" value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
          </label>
          <div class="zx-row">
            <label>案由 <input data-zx="similar-cause" value={cause} onInput={(e) => setCause((e.target as HTMLInputElement).value)} /></label>
            <label>罪名 <input data-zx="similar-charges" value={charges} onInput={(e) => setCharges((e.target as HTMLInputElement).value)} /></label>
            <label>法条 <input data-zx="similar-statutes" value={statutes} placeholder="如：民法典第六百七十五条" onInput={(e) => setStatutes((e.target as HTMLInputElement).value)} /></label>
            <button type="button" class="zx-primary" data-zx="similar-search" disabled={busy} onClick={() => void run()}>{busy ? '检索中…' : '检索类案'}</button>
          </div>
          {error && <p class="zx-error" data-zx="similar-error">{error}</p>}
          {reply?.status === 'needsMoreFacts' && <div class="zx-warning" data-zx="needs-more-facts">{reply.message}</div>}
          {reply?.status === 'ok' && <Results reply={reply} marks={marks} onMark={mark} />}
          {reply?.status === 'ok' && reply.hits.length > 0 && (
            <ReportControls report={report} onSave={async (f) => {
              const r = await props.onSaveReport(f);
              if (typeof r === 'string') setError(r);
              else setReport(r);
            }} onDownload={(fmt) => report && props.onDownload(report, fmt)} />
          )}
        </div>
      )}
    </div>
  );
}

function windowOf(today: string): { years: number; from: string; to: string } {
  const [y, m, d] = today.split('-');
  return { years: 3, from: `${Number(y) - 3}-${m}-${m === '02' && d === '29' ? '28' : d}`, to: today };
}

function Results({ reply, marks, onMark }: { reply: SearchReply; marks: Marks; onMark: (id: string, m: SimilarMark) => void }) {
  if (!reply.hits.length) return <p class="zx-muted" data-zx="similar-empty">未检索到类案（案例库 {reply.corpusSize} 件）。</p>;
  return (
    <div data-zx="similar-results">
      <p class="zx-muted">共 {reply.hits.length} 件，按层级 ①→④ 排列；检索期间 {reply.window.from} 至 {reply.window.to}，期间外的案例已标明。</p>
      {[1, 2, 3, 4].map((tier) => {
        const mine = reply.hits.filter((h) => h.tier === tier);
        const ordered = [...mine.filter((h) => h.inWindow === true), ...mine.filter((h) => h.inWindow !== true)];
        return (
          <div data-zx-tier={tier}>
            <h4>{TIER_NAMES[tier]}（{mine.length} 件）</h4>
            {ordered.map((h) => <HitRow hit={h} mark={marks[h.id]?.mark} onMark={onMark} />)}
          </div>
        );
      })}
    </div>
  );
}

function HitRow({ hit, mark, onMark }: { hit: SimilarHit; mark?: SimilarMark; onMark: (id: string, m: SimilarMark) => void }) {
  const why = [
    hit.reasons.charges.length ? `相同罪名/案由：${hit.reasons.charges.join('、')}` : '',
    hit.reasons.statutes.length ? `相同法条：${hit.reasons.statutes.join('、')}` : '',
    hit.reasons.terms.length ? `共同关键词：${hit.reasons.terms.join('、')}` : '',
  ].filter(Boolean);
  return (
    <div class="zx-similar-hit" data-zx-hit={hit.id} data-zx-mark={mark ?? ''}>
      <div class="zx-row">
        <strong data-zx="hit-caseno">{hit.caseNo ?? hit.title ?? hit.id}</strong>
        <span>{hit.court ?? '法院不明'}</span>
        <span>{hit.date ?? '日期不明'}</span>
        <span class="zx-tag">{TIER_NAMES[hit.tier]}</span>
        {hit.tier !== 1 && hit.inWindow === false && <span class="zx-tag zx-tag-warn" data-zx="out-of-window">早于近3年</span>}
        {hit.tier !== 1 && hit.inWindow === null && <span class="zx-tag zx-tag-warn">日期不明</span>}
        {hit.discussedByCommittee && <span class="zx-tag">经审委会讨论</span>}
      </div>
      {hit.title && hit.caseNo && <div>{hit.title}</div>}
      <div class="zx-similar-gist"><span class="zx-muted">{hit.gistSource}：</span>{hit.gist}</div>
      <div class="zx-basis" data-zx="hit-reasons">匹配原因：{why.length ? why.join('；') : '文本相似'}</div>
      <div class="zx-row" role="group" aria-label="标记">
        {SIMILAR_MARKS.map((m) => (
          <button type="button" data-zx-mark-btn={m} aria-pressed={mark === m} class={mark === m ? 'zx-primary' : ''} onClick={() => onMark(hit.id, m)}>{m}</button>
        ))}
        {hit.tier === 1 && <span class="zx-muted">指导性案例与本案类似的，应当参照（第九条）</span>}
      </div>
    </div>
  );
}

function ReportControls({ report, onSave, onDownload }: { report: SimilarReport | null; onSave: (f: ReportForm) => Promise<void>; onDownload: (fmt: 'docx' | 'html') => void }) {
  const [name, setName] = useState(report?.subject.name ?? '');
  const [role, setRole] = useState(report?.subject.role ?? '承办法官');
  const [issues, setIssues] = useState(report?.pendingIssues.join('\n') ?? '');
  const [note, setNote] = useState(report?.conflicts.note ?? '');
  const [problem, setProblem] = useState('');
  const save = async () => {
    if (!name.trim()) return setProblem('请填写检索人姓名');
    setProblem('');
    await onSave({ searcher: { name: name.trim(), role }, issues: issues.split('\n').map((s) => s.trim()).filter(Boolean), ...(note.trim() ? { conflictNote: note.trim() } : {}) });
  };
  return (
    <div data-zx="similar-report">
      <h4>类案检索报告</h4>
      <div class="zx-row">
        <label>检索人 <input data-zx="report-name" value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} /></label>
        <select data-zx="report-role" value={role} onChange={(e) => setRole((e.target as HTMLSelectElement).value)}>
          <option value="承办法官">承办法官</option>
          <option value="法官助理">法官助理</option>
        </select>
      </div>
      <label>待决案件争议焦点（每行一项）<textarea data-zx="report-issues" value={issues} onInput={(e) => setIssues((e.target as HTMLTextAreaElement).value)} /></label>
      <label>冲突处理说明（可选）<textarea data-zx="report-conflict" value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} /></label>
      {problem && <p class="zx-error">{problem}</p>}
      <div class="zx-row">
        <button type="button" class="zx-primary" data-zx="report-save" onClick={() => void save()}>{report ? '更新报告' : '生成并保存报告'}</button>
        {report && <button type="button" data-zx="report-docx" onClick={() => onDownload('docx')}>下载 Word（.docx）</button>}
        {report && <button type="button" data-zx="report-html" onClick={() => onDownload('html')}>打印版（HTML）</button>}
      </div>
      {report && (
        <p class="zx-muted" data-zx="report-summary">
          已保存（{report.time}）：类案 {report.cases.length} 件，参照 {report.summary.参照} 件、参考 {report.summary.参考} 件、不适用 {report.summary.不适用} 件。未标记的结果按系统建议列明，请确认。
        </p>
      )}
    </div>
  );
}
