// 立卷归档 material lists as data (domain.md §11). Each list names the required items, the title variants
// accepted in the 电子卷宗目录 (synonyms, abbreviations), when an item is required, and the legal basis with
// its confidence tag. The whole table is validated by `ArchiveTableSchema` and may be replaced by the court.
import { z } from 'zod';
import { ConfidenceTagSchema } from './supervision';
import { CategorySchema, ProcedureSchema } from '../domain/case';

export const ArchiveConditionSchema = z.enum([
  'always',
  /** never required; shown as present when found */
  'optional',
  'judgment',
  'ruling',
  'mediation',
  /** closed by 撤诉 / 按撤诉处理 / 撤回起诉 */
  'withdrawal',
  'extended',
  'deducted',
  'similarCaseRequired',
  'supervised',
  'reviewRequired',
  /** 终结本次执行 */
  'termination',
  'appealed',
  'detained',
  /** tried by a 合议庭 */
  'collegial',
]);
export type ArchiveCondition = z.infer<typeof ArchiveConditionSchema>;

export { ArchiveFlagSchema, type ArchiveFlag } from './archive-flags';
import { ArchiveFlagSchema, type ArchiveFlag } from './archive-flags';

export const ArchiveItemSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  volume: z.enum(['main', 'sub']),
  /** Accepted title variants; a title matches when it contains a variant (after normalisation) */
  titles: z.array(z.string().min(1)).min(1),
  /** A title containing any of these never matches this item */
  exclude: z.array(z.string().min(1)).default([]),
  /** Required when any of the conditions holds */
  when: z.union([ArchiveConditionSchema, z.array(ArchiveConditionSchema).min(1)]),
  /** Flag raised when the item is missing (default missingRequiredItem) */
  flag: ArchiveFlagSchema.optional(),
  /** One matching document is needed per event of this kind (e.g. each 延长审限 needs its approval) */
  countEvent: z.enum(['extension', 'deduction']).optional(),
  /** For 终本 closures: also an E9 precondition (raises missingTerminationEvidence when missing) */
  terminationEvidence: z.boolean().optional(),
  basis: z.string().min(1),
  tag: ConfidenceTagSchema,
});
export type ArchiveItem = z.infer<typeof ArchiveItemSchema>;
export type ArchiveItemInput = z.input<typeof ArchiveItemSchema>;

export const ArchiveListSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  /** Cases this list applies to (any entry); empty for lists used only through `includes` */
  appliesTo: z.array(
    z.object({
      category: CategorySchema,
      stages: z.array(z.string()).optional(),
      procedures: z.array(ProcedureSchema).optional(),
    }),
  ),
  /** Other lists whose items are checked together with this one (the 副卷) */
  includes: z.array(z.string()).default([]),
  items: z.array(ArchiveItemSchema),
  basis: z.string().min(1),
  tag: ConfidenceTagSchema,
});
export type ArchiveList = z.infer<typeof ArchiveListSchema>;

export const ServiceProofConfigSchema = z.object({
  /** Closing documents checked per party, with the context flag that makes them expected */
  closingKinds: z.array(z.object({ kind: z.string().min(1), context: z.enum(['judgment', 'ruling', 'mediation']), titles: z.array(z.string().min(1)).min(1) })),
  /** Titles containing these are not the case's own closing document (原审, 保全 rulings, 原本 in the 副卷 …) */
  closingExclude: z.array(z.string().min(1)),
  /** Titles accepted as proof of service (送达回证 and the equivalent proofs of 民诉法 arts 89–95) */
  proofTitles: z.array(z.string().min(1)).min(1),
  /** Titles containing these are never proof of service */
  notProof: z.array(z.string().min(1)),
  /** A proof naming one of these documents proves service of that document, not of the closing document */
  otherDocuments: z.array(z.string().min(1)),
  /** Proof titles that are service by 公告 (effective after noticeDays) */
  noticeTitles: z.array(z.string().min(1)),
  noticeDays: z.number().int().nonnegative(),
  /** Roles that are not parties (agents, defenders) */
  nonPartyRoles: z.array(z.string().min(1)),
  basis: z.string().min(1),
  tag: ConfidenceTagSchema,
});
export type ServiceProofConfig = z.infer<typeof ServiceProofConfigSchema>;

