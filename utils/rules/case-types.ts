// 类型代字 table (domain.md §1.4), legacy aliases (§1.5) and court-code shapes (§1.3), as data.
// Source: 《人民法院案件类型及其代字标准》 as reproduced in court case-management software [P];
// category / stage are this product's classification [G]. Overridable: pass your own table to the parser.
import { z } from 'zod';
import type { Procedure } from '../domain/case';

export const CaseNumberCategorySchema = z.enum(['civil', 'criminal', 'administrative', 'enforcement', 'compensation', 'other']);
export const CaseNumberStageSchema = z.enum(['first', 'second', 'retrial-review', 'retrial', 'special', 'enforcement', 'preservation', 'other']);
export type CaseNumberCategory = z.infer<typeof CaseNumberCategorySchema>;
export type CaseNumberStage = z.infer<typeof CaseNumberStageSchema>;

export const CaseTypeSchema = z.object({
  code: z.string().min(1).max(3),
  category: CaseNumberCategorySchema,
  stage: CaseNumberStageSchema,
  meaning: z.string(),
  /** §2 row ids this code can use ("none" = no statutory 审限) */
  periods: z.string(),
  /** The procedure when the code alone fixes it (e.g. 刑终 → second); absent when the page must say */
  procedure: z.string().optional(),
  /** Procedures that fit this code (for a consistency check of the page's procedure) */
  procedures: z.array(z.string()).optional(),
  tag: z.enum(['S', 'P', 'G']),
});
export type CaseType = z.infer<typeof CaseTypeSchema>;

type Row = [code: string, category: CaseNumberCategory, stage: CaseNumberStage, meaning: string, periods: string, procedure?: Procedure | '', procedures?: Procedure[]];

