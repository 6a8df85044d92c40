// 质效看板 (dashboard) building blocks: the rows, filters, scope and ledgers (台账) computed ONCE from the cached
// cases, then sliced by the UI. Pure: no browser API, no Dexie, "today" passed in (domain.md §7, §12).
//
// Display rule (§12.4): nothing here orders judges or divisions by a value. Ledgers are ordered by the urgency
// of the case itself (days left, age, days since 结案) — a work list, not a ranking; option lists (judges,
// divisions) come back in name (pinyin) order.
import type { CaseSnapshot } from '../domain/case';
import { ledgerRowOf, COUNTDOWN_LABEL, type LedgerRow } from '../views/archive-summary';
import type { CaseView } from '../views/case-view';
import { DEFAULT_ARCHIVE_TABLE, type ArchiveTable } from '../rules/archive';
import { FOUR_CATEGORY_NAMES } from '../rules/supervision';
import type { IndicatorCase } from '../domain/indicators';

/** One cached case as the dashboard sees it: the stored snapshot and its view, computed once. */
export interface DashRow {
  caseKey: string;
  caseNo: string;
  url?: string;
  cause: string;
  category: string;
  procedure: string;
  judge: string;
  division: string;
  clerk: string;
  filedOn: string;
  closedOn: string;
  snapshot: CaseSnapshot;
  view: CaseView;
  /** 归档台账 row precomputed for `archiveOn` (compactRow); null = not awaiting archive */
  archive?: LedgerRow | null;
  archiveOn?: string;
}

export const CATEGORY_LABEL: Record<string, string> = {
  civil: '民事', criminal: '刑事', administrative: '行政', enforcement: '执行', compensation: '国家赔偿',
};

export function dashRowOf(snapshot: CaseSnapshot & { caseKey?: string }, view: CaseView): DashRow {
  return {
    caseKey: view.caseKey,
    caseNo: snapshot.caseNo,
    url: snapshot.url,
    cause: snapshot.cause ?? '',
    category: snapshot.category ?? view.category ?? '',
    procedure: view.procedureLabel ?? snapshot.procedure ?? '',
    judge: (snapshot.judge ?? '').trim(),
    division: (snapshot.division ?? '').trim(),
    clerk: (snapshot.clerk ?? '').trim(),
    filedOn: snapshot.filedOn ?? '',
    closedOn: snapshot.closedOn ?? '',
    snapshot,
    view,
  };
}

/**
 * The row as the dashboard keeps it (and caches it, ./dashboard-cache): the 归档台账 row precomputed for `today`
 * and the archive table, then the parts nothing on the dashboard reads dropped — the snapshot's events, 电子卷宗
 * documents and 文书 (already evaluated into the view and the archive row), the store's bookkeeping, and the
 * view's timeline and tags.
 * Indicators, ledgers, drill-down, .ics and notifications read only what is kept. When the archive row cannot be
 * computed the documents are kept, so archiveLedger computes (and fails) exactly as before.
 */
export function compactRow(r: DashRow, today: string, table: ArchiveTable = DEFAULT_ARCHIVE_TABLE): DashRow {
  // the store's bookkeeping (caseKey, firstSeenAt, lastSeenAt, sources, sectionsSeen, gone) is read by nothing here
  const { caseKey: _k, firstSeenAt: _f, lastSeenAt: _l, sources: _s, sectionsSeen: _ss, gone: _g, ...kept } = r.snapshot as CaseSnapshot & Record<string, unknown>;
  let archive: LedgerRow | null;
  try {
    archive = ledgerRowOf(r.snapshot, today, table);
  } catch {
    return { ...r, snapshot: kept, view: { ...r.view, timeline: [], tags: [] } };
  }
  const { events: _e, documents: _d, writs: _w, ...snapshot } = kept;
  return { ...r, snapshot, view: { ...r.view, timeline: [], tags: [] }, archive, archiveOn: today };
}

export const toIndicatorCase = (r: DashRow): IndicatorCase => ({ snapshot: r.snapshot, deadline: r.view.deadline });

