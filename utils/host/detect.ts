// Page-kind detection from the URL alone (no DOM): which profile and which page rule fit a URL.
// Pure; used by the content script before it reads anything, and by the engine.
import type { HostProfile, PageMatch, PageRule } from './profile';

export interface Detected {
  profile: HostProfile;
  page: PageRule;
  /** index of `page` in `profile.pages` */
  pageIndex: number;
}

const regexCache = new Map<string, RegExp | null>();

function cached(key: string, build: () => RegExp): RegExp | null {
  let re = regexCache.get(key);
  if (re === undefined) {
    try {
      re = build();
    } catch {
      re = null;
    }
    if (regexCache.size > 2000) regexCache.clear();
    regexCache.set(key, re);
  }
  return re;
}

function escapeRe(s: string): string {
  return s.replace(/[.+^${}()|[\]\\]/g, '\\$&');
}

/** Glob → anchored regex: `**` any text (a `**` folder may also be no folder), `*` any text without `/`, `?` one character other than `/`. */
export function globToRegExp(glob: string): RegExp {
  const re = cached(`g:${glob}`, () => {
    let out = '';
    for (let i = 0; i < glob.length; i++) {
      const c = glob[i];
      if (c === '*') {
        if (glob[i + 1] === '*') {
          if (glob[i + 2] === '/') {
            out += '(?:.*/)?'; // a double-star folder also matches no folder at all
            i += 2;
          } else {
            out += '.*';
            i++;
          }
        } else out += '[^/]*';
      } else if (c === '?') out += '[^/]';
      else out += escapeRe(c);
    }
    return new RegExp(`^${out}$`);
  });
  return re ?? /$^/;
}

function stripSlash(p: string): string {
  return p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
}

/** Does a profile origin (`http://127.0.0.1:5180`, `http://*.court.local`) cover this URL's origin? */
export function originMatches(pattern: string, origin: string): boolean {
  if (!pattern.includes('*')) {
    try {
      return new URL(pattern).origin === origin;
    } catch {
      return false;
    }
  }
  const re = cached(`o:${pattern}`, () => new RegExp(`^${pattern.split('*').map(escapeRe).join('[^./:]+')}$`, 'i'));
  return re ? re.test(origin) : false;
}

/** URL conditions of a page rule (the `selector` condition needs the DOM and is checked by the engine). */
export function urlMatches(match: PageMatch, u: URL): boolean {
  if (match.path !== undefined && !globToRegExp(stripSlash(match.path)).test(stripSlash(safeDecode(u.pathname)))) return false;
  if (match.hash !== undefined && !globToRegExp(match.hash).test(safeDecode(u.hash.replace(/^#/, '')))) return false;
  if (match.query !== undefined) {
    for (const [name, glob] of Object.entries(match.query)) {
      const v = u.searchParams.get(name);
      if (v === null || !globToRegExp(glob).test(v)) return false;
    }
  }
  if (match.regex !== undefined) {
    const re = cached(`r:${match.regex}`, () => new RegExp(match.regex!));
    if (!re || !re.test(u.pathname + u.search + u.hash)) return false;
  }
  return true;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Every (profile, page) whose origin and URL conditions fit, in profile order then page order. */
export function detectPages(profiles: ReadonlyArray<HostProfile>, url: string): Detected[] {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return [];
  }
  const out: Detected[] = [];
  for (const profile of profiles) {
    if (!profile.origins.some((o) => originMatches(o, u.origin))) continue;
    profile.pages.forEach((page, pageIndex) => {
      if (urlMatches(page.match, u)) out.push({ profile, page, pageIndex });
    });
  }
  return out;
}

/** The first page rule whose URL conditions fit, or null. URL only: `match.selector` is not checked here. */
export function detectPage(profiles: ReadonlyArray<HostProfile>, url: string): Detected | null {
  return detectPages(profiles, url)[0] ?? null;
}