const ROWS: Row[] = [
  // 01 管辖案件
  ['刑辖', 'criminal', 'other', '刑事提级管辖 / 指定管辖', 'none'],
  ['民辖', 'civil', 'other', '民事提级 / 指定 / 移交审批 / 管辖协商', 'none'],
  ['民辖终', 'civil', 'second', '民事管辖上诉', 'C5', 'second-ruling'],
  ['民辖监', 'civil', 'other', '民事管辖监督', 'none'],
  ['行辖', 'administrative', 'other', '行政提级、指定管辖', 'none'],
  ['行辖终', 'administrative', 'second', '行政管辖上诉', 'A3', 'second'],
  ['赔辖', 'compensation', 'other', '行政赔偿 提级、指定、协商管辖', 'none'],
  ['赔辖终', 'compensation', 'second', '行政赔偿 管辖上诉', 'A3'],
  // 02 刑事案件
  ['刑初', 'criminal', 'first', '刑事一审', 'K1-K5', '', ['public-ordinary', 'private-detained', 'private-free', 'simple', 'simple-long', 'fast-track', 'fast-track-long']],
  ['刑终', 'criminal', 'second', '刑事二审', 'K6', 'second'],
  ['刑监', 'criminal', 'retrial-review', '依职权再审审查', 'none'],
  ['刑申', 'criminal', 'retrial-review', '申诉再审审查', 'K9'],
  ['刑抗', 'criminal', 'retrial-review', '抗诉再审审查', 'K8'],
  ['刑再', 'criminal', 'retrial', '刑事再审', 'K7', 'retrial'],
  ['刑没', 'criminal', 'special', '申请没收违法所得', 'K11', '', ['public-ordinary', 'second']],
  ['刑核', 'criminal', 'special', '死刑复核 / 法定刑以下判处刑罚复核 / 特殊假释复核', 'K10/none'],
  ['刑医', 'criminal', 'special', '强制医疗 申请审查', 'K12'],
  ['刑医解', 'criminal', 'special', '强制医疗 解除', 'K12'],
  ['刑医复', 'criminal', 'special', '强制医疗 复议', 'K12'],
  ['刑医监', 'criminal', 'other', '强制医疗监督', 'none'],
  ['刑止', 'criminal', 'special', '停止执行死刑 请求审查或依职权', 'none'],
  ['刑止调', 'criminal', 'special', '停止执行死刑 调查', 'none'],
  ['刑止核', 'criminal', 'special', '停止执行死刑 调查审核', 'none'],
  ['刑更', 'criminal', 'special', '刑罚与执行变更审查 (减刑、假释、暂予监外执行)', 'K13'],
  ['刑更监', 'criminal', 'other', '刑罚与执行变更 监督', 'none'],
  ['刑更备', 'criminal', 'other', '刑罚与执行变更 备案', 'none'],
  ['刑教', 'criminal', 'special', '安置教育 申请审查', 'none'],
  ['刑教解', 'criminal', 'special', '安置教育 解除', 'none'],
  ['刑教复', 'criminal', 'special', '安置教育 复议', 'none'],
  ['刑教监', 'criminal', 'other', '安置教育 监督', 'none'],
  ['刑他', 'criminal', 'other', '其他刑事', 'none'],
  // 03 民事案件
  ['民初', 'civil', 'first', '民事一审', 'C1/C2/C3/C13/C14', '', ['ordinary', 'simple', 'small-claims', 'foreign']],
  ['民终', 'civil', 'second', '民事二审', 'C4/C5/C13', '', ['second-judgment', 'second-ruling', 'foreign']],
  ['民监', 'civil', 'retrial-review', '依职权再审审查', 'none'],
  ['民申', 'civil', 'retrial-review', '申请再审审查', 'C8', 'retrial-review'],
  ['民抗', 'civil', 'retrial-review', '抗诉再审审查', 'C9'],
  ['民再', 'civil', 'retrial', '民事再审', 'C7', '', ['ordinary', 'second-judgment', 'second-ruling', 'foreign']],
  ['民撤', 'civil', 'first', '第三人撤销之诉', 'C1', '', ['ordinary', 'foreign']],
  ['民特', 'civil', 'special', '特别程序', 'C6', 'special'],
  ['民特监', 'civil', 'other', '特别程序监督', 'none'],
  ['民催', 'civil', 'special', '公示催告; 船舶优先权催告', 'C11'],
  ['民督', 'civil', 'special', '申请支付令审查', 'C10'],
  ['民督监', 'civil', 'other', '支付令监督', 'none'],
  ['民保令', 'civil', 'special', '人身安全保护令 申请审查', '72h'],
  ['民保更', 'civil', 'special', '人身安全保护令 变更', '72h'],
  ['民他', 'civil', 'other', '其他民事', 'none'],
  // 04 行政案件
  ['行初', 'administrative', 'first', '行政一审', 'A1/A2', '', ['ordinary', 'simple']],
  ['行终', 'administrative', 'second', '行政二审', 'A3', 'second'],
  ['行监', 'administrative', 'retrial-review', '依职权再审审查', 'none'],
  ['行申', 'administrative', 'retrial-review', '申请再审审查', 'A5'],
  ['行抗', 'administrative', 'retrial-review', '抗诉再审审查', 'A6'],
  ['行再', 'administrative', 'retrial', '行政再审', 'A4', '', ['ordinary', 'second']],
  ['行审', 'administrative', 'special', '非诉行政行为申请执行审查', 'A7'],
  ['行审复', 'administrative', 'special', '非诉行政行为申请执行审查 复议', 'A8'],
  ['行他', 'administrative', 'other', '其他行政', 'none'],
  // 05 国家赔偿与司法救助案件
  ['行赔初', 'compensation', 'first', '行政赔偿 一审', 'A1/A2'],
  ['行赔终', 'compensation', 'second', '行政赔偿 二审', 'A3'],
  ['行赔监', 'compensation', 'retrial-review', '行政赔偿 依职权再审审查', 'A5'],
  ['行赔申', 'compensation', 'retrial-review', '行政赔偿 申请再审审查', 'A5'],
  ['行赔抗', 'compensation', 'retrial-review', '行政赔偿 抗诉再审审查', 'A6'],
  ['行赔再', 'compensation', 'retrial', '行政赔偿 再审', 'A4'],
  ['行赔他', 'compensation', 'other', '行政赔偿 其他', 'none'],
  ['法赔', 'compensation', 'first', '法院作为赔偿义务机关自赔', 'G7'],
  ['委赔', 'compensation', 'first', '赔偿委员会审理赔偿案件', 'G1-G3', 'decision'],
  ['委赔监', 'compensation', 'retrial-review', '司法赔偿监督审查', 'G4'],
  ['赔确监', 'compensation', 'retrial-review', '赔偿确认申诉审查', 'none'],
  ['委赔提', 'compensation', 'retrial', '监督程序: 上级赔偿委员会重审', 'G3'],
  ['委赔再', 'compensation', 'retrial', '监督程序: 本院赔偿委员会重审', 'G3'],
  ['赔他', 'compensation', 'other', '其他赔偿', 'none'],
  ['司救刑', 'other', 'other', '司法救助 (刑事)', 'none'],
  ['司救民', 'other', 'other', '司法救助 (民事)', 'none'],
  ['司救行', 'other', 'other', '司法救助 (行政)', 'none'],
  ['司救赔', 'other', 'other', '司法救助 (赔偿)', 'none'],
  ['司救执', 'other', 'other', '司法救助 (执行)', 'none'],
  ['司救访', 'other', 'other', '司法救助 (涉诉信访)', 'none'],
  ['司救他', 'other', 'other', '司法救助 (其他)', 'none'],
  // 06 区际司法协助
  ['认台', 'other', 'other', '认可与执行台湾地区法院裁判或仲裁裁决审查', 'none'],
  ['认港', 'other', 'other', '认可与执行香港法院裁判或仲裁裁决审查', 'none'],
  ['认澳', 'other', 'other', '认可与执行澳门法院裁判或仲裁裁决审查', 'none'],
  ['认复', 'other', 'other', '认可与执行 复议', 'none'],
  ['认他', 'other', 'other', '认可与执行 其他', 'none'],
  ['请台送', 'other', 'other', '请求台湾地区送达文书', 'none'],
  ['请港送', 'other', 'other', '请求香港送达文书', 'none'],
  ['请澳送', 'other', 'other', '请求澳门送达文书', 'none'],
  ['台请送', 'other', 'other', '台湾地区请求送达文书', 'none'],
  ['港请送', 'other', 'other', '香港请求送达文书', 'none'],
  ['澳请送', 'other', 'other', '澳门请求送达文书', 'none'],
  ['请台调', 'other', 'other', '请求台湾地区调查取证', 'none'],
  ['请港调', 'other', 'other', '请求香港调查取证', 'none'],
  ['请澳调', 'other', 'other', '请求澳门调查取证', 'none'],
  ['台请调', 'other', 'other', '台湾地区请求调查取证', 'none'],
  ['港请调', 'other', 'other', '香港请求调查取证', 'none'],
  ['澳请调', 'other', 'other', '澳门请求调查取证', 'none'],
  ['请移管', 'other', 'other', '请求移管被判刑人 (台湾地区)', 'none'],
  ['助移管', 'other', 'other', '协助移管被判刑人 (台湾地区)', 'none'],
  ['请移赃', 'other', 'other', '请求罪赃移交 (台湾地区)', 'none'],
  ['助移赃', 'other', 'other', '协助罪赃移交 (台湾地区)', 'none'],
  // 07 国际司法协助
  ['协外认', 'other', 'other', '承认与执行外国法院裁判 / 国外仲裁裁决 审查', 'none'],
  ['协他', 'other', 'other', '国际司法协助 其他', 'none'],
  ['协外送', 'other', 'other', '外国请求送达', 'none'],
  ['请外送', 'other', 'other', '请求外国送达', 'none'],
  ['协外调', 'other', 'other', '外国请求调查取证', 'none'],
  ['请外调', 'other', 'other', '请求外国调查取证', 'none'],
  ['请外移', 'other', 'other', '请求外国移管被判刑人', 'none'],
  ['协外移', 'other', 'other', '协助外国移管被判刑人', 'none'],
  ['请外引', 'other', 'other', '请求外国引渡', 'none'],
  ['协外引', 'other', 'other', '协助外国引渡', 'none'],
  // 08 司法制裁
  ['司惩', 'other', 'special', '司法拘留、司法罚款 审查', 'none'],
  ['司惩复', 'other', 'special', '司法拘留、司法罚款 复议', 'C15'],
  // 09 非诉保全审查
  ['财保', 'civil', 'preservation', '非诉财产保全审查 (诉前 / 仲裁前)', 'C12'],
  ['行保', 'civil', 'preservation', '非诉行为保全审查 (行 = 行为)', 'C12'],
  ['行保复', 'civil', 'preservation', '非诉行为保全 复议', 'none'],
  ['证保', 'civil', 'preservation', '非诉证据保全审查', 'none'],
  // 10 执行
  ['执', 'enforcement', 'enforcement', '首次执行', 'E1/E2', '', ['ordinary', 'non-litigation']],
  ['执恢', 'enforcement', 'enforcement', '恢复执行', 'E1', 'ordinary'],
  ['执保', 'enforcement', 'enforcement', '财产保全执行', 'none'],
  ['执异', 'enforcement', 'enforcement', '执行异议', 'E4'],
  ['执复', 'enforcement', 'enforcement', '执行复议', 'E5'],
  ['执监', 'enforcement', 'enforcement', '执行监督', 'none'],
  ['执协', 'enforcement', 'enforcement', '执行协调', 'none'],
  ['执他', 'enforcement', 'enforcement', '其他执行', 'none'],
  // 11 强制清算与破产
  ['清申', 'civil', 'special', '强制清算申请审查', 'none'],
  ['破申', 'civil', 'special', '破产申请审查', '15d'],
  ['清终', 'civil', 'second', '强制清算 上诉', 'C5', 'second-ruling'],
  ['破终', 'civil', 'second', '破产 上诉', 'C5', 'second-ruling'],
  ['清监', 'civil', 'other', '强制清算 监督', 'none'],
  ['破监', 'civil', 'other', '破产 监督', 'none'],
  ['强清', 'civil', 'special', '强制清算', 'none'],
  ['破', 'civil', 'special', '破产清算、重整、和解', 'none'],
];

