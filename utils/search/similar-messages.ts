// zod shapes for the 类案 panel: what crosses content ↔ background (queries, hits, marks, the 类案检索报告) and what
// the search DB stores per case. Pure: zod only (the content script imports it through messaging/schemas.ts).
import { z } from 'zod';

export { SIMILAR_MARKS } from './similar-marks';
import { SIMILAR_MARKS } from './similar-marks';
export const SimilarMarkSchema = z.enum(SIMILAR_MARKS);
export type SimilarMark = z.infer<typeof SimilarMarkSchema>;

const MAX_TEXT = 20_000;

export const SimilarQuerySchema = z.object({
  text: z.string().max(MAX_TEXT),
  cause: z.string().max(200).optional(),
  charges: z.array(z.string().min(1).max(100)).max(20).default([]),
  statutes: z.array(z.string().min(1).max(200)).max(50).default([]),
});
export type SimilarQueryInput = z.infer<typeof SimilarQuerySchema>;

export const TierSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);

export const SimilarHitSchema = z.object({
  id: z.string(),
  caseNo: z.string().nullable(),
  court: z.string().nullable(),
  date: z.string().nullable(),
  tier: TierSchema,
  tierLabel: z.string(),
  /** inside the 3-year window (指导性案例 always); null: date unknown */
  inWindow: z.boolean().nullable(),
  title: z.string().nullable(),
  /** 裁判要旨 (or the start of the facts when the entry has none) */
  gist: z.string(),
  gistSource: z.enum(['裁判要旨', '裁判理由', '基本案情摘录']),
  discussedByCommittee: z.boolean().nullable(),
  score: z.number(),
  /** why it matched */
  reasons: z.object({ charges: z.array(z.string()), statutes: z.array(z.string()), terms: z.array(z.string()) }),
});
export type SimilarHit = z.infer<typeof SimilarHitSchema>;

export const SearchLogEntrySchema = z.object({
  at: z.string(),
  query: SimilarQuerySchema,
  status: z.enum(['ok', 'needsMoreFacts']),
  message: z.string().optional(),
  hitIds: z.array(z.string()),
});

export const StoredMarkSchema = z.object({ mark: SimilarMarkSchema, reason: z.string().max(2000).optional(), at: z.string() });

const Dim = z.object({ level: z.enum(['高', '中', '低']), score: z.number(), basis: z.array(z.string()) });

/** The 类案检索报告 (domain.md §10.3), as utils/search/report.ts builds it, plus the 冲突处理 note and the search log. */
export const SimilarReportSchema = z.object({
  kind: z.literal('类案检索报告'),
  pendingCase: z.object({ caseNo: z.string().nullable(), court: z.string().nullable(), title: z.string().nullable() }),
  subject: z.object({ name: z.string(), role: z.string() }),
  time: z.string(),
  platforms: z.array(z.string()),
  methods: z.array(z.object({ method: z.string(), query: z.string() })),
  results: z.object({
    total: z.number(),
    window: z.object({ years: z.number(), from: z.string(), to: z.string(), note: z.string() }),
    perTier: z.array(z.object({ tier: TierSchema, label: z.string(), count: z.number(), inWindow: z.number(), outOfWindow: z.number(), unknownDate: z.number() })),
    higherTierFound: TierSchema.nullable(),
    note: z.string(),
  }),
  cases: z.array(
    z.object({
      id: z.string(),
      caseNo: z.string().nullable(),
      court: z.string().nullable(),
      tier: TierSchema,
      tierLabel: z.string(),
      date: z.string().nullable(),
      inWindow: z.boolean().nullable(),
      discussedByCommittee: z.boolean().nullable(),
      title: z.string().nullable(),
      keyPoints: z.string(),
      keyPointsSource: z.string(),
      similarity: z.object({ basicFacts: Dim, disputedIssues: Dim, lawApplication: Dim }),
      conclusion: z.enum(['参照', '参考', '不适用']),
      reasons: z.array(z.string()),
      suggested: z.boolean(),
    }),
  ),
  pendingIssues: z.array(z.string()),
  conflicts: z.object({
    detected: z.boolean(),
    groups: z.array(z.object({ shared: z.array(z.string()), caseIds: z.array(z.string()), preferred: z.string(), why: z.array(z.string()) })),
    rule: z.string(),
    /** the judge's own account of how conflicts were weighed */
    note: z.string().optional(),
  }),
  summary: z.object({ 参照: z.number(), 参考: z.number(), 不适用: z.number() }),
  /** why retrieval was mandatory (empty: voluntary search) */
  mandatoryReasons: z.array(z.string()).default([]),
});
export type SimilarReport = z.infer<typeof SimilarReportSchema>;

