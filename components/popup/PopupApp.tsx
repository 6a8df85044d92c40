// Popup: today's work. My cases grouped by level (overdue, urgent, warning, notice) and 长期未结, each opening
// the case page in the host system.
import { useEffect, useState } from 'preact/hooks';
import type { CaseView } from '../../utils/views/case-view';
import { badgeText } from '../CountdownBadge';
import { ClerkLedger } from './ClerkLedger';
import { POPUP_GROUP_ROWS } from './limits';
import { SupervisionLedger } from './SupervisionLedger';
import type { SupervisionLedger as SupervisionLedgerData } from '../../utils/background/supervision';
import type { LedgerRow } from '../../utils/views/archive-summary';

export interface PopupGroup {
  id: string;
  label: string;
  cases: CaseView[];
}

export interface PopupData {
  today: string;
  casesCached: number;
  /** whose cases the groups hold, e.g. 本人（王建国） */
  scope?: string;
  groups: PopupGroup[];
  /** the ledgers, read after the groups are on screen */
  later?: Promise<PopupLedgers>;
}

export interface PopupLedgers {
  /** 立卷归档: closed cases not yet archived (of the same scope as the groups) */
  ledger?: LedgerRow[];
  /** 庭长 / 分管院领导: 待阅核 with age, 四类 cases of the division with their 审限 status */
  supervision?: { ledger: SupervisionLedgerData; viewer?: string };
}

export function PopupApp({ load }: { load: () => Promise<PopupData> }) {
  const [data, setData] = useState<PopupData | null>(null);
  const [ledgers, setLedgers] = useState<PopupLedgers | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ledgerError, setLedgerError] = useState<string | null>(null);
  const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));
  useEffect(() => {
    load().then((d) => {
      setData(d);
      d.later?.then(setLedgers, (err: unknown) => setLedgerError(messageOf(err)));
    }, (err: unknown) => setError(messageOf(err)));
  }, [load]);
  if (error) return <div class="popup"><h1>质效助手</h1><p class="error">读取本地数据失败：{error}</p></div>;
  if (!data) return <div class="popup"><h1>质效助手</h1><p class="muted">读取中…</p></div>;
  return (
    <div class="popup">
      <h1>质效助手 <span class="muted">· 今日 {data.today} · 本机缓存 {data.casesCached} 件</span></h1>
      <p><a href="dashboard.html" target="_blank" rel="noopener" data-link="dashboard">质效看板</a> <span class="muted">指标、台账、导出与周通报</span></p>
      {data.casesCached === 0 && <p class="muted">尚无案件数据：打开办案系统的“我的案件”页面后，这里会列出需要关注的案件。</p>}
      {data.casesCached > 0 && data.scope && <p class="muted" data-scope>范围：{data.scope}</p>}
      {data.groups.map((g) => <CaseGroup group={g} />)}
      {data.later && !ledgers && !ledgerError && <p class="muted" data-ledgers-loading>台账读取中…</p>}
      {ledgerError && <p class="error">读取台账失败：{ledgerError}</p>}
      {ledgers?.ledger && <ClerkLedger rows={ledgers.ledger} today={data.today} />}
      {ledgers?.supervision && <SupervisionLedger ledger={ledgers.supervision.ledger} viewer={ledgers.supervision.viewer} />}
    </div>
  );
}

function CaseGroup({ group }: { group: PopupGroup }) {
  if (group.cases.length === 0) return null;
  const more = group.cases.length - POPUP_GROUP_ROWS;
  return (
    <section data-group={group.id}>
      <h2>{group.label}（{group.cases.length}）</h2>
      <ul class="cases">
        {group.cases.slice(0, POPUP_GROUP_ROWS).map((c) => (
          <li data-case-no={c.caseNo}>
            <span class={`pill pill-${c.badge.level}`} title={c.badge.title}>{badgeText(c.badge.level, c.badge.daysLeft)}</span>
            {c.url ? <a href={c.url} target="_blank" rel="noopener noreferrer">{c.caseNo}</a> : <span>{c.caseNo}</span>}
            {c.longPending && <span class="pill pill-tier" title={c.longPending.reason}>{c.longPending.label}</span>}
          </li>
        ))}
        {more > 0 && (
          <li class="muted" data-more={more}>
            另有 {more} 件，见 <a href="dashboard.html" target="_blank" rel="noopener">质效看板</a> 审限台账
          </li>
        )}
      </ul>
    </section>
  );
}
