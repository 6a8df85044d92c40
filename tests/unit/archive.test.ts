import { describe, expect, it } from 'vitest';
import type { CaseDocument, CaseSnapshot } from '../../utils/domain/case';
import { checkArchive, classifyTitle, normalizeTitle, selectArchiveList, type ArchiveCheckResult } from '../../utils/domain/archive';
import { ArchiveTableSchema, DEFAULT_ARCHIVE_TABLE, type ArchiveTable } from '../../utils/rules/archive';

const PARTIES = [
  { name: '张三', role: '原告' },
  { name: '李四', role: '被告' },
  { name: '重庆某某建设有限公司', role: '第三人' },
  { name: '王律师', role: '委托代理人' },
];
const CASE_NO = '（2025）渝0107民初100号';
const civil = (documents: CaseDocument[] | undefined, over: Partial<CaseSnapshot> = {}): CaseSnapshot => ({
  caseNo: CASE_NO, category: 'civil', procedure: 'ordinary', filedOn: '2025-01-02', closedOn: '2025-05-20', status: 'closed',
  closeMethod: '判决', parties: PARTIES, panel: ['甲', '乙', '丙'], documents, ...over,
});
const item = (r: ArchiveCheckResult, id: string) => {
  const x = r.items.find((i) => i.id === id);
  if (!x) throw new Error(`no item ${id}`);
  return x;
};
const docs = (...titles: string[]): CaseDocument[] => titles.map((title) => ({ title }));

/** A complete civil first-instance judgment file. */
const COMPLETE_CIVIL = docs(
  '卷宗封面', '卷内目录', '民事起诉状', '受理案件通知书', '应诉通知书', '举证通知书', '答辩状', '开庭传票', '庭审笔录', '民事判决书',
  '宣判笔录', '送达回证（张三）', '送达回证（李四）', '送达回证（重庆某某建设有限公司）', '备考表', '卷底',
).concat([
  { title: '封面', volume: 'sub' }, { title: '卷内目录', volume: 'sub' }, { title: '审理报告', volume: 'sub' },
  { title: '合议庭评议笔录', volume: 'sub' }, { title: '判决书（原本）', volume: 'sub' }, { title: '备考表', volume: 'sub' }, { title: '卷底', volume: 'sub' },
]);

