// 审判质效 indicators as data (domain.md §12). The official 指标释义 and 合理区间参考值 are internal SPC documents
// (§12.1), so every formula here is a working 口径 (§12.3) and every reference range is a product default [G]
// that the court's 审管办 must confirm or replace (options page → `resolveIndicatorDefs`).
//
// The display rule (§12.4) is part of the data contract: a value is only ever shown against its reference
// range (in range / above / below). Nothing here or in utils/domain/indicators.ts ranks judges or divisions.
import { z } from 'zod';
import { CategorySchema } from '../domain/case';
import { ConfidenceTagSchema } from './supervision';

export const INDICATOR_GROUPS = ['质量', '效率', '效果', '执行'] as const;
export const IndicatorGroupSchema = z.enum(INDICATOR_GROUPS);
export type IndicatorGroup = z.infer<typeof IndicatorGroupSchema>;

export const IndicatorUnitSchema = z.enum(['%', '天', 'ratio']);
export type IndicatorUnit = z.infer<typeof IndicatorUnitSchema>;

/**
 * How the value is computed (the code side of a definition). Several indicators share a method and differ by
 * `params` (e.g. 调解率 and 调撤率 are both `close-method-share` with different keywords).
 */
export const IndicatorMethodSchema = z.enum([
  /** 结案数 ÷ 新收数 */
  'closed-to-filed',
  /** 结案数 ÷ (旧存 + 新收) */
  'clearance-rate',
  /** closed by dueOn (this system's deadline engine) ÷ closed cases that have a 审限 */
  'closed-in-time',
  /** pending and older than `months` (calendar age, §7) ÷ pending */
  'long-pending-share',
  /** Σ(结案日 − 立案日) ÷ 结案数 */
  'average-duration',
  /** 一审结案 not followed by 上诉 / 抗诉 / 再审 / 申诉 ÷ 一审结案 */
  'first-instance-acceptance',
  /** 一审结案 followed by 上诉 / 抗诉 ÷ 一审结案 */
  'appeal-rate',
  /** closed with a 结案方式 matching `keywords` ÷ closed with a known 结案方式 */
  'close-method-share',
  /** 首执 closed with a 结案方式 matching `keywords` ÷ 首执 closed with a known 结案方式 */
  'enforcement-close-method-share',
  /** Σ 执行到位金额 ÷ Σ 申请执行标的金额 */
  'enforcement-recovery',
  /** 二审 改判 ÷ 二审 发回重审 (a ratio, not a rate) */
  'second-instance-revise-remand',
]);
export type IndicatorMethod = z.infer<typeof IndicatorMethodSchema>;

/** 合理区间参考值: inclusive bounds in the indicator's unit (percent points for '%'). */
export const ReferenceRangeSchema = z
  .object({
    low: z.number().optional(),
    high: z.number().optional(),
    /** where the numbers come from (院内文件, 审管办通知 …) */
    source: z.string().min(1),
    tag: ConfidenceTagSchema,
  })
  .refine((r) => r.low === undefined || r.high === undefined || r.low <= r.high, { message: '参考区间下限不得大于上限' });
export type ReferenceRange = z.infer<typeof ReferenceRangeSchema>;

export const IndicatorParamsSchema = z.object({
  /** Case categories counted (omitted: all). */
  categories: z.array(CategorySchema).optional(),
  /** long-pending-share: calendar-age threshold in months */
  months: z.number().int().min(1).optional(),
  /** *close-method-share: 结案方式 substrings counted in the numerator */
  keywords: z.array(z.string().min(1)).optional(),
  /** enforcement methods: 案号 type codes counted (首执 = 执) */
  typeCodes: z.array(z.string().min(1)).optional(),
  /** appeal methods: `signals` substrings on a 一审 case meaning it was appealed / protested / brought to 再审 */
  signalKeywords: z.array(z.string().min(1)).optional(),
  /** appeal methods: also link later-stage cases (二审, 再审) by 案由 + overlapping party names (inferred) */
  linkByPartiesAndCause: z.boolean().optional(),
  /** second-instance-revise-remand: 结案方式 substrings for 改判 and for 发回重审 */
  reviseKeywords: z.array(z.string().min(1)).optional(),
  remandKeywords: z.array(z.string().min(1)).optional(),
});
export type IndicatorParams = z.infer<typeof IndicatorParamsSchema>;

