// Every message between content scripts / extension pages and the background, as one zod
// discriminated union on `type`, with the response schema for each type. Responses are always
// `{ ok: true, data } | { ok: false, error }`.
import { z } from 'zod';
import { CaseEventSchema, CaseSnapshotSchema, IsoDateSchema } from '../domain/case';
import {
  FlagInputSchema, FlagRowSchema, MarkInputSchema, MarkRowSchema, SignoffInputSchema, SignoffRowSchema,
} from '../store/records';
import { CaseViewSchema, HostProfileSchema, RowViewSchema, WhatIfResultSchema } from './views';
import {
  MarkSimilarMessageSchema, MarkSimilarReplySchema, SaveSimilarReportMessageSchema, SaveSimilarReportReplySchema,
  SearchSimilarMessageSchema, SearchSimilarReplySchema, SimilarContextMessageSchema, SimilarContextReplySchema,
  ExportSimilarReportMessageSchema, ExportSimilarReportReplySchema,
} from '../search/similar-messages';
import { GetArchiveCheckMessageSchema, GetArchiveCheckReplySchema } from './archive-messages';
import {
  AckPromptMessageSchema, ExportSupervisionLogMessageSchema, ExportSupervisionLogReplySchema, GetSupervisionMessageSchema,
  ProcessResultSchema, ReportUserMessageSchema, RetryOutboxMessageSchema, ReviewQueueMessageSchema, ReviewQueueReplySchema,
  SupervisionReplySchema,
} from './supervision-messages';

/** Sanity bounds so a runaway page cannot post unbounded messages. */
const MAX_CASES = 10_000;
const MAX_TEXTS = 1_000;

// ── messages ────────────────────────────────────────────────────────────────────────────────────

/** content → background: what a host page showed (after the profile's detect + extract). */
export const IngestMessageSchema = z.object({
  type: z.literal('ingest'),
  profileId: z.string().min(1),
  pageKind: z.string().min(1),
  url: z.string().min(1),
  /**
   * What the page showed, not yet validated: the background checks each case with CaseSnapshotSchema, ingests the
   * valid ones and reports the others (one bad row never blocks the page; the content script carries no zod).
   */
  cases: z.array(z.unknown()).max(MAX_CASES),
  /** fields the profile expected but did not find on the page */
  missing: z.array(z.string()).max(MAX_TEXTS),
  /** extraction problems, shown to the user (never silently guessed around) */
  errors: z.array(z.string()).max(MAX_TEXTS),
  /** 'rows': answer with row views (badge + tags) instead of whole views — what list pages need */
  detail: z.enum(['full', 'rows']).optional(),
});

/** content → background: the host profiles whose URL patterns match this page. */
export const GetProfilesMessageSchema = z.object({
  type: z.literal('getProfiles'),
  url: z.string().min(1),
});

/**
 * content → background, at document_start: the row views the list page at `url` showed last (drawn at once, then
 * corrected by the page's own ingest). Only for the sender's own origin.
 */
export const RecentRowsMessageSchema = z.object({
  type: z.literal('recentRows'),
  url: z.string().min(1),
});

/** content → background: view models for the rows of a list page. */
export const GetCaseViewsMessageSchema = z.object({
  type: z.literal('getCaseViews'),
  caseNos: z.array(z.string().min(1)).max(MAX_CASES),
});

/** content / popup → background: the view model of one case. */
export const GetCaseViewMessageSchema = z.object({
  type: z.literal('getCaseView'),
  caseNo: z.string().min(1),
});

/** content → background: how the page was recognised (for the badge and the popup). */
export const PageStatusSchema = z.object({
  url: z.string().min(1),
  /** null: no profile matched this page */
  profileId: z.string().nullable(),
  pageKind: z.string().nullable(),
  caseCount: z.number().int().nonnegative(),
  missing: z.array(z.string()).max(MAX_TEXTS),
  errors: z.array(z.string()).max(MAX_TEXTS),
});
export type PageStatus = z.infer<typeof PageStatusSchema>;
export const PageStatusMessageSchema = PageStatusSchema.extend({ type: z.literal('pageStatus') });

/** popup → background: the last pageStatus a tab reported. */
export const GetPageStatusMessageSchema = z.object({
  type: z.literal('getPageStatus'),
  tabId: z.number().int(),
});

/** content / popup → background: a 阅核 sign-off (domain.md §9.2). */
export const SubmitSignoffMessageSchema = z.object({
  type: z.literal('submitSignoff'),
  signoff: SignoffInputSchema,
});

/** content / popup → background: a clerk archive flag. */
export const SubmitFlagMessageSchema = z.object({
  type: z.literal('submitFlag'),
  flag: FlagInputSchema,
});

/** content / popup → background: a person marks or un-marks a 四类 case (automatic hits are the background's). */
export const MarkCaseMessageSchema = z.object({
  type: z.literal('markCase'),
  mark: MarkInputSchema.refine((m) => m.action !== 'auto-hit', {
    path: ['action'],
    message: '自动识别记录只能由后台生成',
  }),
});

