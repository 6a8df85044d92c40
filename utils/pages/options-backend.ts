// The options page's data access: extension origin, so it uses the database directly.
import browser from 'webextension-polyfill';
import { parseProfileText } from '../host/profile';
import { BUILTIN_PROFILES } from '../host/profiles';
import { deleteUserProfile, loadUserProfiles, matchPatternsOf, saveUserProfile } from '../background/profiles';
import { openDb } from '../store';
import type { OptionsBackend } from '../../components/options/OptionsApp';

const db = openDb();

export const optionsBackend: OptionsBackend = {
  profiles: {
    async list() {
      const stored = await loadUserProfiles(db);
      return { builtin: BUILTIN_PROFILES, user: stored.profiles, invalid: stored.invalid };
    },
    validate: (text) => {
      const r = parseProfileText(text);
      if (r.ok && BUILTIN_PROFILES.some((p) => p.id === r.profile.id)) {
        return { ok: false, errors: [`id: “${r.profile.id}”是内置配置的标识，请换一个`] };
      }
      return r;
    },
    save: (profile) => saveUserProfile(db, profile),
    remove: (id) => deleteUserProfile(db, id),
    async requestOrigins(profile) {
      return browser.permissions.request({ origins: matchPatternsOf(profile) });
    },
  },
};