// ── scope ───────────────────────────────────────────────────────────────────────────────────────

/** The host user recorded by the background (settings key `lastHostUser`, dashboard-data CURRENT_USER_KEY; PageUser shape). */
export interface DashUser { name: string; role?: string; division?: string }

export type ScopeKind = 'me' | 'division' | 'court';
export interface ScopeChoice {
  kind: ScopeKind;
  label: string;
  /** 承办人 (法官) or 书记员 name for 'me' */
  person?: string;
  personField?: 'judge' | 'clerk';
  /** divisions for 'division' (a 分管院领导 covers several) */
  divisions?: string[];
}

const LEADER_ROLES = /院长|审委会|审管办|审判管理/;
const DIVISION_ROLES = /庭长|局长|分管/;

/**
 * The scopes a user may choose, narrowest first, by role: 法官 / 书记员 → 本人; 庭长 / 副庭长 → 本人 + 本庭;
 * 分管院领导 → the divisions in charge; 院长 / 审管办 → 全院. Without a recorded user: 全院 with a note (the
 * dashboard only ever shows what the host already showed this browser, so nothing is disclosed beyond that).
 */
export function scopesFor(user: DashUser | null | undefined): { scopes: ScopeChoice[]; note?: string } {
  if (!user?.name?.trim()) {
    return { scopes: [{ kind: 'court', label: '全院（本机缓存）' }], note: '尚未识别办案系统的登录用户，按全院（本机已缓存的全部案件）显示。登录办案系统并打开任一页面后即可按本人或本庭显示。' };
  }
  const name = user.name.trim();
  const role = (user.role ?? '').trim();
  const divisions = (user.division ?? '').split(/[、，,；;\s]+/).map((d) => d.trim()).filter((d) => /[庭局]$/.test(d));
  const me: ScopeChoice = { kind: 'me', label: `本人（${name}）`, person: name, personField: /书记员/.test(role) ? 'clerk' : 'judge' };
  if (LEADER_ROLES.test(role)) return { scopes: [{ kind: 'court', label: '全院' }] };
  if (DIVISION_ROLES.test(role) && divisions.length) {
    const div: ScopeChoice = { kind: 'division', label: divisions.length === 1 ? `本庭（${divisions[0]}）` : `分管庭（${divisions.join('、')}）`, divisions };
    return /分管/.test(role) ? { scopes: [div] } : { scopes: [me, div] };
  }
  return { scopes: [me] };
}

export function inScope(rows: DashRow[], scope: ScopeChoice): DashRow[] {
  return scope.kind === 'court' ? rows : rows.filter((r) => rowInScope(r, scope));
}

/** Whether one case (a DashRow or a stored case row) is in `scope`. */
export function rowInScope(r: { judge?: string; clerk?: string; division?: string }, scope: ScopeChoice): boolean {
  if (scope.kind === 'court') return true;
  if (scope.kind === 'me') {
    const p = scope.person?.trim();
    return Boolean(p) && r[scope.personField ?? 'judge'] === p;
  }
  return r.division !== undefined && (scope.divisions ?? []).includes(r.division);
}

// ── filters ─────────────────────────────────────────────────────────────────────────────────────

export interface DashFilter { division?: string; judge?: string; category?: string; procedure?: string }

export function applyFilter(rows: DashRow[], f: DashFilter): DashRow[] {
  if (!f.division && !f.judge && !f.category && !f.procedure) return rows;
  return rows.filter((r) =>
    (!f.division || r.division === f.division) && (!f.judge || r.judge === f.judge) &&
    (!f.category || r.category === f.category) && (!f.procedure || r.procedure === f.procedure));
}

