// The 案号 of each row of a list page and nothing else: the same profile with its row fields cut down to caseNo.
// Reading one field of 500 rows instead of a dozen lets the overlay draw remembered badges before the full read
// (utils/overlay/run.ts); the full extraction follows and is what gets ingested.
import type { HostProfile } from './profile';

const cache = new WeakMap<HostProfile, HostProfile>();

export function rowKeysProfile(profile: HostProfile): HostProfile {
  let keys = cache.get(profile);
  if (!keys) {
    keys = {
      ...profile,
      pages: profile.pages.map((page) => {
        const caseNo = page.rows?.fields.caseNo;
        return page.rows && caseNo ? { ...page, rows: { ...page.rows, fields: { caseNo } } } : page;
      }),
    } as HostProfile;
    cache.set(profile, keys);
  }
  return keys;
}
