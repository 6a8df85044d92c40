// 立卷归档 checklist on the 电子卷宗 page (domain.md §11): present / missing / not applicable with the reason,
// 正卷 and 副卷 apart, 送达回证 per party, the archive countdown, and the clerk's flags (缺失 / 待补扫 / 不适用) with
// their write-back state. Never says "complete" when the 目录 could not be read or no list applies.
// Props in, markup out: no messaging, no storage. Host-derived strings are rendered as text only.
import { useState } from 'preact/hooks';
import type { GetArchiveCheckReply } from '../utils/messaging/archive-messages';
import { ARCHIVE_FLAG_LABEL, COUNTDOWN_LABEL, missingOf } from '../utils/views/archive-labels';

export type ClerkFlagKind = '缺失' | '待补扫' | '不适用';
export const CLERK_FLAGS: ClerkFlagKind[] = ['缺失', '待补扫', '不适用'];

export type ArchivePanelState =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  /** the page itself could not be read (no case, or the 目录 section not found) */
  | { kind: 'unreadable'; reason: string }
  | { kind: 'ready'; reply: GetArchiveCheckReply };

export interface ArchiveFlagRequest {
  item: string;
  flag: ClerkFlagKind;
  reason: string;
  by: string;
}

export interface ArchivePanelProps {
  caseNo: string | null;
  state: ArchivePanelState;
  /** the clerk's chosen list (null: the list for the case type) */
  listId?: string | null;
  /** who flags (prefilled; editable) */
  defaultBy?: string;
  onChooseList?: (listId: string | null) => void;
  /** resolves to an error message, or null when stored */
  onFlag?: (req: ArchiveFlagRequest) => Promise<string | null>;
  onRefresh?: () => void;
}

const STATE_LABEL = { present: '已有', missing: '缺失', 'not-applicable': '不适用' } as const;
const SYNC_LABEL = { pending: '未同步', synced: '已同步', failed: '未同步（上次失败）' } as const;
const DEFAULT_REASON: Record<ClerkFlagKind, string> = { 缺失: '卷内确未见该材料', 待补扫: '纸质材料已有，电子卷宗待补扫', 不适用: '' };

type Flags = GetArchiveCheckReply['flags'];

export function ArchivePanel(props: ArchivePanelProps) {
  const { state, caseNo } = props;
  return (
    <div class="zx zx-panel zx-archive" data-zx-panel="archive" data-zx-state={state.kind === 'ready' ? state.reply.check?.problem ?? 'checked' : state.kind}>
      <h3>立卷归档核对{caseNo ? ` · ${caseNo}` : ''}
        {props.onRefresh && state.kind !== 'loading' && <button type="button" class="zx-archive-refresh" onClick={props.onRefresh}>刷新</button>}
      </h3>
      {state.kind === 'loading' && <p class="zx-muted">正在核对电子卷宗目录…</p>}
      {state.kind === 'error' && <p class="zx-error" data-zx="archive-error">核对失败：{state.message}（未作任何完整性判断）</p>}
      {state.kind === 'unreadable' && <Unreadable reason={state.reason} />}
      {state.kind === 'ready' && <Ready {...props} reply={state.reply} />}
    </div>
  );
}

function Unreadable({ reason }: { reason: string }) {
  return (
    <div class="zx-warning zx-sev-overdue" data-zx="archive-problem" data-problem="无法读取卷宗目录">
      <strong>无法读取卷宗目录</strong>：{reason}
      <div class="zx-basis">未读取到目录时不作“材料齐全”的判断。</div>
    </div>
  );
}

