// Deterministic generator of the demo court's cases: same seed + today → identical output.
import type { CaseEvent, Category, Procedure } from '../../utils/domain/case';
import { addDays, addMonths, diffDays, fromDayNumber, toDayNumber } from '../../utils/domain/dates';
import { PRESIDENT, USERS, type HostCase, type HostDocument, type HostParty } from './model';

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  private r: () => number;
  constructor(seed: number) { this.r = mulberry32(seed); }
  next(): number { return this.r(); }
  int(a: number, b: number): number { return a + Math.floor(this.r() * (b - a + 1)); }
  chance(p: number): boolean { return this.r() < p; }
  pick<T>(arr: readonly T[]): T { return arr[Math.floor(this.r() * arr.length)]; }
}

interface Spec {
  category: Category;
  procedure: Procedure;
  code: string;
  court: '渝0107' | '渝01';
  weight: number;
  base: { m: number; d: number };
  ext?: { m?: number; d?: number; by: 'president' | 'upper' | 'high' };
}

const SPECS: Spec[] = [
  { category: 'civil', procedure: 'ordinary', code: '民初', court: '渝0107', weight: 14, base: { m: 6, d: 0 }, ext: { m: 6, by: 'president' } },
  { category: 'civil', procedure: 'simple', code: '民初', court: '渝0107', weight: 20, base: { m: 3, d: 0 }, ext: { m: 1, by: 'president' } },
  { category: 'civil', procedure: 'small-claims', code: '民初', court: '渝0107', weight: 6, base: { m: 2, d: 0 }, ext: { m: 1, by: 'president' } },
  { category: 'civil', procedure: 'second-judgment', code: '民终', court: '渝01', weight: 5, base: { m: 3, d: 0 }, ext: { m: 3, by: 'president' } },
  { category: 'civil', procedure: 'second-ruling', code: '民终', court: '渝01', weight: 2, base: { m: 0, d: 30 }, ext: { d: 30, by: 'president' } },
  { category: 'civil', procedure: 'special', code: '民特', court: '渝0107', weight: 3, base: { m: 0, d: 30 }, ext: { d: 30, by: 'president' } },
  { category: 'civil', procedure: 'retrial-review', code: '民申', court: '渝01', weight: 2, base: { m: 3, d: 0 }, ext: { m: 3, by: 'president' } },
  { category: 'civil', procedure: 'foreign', code: '民初', court: '渝0107', weight: 1.5, base: { m: 8, d: 0 } },
  { category: 'criminal', procedure: 'public-ordinary', code: '刑初', court: '渝0107', weight: 7, base: { m: 2, d: 0 }, ext: { m: 1, by: 'president' } },
  { category: 'criminal', procedure: 'private-detained', code: '刑初', court: '渝0107', weight: 0.8, base: { m: 2, d: 0 }, ext: { m: 1, by: 'president' } },
  { category: 'criminal', procedure: 'private-free', code: '刑初', court: '渝0107', weight: 1, base: { m: 6, d: 0 }, ext: { m: 3, by: 'president' } },
  { category: 'criminal', procedure: 'simple', code: '刑初', court: '渝0107', weight: 4, base: { m: 0, d: 20 } },
  { category: 'criminal', procedure: 'simple-long', code: '刑初', court: '渝0107', weight: 2, base: { m: 1, d: 15 } },
  { category: 'criminal', procedure: 'fast-track', code: '刑初', court: '渝0107', weight: 3, base: { m: 0, d: 10 } },
  { category: 'criminal', procedure: 'fast-track-long', code: '刑初', court: '渝0107', weight: 1.5, base: { m: 0, d: 15 } },
  { category: 'criminal', procedure: 'second', code: '刑终', court: '渝01', weight: 2, base: { m: 2, d: 0 }, ext: { m: 2, by: 'high' } },
  { category: 'criminal', procedure: 'retrial', code: '刑再', court: '渝0107', weight: 0.7, base: { m: 3, d: 0 }, ext: { m: 3, by: 'president' } },
  { category: 'administrative', procedure: 'ordinary', code: '行初', court: '渝0107', weight: 3, base: { m: 6, d: 0 }, ext: { m: 3, by: 'high' } },
  { category: 'administrative', procedure: 'simple', code: '行初', court: '渝0107', weight: 1.2, base: { m: 0, d: 45 } },
  { category: 'administrative', procedure: 'second', code: '行终', court: '渝01', weight: 1.2, base: { m: 3, d: 0 }, ext: { m: 3, by: 'high' } },
  { category: 'enforcement', procedure: 'ordinary', code: '执', court: '渝0107', weight: 16, base: { m: 6, d: 0 }, ext: { m: 3, by: 'president' } },
  { category: 'enforcement', procedure: 'non-litigation', code: '执', court: '渝0107', weight: 3, base: { m: 3, d: 0 }, ext: { m: 3, by: 'president' } },
  { category: 'compensation', procedure: 'decision', code: '委赔', court: '渝01', weight: 0.8, base: { m: 3, d: 0 }, ext: { m: 3, by: 'president' } },
];

const COURT_NAMES = { 渝0107: '重庆市九龙坡区人民法院', 渝01: '重庆市第一中级人民法院' } as const;

