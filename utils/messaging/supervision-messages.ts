// 四类案件 supervision and 阅核 messages (domain.md §8–§9). Pure zod: imported by the content script, the
// background, the popup and the tests.
import { z } from 'zod';
import { SignoffDecisionSchema, SignoffRouteSchema } from '../store/records';
import { PageUserSchema } from '../host/page-user';

export { PageUserSchema };

/** content → background: the logged-in host user this page shows (recorded per tab; the identity for sign-offs). */
export const ReportUserMessageSchema = z.object({
  type: z.literal('reportUser'),
  url: z.string().min(1).max(4000),
  user: PageUserSchema,
});

/** content / popup → background: supervision state of one case (marks, prompt, 阅核 requirement, sign-offs). */
export const GetSupervisionMessageSchema = z.object({
  type: z.literal('getSupervision'),
  caseNo: z.string().min(1).max(200),
});

/** content → background: the judge acknowledged a 四类 prompt (recorded in the audit chain). */
export const AckPromptMessageSchema = z.object({
  type: z.literal('ackPrompt'),
  caseNo: z.string().min(1).max(200),
  promptId: z.string().min(1).max(200),
});

/** content / popup → background: the 监管日志 of one case (JSON + printable HTML for the 副卷). */
export const ExportSupervisionLogMessageSchema = z.object({
  type: z.literal('exportSupervisionLog'),
  caseNo: z.string().min(1).max(200),
  /** also save the file through the browser's downloads (a content script cannot name a download) */
  download: z.enum(['json', 'html']).optional(),
});

/** content / popup → background: send queued write-backs now, ignoring the backoff schedule. */
export const RetryOutboxMessageSchema = z.object({ type: z.literal('retryOutbox') });

/** content → background: for 待阅核 list rows, whether this user already signed locally. */
export const ReviewQueueMessageSchema = z.object({
  type: z.literal('reviewQueue'),
  items: z.array(z.object({ caseNo: z.string().min(1).max(200), documentRef: z.string().max(200).optional() })).max(2000),
});

// ── replies ─────────────────────────────────────────────────────────────────────────────────────

const CategoryNumber = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);

export const SyncStatusSchema = z.enum(['synced', 'queued', 'failed', 'local']);
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

export const SignoffSummarySchema = z.object({
  clientId: z.string(),
  documentRef: z.string(),
  decision: SignoffDecisionSchema,
  opinion: z.string().optional(),
  recommendedRoute: SignoffRouteSchema.nullable(),
  reviewer: z.string(),
  reviewerRole: z.string(),
  reviewedAt: z.string(),
  triggers: z.array(z.string()),
  sync: SyncStatusSchema,
  lastError: z.string().optional(),
});
export type SignoffSummary = z.infer<typeof SignoffSummarySchema>;

export const PromptSchema = z.object({
  id: z.string(),
  kind: z.enum(['marked', 'suggested']),
  text: z.string(),
  measures: z.array(z.string()),
  reasons: z.array(z.string()),
  basis: z.array(z.string()),
  acknowledged: z.boolean(),
});
export type SupervisionPrompt = z.infer<typeof PromptSchema>;

export const SupervisionReplySchema = z.object({
  caseNo: z.string(),
  caseKey: z.string(),
  known: z.boolean(),
  viewer: z.object({ name: z.string(), role: z.string().optional(), reviewerRole: z.string().nullable() }).nullable(),
  fourCategory: z.object({
    marked: z.boolean(),
    hostFlagged: z.boolean(),
    marks: z.array(z.object({ category: CategoryNumber, categoryName: z.string(), subSituation: z.string(), reason: z.string(), by: z.string(), role: z.string(), at: z.string() })),
    suggestions: z.array(z.object({ category: CategoryNumber, categoryName: z.string(), subSituation: z.string(), reason: z.string(), ruleId: z.string().optional(), basis: z.string().optional() })),
    history: z.array(z.object({ action: z.enum(['mark', 'unmark', 'auto-hit']), category: CategoryNumber, subSituation: z.string(), reason: z.string(), by: z.string(), role: z.string(), at: z.string() })),
  }),
  prompt: PromptSchema.nullable(),
  review: z.object({
    required: z.boolean(),
    reviewers: z.array(z.string()),
    triggers: z.array(z.string()),
    reasons: z.array(z.string()),
    basis: z.array(z.string()),
    rulesError: z.string().optional(),
  }),
  draft: z.object({ ref: z.string(), title: z.string(), status: z.string().optional() }).nullable(),
  signoffs: z.array(SignoffSummarySchema),
  canSign: z.object({ ok: z.boolean(), reason: z.string().optional(), role: z.string().optional() }),
  /** A draft awaits this viewer's 阅核 (the viewer may sign and has not signed this draft) */
  pendingMine: z.boolean(),
  /** The host has a write-back endpoint for sign-offs of this case */
  writeBack: z.boolean(),
  categories: z.array(z.object({ category: CategoryNumber, name: z.string(), subSituations: z.array(z.string()) })),
  chain: z.object({ ok: z.boolean(), count: z.number().int().nonnegative(), problems: z.array(z.string()) }),
});
export type SupervisionReply = z.infer<typeof SupervisionReplySchema>;

export const ExportSupervisionLogReplySchema = z.object({
  filename: z.string(),
  json: z.string(),
  html: z.string(),
  chainOk: z.boolean(),
  problems: z.array(z.string()),
  count: z.number().int().nonnegative(),
  /** the file saved when `download` was asked for */
  saved: z.string().optional(),
});

export const ReviewQueueReplySchema = z.object({
  items: z.array(z.object({
    caseNo: z.string(),
    /** signed locally by this viewer (maybe not yet in the host) */
    signed: z.object({ decision: SignoffDecisionSchema, sync: SyncStatusSchema }).nullable(),
  })),
  viewer: z.object({ name: z.string(), role: z.string().optional() }).nullable(),
});

export const ProcessResultSchema = z.object({
  attempted: z.number().int().nonnegative(),
  synced: z.number().int().nonnegative(),
  retrying: z.number().int().nonnegative(),
  refused: z.number().int().nonnegative(),
});
