// 案号 parser (domain.md §1, contracts.md). Pure; the type-code table is data (utils/rules/case-types.ts).
import {
  DEFAULT_CASE_TYPE_TABLE, PROVINCE_CODES, SPECIALISED_COURT_DIGITS,
  type CaseNumberCategory, type CaseNumberStage, type CaseType, type CaseTypeTable,
} from '../rules/case-types';

export type CourtLevel = 'supreme' | 'high' | 'intermediate' | 'basic' | 'specialised';

export interface CaseNumber {
  /** as found */
  raw: string;
  /** "(2016)渝0107刑初1669号" — half-width parentheses, ASCII digits, no spaces; legacy forms keep their text */
  normalized: string;
  year: number;
  court: string;
  /** as written (an alias such as 民破 is kept; see `canonicalCode`) */
  typeCode: string;
  seq: number;
  category: CaseNumberCategory;
  stage: CaseNumberStage;
  /** 专门审判代字, e.g. 知 */
  special?: string;
  /** 之一, 之二 … (also read from an export-style `-1号`) */
  subNo?: string;
  courtLevel?: CourtLevel;
  /** the table code the type code maps to, when `typeCode` is an alias (民破 → 破) */
  canonicalCode?: string;
  /** type code not in the table: kept, never used to guess a 审限 */
  unknownType?: boolean;
  /** pre-2016 `…字第…号` form: `court` is the text before the recognised type code, best effort */
  legacy?: boolean;
  /** further serials written in the same 案号 ("第116、169号") */
  extraSeqs?: number[];
  /**
   * Data-quality flags: `serial-not-8-digits` (刑核 needs an 8-digit serial, §1.2), `irregular` (a 案号 that
   * needed repair: missing province, stray bracket, `第` in a modern form …), `unknown-court`.
   */
  flags?: string[];
}

const PROV = Object.keys(PROVINCE_CODES).join('');
const CN_NUM = '一二三四五六七八九十';
const MODERN = new RegExp(
  `^\\((\\d{4})\\)(最高法|[${PROV}](?:\\d{4}|\\d{2})?)(知)?([\\u4e00-\\u9fff]{1,3}?)(\\d+)号(?:之([${CN_NUM}]+))?$`, 'u');
const LEGACY = new RegExp(`^\\((\\d{4})\\)([^()]*?)字第*(\\d+)((?:[、,]\\d+)*)号(?:之([${CN_NUM}]+))?$`, 'u');
const LENIENT = new RegExp(
  `^\\((\\d{4})\\)(最高法|[\\u4e00-\\u9fff]?\\d{2}(?:\\d{2})?|[${PROV}])(知)?([\\u4e00-\\u9fff]{1,3}?)第*(\\d+)((?:[、,]\\d+)*)号(?:之([${CN_NUM}]+))?$`, 'u');
/** candidate spans for findCaseNumbers (run on normalised text) */
const CANDIDATE = new RegExp(`\\(\\d{4}\\)(?:[^()\\s，。；、,;:：]|[、,](?=\\d)){1,30}?号(?:之[${CN_NUM}]+)?`, 'gu');

const OPEN = new Set(['（', '〔', '[', '［', '【', '(', '﹙']);
const CLOSE = new Set(['）', '〕', ']', '］', '】', ')', '﹚']);

/** Character-level normalisation with a map back to the raw text (whitespace and 【】 dropped). */
function normalizeChars(text: string): { out: string; pos: number[] } {
  let out = '';
  const pos: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const c = ch.charCodeAt(0);
    let o: string;
    if (c >= 0xff10 && c <= 0xff19) o = String.fromCharCode(c - 0xfee0); // full-width digits
    else if ((c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a)) o = String.fromCharCode(c - 0xfee0);
    else if (ch === '【' || ch === '】') continue;
    else if (OPEN.has(ch)) o = '(';
    else if (CLOSE.has(ch)) o = ')';
    else if (ch === '－' || ch === '—' || ch === '‐' || ch === '–') o = '-';
    else if (ch === '，') o = '，';
    else if (/\s/.test(ch) || c === 0x3000) continue;
    else o = ch;
    out += o;
    pos.push(i);
  }
  return { out, pos };
}