const CIVIL1 = ['离婚纠纷', '机动车交通事故责任纠纷', '劳动争议', '继承纠纷', '物业服务合同纠纷', '生命权、身体权、健康权纠纷',
  '房屋租赁合同纠纷', '抚养费纠纷', '相邻关系纠纷', '提供劳务者受害责任纠纷', '追索劳动报酬纠纷', '医疗损害责任纠纷'];
const CIVIL2 = ['民间借贷纠纷', '买卖合同纠纷', '金融借款合同纠纷', '信用卡纠纷', '建设工程施工合同纠纷', '股权转让纠纷',
  '保证合同纠纷', '融资租赁合同纠纷', '商品房预售合同纠纷', '承揽合同纠纷', '服务合同纠纷'];
const SPECIAL = ['申请确认人民调解协议效力', '申请实现担保物权', '申请宣告公民失踪', '申请认定公民无民事行为能力', '申请撤销仲裁裁决'];
const CRIMES = ['盗窃罪', '危险驾驶罪', '诈骗罪', '故意伤害罪', '帮助信息网络犯罪活动罪', '掩饰、隐瞒犯罪所得罪', '交通肇事罪',
  '走私、贩卖、运输、制造毒品罪', '寻衅滋事罪', '开设赌场罪', '合同诈骗罪', '非法吸收公众存款罪', '抢劫罪', '容留他人吸毒罪'];
const PRIVATE_CRIMES = ['侮辱罪', '诽谤罪', '侵占罪', '故意伤害罪'];
const ADMIN = ['工伤认定', '行政处罚', '政府信息公开', '房屋征收补偿决定', '行政强制', '不动产登记', '行政复议'];
const NONLIT = ['申请执行行政处罚决定', '申请执行社会保险费征缴决定', '申请执行责令限期拆除决定'];
const COMP = ['刑事赔偿', '错误羁押赔偿', '非刑事司法赔偿'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文'.split('');
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥兰飞鹏辉建国志文晓东海波宇浩然欣怡俊峰雪梅婷丹亮斌林春燕云龙小红'.split('');
const REGIONS = ['九龙', '渝州', '巴渝', '山城', '嘉陵', '长江', '西部', '华岩', '杨家坪', '石桥铺', '黄桷坪', '锦鸿', '鑫源', '瑞丰'];
const INDUSTRY = ['商贸', '建筑工程', '房地产开发', '小额贷款', '物业管理', '汽车销售', '科技', '建材', '餐饮管理', '物流', '融资租赁', '实业'];
const AGENCIES = ['重庆市九龙坡区人力资源和社会保障局', '重庆市公安局九龙坡区分局', '重庆市九龙坡区人民政府', '重庆市九龙坡区市场监督管理局',
  '重庆市规划和自然资源局九龙坡区分局', '重庆市九龙坡区住房和城乡建设委员会'];
const JURORS = ['刘芳', '蒋红梅', '谭志远', '向丽', '傅德明', '黎晓'];
const POSTPONE = ['当事人申请延期开庭', '需要通知新的证人到庭', '需要重新鉴定', '当事人有正当理由没有到庭', '不可抗力'];
const SUSPEND = ['一方当事人死亡，需要等待继承人表明是否参加诉讼', '本案必须以另一案的审理结果为依据，而另一案尚未审结',
  '一方当事人因不可抗拒的事由，不能参加诉讼'];

function divisionJudges(division: string): string[] {
  return USERS.filter((u) => u.role === '法官' && u.division === division).map((u) => u.name);
}
function divisionClerk(division: string): string {
  return USERS.find((u) => u.role === '书记员' && u.division === division)!.name;
}
function divisionHead(division: string): string {
  return USERS.find((u) => u.role === '庭长' && u.division === division)!.name;
}

const CN_DIGITS = '零一二三四五六七八九';
function cnNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n];
  if (n < 20) return '十' + (n % 10 ? CN_DIGITS[n % 10] : '');
  return CN_DIGITS[Math.floor(n / 10)] + '十' + (n % 10 ? CN_DIGITS[n % 10] : '');
}

interface Draft extends Omit<HostCase, 'id' | 'caseNo'> {
  code: string;
  order: number;
}

export interface GenerateOptions { seed: number; count: number; today: string }

