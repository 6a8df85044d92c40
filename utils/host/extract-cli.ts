// npm run extract -- --profile P.json|<built-in id> --url URL --html F.html
// Runs a host profile on a saved page in Node (linkedom) and prints the PageResult (without DOM anchors) as JSON.
// Exit codes: 0 printed a result; 1 bad profile or bad arguments (the reason on stderr).
import { readFileSync, existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseHTML } from 'linkedom';
import { parseProfileText, type HostProfile } from './profile';
import { applyProfile, stripAnchors, type PageResultData } from './engine';
import { BUILTIN_PROFILE_ERRORS, builtinProfile } from './profiles';

const USAGE = '用法: npm run extract -- --profile <配置.json 或内置 id（demo-classic / demo-modern）> --url <页面地址> --html <页面.html>';

function args(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) out[a.slice(2, eq)] = a.slice(eq + 1);
      else out[a.slice(2)] = argv[++i] ?? '';
    }
  }
  return out;
}

export function loadProfile(ref: string): { ok: true; profile: HostProfile } | { ok: false; errors: string[] } {
  if (!existsSync(ref)) {
    const builtin = builtinProfile(ref);
    if (builtin) return { ok: true, profile: builtin };
    if (BUILTIN_PROFILE_ERRORS[ref]) return { ok: false, errors: BUILTIN_PROFILE_ERRORS[ref] };
    return { ok: false, errors: [`找不到配置文件“${ref}”，也不是内置配置 id`] };
  }
  return parseProfileText(readFileSync(ref, 'utf8'));
}

/** Parse HTML with linkedom and apply the profile. */
export function extractFromHtml(profile: HostProfile, html: string, url: string): PageResultData {
  const { document } = parseHTML(html);
  return stripAnchors(applyProfile(profile, document as unknown as Document, url));
}

function main(): number {
  const a = args(process.argv.slice(2));
  if (!a.profile || !a.url || !a.html) {
    process.stderr.write(USAGE + '\n');
    return 1;
  }
  const p = loadProfile(a.profile);
  if (!p.ok) {
    process.stderr.write(`配置无效（${a.profile}）：\n${p.errors.map((e) => '  ' + e).join('\n')}\n`);
    return 1;
  }
  if (!existsSync(a.html)) {
    process.stderr.write(`找不到页面文件“${a.html}”\n`);
    return 1;
  }
  try {
    new URL(a.url);
  } catch {
    process.stderr.write(`页面地址无效“${a.url}”\n`);
    return 1;
  }
  const result = extractFromHtml(p.profile, readFileSync(a.html, 'utf8'), a.url);
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  return 0;
}

// Run only when executed (tsx utils/host/extract-cli.ts), not when imported by tests.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main();
