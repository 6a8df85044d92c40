// 审限 period table (domain.md §2.8 → rows of §2.1–§2.5) and the deduction table (§4.1), as data.
// Each row carries its legal basis, confidence tag and effectiveFrom; the engine (utils/domain/deadline.ts)
// selects the row by (category, procedure) and the latest effectiveFrom on or before the 立案日.
import { z } from 'zod';
import { CategorySchema, ProcedureSchema } from '../domain/case';

export const TagSchema = z.enum(['S', 'P', 'G']);
export type Tag = z.infer<typeof TagSchema>;

/** Who approves an extension. Labels: APPROVER_LABELS. */
export const ApproverLevelSchema = z.enum(['president', 'higher', 'high', 'supreme', 'filing']);
export type ApproverLevel = z.infer<typeof ApproverLevelSchema>;
export const APPROVER_LABELS: Record<ApproverLevel, string> = {
  president: '本院院长',
  higher: '上一级法院',
  high: '高级法院',
  supreme: '最高人民法院',
  filing: '本院院长（层报高级法院备案）',
};

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const ExtensionStepSchema = z.object({
  months: z.number().int().min(0).optional(),
  days: z.number().int().min(0).optional(),
  approver: ApproverLevelSchema,
  /** true: the statute sets no length; the figure is a suggestion (2000 规定) and the approval record decides */
  lengthFromRecord: z.boolean().optional(),
  note: z.string().optional(),
  basis: z.string().optional(),
});
export type ExtensionStep = z.infer<typeof ExtensionStepSchema>;

export const PeriodRuleSchema = z.object({
  /** §2 row id (C1, K4 …); versions of one row share the id and differ in effectiveFrom */
  id: z.string().min(1),
  category: CategorySchema,
  procedure: ProcedureSchema,
  label: z.string(),
  /** base period: months and days (一个半月 = {months: 1, days: 15}); null = no statutory 审限 */
  months: z.number().int().min(0),
  days: z.number().int().min(0),
  noLimit: z.boolean().optional(),
  basis: z.array(z.string()).min(1),
  /** older article numbers for the same rule (民诉法 2017 text …), accepted when matching basis strings */
  legacyBasis: z.array(z.string()).optional(),
  tag: TagSchema,
  effectiveFrom: IsoDate,
  /** usual extensions, in the order they are normally sought (UI suggestions; the engine uses recorded events) */
  extensions: z.array(ExtensionStepSchema),
  /** lead-time variant of §5.1 */
  leadTimes: z.enum(['default', 'administrative', 'none']).default('default'),
  note: z.string().optional(),
});
export type PeriodRule = z.infer<typeof PeriodRuleSchema>;
export type PeriodRuleInput = z.input<typeof PeriodRuleSchema>;

const P = (r: PeriodRuleInput): PeriodRule => PeriodRuleSchema.parse(r);