export function generateCases(opts: GenerateOptions): HostCase[] {
  const rng = new Rng(opts.seed);
  const today = opts.today;
  const todayN = toDayNumber(today);
  const totalWeight = SPECS.reduce((s, x) => s + x.weight, 0);
  const drafts: Draft[] = [];

  const person = () => rng.pick(SURNAMES) + rng.pick(GIVEN) + (rng.chance(0.6) ? rng.pick(GIVEN) : '');
  const company = () => `重庆${rng.pick(REGIONS)}${rng.pick(INDUSTRY)}有限公司`;
  const partyOf = (role: string, corp = 0.3): HostParty =>
    rng.chance(corp) ? { name: company(), role, type: '法人' } : { name: person(), role, type: '自然人' };

  for (let i = 0; i < opts.count; i++) {
    let spec: Spec;
    if (i < SPECS.length) spec = SPECS[i];
    else {
      let x = rng.next() * totalWeight;
      spec = SPECS[SPECS.length - 1];
      for (const s of SPECS) { if ((x -= s.weight) < 0) { spec = s; break; } }
    }
    drafts.push(makeCase(spec, i));
  }

  function makeCase(spec: Spec, order: number): Draft {
    const { category } = spec;
    let procedure: Procedure = spec.procedure;
    const filedN = todayN - rng.int(2, 4 * 365);
    const filedOn = fromDayNumber(filedN);
    // division, cause
    let division: string;
    let cause: string;
    if (category === 'civil') {
      if (procedure === 'special') { division = '民一庭'; cause = rng.pick(SPECIAL); }
      else if (rng.chance(0.5)) { division = '民一庭'; cause = rng.pick(CIVIL1); }
      else { division = '民二庭'; cause = rng.pick(CIVIL2); }
    } else if (category === 'criminal') {
      division = '刑庭';
      cause = procedure.startsWith('private') ? rng.pick(PRIVATE_CRIMES)
        : procedure === 'public-ordinary' && rng.chance(0.04) ? '组织、领导、参加黑社会性质组织罪' : rng.pick(CRIMES);
      if (procedure.startsWith('fast') || procedure.startsWith('simple')) cause = rng.pick(['危险驾驶罪', '盗窃罪', '帮助信息网络犯罪活动罪', '诈骗罪', '容留他人吸毒罪']);
    } else if (category === 'administrative') { division = '行政庭'; cause = rng.pick(ADMIN); }
    else if (category === 'enforcement') {
      division = '执行局';
      cause = procedure === 'non-litigation' ? rng.pick(NONLIT) : rng.pick([...CIVIL2, '离婚纠纷', '劳动争议', '机动车交通事故责任纠纷']);
    } else { division = '行政庭'; cause = rng.pick(COMP); }
    const judges = divisionJudges(division);
    const judge = rng.pick(judges);
    const collegial = ['ordinary', 'second-judgment', 'second-ruling', 'retrial-review', 'foreign', 'public-ordinary',
      'private-detained', 'second', 'retrial', 'decision'].includes(procedure) && category !== 'enforcement';
    const panel = collegial ? [judge, rng.pick(judges.filter((j) => j !== judge)), rng.pick(JURORS)] : [];

    // parties
    const parties: HostParty[] = [];
    const signals: string[] = [];
    let foreign = procedure === 'foreign';
    if (category === 'civil') {
      const group = procedure !== 'special' && rng.chance(0.012);
      const [r1, r2] = procedure === 'second-judgment' || procedure === 'second-ruling' ? ['上诉人', '被上诉人']
        : procedure === 'retrial-review' ? ['再审申请人', '被申请人'] : procedure === 'special' ? ['申请人', '被申请人'] : ['原告', '被告'];
      const n1 = group ? rng.int(10, 28) : rng.chance(0.2) ? 2 : 1;
      for (let k = 0; k < n1; k++) parties.push(partyOf(r1, division === '民二庭' ? 0.35 : 0.05));
      if (!(procedure === 'special' && rng.chance(0.5))) {
        const n2 = rng.chance(0.25) ? 2 : 1;
        for (let k = 0; k < n2; k++) parties.push(partyOf(r2, division === '民二庭' ? 0.6 : 0.15));
      }
      if (rng.chance(0.1) && r1 === '原告') parties.push(partyOf('第三人', 0.5));
      if (foreign) parties.push(rng.chance(0.5)
        ? { name: rng.pick(['香港', '澳门', '台湾']) + rng.pick(INDUSTRY) + (rng.chance(0.5) ? '有限公司' : '股份有限公司'), role: rng.pick([r1, r2]), type: '法人' }
        : { name: rng.pick(['JOHNSON MICHAEL', 'KIM MINJUN', 'TANAKA HIROSHI', 'MÜLLER ANNA']), role: r2, type: '自然人' });
    } else if (category === 'criminal') {
      if (procedure.startsWith('private')) parties.push(partyOf('自诉人', 0));
      if (procedure === 'second') parties.push({ name: person(), role: '上诉人（原审被告人）', type: '自然人' });
      const nd = procedure === 'public-ordinary' && cause.includes('黑社会') ? rng.int(10, 16) : rng.chance(0.15) ? rng.int(2, 3) : 1;
      for (let k = 0; k < nd; k++) parties.push({ name: person(), role: '被告人', type: '自然人' });
      if (cause.includes('黑社会')) signals.push('涉黑涉恶');
    } else if (category === 'administrative') {
      const [r1, r2] = procedure === 'second' ? ['上诉人', '被上诉人'] : ['原告', '被告'];
      parties.push(partyOf(r1, 0.2));
      parties.push({ name: rng.pick(AGENCIES), role: r2, type: '机关' });
      if (rng.chance(0.15)) parties.push(partyOf('第三人', 0.4));
    } else if (category === 'enforcement') {
      if (procedure === 'non-litigation') { parties.push({ name: rng.pick(AGENCIES), role: '申请执行人', type: '机关' }); parties.push(partyOf('被执行人', 0.4)); }
      else { parties.push(partyOf('申请执行人', 0.4)); const n = rng.chance(0.2) ? 2 : 1; for (let k = 0; k < n; k++) parties.push(partyOf('被执行人', 0.4)); }
    } else {
      parties.push(partyOf('赔偿请求人', 0));
      parties.push({ name: rng.pick(['重庆市公安局九龙坡区分局', '重庆市九龙坡区人民检察院', '重庆市九龙坡区人民法院']), role: '赔偿义务机关', type: '机关' });
    }

    // amount
    let amount: number | undefined;
    if (category === 'civil' && !['special'].includes(procedure) && !['离婚纠纷', '继承纠纷', '相邻关系纠纷'].includes(cause)) {
      amount = Math.round(Math.exp(rng.next() * 9 + 8.5)) ; // ≈ 5 千 – 4 千万
      if (procedure === 'small-claims') amount = rng.int(2000, 50000);
      if (division === '民二庭' && rng.chance(0.02)) amount = rng.int(105, 480) * 1_000_000;
      else if (division === '民二庭' && rng.chance(0.02)) amount = rng.int(51, 99) * 1_000_000;
    } else if (category === 'enforcement') amount = Math.round(Math.exp(rng.next() * 8 + 8.5));
    else if (category === 'compensation') amount = rng.int(20000, 600000);
    if (amount !== undefined && amount > 10000) amount = Math.round(amount / 100) * 100;

    // detention
    let detained: boolean | undefined;
    let detainedSince: string | undefined;
    if (category === 'criminal') {
      detained = procedure === 'private-free' ? false : procedure === 'private-detained' ? true
        : procedure.startsWith('fast') || procedure.startsWith('simple') ? rng.chance(0.6) : rng.chance(0.85);
      if (detained) detainedSince = addDays(filedOn, -rng.int(procedure.startsWith('fast') ? 5 : 30, 240));
    }

    const events: CaseEvent[] = [];
    // conversions (start procedure differs)
    let convertOn: number | undefined;
    if (category === 'civil' && procedure === 'ordinary' && rng.chance(0.3)) {
      convertOn = filedN + rng.int(20, 115); events.push({ kind: 'conversion', on: fromDayNumber(convertOn), from: 'simple', to: 'ordinary' });
    } else if (category === 'civil' && procedure === 'simple' && rng.chance(0.12)) {
      convertOn = filedN + rng.int(15, 70); events.push({ kind: 'conversion', on: fromDayNumber(convertOn), from: 'small-claims', to: 'simple' });
    } else if (category === 'administrative' && procedure === 'ordinary' && rng.chance(0.15)) {
      convertOn = filedN + rng.int(15, 60); events.push({ kind: 'conversion', on: fromDayNumber(convertOn), from: 'simple', to: 'ordinary' });
    } else if (category === 'criminal' && procedure === 'public-ordinary' && rng.chance(0.12)) {
      convertOn = filedN + rng.int(5, 25); events.push({ kind: 'conversion', on: fromDayNumber(convertOn), from: 'simple', to: 'public-ordinary' });
    } else if (category === 'criminal' && procedure === 'simple' && rng.chance(0.12)) {
      convertOn = filedN + rng.int(3, 12); events.push({ kind: 'conversion', on: fromDayNumber(convertOn), from: 'fast-track', to: 'simple' });
    }
    // restarts (criminal 补充侦查)
    let clockN = filedN;
    if (category === 'criminal' && procedure === 'public-ordinary') {
      if (convertOn) clockN = convertOn;
      if (rng.chance(0.15)) {
        const times = rng.chance(0.3) ? 2 : 1;
        for (let k = 0; k < times; k++) {
          clockN += rng.int(25, 55);
          events.push({ kind: 'restart', on: fromDayNumber(clockN), reason: '补充侦查完毕，检察院重新移送' });
        }
      }
    } else if (category === 'criminal' && convertOn) clockN = convertOn;
    if (clockN >= todayN - 1) { // restart cannot be in the future
      for (let k = events.length - 1; k >= 0; k--) if (events[k].kind === 'restart' && toDayNumber((events[k] as { on: string }).on) >= todayN) events.splice(k, 1);
      clockN = Math.min(clockN, todayN - 1);
    }
    const clock = fromDayNumber(clockN);
    const dueN = toDayNumber(addDays(addMonths(clock, spec.base.m, category === 'criminal'), spec.base.d));
    const periodDays = Math.max(10, dueN - clockN);

    // pending or closed
    const age = todayN - filedN;
    const sinceClock = todayN - clockN;
    let pending: boolean;
    if (sinceClock <= periodDays) pending = rng.chance(category === 'enforcement' ? 0.8 : 0.7);
    else if (sinceClock <= periodDays * 2) pending = rng.chance(0.25);
    else if (age <= 365) pending = rng.chance(0.08);
    else pending = rng.chance(category === 'enforcement' ? 0.06 : 0.035);
    let closedN: number | undefined;
    if (!pending) {
      const late = rng.chance(0.18);
      const dur = late ? Math.round(periodDays * (1 + rng.next() * 0.6)) + 1 : Math.max(3, Math.round(periodDays * (0.25 + rng.next() * 0.75)));
      closedN = clockN + dur;
      if (closedN >= todayN) { closedN = undefined; pending = true; }
    }
    const endN = closedN ?? todayN;
    // a conversion after the end of the case makes no sense
    for (let k = events.length - 1; k >= 0; k--) {
      const e = events[k];
      if (e.kind === 'conversion' && toDayNumber(e.on) >= endN) {
        events.splice(k, 1);
        procedure = e.from!;
      }
    }

    // extensions
    if (spec.ext && (endN - clockN > periodDays) && rng.chance(0.7)) {
      const total = endN - clockN;
      const late = rng.next();
      const onN = late < 0.08 ? dueN + rng.int(1, 20) : dueN - rng.int(2, 14);
      const appliedN = late < 0.2 ? onN - rng.int(0, 6) : onN - rng.int(8, 16);
      if (onN > clockN && onN < endN) {
        const approver = spec.ext.by === 'president' ? PRESIDENT : spec.ext.by === 'high' ? '重庆市高级人民法院' : '重庆市第一中级人民法院';
        events.push({ kind: 'extension', on: fromDayNumber(onN), appliedOn: fromDayNumber(Math.max(clockN + 1, appliedN)),
          ...(spec.ext.m ? { months: spec.ext.m } : { days: spec.ext.d }), approvedBy: approver, reason: rng.pick(['案情复杂', '需要调取新的证据', '当事人较多，送达困难', '需要进行鉴定']) });
        // second extension for very long civil / criminal cases
        if (total > periodDays * 2 && (procedure === 'ordinary' && category === 'civil' || procedure === 'public-ordinary') && rng.chance(0.6)) {
          const on2 = clockN + Math.round(periodDays * 1.9) + rng.int(-10, 5);
          if (on2 > onN && on2 < endN) events.push({ kind: 'extension', on: fromDayNumber(on2), appliedOn: fromDayNumber(on2 - rng.int(5, 15)),
            months: 3, approvedBy: category === 'civil' ? '重庆市第一中级人民法院' : '重庆市第一中级人民法院', reason: '案情重大复杂' });
        }
      }
    }
    // deductions
    const head = divisionHead(division);
    const dedReasons = category === 'civil' ? ['公告', '鉴定', '管辖异议', '和解']
      : category === 'administrative' ? ['公告', '鉴定', '管辖异议', '和解']
      : category === 'enforcement' ? ['拍卖变卖', '执行和解', '审计评估'] : category === 'criminal' ? ['精神病鉴定'] : ['公告'];
    const dedP = category === 'civil' ? (procedure === 'simple' || procedure === 'small-claims' ? 0.04 : 0.18)
      : category === 'criminal' ? 0.03 : category === 'compensation' ? 0.05 : 0.14;
    if (endN - clockN > 25 && rng.chance(dedP)) {
      const n = rng.chance(0.3) ? 2 : 1;
      let prevFrom = clockN + rng.int(5, Math.max(6, Math.min(80, endN - clockN - 15)));
      for (let k = 0; k < n; k++) {
        const reason = rng.pick(dedReasons);
        const fromN = k === 0 ? prevFrom : prevFrom + rng.int(3, 20); // second one overlaps often
        if (fromN >= endN - 1) break;
        const len = reason === '公告' ? rng.int(30, 65) : reason === '鉴定' || reason === '精神病鉴定' ? rng.int(25, 150)
          : reason === '管辖异议' ? rng.int(15, 45) : reason === '和解' ? rng.int(10, 30) : rng.int(30, 120);
        let toN: number | undefined = fromN + len;
        if (pending && rng.chance(0.22)) toN = undefined; // still open
        else if (toN >= endN) toN = endN - 1;
        if (toN !== undefined && toN <= fromN) toN = fromN + 1;
        events.push({ kind: 'deduction', reason, from: fromDayNumber(fromN), ...(toN !== undefined ? { to: fromDayNumber(toN) } : {}), approvedBy: head });
        prevFrom = fromN;
      }
    }
    // suspensions
    if (endN - clockN > 30 && rng.chance(category === 'enforcement' ? 0.06 : 0.035)) {
      const fromN = clockN + rng.int(10, Math.max(11, endN - clockN - 10));
      let toN: number | undefined = fromN + rng.int(20, 200);
      if (pending && rng.chance(0.5)) toN = undefined;
      else if (toN >= endN) toN = endN - 1;
      if (toN !== undefined && toN <= fromN) toN = fromN + 1;
      if (fromN < endN) events.push({ kind: 'suspension', from: fromDayNumber(fromN), ...(toN !== undefined ? { to: fromDayNumber(toN) } : {}),
        reason: category === 'enforcement' ? '申请人表示可以延期执行' : rng.pick(SUSPEND) });
    }
    // hearings
    const hearingProc = !['special', 'retrial-review'].includes(procedure) && category !== 'enforcement' && category !== 'compensation';
    if (hearingProc && endN - clockN > 3) {
      const n = rng.int(1, procedure === 'ordinary' || procedure === 'public-ordinary' ? 3 : 1);
      let h = clockN + Math.min(rng.int(3, 40), Math.max(1, endN - clockN - 2));
      for (let k = 0; k < n && h < endN && h <= todayN; k++) {
        const postponed = k < n - 1 && rng.chance(0.25);
        events.push({ kind: 'hearing', on: fromDayNumber(h), ...(postponed ? { postponed: true, reason: rng.pick(POSTPONE) } : {}) });
        h += rng.int(7, 45);
      }
    }
    events.sort((a, b) => evDate(a).localeCompare(evDate(b)));

    // closing
    let closeMethod: string | undefined;
    if (closedN !== undefined) {
      closeMethod = category === 'civil'
        ? procedure.startsWith('second') ? rng.pick(['维持原判', '维持原判', '改判', '发回重审', '准许撤回上诉', '调解'])
          : procedure === 'retrial-review' ? rng.pick(['驳回再审申请', '驳回再审申请', '裁定']) : procedure === 'special' ? '裁定'
          : rng.pick(['判决', '判决', '判决', '调解', '调解', '撤诉', '撤诉', '按撤诉处理', '驳回起诉'])
        : category === 'criminal' ? (procedure === 'second' ? rng.pick(['维持原判', '改判', '发回重审']) : rng.pick(['判决', '判决', '判决', '判决', '裁定']))
        : category === 'administrative' ? rng.pick(['判决', '判决', '裁定', '撤诉', '驳回起诉'])
        : category === 'enforcement' ? rng.pick(['执行完毕', '执行完毕', '终结本次执行程序', '终结本次执行程序', '终结执行'])
        : '决定';
    }
    let status: HostCase['status'] = closedN === undefined ? 'pending' : 'closed';
    let archivedOn: string | undefined;
    if (closedN !== undefined && rng.chance(0.75)) {
      const a = closedN + rng.int(15, 120);
      if (a < todayN) { archivedOn = fromDayNumber(a); status = 'archived'; }
    }
    // signals
    if (rng.chance(0.012)) signals.push('投诉');
    if (category === 'civil' && procedure === 'ordinary' && rng.chance(0.04)) signals.push('发回重审');
    if (rng.chance(0.005)) signals.push('上级督办');
    if (rng.chance(0.005)) signals.push('人大代表关注');
    if (procedure === 'retrial' || (category === 'civil' && procedure === 'ordinary' && rng.chance(0.01))) signals.push('指令再审');

    const d: Draft = {
      code: spec.code, order, court: spec.court, courtName: COURT_NAMES[spec.court], cause, category, procedure, filedOn,
      status, judge, division, panel, clerk: divisionClerk(division), foreign, parties, events, documents: [], signals,
    };
    if (closedN !== undefined) { d.closedOn = fromDayNumber(closedN); d.closeMethod = closeMethod; }
    if (archivedOn) d.archivedOn = archivedOn;
    if (detained !== undefined) d.detained = detained;
    if (detainedSince) d.detainedSince = detainedSince;
    if (amount !== undefined) d.amount = amount;
    return d;
  }

  // withdraw-and-refile pairs (same parties + 案由, refiled within 90 days after 撤诉)
  const base = drafts.length;
  for (let i = 0; i < base; i++) {
    const c = drafts[i];
    if (c.category !== 'civil' || c.code !== '民初' || !(c.closeMethod === '撤诉' || c.closeMethod === '按撤诉处理')) continue;
    if (!rng.chance(0.35)) continue;
    const refN = toDayNumber(c.closedOn!) + rng.int(3, 85);
    if (refN >= todayN - 1) continue;
    const pending = todayN - refN < 200 ? rng.chance(0.7) : rng.chance(0.1);
    const closedN = pending ? undefined : Math.min(todayN - 1, refN + rng.int(20, 170));
    const r: Draft = {
      ...c, order: drafts.length, filedOn: fromDayNumber(refN), procedure: rng.chance(0.5) ? 'simple' : 'ordinary',
      parties: c.parties.map((p) => ({ ...p })), events: [], documents: [], signals: [], status: pending ? 'pending' : 'closed',
      judge: rng.pick(divisionJudges(c.division)),
    };
    delete r.closedOn; delete r.closeMethod; delete r.archivedOn;
    if (closedN !== undefined) { r.closedOn = fromDayNumber(closedN); r.closeMethod = rng.pick(['判决', '调解', '撤诉']); }
    r.panel = r.procedure === 'ordinary' ? [r.judge, rng.pick(divisionJudges(c.division).filter((j) => j !== r.judge)), rng.pick(JURORS)] : [];
    const h = refN + rng.int(10, 40);
    if (h < (closedN ?? todayN)) r.events.push({ kind: 'hearing', on: fromDayNumber(h) });
    drafts.push(r);
  }

  // 案号: sequential per (year, court, 类型代字), in filing order
  const ordered = drafts.slice().sort((a, b) => a.filedOn.localeCompare(b.filedOn) || a.order - b.order);
  const counters = new Map<string, number>();
  const out: HostCase[] = [];
  ordered.forEach((d, idx) => {
    const year = d.filedOn.slice(0, 4);
    const key = `${year}|${d.court}|${d.code}`;
    const step = d.code === '民初' ? 4 : d.code === '执' ? 5 : d.code === '刑初' ? 2 : 1;
    const prev = counters.get(key) ?? rng.int(0, 20);
    const seq = prev + rng.int(1, step * 2);
    counters.set(key, seq);
    const id = 'c' + String(idx + 1).padStart(6, '0');
    const { code, order, ...rest } = d;
    void order;
    const c: HostCase = { id, caseNo: `(${year})${d.court}${code}${seq}号`, ...rest };
    c.documents = buildDocuments(c, rng, today);
    out.push(c);
  });
  // Appended after the generated cases (no random draws, so every generated case stays as it was).
  out.push(brokenCase(today));
  return out;
}

