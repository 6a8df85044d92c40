// Options page: host profiles (the plugin) first; later sections add rules, thresholds, backup.
import { ProfilesSection, type ProfilesBackend } from './ProfilesSection';

export interface OptionsBackend {
  profiles: ProfilesBackend;
}

export function OptionsApp({ backend }: { backend: OptionsBackend }) {
  return (
    <div class="options">
      <h1>质效助手 · 选项</h1>
      <ProfilesSection backend={backend.profiles} />
    </div>
  );
}
