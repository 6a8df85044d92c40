import { describe, expect, it } from 'vitest';
import type { CaseSnapshot } from '../../utils/domain/case';
import {
  applyMarks,
  hitsToHistory,
  identifyFourCategory,
  validateMarkEntry,
  type MarkHistoryEntry,
} from '../../utils/domain/supervision';
import { DEFAULT_SUPERVISION_RULES, SupervisionRulesSchema, type SupervisionRules } from '../../utils/rules/supervision';

const TODAY = '2025-06-30';
const base: CaseSnapshot = { caseNo: '(2025)渝0107民初100号', category: 'civil', procedure: 'ordinary', filedOn: '2025-03-01', status: 'pending' };
const ids = (s: CaseSnapshot, today = TODAY, cfg?: SupervisionRules) => identifyFourCategory(s, today, cfg).map((h) => h.ruleId);
const parties = (n: number, role = '原告') => Array.from({ length: n }, (_, i) => ({ name: `当事人${i + 1}`, role }));

describe('四类 triggers', () => {
  it('a plain case triggers nothing', () => {
    expect(identifyFourCategory(base, TODAY)).toEqual([]);
  });

  it('the default table validates', () => {
    expect(SupervisionRulesSchema.safeParse(DEFAULT_SUPERVISION_RULES).success).toBe(true);
    for (const r of DEFAULT_SUPERVISION_RULES.rules) {
      expect(r.basis.length).toBeGreaterThan(0);
      expect(['S', 'P', 'G']).toContain(r.tag);
    }
  });

  describe('parties ≥ 10 → 群体性 (cat 2)', () => {
    it('hits at 10 with the count in the reason', () => {
      const hits = identifyFourCategory({ ...base, parties: parties(10) }, TODAY);
      expect(hits).toHaveLength(1);
      expect(hits[0]).toMatchObject({ ruleId: 'party-count', category: 2, tag: 'P' });
      expect(hits[0].reason).toContain('10 人');
      expect(hits[0].evidence).toEqual([{ field: 'parties', value: 10 }]);
    });
    it('misses at 9, and agents and duplicate names do not count', () => {
      expect(ids({ ...base, parties: parties(9) })).toEqual([]);
      const withAgents = [...parties(8), { name: '王律师', role: '委托代理人' }, { name: '赵律师', role: '诉讼代理人' }, { name: '当事人1', role: '原告' }];
      expect(ids({ ...base, parties: withAgents })).toEqual([]);
    });
    it('misses when parties were not read', () => {
      expect(ids({ ...base })).toEqual([]);
    });
  });

  describe('发回重审 / 指令再审 signal', () => {
    it('hits on either signal', () => {
      const h = identifyFourCategory({ ...base, signals: ['发回重审（2024）渝01民终88号'] }, TODAY);
      expect(h.map((x) => x.ruleId)).toEqual(['remanded']);
      expect(h[0].reason).toContain('发回重审');
      expect(h[0].evidence[0].field).toBe('signals');
      expect(ids({ ...base, signals: ['指令再审'] })).toEqual(['remanded']);
    });
    it('misses on unrelated signals', () => {
      expect(ids({ ...base, signals: ['简转普'] })).toEqual([]);
    });
  });

  describe('amount over the threshold (cat 1, [G])', () => {
    it('hits above, misses at or below', () => {
      const h = identifyFourCategory({ ...base, amount: 12_000_000 }, TODAY);
      expect(h).toHaveLength(1);
      expect(h[0]).toMatchObject({ ruleId: 'large-amount', category: 1, tag: 'G' });
      expect(h[0].reason).toBe('标的额 1200 万元，超过 1000 万元');
      expect(ids({ ...base, amount: 10_000_000 })).toEqual([]);
      expect(ids({ ...base, amount: 500 })).toEqual([]);
    });
    it('the threshold is configurable', () => {
      const cfg = structuredClone(DEFAULT_SUPERVISION_RULES);
      const r = cfg.rules.find((x) => x.id === 'large-amount')!;
      if (r.kind === 'amount') r.threshold = 1_000_000;
      expect(ids({ ...base, amount: 2_000_000 }, TODAY, cfg)).toEqual(['large-amount']);
      expect(ids({ ...base, amount: 2_000_000 })).toEqual([]);
    });
  });

  describe('complaint about the judge (cat 4)', () => {
    it('hits on 投诉 / 举报', () => {
      const h = identifyFourCategory({ ...base, signals: ['当事人实名投诉承办法官'] }, TODAY);
      expect(h[0]).toMatchObject({ ruleId: 'complaint-about-judge', category: 4 });
      expect(ids({ ...base, signals: ['举报'] })).toEqual(['complaint-about-judge']);
    });
    it('misses without such a signal', () => {
      expect(ids({ ...base, signals: ['人民陪审员参审'] })).toEqual([]);
    });
  });

  describe('age over 12 months (§7, civil month rule, calendar age)', () => {
    const s = { ...base, filedOn: '2024-03-15' };
    it('is not over 12 months on the anniversary, is the day after', () => {
      expect(ids(s, '2025-03-15')).toEqual([]);
      const h = identifyFourCategory(s, '2025-03-16');
      expect(h.map((x) => x.ruleId)).toEqual(['age-12-months']);
      expect(h[0].reason).toContain('2024-03-15');
      expect(h[0].reason).toContain('12 个月');
    });
    it('uses month-end clamping', () => {
      const e = { ...base, filedOn: '2024-02-29' };
      expect(ids(e, '2025-02-28')).toEqual([]);
      expect(ids(e, '2025-03-01')).toEqual(['age-12-months']);
    });
    it('ignores extensions and deductions (calendar age)', () => {
      const e: CaseSnapshot = { ...s, events: [{ kind: 'deduction', reason: '鉴定', from: '2024-05-01', to: '2024-12-01' }] };
      expect(ids(e, '2025-03-16')).toEqual(['age-12-months']);
    });
    it('a case closed within 12 months does not hit later', () => {
      expect(ids({ ...s, status: 'closed', closedOn: '2025-01-10' }, '2025-06-30')).toEqual([]);
      expect(ids({ ...s, status: 'closed', closedOn: '2025-04-10' }, '2025-06-30')).toEqual(['age-12-months']);
    });
    it('misses without a filing date', () => {
      expect(ids({ ...base, filedOn: undefined })).toEqual([]);
    });
  });

  describe('detention over 3 years', () => {
    const s: CaseSnapshot = { ...base, category: 'criminal', procedure: 'public-ordinary', filedOn: '2025-01-01', detained: true, detainedSince: '2022-05-10' };
    it('hits once three full years have run', () => {
      expect(ids(s, '2025-05-09')).toEqual([]);
      const h = identifyFourCategory(s, '2025-05-10');
      expect(h.map((x) => x.ruleId)).toEqual(['detention-3-years']);
      expect(h[0].reason).toContain('3 年');
      expect(h[0].evidence.map((e) => e.field)).toEqual(['detainedSince', 'detained']);
    });
    it('misses when released or the start is unknown', () => {
      expect(ids({ ...s, detained: false }, '2025-06-30')).toEqual([]);
      expect(ids({ ...s, detainedSince: undefined }, '2025-06-30')).toEqual([]);
    });
  });

  describe('sensitive 案由 keywords', () => {
    it.each([
      ['组织、领导、参加黑社会性质组织罪', 'cause-organized-crime', 1],
      ['寻衅滋事罪（恶势力犯罪集团）', 'cause-organized-crime', 1],
      ['涉黑案件', 'cause-organized-crime', 1],
      ['组织、利用邪教组织破坏法律实施罪', 'cause-cult', 1],
      ['非法吸收公众存款罪', 'cause-mass', 2],
      ['群体性劳动争议', 'cause-mass', 2],
    ])('%s → %s', (cause, id, cat) => {
      const h = identifyFourCategory({ ...base, cause }, TODAY);
      expect(h.map((x) => x.ruleId)).toEqual([id]);
      expect(h[0].category).toBe(cat);
      expect(h[0].reason).toContain(cause);
      expect(h[0].evidence).toEqual([{ field: 'cause', value: cause }]);
    });
    it.each(['买卖合同纠纷', '盗窃罪', '民间借贷纠纷'])('%s → no hit', (cause) => {
      expect(ids({ ...base, cause })).toEqual([]);
    });
  });

  it('local signals: 上级督办 (cat 1) and 人大代表关注 (cat 2)', () => {
    expect(identifyFourCategory({ ...base, signals: ['上级法院督办'] }, TODAY).map((h) => [h.ruleId, h.category])).toEqual([['higher-court-supervised', 1]]);
    expect(identifyFourCategory({ ...base, signals: ['人大代表关注'] }, TODAY).map((h) => [h.ruleId, h.category])).toEqual([['npc-cppcc-attention', 2]]);
  });

  it('several triggers fire together; disabled rules do not', () => {
    const s: CaseSnapshot = { ...base, filedOn: '2023-01-01', parties: parties(12), amount: 50_000_000, signals: ['发回重审'] };
    expect(ids(s).sort()).toEqual(['age-12-months', 'large-amount', 'party-count', 'remanded']);
    const cfg = structuredClone(DEFAULT_SUPERVISION_RULES);
    cfg.rules.find((r) => r.id === 'age-12-months')!.enabled = false;
    expect(ids(s, TODAY, cfg).sort()).toEqual(['large-amount', 'party-count', 'remanded']);
  });

  it('refuses an invalid override and an invalid date', () => {
    const bad = { version: '1', rules: [{ id: 'x', kind: 'amount', threshold: -1, category: 1, subSituation: 's', basis: 'b', tag: 'G' }] };
    expect(() => identifyFourCategory(base, TODAY, bad as unknown as SupervisionRules)).toThrow();
    expect(() => identifyFourCategory(base, '2025-02-30')).toThrow();
  });
});