export const IndicatorDefSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  /** shown next to the name, e.g. "按本系统口径" */
  label: z.string().optional(),
  group: IndicatorGroupSchema,
  method: IndicatorMethodSchema,
  /** formula in Chinese, as shown to users */
  formula: z.string().min(1),
  numerator: z.string().min(1),
  denominator: z.string().min(1),
  unit: IndicatorUnitSchema,
  /** 口径 note: what is counted, what is not, what still needs the 审管办's confirmation */
  note: z.string().min(1),
  /** confidence of the definition itself (domain.md §0.1) */
  tag: ConfidenceTagSchema,
  referenceRange: ReferenceRangeSchema.nullable(),
  params: IndicatorParamsSchema.default({}),
  enabled: z.boolean().default(true),
  /** domain.md section the definition follows */
  basis: z.string().min(1),
});
export type IndicatorDef = z.infer<typeof IndicatorDefSchema>;
export type IndicatorDefInput = z.input<typeof IndicatorDefSchema>;

export const IndicatorDefsSchema = z
  .array(IndicatorDefSchema)
  .refine((defs) => new Set(defs.map((d) => d.id)).size === defs.length, { message: '指标编号（id）重复' });

const G_RANGE = '产品默认值（非官方）：请审管办按院内下发的合理区间参考值修改';
const g = (low: number | undefined, high: number | undefined): ReferenceRange => ({
  ...(low === undefined ? {} : { low }), ...(high === undefined ? {} : { high }), source: G_RANGE, tag: 'G',
});
const LITIGATION = ['civil', 'criminal', 'administrative'] as const;