const collator = new Intl.Collator('zh-Hans-CN');
/** Distinct values for the filter drop-downs, in name order (never by a count). */
export function filterOptions(rows: DashRow[]): { divisions: string[]; judges: string[]; categories: string[]; procedures: string[] } {
  const sets = { divisions: new Set<string>(), judges: new Set<string>(), categories: new Set<string>(), procedures: new Set<string>() };
  for (const r of rows) {
    if (r.division) sets.divisions.add(r.division);
    if (r.judge) sets.judges.add(r.judge);
    if (r.category) sets.categories.add(r.category);
    if (r.procedure) sets.procedures.add(r.procedure);
  }
  const sort = (s: Set<string>) => [...s].sort(collator.compare);
  return { divisions: sort(sets.divisions), judges: sort(sets.judges), categories: sort(sets.categories), procedures: sort(sets.procedures) };
}

// ── ledgers ─────────────────────────────────────────────────────────────────────────────────────

export type Cell = string | number | null;
/** A ledger: rows for the screen plus the same rows as a table with Chinese headers for .xlsx / .csv. */
export interface Ledger<T> {
  id: string;
  title: string;
  /** what is listed and why (basis) */
  about: string;
  headers: string[];
  rows: T[];
  /** group label of a row (level, tier, …), shown as a section */
  groupOf: (row: T) => string;
  groups: string[];
  caseNoOf: (row: T) => string;
  urlOf: (row: T) => string | undefined;
  cells: (row: T) => Cell[];
}

export const DEADLINE_LEVELS = [
  { id: 'overdue', label: '已超审限' },
  { id: 'urgent', label: '临近届满' },
  { id: 'warning', label: '预警' },
  { id: 'notice', label: '提示' },
] as const;
const LEVEL_LABEL: Record<string, string> = Object.fromEntries(DEADLINE_LEVELS.map((l) => [l.id, l.label]));

/** 审限台账: open cases at a warning level, grouped overdue → urgent → warning → notice, fewest days left first. */
export function deadlineLedger(rows: DashRow[]): Ledger<DashRow> {
  const order: Record<string, number> = { overdue: 0, urgent: 1, warning: 2, notice: 3 };
  const list = rows
    .filter((r) => !r.view.closed && r.view.badge.level in order)
    .sort((a, b) => order[a.view.badge.level] - order[b.view.badge.level] || (a.view.badge.daysLeft ?? 0) - (b.view.badge.daysLeft ?? 0) || a.caseNo.localeCompare(b.caseNo));
  return {
    id: 'deadlines', title: '审限台账',
    about: '未结案件中已超审限或临近届满（按设置的提示 / 预警 / 临近天数分级，默认 30 / 15 / 5 天）；审限由本系统按立案日、延长、扣除计算（domain.md §3、§5）。',
    headers: ['等级', '案号', '案由', '案件类别', '程序', '承办人', '承办部门', '立案日期', '审限届满日', '剩余天数', '计算依据'],
    rows: list, groups: DEADLINE_LEVELS.map((l) => l.label),
    groupOf: (r) => LEVEL_LABEL[r.view.badge.level] ?? r.view.badge.level,
    caseNoOf: (r) => r.caseNo, urlOf: (r) => r.url,
    cells: (r) => [LEVEL_LABEL[r.view.badge.level] ?? r.view.badge.level, r.caseNo, r.cause, CATEGORY_LABEL[r.category] ?? r.category, r.procedure,
      r.judge, r.division, r.filedOn, r.view.deadline?.dueOnAdjusted ?? r.view.deadline?.dueOn ?? '', r.view.badge.daysLeft, r.view.explanation],
  };
}

/** 长期未结台账 by tier (highest tier first), oldest first within a tier. */
export function longPendingLedger(rows: DashRow[]): Ledger<DashRow> {
  const list = rows.filter((r) => !r.view.closed && r.view.longPending);
  const tierOf = (r: DashRow) => r.view.longPending!.tier;
  list.sort((a, b) => tierOf(b).localeCompare(tierOf(a)) || a.filedOn.localeCompare(b.filedOn) || a.caseNo.localeCompare(b.caseNo));
  const groups = [...new Set(list.map((r) => r.view.longPending!.label))];
  return {
    id: 'long-pending', title: '长期未结台账',
    about: '未结且立案已满 6 / 12 / 18 / 24 / 36 个月（日历月，不扣除、不延长；可在选项页调整）的案件（domain.md §7）。',
    headers: ['层级', '案号', '案由', '案件类别', '承办人', '承办部门', '立案日期', '依据'],
    rows: list, groups,
    groupOf: (r) => r.view.longPending!.label,
    caseNoOf: (r) => r.caseNo, urlOf: (r) => r.url,
    cells: (r) => [r.view.longPending!.label, r.caseNo, r.cause, CATEGORY_LABEL[r.category] ?? r.category, r.judge, r.division, r.filedOn, r.view.longPending!.reason],
  };
}