describe('manual marking', () => {
  const judge = { by: '张法官', role: '承办法官' };
  const head = { by: '李庭长', role: '庭长' };

  it('automatic hits stay suggestions until a human confirms', () => {
    const hits = identifyFourCategory({ ...base, parties: parties(11) }, TODAY);
    const history = hitsToHistory(hits, '2025-06-30T09:00:00+08:00');
    const st = applyMarks(history);
    expect(st.marked).toBe(false);
    expect(st.marks).toEqual([]);
    expect(st.suggestions).toHaveLength(1);
    expect(st.suggestions[0]).toMatchObject({ category: 2, ruleId: 'party-count' });

    const confirmed = applyMarks([
      ...history,
      { action: 'mark', category: 2, subSituation: hits[0].subSituation, reason: '确认：原告 11 人，系集体劳动争议', ...head, at: '2025-06-30T10:00:00+08:00' },
    ]);
    expect(confirmed.marked).toBe(true);
    expect(confirmed.suggestions).toEqual([]);
    expect(confirmed.marks[0]).toMatchObject({ category: 2, by: '李庭长', role: '庭长', confirmsRuleIds: ['party-count'] });
  });

  it('mark then unmark: the state is unmarked, the history keeps both', () => {
    const h: MarkHistoryEntry[] = [
      { action: 'mark', category: 1, subSituation: '具有首案效应的新类型案件', reason: '新类型数据权益纠纷', ...judge, at: '2025-05-01T09:00:00+08:00' },
      { action: 'unmark', category: 1, subSituation: '具有首案效应的新类型案件', reason: '经专业法官会议讨论，已有同类生效裁判', ...head, at: '2025-05-10T09:00:00+08:00' },
    ];
    const st = applyMarks(h);
    expect(st.marked).toBe(false);
    expect(st.history).toHaveLength(2);
    expect(st.rejected).toEqual([]);
  });

  it('unmark without a sub-situation clears the whole category; other categories stay', () => {
    const st = applyMarks([
      { action: 'mark', category: 1, subSituation: 'A', reason: 'r1', ...judge, at: '1' },
      { action: 'mark', category: 1, subSituation: 'B', reason: 'r2', ...judge, at: '2' },
      { action: 'mark', category: 4, subSituation: 'C', reason: 'r3', ...judge, at: '3' },
      { action: 'unmark', category: 1, reason: '不属于重大疑难', ...head, at: '4' },
    ]);
    expect(st.marks.map((m) => [m.category, m.subSituation])).toEqual([[4, 'C']]);
  });

  it('an auto-hit after a human unmark suggests again; before it, the unmark settles it', () => {
    const auto: MarkHistoryEntry = { action: 'auto-hit', category: 4, subSituation: '审理期间超过十二个月（长期未结）', reason: '超 12 个月', by: '系统', role: '系统', at: '1', ruleId: 'age-12-months' };
    const unmark: MarkHistoryEntry = { action: 'unmark', category: 4, reason: '已查明系鉴定原因，不属违法审判', ...head, at: '2' };
    expect(applyMarks([auto, unmark]).suggestions).toEqual([]);
    expect(applyMarks([auto, unmark, { ...auto, at: '3' }]).suggestions).toHaveLength(1);
  });

  it('mark and unmark require a reason (Chinese error); invalid entries are rejected, not applied', () => {
    expect(validateMarkEntry({ action: 'mark', category: 2, subSituation: 'x', reason: '  ', ...judge, at: 't' })).toEqual({ ok: false, error: '标记四类案件必须填写理由' });
    expect(validateMarkEntry({ action: 'unmark', category: 2, reason: '', ...judge, at: 't' })).toEqual({ ok: false, error: '撤销标记必须填写理由' });
    expect(validateMarkEntry({ action: 'mark', category: 2, subSituation: '', reason: '有', ...judge, at: 't' })).toEqual({ ok: false, error: '标记四类案件必须选择具体情形' });
    expect(validateMarkEntry({ action: 'mark', category: 5, subSituation: 'x', reason: 'y', ...judge, at: 't' }).ok).toBe(false);
    expect(validateMarkEntry({ action: 'auto-hit', category: 2, subSituation: 'x', by: '系统', at: 't' })).toEqual({ ok: true });

    const st = applyMarks([
      { action: 'mark', category: 2, subSituation: 'x', reason: 'ok', ...judge, at: '1' },
      { action: 'unmark', category: 2, subSituation: 'x', reason: '', ...head, at: '2' },
      { action: 'mark', category: 3, subSituation: 'y', reason: '', ...judge, at: '3' },
    ]);
    expect(st.marked).toBe(true);
    expect(st.marks.map((m) => m.category)).toEqual([2]);
    expect(st.rejected).toEqual([
      { index: 1, error: '撤销标记必须填写理由' },
      { index: 2, error: '标记四类案件必须填写理由' },
    ]);
  });
});