export const ArchiveTableSchema = z
  .object({
    version: z.string().min(1),
    lists: z.array(ArchiveListSchema).min(1),
    serviceProof: ServiceProofConfigSchema,
    countdown: z.object({
      warnDays: z.number().int().nonnegative(),
      overdueMonths: z.number().int().nonnegative(),
      basis: z.string().min(1),
      tag: ConfidenceTagSchema,
    }),
  })
  .superRefine((t, ctx) => {
    const ids = new Set<string>();
    for (const l of t.lists) {
      if (ids.has(l.id)) ctx.addIssue({ code: 'custom', message: `清单编号重复：${l.id}`, path: ['lists'] });
      ids.add(l.id);
      const itemIds = new Set<string>();
      for (const it of l.items) {
        if (itemIds.has(it.id)) ctx.addIssue({ code: 'custom', message: `清单 ${l.id} 中材料编号重复：${it.id}`, path: ['lists'] });
        itemIds.add(it.id);
      }
    }
    for (const l of t.lists) {
      for (const inc of l.includes) {
        if (!ids.has(inc)) ctx.addIssue({ code: 'custom', message: `清单 ${l.id} 引用了不存在的清单 ${inc}`, path: ['lists'] });
      }
    }
  });
export type ArchiveTable = z.infer<typeof ArchiveTableSchema>;
export type ArchiveTableInput = z.input<typeof ArchiveTableSchema>;

// ---------------------------------------------------------------------------------------------------------
// Default table

const B91_12 = '《人民法院诉讼文书立卷归档办法》（1991）第十二条';
const B91_13 = '《人民法院诉讼文书立卷归档办法》（1991）第十三条';
const MODERN = '现行民事正卷装订顺序（地方实践）';
const CRIM = '刑事一审正卷装订顺序（地方实践）';
const EXEC = '《人民法院执行文书立卷归档办法（试行）》（法发〔2006〕11号）；常见执行卷宗材料';
const E9 = '《最高人民法院关于严格规范终结本次执行程序的规定（试行）》（法〔2016〕373号）第一条';
const SUB = '副卷归档材料（domain.md §11.2 副卷）';
const A87 = '民诉法第八十七条（送达回证）';

type I = ArchiveItemInput;
const it = (id: string, name: string, titles: string[], when: I['when'], basis: string, tag: I['tag'], extra: Partial<I> = {}): I => ({
  id, name, volume: 'main', titles, when, basis, tag, ...extra,
});

// Items shared by several main lists.
const cover = (basis: string, tag: I['tag']) => it('cover', '卷宗封面', ['卷宗封面', '正卷封面', '封面', '卷皮'], 'always', basis, tag);
const toc = (basis: string, tag: I['tag']) => it('toc', '卷内目录', ['卷内目录', '正卷目录', '卷宗目录', '目录'], 'always', basis, tag);
const remarks = (basis: string, tag: I['tag']) => it('remarks', '备考表', ['卷内备考表', '备考表'], 'always', basis, tag);
const back = (basis: string, tag: I['tag']) => it('back', '卷底', ['卷底', '封底'], 'always', basis, tag);
const extension = (basis: string, tag: I['tag']) =>
  it('extension-approval', '延长审限的决定、报告及批复', ['延长审限', '延长审理期限', '审限延长', '延长审判期限', '延审审批'], 'extended', basis, tag, {
    flag: 'extensionWithoutApproval', countEvent: 'extension',
  });
const deduction = () =>
  it('deduction-approval', '扣除审限审批及证明材料', ['扣除审限', '扣除审理期限', '审限扣除', '不计入审限', '不计入审理期限', '扣审审批'], 'deducted', 'domain.md §4.4、§11.2：扣除审限应有审批及证明材料', 'G', {
    flag: 'deductionWithoutBasis', countEvent: 'deduction',
  });
const serviceProofItem = (basis: string, tag: I['tag'], when: I['when'] = ['judgment', 'ruling', 'mediation']) =>
  it('service-proof', '送达回证（含电子送达、邮寄、留置、公告送达凭证）', [
    '送达回证', '送达回执', '送达凭证', '电子送达', '邮寄回执', '邮件回执', '邮寄送达', 'ems', '特快专递', '留置送达', '公告送达', '送达公告', '签收回执', '送达记录',
  ], when, basis, tag, { exclude: ['送达地址确认', '地址确认书'], flag: 'missingServiceProof' });
const poa = (basis: string, tag: I['tag']) =>
  it('authorization', '授权委托书、法定代表人身份证明', ['授权委托书', '委托代理', '委托书', '法定代表人身份证明', '身份证明', '营业执照', '律师事务所函', '所函', '律师执业证'], 'optional', basis, tag);
const appraisal = (basis: string, tag: I['tag']) =>
  it('appraisal', '鉴定委托书、鉴定意见', ['鉴定委托书', '委托鉴定', '鉴定意见', '鉴定报告', '鉴定结论', '评估报告', '审计报告', '司法鉴定'], 'optional', basis, tag);
const serviceAddress = it('service-address', '送达地址确认书', ['送达地址确认书', '地址确认书'], 'optional', '民诉解释第一百三十七条 [G]', 'G');

