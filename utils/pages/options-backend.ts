// The options page's data access: extension origin, so it uses the database directly.
import browser from 'webextension-polyfill';
import { parseProfileText } from '../host/profile';
import { BUILTIN_PROFILES } from '../host/profiles';
import { deleteUserProfile, loadUserProfiles, matchPatternsOf, saveUserProfile } from '../background/profiles';
import { openDb } from '../store';
import { loadArchiveTable, parseArchiveTableText, resetArchiveTable, saveArchiveTable } from '../background/archive';
import { importCorpus, searchDb } from '../search/persist';
import type { OptionsBackend } from '../../components/options/OptionsApp';
import { backupBackendFor, settingsBackendFor } from './settings-backend';

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
  archive: {
    load: () => loadArchiveTable(db),
    validate: parseArchiveTableText,
    save: (table) => saveArchiveTable(db, table),
    reset: () => resetArchiveTable(db),
  },
  corpus: {
    async stats() {
      const sdb = searchDb();
      const perTier: Record<number, number> = {};
      for (const t of [1, 2, 3, 4]) perTier[t] = await sdb.docs.where('tier').equals(t).count();
      return { docs: await sdb.docs.count(), perTier };
    },
    import: (text, format) => importCorpus(text, format, searchDb()),
  },
  settings: settingsBackendFor(db),
  backup: backupBackendFor(db),
};
