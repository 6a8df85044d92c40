// 四类案件 automatic-identification triggers as data (domain.md §7, §8). Every trigger is a suggestion only:
// a human confirms it (§8.2 "以自动识别为主、人工甄别标记为辅"). The court's 审管办 may override the whole
// table (options page); `SupervisionRulesSchema` validates an override before use.
import { z } from 'zod';

/** domain.md §0.1 confidence tags */
export const ConfidenceTagSchema = z.enum(['S', 'P', 'G']);
export type ConfidenceTag = z.infer<typeof ConfidenceTagSchema>;

export const FourCategorySchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export type FourCategory = z.infer<typeof FourCategorySchema>;

/** §8.1 category names (法发〔2021〕30号 para 2) */
export const FOUR_CATEGORY_NAMES: Record<FourCategory, string> = {
  1: '重大、疑难、复杂、敏感',
  2: '涉及群体性纠纷或者引发社会广泛关注，可能影响社会稳定',
  3: '与本院或者上级人民法院的类案裁判可能发生冲突',
  4: '有关单位或者个人反映法官有违法审判行为',
};

const base = {
  id: z.string().min(1),
  enabled: z.boolean().default(true),
  category: FourCategorySchema,
  /** 具体情形 shown to the user and copied into a confirmed marking */
  subSituation: z.string().min(1),
  basis: z.string().min(1),
  tag: ConfidenceTagSchema,
  /** Free note for the 审管办 (why the default is what it is) */
  note: z.string().optional(),
};

export const TriggerRuleSchema = z.discriminatedUnion('kind', [
  /** Number of distinct parties (by name) ≥ min */
  z.object({
    ...base,
    kind: z.literal('partyCount'),
    min: z.number().int().positive(),
    /** Roles not counted as parties (agents, defenders) */
    excludeRoles: z.array(z.string()).default([]),
  }),
  /** Any of `keywords` occurs in one of snapshot.signals */
  z.object({ ...base, kind: z.literal('signal'), keywords: z.array(z.string().min(1)).min(1) }),
  /** snapshot.amount (yuan) > threshold */
  z.object({ ...base, kind: z.literal('amount'), threshold: z.number().nonnegative() }),
  /** Calendar age (§7): today (or closedOn) > addMonths(filedOn, months), civil month rule, no deductions */
  z.object({ ...base, kind: z.literal('age'), months: z.number().int().positive() }),
  /** Detention age: end ≥ addMonths(detainedSince, months) (first day of custody counts, so this is "满 N 个月") */
  z.object({ ...base, kind: z.literal('detention'), months: z.number().int().positive() }),
  /** Any of `keywords` occurs in snapshot.cause (案由 / 罪名) */
  z.object({ ...base, kind: z.literal('causeKeyword'), keywords: z.array(z.string().min(1)).min(1) }),
]);
export type TriggerRule = z.infer<typeof TriggerRuleSchema>;
export type TriggerRuleInput = z.input<typeof TriggerRuleSchema>;

export const SupervisionRulesSchema = z
  .object({
    version: z.string().min(1),
    rules: z.array(TriggerRuleSchema),
  })
  .refine((t) => new Set(t.rules.map((r) => r.id)).size === t.rules.length, { message: '规则编号（id）重复' });
export type SupervisionRules = z.infer<typeof SupervisionRulesSchema>;

const LOCAL_ZY = '某中级法院四类案件识别规则（本地规则，domain.md §8.1 "Local practice"）';

export const DEFAULT_SUPERVISION_RULES: SupervisionRules = SupervisionRulesSchema.parse({
  version: '2025.1',
  rules: [
    {
      id: 'party-count',
      kind: 'partyCount',
      min: 10,
      excludeRoles: ['委托代理人', '诉讼代理人', '法定代理人', '辩护人', '代理人'],
      category: 2,
      subSituation: '当事人或者被害人众多，可能引发群体性事件',
      basis: '法发〔2021〕30号 第四条；地方实践以 10 人以上为群体性',
      tag: 'P',
    },
    {
      id: 'remanded',
      kind: 'signal',
      keywords: ['发回重审', '指令再审'],
      category: 1,
      subSituation: '发回重审、指令再审案件',
      basis: LOCAL_ZY,
      tag: 'P',
      note: '归入第 1 类为产品选择 [G]',
    },
    {
      id: 'higher-court-supervised',
      kind: 'signal',
      keywords: ['上级督办', '上级法院督办', '上级交办', '上级法院交办', '指定督办'],
      category: 1,
      subSituation: '上级法院交办、督办的案件',
      basis: LOCAL_ZY,
      tag: 'P',
      note: '归入第 1 类为产品选择 [G]',
    },
    {
      id: 'npc-cppcc-attention',
      kind: 'signal',
      keywords: ['人大代表关注', '政协委员关注', '人大代表监督', '政协委员监督', '代表委员关注', '舆情'],
      category: 2,
      subSituation: '引发社会广泛关注（人大代表、政协委员关注或舆情）',
      basis: LOCAL_ZY,
      tag: 'P',
      note: '归入第 2 类为产品选择 [G]',
    },
    {
      id: 'large-amount',
      kind: 'amount',
      threshold: 10_000_000,
      category: 1,
      subSituation: '标的额特别巨大的案件',
      basis: '地方规则"标的额特别巨大"；阈值由本院审管办确定',
      tag: 'G',
      note: '默认 1000 万元，须由审管办确认或修改',
    },
    {
      id: 'complaint-about-judge',
      kind: 'signal',
      keywords: ['投诉', '举报', '反映法官', '违法审判'],
      category: 4,
      subSituation: '当事人或者其他诉讼参与人反映法官有违法审判行为',
      basis: '法发〔2021〕30号 第六条',
      tag: 'P',
    },
    {
      id: 'age-12-months',
      kind: 'age',
      months: 12,
      category: 4,
      subSituation: '审理期间超过十二个月（长期未结）',
      basis: '地方规则"审理超过12个月"；domain.md §7（自立案日起按日历计算，不扣除、不延长）',
      tag: 'P',
      note: '某市规则库将长期未结归入"违法审判"类；归类可由审管办调整 [G]',
    },
    {
      id: 'detention-3-years',
      kind: 'detention',
      months: 36,
      category: 4,
      subSituation: '被告人羁押三年以上（久押不决）',
      basis: '地方规则"羁押3年以上"；domain.md §7',
      tag: 'P',
      note: '归类及"满三年"的计算方式为产品选择 [G]',
    },
    {
      id: 'cause-organized-crime',
      kind: 'causeKeyword',
      keywords: ['涉黑', '涉恶', '黑恶', '恶势力', '黑社会性质组织', '黑社会性质的组织'],
      category: 1,
      subSituation: '涉黑涉恶案件',
      basis: LOCAL_ZY,
      tag: 'P',
    },
    {
      id: 'cause-cult',
      kind: 'causeKeyword',
      keywords: ['邪教'],
      category: 1,
      subSituation: '涉及国家安全、外交、民族、宗教等敏感案件',
      basis: '法发〔2021〕30号 第三条',
      tag: 'G',
      note: '关键词清单为产品选择',
    },
    {
      id: 'cause-mass',
      kind: 'causeKeyword',
      keywords: ['群体', '非法吸收公众存款', '集资诈骗', '传销'],
      category: 2,
      subSituation: '涉及群体性纠纷，可能影响社会稳定',
      basis: '法发〔2021〕30号 第四条',
      tag: 'G',
      note: '关键词清单为产品选择',
    },
  ],
});