/** Fixed id of the deliberately broken case: its 扣除审限 record ends before it starts, so 审限 cannot be computed. */
export const BROKEN_CASE_ID = 'c900001';

function brokenCase(today: string): HostCase {
  const filedOn = addDays(today, -75);
  const from = addDays(today, -30);
  return {
    id: BROKEN_CASE_ID, caseNo: `(${filedOn.slice(0, 4)})渝0107民初90001号`, court: '渝0107', courtName: COURT_NAMES['渝0107'],
    cause: '物业服务合同纠纷', category: 'civil', procedure: 'simple', filedOn, status: 'pending', judge: '周婷', division: '民一庭',
    panel: [], clerk: divisionClerk('民一庭'), foreign: false, amount: 8600,
    parties: [
      { name: '重庆锦鸿物业管理有限公司', role: '原告', type: '法人' },
      { name: '蒋红', role: '被告', type: '自然人' },
    ],
    events: [
      { kind: 'hearing', on: addDays(filedOn, 20) },
      // data-entry error on purpose: 结束日期 before 起始日期
      { kind: 'deduction', reason: '鉴定', from, to: addDays(from, -10), approvedBy: divisionHead('民一庭') },
    ],
    documents: [
      { ref: `${BROKEN_CASE_ID}-w01`, title: '受理案件通知书', date: filedOn, status: 'issued' },
      { ref: `${BROKEN_CASE_ID}-m01`, title: '起诉状', date: filedOn, volume: 'main', pages: 3 },
    ],
    signals: [],
  };
}