const civilFirst: z.input<typeof ArchiveListSchema> = {
  id: 'civil-first',
  name: '民事一审正卷',
  appliesTo: [{ category: 'civil', stages: ['first'] }],
  includes: ['sub'],
  basis: B91_12,
  tag: 'P',
  items: [
    cover(B91_12, 'P'),
    toc(B91_12, 'P'),
    it('flow-table', '审判流程信息管理表', ['审判流程信息管理表', '流程信息管理表', '审理运行时间表', '流程管理表'], 'optional', MODERN, 'P'),
    it('complaint', '起诉状或口诉笔录', ['起诉状', '民事诉状', '口诉笔录', '起诉材料', '起诉书'], 'always', B91_12, 'P', { exclude: ['上诉', '反诉'] }),
    it('counterclaim', '反诉状', ['反诉状', '反诉'], 'optional', MODERN, 'G'),
    it('acceptance-notice', '受理案件通知书', ['受理案件通知书', '受理通知书', '立案通知书', '案件受理通知'], 'always', B91_12, 'P'),
    it('fee', '诉讼费缴纳或缓减免材料', ['诉讼费', '交纳诉讼费用', '缴纳诉讼费用', '缴费通知', '缴费凭证', '缓交', '减交', '免交', '退费'], 'optional', MODERN, 'P'),
    it('appearance-notice', '应诉通知书及回执', ['应诉通知书', '应诉通知'], 'always', B91_12, 'P'),
    it('evidence-notice', '举证通知书', ['举证通知书', '举证通知'], 'always', MODERN, 'P'),
    it('risk-notice', '诉讼风险提示书', ['诉讼风险提示书', '风险提示'], 'optional', MODERN, 'P'),
    it('defence', '答辩状', ['答辩状', '答辩书', '答辩意见'], 'optional', B91_12, 'P'),
    it('evidence', '证据材料', ['证据材料', '证据目录', '证据清单', '证据'], 'optional', MODERN, 'G'),
    it('inquiry', '询问笔录', ['询问笔录', '谈话笔录'], 'optional', B91_12, 'P'),
    it('investigation', '调查笔录、调查取证材料', ['调查笔录', '调查取证', '取证材料', '调取证据', '调查令'], 'optional', B91_12, 'P'),
    it('mediation-record', '调解材料、调解笔录', ['调解笔录', '调解材料', '调解协议', '调解方案', '诉前调解'], 'optional', B91_12, 'P'),
    it('pretrial', '准备庭笔录（庭前会议、证据交换）', ['准备庭笔录', '庭前会议笔录', '庭前会议', '证据交换笔录', '证据交换'], 'optional', B91_12, 'P'),
    poa(B91_12, 'P'),
    appraisal(B91_12, 'P'),
    serviceAddress,
    it('summons', '开庭通知、传票', ['传票', '开庭通知', '出庭通知'], 'judgment', B91_12, 'P'),
    it('hearing-notice', '开庭公告', ['开庭公告', '公告开庭'], 'optional', B91_12, 'P'),
    it('hearing-record', '庭审笔录', ['庭审笔录', '开庭笔录', '法庭笔录', '庭审记录', '法庭审理笔录'], 'judgment', B91_12, 'P'),
    it('mediation-doc', '调解书', ['调解书'], 'mediation', B91_12, 'P', { exclude: ['原本', '签发稿', '送达', '回证'] }),
    it('withdrawal', '撤诉申请书', ['撤诉申请', '撤回起诉申请', '撤诉书', '撤回起诉'], 'withdrawal', B91_12, 'P', { exclude: ['裁定'] }),
    it('judgment', '判决书正本', ['判决书'], 'judgment', B91_12, 'P', { exclude: ['原本', '签发稿', '二审', '上级', '终审', '原审'] }),
    it('ruling', '裁定书正本', ['裁定书'], 'ruling', B91_12, 'P', { exclude: ['原本', '签发稿', '二审', '上级', '终审', '原审'] }),
    extension(`${MODERN}；2019 民商事规定`, 'P'),
    deduction(),
    it('pronouncement', '宣判笔录', ['宣判笔录', '宣判记录', '宣告判决笔录'], 'judgment', `${B91_12}（每一判决应有宣判笔录）`, 'P', { flag: 'missingPronouncementRecord' }),
    serviceProofItem(`${A87}；${B91_12}`, 'S'),
    it('appeal', '上诉状', ['上诉状', '上诉书', '上诉材料'], 'appealed', B91_12, 'P'),
    it('appeal-transfer', '上诉案件移送函', ['上诉案件移送', '移送函', '移送书'], 'appealed', MODERN, 'G'),
    it('returned-file', '上级法院退卷函', ['上级法院退卷函', '退卷函', '退卷'], 'appealed', B91_12, 'P'),
    it('higher-decision', '上级法院判决书、裁定书正本', ['二审判决书', '二审裁定书', '二审调解书', '上级法院判决书', '上级法院裁定书', '终审判决书', '终审裁定书', '上级法院'], 'appealed', B91_12, 'P'),
    it('exhibits', '证物处理手续', ['证物处理', '证物', '物证处理', '退还证据'], 'optional', B91_12, 'P'),
    it('enforcement-transfer', '执行手续材料', ['执行手续', '移送执行'], 'optional', B91_12, 'P'),
    remarks(B91_12, 'P'),
    back(B91_12, 'P'),
  ],
};

