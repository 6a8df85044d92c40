// zod schemas for corpus import lines and the stored case entry (人民法院案例库 seven-field format
// plus tier, court, 案号, date, charges / 案由, statutes). Pure.

import { z } from 'zod';

const str = z.string().trim();
const optStr = z.preprocess((v) => (v === null || v === '' ? undefined : v), str.optional());
const strList = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(/[;；,，、\s]+/).filter(Boolean) : v === null ? undefined : v),
  z.array(str.min(1)).optional(),
);
const statuteItem = z.union([
  str.min(1),
  z.object({ law: str.min(1), article: z.number().int().positive(), suffix: z.number().int().positive().optional(), paragraph: z.number().int().positive().optional(), item: z.number().int().positive().optional() }),
]);
const tierValue = z.union([z.number().int().min(1).max(4), str]).optional();

/** Benchmark / generic JSON lines: {"id","title","text","charges"?,"cause"?,"statutes"?,"court"?,"tier"?,"date"?,"caseNo"?}. */
export const JsonlDocSchema = z.object({
  id: z.union([str.min(1), z.number()]).transform(String),
  title: optStr,
  text: str.min(1, 'text is empty'),
  charges: strList,
  cause: optStr,
  statutes: z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(statuteItem).optional()),
  court: optStr,
  tier: tierValue,
  date: optStr,
  caseNo: optStr,
  discussedByCommittee: z.boolean().optional(),
});
export type JsonlDoc = z.infer<typeof JsonlDocSchema>;

/** Chinese keys of the 人民法院案例库 entry format → field names. */
export const CASELIB_KEYS: Record<string, string> = {
  入库编号: 'entryNo',
  编号: 'entryNo',
  标题: 'title',
  副标题: 'subtitle',
  关键词: 'keywords',
  基本案情: 'facts',
  裁判理由: 'reasoning',
  裁判要旨: 'gist',
  关联索引: 'related',
  案号: 'caseNo',
  法院: 'court',
  审理法院: 'court',
  裁判日期: 'date',
  层级: 'tier',
  案例类型: 'kind',
  罪名: 'charges',
  案由: 'cause',
  法条: 'statutes',
  审委会讨论: 'discussedByCommittee',
};

function mapCaselibKeys(v: unknown): unknown {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) out[CASELIB_KEYS[k] ?? k] = val;
  return out;
}

/** One 人民法院案例库 entry (Chinese or English keys). 标题 and 基本案情 are required. */
export const CaselibEntrySchema = z.preprocess(
  mapCaselibKeys,
  z.object({
    id: z.union([str.min(1), z.number()]).transform(String).optional(),
    entryNo: optStr,
    title: str.min(1, '标题 is required'),
    subtitle: optStr,
    keywords: strList,
    facts: str.min(1, '基本案情 is required'),
    reasoning: optStr,
    gist: optStr,
    related: z.preprocess((v) => (Array.isArray(v) ? v.join('；') : v), optStr),
    caseNo: optStr,
    court: optStr,
    date: optStr,
    tier: tierValue,
    kind: optStr,
    charges: strList,
    cause: optStr,
    statutes: z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(statuteItem).optional()),
    discussedByCommittee: z.boolean().optional(),
  }),
);
export type CaselibEntry = z.infer<typeof CaselibEntrySchema>;

/** A stored case entry (table `docs` of the zhixiao-search database). */
export const CaseEntrySchema = z.object({
  id: str.min(1),
  // the seven 案例库 fields
  title: str,
  subtitle: z.string().optional(),
  keywords: z.array(z.string()),
  facts: z.string(),
  reasoning: z.string().optional(),
  gist: z.string().optional(),
  related: z.string().optional(),
  // search metadata
  tier: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  court: z.string().optional(),
  caseNo: z.string().optional(),
  date: z.string().optional(),
  charges: z.array(z.string()),
  cause: z.string().optional(),
  statutes: z.array(z.string()),
  discussedByCommittee: z.boolean().optional(),
  entryNo: z.string().optional(),
  source: z.enum(['jsonl', 'caselib']),
  /** 32-bit content hash (of everything above), for change detection and the corpus fingerprint. */
  hash: z.number().int(),
});
export type CaseEntry = z.infer<typeof CaseEntrySchema>;