export const DEFAULT_CASE_TYPES: CaseType[] = ROWS.map(([code, category, stage, meaning, periods, procedure, procedures]) => ({
  code, category, stage, meaning, periods,
  ...(procedure ? { procedure } : {}),
  ...(procedures ? { procedures } : procedure ? { procedures: [procedure] } : {}),
  tag: 'P' as const,
}));

/**
 * §1.5 aliases: older or local codes mapped to a current code for classification; the original text is kept in
 * `CaseNumber.typeCode`. 民破/民算 [P] seen; the rest are local aliases [G] and belong in configuration.
 */
export const CaseTypeAliasSchema = z.object({ alias: z.string().min(1), code: z.string().min(1), tag: z.enum(['S', 'P', 'G']), note: z.string().optional() });
export type CaseTypeAlias = z.infer<typeof CaseTypeAliasSchema>;
export const DEFAULT_CASE_TYPE_ALIASES: CaseTypeAlias[] = [
  { alias: '民破', code: '破', tag: 'P', note: '旧代字：破产' },
  { alias: '民算', code: '强清', tag: 'P', note: '旧代字：强制清算' },
  { alias: '民提', code: '民再', tag: 'G', note: '地方代字：提审' },
  { alias: '行提', code: '行再', tag: 'G', note: '地方代字：提审' },
  { alias: '刑一复', code: '刑核', tag: 'G', note: '地方代字' },
  { alias: '刑二复', code: '刑核', tag: 'G', note: '地方代字' },
  { alias: '诉保', code: '财保', tag: 'G', note: '诉讼中保全（地方用法）' },
  // Pre-2016 `…字第…号` forms write type codes with a division number (刑一初, 刑二终) or 重 (retrial after remand).
  { alias: '刑一初', code: '刑初', tag: 'G' }, { alias: '刑二初', code: '刑初', tag: 'G' }, { alias: '刑三初', code: '刑初', tag: 'G' },
  { alias: '刑一终', code: '刑终', tag: 'G' }, { alias: '刑二终', code: '刑终', tag: 'G' }, { alias: '刑三终', code: '刑终', tag: 'G' },
  { alias: '刑重', code: '刑初', tag: 'G', note: '发回重审后重新审理' },
  { alias: '刑重初', code: '刑初', tag: 'G' },
  { alias: '刑初少', code: '刑初', tag: 'G', note: '少年庭' }, { alias: '少刑初', code: '刑初', tag: 'G' },
  { alias: '刑公初', code: '刑初', tag: 'G' },
  { alias: '商初', code: '民初', tag: 'G' }, { alias: '商终', code: '民终', tag: 'G' },
  { alias: '民一初', code: '民初', tag: 'G' }, { alias: '民二初', code: '民初', tag: 'G' }, { alias: '民一终', code: '民终', tag: 'G' }, { alias: '民二终', code: '民终', tag: 'G' },
  { alias: '执字', code: '执', tag: 'G' },
];

