// Imported court profiles run on origins the user granted at run time: register the content script there.
// (The demo court system's loopback origins are in the manifest.)
import browser from 'webextension-polyfill';
import type { HostProfile } from '../host/profile';
import { matchPatternsOf } from './profiles';

const SCRIPT_ID = 'zhixiao-user-profiles';
const STATIC_HOSTS = ['127.0.0.1', 'localhost'];

interface RegisteredScript { id: string; js: string[]; matches: string[]; allFrames: boolean; runAt: 'document_start' }
interface ScriptingApi {
  registerContentScripts(scripts: RegisteredScript[]): Promise<void>;
  unregisterContentScripts(filter: { ids: string[] }): Promise<void>;
  getRegisteredContentScripts(filter: { ids: string[] }): Promise<RegisteredScript[]>;
}

export async function syncContentScripts(userProfiles: HostProfile[]): Promise<string[]> {
  const scripting = (browser as unknown as { scripting?: ScriptingApi }).scripting;
  if (!scripting?.registerContentScripts) return [];
  const wanted = [...new Set(userProfiles.flatMap(matchPatternsOf))].filter(
    (p) => !STATIC_HOSTS.some((h) => p.includes(`//${h}/`)),
  );
  const granted: string[] = [];
  for (const pattern of wanted) {
    if (await browser.permissions.contains({ origins: [pattern] })) granted.push(pattern);
  }
  const existing = await scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] }).catch(() => []);
  if (existing.length) await scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (granted.length) {
    await scripting.registerContentScripts([
      { id: SCRIPT_ID, js: ['content-scripts/host.js'], matches: granted, allFrames: true, runAt: 'document_start' },
    ]);
  }
  return granted;
}