const civilSecond: z.input<typeof ArchiveListSchema> = {
  id: 'civil-second',
  name: '民事二审正卷',
  appliesTo: [{ category: 'civil', stages: ['second'] }],
  includes: ['sub'],
  basis: B91_13,
  tag: 'P',
  items: [
    cover(B91_13, 'P'),
    toc(B91_13, 'P'),
    it('appeal-transfer', '上诉案件移送函', ['上诉案件移送', '移送函', '移送书'], 'always', B91_13, 'P'),
    it('original-decision', '原审判决书、裁定书', ['原审判决书', '原审裁定书', '原审调解书', '一审判决书', '一审裁定书', '原判决书', '原裁定书', '原审'], 'always', B91_13, 'P'),
    it('appeal', '上诉状', ['上诉状', '上诉书', '上诉材料'], 'always', B91_13, 'P'),
    it('defence', '答辩状', ['答辩状', '答辩书', '答辩意见'], 'optional', B91_13, 'P'),
    it('inquiry', '询问笔录', ['询问笔录', '谈话笔录'], 'optional', B91_13, 'P'),
    it('investigation', '调查笔录、取证材料', ['调查笔录', '调查取证', '取证材料', '调取证据'], 'optional', B91_13, 'P'),
    it('mediation-record', '调解笔录', ['调解笔录', '调解材料', '调解协议'], 'optional', B91_13, 'P'),
    it('withdrawal', '撤诉书', ['撤诉申请', '撤回上诉', '撤诉书', '撤回起诉'], 'withdrawal', B91_13, 'P', { exclude: ['裁定'] }),
    it('pretrial', '准备庭笔录', ['准备庭笔录', '庭前会议', '证据交换'], 'optional', B91_13, 'P'),
    poa(MODERN, 'G'),
    appraisal(MODERN, 'G'),
    serviceAddress,
    it('summons', '开庭通知、传票', ['传票', '开庭通知', '出庭通知'], 'optional', `${B91_13}；二审可不开庭审理（民诉法第一百七十六条）[G]`, 'G'),
    it('hearing-record', '庭审笔录', ['庭审笔录', '开庭笔录', '法庭笔录', '庭审记录', '询问当事人笔录'], 'optional', `${B91_13}；二审可不开庭审理 [G]`, 'G'),
    it('mediation-doc', '调解书', ['调解书'], 'mediation', B91_13, 'P', { exclude: ['原本', '签发稿', '原审', '一审', '送达', '回证'] }),
    it('judgment', '判决书正本', ['判决书'], 'judgment', B91_13, 'P', { exclude: ['原本', '签发稿', '原审', '一审', '原判'] }),
    it('ruling', '裁定书正本', ['裁定书'], 'ruling', B91_13, 'P', { exclude: ['原本', '签发稿', '原审', '一审', '原裁'] }),
    extension(`${MODERN}；2019 民商事规定`, 'P'),
    deduction(),
    it('pronouncement', '宣判笔录', ['宣判笔录', '宣判记录', '宣告判决笔录'], 'judgment', B91_13, 'P', { flag: 'missingPronouncementRecord' }),
    serviceProofItem(`${A87}；${B91_13}`, 'S'),
    remarks(B91_13, 'P'),
    back(B91_13, 'P'),
  ],
};