function chineseNumeral(n: number): string {
  if (n <= 10) return CN_NUM[n - 1] ?? String(n);
  if (n < 20) return '十' + CN_NUM[n - 11];
  const t = Math.floor(n / 10), u = n % 10;
  return CN_NUM[t - 1] + '十' + (u ? CN_NUM[u - 1] : '');
}

/** Normalise one 案号 string: brackets, digits, whitespace, `-1号` → `号之一` (§1.6). */
export function normalizeCaseNumberText(text: string): string {
  return normalizeChars(text).out.replace(/(\d)-(\d{1,2})号$/, (_m, d: string, k: string) => `${d}号之${chineseNumeral(+k)}`);
}

interface TypeIndex { types: Map<string, CaseType>; aliases: Map<string, string> }
const indexCache = new WeakMap<CaseTypeTable, TypeIndex>();
function typeIndex(table: CaseTypeTable): TypeIndex {
  let idx = indexCache.get(table);
  if (!idx) {
    idx = { types: new Map(table.types.map((t) => [t.code, t])), aliases: new Map(table.aliases.map((a) => [a.alias, a.code])) };
    indexCache.set(table, idx);
  }
  return idx;
}

/** Look a type code up, following aliases. */
export function lookupCaseType(code: string, table: CaseTypeTable = DEFAULT_CASE_TYPE_TABLE): { type: CaseType; canonical: string } | null {
  const idx = typeIndex(table);
  const direct = idx.types.get(code);
  if (direct) return { type: direct, canonical: code };
  const target = idx.aliases.get(code);
  const aliased = target ? idx.types.get(target) : undefined;
  return aliased ? { type: aliased, canonical: aliased.code } : null;
}

const CATEGORY_BY_CHAR: Record<string, CaseNumberCategory> = {
  刑: 'criminal', 民: 'civil', 商: 'civil', 知: 'civil', 行: 'administrative', 执: 'enforcement', 赔: 'compensation',
};

export function courtLevelOf(court: string): CourtLevel | undefined {
  if (court === '最高法') return 'supreme';
  const m = /^[\u4e00-\u9fff](\d*)$/u.exec(court);
  if (!m || !(court[0] in PROVINCE_CODES)) return undefined;
  const digits = m[1];
  if (digits.length === 0) return 'high';
  if (digits.length === 2) return +digits >= SPECIALISED_COURT_DIGITS.min && +digits <= SPECIALISED_COURT_DIGITS.max ? 'specialised' : 'intermediate';
  if (digits.length === 4) return 'basic';
  return undefined;
}

function classify(cn: Omit<CaseNumber, 'category' | 'stage'>, table: CaseTypeTable): CaseNumber {
  const hit = lookupCaseType(cn.typeCode, table);
  if (hit) {
    const out: CaseNumber = { ...cn, category: hit.type.category, stage: hit.type.stage };
    if (hit.canonical !== cn.typeCode) out.canonicalCode = hit.canonical;
    return out;
  }
  return { ...cn, category: CATEGORY_BY_CHAR[cn.typeCode[0]] ?? 'other', stage: 'other', unknownType: true };
}

function finish(cn: CaseNumber): CaseNumber {
  if ((cn.canonicalCode ?? cn.typeCode) === '刑核' && !cn.legacy) {
    const digits = /(\d+)号/.exec(cn.normalized)?.[1] ?? '';
    if (digits.length !== 8) (cn.flags ??= []).push('serial-not-8-digits');
  }
  return cn;
}