export interface HiddenRow { row: DashRow; code: string; title: string; reason: string; basis: string }

/** 隐形超审限 signals (warnings H1…): one row per signal, grouped by pattern code. */
export function hiddenLedger(rows: DashRow[]): Ledger<HiddenRow> {
  const list: HiddenRow[] = [];
  for (const r of rows) {
    for (const w of r.view.warnings) {
      if (/^H\d/.test(w.code)) list.push({ row: r, code: w.code, title: w.title, reason: w.reason, basis: w.basis.join('；') });
    }
  }
  list.sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }) || a.row.caseNo.localeCompare(b.row.caseNo));
  const groups = [...new Set(list.map((h) => `${h.code} ${h.title}`))];
  return {
    id: 'hidden', title: '隐形超审限线索',
    about: '按 domain.md §6 的模式（长期扣除未结束、长期中止、临近届满转换程序、撤诉后再起诉、多次延期开庭等）识别的线索，需人工核实，不等于违规。',
    headers: ['模式', '案号', '承办人', '承办部门', '线索', '理由', '依据'],
    rows: list, groups,
    groupOf: (h) => `${h.code} ${h.title}`,
    caseNoOf: (h) => h.row.caseNo, urlOf: (h) => h.row.url,
    cells: (h) => [h.code, h.row.caseNo, h.row.judge, h.row.division, h.title, h.reason, h.basis],
  };
}

export interface MarkLike { caseKey: string; caseNo: string; category: 1 | 2 | 3 | 4; subSituation?: string; reason: string; by: string; role: string; at: string; action: string }
export interface MarkLedgerRow { mark: MarkLike; row?: DashRow }
const MARK_ACTION: Record<string, string> = { mark: '标记', unmark: '取消标记', 'auto-hit': '系统提示' };

/** 四类案件 marking history (marks table) for cases in the given rows, newest first. */
export function marksLedger(marks: MarkLike[], rows: DashRow[]): Ledger<MarkLedgerRow> {
  const byKey = new Map(rows.map((r) => [r.caseKey, r]));
  const list: MarkLedgerRow[] = [];
  for (const m of marks) {
    const row = byKey.get(m.caseKey);
    if (row) list.push({ mark: m, row });
  }
  list.sort((a, b) => b.mark.at.localeCompare(a.mark.at));
  return {
    id: 'marks', title: '四类案件标记',
    about: '院庭长对四类案件的标记、取消标记及系统识别提示（domain.md §8；系统提示仅为建议，须人工确认）。',
    headers: ['操作', '案号', '类别', '具体情形', '理由', '操作人', '身份', '时间', '承办人', '承办部门'],
    rows: list, groups: ['标记', '取消标记', '系统提示'],
    groupOf: (x) => MARK_ACTION[x.mark.action] ?? x.mark.action,
    caseNoOf: (x) => x.mark.caseNo, urlOf: (x) => x.row?.url,
    cells: (x) => [MARK_ACTION[x.mark.action] ?? x.mark.action, x.mark.caseNo, `第${x.mark.category}类 ${FOUR_CATEGORY_NAMES[x.mark.category] ?? ''}`,
      x.mark.subSituation ?? '', x.mark.reason, x.mark.by, x.mark.role, x.mark.at, x.row?.judge ?? '', x.row?.division ?? ''],
  };
}

