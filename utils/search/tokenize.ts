// Chinese tokenizer for similar-case search: character unigrams + bigrams inside runs of CJK
// characters, plus lower-cased Latin words. No model, no dictionary. Pure: works in Node and browsers.
//
// Policy:
// - Text is NFKC-normalised (full-width → half-width).
// - Boilerplate of case summaries ("与该罪名相关的犯罪情节的起因、经过、结果分别为：", "起因：", …) is removed.
// - Punctuation, whitespace and digits break runs and are dropped (amounts and dates differ between
//   similar cases; keeping them adds noise). Latin words of 2+ letters are kept ("qq", "ktv").
// - Bigrams never cross a punctuation mark or digit.

const BOILERPLATE: Array<[RegExp, string]> = [
  [/与[^\n。：:]{0,60}?相关的犯罪情节的起因、经过、结果分别为[：:]?/g, ''],
  [/综上所述[，,]?该案件中包含了与[^\n。]{0,60}?相关的犯罪情节。?/g, ''],
  [/(^|\n)\s*(起因|经过|结果)[：:]/g, '$1'],
];

export function stripBoilerplate(text: string): string {
  let t = text;
  for (const [re, by] of BOILERPLATE) t = t.replace(re, by);
  return t;
}

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

function isCjk(ch: string): boolean {
  return CJK.test(ch);
}

export interface TokenizeOptions {
  unigrams?: boolean; // default true
  bigrams?: boolean; // default true
  boilerplate?: boolean; // strip boilerplate, default true
}

/** Runs of CJK characters and Latin words, after normalisation. */
export function segments(text: string, opts: TokenizeOptions = {}): { cjk: string[]; latin: string[] } {
  let t = (text ?? '').normalize('NFKC');
  if (opts.boilerplate !== false) t = stripBoilerplate(t);
  const cjk: string[] = [];
  const latin: string[] = [];
  let run = '';
  let word = '';
  for (const ch of t) {
    if (isCjk(ch)) {
      if (word) { if (word.length >= 2) latin.push(word); word = ''; }
      run += ch;
    } else {
      if (run) { cjk.push(run); run = ''; }
      const c = ch.toLowerCase();
      if (c >= 'a' && c <= 'z') word += c;
      else if (word) { if (word.length >= 2) latin.push(word); word = ''; }
    }
  }
  if (run) cjk.push(run);
  if (word.length >= 2) latin.push(word);
  return { cjk, latin };
}

/** Tokens with repetition (for term frequencies). Bigrams are 2-char strings, unigrams 1-char. */
export function tokenize(text: string, opts: TokenizeOptions = {}): string[] {
  const uni = opts.unigrams !== false;
  const bi = opts.bigrams !== false;
  const { cjk, latin } = segments(text, opts);
  const out: string[] = [];
  for (const run of cjk) {
    const chars = Array.from(run);
    for (let i = 0; i < chars.length; i++) {
      if (uni) out.push(chars[i]);
      if (bi && i + 1 < chars.length) out.push(chars[i] + chars[i + 1]);
    }
  }
  for (const w of latin) out.push(w);
  return out;
}

/** Term → frequency (fast path: one pass over char codes, no intermediate token list). */
export function termFrequencies(text: string, opts: TokenizeOptions = {}): Map<string, number> {
  const uni = opts.unigrams !== false;
  const bi = opts.bigrams !== false;
  let t = (text ?? '').normalize('NFKC');
  if (opts.boilerplate !== false) t = stripBoilerplate(t);
  const tf = new Map<string, number>();
  const inc = (k: string) => tf.set(k, (tf.get(k) ?? 0) + 1);
  let prev = -1; // previous CJK char code, -1 if the run is broken
  let wordStart = -1;
  const n = t.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? t.charCodeAt(i) : 32;
    const cjk = (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
    if (cjk) {
      if (uni) inc(String.fromCharCode(c));
      if (bi && prev >= 0) inc(String.fromCharCode(prev, c));
      prev = c;
    } else prev = -1;
    const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
    if (letter) {
      if (wordStart < 0) wordStart = i;
    } else if (wordStart >= 0) {
      if (i - wordStart >= 2) inc(t.slice(wordStart, i).toLowerCase());
      wordStart = -1;
    }
  }
  return tf;
}

/** Function-word bigrams that carry no facts; used only for the "enough facts?" threshold. */
const FUNCTION_BIGRAMS = new Set([
  '被告', '告人', '的是', '了一', '一个', '他人', '我们', '你们', '他们', '以及', '或者', '因为', '所以', '但是',
  '如果', '可以', '没有', '这个', '那个', '其中', '之后', '之前', '当时', '同年', '上述', '该案', '案件', '情况',
]);

/** Distinct content bigrams (CJK bigrams that are not function words). */
export function contentBigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (const t of tokenize(text, { unigrams: true, bigrams: true })) {
    if (t.length === 2 && isCjk(t[0]) && !FUNCTION_BIGRAMS.has(t)) out.add(t);
  }
  return out;
}