function parseLegacy(n: string, raw: string, table: CaseTypeTable): CaseNumber | null {
  const m = LEGACY.exec(n);
  if (!m) return null;
  const [, year, body, seq, more, sub] = m;
  // The type code is the longest known code (or alias) that ends the body; otherwise the body from its first
  // category character (刑, 民, 行, 执, 赔, 商) on, flagged unknown.
  let court = body, typeCode = '';
  for (let i = 0; i < body.length; i++) {
    if (lookupCaseType(body.slice(i), table)) { court = body.slice(0, i); typeCode = body.slice(i); break; }
  }
  if (!typeCode) {
    const i = body.search(/[刑民商行执赔]/u);
    if (i >= 0) { court = body.slice(0, i); typeCode = body.slice(i); }
  }
  const cn = classify({
    raw, normalized: n, year: +year, court, typeCode, seq: +seq, legacy: true,
    ...(sub ? { subNo: '之' + sub } : {}),
    ...(more ? { extraSeqs: more.split(/[、,]/).filter(Boolean).map(Number) } : {}),
  }, table);
  if (!typeCode) cn.unknownType = true;
  return cn;
}

/** One 案号, tolerant of （）() 〔〕[], spaces, full-width digits (contracts.md). Null when it is not one. */
export function parseCaseNumber(text: string, table: CaseTypeTable = DEFAULT_CASE_TYPE_TABLE): CaseNumber | null {
  if (typeof text !== 'string') return null;
  const raw = text;
  const n = normalizeCaseNumberText(text);
  let m = MODERN.exec(n);
  if (m) {
    const [, year, court, special, typeCode, seq, sub] = m;
    const cn = classify({
      raw, normalized: `(${year})${court}${special ?? ''}${typeCode}${seq}号${sub ? '之' + sub : ''}`,
      year: +year, court, typeCode, seq: +seq, courtLevel: courtLevelOf(court),
      ...(special ? { special } : {}), ...(sub ? { subNo: '之' + sub } : {}),
    }, table);
    return finish(cn);
  }
  if (n.includes('字')) {
    const legacy = parseLegacy(n, raw, table);
    if (legacy) return legacy;
  }
  // Irregular modern forms: missing province, stray bracket, 第 before the serial, several serials.
  const repaired = n.replace(/^(\(\d{4}\))(.*)$/u, (_x, a: string, b: string) => a + b.replace(/[()]/g, ''));
  m = LENIENT.exec(repaired);
  if (m) {
    const [, year, court, special, typeCode, seq, more, sub] = m;
    const level = courtLevelOf(court);
    const cn = classify({
      raw, normalized: `(${year})${court}${special ?? ''}${typeCode}${seq}号${sub ? '之' + sub : ''}`,
      year: +year, court, typeCode, seq: +seq, flags: ['irregular', ...(level ? [] : ['unknown-court'])],
      ...(level ? { courtLevel: level } : {}),
      ...(special ? { special } : {}), ...(sub ? { subNo: '之' + sub } : {}),
      ...(more ? { extraSeqs: more.split(/[、,]/).filter(Boolean).map(Number) } : {}),
    }, table);
    return finish(cn);
  }
  return null;
}

/** Every 案号 in free text, in order of appearance (§1.6). `raw` is the exact substring of the input. */
export function findCaseNumbers(text: string, table: CaseTypeTable = DEFAULT_CASE_TYPE_TABLE): CaseNumber[] {
  if (!text) return [];
  const { out, pos } = normalizeChars(text);
  const found: CaseNumber[] = [];
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(out); m; m = CANDIDATE.exec(out)) {
    const start = pos[m.index], end = pos[m.index + m[0].length - 1] + 1;
    const rawText = text.slice(start, end);
    // The export form `…10838-1号` is accepted; a leading 【 belongs to the official print form, not the 案号.
    const cn = parseCaseNumber(m[0], table);
    if (cn) found.push({ ...cn, raw: rawText });
  }
  return found;
}