function Ready(props: ArchivePanelProps & { reply: GetArchiveCheckReply }) {
  const { reply } = props;
  const check = reply.check;
  if (!check) return <Unreadable reason="本机尚无该案件的数据：请稍候片刻后点击“刷新”。" />;
  const m = missingOf(check);
  const c = check.countdown;
  return (
    <div>
      {reply.tableError && <p class="zx-error">{reply.tableError}</p>}
      <div class="zx-row" data-zx="archive-countdown" data-countdown={c.state}>
        <span class={`zx-tag${c.state === 'due' || c.state === 'overdue' ? ' zx-tag-warn' : ''}`}>{COUNTDOWN_LABEL[c.state]}</span>
        {c.closedOn
          ? <span>结案 {c.closedOn}，已 {c.daysSinceClosed} 天；{c.warnOn} 起预警，{c.overdueOn} 起逾期</span>
          : <span class="zx-muted">未读取到结案日期，无法计算归档期限</span>}
      </div>
      <ListChooser {...props} reply={reply} />
      {check.problem === '无法读取卷宗目录' && <Unreadable reason={reply.problemReason ?? '电子卷宗目录无法读取'} />}
      {check.problem === '无适用清单' && (
        <div class="zx-warning" data-zx="archive-problem" data-problem="无适用清单">
          <strong>无适用清单</strong>：没有适用于本案类型的归档清单，请在上方选择一份清单核对（或在选项页导入本院清单）。
        </div>
      )}
      {!check.problem && (
        <div>
          <p data-zx="archive-summary" data-missing-count={m.count ?? ''}>
            按「{check.listName}」核对（{reply.tableSource === 'custom' ? '本院清单' : '内置清单'}）：
            {m.count ? <strong class="zx-error">缺 {m.count} 项</strong> : <strong>未发现缺项</strong>}
            {m.count ? `：${m.names.join('、')}` : ''}
          </p>
          {check.flags.length > 0 && (
            <div class="zx-row" data-zx="archive-flags">
              {check.flags.map((f) => <span class="zx-tag zx-tag-warn" data-flag={f}>{ARCHIVE_FLAG_LABEL[f] ?? f}</span>)}
            </div>
          )}
          <Volume title="正卷" volume="main" {...props} reply={reply} />
          <Volume title="副卷" volume="sub" {...props} reply={reply} />
          <ServiceProof {...props} reply={reply} />
          {check.unmatched.length > 0 && (
            <div data-zx="archive-unmatched">
              <h4>未归入清单的目录条目（{check.unmatched.length}）</h4>
              <ul>{check.unmatched.map((t) => <li>{t}</li>)}</ul>
            </div>
          )}
        </div>
      )}
      {check.notes.length > 0 && <ul class="zx-muted" data-zx="archive-notes">{check.notes.map((n) => <li>{n}</li>)}</ul>}
      <FlagLog flags={reply.flags} endpoint={reply.flagEndpoint} />
    </div>
  );
}

function ListChooser(props: ArchivePanelProps & { reply: GetArchiveCheckReply }) {
  const { reply, onChooseList } = props;
  if (!onChooseList || reply.lists.length === 0) return null;
  const current = props.listId ?? '';
  return (
    <div class="zx-row">
      <label>
        核对清单：
        <select data-zx="archive-list" value={current}
          onChange={(e) => onChooseList((e.target as HTMLSelectElement).value || null)}>
          <option value="">按案件类型自动选择{reply.check?.listName && !props.listId ? `（${reply.check.listName}）` : ''}</option>
          {reply.lists.map((l) => <option value={l.id}>{l.name}</option>)}
        </select>
      </label>
    </div>
  );
}

function latestFlag(flags: Flags, keys: string[]) {
  const f = flags.filter((x) => keys.includes(x.item));
  return f.length ? f[f.length - 1] : undefined;
}

