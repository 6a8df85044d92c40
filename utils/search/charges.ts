// Charge (罪名) / 案由 normalisation and extraction. Pure.

import { CHARGE_ALIASES, CHARGE_GROUPS } from './charge-list';

const OFFICIAL = new Map<string, string>(); // name → group
for (const g of CHARGE_GROUPS) for (const n of g.names) if (!OFFICIAL.has(n)) OFFICIAL.set(n, g.group);
const OFFICIAL_NAMES = [...OFFICIAL.keys()].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));

export function isOfficialCharge(name: string): boolean {
  return OFFICIAL.has(name);
}

/** Chapter-level group of an official charge ("侵犯财产", "毒品", …), or undefined. */
export function chargeGroup(name: string): string | undefined {
  return OFFICIAL.get(name);
}

function isSubsequence(needle: string, hay: string): boolean {
  let j = 0;
  for (let i = 0; i < hay.length && j < needle.length; i++) if (hay[i] === needle[j]) j++;
  return j === needle.length;
}

const cache = new Map<string, string>();

function clean(raw: string): string {
  let s = (raw ?? '').normalize('NFKC').replace(/\s+/g, '');
  s = s.replace(/[(（][^)）]*(未遂|既遂|中止|预备)[^)）]*[)）]/g, '');
  s = s.replace(/[,，]/g, '、').replace(/^[“"'「]+|[”"'」]+$/g, '');
  s = s.replace(/^.*?(?:的行为)?(?:不)?构成/, '');
  s = s.replace(/^(?:被告人?|罪犯|上诉人)[\u4e00-\u9fa5×*某]{1,4}?(?:犯|的)?(?=[\u4e00-\u9fa5])/, '');
  // NFKC turns （边） into (边): official names use full-width, restore
  s = s.replace(/\(边\)/g, '（边）').replace(/\(境\)/g, '（境）');
  if (s && !s.endsWith('罪') && !/纠纷$|案$/.test(s)) s += '罪';
  return s;
}

/**
 * Official name for a charge as written in documents: exact, alias, or the shortest official name of
 * which it is a subsequence (贩卖毒品罪 → 走私、贩卖、运输、制造毒品罪, 非法持有枪支罪 → 非法持有、私藏枪支、弹药罪).
 * Unknown names come back cleaned but otherwise unchanged. 案由 (civil causes) pass through cleaned.
 */
export function normalizeCharge(raw: string): string {
  const hit = cache.get(raw);
  if (hit !== undefined) return hit;
  const s = clean(raw);
  let out = s;
  if (!s.endsWith('罪')) out = s.replace(/案$/, '');
  else if (OFFICIAL.has(s)) out = s;
  else if (CHARGE_ALIASES[s]) out = CHARGE_ALIASES[s];
  else if (s.length >= 4) {
    // shortest official name containing it as a subsequence, preferring one with the same first character
    let loose: string | undefined;
    for (const name of OFFICIAL_NAMES) {
      if (name.length <= s.length || !isSubsequence(s, name)) continue;
      if (name[0] === s[0]) { out = name; break; }
      loose ??= name;
    }
    if (out === s && loose) out = loose;
  }
  if (cache.size > 5000) cache.clear();
  cache.set(raw, out);
  return out;
}

/** Normalise and de-duplicate a list of charges, keeping order. */
export function normalizeCharges(list: readonly string[] | undefined): string[] {
  const out: string[] = [];
  for (const c of list ?? []) {
    const n = normalizeCharge(c);
    if (n && !out.includes(n)) out.push(n);
  }
  return out;
}

const SEARCH_TERMS: Array<[string, string]> = (() => {
  const pairs: Array<[string, string]> = [];
  for (const n of OFFICIAL.keys()) pairs.push([n, n]);
  for (const [a, n] of Object.entries(CHARGE_ALIASES)) pairs.push([a, n]);
  return pairs.sort((x, y) => y[0].length - x[0].length);
})();

/**
 * Charges named in free text: "构成盗窃罪", "以贩卖毒品罪追究", "犯故意伤害罪" and any official name or
 * alias that appears verbatim. Returns official names, in order of first appearance.
 */
export function extractCharges(text: string): string[] {
  const t = (text ?? '').normalize('NFKC').replace(/\(边\)/g, '（边）').replace(/\(境\)/g, '（境）');
  const found: Array<[number, string]> = [];
  const covered: Array<[number, number]> = [];
  const overlaps = (a: number, b: number) => covered.some(([x, y]) => a < y && b > x);
  for (const [term, name] of SEARCH_TERMS) {
    let from = 0;
    for (;;) {
      const i = t.indexOf(term, from);
      if (i < 0) break;
      from = i + 1;
      if (overlaps(i, i + term.length)) continue;
      covered.push([i, i + term.length]);
      found.push([i, name]);
    }
  }
  const re = /(?:构成|犯有?|涉嫌|以|判处|认定为?)([\u4e00-\u9fa5、]{2,24}?罪)(?![犯行名])/g;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    const start = m.index + m[0].length - m[1].length;
    if (overlaps(start, start + m[1].length)) continue;
    const n = normalizeCharge(m[1]);
    if (OFFICIAL.has(n)) {
      covered.push([start, start + m[1].length]);
      found.push([start, n]);
    }
  }
  found.sort((a, b) => a[0] - b[0]);
  const out: string[] = [];
  for (const [, n] of found) if (!out.includes(n)) out.push(n);
  return out;
}