export interface SignoffLike { caseKey: string; caseNo: string; documentRef: string; reviewer: string; reviewerRole: string; reviewedAt: string; decision: string; opinion?: string; recommendedRoute: string | null; syncState: string }
export interface ReviewLedgerRow { kind: 'pending' | 'signed'; row?: DashRow; signoff?: SignoffLike; caseNo: string }
const SYNC_LABEL: Record<string, string> = { pending: '待写回', synced: '已写回', failed: '写回失败' };

/** 阅核: cases waiting in 待阅核 without a sign-off on that document, then sign-offs (newest first). */
export function reviewLedger(signoffs: SignoffLike[], rows: DashRow[]): Ledger<ReviewLedgerRow> {
  const byKey = new Map(rows.map((r) => [r.caseKey, r]));
  const signed = new Set(signoffs.map((s) => `${s.caseKey}|${s.documentRef}`));
  const pending: ReviewLedgerRow[] = [];
  for (const r of rows) {
    const rv = r.snapshot.review;
    if (!rv || r.view.closed) continue;
    const ref = rv.documentRef ?? rv.documentTitle ?? '';
    if (ref && signed.has(`${r.caseKey}|${ref}`)) continue;
    pending.push({ kind: 'pending', row: r, caseNo: r.caseNo });
  }
  pending.sort((a, b) => (a.row!.snapshot.review?.submittedOn ?? '').localeCompare(b.row!.snapshot.review?.submittedOn ?? '') || a.caseNo.localeCompare(b.caseNo));
  const done: ReviewLedgerRow[] = signoffs.filter((s) => byKey.has(s.caseKey))
    .map((s) => ({ kind: 'signed' as const, signoff: s, row: byKey.get(s.caseKey), caseNo: s.caseNo }))
    .sort((a, b) => b.signoff!.reviewedAt.localeCompare(a.signoff!.reviewedAt));
  return {
    id: 'review', title: '阅核台账',
    about: '待阅核：办案系统待阅核列表中、本机尚无阅核记录的文书；已阅核：在本插件内签署的阅核意见（domain.md §9）。',
    headers: ['状态', '案号', '文书', '阅核事由', '提交日期', '阅核人', '身份', '阅核时间', '意见', '建议途径', '写回状态', '承办人', '承办部门'],
    rows: [...pending, ...done], groups: ['待阅核', '已阅核'],
    groupOf: (x) => (x.kind === 'pending' ? '待阅核' : '已阅核'),
    caseNoOf: (x) => x.caseNo, urlOf: (x) => x.row?.url,
    cells: (x) => {
      const rv = x.row?.snapshot.review;
      const s = x.signoff;
      return [x.kind === 'pending' ? '待阅核' : '已阅核', x.caseNo, s?.documentRef ?? rv?.documentTitle ?? rv?.documentRef ?? '', (rv?.triggers ?? []).join('、'),
        rv?.submittedOn ?? '', s?.reviewer ?? '', s?.reviewerRole ?? '', s?.reviewedAt ?? '', s ? `${s.decision}${s.opinion ? `：${s.opinion}` : ''}` : '',
        s?.recommendedRoute ?? '', s ? SYNC_LABEL[s.syncState] ?? s.syncState : '', x.row?.judge ?? '', x.row?.division ?? ''];
    },
  };
}

export interface ArchiveLedgerRow { ledger: LedgerRow; row: DashRow }

