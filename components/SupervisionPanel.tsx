// 四类案件 supervision and 阅核 panel on the case page (domain.md §8–§9): the judge's prompt with its reasons,
// marks with their history and a mark / un-mark form (reason required), the 阅核 requirement, sign-offs with
// their sync state, the inline sign-off form for reviewers on the 文书 tab, and the 监管日志 export.
// Props in → markup out; every host-derived string is rendered as text.
import { useState } from 'preact/hooks';
import type { SignoffSummary, SupervisionReply } from '../utils/messaging/supervision-messages';
import { SignoffForm, type SignoffRequest } from './SignoffForm';

export interface MarkRequest {
  action: 'mark' | 'unmark';
  category: 1 | 2 | 3 | 4;
  subSituation: string;
  reason: string;
}

export type SupervisionPanelState =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; reply: SupervisionReply };

export interface SupervisionPanelProps {
  state: SupervisionPanelState;
  /** the 文书 tab with a draft: show the sign-off form to a reviewer */
  judgmentPage: boolean;
  onAck?(promptId: string): Promise<string | null>;
  onMark?(req: MarkRequest): Promise<string | null>;
  onSignoff?(req: SignoffRequest): Promise<string | null>;
  onExport?(format: 'json' | 'html'): Promise<string | null>;
  onRetry?(): Promise<string | null>;
}

const SYNC_TEXT: Record<SignoffSummary['sync'], string> = {
  synced: '已同步至办案系统',
  queued: '未同步（已排队，将自动重试）',
  failed: '同步失败（已保存在本机，可导出）',
  local: '仅保存在本机（办案系统无回写接口，可导出）',
};

export function SupervisionPanel(props: SupervisionPanelProps) {
  const { state } = props;
  if (state.kind === 'loading') return <div class="zx zx-panel zx-supervision" data-zx-panel="supervision"><h3>四类案件与阅核</h3><p class="zx-muted">读取中…</p></div>;
  if (state.kind === 'error') {
    return <div class="zx zx-panel zx-supervision" data-zx-panel="supervision"><h3>四类案件与阅核</h3><p class="zx-error">无法读取：{state.message}</p></div>;
  }
  const r = state.reply;
  const signed = r.draft && r.viewer ? r.signoffs.filter((s) => s.documentRef === r.draft!.ref && s.reviewer === r.viewer!.name) : [];
  return (
    <div class="zx zx-panel zx-supervision" data-zx-panel="supervision" data-case-no={r.caseNo}>
      <h3>
        四类案件与阅核
        {r.pendingMine && <span class="zx-badge zx-level-urgent" data-zx="pending-mine">待我阅核</span>}
        {r.review.required && <span class="zx-tag zx-tag-warn" data-zx="review-required">需阅核</span>}
      </h3>
      {!r.chain.ok && (
        <p class="zx-error" role="alert" data-zx="chain-broken">
          监管日志完整性校验未通过（未自动修复）：{r.chain.problems.join('；')}
        </p>
      )}
      {r.prompt && <Prompt prompt={r.prompt} onAck={props.onAck} />}
      <Marks reply={r} onMark={props.onMark} />
      <section data-zx="review">
        <h4>阅核</h4>
        {r.review.rulesError && <p class="zx-error">{r.review.rulesError}</p>}
        <p>{r.review.required ? `须经阅核（${r.review.reviewers.join('、')}）` : '本案目前不在阅核范围内'}</p>
        <ul>{r.review.reasons.map((x) => <li>{x}</li>)}</ul>
        {r.review.basis.length > 0 && <p class="zx-muted zx-basis">依据：{r.review.basis.join('；')}</p>}
        {r.draft && <p>待阅核文书：{r.draft.title}</p>}
        <Signoffs list={r.signoffs} onRetry={props.onRetry} />
        {props.judgmentPage && r.draft && r.viewer && r.canSign.ok && signed.length === 0 && props.onSignoff && (
          <SignoffForm
            reviewer={r.viewer.name}
            role={r.canSign.role ?? r.viewer.role ?? ''}
            documentTitle={r.draft.title}
            triggers={r.review.triggers}
            onSubmit={props.onSignoff}
          />
        )}
        {props.judgmentPage && r.draft && r.viewer?.reviewerRole && !r.canSign.ok && (
          <p class="zx-muted" data-zx="cannot-sign">不能签署：{r.canSign.reason}</p>
        )}
      </section>
      <Export onExport={props.onExport} count={r.chain.count} />
    </div>
  );
}

