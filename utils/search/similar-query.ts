// The 类案检索 query built from what the host shows about a case (domain.md §10.2): 案由 / 罪名, the parties'
// roles, the amount, and any text available. Host pages rarely show the facts, so the text is a starting point
// the judge edits before searching. Pure.
import type { CaseSnapshot } from '../domain/case';
import { extractCharges, normalizeCharges } from './charges';
import { parseStatutes, statuteKeys } from './statutes';
import { contentBigrams } from './tokenize';

export interface SimilarQuery {
  /** Facts summary / free text (editable) */
  text: string;
  /** 案由 (civil, administrative) */
  cause?: string;
  /** 罪名 (criminal) */
  charges: string[];
  /** Statute articles ("民法典 第六百七十五条") */
  statutes: string[];
}

const CATEGORY_WORD: Record<string, string> = {
  civil: '民事', criminal: '刑事', administrative: '行政', enforcement: '执行', compensation: '国家赔偿',
};

function fmtAmount(yuan: number): string {
  return yuan >= 10_000 ? `${Number((yuan / 10_000).toFixed(2))}万元` : `${yuan}元`;
}

/** Split a criminal cause ("盗窃罪、诈骗罪") into official charge names. */
export function chargesOfCause(cause: string): string[] {
  const parts = cause.split(/[、，,；;\s]+/).filter(Boolean);
  const named = normalizeCharges(parts.filter((p) => p.endsWith('罪')));
  return named.length ? named : extractCharges(cause);
}

/** Default query for a case: who (roles only, never names), what (案由 / 罪名), how much; statutes found in texts. */
export function buildSimilarQuery(c: Pick<CaseSnapshot, 'cause' | 'category' | 'parties' | 'amount' | 'documents' | 'writs' | 'detained'>, extraTexts: string[] = []): SimilarQuery {
  const cause = (c.cause ?? '').trim();
  const criminal = c.category === 'criminal' || /罪$/.test(cause.split(/[、，,]/)[0] ?? '');
  const charges = criminal && cause ? chargesOfCause(cause) : [];
  const roles = new Map<string, number>();
  for (const p of c.parties ?? []) roles.set(p.role, (roles.get(p.role) ?? 0) + 1);
  const roleText = [...roles].map(([role, n]) => (n > 1 ? `${role}${n}人` : role)).join('、');
  const sentences: string[] = [];
  if (criminal) {
    if (cause) sentences.push(`被告人涉嫌${cause}${c.detained ? '，被告人在押' : ''}`);
  } else if (cause) {
    sentences.push(`${roleText ? `${roleText}之间` : '当事人之间'}因${cause.replace(/纠纷$/, '')}发生纠纷`);
  }
  if (c.amount) sentences.push(`${criminal ? '涉案金额' : '标的额'}${fmtAmount(c.amount)}`);
  if (c.category && !criminal) sentences.push(`${CATEGORY_WORD[c.category] ?? ''}案件`);
  const texts = [...(c.documents ?? []).map((d) => d.title), ...(c.writs ?? []).map((w) => w.title), ...extraTexts];
  const statutes = statuteKeys(texts.flatMap((t) => parseStatutes(t)));
  const q: SimilarQuery = { text: sentences.filter(Boolean).join('，') + (sentences.length ? '。' : ''), charges, statutes };
  if (!criminal && cause) q.cause = cause;
  return q;
}

/** Words of a query text (split at whitespace and punctuation). */
export function queryWords(text: string): string[] {
  return (text ?? '').normalize('NFKC').split(/[\s\p{P}\p{S}]+/u).filter(Boolean);
}

export const MIN_FACT_BIGRAMS = 8;

/**
 * An empty or one-word query cannot say what the case is about: ask for facts instead of ranking on the 案由
 * alone (the core's own check only counts the text when no 案由 / 罪名 is given).
 */
export function needsMoreFacts(text: string): string | null {
  const words = queryWords(text);
  const bigrams = contentBigrams(text ?? '').size;
  if (words.length <= 1 && bigrams < MIN_FACT_BIGRAMS) {
    return `请补充案件事实：当前检索内容${words.length ? `只有“${words[0]}”一个词` : '为空'}，至少需要 ${MIN_FACT_BIGRAMS} 个有效词组（当前 ${bigrams} 个），请写明基本事实、争议焦点或适用法条后再检索。`;
  }
  return null;
}