export const DEFAULT_INDICATOR_DEFS: IndicatorDef[] = IndicatorDefsSchema.parse([
  {
    id: 'close-file-ratio', name: '结收比', group: '效率', method: 'closed-to-filed',
    formula: '结收比 = 本期结案数 ÷ 本期新收案件数 × 100%',
    numerator: '本期结案数（结案日在统计期内）', denominator: '本期新收案件数（立案日在统计期内）', unit: '%',
    note: '含全部案件类别（诉讼与执行）；已结案但缺结案日的案件不计入。', tag: 'P',
    referenceRange: g(90, 110), basis: 'domain.md §12.3',
  },
  {
    id: 'clearance-rate', name: '结案率', group: '效率', method: 'clearance-rate',
    formula: '结案率 = 本期结案数 ÷（旧存案件数 + 本期新收案件数）× 100%',
    numerator: '旧存与新收案件中本期结案的件数', denominator: '旧存（期初未结）+ 本期新收', unit: '%',
    note: '旧存 = 立案日早于统计期且期初未结；缺立案日的案件不计入。', tag: 'P',
    referenceRange: g(65, undefined), basis: 'domain.md §12.3',
  },
  {
    id: 'closed-in-time-rate', name: '法定审限内结案率', label: '按本系统口径', group: '效率', method: 'closed-in-time',
    formula: '法定审限内结案率 = 审限内结案数 ÷ 有法定审限的结案数 × 100%',
    numerator: '在审限届满日（经批准的扣除、延长后，本系统计算）当日或之前结案的件数',
    denominator: '本期结案且有法定审限的件数', unit: '%',
    note: '审限由本系统审限引擎计算（domain.md §3），在审管办确认口径前标注"按本系统口径"；无法定审限（如涉外）或无法计算审限的案件不计入。',
    tag: 'G', referenceRange: g(95, undefined), basis: 'domain.md §12.3, §12.4',
  },
  {
    id: 'long-pending-ratio', name: '超12个月未结案件比', group: '效率', method: 'long-pending-share',
    formula: '超12个月未结案件比 = 立案超过12个月的未结案件数 ÷ 未结案件数 × 100%',
    numerator: '统计截止日未结且立案已超过 12 个月（日历月，不扣除、不延长）的件数',
    denominator: '统计截止日未结诉讼案件数', unit: '%',
    note: '按诉讼案件（民事、刑事、行政）统计；截止日为统计期末（或今天，取较早者）；部分口径以受理数为分母，待审管办确认。',
    tag: 'P', referenceRange: g(undefined, 5), params: { categories: [...LITIGATION], months: 12 }, basis: 'domain.md §7, §12.3',
  },
  {
    id: 'average-duration', name: '平均结案时间', group: '效率', method: 'average-duration',
    formula: '平均结案时间 = Σ（结案日 − 立案日）÷ 结案数',
    numerator: '本期结案案件的审理天数之和（自然日，不扣除审限扣除期间）', denominator: '本期结案数', unit: '天',
    note: '按诉讼案件统计；是否扣除不计入审限的期间待审管办确认（当前不扣除）。',
    tag: 'G', referenceRange: g(undefined, 90), params: { categories: [...LITIGATION] }, basis: 'domain.md §12.3',
  },
  {
    id: 'first-instance-acceptance', name: '一审服判息诉率', group: '效果', method: 'first-instance-acceptance',
    formula: '一审服判息诉率 =（一审结案数 − 被上诉、抗诉、申请再审或申诉的件数）÷ 一审结案数 × 100%',
    numerator: '本期一审结案中未被上诉、抗诉、申请再审或申诉的件数', denominator: '本期一审结案数', unit: '%',
    note: '上诉等情况依据案件标记（signals）或二审、再审案件的案由与当事人推断关联；本院数据中没有二审、再审案件且没有上诉标记时显示"数据不足"。',
    tag: 'P', referenceRange: g(85, undefined),
    params: { categories: [...LITIGATION], signalKeywords: ['上诉', '抗诉', '再审', '申诉'], linkByPartiesAndCause: true },
    basis: 'domain.md §12.3',
  },
  {
    id: 'appeal-rate', name: '上诉率', group: '效果', method: 'appeal-rate',
    formula: '上诉率 = 本期一审结案中被上诉（含抗诉）的件数 ÷ 一审结案数 × 100%',
    numerator: '本期一审结案后进入二审的件数', denominator: '本期一审结案数', unit: '%',
    note: '二审收案依据案件标记（signals）或二审案件的案由与当事人推断关联；缺少二审数据时显示"数据不足"。',
    tag: 'P', referenceRange: g(undefined, 15),
    params: { categories: [...LITIGATION], signalKeywords: ['上诉', '抗诉'], linkByPartiesAndCause: true },
    basis: 'domain.md §12.3',
  },
  {
    id: 'mediation-rate', name: '调解率', group: '效果', method: 'close-method-share',
    formula: '调解率 = 调解结案数 ÷ 结案数 × 100%',
    numerator: '本期以调解方式结案的件数', denominator: '本期结案数（结案方式已知）', unit: '%',
    note: '按民事案件统计；结案方式缺失的案件不计入分子分母；过高的调解率同样需要关注（防止强制调解）。',
    tag: 'G', referenceRange: g(20, 60), params: { categories: ['civil'], keywords: ['调解'] }, basis: 'domain.md §12.3',
  },
  {
    id: 'mediation-withdrawal-rate', name: '调撤率', group: '效果', method: 'close-method-share',
    formula: '调撤率 =（调解结案数 + 撤诉结案数）÷ 结案数 × 100%',
    numerator: '本期以调解、撤诉（含按撤诉处理）方式结案的件数', denominator: '本期结案数（结案方式已知）', unit: '%',
    note: '按民事案件统计；结案方式缺失的案件不计入分子分母。', tag: 'G',
    referenceRange: g(30, 80), params: { categories: ['civil'], keywords: ['调解', '撤诉'] }, basis: 'domain.md §12.3',
  },
  {
    id: 'enforcement-completion-rate', name: '执行完毕率', group: '执行', method: 'enforcement-close-method-share',
    formula: '执行完毕率 = 首执案件执行完毕结案数 ÷ 首执结案数 × 100%',
    numerator: '本期以执行完毕方式结案的首次执行案件', denominator: '本期首次执行结案数（结案方式已知）', unit: '%',
    note: '首执 = 案号类型代字"执"；恢复执行、执行异议等不计入。', tag: 'G',
    referenceRange: g(30, undefined), params: { typeCodes: ['执'], keywords: ['执行完毕'] }, basis: 'domain.md §12.3',
  },
  {
    id: 'first-enforcement-termination-rate', name: '首执案件终本率', group: '执行', method: 'enforcement-close-method-share',
    formula: '首执案件终本率 = 首执案件终结本次执行程序结案数 ÷ 首执结案数 × 100%',
    numerator: '本期以终结本次执行程序（终本）结案的首次执行案件', denominator: '本期首次执行结案数（结案方式已知）', unit: '%',
    note: '首执 = 案号类型代字"执"；"终结执行"不是终本，不计入分子。', tag: 'G',
    referenceRange: g(undefined, 60), params: { typeCodes: ['执'], keywords: ['终结本次执行', '终本'] }, basis: 'domain.md §12.3',
  },
  {
    id: 'enforcement-recovery-rate', name: '执行到位率', group: '执行', method: 'enforcement-recovery',
    formula: '执行到位率 = 执行到位金额 ÷ 申请执行标的金额 × 100%',
    numerator: '本期结案执行案件的执行到位金额之和', denominator: '同一批案件的申请执行标的金额之和', unit: '%',
    note: '只统计同时有标的额与执行到位金额的首执、恢复执行案件；办案系统页面未提供执行到位金额时显示"数据不足"。',
    tag: 'G', referenceRange: g(40, undefined), params: { typeCodes: ['执', '执恢'] }, basis: 'domain.md §12.3',
  },
  {
    id: 'second-instance-revise-remand-ratio', name: '二审改判-发回重审比', group: '质量', method: 'second-instance-revise-remand',
    formula: '二审改判-发回重审比 = 二审改判件数 ÷ 二审发回重审件数',
    numerator: '本期二审以改判（含部分改判）结案的件数', denominator: '本期二审以发回重审结案的件数', unit: 'ratio',
    note: '2024-09 修订由"被改判率""被发回重审率"合并而来，以比值表示、鼓励当改则改；按本院二审结案统计。',
    tag: 'P', referenceRange: g(1, undefined),
    params: { reviseKeywords: ['改判'], remandKeywords: ['发回'] }, basis: 'domain.md §12.1, §12.3',
  },
]);