const criminalFirst: z.input<typeof ArchiveListSchema> = {
  id: 'criminal-first',
  name: '刑事一审正卷',
  appliesTo: [{ category: 'criminal', stages: ['first'] }],
  includes: ['sub'],
  basis: CRIM,
  tag: 'P',
  items: [
    cover(CRIM, 'P'),
    toc(CRIM, 'P'),
    it('flow-table', '审判流程信息管理表', ['审判流程信息管理表', '流程信息管理表', '流程管理表'], 'optional', CRIM, 'P'),
    it('indictment', '起诉书或自诉状正本及附件', ['起诉书', '自诉状', '刑事自诉状', '附带民事起诉状', '附带民事诉状'], 'always', CRIM, 'P', { exclude: ['上诉'] }),
    it('indictment-service', '起诉书送达回证', ['起诉书送达回证', '起诉书送达', '自诉状送达回证'], 'always', CRIM, 'P'),
    it('defence-counsel', '聘请、指定、委托辩护人材料', ['委托辩护', '辩护委托书', '指定辩护', '法律援助', '授权委托书', '委托书', '律师事务所函', '所函'], 'optional', CRIM, 'P'),
    it('arrest', '逮捕决定书、逮捕证、家属通知书', ['逮捕决定书', '决定逮捕', '逮捕证', '拘留证', '家属通知书', '逮捕通知书'], 'detained', CRIM, 'P'),
    it('seizure-list', '扣押物品清单', ['扣押物品清单', '扣押清单', '扣押物品'], 'optional', CRIM, 'P'),
    it('sealing', '查封令、查封物品清单', ['查封令', '查封物品清单', '查封清单'], 'optional', CRIM, 'P'),
    it('bail', '取保候审、保外就医决定书及保证书', ['取保候审', '监视居住', '保外就医', '保证书'], 'optional', CRIM, 'P'),
    it('supplement', '补送材料函及补送材料', ['补送材料', '补充材料', '补充侦查'], 'optional', CRIM, 'P'),
    it('withdrawal', '撤诉书', ['撤回起诉', '撤诉书', '撤诉申请'], 'withdrawal', CRIM, 'P', { exclude: ['裁定'] }),
    it('investigation', '调查笔录、取证材料', ['调查笔录', '调查取证', '取证材料'], 'optional', CRIM, 'P'),
    appraisal(CRIM, 'P'),
    it('interrogation', '审问笔录', ['审问笔录', '讯问笔录', '提讯笔录'], 'optional', CRIM, 'P'),
    it('confession', '坦白、揭发登记及查证材料', ['坦白', '揭发', '检举', '立功'], 'optional', CRIM, 'P'),
    extension(`${CRIM}；刑诉法第二百零八条`, 'P'),
    deduction(),
    it('summons', '庭前通知、传票、提押票、换押票', ['传票', '出庭通知', '开庭通知', '提押票', '换押票', '提押证', '提讯证'], 'judgment', CRIM, 'P'),
    it('hearing-notice', '开庭公告底稿', ['开庭公告'], 'optional', CRIM, 'P'),
    it('hearing-record', '开庭笔录（公诉词、辩护词、证言、陈述）', ['开庭笔录', '庭审笔录', '法庭笔录', '法庭审理笔录', '公诉词', '公诉意见书', '辩护词', '辩护意见'], 'judgment', CRIM, 'P'),
    it('judgment', '判决书正本', ['判决书'], 'judgment', CRIM, 'P', { exclude: ['原本', '签发稿', '二审', '上级', '终审', '原审'] }),
    it('ruling', '裁定书正本', ['裁定书'], 'ruling', CRIM, 'P', { exclude: ['原本', '签发稿', '二审', '上级', '终审', '原审'] }),
    it('mediation-doc', '附带民事调解书、协议书', ['调解书', '调解协议', '和解协议'], 'mediation', CRIM, 'P', { exclude: ['原本', '签发稿'] }),
    it('pronouncement', '宣判笔录（委托宣判函）', ['宣判笔录', '宣判记录', '委托宣判函', '委托宣判'], 'judgment', CRIM, 'P', { flag: 'missingPronouncementRecord' }),
    serviceProofItem(`${CRIM}；刑诉解释关于送达的规定`, 'P'),
    it('judicial-advice', '司法建议书', ['司法建议'], 'optional', CRIM, 'P'),
    it('protest', '抗诉书', ['抗诉书'], 'optional', CRIM, 'P'),
    it('appeal', '上诉状、上诉案件移送书存根', ['上诉状', '上诉书', '上诉案件移送', '移送书存根'], 'appealed', CRIM, 'P'),
    it('returned-file', '上级法院退卷函', ['上级法院退卷函', '退卷函', '退卷'], 'appealed', CRIM, 'P'),
    it('higher-decision', '上级法院判决书、裁定书', ['二审判决书', '二审裁定书', '上级法院判决书', '上级法院裁定书', '终审判决书', '终审裁定书', '上级法院'], 'appealed', CRIM, 'P'),
    it('execution-notice', '执行通知书存根及回执（释放证回执）', ['执行通知书', '释放证', '释放通知', '交付执行'], 'judgment', CRIM, 'P'),
    it('stolen-goods', '赃物、证物移送清单及处理手续', ['赃物', '赃款', '证物移送', '证物处理', '涉案财物'], 'optional', CRIM, 'P'),
    it('exhibit-bag', '证物袋', ['证物袋'], 'optional', CRIM, 'P'),
    remarks(CRIM, 'P'),
    back(CRIM, 'P'),
  ],
};

