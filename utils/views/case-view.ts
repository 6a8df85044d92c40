// The view model the background sends to overlays and extension pages for one case: everything a badge or
// panel shows, already computed and explained. Validated with zod when it crosses into the content script.
import { z } from 'zod';

export const BadgeLevelSchema = z.enum([
  'ok', 'notice', 'warning', 'urgent', 'overdue', 'none', 'closed-in-time', 'closed-late', 'error', 'unknown',
]);

export const WarningViewSchema = z.object({
  code: z.string(),
  level: z.string(),
  title: z.string(),
  reason: z.string(),
  basis: z.array(z.string()),
});
export type WarningView = z.infer<typeof WarningViewSchema>;

export const TimelineEntrySchema = z.object({
  date: z.string(),
  /** 立案, 延长, 扣除, 中止, 程序转换, 重新计算, 开庭, 审限届满, 结案 … */
  label: z.string(),
  detail: z.string(),
  kind: z.string(),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

export const DeadlineViewSchema = z.object({
  startOn: z.string(),
  procedure: z.string(),
  dueOn: z.string().nullable(),
  dueOnAdjusted: z.string().nullable(),
  daysLeft: z.number().nullable(),
  level: z.string(),
  deductedDays: z.number(),
  extendedMonths: z.number(),
  extendedDays: z.number(),
  basis: z.array(z.string()),
  flags: z.array(z.string()),
});
export type DeadlineView = z.infer<typeof DeadlineViewSchema>;

export const CaseViewSchema = z.object({
  caseKey: z.string(),
  /** as the page shows it */
  caseNo: z.string(),
  url: z.string().optional(),
  category: z.string().optional(),
  procedureLabel: z.string().optional(),
  closed: z.boolean(),
  badge: z.object({ level: BadgeLevelSchema, daysLeft: z.number().nullable(), title: z.string() }),
  deadline: DeadlineViewSchema.nullable(),
  /** Why the deadline cannot be computed (Chinese), e.g. "第 2 条扣除记录：结束日期早于开始日期" */
  problems: z.array(z.string()),
  /** "民诉法 art 152；延长 6 个月；扣除 鉴定 45 天" */
  explanation: z.string(),
  leadTimes: z.object({ applyBy: z.string(), decideBy: z.string(), approver: z.string() }).nullable(),
  longPending: z.object({ tier: z.string(), label: z.string(), reason: z.string() }).nullable(),
  warnings: z.array(WarningViewSchema),
  timeline: z.array(TimelineEntrySchema),
  tags: z.array(z.object({ text: z.string(), title: z.string().optional(), warn: z.boolean().optional() })),
});
export type CaseView = z.infer<typeof CaseViewSchema>;

/** What a list row's badge needs: list pages get these instead of whole views (500 rows, one message). */
export const RowViewSchema = CaseViewSchema.pick({ caseKey: true, caseNo: true, closed: true, badge: true, tags: true });
export type RowView = z.infer<typeof RowViewSchema>;

export function rowViewOf(v: CaseView): RowView {
  return { caseKey: v.caseKey, caseNo: v.caseNo, closed: v.closed, badge: v.badge, tags: v.tags };
}
