// Popup data for 庭长 / 分管院领导: the supervision ledger of the last host user seen (settings lastHostUser).
// Extension origin only (reads the database directly).
import { badgeText } from '../../components/CountdownBadge';
import { getSetting, type ZhixiaoDB } from '../store';
import type { CaseView } from '../views/case-view';
import { divisionsOf, PageUserSchema, reviewerRoleOf } from '../background/identity';
import { LAST_HOST_USER_KEY, supervisionLedger, type SupervisionLedger } from '../background/supervision';

/** `views`: every cached case's view (asked for only for a 庭长 / 分管院领导: the ledger covers the division's cases). */
export async function supervisionPopupData(db: ZhixiaoDB, today: string, views: () => Promise<CaseView[]>): Promise<{ ledger: SupervisionLedger; viewer?: string } | undefined> {
  const raw = await getSetting<unknown>(db, LAST_HOST_USER_KEY);
  const p = PageUserSchema.safeParse(raw);
  if (!p.success) return undefined;
  const role = reviewerRoleOf(p.data.role);
  if (!role) return undefined;
  const division = divisionsOf(p.data)[0] ?? null;
  const byKey = new Map((await views()).map((v) => [v.caseKey, v]));
  const ledger = await supervisionLedger(db, today, division, (c) => {
    const v = byKey.get(c.caseKey);
    return v ? { text: badgeText(v.badge.level, v.badge.daysLeft), level: v.badge.level } : { text: '', level: 'unknown' };
  });
  return { ledger, viewer: `${p.data.name}（${p.data.role}）` };
}
