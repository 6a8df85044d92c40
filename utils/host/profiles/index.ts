// Built-in host profiles: the demo court system's two skins (tests/host). Validated at load; a built-in
// profile that fails validation is left out and reported in BUILTIN_PROFILE_ERRORS (a unit test keeps it empty).
import { parseProfile, type HostProfile } from '../profile';
import demoClassic from './demo-classic.json';
import demoModern from './demo-modern.json';

const RAW: Record<string, unknown> = { 'demo-classic': demoClassic, 'demo-modern': demoModern };

export const BUILTIN_PROFILES: HostProfile[] = [];
export const BUILTIN_PROFILE_ERRORS: Record<string, string[]> = {};

for (const [id, json] of Object.entries(RAW)) {
  const r = parseProfile(json);
  if (r.ok) BUILTIN_PROFILES.push(r.profile);
  else BUILTIN_PROFILE_ERRORS[id] = r.errors;
}

export function builtinProfile(id: string): HostProfile | undefined {
  return BUILTIN_PROFILES.find((p) => p.id === id);
}