const ADMIN = '行政一审正卷：domain.md 未列，参照民事一审并补充行诉法第六十七条被告举证材料';
const administrativeFirst: z.input<typeof ArchiveListSchema> = {
  id: 'administrative-first',
  name: '行政一审正卷',
  appliesTo: [{ category: 'administrative', stages: ['first'] }],
  includes: ['sub'],
  basis: ADMIN,
  tag: 'G',
  items: [
    cover(ADMIN, 'G'),
    toc(ADMIN, 'G'),
    it('complaint', '行政起诉状', ['起诉状', '诉状', '口诉笔录'], 'always', ADMIN, 'G', { exclude: ['上诉', '反诉'] }),
    it('acceptance-notice', '受理案件通知书', ['受理案件通知书', '受理通知书', '立案通知书'], 'always', ADMIN, 'G'),
    it('fee', '诉讼费缴纳或缓减免材料', ['诉讼费', '交纳诉讼费用', '缴纳诉讼费用', '缴费', '缓交', '减交', '免交'], 'optional', ADMIN, 'G'),
    it('appearance-notice', '应诉通知书及回执', ['应诉通知书', '应诉通知'], 'always', ADMIN, 'G'),
    it('evidence-notice', '举证通知书', ['举证通知书', '举证通知'], 'always', ADMIN, 'G'),
    it('defence', '答辩状', ['答辩状', '答辩书', '答辩意见'], 'optional', ADMIN, 'G'),
    it('defendant-evidence', '被告作出行政行为的证据和依据', ['作出行政行为的证据', '行政行为证据', '证据和依据', '规范性文件', '证据材料', '证据目录', '证据'], 'optional', '行诉法第六十七条 [G]', 'G'),
    it('inquiry', '询问笔录', ['询问笔录', '谈话笔录'], 'optional', ADMIN, 'G'),
    it('investigation', '调查笔录、调查取证材料', ['调查笔录', '调查取证', '取证材料', '调取证据'], 'optional', ADMIN, 'G'),
    poa(ADMIN, 'G'),
    appraisal(ADMIN, 'G'),
    serviceAddress,
    it('summons', '开庭通知、传票', ['传票', '开庭通知', '出庭通知'], 'judgment', ADMIN, 'G'),
    it('hearing-notice', '开庭公告', ['开庭公告'], 'optional', ADMIN, 'G'),
    it('hearing-record', '庭审笔录', ['庭审笔录', '开庭笔录', '法庭笔录', '庭审记录'], 'judgment', ADMIN, 'G'),
    it('mediation-doc', '调解书', ['调解书'], 'mediation', `${ADMIN}；行诉法第六十条`, 'G', { exclude: ['原本', '签发稿', '送达', '回证'] }),
    it('withdrawal', '撤诉申请书', ['撤诉申请', '撤回起诉', '撤诉书'], 'withdrawal', ADMIN, 'G', { exclude: ['裁定'] }),
    it('judgment', '判决书正本', ['判决书'], 'judgment', ADMIN, 'G', { exclude: ['原本', '签发稿', '二审', '上级', '终审', '原审'] }),
    it('ruling', '裁定书正本', ['裁定书'], 'ruling', ADMIN, 'G', { exclude: ['原本', '签发稿', '二审', '上级', '终审', '原审'] }),
    extension(`${ADMIN}；行诉法第八十一条（高院批准）`, 'G'),
    deduction(),
    it('pronouncement', '宣判笔录', ['宣判笔录', '宣判记录', '宣告判决笔录'], 'judgment', ADMIN, 'G', { flag: 'missingPronouncementRecord' }),
    serviceProofItem(`${A87}（行诉法第一百零一条准用）`, 'G'),
    it('appeal', '上诉状', ['上诉状', '上诉书'], 'appealed', ADMIN, 'G'),
    it('returned-file', '上级法院退卷函', ['上级法院退卷函', '退卷函', '退卷'], 'appealed', ADMIN, 'G'),
    it('higher-decision', '上级法院判决书、裁定书', ['二审判决书', '二审裁定书', '上级法院判决书', '上级法院裁定书', '终审判决书', '上级法院'], 'appealed', ADMIN, 'G'),
    remarks(ADMIN, 'G'),
    back(ADMIN, 'G'),
  ],
};