describe('title matching (civil first instance)', () => {
  const table: Array<[string, string | null, ('main' | 'sub')?]> = [
    ['1.起诉状', 'complaint'],
    ['一、民事起诉状', 'complaint'],
    ['（1）起诉状（张三）', 'complaint'],
    ['⑴起诉状.pdf', 'complaint'],
    ['１．起诉状', 'complaint'],
    ['口诉笔录', 'complaint'],
    ['反诉状', 'counterclaim'],
    ['上诉状', 'appeal'],
    ['民事上诉状（李四）', 'appeal'],
    ['受理案件通知书', 'acceptance-notice'],
    ['立案通知书', 'acceptance-notice'],
    ['交纳诉讼费用通知书', 'fee'],
    ['诉讼费缓交申请', 'fee'],
    ['应诉通知书', 'appearance-notice'],
    ['应诉通知书回执（李四）', 'appearance-notice'],
    ['举证通知书', 'evidence-notice'],
    ['诉讼风险提示书', 'risk-notice'],
    ['答辩状（李四）', 'defence'],
    ['被告答辩意见', 'defence'],
    ['2-1 答辩状', 'defence'],
    ['证据目录', 'evidence'],
    ['原告证据材料（张三）', 'evidence'],
    ['证据交换笔录', 'pretrial'],
    ['庭前会议笔录', 'pretrial'],
    ['询问笔录', 'inquiry'],
    ['调查笔录', 'investigation'],
    ['调取证据申请书', 'investigation'],
    ['调解笔录', 'mediation-record'],
    ['授权委托书（张三）', 'authorization'],
    ['法定代表人身份证明书', 'authorization'],
    ['律师事务所函', 'authorization'],
    ['鉴定委托书', 'appraisal'],
    ['司法鉴定意见书', 'appraisal'],
    ['送达地址确认书', 'service-address'],
    ['开庭传票（李四）', 'summons'],
    ['出庭通知书', 'summons'],
    ['开庭公告', 'hearing-notice'],
    ['庭审笔录', 'hearing-record'],
    ['第一次开庭笔录', 'hearing-record'],
    ['法庭笔录（2025.3.1）', 'hearing-record'],
    ['民事调解书', 'mediation-doc'],
    ['撤诉申请书', 'withdrawal'],
    ['准予撤诉民事裁定书', 'ruling'],
    ['民事判决书', 'judgment'],
    ['（2025）渝0107民初100号民事判决书', 'judgment'],
    ['判决书正本', 'judgment'],
    ['民 事 判 决 书（副本）', 'judgment'],
    ['民事裁定书（驳回起诉）', 'ruling'],
    ['宣判笔录', 'pronouncement'],
    ['定期宣判笔录', 'pronouncement'],
    ['送达回证（张三）', 'service-proof'],
    ['李四送达回证', 'service-proof'],
    ['判决书送达回证-重庆某某建设有限公司', 'service-proof'],
    ['【判决书】送达回证〔被告李四〕', 'service-proof'],
    ['举证通知书送达回证', 'service-proof'],
    ['电子送达凭证', 'service-proof'],
    ['EMS邮寄回执', 'service-proof'],
    ['ＥＭＳ回执', 'service-proof'],
    ['邮件回执', 'service-proof'],
    ['留置送达记录', 'service-proof'],
    ['公告送达公告', 'service-proof'],
    ['上诉案件移送函', 'appeal-transfer'],
    ['上级法院退卷函', 'returned-file'],
    ['（2025）渝01民终55号民事判决书', 'higher-decision'],
    ['二审民事判决书', 'higher-decision'],
    ['证物处理手续', 'exhibits'],
    ['审判流程信息管理表', 'flow-table'],
    ['卷宗封面', 'cover'],
    ['卷内目录', 'toc'],
    ['卷内备考表', 'remarks'],
    ['卷底', 'back'],
    ['封面', 'sub-cover', 'sub'],
    ['备考表', 'sub-remarks', 'sub'],
    ['延长审限审批表', 'extension-approval'],
    ['关于延长审理期限的请示及批复', 'extension-approval'],
    ['扣除审限审批表（鉴定期间）', 'deduction-approval'],
    ['不计入审理期限审批表', 'deduction-approval'],
    ['审理报告', 'trial-report'],
    ['合议庭评议笔录', 'deliberation'],
    ['审判委员会讨论记录', 'committee'],
    ['专业法官会议纪要', 'judges-meeting'],
    ['类案检索报告', 'similar-case-report'],
    ['阅核意见单', 'review-record'],
    ['四类案件监管记录', 'supervision-record'],
    ['判决书（原本）', 'original-decision'],
    ['民事判决书签发稿', 'original-decision'],
    ['关于法律适用问题的请示', 'instructions'],
    // the demo court's 目录 styles (tests/host/seed.ts): numbering, bracket styles, 正本 / 副本 suffixes
    ['01 起诉状', 'complaint'],
    ['（一）起诉状', 'complaint'],
    ['起诉状副本', 'complaint'],
    ['2.起诉状副本', 'complaint'],
    ['03 应诉通知书回执', 'appearance-notice'],
    ['（三）诉讼费缴纳通知书', 'fee'],
    ['送达回证(张三)', 'service-proof'],
    ['送达回证-张三', 'service-proof'],
    ['（十二）送达回证（重庆某某建设有限公司）', 'service-proof'],
    ['14.判决书送达回证(李四)', 'service-proof'],
    ['民事判决书（正本）', 'judgment'],
    ['09 民事判决书正本', 'judgment'],
    ['开庭笔录', 'hearing-record'],
    ['延长审限的决定', 'extension-approval'],
    ['民事判决书原本（签发稿）', 'original-decision', 'sub'],
    ['院庭长阅核意见', 'review-record', 'sub'],
    ['原审判决书', null],
    ['情况说明', null],
    ['现场照片', null],
    ['审限变更记录', null],
    ['宣传材料', null],
  ];

  it.each(table)('%s → %s', (title, expected, volume) => {
    expect(classifyTitle(title, { listId: 'civil-first', parties: PARTIES, caseNo: CASE_NO, volume })).toBe(expected);
  });

  it('has at least 60 variants', () => {
    expect(table.length).toBeGreaterThanOrEqual(60);
  });

  it.each([
    ['送达地址确认书', 'service-proof'],
    ['开庭公告', 'service-proof'],
    ['上诉状', 'complaint'],
    ['判决书送达回证', 'judgment'],
    ['应诉通知书回执', 'service-proof'],
    ['判决书（原本）', 'judgment'],
    ['二审民事判决书', 'judgment'],
    ['反诉状', 'complaint'],
  ])('negative: %s is never %s', (title, wrong) => {
    expect(classifyTitle(title, { listId: 'civil-first', parties: PARTIES, caseNo: CASE_NO })).not.toBe(wrong);
  });

  it.each([
    ['civil-second', '原审判决书', 'original-decision'],
    ['civil-second', '（2024）渝0107民初123号民事判决书', 'original-decision'],
    ['civil-second', '民事判决书', 'judgment'],
    ['civil-second', '上诉案件移送函', 'appeal-transfer'],
    ['civil-second', '阅卷笔录', 'file-reading'],
    ['criminal-first', '起诉书', 'indictment'],
    ['criminal-first', '起诉书副本送达回证', 'indictment-service'],
    ['criminal-first', '逮捕决定书', 'arrest'],
    ['criminal-first', '提押票', 'summons'],
    ['criminal-first', '讯问笔录', 'interrogation'],
    ['criminal-first', '刑事附带民事判决书', 'judgment'],
    ['criminal-first', '释放证回执', 'execution-notice'],
    ['criminal-first', '委托宣判函', 'pronouncement'],
    ['administrative-first', '行政起诉状', 'complaint'],
    ['administrative-first', '行政判决书', 'judgment'],
    ['administrative-first', '被告提供的作出行政行为的证据', 'defendant-evidence'],
    ['enforcement', '强制执行申请书', 'application'],
    ['enforcement', '执行通知书', 'execution-notice'],
    ['enforcement', '报告财产令', 'property-report-order'],
    ['enforcement', '网络查控记录', 'property-investigation'],
    ['enforcement', '限制消费令', 'consumption-restriction'],
    ['enforcement', '终结本次执行程序裁定书', 'termination-ruling'],
    ['enforcement', '查封裁定书', 'measures'],
    ['enforcement', '（2024）渝0107民初123号民事判决书', 'basis-doc'],
    ['enforcement', '终本约谈笔录', 'applicant-interview'],
    ['enforcement', '纳入失信被执行人名单决定书', 'dishonest-list'],
  ])('%s: %s → %s', (listId, title, expected) => {
    expect(classifyTitle(title, { listId, parties: PARTIES, caseNo: '（2025）渝0107执100号' })).toBe(expected);
  });

  it('normalizeTitle strips numbering, brackets, parties, copies and 案号', () => {
    expect(normalizeTitle('（1）送达回证（张三）正本.pdf', ['张三']).text).toBe('送达回证');
    expect(normalizeTitle('一、 判决书 复印件', []).text).toBe('判决书');
    expect(normalizeTitle('张三送达回证', ['张三'])).toMatchObject({ text: '送达回证', parties: ['张三'] });
    expect(normalizeTitle('原告送达回证', [], undefined, ['原告']).roles).toEqual(['原告']);
    expect(normalizeTitle('被上诉人送达回证', []).roles).toEqual(['被上诉人']);
  });

  // Title work is memoised (utils/domain/memo.ts): a result must never carry over to a call with other inputs.
  it('memoised normalisation still depends on the own 案号, the party names and the order of the roles', () => {
    const title = '（2025）渝0107民初100号判决书';
    for (let i = 0; i < 2; i++) {
      expect(normalizeTitle(title, [], CASE_NO).text).toBe('判决书');
      expect(normalizeTitle(title, [], '（2025）渝0107民初200号').text).toBe('原审判决书');
      expect(normalizeTitle('原告被告送达回证', [], undefined, ['被告', '原告']).roles).toEqual(['被告', '原告']);
      expect(normalizeTitle('原告被告送达回证', [], undefined, ['原告', '被告']).roles).toEqual(['原告', '被告']);
      expect(normalizeTitle('送达回证（张三）', ['张三'])).toEqual({ text: '送达回证', parties: ['张三'], roles: [] });
      expect(normalizeTitle('送达回证（张三）', ['李四'])).toEqual({ text: '送达回证张三', parties: [], roles: [] });
    }
    const mine = normalizeTitle('原告送达回证', []);
    mine.roles.push('被告');
    expect(normalizeTitle('原告送达回证', []).roles).toEqual(['原告']);
  });

  it('memoised matching is per table', () => {
    const custom = ArchiveTableSchema.parse({
      ...DEFAULT_ARCHIVE_TABLE,
      lists: DEFAULT_ARCHIVE_TABLE.lists.map((l) => (l.id === 'civil-first'
        ? { ...l, includes: [], items: [{ ...l.items[0], id: 'only', titles: ['判决书'] }] }
        : l)),
    });
    const before = classifyTitle('民事判决书', { listId: 'civil-first' });
    expect(before).not.toBe('only');
    expect(classifyTitle('民事判决书', { listId: 'civil-first' }, custom)).toBe('only');
    expect(classifyTitle('民事判决书', { listId: 'civil-first' })).toBe(before);
  });
});

