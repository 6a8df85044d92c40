import { describe, expect, it } from 'vitest';
import type { CaseSnapshot } from '../../utils/domain/case';
import { canSignOff, dedupeSignoffs, reviewRequirement, SignoffSchema } from '../../utils/domain/review';
import { DEFAULT_REVIEW_RULES, ReviewRulesSchema, type ReviewRules } from '../../utils/rules/review';

const snap = (over: Partial<CaseSnapshot> = {}): CaseSnapshot => ({
  caseNo: '(2025)渝0107民初100号', category: 'civil', procedure: 'ordinary', division: '民一庭', filedOn: '2025-01-02', ...over,
});

describe('阅核 scope', () => {
  it('the default table validates', () => {
    expect(ReviewRulesSchema.safeParse(DEFAULT_REVIEW_RULES).success).toBe(true);
  });

  it('四类 → 分管院领导', () => {
    const r = reviewRequirement({ snapshot: snap({ closeMethod: '调解' }), marked四类: true });
    expect(r.required).toBe(true);
    expect(r.triggers).toEqual(['四类']);
    expect(r.reviewers).toEqual(['分管院领导']);
    expect(r.reasons[0]).toContain('四类');
  });

  it('accepts the ASCII alias markedFourCategory', () => {
    expect(reviewRequirement({ snapshot: snap({ closeMethod: '调解' }), markedFourCategory: true }).triggers).toEqual(['四类']);
  });

  it('判决 and 裁定 of the division → 庭长; 调解 and 撤诉 are not', () => {
    expect(reviewRequirement({ snapshot: snap({ closeMethod: '判决' }) })).toMatchObject({ required: true, reviewers: ['庭长'], triggers: ['本庭裁判文书'] });
    expect(reviewRequirement({ snapshot: snap({ closeMethod: '驳回起诉' }) }).triggers).toEqual(['本庭裁判文书']);
    for (const cm of ['调解', '撤诉', '按撤诉处理']) {
      const r = reviewRequirement({ snapshot: snap({ closeMethod: cm }) });
      expect(r.required, cm).toBe(false);
      expect(r.reasons.join('')).toContain('不在');
    }
  });

  it('reads the draft document when the case is not closed yet', () => {
    const withDraft = (title: string) => snap({ documents: [{ title: '起诉状' }, { title, status: 'draft' }] });
    expect(reviewRequirement({ snapshot: withDraft('民事判决书') }).triggers).toEqual(['本庭裁判文书']);
    expect(reviewRequirement({ snapshot: withDraft('民事调解书') }).required).toBe(false);
    expect(reviewRequirement({ snapshot: withDraft('准予撤诉民事裁定书') }).required).toBe(false);
    // The 送达回证 of a 判决书 is not a draft 裁判文书
    expect(reviewRequirement({ snapshot: snap({ documents: [{ title: '判决书送达回证（张三）' }] }) }).required).toBe(false);
    expect(reviewRequirement({ snapshot: snap(), documentKind: '裁定' }).triggers).toEqual(['本庭裁判文书']);
  });

  it('reads the draft from the 文书 tab (writs) before the 电子卷宗 documents', () => {
    // the 卷宗 holds an old filed 调解书 copy; the 文书 tab's draft 判决书 is what is under review
    const s = snap({
      documents: [{ title: '民事调解书（正本）', volume: 'main' }],
      writs: [{ title: '传票', status: 'issued' }, { title: '民事判决书', status: 'draft', ref: 'w05' }],
    });
    const r = reviewRequirement({ snapshot: s });
    expect(r.triggers).toEqual(['本庭裁判文书']);
    expect(reviewRequirement({ snapshot: snap({ writs: [{ title: '民事调解书', status: 'draft' }] }) }).required).toBe(false);
  });

  it('延扣审 and 发回重审 are configurable extras', () => {
    const r = reviewRequirement({ snapshot: snap({ closeMethod: '调解' }), deadline: { extended: true, deducted: false }, remanded: true });
    expect(r.triggers).toEqual(['延扣审', '发回重审']);
    expect(r.reasons.join('；')).toContain('延长审限');
    // derived from the snapshot when not given
    const s = snap({ closeMethod: '调解', events: [{ kind: 'deduction', reason: '鉴定', from: '2025-02-01', to: '2025-03-01' }], signals: ['发回重审'] });
    expect(reviewRequirement({ snapshot: s }).triggers).toEqual(['延扣审', '发回重审']);
    // switched off
    const cfg: ReviewRules = structuredClone(DEFAULT_REVIEW_RULES);
    cfg.extendedOrDeducted.enabled = false;
    cfg.remanded.enabled = false;
    expect(reviewRequirement({ snapshot: s }, cfg).required).toBe(false);
  });

  it('several triggers: reviewers listed lowest tier first, no duplicates', () => {
    const r = reviewRequirement({ snapshot: snap({ closeMethod: '判决' }), marked四类: true, deadline: { extended: true, deducted: true } });
    expect(r.triggers).toEqual(['四类', '本庭裁判文书', '延扣审']);
    expect(r.reviewers).toEqual(['庭长', '分管院领导']);
    expect(r.details.every((d) => d.basis && d.tag)).toBe(true);
  });

  it('a local list adds 本地清单', () => {
    const cfg: ReviewRules = structuredClone(DEFAULT_REVIEW_RULES);
    cfg.localList.push({ id: 'gov', name: '党政机关作被告', enabled: true, match: { signals: ['党政机关被告'] }, reviewers: ['院长'], basis: '本院刚性阅核清单', tag: 'G' });
    const r = reviewRequirement({ snapshot: snap({ closeMethod: '调解', signals: ['党政机关被告'] }) }, cfg);
    expect(r.triggers).toEqual(['本地清单']);
    expect(r.reviewers).toEqual(['院长']);
    expect(reviewRequirement({ snapshot: snap({ closeMethod: '调解' }) }, cfg).required).toBe(false);
  });

  it('nothing applies → not required, with a reason', () => {
    const r = reviewRequirement({ snapshot: snap() });
    expect(r.required).toBe(false);
    expect(r.reviewers).toEqual([]);
    expect(r.reasons.length).toBeGreaterThan(0);
  });
});