export const DEFAULT_PERIODS: PeriodRule[] = [
  // ── Civil (§2.1) ──
  P({ id: 'C1', category: 'civil', procedure: 'ordinary', label: '民事一审普通程序', months: 6, days: 0,
    basis: ['民诉法 art 152', '2000 规定 art 2'], legacyBasis: ['民诉法 art 149'], tag: 'S', effectiveFrom: '1991-04-09',
    extensions: [
      { months: 6, approver: 'president', basis: '民诉法 art 152' },
      { months: 3, approver: 'higher', lengthFromRecord: true, basis: '2000 规定 art 2', note: '法律未规定期限，2000 规定为 3 个月' },
    ] }),
  P({ id: 'C2', category: 'civil', procedure: 'simple', label: '民事一审简易程序', months: 3, days: 0,
    basis: ['民诉法 art 164', '民诉解释 art 258'], legacyBasis: ['民诉法 art 161'], tag: 'S', effectiveFrom: '2022-01-01',
    extensions: [{ months: 1, approver: 'president', note: '延长后累计不得超过 4 个月' }] }),
  P({ id: 'C2', category: 'civil', procedure: 'simple', label: '民事一审简易程序（2022 年前）', months: 3, days: 0,
    basis: ['民诉法 art 161', '民诉解释 (2015) art 258'], tag: 'G', effectiveFrom: '1991-04-09',
    extensions: [{ months: 3, approver: 'president', note: '2015 解释：双方同意继续适用简易程序，累计不超过 6 个月' }] }),
  P({ id: 'C3', category: 'civil', procedure: 'small-claims', label: '小额诉讼程序', months: 2, days: 0,
    basis: ['民诉法 art 168'], legacyBasis: ['民诉法 art 165'], tag: 'S', effectiveFrom: '2022-01-01',
    extensions: [{ months: 1, approver: 'president' }] }),
  P({ id: 'C3', category: 'civil', procedure: 'small-claims', label: '小额诉讼程序（2022 年前，适用简易程序审限）', months: 3, days: 0,
    basis: ['民诉法 art 161'], tag: 'G', effectiveFrom: '2013-01-01', extensions: [] }),
  P({ id: 'C4', category: 'civil', procedure: 'second-judgment', label: '民事二审（判决上诉）', months: 3, days: 0,
    basis: ['民诉法 art 183', '2000 规定 art 2'], legacyBasis: ['民诉法 art 176'], tag: 'S', effectiveFrom: '1991-04-09',
    extensions: [{ months: 3, approver: 'president', lengthFromRecord: true, note: '法律未规定期限，2000 规定为 3 个月' }] }),
  P({ id: 'C5', category: 'civil', procedure: 'second-ruling', label: '民事二审（裁定上诉）', months: 0, days: 30,
    basis: ['民诉法 art 183', '民诉解释 art 339'], legacyBasis: ['民诉法 art 176'], tag: 'S', effectiveFrom: '1991-04-09',
    extensions: [{ approver: 'president', lengthFromRecord: true, note: '期限以审批记录为准' }] }),
  P({ id: 'C6', category: 'civil', procedure: 'special', label: '特别程序', months: 0, days: 30,
    basis: ['民诉法 art 187', '2000 规定 art 2'], legacyBasis: ['民诉法 art 180'], tag: 'S', effectiveFrom: '1991-04-09',
    extensions: [{ days: 30, approver: 'president', lengthFromRecord: true, note: '2000 规定为 30 日；选民资格案件不得延长' }],
    note: '有公告期的，自公告期满起算 [G]' }),
  P({ id: 'C8', category: 'civil', procedure: 'retrial-review', label: '申请再审审查', months: 3, days: 0,
    basis: ['民诉法 art 215', '民诉解释 art 129'], legacyBasis: ['民诉法 art 204'], tag: 'S', effectiveFrom: '2013-01-01',
    extensions: [{ approver: 'president', lengthFromRecord: true, note: '期限以审批记录为准' }] }),
  P({ id: 'C13', category: 'civil', procedure: 'foreign', label: '涉外民事案件', months: 0, days: 0, noLimit: true,
    basis: ['民诉法 art 287', '2000 规定 art 2'], legacyBasis: ['民诉法 art 277'], tag: 'S', effectiveFrom: '1991-04-09',
    extensions: [], leadTimes: 'none' }),
  // ── Criminal (§2.2) ──
  P({ id: 'K1', category: 'criminal', procedure: 'public-ordinary', label: '刑事公诉一审普通程序', months: 2, days: 0,
    basis: ['刑诉法 art 208', '刑诉解释 art 210'], tag: 'S', effectiveFrom: '2013-01-01',
    extensions: [
      { months: 1, approver: 'president', note: '至迟 3 个月（院内审批按本地规则）[G]' },
      { months: 3, approver: 'higher', note: '死刑、附带民事诉讼或刑诉法 art 158 情形，上一级法院批准一次' },
      { months: 3, approver: 'supreme', lengthFromRecord: true, note: '特殊情况：最高人民法院批准，每次 1–3 个月' },
    ] }),
  P({ id: 'K2', category: 'criminal', procedure: 'private-detained', label: '刑事自诉一审（被告人羁押）', months: 2, days: 0,
    basis: ['刑诉法 art 212', '刑诉法 art 208'], tag: 'S', effectiveFrom: '2013-01-01',
    extensions: [
      { months: 1, approver: 'president', note: '至迟 3 个月 [G]' },
      { months: 3, approver: 'higher' },
      { months: 3, approver: 'supreme', lengthFromRecord: true },
    ] }),
  P({ id: 'K3', category: 'criminal', procedure: 'private-free', label: '刑事自诉一审（被告人未羁押）', months: 6, days: 0,
    basis: ['刑诉法 art 212', '2000 规定 art 1'], tag: 'S', effectiveFrom: '2013-01-01',
    extensions: [{ months: 3, approver: 'president' }] }),
  P({ id: 'K4', category: 'criminal', procedure: 'simple', label: '刑事简易程序', months: 0, days: 20,
    basis: ['刑诉法 art 220'], tag: 'S', effectiveFrom: '2013-01-01', extensions: [], leadTimes: 'none' }),
  P({ id: 'K4', category: 'criminal', procedure: 'simple-long', label: '刑事简易程序（可能判处三年以上）', months: 1, days: 15,
    basis: ['刑诉法 art 220', '刑诉解释 art 202'], tag: 'S', effectiveFrom: '2013-01-01', extensions: [], leadTimes: 'none' }),
  P({ id: 'K5', category: 'criminal', procedure: 'fast-track', label: '刑事速裁程序', months: 0, days: 10,
    basis: ['刑诉法 art 225'], tag: 'S', effectiveFrom: '2018-10-26', extensions: [], leadTimes: 'none' }),
  P({ id: 'K5', category: 'criminal', procedure: 'fast-track-long', label: '刑事速裁程序（可能判处一年以上）', months: 0, days: 15,
    basis: ['刑诉法 art 225'], tag: 'S', effectiveFrom: '2018-10-26', extensions: [], leadTimes: 'none' }),
  P({ id: 'K6', category: 'criminal', procedure: 'second', label: '刑事二审', months: 2, days: 0,
    basis: ['刑诉法 art 243'], tag: 'S', effectiveFrom: '2013-01-01',
    extensions: [
      { months: 2, approver: 'high', note: '死刑、附带民事诉讼或刑诉法 art 158 情形' },
      { months: 2, approver: 'supreme', lengthFromRecord: true, note: '特殊情况' },
    ] }),
  P({ id: 'K7', category: 'criminal', procedure: 'retrial', label: '刑事再审', months: 3, days: 0,
    basis: ['刑诉法 art 258', '2000 规定 art 4'], tag: 'S', effectiveFrom: '2013-01-01',
    extensions: [{ months: 3, approver: 'president', note: '累计不得超过 6 个月' }], note: '自再审决定之日起算' }),
  // ── Administrative (§2.3) ──
  P({ id: 'A1', category: 'administrative', procedure: 'ordinary', label: '行政一审普通程序', months: 6, days: 0,
    basis: ['行诉法 art 81', '行诉解释 art 50'], tag: 'S', effectiveFrom: '2015-05-01', leadTimes: 'administrative',
    extensions: [{ approver: 'high', lengthFromRecord: true, note: '高院为一审法院的，由最高人民法院批准；基层法院直接报高院并抄送中院备案' }] }),
  P({ id: 'A2', category: 'administrative', procedure: 'simple', label: '行政一审简易程序', months: 0, days: 45,
    basis: ['行诉法 art 83'], tag: 'S', effectiveFrom: '2015-05-01', extensions: [], leadTimes: 'none' }),
  P({ id: 'A3', category: 'administrative', procedure: 'second', label: '行政二审', months: 3, days: 0,
    basis: ['行诉法 art 88'], tag: 'S', effectiveFrom: '2015-05-01', leadTimes: 'administrative',
    extensions: [{ approver: 'high', lengthFromRecord: true, note: '高院审理的上诉案件由最高人民法院批准' }],
    note: '起算日：默认二审立案日（法条为收到上诉状之日）[G]' }),
  // ── Enforcement (§2.4) ──
  P({ id: 'E1', category: 'enforcement', procedure: 'ordinary', label: '执行实施', months: 6, days: 0,
    basis: ['2000 规定 art 5', '执行规定 item 63'], tag: 'S', effectiveFrom: '2000-09-28',
    extensions: [{ months: 3, approver: 'president' }, { months: 3, approver: 'filing', lengthFromRecord: true, note: '再延长层报高院备案' }] }),
  P({ id: 'E2', category: 'enforcement', procedure: 'non-litigation', label: '非诉执行', months: 3, days: 0,
    basis: ['2000 规定 art 5'], tag: 'S', effectiveFrom: '2000-09-28',
    extensions: [{ months: 3, approver: 'president' }, { months: 3, approver: 'filing', lengthFromRecord: true }] }),
  // ── State compensation (§2.5) ──
  P({ id: 'G1', category: 'compensation', procedure: 'decision', label: '赔偿委员会决定', months: 3, days: 0,
    basis: ['国家赔偿法 art 28'], tag: 'S', effectiveFrom: '2010-12-01',
    extensions: [{ months: 3, approver: 'president', note: '疑难、复杂、重大案件' }] }),
];

