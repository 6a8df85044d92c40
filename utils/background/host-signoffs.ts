// 阅核 records are shared truth that belongs to the host system: a judge must see the 庭长's sign-off on their own
// machine. When the case's profile names a read endpoint, the host's records are pulled in (idempotent on
// clientId) and stored as synced. Failures leave the local records as they are and say why.
import { originMatches } from '../host/detect';
import type { HostProfile } from '../host/profile';
import { SignoffInputSchema } from '../store/records';
import { addSignoff, type StoredCase, type ZhixiaoDB } from '../store';
import { allProfiles, profilesFor } from './profiles';
import { endpointUrl } from './writeback';

function sameProfileOrigin(profile: HostProfile, url: string): boolean {
  try {
    const origin = new URL(url).origin;
    return profile.origins.some((o) => originMatches(o, origin));
  } catch {
    return false;
  }
}

export type GetJson = (url: string) => Promise<unknown>;

const defaultGetJson: GetJson = async (url) => {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), 5000);
  try {
    const res = await fetch(url, { credentials: 'include', headers: { Accept: 'application/json' }, signal: ctrl.signal });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return await res.json();
  } finally {
    clearTimeout(timer);
  }
};

export async function signoffReadProfile(db: ZhixiaoDB, c: StoredCase): Promise<HostProfile | undefined> {
  const all = await allProfiles(db);
  const fromSources = c.sources.map((s) => all.find((p) => p.id === s.split('/')[0])).find((p) => p?.read?.signoffs);
  if (fromSources) return fromSources;
  return c.url ? (await profilesFor(db, c.url)).find((p) => p.read?.signoffs) : undefined;
}

/** Returns how many host records were new here, or the reason the host could not be read. */
export async function pullHostSignoffs(db: ZhixiaoDB, c: StoredCase, getJson: GetJson = defaultGetJson, pageUrl?: string): Promise<{ added: number } | { error: string } | null> {
  const profile = await signoffReadProfile(db, c);
  const endpoint = profile?.read?.signoffs;
  if (!profile || !endpoint) return null;
  // A relative endpoint resolves against the case's own URL, else the page asking (only on the profile's origins).
  const base = c.url ?? (pageUrl && sameProfileOrigin(profile, pageUrl) ? pageUrl : undefined);
  const url = endpointUrl(profile, endpoint, { ...c, url: base });
  if (!url) return { error: '无法确定办案系统阅核记录的地址（缺少案件标识或所在页面不属于该站点）' };
  let body: unknown;
  try {
    body = await getJson(url);
  } catch (err) {
    return { error: `读取办案系统阅核记录失败：${(err as Error).message}` };
  }
  const items = Array.isArray(body) ? body : (body as { items?: unknown })?.items;
  if (!Array.isArray(items)) return { error: '办案系统返回的阅核记录格式无法识别' };
  const map = endpoint.fields ?? {};
  let added = 0;
  for (const raw of items) {
    if (!raw || typeof raw !== 'object') continue;
    const item = raw as Record<string, unknown>;
    const pick = (ours: string) => item[map[ours] ?? ours];
    const parsed = SignoffInputSchema.safeParse({
      clientId: pick('clientId') ?? (item.id !== undefined ? `host-${String(item.id)}` : undefined),
      caseNo: c.caseNo,
      documentRef: pick('documentRef'),
      triggers: Array.isArray(pick('triggers')) ? pick('triggers') : [],
      reviewer: pick('reviewer'),
      reviewerRole: pick('reviewerRole'),
      reviewedAt: pick('reviewedAt'),
      decision: pick('decision'),
      ...(pick('opinion') ? { opinion: pick('opinion') } : {}),
      recommendedRoute: pick('recommendedRoute') ?? null,
      ...(pick('panelResponse') ? { panelResponse: pick('panelResponse') } : {}),
    });
    if (!parsed.success) continue; // a record we cannot read is left to the host; never guessed
    const before = await db.signoffs.where('clientId').equals(parsed.data.clientId).first();
    if (before) continue;
    await addSignoff(db, parsed.data);
    await db.signoffs.where('clientId').equals(parsed.data.clientId).modify({ syncState: 'synced' });
    added++;
  }
  return { added };
}
