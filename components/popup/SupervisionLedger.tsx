// Popup ledgers for 庭长 / 分管院领导 (domain.md §8–§9): 待阅核 with how long each draft has waited, and the
// division's 四类 cases with their 审限 status. Props in → markup out.
import type { SupervisionLedger as Ledger } from '../../utils/background/supervision';

export function SupervisionLedger({ ledger, viewer }: { ledger: Ledger; viewer?: string }) {
  return (
    <section data-group="supervision-ledger">
      <h2>阅核与四类案件台账{ledger.division ? `（${ledger.division}）` : ''}{viewer ? <span class="muted"> · {viewer}</span> : null}</h2>
      {ledger.unsynced > 0 && <p class="error" data-zx="unsynced">有 {ledger.unsynced} 条阅核记录未同步至办案系统（将自动重试）</p>}
      <h3>待阅核（{ledger.pendingReview.length}）</h3>
      {ledger.pendingReview.length === 0
        ? <p class="muted">暂无（打开办案系统的“待阅核”列表后在此汇总）</p>
        : (
          <ul class="cases" data-ledger="pending-review">
            {ledger.pendingReview.map((r) => (
              <li data-case-no={r.caseNo} data-case-key={r.caseKey}>
                <span class={`pill ${r.signed ? 'pill-ok' : (r.ageDays ?? 0) > 7 ? 'pill-urgent' : 'pill-notice'}`}>
                  {r.signed ? '已阅核' : r.ageDays === null ? '提交日期未知' : `已等 ${r.ageDays} 天`}
                </span>
                {r.url ? <a href={r.url} target="_blank" rel="noopener noreferrer">{r.caseNo}</a> : <span>{r.caseNo}</span>}
                <span class="muted"> {r.documentTitle}{r.judge ? ` · ${r.judge}` : ''}</span>
              </li>
            ))}
          </ul>
        )}
      <h3>四类案件（{ledger.fourCategory.length}）</h3>
      {ledger.fourCategory.length === 0
        ? <p class="muted">本机缓存中暂无</p>
        : (
          <ul class="cases" data-ledger="four-category">
            {ledger.fourCategory.map((r) => (
              <li data-case-no={r.caseNo} data-case-key={r.caseKey}>
                <span class={`pill pill-${r.level}`}>{r.deadline || '审限未知'}</span>
                {r.url ? <a href={r.url} target="_blank" rel="noopener noreferrer">{r.caseNo}</a> : <span>{r.caseNo}</span>}
                <span class="muted"> {r.categories}{r.marked ? '（已标记）' : '（系统识别，待确认）'}{r.judge ? ` · ${r.judge}` : ''}</span>
              </li>
            ))}
          </ul>
        )}
    </section>
  );
}