// ── Deductions (§4.1) ──
export const DeductionScopeSchema = z.enum(['yes', 'no', 'forbidden', 'restricted', 'off']);
export type DeductionScope = z.infer<typeof DeductionScopeSchema>;
export const DeductionTypeSchema = z.object({
  code: z.string(),
  label: z.string(),
  /** words in the host's 扣除事由 that identify this type (first match wins, table order) */
  keywords: z.array(z.string()).min(1),
  scope: z.object({
    civil: DeductionScopeSchema, administrative: DeductionScopeSchema, criminal: DeductionScopeSchema,
    enforcement: DeductionScopeSchema, compensation: DeductionScopeSchema,
  }),
  /** for scope 'restricted': the 类型代字 where it applies (刑没) */
  restrictedTo: z.array(z.string()).optional(),
  /** Chinese explanation shown when the type is not allowed */
  refusal: z.string().optional(),
  basis: z.array(z.string()),
  tag: TagSchema,
});
export type DeductionType = z.infer<typeof DeductionTypeSchema>;

const S = (civil: DeductionScope, administrative: DeductionScope, criminal: DeductionScope, enforcement: DeductionScope, compensation: DeductionScope) =>
  ({ civil, administrative, criminal, enforcement, compensation });

/** Order matters: more specific keywords first (精神病鉴定 before 鉴定). */
export const DEFAULT_DEDUCTION_TYPES: DeductionType[] = [
  { code: 'D7', label: '精神病鉴定', keywords: ['精神病鉴定', '精神鉴定', '刑事责任能力鉴定'], scope: S('no', 'no', 'yes', 'no', 'no'), basis: ['刑诉解释 art 211', '2000 规定 art 9(1)'], tag: 'S' },
  { code: 'D15', label: '刑事司法协助', keywords: ['司法协助'], scope: S('no', 'no', 'restricted', 'no', 'no'), restrictedTo: ['刑没'], basis: ['刑诉解释 art 627'], tag: 'S' },
  { code: 'D1', label: '公告期间', keywords: ['公告'], scope: S('yes', 'yes', 'restricted', 'no', 'yes'), restrictedTo: ['刑没'], refusal: '刑事案件仅违法所得没收程序可扣除公告期间', basis: ['民诉解释 art 243', '民诉解释 art 129', '行诉解释 art 50', '2000 规定 art 9(6)', '刑诉解释 art 627'], tag: 'S' },
  { code: 'D10', label: '延期审理（新的证据、重新鉴定、勘验）', keywords: ['重新鉴定', '勘验', '新的证据', '通知新的证人', '调取新的证据'], scope: S('off', 'off', 'yes', 'no', 'no'), refusal: '民事、行政案件的扣除事由不包括因当事人申请调取新证据、重新鉴定而延期审理的期间', basis: ['2000 规定 art 9(5)'], tag: 'G' },
  { code: 'D2', label: '鉴定期间', keywords: ['鉴定'], scope: S('yes', 'yes', 'no', 'no', 'no'), refusal: '刑事案件仅可扣除精神病鉴定期间', basis: ['民诉解释 art 243', '行诉解释 art 50', '2000 规定 art 9(6)'], tag: 'S' },
  { code: 'D3', label: '和解、调解期间', keywords: ['和解', '调解'], scope: S('yes', 'yes', 'no', 'no', 'no'), basis: ['民诉解释 art 243', '民诉解释 art 129', '行诉解释 art 50'], tag: 'S' },
  { code: 'D4', label: '管辖异议、管辖争议', keywords: ['管辖'], scope: S('yes', 'yes', 'forbidden', 'no', 'no'), refusal: '刑事案件管辖争议应在审限内解决', basis: ['民诉解释 art 243', '行诉解释 art 50', '2000 规定 art 9(7)', '刑诉解释 art 19'], tag: 'S' },
  { code: 'D5', label: '中止诉讼 / 中止审理 / 中止执行', keywords: ['中止'], scope: S('yes', 'yes', 'yes', 'yes', 'yes'), basis: ['2000 规定 art 9(9)', '行诉解释 art 50', '刑诉法 art 206', '执行规定 item 63', '民诉解释 art 246'], tag: 'S' },
  { code: 'D6', label: '审计、评估、资产清理', keywords: ['审计', '评估', '资产清理'], scope: S('yes', 'yes', 'no', 'yes', 'no'), basis: ['2000 规定 art 9(8)'], tag: 'S' },
  { code: 'D8', label: '另行委托、指定辩护人', keywords: ['辩护人', '辩护'], scope: S('no', 'no', 'yes', 'no', 'no'), basis: ['2000 规定 art 9(2)'], tag: 'S' },
  { code: 'D9', label: '二审检察院查阅案卷', keywords: ['查阅案卷', '阅卷'], scope: S('no', 'no', 'yes', 'no', 'no'), basis: ['刑诉法 art 235', '刑诉解释 art 396'], tag: 'S' },
  { code: 'D11', label: '执行和解、执行担保暂缓执行', keywords: ['执行和解', '执行担保'], scope: S('no', 'no', 'no', 'yes', 'no'), basis: ['2000 规定 art 9(10)'], tag: 'S' },
  { code: 'D12', label: '上级法院通知暂缓执行', keywords: ['暂缓执行'], scope: S('no', 'no', 'no', 'yes', 'no'), basis: ['2000 规定 art 9(11)', '执行规定 item 77'], tag: 'S' },
  { code: 'D13', label: '拍卖、变卖', keywords: ['拍卖', '变卖'], scope: S('no', 'no', 'no', 'yes', 'no'), basis: ['2000 规定 art 9(12)'], tag: 'S' },
  { code: 'D14', label: '民事争议处理期间', keywords: ['民事争议', '民事诉讼'], scope: S('no', 'yes', 'no', 'no', 'no'), basis: ['行诉解释 art 138'], tag: 'S' },
];
// D11 keywords 执行和解 must beat D3 和解 for enforcement: classification tries the category-allowed types first.