/** 归档台账: closed, not archived; overdue → due → ok, longest waiting first (utils/domain/archive.ts checkArchive). */
export function archiveLedger(rows: DashRow[], today: string, table: ArchiveTable = DEFAULT_ARCHIVE_TABLE): Ledger<ArchiveLedgerRow> {
  const list: ArchiveLedgerRow[] = [];
  for (const r of rows) {
    const l = r.archiveOn === today && r.archive !== undefined ? r.archive : ledgerRowOf(r.snapshot, today, table);
    if (l) list.push({ ledger: l, row: r });
  }
  const order: Record<string, number> = { overdue: 0, due: 1, ok: 2, 'not-closed': 3, archived: 4 };
  list.sort((a, b) => order[a.ledger.state] - order[b.ledger.state] || (b.ledger.daysSinceClosed ?? -1) - (a.ledger.daysSinceClosed ?? -1) || a.row.caseNo.localeCompare(b.row.caseNo));
  return {
    id: 'archive', title: '归档台账',
    about: `已结案未归档的案件：结案后 ${table.countdown.warnDays} 日起预警、${table.countdown.overdueMonths} 个月起逾期（归档期限可在选项页调整），缺项按归档清单检查电子卷宗目录（domain.md §11）。`,
    headers: ['归档状态', '案号', '案由', '承办人', '书记员', '承办部门', '结案日期', '结案天数', '预警日', '逾期日', '缺项数', '缺项'],
    rows: list, groups: ['逾期未归档', '临近归档期限', '归档期限内'],
    groupOf: (x) => COUNTDOWN_LABEL[x.ledger.state],
    caseNoOf: (x) => x.row.caseNo, urlOf: (x) => x.row.url,
    cells: (x) => [COUNTDOWN_LABEL[x.ledger.state], x.row.caseNo, x.row.cause, x.row.judge, x.row.clerk, x.row.division, x.ledger.closedOn ?? '',
      x.ledger.daysSinceClosed, x.ledger.warnOn ?? '', x.ledger.overdueOn ?? '',
      x.ledger.missingCount ?? (x.ledger.problem ?? '未知'), x.ledger.missingCount === null ? '' : x.ledger.missing.join('、')],
  };
}

/** The export table of a ledger (optionally only some groups). */
export function ledgerTable<T>(l: Ledger<T>, group?: string): { headers: string[]; rows: Cell[][] } {
  const rows = group ? l.rows.filter((r) => l.groupOf(r) === group) : l.rows;
  return { headers: l.headers, rows: rows.map(l.cells) };
}

/** Counts per group, in the ledger's group order (groups with no rows included as 0). */
export function groupCounts<T>(l: Ledger<T>): Array<{ group: string; count: number }> {
  const m = new Map<string, number>(l.groups.map((g) => [g, 0]));
  for (const r of l.rows) {
    const g = l.groupOf(r);
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return [...m].map(([group, count]) => ({ group, count }));
}

/** Cases of a drill-down (案号 list from an indicator) resolved to rows; 案号 not cached are returned apart. */
export function resolveCaseNos(caseNos: string[], rows: DashRow[]): { rows: DashRow[]; missing: string[] } {
  const byNo = new Map(rows.map((r) => [r.caseNo, r]));
  const out: DashRow[] = [];
  const missing: string[] = [];
  for (const no of caseNos) {
    const r = byNo.get(no);
    if (r) out.push(r); else missing.push(no);
  }
  return { rows: out, missing };
}

// ── periods ─────────────────────────────────────────────────────────────────────────────────────

export type PeriodPreset = 'month' | 'quarter' | 'year' | 'last-12' | 'week';
export const PERIOD_LABEL: Record<PeriodPreset, string> = { week: '近 7 天', month: '本月', quarter: '本季度', year: '本年', 'last-12': '近 12 个月' };

const pad = (n: number) => String(n).padStart(2, '0');
/** Statistical period for a preset, ending today. */
export function periodOf(preset: PeriodPreset, today: string): { periodStart: string; periodEnd: string; today: string } {
  const [y, m, d] = today.split('-').map(Number);
  let start: string;
  if (preset === 'month') start = `${y}-${pad(m)}-01`;
  else if (preset === 'quarter') start = `${y}-${pad(Math.floor((m - 1) / 3) * 3 + 1)}-01`;
  else if (preset === 'year') start = `${y}-01-01`;
  else if (preset === 'week') {
    const t = new Date(Date.UTC(y, m - 1, d - 6));
    start = `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
  } else {
    const idx = y * 12 + (m - 1) - 11;
    start = `${Math.floor(idx / 12)}-${pad((idx % 12) + 1)}-01`;
  }
  return { periodStart: start, periodEnd: today, today };
}