/**
 * Overrides from the options page: a row with a known id is merged into the default (params merged key by key,
 * referenceRange replaced when given); a row with a new id must be a complete definition and is appended.
 */
export const IndicatorOverrideSchema = z.object({
  version: z.string().optional(),
  indicators: z.array(z.object({ id: z.string().min(1) }).passthrough()),
});
export type IndicatorOverride = z.input<typeof IndicatorOverrideSchema>;

/** Defaults merged with validated overrides, default order kept. Throws a zod error on an invalid override. */
export function resolveIndicatorDefs(override?: IndicatorOverride | null, defaults: IndicatorDef[] = DEFAULT_INDICATOR_DEFS): IndicatorDef[] {
  if (!override) return defaults;
  const o = IndicatorOverrideSchema.parse(override);
  const byId = new Map(defaults.map((d) => [d.id, d]));
  const added: IndicatorDef[] = [];
  for (const row of o.indicators) {
    const base = byId.get(row.id);
    if (base) {
      const r = row as Partial<IndicatorDefInput>;
      byId.set(row.id, IndicatorDefSchema.parse({ ...base, ...r, params: { ...base.params, ...(r.params ?? {}) } }));
    } else {
      added.push(IndicatorDefSchema.parse(row));
    }
  }
  return IndicatorDefsSchema.parse([...defaults.map((d) => byId.get(d.id)!), ...added]);
}
