// Host profiles known to this browser: the built-in demo profiles plus those a court imported on the options
// page (stored in the settings table, validated again on every read so a bad record is reported, not used).
import { originMatches } from '../host/detect';
import { parseProfile, type HostProfile } from '../host/profile';
import { BUILTIN_PROFILES } from '../host/profiles';
import { getSetting, setSetting, type ZhixiaoDB } from '../store';

const KEY = 'hostProfiles';

export interface StoredProfiles {
  profiles: HostProfile[];
  /** Stored profiles that no longer validate (kept in storage, never silently dropped). */
  invalid: Array<{ id: string; errors: string[] }>;
}

export async function loadUserProfiles(db: ZhixiaoDB): Promise<StoredProfiles> {
  const raw = await getSetting<unknown[]>(db, KEY, []);
  const out: StoredProfiles = { profiles: [], invalid: [] };
  for (const item of Array.isArray(raw) ? raw : []) {
    const r = parseProfile(item);
    if (r.ok) out.profiles.push(r.profile);
    else out.invalid.push({ id: String((item as { id?: unknown })?.id ?? '?'), errors: r.errors });
  }
  return out;
}

/** Adds or replaces (by id) a validated profile. Built-in ids cannot be overwritten. */
export async function saveUserProfile(db: ZhixiaoDB, profile: HostProfile): Promise<void> {
  if (BUILTIN_PROFILES.some((p) => p.id === profile.id)) throw new Error(`“${profile.id}”是内置配置的标识，请换一个 id`);
  const raw = await getSetting<unknown[]>(db, KEY, []);
  const rest = (Array.isArray(raw) ? raw : []).filter((p) => (p as { id?: unknown })?.id !== profile.id);
  await setSetting(db, KEY, [...rest, profile]);
}

export async function deleteUserProfile(db: ZhixiaoDB, id: string): Promise<void> {
  const raw = await getSetting<unknown[]>(db, KEY, []);
  await setSetting(db, KEY, (Array.isArray(raw) ? raw : []).filter((p) => (p as { id?: unknown })?.id !== id));
}

export async function allProfiles(db: ZhixiaoDB): Promise<HostProfile[]> {
  return [...BUILTIN_PROFILES, ...(await loadUserProfiles(db)).profiles];
}

/** Profiles whose origins cover the URL's origin. */
export async function profilesFor(db: ZhixiaoDB, url: string): Promise<HostProfile[]> {
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return [];
  }
  return (await allProfiles(db)).filter((p) => p.origins.some((o) => originMatches(o, origin)));
}

/** Match patterns (`http://host:port/*`) for the permission request and content-script registration. */
export function matchPatternsOf(profile: HostProfile): string[] {
  return profile.origins.map((o) => {
    const m = /^(https?):\/\/([^/:]+)(?::(\d+|\*))?/.exec(o);
    if (!m) return `${o.replace(/\/+$/, '')}/*`;
    // Chrome match patterns take no port: the port is checked by the profile's origin list at run time.
    return `${m[1]}://${m[2]}/*`;
  });
}
