// The demo court system's sample 案例库 corpus, served at GET /api/corpus.jsonl (人民法院案例库 entry format, Chinese
// keys, one JSON object per line). Generated deterministically from (seed, today): a few hundred entries across tiers
// ①–④, civil, criminal and administrative, each with 入库编号, 案号, 法院, 裁判日期, 基本案情, 裁判理由, 裁判要旨, 关联索引 and
// 法条. Dates are relative to the demo's "today" so the 3-year window always splits the corpus. Synthetic text, not
// real cases.
import { addDays } from '../../utils/domain/dates';
import { mulberry32 } from './seed';

interface Scenario {
  cause: string;
  kind: 'civil' | 'criminal' | 'administrative';
  code: string; // 案件类型代字 of the 案号 (一审 / 二审)
  facts: string[]; // templates: {A} {B} {amt} {n}
  issues: string[];
  gists: string[];
  statutes: string[];
  keywords: string[];
}

const S: Scenario[] = [
  { cause: '民间借贷纠纷', kind: 'civil', code: '民', facts: [
    '{A}向{B}出借款项{amt}元，双方签订借条约定月利率1.5%，借款到期后{B}仅归还利息，本金经多次催收未还。{A}诉请{B}偿还借款本金及逾期利息。',
    '{A}通过银行转账向{B}交付借款{amt}元，未签订书面借款合同，{B}辩称该款项系合伙投资款而非借款。双方对款项性质发生争议。',
    '{B}以经营周转为由向{A}借款{amt}元，由{C}提供连带责任保证。借款逾期后{A}起诉{B}及保证人{C}共同还款。'],
    issues: ['借贷关系是否成立', '利息约定是否超过法定上限', '保证人是否承担连带责任'],
    gists: ['出借人仅提供转账凭证，借款人抗辩系其他法律关系的，借款人应对其主张提供证据；不能证明的，应认定借贷关系成立。',
      '借贷双方约定的利率超过合同成立时一年期贷款市场报价利率四倍的，超过部分的利息不予支持。'],
    statutes: ['《中华人民共和国民法典》第六百六十七条', '《中华人民共和国民法典》第六百七十五条', '《中华人民共和国民法典》第六百八十条'],
    keywords: ['民事', '民间借贷', '借贷关系', '利息', '举证责任'] },
  { cause: '买卖合同纠纷', kind: 'civil', code: '民', facts: [
    '{A}向{B}供应建材货物，双方对账确认尚欠货款{amt}元，{B}以货物质量不合格为由拒付。{A}诉请支付货款及逾期付款损失。',
    '{A}与{B}签订设备买卖合同，约定总价{amt}元分期付款，{B}支付首期款后设备出现故障，双方就是否解除合同发生争议。'],
    issues: ['买受人质量异议是否超过检验期限', '逾期付款损失如何计算', '合同是否应当解除'],
    gists: ['买受人在约定或者合理的检验期限内未通知出卖人质量异议的，视为标的物的数量或者质量符合约定。',
      '分期付款的买受人未支付到期价款的数额达到全部价款的五分之一，经催告后在合理期限内仍未支付的，出卖人可以请求支付全部价款或者解除合同。'],
    statutes: ['《中华人民共和国民法典》第六百二十一条', '《中华人民共和国民法典》第六百二十六条', '《中华人民共和国民法典》第六百三十四条'],
    keywords: ['民事', '买卖合同', '质量异议', '检验期限', '货款'] },
  { cause: '机动车交通事故责任纠纷', kind: 'civil', code: '民', facts: [
    '{B}驾驶小型轿车与骑电动自行车的{A}相撞，致{A}受伤住院{n}天，交警认定{B}负主要责任。{A}诉请{B}及保险公司赔偿医疗费、误工费等共计{amt}元。',
    '{B}驾驶货车在高速公路追尾{A}车辆，致车辆损坏，{A}主张车辆贬值损失及停运损失{amt}元，保险公司以超出保险责任为由抗辩。'],
    issues: ['交强险与商业三者险的赔偿顺序', '误工费与护理费的计算标准', '车辆贬值损失是否应予支持'],
    gists: ['机动车发生交通事故造成损害，先由承保交强险的保险人在责任限额内赔偿，不足部分由商业三者险保险人按照约定赔偿。',
      '车辆贬值损失一般不属于交通事故直接财产损失，当事人主张的，原则上不予支持。'],
    statutes: ['《中华人民共和国民法典》第一千二百零八条', '《中华人民共和国民法典》第一千二百一十三条', '《中华人民共和国道路交通安全法》第七十六条'],
    keywords: ['民事', '交通事故', '交强险', '人身损害赔偿'] },
  { cause: '劳动争议', kind: 'civil', code: '民', facts: [
    '{A}在{B}处工作{n}个月，双方未签订书面劳动合同，{B}以{A}严重违反规章制度为由解除劳动关系。{A}诉请支付未签劳动合同二倍工资差额及违法解除赔偿金{amt}元。',
    '{A}在工作中受伤后被认定为工伤，{B}未缴纳工伤保险费，{A}诉请{B}支付一次性伤残补助金等工伤保险待遇{amt}元。'],
    issues: ['劳动关系是否成立', '解除劳动合同是否合法', '二倍工资差额的计算期间'],
    gists: ['用人单位以劳动者严重违反规章制度为由解除劳动合同的，应对规章制度经民主程序制定并已向劳动者公示承担举证责任。',
      '用人单位未依法缴纳工伤保险费，劳动者发生工伤的，由用人单位按照工伤保险待遇项目和标准支付费用。'],
    statutes: ['《中华人民共和国劳动合同法》第三十九条', '《中华人民共和国劳动合同法》第八十二条', '《中华人民共和国劳动合同法》第八十七条'],
    keywords: ['民事', '劳动争议', '违法解除', '二倍工资', '工伤'] },
  { cause: '离婚纠纷', kind: 'civil', code: '民', facts: [
    '{A}与{B}登记结婚后育有一子，婚后因家庭琐事经常争吵，已分居{n}个月。{A}诉请离婚，要求抚养子女并分割夫妻共同财产房产一套及存款{amt}元。',
    '{A}以{B}婚后长期赌博、不履行家庭义务为由诉请离婚，{B}不同意离婚，主张夫妻感情尚未破裂。'],
    issues: ['夫妻感情是否确已破裂', '子女抚养权归属', '夫妻共同财产的分割'],
    gists: ['夫妻因感情不和分居满二年，或者有赌博、吸毒等恶习屡教不改的，调解无效，应当准予离婚。'],
    statutes: ['《中华人民共和国民法典》第一千零七十九条', '《中华人民共和国民法典》第一千零八十四条', '《中华人民共和国民法典》第一千零八十七条'],
    keywords: ['民事', '离婚', '感情破裂', '子女抚养', '财产分割'] },
  { cause: '物业服务合同纠纷', kind: 'civil', code: '民', facts: [
    '{A}物业公司为小区提供物业服务，业主{B}以电梯长期故障、公共区域卫生差为由拒交物业费{n}个月共计{amt}元，{A}诉请支付物业费及违约金。'],
    issues: ['物业服务是否存在瑕疵', '业主能否以服务瑕疵为由拒交物业费'],
    gists: ['业主以物业服务存在一般瑕疵为由拒绝交纳物业费的，不予支持；物业服务企业确有违约的，可以相应减少物业费。'],
    statutes: ['《中华人民共和国民法典》第九百三十七条', '《中华人民共和国民法典》第九百四十四条'],
    keywords: ['民事', '物业服务', '物业费', '服务瑕疵'] },
  { cause: '金融借款合同纠纷', kind: 'civil', code: '民', facts: [
    '{B}向{A}银行借款{amt}元并以其名下房产提供抵押担保，办理了抵押登记。{B}连续逾期还款，{A}宣布贷款提前到期并诉请实现抵押权。'],
    issues: ['贷款提前到期是否有效', '抵押权能否实现', '罚息与复利的计算'],
    gists: ['借款人未按约定期限返还借款，贷款人依约宣布贷款提前到期的，可以请求借款人偿还全部借款本息并就抵押物优先受偿。'],
    statutes: ['《中华人民共和国民法典》第六百七十四条', '《中华人民共和国民法典》第六百七十六条', '《中华人民共和国民法典》第三百九十四条'],
    keywords: ['民事', '金融借款', '抵押权', '提前到期'] },
  { cause: '建设工程施工合同纠纷', kind: 'civil', code: '民', facts: [
    '{A}作为实际施工人承建{B}发包的厂房工程，工程竣工验收合格后{B}尚欠工程款{amt}元。{A}诉请发包人在欠付工程款范围内承担责任，并主张工程价款优先受偿权。'],
    issues: ['实际施工人能否向发包人主张工程款', '建设工程价款优先受偿权的行使期限', '工程款利息起算时间'],
    gists: ['实际施工人以发包人为被告主张权利的，发包人只在欠付建设工程价款范围内对实际施工人承担责任。'],
    statutes: ['《中华人民共和国民法典》第七百九十三条', '《中华人民共和国民法典》第八百零七条'],
    keywords: ['民事', '建设工程', '实际施工人', '优先受偿权'] },
  { cause: '房屋租赁合同纠纷', kind: 'civil', code: '民', facts: [
    '{A}将商铺出租给{B}经营餐饮，租期五年，{B}拖欠租金{n}个月共计{amt}元后搬离，{A}诉请解除合同、支付欠付租金及违约金。'],
    issues: ['租赁合同是否解除', '违约金是否过高'],
    gists: ['承租人无正当理由未支付租金，经出租人催告在合理期限内仍不支付的，出租人可以解除合同；约定的违约金过分高于损失的，可以适当减少。'],
    statutes: ['《中华人民共和国民法典》第七百二十二条', '《中华人民共和国民法典》第五百八十五条'],
    keywords: ['民事', '房屋租赁', '租金', '违约金调整'] },
  { cause: '盗窃罪', kind: 'criminal', code: '刑', facts: [
    '被告人{B}于某日凌晨翻墙入户，窃取被害人{A}家中现金及金首饰，经鉴定价值{amt}元。案发后被告人退赔全部损失并取得谅解。',
    '被告人{B}多次在公交车上扒窃他人手机，共计{n}次，涉案财物价值{amt}元，到案后如实供述。'],
    issues: ['是否构成入户盗窃', '扒窃的认定', '退赔谅解对量刑的影响'],
    gists: ['为实施盗窃非法进入供他人家庭生活、与外界相对隔离的住所的，应当认定为入户盗窃，不以数额较大为构成要件。',
      '在公共场所或者公共交通工具上盗窃他人随身携带的财物的，应当认定为扒窃。'],
    statutes: ['《中华人民共和国刑法》第二百六十四条', '《中华人民共和国刑法》第六十七条第三款'],
    keywords: ['刑事', '盗窃', '入户盗窃', '扒窃', '退赔'] },
  { cause: '诈骗罪', kind: 'criminal', code: '刑', facts: [
    '被告人{B}冒充军人身份通过婚恋网站结识被害人{A}，以生病住院、投资等理由骗取{A}钱款共计{amt}元，用于个人挥霍。',
    '被告人{B}伙同他人设立虚假投资平台，以高额返利为诱饵骗取{n}名被害人资金{amt}元。'],
    issues: ['非法占有目的的认定', '诈骗数额的计算', '共同犯罪中主从犯的区分'],
    gists: ['以非法占有为目的，虚构事实、隐瞒真相，骗取他人财物数额较大的，构成诈骗罪；诈骗数额以行为人实际骗取的数额认定。'],
    statutes: ['《中华人民共和国刑法》第二百六十六条', '《中华人民共和国刑法》第二十五条'],
    keywords: ['刑事', '诈骗', '非法占有目的', '电信网络诈骗'] },
  { cause: '危险驾驶罪', kind: 'criminal', code: '刑', facts: [
    '被告人{B}饮酒后驾驶小型轿车在城市道路行驶，被交警查获，经检验其血液酒精含量为{n}mg/100ml，属醉酒驾驶机动车。'],
    issues: ['醉驾情节轻微能否不起诉或免予刑事处罚', '缓刑的适用'],
    gists: ['醉酒驾驶机动车，血液酒精含量较低、未造成实际危害且认罪认罚的，可以认定为情节显著轻微。'],
    statutes: ['《中华人民共和国刑法》第一百三十三条之一'],
    keywords: ['刑事', '危险驾驶', '醉驾', '认罪认罚'] },
  { cause: '故意伤害罪', kind: 'criminal', code: '刑', facts: [
    '被告人{B}与被害人{A}因琐事发生争执，{B}持木棒击打{A}头部，致{A}轻伤一级。案发后{B}赔偿{amt}元取得谅解。',
    '被告人{B}在酒后与{A}互殴过程中将{A}打成重伤二级，{B}辩称系正当防卫。'],
    issues: ['是否构成正当防卫', '伤情鉴定结论的采信', '赔偿谅解的量刑影响'],
    gists: ['双方因琐事引发冲突、互相斗殴的，一般不认定为正当防卫；但一方明显处于被动、为制止不法侵害而反击的，应当依法认定防卫性质。'],
    statutes: ['《中华人民共和国刑法》第二百三十四条', '《中华人民共和国刑法》第二十条'],
    keywords: ['刑事', '故意伤害', '正当防卫', '轻伤'] },
  { cause: '帮助信息网络犯罪活动罪', kind: 'criminal', code: '刑', facts: [
    '被告人{B}明知他人利用信息网络实施犯罪，仍将本人名下{n}张银行卡出租给他人使用，卡内流水达{amt}元，获利数千元。'],
    issues: ['主观明知的认定', '帮信罪与掩饰隐瞒犯罪所得罪的区分'],
    gists: ['出租、出售银行卡供他人用于信息网络犯罪支付结算，支付结算金额二十万元以上的，应当认定为情节严重。'],
    statutes: ['《中华人民共和国刑法》第二百八十七条之二'],
    keywords: ['刑事', '帮信', '银行卡', '主观明知'] },
  { cause: '走私、贩卖、运输、制造毒品罪', kind: 'criminal', code: '刑', facts: [
    '被告人{B}在宾馆内向吸毒人员贩卖甲基苯丙胺{n}克，收取毒资{amt}元，民警在其住处查获毒品可疑物若干。'],
    issues: ['贩卖毒品数量的认定', '毒品再犯的认定'],
    gists: ['贩卖毒品的，无论数量多少，都应当追究刑事责任；查获的毒品应当计入贩卖毒品的数量。'],
    statutes: ['《中华人民共和国刑法》第三百四十七条', '《中华人民共和国刑法》第三百五十六条'],
    keywords: ['刑事', '贩卖毒品', '甲基苯丙胺', '毒品再犯'] },
  { cause: '工伤认定', kind: 'administrative', code: '行', facts: [
    '{A}在下班途中发生非本人主要责任的交通事故受伤，向人力资源和社会保障局申请工伤认定，该局作出不予认定工伤决定，{A}诉请撤销。'],
    issues: ['上下班途中的认定', '非本人主要责任的证明'],
    gists: ['职工在合理时间内经合理路线往返工作地与居住地途中，受到非本人主要责任的交通事故伤害的，应当认定为工伤。'],
    statutes: ['《工伤保险条例》第十四条'],
    keywords: ['行政', '工伤认定', '上下班途中'] },
  { cause: '政府信息公开', kind: 'administrative', code: '行', facts: [
    '{A}向区人民政府申请公开房屋征收补偿方案及相关会议纪要，被告以属于内部事务信息为由不予公开，{A}诉请撤销答复并责令公开。'],
    issues: ['申请公开的信息是否属于内部事务信息', '不予公开答复是否说明理由'],
    gists: ['行政机关以内部事务信息为由不予公开的，应当对该信息不对外产生法律效力作出说明；征收补偿方案属于应当主动公开的信息。'],
    statutes: ['《中华人民共和国政府信息公开条例》第十六条', '《中华人民共和国政府信息公开条例》第三十六条'],
    keywords: ['行政', '政府信息公开', '内部事务信息'] },
];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾'.split('');
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚'.split('');
const COMPANIES = ['重庆某建材有限公司', '某银行股份有限公司重庆分行', '重庆某物业管理有限公司', '某建设工程有限公司', '某商贸有限公司'];
const PROVINCES: Array<[string, string]> = [['渝', '重庆市'], ['川', '四川省'], ['黔', '贵州省'], ['湘', '湖南省']];

