// Options page: host profiles (the plugin) first; later sections add rules, thresholds, backup.
import { ProfilesSection, type ProfilesBackend } from './ProfilesSection';
import { ArchiveSection, type ArchiveBackend } from './ArchiveSection';
import { CorpusSection, type CorpusBackend } from './CorpusSection';
import { SettingsSection } from './SettingsSection';
import { BackupSection } from './BackupSection';
import type { BackupBackend, SettingsBackend } from '../../utils/pages/settings-backend';
import { downloadText } from '../dashboard/download';

export interface OptionsBackend {
  profiles: ProfilesBackend;
  archive?: ArchiveBackend;
  corpus?: CorpusBackend;
  settings?: SettingsBackend;
  backup?: BackupBackend;
}

export function OptionsApp({ backend }: { backend: OptionsBackend }) {
  return (
    <div class="options">
      <h1>质效助手 · 选项</h1>
      <ProfilesSection backend={backend.profiles} />
      {backend.archive && <ArchiveSection backend={backend.archive} />}
      {backend.corpus && <CorpusSection backend={backend.corpus} />}
      {backend.settings && <SettingsSection backend={backend.settings} />}
      {backend.backup && <BackupSection backend={backend.backup} save={(name, text) => downloadText(name, text, 'application/json')} />}
    </div>
  );
}