const enforcement: z.input<typeof ArchiveListSchema> = {
  id: 'enforcement',
  name: '执行案件正卷',
  appliesTo: [{ category: 'enforcement', stages: ['enforcement'] }],
  includes: ['sub'],
  basis: EXEC,
  tag: 'G',
  items: [
    cover(EXEC, 'G'),
    toc(EXEC, 'G'),
    it('application', '执行申请书', ['执行申请书', '申请执行书', '强制执行申请', '执行申请'], 'always', EXEC, 'G'),
    it('basis-doc', '生效法律文书及生效证明', ['生效法律文书', '执行依据', '生效证明', '原审判决书', '二审判决书', '原审裁定书', '二审裁定书', '原审调解书', '二审调解书', '仲裁裁决书', '公证债权文书', '支付令'], 'always', EXEC, 'G'),
    it('applicant-identity', '申请人主体资格证明', ['主体资格', '身份证明', '营业执照', '授权委托书', '委托书'], 'optional', EXEC, 'G'),
    it('property-clues', '财产线索', ['财产线索'], 'optional', EXEC, 'G'),
    it('acceptance-notice', '受理通知书（立案审批）', ['受理案件通知书', '受理通知书', '立案审批', '立案通知书'], 'always', EXEC, 'G'),
    it('execution-notice', '执行通知书', ['执行通知书', '执行通知'], 'always', `${EXEC}；${E9}第一项`, 'P', { terminationEvidence: true }),
    it('property-report-order', '报告财产令', ['报告财产令', '财产报告令', '申报财产令', '报告财产通知'], 'always', `${EXEC}；${E9}第一项`, 'P', { terminationEvidence: true }),
    it('property-investigation', '财产调查、网络查控记录', ['网络查控', '财产调查', '查控记录', '总对总', '点对点', '财产查询', '线下调查', '查询记录'], 'termination', `${E9}第三项`, 'P', { flag: 'missingTerminationEvidence' }),
    it('measures', '查封、扣押、冻结裁定及协助执行通知书', ['查封扣押冻结', '查封裁定', '扣押裁定', '冻结裁定', '协助执行通知书', '协助执行', '查封', '冻结', '扣押', '扣划', '划拨'], 'optional', EXEC, 'G'),
    it('disposal', '评估、拍卖、变卖材料', ['评估', '拍卖', '变卖', '询价', '以物抵债'], 'optional', EXEC, 'G'),
    it('consumption-restriction', '限制消费令', ['限制消费令', '限制高消费', '限消令', '限高令', '限制消费'], 'termination', `${E9}第二项`, 'P', { flag: 'missingTerminationEvidence' }),
    it('dishonest-list', '纳入失信被执行人名单决定书', ['失信被执行人', '失信决定', '失信'], 'optional', `${E9}第二项（符合条件的）`, 'P'),
    it('applicant-interview', '终本约谈、告知申请执行人并听取意见的笔录', ['终本约谈', '约谈笔录', '约谈', '听取申请执行人意见', '终本告知', '告知书'], 'termination', `${E9}（告知并听取申请执行人意见）`, 'G', { flag: 'missingTerminationEvidence' }),
    it('settlement', '执行和解协议', ['执行和解', '和解协议'], 'optional', EXEC, 'G'),
    it('payment', '案款发放凭证', ['案款发放', '案款', '执行款', '发放凭证', '领款'], 'optional', EXEC, 'G'),
    it('termination-ruling', '终结本次执行程序裁定书', ['终结本次执行', '终本裁定', '终本'], 'termination', E9, 'P', { flag: 'missingTerminationEvidence' }),
    it('closing-doc', '结案裁定或结案通知', ['结案通知', '执行完毕', '终结执行', '结案裁定', '销案'], 'optional', EXEC, 'G'),
    extension('2000 规定第五条；执行规定第六十三条', 'P'),
    deduction(),
    serviceProofItem(`${EXEC}（每次送达均应有送达回证）`, 'P', ['judgment', 'ruling', 'mediation', 'termination']),
    remarks(EXEC, 'G'),
    back(EXEC, 'G'),
  ],
};