export const CORPUS_SEED = 20240227;
/** Entries per scenario (about 17 × 18 ≈ 300 entries). */
export const PER_SCENARIO = 18;

export interface DemoCorpusOptions {
  today: string; // YYYY-MM-DD, the demo's today
  seed?: number;
  perScenario?: number;
}

/** The corpus as objects with 人民法院案例库 keys (标题, 副标题, 关键词, 基本案情, 裁判理由, 裁判要旨, 关联索引, …). */
export function generateCorpus(opts: DemoCorpusOptions): Array<Record<string, unknown>> {
  const rnd = mulberry32(opts.seed ?? CORPUS_SEED);
  const pick = <T,>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const person = () => pick(SURNAMES) + pick(GIVEN) + (rnd() < 0.5 ? pick(GIVEN) : '');
  const out: Array<Record<string, unknown>> = [];
  let guiding = 100;
  S.forEach((sc, si) => {
    const n = opts.perScenario ?? PER_SCENARIO;
    for (let i = 0; i < n; i++) {
      const r = rnd();
      const tier = i === 0 && si % 3 === 0 ? 1 : r < 0.15 ? 2 : r < 0.4 ? 3 : 4;
      const date = addDays(opts.today, -int(30, 365 * 7));
      const year = Number(date.slice(0, 4));
      const [prov, provName] = tier === 3 ? pick(PROVINCES) : PROVINCES[0];
      let court: string;
      let caseNo: string;
      const seq = int(10, 9999);
      if (tier === 1 || tier === 2) {
        court = '最高人民法院';
        caseNo = `(${year})最高法${sc.code}${sc.kind === 'criminal' ? '终' : '再'}${seq}号`;
      } else if (tier === 3) {
        court = `${provName}高级人民法院`;
        caseNo = `(${year})${prov}${sc.code}终${seq}号`;
      } else if (rnd() < 0.5) {
        court = '重庆市第一中级人民法院';
        caseNo = `(${year})渝01${sc.code}终${seq}号`;
      } else {
        court = '重庆市九龙坡区人民法院';
        caseNo = `(${year})渝0107${sc.code}初${seq}号`;
      }
      const A = sc.kind === 'civil' && rnd() < 0.3 ? pick(COMPANIES) : person();
      const B = person();
      const C = person();
      const amt = (int(2, 300) * 1000).toLocaleString('en-US');
      const facts = pick(sc.facts).replace(/\{A\}/g, A).replace(/\{B\}/g, B).replace(/\{C\}/g, C).replace(/\{amt\}/g, amt).replace(/\{n\}/g, String(int(2, 36)));
      const issue = pick(sc.issues);
      const gist = pick(sc.gists);
      const statutes = sc.statutes.filter((_, k) => k === 0 || rnd() < 0.6);
      const typeNo = sc.kind === 'criminal' ? 1 : sc.kind === 'civil' ? 2 : 3;
      const entryNo = `${year}-${String(int(1, 18)).padStart(2, '0')}-${typeNo}-${String(100 + si).padStart(3, '0')}-${String(i + 1).padStart(3, '0')}`;
      const title = tier === 1
        ? `指导案例${guiding}号：${B}${sc.kind === 'criminal' ? sc.cause.replace(/罪$/, '') + '案' : `与${A}${sc.cause}案`}`
        : `${sc.kind === 'criminal' ? `${B}${sc.cause.replace(/罪$/, '')}案` : `${A}诉${B}${sc.cause}案`}`;
      out.push({
        入库编号: entryNo,
        标题: title,
        副标题: `——${issue}`,
        关键词: sc.keywords,
        基本案情: facts,
        裁判理由: `法院生效裁判认为：本案争议焦点为${issue}。${gist}结合本案证据，${sc.kind === 'criminal' ? '被告人的行为符合' + sc.cause + '的构成要件' : '原审认定事实清楚'}，依法作出如上裁判。`,
        裁判要旨: gist,
        关联索引: statutes.join('；'),
        案号: caseNo,
        法院: court,
        裁判日期: date,
        层级: tier,
        案例类型: tier === 1 ? '指导性案例' : '参考案例',
        ...(sc.kind === 'criminal' ? { 罪名: [sc.cause] } : { 案由: sc.cause }),
        法条: statutes,
        审委会讨论: rnd() < 0.2,
      });
      if (tier === 1) guiding += int(1, 9);
    }
  });
  return out;
}

/** JSON lines, one entry per line. */
export function corpusJsonl(opts: DemoCorpusOptions): string {
  return generateCorpus(opts).map((e) => JSON.stringify(e)).join('\n') + '\n';
}