function evDate(e: CaseEvent): string {
  return 'on' in e ? e.on : e.from;
}

const DOC_PREFIX: Record<Category, string> = { civil: '民事', criminal: '刑事', administrative: '行政', enforcement: '执行', compensation: '国家赔偿' };

function closingDocTitle(c: HostCase): string {
  const p = DOC_PREFIX[c.category];
  if (c.category === 'compensation') return '国家赔偿决定书';
  if (c.category === 'enforcement') return c.closeMethod === '执行完毕' ? '结案通知书' : '执行裁定书';
  if (c.closeMethod === '调解') return `${p}调解书`;
  if (c.closeMethod && ['判决', '维持原判', '改判'].includes(c.closeMethod)) return `${p}判决书`;
  return `${p}裁定书`;
}

function buildDocuments(c: HostCase, rng: Rng, today: string): HostDocument[] {
  const docs: HostDocument[] = [];
  let w = 0;
  let m = 0;
  const wenshu = (title: string, date: string, status: HostDocument['status']) =>
    docs.push({ ref: `${c.id}-w${String(++w).padStart(2, '0')}`, title, date, status });
  const numbering = rng.pick(['none', 'none', 'dot', 'zero', 'cn'] as const);
  const bracket = rng.pick(['full', 'full', 'half', 'dash'] as const);
  const copyStyle = rng.pick(['（正本）', '正本', ''] as const);
  const withParty = (t: string, p: string) => bracket === 'full' ? `${t}（${p}）` : bracket === 'half' ? `${t}(${p})` : `${t}-${p}`;
  const main: Array<{ title: string; date: string; party?: string }> = [];
  const sub: Array<{ title: string; date: string }> = [];
  const end = c.closedOn ?? today;
  const clampDate = (d: string) => (d > end ? end : d);
  const add = (title: string, date: string, pMissing = 0.04, party?: string) => {
    if (date > today || rng.chance(pMissing)) return;
    main.push({ title, date: clampDate(date), ...(party ? { party } : {}) });
  };
  const f = c.filedOn;
  const hearings = c.events.filter((e): e is Extract<CaseEvent, { kind: 'hearing' }> => e.kind === 'hearing');
  const second = c.procedure.startsWith('second');

  // 文书 (with status)
  wenshu(c.category === 'enforcement' ? '执行案件受理通知书' : '受理案件通知书', addDays(f, rng.int(0, 3)), 'issued');
  for (const h of hearings) wenshu('传票', addDays(h.on, -rng.int(5, 12)) < f ? f : addDays(h.on, -rng.int(5, 12)), 'issued');
  if (c.closedOn) wenshu(closingDocTitle(c), c.closedOn, 'issued');

  // 正卷
  if (c.category === 'criminal') {
    add(c.procedure.startsWith('private') ? '刑事自诉状' : second ? '上诉状' : `起诉书${copyStyle === '正本' ? '正本' : copyStyle}`, f, 0.01);
    if (second) add('原审刑事判决书', f, 0.03);
    add('审判流程信息管理表', addDays(f, 1), 0.1);
    for (const p of c.parties.filter((x) => x.role === '被告人')) add(withParty('起诉书送达回证', p.name), addDays(f, rng.int(1, 5)), 0.06, p.name);
    if (c.detained) add('逮捕决定书', c.detainedSince ?? f, 0.05);
    add('指定辩护通知书', addDays(f, 3), 0.3);
  } else if (c.category === 'enforcement') {
    add('执行申请书', f, 0.01);
    add('生效法律文书及生效证明', f, 0.05);
    add('申请人主体资格证明', f, 0.08);
    add('执行通知书', addDays(f, rng.int(2, 8)), 0.03);
    add('报告财产令', addDays(f, rng.int(2, 8)), 0.05);
    add('网络查控记录', addDays(f, rng.int(5, 20)), 0.05);
    if (rng.chance(0.5)) add('查封、冻结裁定书', addDays(f, rng.int(10, 40)), 0.02);
    add('限制消费令', addDays(f, rng.int(10, 40)), 0.1);
  } else {
    const first = c.category === 'civil' ? (c.procedure === 'special' || c.procedure === 'retrial-review' ? '申请书' : second ? '上诉状' : '起诉状')
      : c.category === 'administrative' ? (second ? '上诉状' : '行政起诉状') : '国家赔偿申请书';
    if (second) add('上诉案件移送函', f, 0.05);
    if (second) add(`原审${DOC_PREFIX[c.category]}判决书`, f, 0.03);
    add(rng.chance(0.2) ? `${first}副本` : first, f, 0.01);
    add('立案通知书', addDays(f, rng.int(0, 3)), 0.05);
    add('诉讼费缴纳通知书', addDays(f, rng.int(0, 3)), 0.1);
    add('应诉通知书回执', addDays(f, rng.int(3, 12)), 0.1);
    add('举证通知书', addDays(f, rng.int(3, 12)), 0.15);
    add(c.category === 'administrative' ? '行政答辩状' : '答辩状', addDays(f, rng.int(10, 30)), 0.15);
    if (rng.chance(0.4)) add('授权委托书', addDays(f, rng.int(5, 20)), 0);
  }
  for (const h of hearings) {
    add(h.postponed ? '延期开庭笔录' : rng.chance(0.5) ? '庭审笔录' : '开庭笔录', h.on, h.postponed ? 0.1 : 0.05);
  }
  for (const e of c.events) {
    if (e.kind === 'extension') add(rng.chance(0.5) ? '延长审限审批表' : '延长审限的决定', e.on, 0.15);
    if (e.kind === 'deduction') {
      add(`扣除审限审批表（${e.reason}）`, e.from, 0.2);
      if (e.reason === '鉴定' && e.to) add('鉴定意见书', e.to, 0.1);
      if (e.reason === '公告') add('公告', e.from, 0.1);
    }
    if (e.kind === 'suspension') { add('中止诉讼裁定书', e.from, 0.05); if (e.to) add('恢复审理通知书', e.to, 0.2); }
  }
  if (c.closedOn) {
    const t = closingDocTitle(c);
    add(`${t}${copyStyle}`, c.closedOn, 0.02);
    const judgment = t.endsWith('判决书');
    if (judgment) add('宣判笔录', c.closedOn, 0.12);
    const short = t.replace(/^(民事|刑事|行政|国家赔偿)/, '');
    const proofTitle = rng.chance(0.6) ? '送达回证' : `${short}送达回证`;
    for (const p of c.parties) add(withParty(proofTitle, p.name), addDays(c.closedOn, rng.int(0, 8)), 0.08, p.name);
    if (c.category === 'criminal' && c.detained) add('执行通知书存根及回执', addDays(c.closedOn, rng.int(5, 15)), 0.15);
    if (c.status === 'archived') add('备考表', c.archivedOn!, 0.2);
    // 副卷
    if (c.category !== 'enforcement' || rng.chance(0.3)) {
      if (!rng.chance(0.08)) sub.push({ title: c.category === 'enforcement' ? '执行结案报告' : '审理报告', date: addDays(c.closedOn, -rng.int(2, 10)) });
      if (c.panel.length && !rng.chance(0.1)) sub.push({ title: '合议庭评议笔录', date: addDays(c.closedOn, -rng.int(1, 8)) });
      if (judgment) sub.push({ title: `${t}原本（签发稿）`, date: c.closedOn });
      if (c.signals.length && rng.chance(0.6)) sub.push({ title: '院庭长阅核意见', date: addDays(c.closedOn, -rng.int(1, 5)) });
      if (rng.chance(0.08)) sub.push({ title: '类案检索报告', date: addDays(c.closedOn, -rng.int(5, 20)) });
      if (rng.chance(0.03)) sub.push({ title: '审判委员会讨论记录', date: addDays(c.closedOn, -rng.int(3, 12)) });
    }
  } else if (c.category !== 'enforcement' && c.category !== 'compensation') {
    // pending: a draft judgment awaiting 阅核 for some
    const heard = hearings.some((h) => !h.postponed);
    const r = rng.next();
    if (heard && diffDays(c.filedOn, today) > 20 && r < 0.16) {
      const d = addDays(today, -rng.int(0, 20));
      const title = `${DOC_PREFIX[c.category]}${rng.chance(0.85) ? '判决书' : '裁定书'}`;
      wenshu(title, d < c.filedOn ? today : d, r < 0.13 ? 'draft' : 'signed');
      if (rng.chance(0.7)) sub.push({ title: '审理报告', date: d < c.filedOn ? today : d });
    }
  }
  main.sort((a, b) => a.date.localeCompare(b.date));
  sub.sort((a, b) => a.date.localeCompare(b.date));
  const label = (t: string, i: number) => numbering === 'dot' ? `${i}.${t}` : numbering === 'zero' ? `${String(i).padStart(2, '0')} ${t}`
    : numbering === 'cn' ? `（${cnNumber(i)}）${t}` : t;
  main.forEach((x, i) => docs.push({ ref: `${c.id}-m${String(++m).padStart(2, '0')}`, title: label(x.title, i + 1), date: x.date, volume: 'main',
    ...(x.party ? { party: x.party } : {}), pages: rng.int(1, 18) }));
  sub.forEach((x, i) => docs.push({ ref: `${c.id}-s${String(i + 1).padStart(2, '0')}`, title: label(x.title, i + 1), date: x.date, volume: 'sub', pages: rng.int(1, 12) }));
  return docs;
}

