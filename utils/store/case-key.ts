// The key the store files a case under: the normalized 案号.
//
// This must stay consistent with `parseCaseNumber(text)?.normalized` from utils/domain/case-number.ts
// (contracts.md: half-width parentheses, no spaces, ASCII digits). It does only the character-level
// normalisation and never rejects input, so a page that shows an unusual 案号 is still stored.

const FULLWIDTH_DIGIT = /[\uFF10-\uFF19]/g;
const OPEN = /[（〔\[［]/g;
const CLOSE = /[）〕\]］]/g;
const SPACE = /[\s\u00A0\u3000\u200B\uFEFF]+/g;

/** Normalized 案号: full-width digits → ASCII, （〔[［ → (, ）〕]］ → ), whitespace removed. Idempotent. */
export function caseKeyOf(caseNo: string): string {
  return caseNo
    .replace(FULLWIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(OPEN, '(')
    .replace(CLOSE, ')')
    .replace(SPACE, '');
}