describe('canSignOff', () => {
  const division = reviewRequirement({ snapshot: snap({ closeMethod: '判决' }) });
  const fourCat = reviewRequirement({ snapshot: snap({ closeMethod: '调解' }), marked四类: true });

  it('the division head of the case signs a division review', () => {
    expect(canSignOff('庭长', '民一庭', '民一庭', division)).toEqual({ ok: true, satisfies: ['庭长'] });
    expect(canSignOff('副庭长', '民一庭', '民一庭', division).ok).toBe(true);
  });

  it('a 庭长 of another division is refused', () => {
    const r = canSignOff('庭长', '民二庭', '民一庭', division);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('只能阅核本庭');
  });

  it('a 庭长 may not sign where the 分管院领导 must', () => {
    const r = canSignOff('庭长', '民一庭', '民一庭', fourCat);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe('本案须由分管院领导阅核，庭长无权签署');
  });

  it('the 分管院领导 and the 院长 may sign a 四类 review; the 分管院领导 only for divisions in charge', () => {
    expect(canSignOff('分管院领导', ['民一庭', '民二庭'], '民一庭', fourCat).ok).toBe(true);
    expect(canSignOff('院长', null, '民一庭', fourCat).ok).toBe(true);
    const r = canSignOff('分管院领导', ['刑一庭'], '民一庭', fourCat);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('分管');
  });

  it('judges, clerks and unknown roles are refused with a reason', () => {
    for (const role of ['法官', '书记员', '审管办', '']) {
      const r = canSignOff(role, '民一庭', '民一庭', division);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toContain('不是阅核主体');
    }
  });

  it('refuses when the case needs no review or its division is unknown', () => {
    const none = reviewRequirement({ snapshot: snap({ closeMethod: '调解' }) });
    const a = canSignOff('庭长', '民一庭', '民一庭', none);
    expect(a.ok).toBe(false);
    if (!a.ok) expect(a.reason).toContain('不在阅核范围');
    const b = canSignOff('庭长', '民一庭', undefined, division);
    expect(b.ok).toBe(false);
    if (!b.ok) expect(b.reason).toContain('所属庭室未知');
  });
});