function Prompt({ prompt, onAck }: { prompt: NonNullable<SupervisionReply['prompt']>; onAck?: (id: string) => Promise<string | null> }) {
  const [err, setErr] = useState<string | null>(null);
  return (
    <div class={`zx-prompt zx-prompt-${prompt.kind}`} role="note" data-zx="four-prompt" data-kind={prompt.kind}>
      <p><strong>{prompt.text}</strong></p>
      <ul>{prompt.reasons.map((x) => <li>{x}</li>)}</ul>
      <p class="zx-muted zx-basis">依据：{prompt.basis.join('；')}</p>
      {prompt.acknowledged
        ? <p class="zx-muted" data-zx="prompt-acked">已确认知悉（已记入监管日志）</p>
        : onAck && <button type="button" data-zx="prompt-ack" onClick={async () => setErr(await onAck(prompt.id))}>已知悉</button>}
      {err && <p class="zx-error">{err}</p>}
    </div>
  );
}

function Marks({ reply, onMark }: { reply: SupervisionReply; onMark?: (req: MarkRequest) => Promise<string | null> }) {
  const f = reply.fourCategory;
  const [open, setOpen] = useState<null | 'mark' | 'unmark'>(null);
  const [category, setCategory] = useState<1 | 2 | 3 | 4>(f.suggestions[0]?.category ?? 1);
  const [sub, setSub] = useState(f.suggestions[0]?.subSituation ?? '');
  const [reason, setReason] = useState('');
  const [err, setErr] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const subs = reply.categories.find((c) => c.category === category)?.subSituations ?? [];
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!onMark || !open || busy) return;
    if (!reason.trim()) return setErr(open === 'mark' ? '标记四类案件必须填写理由' : '撤销标记必须填写理由');
    if (open === 'mark' && !sub.trim()) return setErr('标记四类案件必须选择或填写具体情形');
    setBusy(true);
    const e2 = await onMark({ action: open, category, subSituation: open === 'mark' ? sub.trim() : '', reason: reason.trim() });
    setBusy(false);
    if (e2) setErr(e2);
    else {
      setOpen(null);
      setReason('');
      setErr(null);
    }
  };
  return (
    <section data-zx="marks">
      <h4>四类标记</h4>
      {f.marks.length === 0 && !f.hostFlagged && <p class="zx-muted">未标记为四类案件{f.suggestions.length ? '（有系统识别提示，待人工确认）' : ''}</p>}
      {f.hostFlagged && <p>办案系统已将本案列为四类案件</p>}
      <ul>
        {f.marks.map((m) => <li data-zx="mark">第{m.category}类 {m.subSituation}：{m.reason}（{m.by}{m.role ? `，${m.role}` : ''}，{m.at.slice(0, 16).replace('T', ' ')}）</li>)}
      </ul>
      {onMark && reply.viewer && (
        <div class="zx-row">
          <button type="button" data-zx="mark-open" onClick={() => { setOpen('mark'); setErr(null); }}>标记四类案件</button>
          {f.marks.length > 0 && <button type="button" data-zx="unmark-open" onClick={() => { setOpen('unmark'); setCategory(f.marks[0].category); setErr(null); }}>撤销标记</button>}
        </div>
      )}
      {open && (
        <form data-zx="mark-form" onSubmit={submit}>
          <label>
            类别
            <select name="category" value={String(category)} onChange={(e) => { const c = Number((e.target as HTMLSelectElement).value) as 1 | 2 | 3 | 4; setCategory(c); setSub(reply.categories.find((x) => x.category === c)?.subSituations[0] ?? ''); }}>
              {reply.categories.map((c) => <option value={String(c.category)}>第{c.category}类：{c.name}</option>)}
            </select>
          </label>
          {open === 'mark' && (
            <label>
              具体情形
              <input name="subSituation" list="zx-subs" value={sub} onInput={(e) => setSub((e.target as HTMLInputElement).value)} />
              <datalist id="zx-subs">{subs.map((s) => <option value={s} />)}</datalist>
            </label>
          )}
          <label>
            理由（必填）
            <textarea name="reason" rows={2} value={reason} onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)} />
          </label>
          {err && <p class="zx-error" role="alert">{err}</p>}
          <button type="submit" class="zx-primary" disabled={busy} data-zx="mark-submit">{open === 'mark' ? '确认标记' : '确认撤销'}</button>
          <button type="button" onClick={() => setOpen(null)}>取消</button>
        </form>
      )}
      {f.history.length > 0 && (
        <details>
          <summary>标记记录（{f.history.length}）</summary>
          <ul>
            {f.history.map((h) => (
              <li>{h.at.slice(0, 16).replace('T', ' ')} {h.action === 'mark' ? '标记' : h.action === 'unmark' ? '撤销标记' : '系统识别'} 第{h.category}类 {h.subSituation}：{h.reason}（{h.by}）</li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function Signoffs({ list, onRetry }: { list: SignoffSummary[]; onRetry?: () => Promise<string | null> }) {
  const [msg, setMsg] = useState<string | null>(null);
  if (list.length === 0) return <p class="zx-muted" data-zx="no-signoffs">尚无阅核记录</p>;
  const waiting = list.some((s) => s.sync === 'queued');
  return (
    <div data-zx="signoffs">
      <table>
        <thead><tr><th>阅核人</th><th>结论</th><th>意见 / 建议途径</th><th>时间</th><th>状态</th></tr></thead>
        <tbody>
          {list.map((s) => (
            <tr data-zx="signoff" data-sync={s.sync} data-client-id={s.clientId}>
              <td>{s.reviewer}（{s.reviewerRole}）</td>
              <td>{s.decision}</td>
              <td>{s.opinion ?? ''}{s.recommendedRoute ? `（建议：${s.recommendedRoute}）` : ''}</td>
              <td>{s.reviewedAt.slice(0, 16).replace('T', ' ')}</td>
              <td title={s.lastError ?? ''}>{SYNC_TEXT[s.sync]}{s.lastError && s.sync !== 'synced' ? `：${s.lastError}` : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {waiting && onRetry && <button type="button" data-zx="retry" onClick={async () => setMsg(await onRetry())}>立即重试同步</button>}
      {msg && <p class="zx-muted">{msg}</p>}
    </div>
  );
}

function Export({ onExport, count }: { onExport?: (f: 'json' | 'html') => Promise<string | null>; count: number }) {
  const [msg, setMsg] = useState<string | null>(null);
  if (!onExport) return null;
  return (
    <section data-zx="export">
      <h4>监管日志</h4>
      <div class="zx-row">
        <button type="button" data-zx="export-json" onClick={async () => setMsg(await onExport('json'))}>导出监管日志（JSON）</button>
        <button type="button" data-zx="export-html" onClick={async () => setMsg(await onExport('html'))}>导出打印版（副卷）</button>
        <span class="zx-muted">链上共 {count} 条记录</span>
      </div>
      {msg && <p class={/未通过|失败/.test(msg) ? 'zx-error' : 'zx-muted'} data-zx="export-msg">{msg}</p>}
    </section>
  );
}
