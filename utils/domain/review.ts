// 阅核 (domain.md §9): scope (who must review which draft), sign-off records and who may sign.
// The reviewer never changes the panel's result (§9.3): the sign-off schema has no field for it and refuses
// unknown fields.
import { z } from 'zod';
import type { CaseSnapshot } from './case';
import {
  DEFAULT_REVIEW_RULES,
  ReviewRulesSchema,
  ReviewerRoleSchema,
  ReviewTriggerSchema,
  type ReviewerRole,
  type ReviewRules,
  type ReviewTrigger,
} from '../rules/review';
import type { ConfidenceTag } from '../rules/supervision';

export { DEFAULT_REVIEW_RULES, ReviewerRoleSchema };
export type { ReviewerRole, ReviewTrigger };
export type Role = ReviewerRole;

export type DocumentKind = '判决' | '裁定' | '调解' | '撤诉' | '其他';

export interface ReviewInput {
  snapshot: CaseSnapshot;
  /** The case is (humanly) marked as a 四类 case; automatic suggestions do not count */
  marked四类?: boolean;
  /** Alias of marked四类 */
  markedFourCategory?: boolean;
  /** From the deadline engine; derived from snapshot.events when absent */
  deadline?: { extended: boolean; deducted: boolean };
  /** 发回重审 / 指令再审; derived from snapshot.signals when absent */
  remanded?: boolean;
  /** What the draft under review is; derived from closeMethod / documents when absent */
  documentKind?: DocumentKind;
}

export interface ReviewDetail {
  trigger: ReviewTrigger;
  reviewers: ReviewerRole[];
  reason: string;
  basis: string;
  tag: ConfidenceTag;
}

export interface ReviewRequirement {
  required: boolean;
  /** Required reviewer roles, lowest tier first, without duplicates */
  reviewers: ReviewerRole[];
  triggers: ReviewTrigger[];
  /** One Chinese sentence per trigger (and, when not required, why not) */
  reasons: string[];
  details: ReviewDetail[];
}

const TIER: ReviewerRole[] = ['副庭长', '庭长', '审委会委员', '分管院领导', '院长'];
const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
const hasAny = (text: string, words: string[]) => words.some((w) => norm(text).includes(norm(w)));

function draftKind(s: CaseSnapshot, rules: ReviewRules): { kind: DocumentKind; from: string } | null {
  const ex = rules.divisionJudgments.excludeKeywords;
  const inc = rules.divisionJudgments.includeKeywords;
  const classify = (t: string): DocumentKind => {
    if (hasAny(t, ex)) return hasAny(t, ['调解']) ? '调解' : '撤诉';
    if (hasAny(t, ['判决', '诉讼请求'])) return '判决';
    if (hasAny(t, inc)) return '裁定';
    return '其他';
  };
  if (s.closeMethod) return { kind: classify(s.closeMethod), from: `结案方式「${s.closeMethod}」` };
  const judgmentLike = (d: { title: string }) =>
    /判决书|裁定书|调解书/.test(norm(d.title)) && !/送达|回证|原审|上级|退卷/.test(norm(d.title));
  // The 文书 tab (writs) is where drafts live; older snapshots had them among the documents.
  const fromWrits = (s.writs ?? []).filter(judgmentLike);
  const docs = fromWrits.length > 0 ? fromWrits : (s.documents ?? []).filter(judgmentLike);
  if (docs.length === 0) return null;
  // Prefer drafts that are not yet issued; the last one is the one under review.
  const pending = docs.filter((d) => d.status === 'draft' || d.status === 'signed');
  const d = (pending.length ? pending : docs)[(pending.length ? pending : docs).length - 1];
  return { kind: classify(d.title), from: `文书「${d.title}」` };
}