describe('checkArchive', () => {
  const TODAY = '2025-06-01';

  it('a complete judgment file has no flags', () => {
    const r = checkArchive({ snapshot: civil(COMPLETE_CIVIL), today: TODAY });
    expect(r.problem).toBeUndefined();
    expect(r.listId).toBe('civil-first');
    expect(r.items.filter((i) => i.state === 'missing')).toEqual([]);
    expect(r.flags).toEqual([]);
    expect(r.unmatched).toEqual([]);
    expect(r.serviceProof).toHaveLength(3); // the agent is not a party
    expect(r.serviceProof.every((p) => p.state === 'present')).toBe(true);
    expect(r.countdown.state).toBe('ok');
  });

  it('reports missing items with reasons and the specific flags', () => {
    const withoutPronouncement = COMPLETE_CIVIL.filter((d) => d.title !== '宣判笔录' && d.title !== '举证通知书');
    const r = checkArchive({ snapshot: civil([...withoutPronouncement, { title: '情况说明' }]), today: TODAY });
    expect(item(r, 'pronouncement')).toMatchObject({ state: 'missing' });
    expect(item(r, 'pronouncement').reason).toContain('宣判笔录');
    expect(item(r, 'evidence-notice').state).toBe('missing');
    expect(r.flags).toEqual(['missingPronouncementRecord', 'missingRequiredItem']);
    expect(r.unmatched).toEqual(['情况说明']);
    expect(item(r, 'judgment').matched).toEqual(['民事判决书']);
  });

  it('notes a document filed in the wrong volume', () => {
    const d = COMPLETE_CIVIL.map((x) => (x.title === '审理报告' ? { ...x, volume: 'main' as const } : x));
    const r = checkArchive({ snapshot: civil(d), today: TODAY });
    expect(item(r, 'trial-report').state).toBe('present');
    expect(item(r, 'trial-report').reason).toContain('应归入副卷');
  });

  describe('送达回证 per party', () => {
    const withProofs = (...proofs: CaseDocument[]) =>
      COMPLETE_CIVIL.filter((d) => !d.title.startsWith('送达回证')).concat(proofs);

    it('one party without proof → missingServiceProof naming the party', () => {
      const r = checkArchive({ snapshot: civil(withProofs({ title: '送达回证（张三）' }, { title: '李四送达回证' })), today: TODAY });
      expect(r.flags).toContain('missingServiceProof');
      const missing = r.serviceProof.filter((p) => p.state === 'missing');
      expect(missing.map((p) => p.party)).toEqual(['重庆某某建设有限公司']);
      expect(missing[0].document).toBe('民事判决书');
      expect(r.serviceProof.find((p) => p.party === '李四')).toMatchObject({ state: 'present', proofTitle: '李四送达回证' });
    });

    it('accepts equivalent proofs: 电子送达, EMS, 留置送达, the party field and a unique role', () => {
      const r = checkArchive({
        snapshot: civil(withProofs(
          { title: '电子送达记录（张三）' },
          { title: 'EMS邮寄回执', party: '李四' },
          { title: '第三人留置送达笔录' },
        )),
        today: TODAY,
      });
      expect(r.serviceProof.map((p) => [p.party, p.state])).toEqual([['张三', 'present'], ['李四', 'present'], ['重庆某某建设有限公司', 'present']]);
      expect(r.flags).not.toContain('missingServiceProof');
    });

    it('公告送达 counts only after the 30-day period', () => {
      const proofs = [{ title: '送达回证（张三）' }, { title: '送达回证（李四）' }, { title: '公告送达公告（重庆某某建设有限公司）', date: '2025-05-20' }];
      const early = checkArchive({ snapshot: civil(withProofs(...proofs)), today: '2025-06-10' });
      const p = early.serviceProof.find((x) => x.party === '重庆某某建设有限公司')!;
      expect(p.state).toBe('missing');
      expect(p.note).toContain('未满 30 日');
      const later = checkArchive({ snapshot: civil(withProofs(...proofs)), today: '2025-06-19' });
      expect(later.serviceProof.every((x) => x.state === 'present')).toBe(true);
    });

    it('proofs for other documents, address confirmations and other kinds do not count', () => {
      const r = checkArchive({
        snapshot: civil(withProofs(
          { title: '举证通知书送达回证（张三）' },
          { title: '送达地址确认书（李四）' },
          { title: '裁定书送达回证（重庆某某建设有限公司）' },
        )),
        today: TODAY,
      });
      expect(r.serviceProof.every((p) => p.state === 'missing')).toBe(true);
    });

    it('proofs without a recipient are not attributed, with a note', () => {
      const r = checkArchive({ snapshot: civil(withProofs({ title: '送达回证' }, { title: '送达回证' })), today: TODAY });
      expect(r.serviceProof.every((p) => p.state === 'missing')).toBe(true);
      expect(r.serviceProof[0].note).toContain('未注明受送达人');
    });

    it('mediation: every party must have signed for the 调解书', () => {
      const d = docs('民事起诉状', '民事调解书', '调解书送达回证（张三）', '调解书送达回证（李四）');
      const r = checkArchive({ snapshot: civil(d, { closeMethod: '调解', parties: PARTIES.slice(0, 2) }), today: TODAY });
      expect(r.serviceProof.map((p) => [p.document, p.party, p.state])).toEqual([['民事调解书', '张三', 'present'], ['民事调解书', '李四', 'present']]);
      const r2 = checkArchive({ snapshot: civil(d.slice(0, 3), { closeMethod: '调解', parties: PARTIES.slice(0, 2) }), today: TODAY });
      expect(r2.flags).toContain('missingServiceProof');
    });

    it('a judgment expected but absent is still checked per party', () => {
      const r = checkArchive({ snapshot: civil(docs('民事起诉状')), today: TODAY });
      expect(r.serviceProof[0].document).toBe('判决书（卷内未见）');
      expect(item(r, 'judgment').state).toBe('missing');
    });

    it('unknown parties: a note, never silently complete', () => {
      const r = checkArchive({ snapshot: civil(COMPLETE_CIVIL, { parties: undefined }), today: TODAY });
      expect(r.serviceProof).toEqual([]);
      expect(r.notes.join('')).toContain('未读取到当事人');
    });
  });

  describe('conditional items', () => {
    it('a withdrawal: no judgment items, the application and the ruling are required', () => {
      const r = checkArchive({ snapshot: civil(docs('民事起诉状', '准予撤诉民事裁定书'), { closeMethod: '撤诉' }), today: TODAY });
      expect(item(r, 'judgment').state).toBe('not-applicable');
      expect(item(r, 'pronouncement').state).toBe('not-applicable');
      expect(item(r, 'hearing-record').state).toBe('not-applicable');
      expect(item(r, 'ruling').state).toBe('present');
      expect(item(r, 'withdrawal').state).toBe('missing');
      expect(item(r, 'appeal').state).toBe('not-applicable');
      expect(item(r, 'appeal').reason).toContain('上诉');
      expect(r.flags).not.toContain('missingPronouncementRecord');
    });

    it('extensions and deductions need one approval each', () => {
      const events: CaseSnapshot['events'] = [
        { kind: 'extension', on: '2025-03-01', months: 6 },
        { kind: 'extension', on: '2025-04-01', months: 3 },
        { kind: 'deduction', reason: '鉴定', from: '2025-02-01', to: '2025-02-20' },
      ];
      const r = checkArchive({ snapshot: civil([...COMPLETE_CIVIL, { title: '延长审限审批表' }], { events }), today: TODAY });
      expect(item(r, 'extension-approval').state).toBe('missing');
      expect(item(r, 'extension-approval').reason).toBe('记录有 2 次延长审限，卷内仅见 1 份「延长审限的决定、报告及批复」');
      expect(item(r, 'deduction-approval').state).toBe('missing');
      expect(r.flags).toEqual(['extensionWithoutApproval', 'deductionWithoutBasis']);
      const ok = checkArchive({ snapshot: civil([...COMPLETE_CIVIL, { title: '延长审限审批表' }, { title: '延长审限审批表（第二次）' }, { title: '扣除审限审批表' }], { events }), today: TODAY });
      expect(ok.flags).toEqual([]);
      // context given by the caller wins over the snapshot
      expect(checkArchive({ snapshot: civil(COMPLETE_CIVIL, { events }), context: { extended: false, deducted: false }, today: TODAY }).flags).toEqual([]);
    });

    it('类案检索报告, 四类监管记录 and 阅核记录 when the context says so', () => {
      const r = checkArchive({ snapshot: civil(COMPLETE_CIVIL), context: { similarCaseRequired: true, supervised: true, reviewRequired: true }, today: TODAY });
      expect(r.flags).toEqual(['missingSimilarCaseReport', 'missingSupervisionRecord']);
      expect(item(r, 'similar-case-report').volume).toBe('sub');
      const extra = [{ title: '类案检索报告', volume: 'sub' as const }, { title: '四类案件监管记录', volume: 'sub' as const }, { title: '阅核意见单', volume: 'sub' as const }];
      const ok = checkArchive({ snapshot: civil([...COMPLETE_CIVIL, ...extra]), context: { similarCaseRequired: true, supervised: true, reviewRequired: true }, today: TODAY });
      expect(ok.flags).toEqual([]);
      const none = checkArchive({ snapshot: civil(COMPLETE_CIVIL), today: TODAY });
      expect(item(none, 'similar-case-report').state).toBe('not-applicable');
    });

    it('appealed: 上诉状 and the higher court\'s decision are required', () => {
      const r = checkArchive({ snapshot: civil(COMPLETE_CIVIL), context: { appealed: true }, today: TODAY });
      expect(item(r, 'appeal').state).toBe('missing');
      expect(item(r, 'higher-decision').state).toBe('missing');
    });

    it('criminal: 逮捕 materials only when detained', () => {
      const crim = (detained: boolean): CaseSnapshot => ({
        caseNo: '（2025）渝0107刑初10号', category: 'criminal', procedure: 'public-ordinary', closeMethod: '判决', detained,
        parties: [{ name: '赵某', role: '被告人' }], documents: docs('起诉书', '判决书'),
      });
      expect(item(checkArchive({ snapshot: crim(true), today: TODAY }), 'arrest').state).toBe('missing');
      expect(item(checkArchive({ snapshot: crim(false), today: TODAY }), 'arrest').state).toBe('not-applicable');
    });

    it('终本: every E9 precondition, and more than 3 months since 立案', () => {
      const exec = (documents: CaseDocument[], over: Partial<CaseSnapshot> = {}): CaseSnapshot => ({
        caseNo: '（2025）渝0107执100号', category: 'enforcement', procedure: 'ordinary', filedOn: '2025-01-10', closedOn: '2025-05-20',
        status: 'closed', closeMethod: '终结本次执行', parties: [{ name: '张三', role: '申请执行人' }, { name: '李四', role: '被执行人' }], documents, ...over,
      });
      const full = docs(
        '卷宗封面', '卷内目录', '强制执行申请书', '（2024）渝0107民初123号民事判决书', '受理通知书', '执行通知书', '报告财产令', '网络查控记录',
        '限制消费令', '终本约谈笔录', '终结本次执行程序裁定书', '送达回证（张三）', '送达回证（李四）', '备考表', '卷底',
      ).concat(docs('副卷封面', '副卷目录', '执行结案报告', '终本裁定书签发稿', '副卷备考表', '副卷卷底').map((d) => ({ ...d, volume: 'sub' as const })));
      const ok = checkArchive({ snapshot: exec(full), today: TODAY });
      expect(ok.listId).toBe('enforcement');
      expect(ok.flags).toEqual([]);
      const missing = checkArchive({ snapshot: exec(full.filter((d) => !['限制消费令', '报告财产令'].includes(d.title))), today: TODAY });
      expect(missing.flags).toContain('missingTerminationEvidence');
      expect(item(missing, 'consumption-restriction').state).toBe('missing');
      expect(item(missing, 'property-report-order').state).toBe('missing');
      const early = checkArchive({ snapshot: exec(full, { closedOn: '2025-04-10' }), today: TODAY });
      expect(early.flags).toEqual(['missingTerminationEvidence', 'archiveDue']);
      expect(early.notes.join('')).toContain('未超过三个月');
      // not a 终本 closure: the 终本 items do not apply
      const done = checkArchive({ snapshot: exec(full.filter((d) => d.title !== '限制消费令'), { closeMethod: '执行完毕' }), today: TODAY });
      expect(item(done, 'consumption-restriction').state).toBe('not-applicable');
    });
  });

  describe('archive countdown', () => {
    const cd = (over: Partial<CaseSnapshot>, today: string) => checkArchive({ snapshot: civil(COMPLETE_CIVIL, over), today });
    it('warns from closedOn + 30 days and is overdue after addMonths(closedOn, 3)', () => {
      const a = cd({ closedOn: '2025-05-31' }, '2025-06-29');
      expect(a.countdown).toEqual({ closedOn: '2025-05-31', warnOn: '2025-06-30', overdueOn: '2025-08-31', daysSinceClosed: 29, state: 'ok' });
      expect(a.flags).toEqual([]);
      expect(cd({ closedOn: '2025-05-31' }, '2025-06-30').countdown.state).toBe('due');
      expect(cd({ closedOn: '2025-05-31' }, '2025-06-30').flags).toEqual(['archiveDue']);
      expect(cd({ closedOn: '2025-05-31' }, '2025-08-31').countdown.state).toBe('due');
      const late = cd({ closedOn: '2025-05-31' }, '2025-09-01');
      expect(late.countdown.state).toBe('overdue');
      expect(late.flags).toEqual(['archiveOverdue']);
    });
    it('clamps the 3-month deadline at month end', () => {
      expect(cd({ closedOn: '2024-11-30' }, '2024-12-01').countdown.overdueOn).toBe('2025-02-28');
    });
    it('pending and archived cases', () => {
      expect(cd({ closedOn: undefined, status: 'pending' }, TODAY).countdown).toEqual({ closedOn: null, warnOn: null, overdueOn: null, daysSinceClosed: null, state: 'not-closed' });
      const arch = cd({ closedOn: '2025-01-10', status: 'archived', archivedOn: '2025-02-01' }, TODAY);
      expect(arch.countdown.state).toBe('archived');
      expect(arch.flags).toEqual([]);
    });
    it('is configurable', () => {
      const t: ArchiveTable = structuredClone(DEFAULT_ARCHIVE_TABLE);
      t.countdown.warnDays = 10;
      t.countdown.overdueMonths = 1;
      const r = checkArchive({ snapshot: civil(COMPLETE_CIVIL, { closedOn: '2025-05-01' }), today: '2025-06-02' }, t);
      expect(r.countdown).toMatchObject({ warnOn: '2025-05-11', overdueOn: '2025-06-01', state: 'overdue' });
    });
  });

  describe('problem states', () => {
    it('no documents array → 无法读取卷宗目录, never complete', () => {
      const r = checkArchive({ snapshot: civil(undefined), today: TODAY });
      expect(r.problem).toBe('无法读取卷宗目录');
      expect(r.listId).toBe('civil-first');
      expect(r.items).toEqual([]);
      expect(r.serviceProof).toEqual([]);
    });
    it('unknown case type → 无适用清单; the clerk may choose a list', () => {
      const unknown = civil(COMPLETE_CIVIL, { category: 'compensation', procedure: 'decision' });
      const r = checkArchive({ snapshot: unknown, today: TODAY });
      expect(r.problem).toBe('无适用清单');
      expect(r.listId).toBeNull();
      expect(checkArchive({ snapshot: civil(COMPLETE_CIVIL, { category: undefined }), today: TODAY }).problem).toBe('无适用清单');
      expect(checkArchive({ snapshot: civil(COMPLETE_CIVIL, { procedure: 'retrial-review' }), today: TODAY }).problem).toBe('无适用清单');
      const chosen = checkArchive({ snapshot: unknown, listId: 'civil-first', today: TODAY });
      expect(chosen.problem).toBeUndefined();
      expect(chosen.listId).toBe('civil-first');
      const bad = checkArchive({ snapshot: civil(COMPLETE_CIVIL), listId: 'nope', today: TODAY });
      expect(bad.problem).toBe('无适用清单');
      expect(bad.notes[0]).toContain('nope');
    });
    it('the stage from the case number wins over the procedure', () => {
      expect(selectArchiveList(civil([]), { category: 'civil', stage: 'second' })?.id).toBe('civil-second');
      expect(selectArchiveList(civil([], { procedure: 'second-judgment' }))?.id).toBe('civil-second');
      expect(selectArchiveList(civil([], { category: 'administrative', procedure: 'simple' }))?.id).toBe('administrative-first');
    });
  });

  describe('the rule table', () => {
    it('validates, and every item has a basis and a tag', () => {
      expect(ArchiveTableSchema.safeParse(DEFAULT_ARCHIVE_TABLE).success).toBe(true);
      const ids = DEFAULT_ARCHIVE_TABLE.lists.map((l) => l.id);
      expect(ids).toEqual(['civil-first', 'civil-second', 'criminal-first', 'administrative-first', 'enforcement', 'sub']);
      for (const l of DEFAULT_ARCHIVE_TABLE.lists) for (const i of l.items) expect(i.basis && ['S', 'P', 'G'].includes(i.tag)).toBeTruthy();
    });
    it('refuses a broken override', () => {
      const t = structuredClone(DEFAULT_ARCHIVE_TABLE) as ArchiveTable;
      t.lists[0].items.push({ ...t.lists[0].items[0] });
      expect(ArchiveTableSchema.safeParse(t).success).toBe(false);
      expect(() => checkArchive({ snapshot: civil(COMPLETE_CIVIL), today: TODAY }, t)).toThrow();
      const u = structuredClone(DEFAULT_ARCHIVE_TABLE) as ArchiveTable;
      u.lists[0].includes = ['missing-list'];
      expect(ArchiveTableSchema.safeParse(u).success).toBe(false);
    });
    it('a court can add a synonym', () => {
      expect(classifyTitle('宣判纪要', { listId: 'civil-first' }, structuredClone(DEFAULT_ARCHIVE_TABLE) as ArchiveTable)).toBeNull();
      // Tables are values: an edit in the options page yields a new table object (checkArchive caches per object).
      const t = structuredClone(DEFAULT_ARCHIVE_TABLE) as ArchiveTable;
      t.lists[0].items.find((i) => i.id === 'pronouncement')!.titles.push('宣判纪要');
      expect(classifyTitle('宣判纪要', { listId: 'civil-first' }, t)).toBe('pronouncement');
    });
  });
});