const sub: z.input<typeof ArchiveListSchema> = {
  id: 'sub',
  name: '副卷',
  appliesTo: [],
  includes: [],
  basis: SUB,
  tag: 'G',
  items: [
    { ...it('sub-cover', '副卷封面', ['副卷封面', '卷宗封面', '封面'], 'always', SUB, 'G'), volume: 'sub' },
    { ...it('sub-toc', '副卷卷内目录', ['副卷目录', '卷内目录', '目录'], 'always', SUB, 'G'), volume: 'sub' },
    { ...it('file-reading', '阅卷笔录', ['阅卷笔录'], 'optional', SUB, 'G'), volume: 'sub' },
    { ...it('trial-report', '案件审理报告（审结报告、执行结案报告）', ['审理报告', '审结报告', '案情报告', '审查报告', '结案报告', '终本审批表', '结案审批表'], ['judgment', 'ruling'], `${SUB}；1991 办法第十二条第十五项`, 'G'), volume: 'sub' },
    { ...it('deliberation', '合议庭评议笔录', ['合议庭评议', '评议笔录', '合议笔录'], 'collegial', `${SUB}；1991 办法第十二条第十六项`, 'P'), volume: 'sub' },
    { ...it('division-meeting', '庭务会、审判长联席会记录', ['庭务会', '审判长联席会'], 'optional', SUB, 'G'), volume: 'sub' },
    { ...it('judges-meeting', '专业法官会议记录', ['专业法官会议', '主审法官会议', '法官会议纪要'], 'optional', SUB, 'G'), volume: 'sub' },
    { ...it('committee', '审判委员会讨论记录、决议', ['审判委员会', '审委会'], 'optional', `${SUB}；1991 办法第十二条第十八项`, 'P'), volume: 'sub' },
    {
      ...it('supervision-record', '院庭长监督管理记录（四类案件监管记录、书面报告）', ['四类案件监管', '四类案件监督', '监管记录', '监督管理记录', '监管日志', '院庭长监督', '院庭长监管', '四类案件'], 'supervised', `${SUB}；法发〔2021〕30号（全程留痕）`, 'P', { flag: 'missingSupervisionRecord' }),
      volume: 'sub',
    },
    {
      ...it('review-record', '阅核记录', ['阅核记录', '阅核意见', '阅核单', '阅核'], 'reviewRequired', `${SUB}；阅核工作机制指导意见（2024）`, 'P', { flag: 'missingSupervisionRecord' }),
      volume: 'sub',
    },
    {
      ...it('similar-case-report', '类案检索报告', ['类案检索报告', '类案检索', '类案及关联案件检索', '类案与关联案件检索'], 'similarCaseRequired', '法发〔2020〕24号 第二条、第七条（随案归档备查，默认入副卷）', 'P', { flag: 'missingSimilarCaseReport' }),
      volume: 'sub',
    },
    { ...it('original-decision', '判决书、裁定书、调解书原本（签发稿）', ['判决书原本', '裁定书原本', '调解书原本', '签发稿', '文书原本', '原本', '文书签发'], ['judgment', 'ruling', 'mediation'], SUB, 'G'), volume: 'sub' },
    { ...it('instructions', '请示、批复', ['请示', '批复'], 'optional', SUB, 'G'), volume: 'sub' },
    { ...it('sub-remarks', '副卷备考表', ['副卷备考表', '卷内备考表', '备考表'], 'always', SUB, 'G'), volume: 'sub' },
    { ...it('sub-back', '副卷卷底', ['副卷卷底', '卷底', '封底'], 'always', SUB, 'G'), volume: 'sub' },
  ],
};

export const DEFAULT_ARCHIVE_TABLE: ArchiveTable = ArchiveTableSchema.parse({
  version: '2025.1',
  lists: [civilFirst, civilSecond, criminalFirst, administrativeFirst, enforcement, sub],
  serviceProof: {
    closingKinds: [
      { kind: '判决书', context: 'judgment', titles: ['判决书'] },
      { kind: '裁定书', context: 'ruling', titles: ['裁定书'] },
      { kind: '调解书', context: 'mediation', titles: ['调解书'] },
    ],
    closingExclude: ['送达', '回证', '回执', '原审', '一审', '二审', '上级', '终审', '原判', '原本', '签发稿', '保全', '查封', '冻结', '扣押', '管辖', '补正', '执行依据', '生效'],
    proofTitles: ['送达回证', '送达回执', '送达凭证', '电子送达', '邮寄回执', '邮件回执', '邮寄送达', 'ems', '特快专递', '留置送达', '公告送达', '送达公告', '签收回执', '送达记录'],
    notProof: ['送达地址确认', '地址确认书', '送达地址'],
    otherDocuments: ['起诉状', '起诉书', '应诉', '举证', '传票', '开庭', '受理', '缴费', '诉讼费', '答辩', '上诉状', '执行通知', '报告财产令', '限制消费', '风险提示', '出庭通知'],
    noticeTitles: ['公告送达', '送达公告'],
    noticeDays: 30,
    nonPartyRoles: ['委托代理人', '诉讼代理人', '法定代理人', '指定代理人', '代理人', '辩护人', '证人', '鉴定人', '翻译人员'],
    basis: '民诉法第八十七条、第八十九条至第九十五条；第三人亦需送达 [G]',
    tag: 'S',
  },
  countdown: {
    warnDays: 30,
    overdueMonths: 3,
    basis: 'domain.md §11.4：无全国统一期限；默认结案后 30 日起提示，3 个月逾期',
    tag: 'G',
  },
});