/** Whether 阅核 is required for the case's draft 裁判文书, by whom and why (§9.1). */
export function reviewRequirement(input: ReviewInput, config: ReviewRules = DEFAULT_REVIEW_RULES): ReviewRequirement {
  const rules = config === DEFAULT_REVIEW_RULES ? config : ReviewRulesSchema.parse(config);
  const s = input.snapshot;
  const details: ReviewDetail[] = [];
  const notes: string[] = [];

  const marked = input.marked四类 ?? input.markedFourCategory ?? false;
  if (rules.fourCategory.enabled && marked) {
    details.push({ trigger: '四类', reviewers: rules.fourCategory.reviewers, reason: '本案已标记为四类案件，应当报院庭长阅核', basis: rules.fourCategory.basis, tag: rules.fourCategory.tag });
  }

  if (rules.divisionJudgments.enabled) {
    const k = input.documentKind ? { kind: input.documentKind, from: `文书类型「${input.documentKind}」` } : draftKind(s, rules);
    if (k && (k.kind === '判决' || k.kind === '裁定')) {
      details.push({
        trigger: '本庭裁判文书',
        reviewers: rules.divisionJudgments.reviewers,
        reason: `${k.from}属本庭${k.kind}文书（调解、撤诉以外），由庭长阅核`,
        basis: rules.divisionJudgments.basis,
        tag: rules.divisionJudgments.tag,
      });
    } else if (k && (k.kind === '调解' || k.kind === '撤诉')) {
      notes.push(`${k.from}为${k.kind}结案，不在庭长阅核的本庭裁判文书范围内`);
    } else if (!k) {
      notes.push('未读取到结案方式或裁判文书，无法判断是否属本庭裁判文书');
    }
  }

  const events = s.events ?? [];
  const extended = input.deadline?.extended ?? events.some((e) => e.kind === 'extension');
  const deducted = input.deadline?.deducted ?? events.some((e) => e.kind === 'deduction');
  if (rules.extendedOrDeducted.enabled && (extended || deducted)) {
    const what = [extended ? '延长审限' : '', deducted ? '扣除审限' : ''].filter(Boolean).join('、');
    details.push({ trigger: '延扣审', reviewers: rules.extendedOrDeducted.reviewers, reason: `本案有${what}记录，按本院规定纳入阅核`, basis: rules.extendedOrDeducted.basis, tag: rules.extendedOrDeducted.tag });
  }

  const remandSignal = (s.signals ?? []).find((x) => hasAny(x, rules.remanded.signals));
  const remanded = input.remanded ?? remandSignal !== undefined;
  if (rules.remanded.enabled && remanded) {
    details.push({
      trigger: '发回重审',
      reviewers: rules.remanded.reviewers,
      reason: remandSignal ? `案件标记有「${remandSignal}」，按本院规定纳入阅核` : '本案为发回重审案件，按本院规定纳入阅核',
      basis: rules.remanded.basis,
      tag: rules.remanded.tag,
    });
  }

  for (const item of rules.localList) {
    if (!item.enabled) continue;
    const m = item.match;
    const checks: boolean[] = [];
    if (m.signals) checks.push((s.signals ?? []).some((x) => hasAny(x, m.signals!)));
    if (m.causeKeywords) checks.push(!!s.cause && hasAny(s.cause, m.causeKeywords));
    if (m.categories) checks.push(!!s.category && m.categories.includes(s.category));
    if (m.minAmount !== undefined) checks.push(s.amount !== undefined && s.amount >= m.minAmount);
    if (m.foreign !== undefined) checks.push(s.foreign === m.foreign);
    if (checks.length && checks.every(Boolean)) {
      details.push({ trigger: '本地清单', reviewers: item.reviewers, reason: `属本院阅核清单「${item.name}」`, basis: item.basis, tag: item.tag });
    }
  }

  const reviewers = TIER.filter((r) => details.some((d) => d.reviewers.includes(r)));
  const triggers = ReviewTriggerSchema.options.filter((t) => details.some((d) => d.trigger === t));
  const required = details.length > 0;
  return {
    required,
    reviewers,
    triggers,
    reasons: required ? details.map((d) => d.reason) : [...notes, '未命中阅核范围'],
    details,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Sign-off record (§9.2)

const DATETIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

export const RecommendedRouteSchema = z.enum(['复议', '专业法官会议', '审委会']);
export type RecommendedRoute = z.infer<typeof RecommendedRouteSchema>;

export const SignoffSchema = z
  .strictObject({
    caseNo: z.string().trim().min(1, '缺少案号'),
    documentRef: z.string().trim().min(1, '缺少所阅核文书的标识（标题、版本或哈希）'),
    triggers: z.array(ReviewTriggerSchema).min(1, '缺少阅核事由'),
    reviewer: z.string().trim().min(1, '缺少阅核人'),
    reviewerRole: ReviewerRoleSchema,
    reviewedAt: z.string().refine((v) => {
      const m = DATETIME.exec(v);
      if (!m) return false;
      const [y, mo, d] = m[1].split('-').map(Number);
      const dim = new Date(Date.UTC(y, mo, 0)).getUTCDate();
      return mo >= 1 && mo <= 12 && d >= 1 && d <= dim && +m[2] < 24 && +m[3] < 60 && (m[4] === undefined || +m[4] < 60);
    }, '阅核时间格式无效（应为 YYYY-MM-DDTHH:mm:ss，北京时间）'),
    decision: z.enum(['同意', '有意见'], { error: '阅核结论只能为「同意」或「有意见」' }),
    opinion: z.string().optional(),
    recommendedRoute: RecommendedRouteSchema.nullable().optional(),
    /** Entered by the panel: what it did next (复议结果, 会议意见, 审委会决定) */
    panelResponse: z.string().optional(),
    /** Idempotency key generated by the client; duplicates are dropped by dedupeSignoffs */
    clientId: z.string().trim().min(1, '缺少客户端编号（clientId）'),
  }, { error: (iss) => (iss.code === 'unrecognized_keys' ? `阅核记录不得包含其他字段（${iss.keys.join('、')}）：阅核意见不能变更合议庭的合议结果` : undefined) })
  .superRefine((v, ctx) => {
    if (v.decision === '有意见') {
      if (!v.opinion || !v.opinion.trim()) {
        ctx.addIssue({ code: 'custom', path: ['opinion'], message: '结论为「有意见」时必须填写具体意见' });
      }
      if (!v.recommendedRoute) {
        ctx.addIssue({ code: 'custom', path: ['recommendedRoute'], message: '结论为「有意见」时必须选择建议途径：复议、专业法官会议或审委会' });
      }
    } else if (v.recommendedRoute) {
      ctx.addIssue({ code: 'custom', path: ['recommendedRoute'], message: '结论为「同意」时不应选择建议途径' });
    }
  });
export type Signoff = z.infer<typeof SignoffSchema>;

/** Keeps the first record of each clientId (retries and write-through echoes), in the original order. */
export function dedupeSignoffs<T extends { clientId: string }>(records: T[]): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const r of records) {
    if (seen.has(r.clientId)) continue;
    seen.add(r.clientId);
    out.push(r);
  }
  return out;
}

