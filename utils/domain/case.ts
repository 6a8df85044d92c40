// The canonical case model shared by the host plugin (which produces it), the store (which keeps it)
// and the domain rules (which compute from it). Pure: zod only, no browser API.
import { z } from 'zod';
import { isValidIsoDate } from './dates';

/** A calendar date `YYYY-MM-DD` (China time) that really exists: 2023-02-29 is refused, never guessed. */
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine(isValidIsoDate, { message: '日期不存在' });
export type IsoDate = z.infer<typeof IsoDateSchema>;

export const CategorySchema = z.enum(['civil', 'criminal', 'administrative', 'enforcement', 'compensation']);
export type Category = z.infer<typeof CategorySchema>;

export { PROCEDURES } from './procedures';
export const ProcedureSchema = z.enum([
  'ordinary', 'simple', 'small-claims', 'second-judgment', 'second-ruling', 'special', 'retrial-review', 'foreign',
  'public-ordinary', 'private-detained', 'private-free', 'simple-long', 'fast-track', 'fast-track-long', 'second',
  'retrial', 'non-litigation', 'decision',
]);
export type Procedure = z.infer<typeof ProcedureSchema>;

export const PartySchema = z.object({
  name: z.string().min(1),
  /** As the host shows it: 原告, 被告, 第三人, 上诉人, 被上诉人, 被告人, 自诉人, 申请执行人, 被执行人 … */
  role: z.string().min(1),
});
export type Party = z.infer<typeof PartySchema>;

/**
 * 审限变更 records and hearings, as read from the host. `seq` keeps the host's order for messages
 * ("第 2 条扣除记录"). Dates are validated here; ordering problems (`to` before `from`) are reported by the
 * deadline engine, not silently dropped.
 */
export const CaseEventSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('extension'),
    on: IsoDateSchema,
    months: z.number().int().min(0).optional(),
    days: z.number().int().min(0).optional(),
    approvedBy: z.string().optional(),
    appliedOn: IsoDateSchema.optional(),
    reason: z.string().optional(),
  }),
  z.object({
    kind: z.literal('deduction'),
    reason: z.string().min(1),
    from: IsoDateSchema,
    to: IsoDateSchema.optional(),
    approvedBy: z.string().optional(),
  }),
  z.object({
    kind: z.literal('suspension'),
    from: IsoDateSchema,
    to: IsoDateSchema.optional(),
    reason: z.string().optional(),
  }),
  z.object({
    kind: z.literal('conversion'),
    on: IsoDateSchema,
    from: ProcedureSchema.optional(),
    to: ProcedureSchema,
  }),
  z.object({
    kind: z.literal('restart'),
    on: IsoDateSchema,
    reason: z.string().min(1),
  }),
  z.object({
    kind: z.literal('hearing'),
    on: IsoDateSchema,
    /** true when this hearing was adjourned (延期开庭) */
    postponed: z.boolean().optional(),
    reason: z.string().optional(),
  }),
]);
export type CaseEvent = z.infer<typeof CaseEventSchema>;

export const DocumentSchema = z.object({
  title: z.string().min(1),
  date: IsoDateSchema.optional(),
  /** 正卷 (main) or 副卷 (restricted) volume of the 电子卷宗 */
  volume: z.enum(['main', 'sub']).optional(),
  /** draft / signed / issued, for 文书 such as the 判决书 */
  status: z.enum(['draft', 'signed', 'issued']).optional(),
  /** For 送达回证 and similar per-party items: the party the document concerns */
  party: z.string().optional(),
  /** Host identifier of the document, when it has one */
  ref: z.string().optional(),
});
export type CaseDocument = z.infer<typeof DocumentSchema>;

/** 文书 the court produces for the case (判决书, 裁定书, 调解书 …), with their draft / signed / issued status. */
export const WritSchema = z.object({
  title: z.string().min(1),
  date: IsoDateSchema.optional(),
  status: z.enum(['draft', 'signed', 'issued']).optional(),
  /** Host identifier of the document (used as the 阅核 documentRef) */
  ref: z.string().optional(),
});
export type Writ = z.infer<typeof WritSchema>;

/** What a 待阅核 list row says about the document awaiting review. */
export const ReviewRequestSchema = z.object({
  documentRef: z.string().optional(),
  documentTitle: z.string().optional(),
  submittedOn: IsoDateSchema.optional(),
  /** 阅核事由 as the host lists them: 本庭裁判文书, 四类案件, 延扣审, 发回重审 … */
  triggers: z.array(z.string()).optional(),
});
export type ReviewRequest = z.infer<typeof ReviewRequestSchema>;

/**
 * What a host page says about one case. Every section is optional because pages show parts of a case
 * (a list row, one tab of the detail page). A section that is present is the host's full current view of
 * that section; a section that is absent says nothing (and so never deletes what is stored).
 */
/**
 * More 审限变更 / 开庭 records than any real case has (a case with dozens is already unusual). The deadline's
 * explanation is computed per extension over all deductions, so an absurd page (the fuzz found a 5,000-row one)
 * would stall the background; such a case is refused with the reason instead.
 */
export const MAX_EVENTS_PER_CASE = 300;

export const CaseSnapshotSchema = z.object({
  /** 案号 as shown on the page; the store keys cases by its normalized form */
  caseNo: z.string().min(1),
  /** The host's own id for the case (used to build links back to it) */
  hostRef: z.string().optional(),
  /** Link to the case page in the host system */
  url: z.string().optional(),
  /** 案由 (civil, administrative) or charges (criminal) as one string */
  cause: z.string().optional(),
  category: CategorySchema.optional(),
  procedure: ProcedureSchema.optional(),
  filedOn: IsoDateSchema.optional(),
  closedOn: IsoDateSchema.optional(),
  /** 结案方式: 判决, 裁定, 调解, 撤诉, 按撤诉处理, 驳回起诉, 终本, 执行完毕 … */
  closeMethod: z.string().optional(),
  status: z.enum(['pending', 'closed', 'archived']).optional(),
  archivedOn: IsoDateSchema.optional(),
  /** 承办人 */
  judge: z.string().optional(),
  /** 书记员 */
  clerk: z.string().optional(),
  /** 庭 / 局, e.g. 民一庭 */
  division: z.string().optional(),
  panel: z.array(z.string()).optional(),
  detained: z.boolean().optional(),
  /** 羁押起始日 (criminal) */
  detainedSince: IsoDateSchema.optional(),
  /** 涉外 / 涉港澳台 */
  foreign: z.boolean().optional(),
  /** 标的额 in yuan */
  amount: z.number().nonnegative().optional(),
  parties: z.array(PartySchema).optional(),
  events: z.array(CaseEventSchema).max(MAX_EVENTS_PER_CASE, `一件案件的审限变更与开庭记录超过 ${MAX_EVENTS_PER_CASE} 条，不像真实数据，未保存`).optional(),
  /** 电子卷宗目录: the filed materials (正卷 / 副卷) */
  documents: z.array(DocumentSchema).optional(),
  /** 文书 tab: documents the court drafts and issues. Kept apart from `documents` (different tabs, different truth). */
  writs: z.array(WritSchema).optional(),
  /** Set on 待阅核 list rows: the document awaiting this user's review */
  review: ReviewRequestSchema.optional(),
  /**
   * Free-form signals the host records on the case: 发回重审, 指令再审, 投诉 (complaint about the judge),
   * 上级督办, 人大代表关注 … used by the 四类 triggers.
   */
  signals: z.array(z.string()).optional(),
});
export type CaseSnapshot = z.infer<typeof CaseSnapshotSchema>;