describe('SignoffSchema', () => {
  const ok = {
    caseNo: '(2025)渝0107民初100号',
    documentRef: '民事判决书（第2稿）',
    triggers: ['本庭裁判文书'],
    reviewer: '李庭长',
    reviewerRole: '庭长',
    reviewedAt: '2025-06-30T10:15:00+08:00',
    decision: '同意',
    recommendedRoute: null,
    clientId: 'c-1',
  };

  it('accepts 同意 and a complete 有意见', () => {
    expect(SignoffSchema.safeParse(ok).success).toBe(true);
    const withOpinion = { ...ok, decision: '有意见', opinion: '违约金计算标准与本院类案不一致', recommendedRoute: '专业法官会议', panelResponse: '已提交专业法官会议' };
    expect(SignoffSchema.safeParse(withOpinion).success).toBe(true);
  });

  it('refuses 有意见 without an opinion or without a route', () => {
    const a = SignoffSchema.safeParse({ ...ok, decision: '有意见', recommendedRoute: '复议' });
    expect(a.success).toBe(false);
    expect(a.error!.issues.map((i) => i.message)).toContain('结论为「有意见」时必须填写具体意见');
    const b = SignoffSchema.safeParse({ ...ok, decision: '有意见', opinion: '量刑偏重', recommendedRoute: null });
    expect(b.success).toBe(false);
    expect(b.error!.issues[0].message).toContain('建议途径');
    const c = SignoffSchema.safeParse({ ...ok, decision: '有意见', opinion: '   ', recommendedRoute: '审委会' });
    expect(c.success).toBe(false);
  });

  it('has no field that edits the panel\'s result: extra fields are refused', () => {
    const r = SignoffSchema.safeParse({ ...ok, revisedResult: '改判驳回诉讼请求' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].message).toContain('不能变更合议庭');
    expect(Object.keys(SignoffSchema.shape).sort()).toEqual(
      ['caseNo', 'clientId', 'decision', 'documentRef', 'opinion', 'panelResponse', 'recommendedRoute', 'reviewedAt', 'reviewer', 'reviewerRole', 'triggers'].sort(),
    );
  });

  it('refuses unknown roles, decisions and bad times', () => {
    expect(SignoffSchema.safeParse({ ...ok, reviewerRole: '法官' }).success).toBe(false);
    expect(SignoffSchema.safeParse({ ...ok, decision: '不同意' }).success).toBe(false);
    expect(SignoffSchema.safeParse({ ...ok, reviewedAt: '2025-02-30T10:00:00+08:00' }).success).toBe(false);
    expect(SignoffSchema.safeParse({ ...ok, reviewedAt: '昨天' }).success).toBe(false);
    expect(SignoffSchema.safeParse({ ...ok, triggers: [] }).success).toBe(false);
    expect(SignoffSchema.safeParse({ ...ok, clientId: '' }).success).toBe(false);
  });
});

describe('dedupeSignoffs', () => {
  it('keeps the first of each clientId, in order', () => {
    const rows = [
      { clientId: 'a', n: 1 },
      { clientId: 'b', n: 2 },
      { clientId: 'a', n: 3 },
      { clientId: 'c', n: 4 },
      { clientId: 'b', n: 5 },
    ];
    expect(dedupeSignoffs(rows).map((r) => r.n)).toEqual([1, 2, 4]);
    expect(dedupeSignoffs([])).toEqual([]);
  });
});
