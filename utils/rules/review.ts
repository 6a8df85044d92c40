// 阅核 scope and reviewer tiers as data (domain.md §9.1). Defaults follow the pilot model; the local extras
// (延扣审, 发回重审, 本地清单) are [G] defaults that the court's 审管办 confirms or overrides.
import { z } from 'zod';
import { ConfidenceTagSchema } from './supervision';
import { CategorySchema } from '../domain/case';

/** §9.2 reviewerRole */
export const ReviewerRoleSchema = z.enum(['副庭长', '庭长', '分管院领导', '院长', '审委会委员']);
export type ReviewerRole = z.infer<typeof ReviewerRoleSchema>;

/** §9.2 triggers */
export const ReviewTriggerSchema = z.enum(['四类', '本庭裁判文书', '延扣审', '发回重审', '本地清单']);
export type ReviewTrigger = z.infer<typeof ReviewTriggerSchema>;

const scopeRule = {
  enabled: z.boolean(),
  /** Roles whose review is required when the rule applies (any one of the tier satisfies, see satisfiedBy) */
  reviewers: z.array(ReviewerRoleSchema).min(1),
  basis: z.string().min(1),
  tag: ConfidenceTagSchema,
};

export const LocalReviewItemSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  enabled: z.boolean().default(true),
  /** All given criteria must hold; an item with no criteria never applies */
  match: z.object({
    signals: z.array(z.string().min(1)).optional(),
    causeKeywords: z.array(z.string().min(1)).optional(),
    categories: z.array(CategorySchema).optional(),
    minAmount: z.number().nonnegative().optional(),
    foreign: z.boolean().optional(),
  }),
  reviewers: z.array(ReviewerRoleSchema).min(1),
  basis: z.string().min(1),
  tag: ConfidenceTagSchema,
});
export type LocalReviewItem = z.infer<typeof LocalReviewItemSchema>;

export const ReviewRulesSchema = z.object({
  version: z.string().min(1),
  fourCategory: z.object(scopeRule),
  divisionJudgments: z.object({
    ...scopeRule,
    /** 结案方式 / 文书 keywords excluded from the division rule (调解, 撤诉) */
    excludeKeywords: z.array(z.string().min(1)),
    /** 文书 title keywords that make a 裁判文书 */
    includeKeywords: z.array(z.string().min(1)),
  }),
  extendedOrDeducted: z.object(scopeRule),
  remanded: z.object({ ...scopeRule, signals: z.array(z.string().min(1)) }),
  localList: z.array(LocalReviewItemSchema),
  /** Which user roles satisfy a required reviewer role (tiering; a higher tier may sign a lower one's review) */
  satisfiedBy: z.partialRecord(ReviewerRoleSchema, z.array(ReviewerRoleSchema)),
  /** Roles whose authority is limited to their own division (庭/局) */
  divisionBound: z.array(ReviewerRoleSchema),
});
export type ReviewRules = z.infer<typeof ReviewRulesSchema>;

export const DEFAULT_REVIEW_RULES: ReviewRules = ReviewRulesSchema.parse({
  version: '2025.1',
  fourCategory: {
    enabled: true,
    reviewers: ['分管院领导'],
    basis: '《最高人民法院关于完善案件阅核工作机制 全面准确落实司法责任制的指导意见》（2024）；四类案件应当报院庭长阅核；试点模式：分管院领导阅核分管庭室全部四类案件',
    tag: 'P',
  },
  divisionJudgments: {
    enabled: true,
    reviewers: ['庭长'],
    excludeKeywords: ['调解', '撤诉', '撤回起诉', '撤回上诉'],
    includeKeywords: ['判决', '裁定', '驳回'],
    basis: '阅核试点模式：庭长阅核本庭除调解、撤诉结案以外的全部裁判文书',
    tag: 'P',
  },
  extendedOrDeducted: {
    enabled: true,
    reviewers: ['庭长'],
    basis: '地方规则：延长或扣除审限的案件（延扣审）纳入阅核范围',
    tag: 'G',
  },
  remanded: {
    enabled: true,
    reviewers: ['庭长'],
    signals: ['发回重审', '指令再审'],
    basis: '地方规则：发回重审案件纳入阅核范围',
    tag: 'G',
  },
  localList: [],
  satisfiedBy: {
    副庭长: ['副庭长', '庭长'],
    庭长: ['庭长', '副庭长', '审委会委员'],
    分管院领导: ['分管院领导', '院长'],
    院长: ['院长'],
    审委会委员: ['审委会委员'],
  },
  divisionBound: ['副庭长', '庭长'],
});
