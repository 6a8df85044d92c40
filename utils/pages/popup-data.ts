// Popup data, read from the local database (extension origin) and computed with the domain rules.
import { chinaToday } from '../domain/dates';
import { findCases, getSetting, openDb, type ZhixiaoDB } from '../store';
import { CURRENT_USER_KEY, loadDashboardData, parseCurrentUser } from './dashboard-data';
import { evaluateConfig } from '../background/views';
import { buildCaseView } from '../views/build';
import type { CaseView } from '../views/case-view';
import { inScope, rowInScope, scopesFor } from './dashboard-ledgers';
import { archiveLedger } from '../background/archive';
import type { PopupData, PopupLedgers } from '../../components/popup/PopupApp';
import { supervisionPopupData } from './supervision-popup';

const LEVEL_GROUPS = [
  { id: 'overdue', label: '已超审限' },
  { id: 'urgent', label: '临近届满（5 天内）' },
  { id: 'warning', label: '预警（15 天内）' },
  { id: 'notice', label: '提示（30 天内）' },
] as const;

export async function loadPopupData(db: ZhixiaoDB = openDb(), today: string = chinaToday(new Date())): Promise<PopupData> {
  // "My cases": the narrowest scope of the host user last seen (本人 for a judge or clerk, 本庭 for a 分管院领导,
  // everything cached when no user is known yet).
  const scope = scopesFor(parseCurrentUser(await getSetting<unknown>(db, CURRENT_USER_KEY))).scopes[0];
  // Every cached case's view, from the dashboard's evaluated rows (cached per case, refreshed by the daily run; at
  // court scale evaluating every case each time the popup opens took minutes) — asked for at most once.
  let allViews: Promise<CaseView[]> | null = null;
  const everyView = () => (allViews ??= loadDashboardData(db, today).then((d) => d.rows.map((r) => r.view)));
  let mine: CaseView[];
  if (scope.kind === 'me' && scope.person && (scope.personField ?? 'judge') === 'judge') {
    // A judge's own cases: one index read and those cases evaluated (a court-size cache holds tens of thousands).
    const [cases, cfg] = await Promise.all([findCases(db, { judge: scope.person }), evaluateConfig(db)]);
    mine = cases.map((c) => buildCaseView(c, today, cfg));
  } else if (scope.kind === 'court') {
    mine = await everyView();
  } else {
    const data = await loadDashboardData(db, today);
    allViews = Promise.resolve(data.rows.map((r) => r.view));
    mine = inScope(data.rows, scope).map((r) => r.view);
  }
  const views = mine.filter((v) => !v.closed);
  const groups: PopupData['groups'] = LEVEL_GROUPS.map((g) => ({
    id: g.id,
    label: g.label,
    cases: views.filter((v) => v.badge.level === g.id).sort((a, b) => (a.badge.daysLeft ?? 0) - (b.badge.daysLeft ?? 0)),
  }));
  const longPending = views.filter((v) => v.longPending).sort((a, b) => (a.deadline?.startOn ?? '').localeCompare(b.deadline?.startOn ?? ''));
  groups.push({ id: 'long-pending', label: '长期未结', cases: longPending });
  // The ledgers come second: the groups are on screen while they are read. The supervision ledger is the division's,
  // so it takes the badges of every cached case, not only mine.
  const later: Promise<PopupLedgers> = (async () => ({
    ledger: await archiveLedger(db, today, (c) => rowInScope(c, scope)),
    supervision: await supervisionPopupData(db, today, everyView),
  }))();
  later.catch(() => {}); // shown by the popup when it awaits it
  return { today, casesCached: await db.cases.count(), scope: scope.label, groups, later };
}
