// Who is signing: the background takes the user's identity from what the host page showed (PageResult.user,
// reported by the content script of the tab), never from what a sign-off message claims. A message claiming
// another person or role is refused with a reason. Extension origin only.
import { ReviewerRoleSchema, type ReviewerRole } from '../domain/review';

export { PageUserSchema, type PageUser } from '../host/page-user';
import { PageUserSchema, type PageUser } from '../host/page-user';

export interface TabIdentity {
  user: PageUser;
  /** page that showed it */
  url: string;
  /** epoch ms */
  at: number;
}

const norm = (s: string | undefined) => (s ?? '').normalize('NFKC').replace(/\s+/g, '');

/** Role texts hosts use for the 阅核 roles (local titles vary). */
const ROLE_ALIASES: Record<string, ReviewerRole> = {
  庭长: '庭长', 副庭长: '副庭长', 分管院领导: '分管院领导', 分管副院长: '分管院领导', 副院长: '分管院领导', 院领导: '分管院领导',
  院长: '院长', 审委会委员: '审委会委员', 审判委员会委员: '审委会委员', 局长: '庭长', 副局长: '副庭长',
};

/** The 阅核 role of a host role text, or null (法官, 书记员, 审管办 … are not reviewers). */
export function reviewerRoleOf(role: string | undefined): ReviewerRole | null {
  const r = norm(role);
  if (!r) return null;
  const direct = ReviewerRoleSchema.safeParse(r);
  if (direct.success) return direct.data;
  return ROLE_ALIASES[r] ?? null;
}

/**
 * The divisions a user's authority covers, as far as the page says: a 庭 / 局 name. A 院领导 banner shows
 * "院领导", which names no division; then the list stays empty (canSignOff does not narrow it further).
 */
export function divisionsOf(user: PageUser): string[] {
  const d = norm(user.division);
  return d && /[庭局]$/.test(d) ? [d] : [];
}

/**
 * Identities per tab, kept in memory and mirrored to storage.session (the service worker may be restarted
 * between the page load and the sign-off).
 */
export class TabIdentities {
  private map = new Map<number, TabIdentity>();
  constructor(private session?: { get(k: string): Promise<Record<string, unknown>>; set(v: Record<string, unknown>): Promise<void> }) {}

  async record(tabId: number, user: PageUser, url: string, now: number = Date.now()): Promise<void> {
    const entry: TabIdentity = { user: PageUserSchema.parse(user), url, at: now };
    this.map.set(tabId, entry);
    try {
      await this.session?.set({ [`zxTabUser:${tabId}`]: entry });
    } catch {
      /* session storage unavailable: memory only */
    }
  }

  async get(tabId: number | undefined): Promise<TabIdentity | null> {
    if (tabId === undefined) return null;
    const m = this.map.get(tabId);
    if (m) return m;
    try {
      const key = `zxTabUser:${tabId}`;
      const raw = (await this.session?.get(key))?.[key] as TabIdentity | undefined;
      const p = raw ? PageUserSchema.safeParse(raw.user) : null;
      if (raw && p?.success) {
        const entry = { user: p.data, url: String(raw.url ?? ''), at: Number(raw.at ?? 0) };
        this.map.set(tabId, entry);
        return entry;
      }
    } catch {
      /* ignore */
    }
    return null;
  }

  forget(tabId: number): void {
    this.map.delete(tabId);
  }
}

export type IdentityCheck = { ok: true; user: PageUser; role: ReviewerRole } | { ok: false; reason: string };

/**
 * Does the claimed signer match the user the host page showed in this tab? The claim may omit nothing: both the
 * name and the role must be those of the page.
 */
export function checkClaimedIdentity(tab: TabIdentity | null, claimed: { reviewer: string; reviewerRole: string }): IdentityCheck {
  if (!tab) {
    return { ok: false, reason: '未能从办案系统页面确认当前登录用户（页面未显示用户信息），不能签署阅核意见。请在办案系统中重新打开本页后再试。' };
  }
  const u = tab.user;
  const role = reviewerRoleOf(u.role);
  const shown = `${u.name}${u.role ? `（${u.role}）` : ''}`;
  if (norm(claimed.reviewer) !== norm(u.name)) {
    return { ok: false, reason: `签署人「${claimed.reviewer}」与办案系统当前登录用户${shown}不一致，已拒绝` };
  }
  if (!u.role) return { ok: false, reason: `办案系统页面未显示${u.name}的职务，无法确认阅核权限` };
  if (!role) return { ok: false, reason: `「${u.role}」不是阅核主体，阅核须由副庭长、庭长、分管院领导、院长或审委会委员进行` };
  const claimedRole = reviewerRoleOf(claimed.reviewerRole) ?? claimed.reviewerRole;
  if (claimedRole !== role) {
    return { ok: false, reason: `签署角色「${claimed.reviewerRole}」与办案系统显示的职务「${u.role}」不一致，已拒绝` };
  }
  return { ok: true, user: u, role };
}