export const SimilarCaseStateSchema = z.object({
  caseKey: z.string(),
  updatedAt: z.number(),
  marks: z.record(z.string(), StoredMarkSchema).default({}),
  searches: z.array(SearchLogEntrySchema).default([]),
  /** hits of the last successful search (for the report) */
  lastHits: z.array(SimilarHitSchema).default([]),
  report: SimilarReportSchema.nullable().default(null),
});
export type SimilarCaseState = z.infer<typeof SimilarCaseStateSchema>;

export const MandatoryReasonSchema = z.object({ reason: z.string(), basis: z.string() });
export const CitationViewSchema = z.object({ kind: z.string(), match: z.string(), source: z.string(), basis: z.string(), message: z.string() });

// ── messages (registered in utils/messaging/schemas.ts) ────────────────────────────────────────────

/** content → background: everything the 类案 panel needs before a search (imports the demo corpus on first use). */
export const SimilarContextMessageSchema = z.object({
  type: z.literal('similarContext'),
  caseNo: z.string().min(1),
  profileId: z.string().optional(),
  /** origin of the host page (the demo corpus is fetched from it when the built-in demo profile is active) */
  origin: z.string().max(200).optional(),
  /** visible text of the page (citation detection) */
  pageText: z.string().max(200_000).optional(),
});
export const SimilarContextReplySchema = z.object({
  defaultQuery: SimilarQuerySchema,
  mandatory: z.array(MandatoryReasonSchema),
  citations: z.array(CitationViewSchema),
  marks: z.record(z.string(), StoredMarkSchema),
  lastQuery: SimilarQuerySchema.nullable(),
  lastHits: z.array(SimilarHitSchema),
  report: SimilarReportSchema.nullable(),
  corpus: z.object({ docs: z.number().int().nonnegative(), imported: z.number().int().nonnegative().nullable(), error: z.string().nullable() }),
  today: z.string(),
});

/** content → background: run the search (the index lives in the background only). */
export const SearchSimilarMessageSchema = z.object({
  type: z.literal('searchSimilar'),
  caseNo: z.string().min(1),
  query: SimilarQuerySchema,
  limit: z.number().int().min(1).max(100).optional(),
});
export const SearchSimilarReplySchema = z.object({
  status: z.enum(['ok', 'needsMoreFacts']),
  message: z.string().nullable(),
  hits: z.array(SimilarHitSchema),
  corpusSize: z.number().int().nonnegative(),
  window: z.object({ years: z.number(), from: z.string(), to: z.string() }),
});

/** content → background: mark one result 参照 / 参考 / 不相关 (null clears the mark). */
export const MarkSimilarMessageSchema = z.object({
  type: z.literal('markSimilar'),
  caseNo: z.string().min(1),
  docId: z.string().min(1),
  mark: SimilarMarkSchema.nullable(),
  reason: z.string().max(2000).optional(),
});
export const MarkSimilarReplySchema = z.object({ marks: z.record(z.string(), StoredMarkSchema) });

/** content → background: build and save the 类案检索报告 from the last search and the marks. */
export const SaveSimilarReportMessageSchema = z.object({
  type: z.literal('saveSimilarReport'),
  caseNo: z.string().min(1),
  searcher: z.object({ name: z.string().trim().min(1, '请填写检索人'), role: z.string().trim().min(1) }),
  issues: z.array(z.string().trim().min(1)).max(50),
  platforms: z.array(z.string().trim().min(1)).max(10).optional(),
  conflictNote: z.string().max(5000).optional(),
});
export const SaveSimilarReportReplySchema = z.object({ report: SimilarReportSchema });

/** The file for a saved report, built in the background so the content script carries no document writer. */
export const ExportSimilarReportMessageSchema = z.object({
  type: z.literal('exportSimilarReport'),
  report: SimilarReportSchema,
  format: z.enum(['docx', 'html']),
});
export const ExportSimilarReportReplySchema = z.object({ name: z.string(), mime: z.string(), base64: z.string() });
