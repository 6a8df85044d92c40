// Popup data, read from the local database (extension origin) and computed with the domain rules.
import { chinaToday } from '../domain/dates';
import { openDb, type ZhixiaoDB } from '../store';
import { loadDashboardData } from './dashboard-data';
import { inScope, scopesFor, type ScopeChoice } from './dashboard-ledgers';
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
  // The dashboard's evaluated rows (cached per case, refreshed by the daily run): at court scale evaluating every
  // case each time the popup opens took minutes. The views are the same buildCaseView results (tested).
  const data = await loadDashboardData(db, today);
  // "My cases": the narrowest scope of the host user last seen (本人 for a judge or clerk, 本庭 for a 分管院领导,
  // everything cached when no user is known yet).
  const scope = scopesFor(data.user).scopes[0];
  const views = inScope(data.rows, scope).map((r) => r.view).filter((v) => !v.closed);
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
    ledger: await archiveLedger(db, today, (c) => caseInScope(c, scope)),
    supervision: await supervisionPopupData(db, today, data.rows.map((r) => r.view)),
  }))();
  later.catch(() => {}); // shown by the popup when it awaits it
  return { today, casesCached: await db.cases.count(), scope: scope.label, groups, later };
}

/** The case-row form of inScope (./dashboard-ledgers) for the clerk ledger's candidates. */
function caseInScope(c: { judge?: string; clerk?: string; division?: string }, scope: ScopeChoice): boolean {
  if (scope.kind === 'court') return true;
  if (scope.kind === 'me') return Boolean(scope.person) && c[scope.personField ?? 'judge'] === scope.person;
  return c.division !== undefined && (scope.divisions ?? []).includes(c.division);
}