/** §1.3 高院代字 [G, verify against the 代字表] */
export const PROVINCE_CODES: Record<string, string> = {
  京: '北京', 津: '天津', 冀: '河北', 晋: '山西', 内: '内蒙古', 辽: '辽宁', 吉: '吉林', 黑: '黑龙江', 沪: '上海', 苏: '江苏',
  浙: '浙江', 皖: '安徽', 闽: '福建', 赣: '江西', 鲁: '山东', 豫: '河南', 鄂: '湖北', 湘: '湖南', 粤: '广东', 桂: '广西',
  琼: '海南', 渝: '重庆', 川: '四川', 黔: '贵州', 云: '云南', 藏: '西藏', 陕: '陕西', 甘: '甘肃', 青: '青海', 宁: '宁夏',
  新: '新疆', 兵: '新疆生产建设兵团分院', 军: '中国人民解放军军事法院',
};

/** Specialised / cross-region 中级法院 digit range (§1.3, 2018 revision) [P] */
export const SPECIALISED_COURT_DIGITS = { min: 71, max: 99 } as const;

export const CaseTypeTableSchema = z.object({ types: z.array(CaseTypeSchema), aliases: z.array(CaseTypeAliasSchema) });
export type CaseTypeTable = z.infer<typeof CaseTypeTableSchema>;
export const DEFAULT_CASE_TYPE_TABLE: CaseTypeTable = { types: DEFAULT_CASE_TYPES, aliases: DEFAULT_CASE_TYPE_ALIASES };
