// UI text: Simplified Chinese first (public/_locales/zh_CN), English second (public/_locales/en).
// In the extension the browser picks the locale; in Node and unit tests the zh_CN file is the fallback.
import zh from '../public/_locales/zh_CN/messages.json';

type Messages = Record<string, { message: string }>;
const fallback = zh as Messages;

export type MessageKey = keyof typeof zh;

export function t(key: MessageKey, ...subs: Array<string | number>): string {
  const api = (globalThis as { chrome?: { i18n?: { getMessage?: (k: string, s?: string[]) => string } } }).chrome?.i18n;
  const strs = subs.map(String);
  let fromBrowser: string | undefined;
  try {
    fromBrowser = api?.getMessage?.(key, strs);
  } catch {
    // outside an extension (tests, Node) or a broken API: the bundled Chinese text below is the answer
  }
  if (fromBrowser) return fromBrowser;
  let text = fallback[key]?.message ?? key;
  strs.forEach((s, i) => (text = text.replaceAll(`$${i + 1}`, s)));
  return text;
}