function Volume(props: ArchivePanelProps & { reply: GetArchiveCheckReply; title: string; volume: 'main' | 'sub' }) {
  const items = props.reply.check!.items.filter((i) => i.volume === props.volume);
  if (items.length === 0) return null;
  const missing = items.filter((i) => i.state === 'missing').length;
  return (
    <div data-zx="archive-volume" data-volume={props.volume}>
      <h4>{props.title}（{items.length} 项，缺 {missing} 项）</h4>
      <table>
        <thead><tr><th>材料</th><th>状态</th><th>说明</th><th>标记</th></tr></thead>
        <tbody>
          {items.map((i) => (
            <tr data-item={i.id} data-state={i.state}>
              <td>{i.name}<div class="zx-basis zx-muted">依据：{i.basis}〔{i.tag}〕</div></td>
              <td class={i.state === 'missing' ? 'zx-error' : i.state === 'present' ? '' : 'zx-muted'}>{STATE_LABEL[i.state]}</td>
              <td>
                {i.reason}
                {i.matched.length > 0 && <div class="zx-muted">目录：{i.matched.join('；')}</div>}
              </td>
              <td><FlagCell {...props} item={i.name} keys={[i.name, i.id]} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ServiceProof(props: ArchivePanelProps & { reply: GetArchiveCheckReply }) {
  const sp = props.reply.check!.serviceProof;
  if (sp.length === 0) return null;
  return (
    <div data-zx="archive-service">
      <h4>送达回证（逐一当事人）</h4>
      <table>
        <thead><tr><th>送达文书</th><th>当事人</th><th>状态</th><th>凭证 / 说明</th><th>标记</th></tr></thead>
        <tbody>
          {sp.map((p) => {
            const item = `送达回证（${p.party}）`;
            return (
              <tr data-party={p.party} data-state={p.state}>
                <td>{p.document}</td>
                <td>{p.role ? `${p.role} ` : ''}{p.party}</td>
                <td class={p.state === 'missing' ? 'zx-error' : ''}>{p.state === 'missing' ? '缺失' : '已有'}</td>
                <td>{p.proofTitle ?? p.note ?? (p.state === 'missing' ? '卷内未见该当事人的送达回证或同等送达凭证（民诉法第八十七条）' : '')}</td>
                <td><FlagCell {...props} item={item} keys={[item]} /></td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function FlagCell(props: ArchivePanelProps & { reply: GetArchiveCheckReply; item: string; keys: string[] }) {
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<ClerkFlagKind>('缺失');
  const [reason, setReason] = useState(DEFAULT_REASON['缺失']);
  const [by, setBy] = useState(props.defaultBy ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const last = latestFlag(props.reply.flags, props.keys);
  const submit = async () => {
    setError(null);
    if (!reason.trim()) return setError(kind === '不适用' ? '标记“不适用”须说明理由' : '请填写说明');
    if (!by.trim()) return setError('请填写标记人');
    if (!props.onFlag) return;
    setBusy(true);
    const err = await props.onFlag({ item: props.item, flag: kind, reason: reason.trim(), by: by.trim() });
    setBusy(false);
    if (err) setError(err);
    else setOpen(false);
  };
  return (
    <div data-zx="flag-cell">
      {last && (
        <div data-zx="flag-current" data-flag={last.flag} data-sync={last.syncState}>
          <span class="zx-tag">{last.flag}</span> {last.reason}
          <span class={last.syncState === 'synced' ? 'zx-muted' : 'zx-error'}> · {SYNC_LABEL[last.syncState]}</span>
        </div>
      )}
      {props.onFlag && !open && <button type="button" data-zx="flag-open" onClick={() => setOpen(true)}>标记</button>}
      {open && (
        <div data-zx="flag-form">
          <div class="zx-row">
            {CLERK_FLAGS.map((k) => (
              <label><input type="radio" name={`zx-flag-${props.item}`} value={k} checked={kind === k}
                onChange={() => { setKind(k); setReason(DEFAULT_REASON[k]); }} />{k}</label>
            ))}
          </div>
          <div class="zx-row">
            <input data-zx="flag-reason" placeholder={kind === '不适用' ? '不适用的理由（必填）' : '说明'} value={reason}
              onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
            <input data-zx="flag-by" placeholder="标记人" value={by} size={6} onInput={(e) => setBy((e.target as HTMLInputElement).value)} />
          </div>
          <div class="zx-row">
            <button type="button" class="zx-primary" data-zx="flag-submit" disabled={busy} onClick={() => void submit()}>保存标记</button>
            <button type="button" onClick={() => setOpen(false)}>取消</button>
          </div>
          {error && <div class="zx-error" data-zx="flag-error">{error}</div>}
        </div>
      )}
    </div>
  );
}

function FlagLog({ flags, endpoint }: { flags: Flags; endpoint: string | null }) {
  if (flags.length === 0) return null;
  const unsynced = flags.filter((f) => f.syncState !== 'synced').length;
  return (
    <div data-zx="archive-flag-log">
      <h4>书记员标记（{flags.length}）{unsynced > 0 && <span class="zx-error"> · {unsynced} 条未同步</span>}</h4>
      {!endpoint && <p class="zx-muted">站点配置没有标记回写接口：标记仅保存在本机。</p>}
      <table>
        <tbody>
          {flags.map((f) => (
            <tr data-zx="flag-row" data-item={f.item} data-sync={f.syncState}>
              <td>{f.item}</td><td>{f.flag}</td><td>{f.reason}</td><td>{f.by}</td><td>{f.at.slice(0, 16).replace('T', ' ')}</td>
              <td class={f.syncState === 'synced' ? 'zx-muted' : 'zx-error'} title={f.lastError ?? ''}>{SYNC_LABEL[f.syncState]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
