// 立卷归档 summaries shared by the row tag, the clerk ledger and the checklist panel (domain.md §11). Pure:
// no browser API, "today" passed in.
import type { CaseSnapshot } from '../domain/case';
import { checkArchive, type ArchiveCheckResult, type ArchiveContext } from '../domain/archive';
import { supervisionArchiveContext } from '../domain/archive-context';

/**
 * What the snapshot alone says about supervision (no local marks or sign-offs): used where only the case is at
 * hand (row tags). The panel and the ledger pass the full context from the database.
 */
function snapshotContext(s: CaseSnapshot): ArchiveContext {
  return supervisionArchiveContext({ snapshot: s, supervised: (s.review?.triggers ?? []).some((t) => t.includes('四类')) });
}
import { DEFAULT_ARCHIVE_TABLE, type ArchiveTable } from '../rules/archive';
import type { CaseView } from './case-view';

export { COUNTDOWN_LABEL, ARCHIVE_FLAG_LABEL, missingOf, type MissingSummary } from './archive-labels';
import { COUNTDOWN_LABEL, missingOf } from './archive-labels';

/** A closed case waiting for archiving: closed (or with a 结案日期) and not archived. */
export function awaitingArchive(s: CaseSnapshot): boolean {
  if (s.status === 'archived' || s.archivedOn) return false;
  return s.status === 'closed' || Boolean(s.closedOn);
}

/** "结案 2025-01-10，已 45 天；2025-02-09 起预警（结案后 30 日）；2025-04-10 起逾期（结案后 3 个月）" */
export function countdownText(check: ArchiveCheckResult, table: ArchiveTable = DEFAULT_ARCHIVE_TABLE): string {
  const c = check.countdown;
  if (!c.closedOn) return c.state === 'archived' ? '已归档' : '未读取到结案日期，无法计算归档期限';
  return `结案 ${c.closedOn}，已 ${c.daysSinceClosed} 天；${c.warnOn} 起预警（结案后 ${table.countdown.warnDays} 日），${c.overdueOn} 起逾期（结案后 ${table.countdown.overdueMonths} 个月）`;
}

/**
 * The small tag on a closed case's row: days since 结案 and the number of missing items. Returns null for cases
 * that are pending or already archived.
 */
export function archiveTagOf(s: CaseSnapshot, today: string, table: ArchiveTable = DEFAULT_ARCHIVE_TABLE, context?: ArchiveContext): CaseView['tags'][number] | null {
  if (!awaitingArchive(s)) return null;
  let check: ArchiveCheckResult;
  try {
    check = checkArchive({ snapshot: s, today, context: context ?? snapshotContext(s) }, table);
  } catch {
    return null;
  }
  const c = check.countdown;
  if (c.state === 'archived' || c.state === 'not-closed') return null;
  const m = missingOf(check);
  const days = c.daysSinceClosed !== null ? `结案${c.daysSinceClosed}天` : '待归档';
  const what = check.problem === '无法读取卷宗目录' ? '目录未读' : check.problem === '无适用清单' ? '无适用清单' : `缺${m.count}项`;
  const why = check.problem === '无法读取卷宗目录'
    ? '尚未读取电子卷宗目录（打开本案“电子卷宗目录”页后核对），缺项未知'
    : check.problem === '无适用清单'
      ? '没有适用于本案类型的归档清单，请在案件页选择清单'
      : m.count
        ? `按「${check.listName}」核对，缺：${m.names.join('、')}`
        : `按「${check.listName}」核对，未发现缺项`;
  return {
    text: `归档·${days}·${what}`,
    title: `${COUNTDOWN_LABEL[c.state]}：${countdownText(check, table)}。${why}`,
    warn: c.state === 'due' || c.state === 'overdue' || (m.count ?? 0) > 0,
  };
}

// ── clerk ledger ────────────────────────────────────────────────────────────────────────────────

export interface LedgerRow {
  caseNo: string;
  url?: string;
  cause?: string;
  judge?: string;
  clerk?: string;
  closedOn: string | null;
  closeMethod?: string;
  daysSinceClosed: number | null;
  state: ArchiveCheckResult['countdown']['state'];
  warnOn: string | null;
  overdueOn: string | null;
  listName: string | null;
  /** null: 目录 not read / no list (see problem) */
  missingCount: number | null;
  missing: string[];
  problem?: string;
  /** clerk flags not yet written back to the host */
  unsyncedFlags: number;
}

/** One ledger row for a case awaiting archiving, or null. */
export function ledgerRowOf(s: CaseSnapshot, today: string, table: ArchiveTable = DEFAULT_ARCHIVE_TABLE, unsyncedFlags = 0, context?: ArchiveContext): LedgerRow | null {
  if (!awaitingArchive(s)) return null;
  const check = checkArchive({ snapshot: s, today, context: context ?? snapshotContext(s) }, table);
  const c = check.countdown;
  if (c.state === 'archived') return null;
  const m = missingOf(check);
  return {
    caseNo: s.caseNo, url: s.url, cause: s.cause, judge: s.judge, clerk: s.clerk,
    closedOn: c.closedOn, closeMethod: s.closeMethod, daysSinceClosed: c.daysSinceClosed, state: c.state,
    warnOn: c.warnOn, overdueOn: c.overdueOn, listName: check.listName,
    missingCount: m.count, missing: m.names, problem: check.problem, unsyncedFlags,
  };
}

/** Longest waiting first; cases without a 结案日期 last. */
export function sortLedger(rows: LedgerRow[]): LedgerRow[] {
  return [...rows].sort((a, b) => (b.daysSinceClosed ?? -1) - (a.daysSinceClosed ?? -1) || a.caseNo.localeCompare(b.caseNo));
}

export const LEDGER_HEADERS = [
  '案号', '案由', '承办人', '书记员', '结案日期', '结案方式', '结案天数', '归档状态', '预警日', '逾期日', '适用清单', '缺项数', '缺项', '未同步标记',
];

/** Rows for the .xlsx / .csv export (Chinese headers: LEDGER_HEADERS). */
export function ledgerTable(rows: LedgerRow[]): Array<Array<string | number | null>> {
  return rows.map((r) => [
    r.caseNo, r.cause ?? '', r.judge ?? '', r.clerk ?? '', r.closedOn ?? '', r.closeMethod ?? '', r.daysSinceClosed,
    COUNTDOWN_LABEL[r.state], r.warnOn ?? '', r.overdueOn ?? '', r.listName ?? '',
    r.missingCount ?? (r.problem ?? '未知'), r.missingCount === null ? '' : r.missing.join('、'), r.unsyncedFlags,
  ]);
}