/** content / popup → background: deadline simulation with hypothetical events (nothing is stored). */
export const WhatIfMessageSchema = z.object({
  type: z.literal('whatIf'),
  caseNo: z.string().min(1),
  events: z.array(CaseEventSchema).max(100),
  /** defaults to today (China time) in the handler */
  today: IsoDateSchema.optional(),
});

export const PingMessageSchema = z.object({ type: z.literal('ping') });

export const MessageSchema = z.discriminatedUnion('type', [
  IngestMessageSchema,
  GetProfilesMessageSchema,
  RecentRowsMessageSchema,
  GetCaseViewsMessageSchema,
  GetCaseViewMessageSchema,
  PageStatusMessageSchema,
  GetPageStatusMessageSchema,
  SubmitSignoffMessageSchema,
  SubmitFlagMessageSchema,
  MarkCaseMessageSchema,
  WhatIfMessageSchema,
  PingMessageSchema,
  SimilarContextMessageSchema,
  SearchSimilarMessageSchema,
  MarkSimilarMessageSchema,
  SaveSimilarReportMessageSchema,
  ExportSimilarReportMessageSchema,
  GetArchiveCheckMessageSchema,
  ReportUserMessageSchema,
  GetSupervisionMessageSchema,
  AckPromptMessageSchema,
  ExportSupervisionLogMessageSchema,
  RetryOutboxMessageSchema,
  ReviewQueueMessageSchema,
]);
export type Message = z.infer<typeof MessageSchema>;
export type MessageType = Message['type'];
export type MessageOf<T extends MessageType> = Extract<Message, { type: T }>;

// ── responses ───────────────────────────────────────────────────────────────────────────────────


/**
 * The ingest reply: the view of every case on the page and how many cases are cached once the page is stored.
 * It is sent before the write finishes (utils/background/ingest.ts), so it carries no write counts.
 */
export const IngestReplySchema = z.object({
  caseKeys: z.array(z.string()),
  /** cases the store did not hold before this page */
  newCases: z.number().int().nonnegative(),
  /** whole views, in page order (empty when row views were asked for) */
  views: z.array(CaseViewSchema),
  /** row views, in page order, when the message asked for `detail: 'rows'` */
  rows: z.array(RowViewSchema).optional(),
  /** cases the background refused, with the reason (Chinese, with the field path) */
  rejected: z.array(z.string()).optional(),
  casesCached: z.number().int().nonnegative(),
});

export const ResponseDataSchemas = {
  ingest: IngestReplySchema,
  getProfiles: z.object({ profiles: z.array(HostProfileSchema) }),
  recentRows: z.object({ page: z.object({ rows: z.array(RowViewSchema), casesCached: z.number().int().nonnegative() }).nullable() }),
  /** one entry per requested caseNo, in order; null when the store does not know the case */
  getCaseViews: z.object({ views: z.array(CaseViewSchema.nullable()) }),
  getCaseView: z.object({ view: CaseViewSchema.nullable() }),
  pageStatus: z.object({ recorded: z.literal(true) }),
  getPageStatus: z.object({ status: PageStatusSchema.nullable() }),
  submitSignoff: z.object({ signoff: SignoffRowSchema, queued: z.boolean() }),
  submitFlag: z.object({ flag: FlagRowSchema, queued: z.boolean() }),
  markCase: z.object({ mark: MarkRowSchema }),
  whatIf: z.object({ result: WhatIfResultSchema }),
  ping: z.object({ pong: z.literal(true), version: z.string() }),
  similarContext: SimilarContextReplySchema,
  searchSimilar: SearchSimilarReplySchema,
  markSimilar: MarkSimilarReplySchema,
  exportSimilarReport: ExportSimilarReportReplySchema,
  saveSimilarReport: SaveSimilarReportReplySchema,
  getArchiveCheck: GetArchiveCheckReplySchema,
  reportUser: z.object({ recorded: z.boolean() }),
  getSupervision: SupervisionReplySchema,
  ackPrompt: z.object({ recorded: z.boolean() }),
  exportSupervisionLog: ExportSupervisionLogReplySchema,
  retryOutbox: ProcessResultSchema,
  reviewQueue: ReviewQueueReplySchema,
} satisfies { [T in MessageType]: z.ZodType };

export const MESSAGE_TYPES = Object.keys(ResponseDataSchemas) as MessageType[];
export const isMessageType = (t: unknown): t is MessageType =>
  typeof t === 'string' && Object.prototype.hasOwnProperty.call(ResponseDataSchemas, t);

export type ResponseData<T extends MessageType> = z.infer<(typeof ResponseDataSchemas)[T]>;
export type Ok<T> = { ok: true; data: T };
export type Fail = { ok: false; error: string };
export type Response<T extends MessageType = MessageType> = Ok<ResponseData<T>> | Fail;

export const FailSchema = z.object({ ok: z.literal(false), error: z.string() });

const responseSchemaCache = new Map<MessageType, z.ZodType>();
/** `{ ok: true, data } | { ok: false, error }` for one message type. */
export function responseSchema<T extends MessageType>(type: T): z.ZodType<Response<T>> {
  let s = responseSchemaCache.get(type);
  if (!s) {
    s = z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), data: ResponseDataSchemas[type] }), FailSchema]);
    responseSchemaCache.set(type, s);
  }
  return s as z.ZodType<Response<T>>;
}
