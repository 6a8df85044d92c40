// APIs newer than the oldest browsers court desktops run (Chromium 109, Firefox ESR 115), found by a plain
// text scan. Each entry says which version brought it, so a reviewer can judge a hit quickly.
export interface CompatRule {
  pattern: RegExp;
  what: string;
  since: string;
  /** A use preceded by `typeof <guard>` (feature detection with a fallback) is allowed. */
  guard?: string;
}

export const NEWER_THAN_CHROMIUM_109: CompatRule[] = [
  { pattern: /\.toSorted\(/, what: 'Array.prototype.toSorted', since: 'Chrome 110' },
  { pattern: /\.toReversed\(/, what: 'Array.prototype.toReversed', since: 'Chrome 110' },
  { pattern: /\.toSpliced\(/, what: 'Array.prototype.toSpliced', since: 'Chrome 110' },
  { pattern: /\bObject\.groupBy\(|\bMap\.groupBy\(/, what: 'Object/Map.groupBy', since: 'Chrome 117' },
  { pattern: /\bPromise\.withResolvers\(/, what: 'Promise.withResolvers', since: 'Chrome 119' },
  { pattern: /\bArray\.fromAsync\(/, what: 'Array.fromAsync', since: 'Chrome 121' },
  { pattern: /\.isWellFormed\(|\.toWellFormed\(/, what: 'String.prototype.isWellFormed', since: 'Chrome 111' },
  { pattern: /\bAbortSignal\.any\(/, what: 'AbortSignal.any', since: 'Chrome 116' },
  { pattern: /\.(union|intersection|symmetricDifference|isSubsetOf|isSupersetOf|isDisjointFrom)\(new Set/, what: 'Set methods', since: 'Chrome 122' },
  { pattern: /\bsidePanel\./, what: 'chrome.sidePanel', since: 'Chrome 114' },
  { pattern: /\bruntime\.getContexts\(/, what: 'runtime.getContexts', since: 'Chrome 116' },
  { pattern: /\baction\.openPopup\(/, what: 'action.openPopup', since: 'Chrome 127' },
  { pattern: /\buserScripts\./, what: 'chrome.userScripts', since: 'Chrome 120' },
  { pattern: /\bURL\.canParse\(/, what: 'URL.canParse', since: 'Chrome 120', guard: 'URL.canParse' },
  { pattern: /\bURL\.parse\(/, what: 'URL.parse', since: 'Chrome 126', guard: 'URL.parse' },
];

export function findNewerApis(source: string): CompatRule[] {
  return NEWER_THAN_CHROMIUM_109.filter((rule) => {
    const re = new RegExp(rule.pattern.source, 'g');
    for (let m = re.exec(source); m; m = re.exec(source)) {
      const before = source.slice(Math.max(0, m.index - 160), m.index);
      if (!rule.guard || !before.includes(`typeof ${rule.guard}`)) return true;
    }
    return false;
  });
}
