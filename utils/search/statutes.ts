// Statute citations → canonical law + article. Pure.
//
// parseStatutes("依照《中华人民共和国刑法》第三百四十七条第一款、第六十七条第三款")
//   → [{law:'刑法', article:347, paragraph:1}, {law:'刑法', article:67, paragraph:3}]

export interface Statute {
  law: string; // canonical short name: 刑法, 刑事诉讼法, 民法典, …
  article: number;
  /** 之一 → 1, 之二 → 2 (e.g. 刑法第一百三十三条之一). */
  suffix?: number;
  paragraph?: number; // 款
  item?: number; // 项
}

const DIGIT: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 贰: 2, 两: 2, 三: 3, 叁: 3, 四: 4, 肆: 4, 五: 5, 伍: 5,
  六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const UNIT: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };

/** Chinese numeral (up to 9999) or Arabic digits → number; NaN if not a number. */
export function parseChineseNumber(s: string): number {
  const t = s.normalize('NFKC').trim();
  if (/^\d+$/.test(t)) return parseInt(t, 10);
  if (!t) return NaN;
  let total = 0;
  let digit = -1;
  for (const ch of t) {
    if (ch in DIGIT) digit = DIGIT[ch];
    else if (ch in UNIT) {
      total += (digit < 0 ? 1 : digit) * UNIT[ch];
      digit = -1;
    } else return NaN;
  }
  if (digit >= 0) total += digit;
  return total;
}

const LAW_ALIASES: Record<string, string> = {
  刑诉法: '刑事诉讼法',
  民诉法: '民事诉讼法',
  行诉法: '行政诉讼法',
  国赔法: '国家赔偿法',
  治安管理处罚法: '治安管理处罚法',
  治安法: '治安管理处罚法',
  民通: '民法通则',
  合同法: '合同法',
};

/** Canonical law name: strip 《》, 中华人民共和国, spaces; expand abbreviations. */
export function canonicalLaw(name: string): string {
  let s = name.normalize('NFKC').replace(/[《》\s〈〉<>]/g, '');
  s = s.replace(/中华人民共和国/g, '');
  // judicial interpretations: drop the issuing bodies so that variants of one title compare equal
  s = s.replace(/^(?:最高人民法院|最高人民检察院|公安部|司法部|[、，,和])+(?=关于)/, '');
  s = s.replace(/[(（]\d{4}年?(修正|修订)?[)）]$/, '');
  return LAW_ALIASES[s] ?? s;
}

export function statuteKey(s: Statute): string {
  return `${s.law} ${s.article}${s.suffix ? `之${s.suffix}` : ''}`;
}

export function formatStatute(s: Statute): string {
  const n = (x: number) => String(x);
  return `《${s.law}》第${n(s.article)}条${s.suffix ? `之${s.suffix}` : ''}${s.paragraph ? `第${s.paragraph}款` : ''}${s.item ? `第${s.item}项` : ''}`;
}

const NUM = '[零〇一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟0-9０-９]+';
// A law reference: 《…》 or a bare well-known short name.
const BARE_LAWS = '刑事诉讼法|民事诉讼法|行政诉讼法|刑诉法|民诉法|行诉法|刑法|民法典|治安管理处罚法';
const LAW_RE = new RegExp(`《([^《》]{1,80})》|(?:中华人民共和国)?(${BARE_LAWS})(?=第)`, 'g');
// One article clause: 第X条[之Y][第X(、Y)款][第(X)(、Y)项], after a separator (、，和及).
const LIST = `${NUM}(?:、${NUM})*`;
const ITEMS = `[（(]?${NUM}[)）]?(?:、[（(]?${NUM}[)）]?)*`;
// A missing 条 before 第X款 ("第一百二十五第一款", a typo in a real judgment) is tolerated.
// "［盗窃罪］" annotations after a clause are skipped; "第二百六十三条（一）、（四）" are items without 项.
const NOTE = '(?:[［\\[【][^］\\]】]{0,24}[］\\]】])?';
const PAREN_ITEMS = `[（(]${NUM}[)）](?:、[（(]${NUM}[)）])*`;
const CLAUSE_RE = new RegExp(
  `^${NOTE}[、，,和及以与\\s]*(?:第(${NUM})(?:条|(?=第${NUM}款))(?:之(${NUM}))?)?(?:第?(${LIST})款)?(?:第?(${ITEMS})项|(${PAREN_ITEMS})(?![\\u4e00-\\u9fa5]*[条款]))?${NOTE}`,
);

function numList(s: string | undefined): number[] {
  if (s === undefined) return [];
  return s
    .split('、')
    .map((x) => parseChineseNumber(x.replace(/[（()）]/g, '')))
    .filter((n) => !Number.isNaN(n) && n > 0);
}

/** Every statute cited in the text, in order, de-duplicated by (law, article, suffix, paragraph, item). */
export function parseStatutes(text: string): Statute[] {
  const t = (text ?? '').replace(/\s+/g, '');
  const out: Statute[] = [];
  const seen = new Set<string>();
  const emit = (s: Statute) => {
    const key = `${statuteKey(s)}|${s.paragraph ?? ''}|${s.item ?? ''}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(s);
    }
  };
  LAW_RE.lastIndex = 0;
  for (let m = LAW_RE.exec(t); m; m = LAW_RE.exec(t)) {
    const law = canonicalLaw(m[1] ?? m[2]);
    let pos = m.index + m[0].length;
    let article: number | undefined;
    let suffix: number | undefined;
    let lastParagraph: number | undefined;
    for (;;) {
      const c = CLAUSE_RE.exec(t.slice(pos, pos + 120));
      if (!c || !(c[1] ?? c[3] ?? c[4] ?? c[5])) break;
      if (c[1] !== undefined) {
        article = parseChineseNumber(c[1]);
        suffix = c[2] !== undefined ? parseChineseNumber(c[2]) : undefined;
        lastParagraph = undefined;
      }
      if (article === undefined || Number.isNaN(article) || article <= 0) break;
      const paragraphs = numList(c[3]);
      const items = numList(c[4] ?? c[5]);
      // a bare "（三）项" continuing "第一款第（二）项" keeps the paragraph
      const paras = paragraphs.length ? paragraphs : c[1] === undefined && lastParagraph !== undefined ? [lastParagraph] : [undefined];
      for (const para of paras) {
        for (const item of items.length ? items : [undefined]) {
          const st: Statute = { law, article };
          if (suffix) st.suffix = suffix;
          if (para !== undefined) st.paragraph = para;
          if (item !== undefined) st.item = item;
          emit(st);
        }
      }
      if (paragraphs.length) lastParagraph = paragraphs[paragraphs.length - 1];
      pos += c[0].length;
    }
    LAW_RE.lastIndex = Math.max(LAW_RE.lastIndex, pos);
  }
  return out;
}

/** Distinct article keys ("刑法 347") of the statutes in a text or list. */
export function statuteKeys(input: string | readonly (Statute | string)[]): string[] {
  const list = typeof input === 'string' ? parseStatutes(input) : input;
  const out: string[] = [];
  for (const s of list) {
    const keys = typeof s === 'string' ? (parseStatutes(s).map(statuteKey).length ? parseStatutes(s).map(statuteKey) : [s]) : [statuteKey(s)];
    for (const k of keys) if (!out.includes(k)) out.push(k);
  }
  return out;
}
