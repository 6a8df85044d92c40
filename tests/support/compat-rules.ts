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

// Firefox ESR 115 (MV2 build). Only what Firefox 115 lacks: toSorted/toReversed/toSpliced/with, Array.fromAsync and
// URL.canParse all shipped in Firefox 115 and are fine there (the Chromium list still catches them for Chromium 109).
export const NEWER_THAN_FIREFOX_115: CompatRule[] = [
  { pattern: /\bObject\.groupBy\(|\bMap\.groupBy\(/, what: 'Object/Map.groupBy', since: 'Firefox 119' },
  { pattern: /\bPromise\.withResolvers\(/, what: 'Promise.withResolvers', since: 'Firefox 121' },
  { pattern: /\bPromise\.try\(/, what: 'Promise.try', since: 'Firefox 134' },
  { pattern: /\.isWellFormed\(|\.toWellFormed\(/, what: 'String.prototype.isWellFormed', since: 'Firefox 119' },
  { pattern: /\bAbortSignal\.any\(/, what: 'AbortSignal.any', since: 'Firefox 124' },
  { pattern: /\.(union|intersection|symmetricDifference|isSubsetOf|isSupersetOf|isDisjointFrom)\(new Set/, what: 'Set methods', since: 'Firefox 127' },
  { pattern: /\bnew Intl\.Segmenter\(/, what: 'Intl.Segmenter', since: 'Firefox 125', guard: 'Intl.Segmenter' },
  { pattern: /\bURL\.parse\(/, what: 'URL.parse', since: 'Firefox 126', guard: 'URL.parse' },
  { pattern: /:has\(/, what: 'CSS :has()', since: 'Firefox 121' },
  { pattern: /\bsidePanel\./, what: 'chrome.sidePanel', since: 'not in Firefox' },
  { pattern: /\boffscreen\.createDocument\(/, what: 'chrome.offscreen', since: 'not in Firefox' },
  { pattern: /\bruntime\.getContexts\(/, what: 'runtime.getContexts', since: 'not in Firefox 115' },
  { pattern: /\baction\.openPopup\(/, what: 'action.openPopup', since: 'Firefox 127 (and MV3 only)' },
  { pattern: /\buserScripts\.register\(/, what: 'userScripts (MV3 API)', since: 'Firefox 136' },
];

export function findNewerApis(source: string, rules: CompatRule[] = NEWER_THAN_CHROMIUM_109): CompatRule[] {
  return rules.filter((rule) => {
    const re = new RegExp(rule.pattern.source, 'g');
    for (let m = re.exec(source); m; m = re.exec(source)) {
      const before = source.slice(Math.max(0, m.index - 160), m.index);
      if (!rule.guard || !before.includes(`typeof ${rule.guard}`)) return true;
    }
    return false;
  });
}