export type SignOffCheck = { ok: true; satisfies: ReviewerRole[] } | { ok: false; reason: string };

/**
 * May a user with this role (and division) sign the 阅核 of this case? Division-bound roles (副庭长, 庭长)
 * must belong to the case's division; a 分管院领导 given a list of divisions in charge must have the case's
 * division in it.
 */
export function canSignOff(
  userRole: string,
  userDivision: string | string[] | null | undefined,
  caseDivision: string | null | undefined,
  requirement: Pick<ReviewRequirement, 'required' | 'reviewers'>,
  config: ReviewRules = DEFAULT_REVIEW_RULES,
): SignOffCheck {
  const rules = config === DEFAULT_REVIEW_RULES ? config : ReviewRulesSchema.parse(config);
  const role = ReviewerRoleSchema.safeParse(userRole);
  if (!role.success) {
    return { ok: false, reason: `「${userRole || '未知角色'}」不是阅核主体，阅核须由副庭长、庭长、分管院领导、院长或审委会委员进行` };
  }
  if (!requirement.required || requirement.reviewers.length === 0) {
    return { ok: false, reason: '本案不在阅核范围内，无需签署阅核意见' };
  }
  const r = role.data;
  const satisfies = requirement.reviewers.filter((need) => (rules.satisfiedBy[need] ?? [need]).includes(r));
  if (satisfies.length === 0) {
    return { ok: false, reason: `本案须由${requirement.reviewers.join('、')}阅核，${r}无权签署` };
  }
  const divisions = (Array.isArray(userDivision) ? userDivision : userDivision ? [userDivision] : []).map(norm).filter(Boolean);
  const cd = caseDivision ? norm(caseDivision) : '';
  if (rules.divisionBound.includes(r)) {
    if (!cd) return { ok: false, reason: `案件所属庭室未知，无法确认${r}的阅核权限` };
    if (divisions.length === 0) return { ok: false, reason: `未设置您所在的庭室，${r}只能阅核本庭案件` };
    if (!divisions.includes(cd)) {
      return { ok: false, reason: `本案属${caseDivision}，${r}只能阅核本庭（${divisions.join('、')}）案件` };
    }
  } else if (r === '分管院领导' && divisions.length > 0 && cd && !divisions.includes(cd)) {
    return { ok: false, reason: `本案属${caseDivision}，不在您分管的庭室（${divisions.join('、')}）范围内` };
  }
  return { ok: true, satisfies };
}
