import { describe, expect, it } from 'vitest';
import { TabIdentities, checkClaimedIdentity, reviewerRoleOf } from '../../utils/background/identity';
import {
  REVIEW_RULES_KEY, createSupervisionHandlers, draftOf, exportLogFor, loadReviewRules, submitSignoffFromTab, supervisionFor,
  supervisionLedger, verifyAudit,
} from '../../utils/background/supervision';
import { processOutbox, type FetchLike } from '../../utils/background/writeback';
import { DEFAULT_REVIEW_RULES } from '../../utils/rules/review';
import { MessageSchema } from '../../utils/messaging/schemas';
import { ingestPage, listAudit, listMarks, listSignoffs, openDb, setSetting, type SignoffInput } from '../../utils/store';

const TODAY = '2025-06-30';
const ORIGIN = 'http://127.0.0.1:5180';
const CASE = '(2025)渝0107民初1234号';
let n = 0;

async function setup(opts: { profileId?: string; url?: string; signals?: string[]; division?: string } = {}) {
  const db = openDb(`zx-sup-${Date.now()}-${n++}`);
  const identities = new TabIdentities();
  let clock = Date.parse('2025-06-30T02:00:00Z');
  const queued: number[] = [];
  // The host has no sign-offs of its own here (the read-back is tested in host-signoffs.test.ts); no network.
  const deps = { db, today: () => TODAY, now: () => (clock += 1000), identities, onQueued: () => queued.push(1), getJson: async () => ({ items: [] }) };
  await ingestPage(db, {
    profileId: opts.profileId ?? 'demo-modern', pageKind: 'case-detail', url: opts.url ?? `${ORIGIN}/app/cases/c000123/documents`,
    cases: [{
      caseNo: '（2025）渝0107民初1234号', hostRef: 'c000123', url: opts.url ?? `${ORIGIN}/app/cases/c000123/basic`,
      cause: '民间借贷纠纷', category: 'civil', procedure: 'ordinary', filedOn: '2025-02-10', status: 'pending',
      judge: '王建国', division: opts.division ?? '民一庭', signals: opts.signals ?? ['发回重审'],
      writs: [
        { title: '受理案件通知书', date: '2025-02-10', status: 'issued', ref: 'c000123-w01' },
        { title: '民事判决书', date: '2025-06-20', status: 'draft', ref: 'c000123-w03' },
      ],
    }],
  });
  await identities.record(1, { name: '林国栋', role: '庭长', division: '民一庭' }, `${ORIGIN}/app/cases/c000123/documents`);
  await identities.record(2, { name: '王建国', role: '法官', division: '民一庭' }, `${ORIGIN}/app/cases/c000123/basic`);
  await identities.record(3, { name: '高峰', role: '庭长', division: '民二庭' }, `${ORIGIN}/app/cases/c000123/documents`);
  await identities.record(4, { name: '唐启明', role: '分管院领导', division: '院领导' }, `${ORIGIN}/app/cases/c000123/documents`);
  return { db, deps, identities, queued };
}

const signoff = (over: Partial<SignoffInput> = {}): SignoffInput => ({
  clientId: `s-${n}-${Math.random().toString(36).slice(2)}`, caseNo: CASE, documentRef: 'c000123-w03', triggers: ['本庭裁判文书'],
  reviewer: '林国栋', reviewerRole: '庭长', reviewedAt: '2025-06-30T10:00:00+08:00', decision: '同意', recommendedRoute: null, ...over,
});

describe('identity', () => {
  it('maps host role texts to 阅核 roles; judges and clerks are not reviewers', () => {
    expect(reviewerRoleOf('庭长')).toBe('庭长');
    expect(reviewerRoleOf('分管副院长')).toBe('分管院领导');
    expect(reviewerRoleOf('法官')).toBeNull();
    expect(reviewerRoleOf(undefined)).toBeNull();
  });

  it('refuses a claim that differs from the page user, names the reason', () => {
    const tab = { user: { name: '王建国', role: '法官' }, url: 'x', at: 0 };
    expect(checkClaimedIdentity(null, { reviewer: '林国栋', reviewerRole: '庭长' })).toMatchObject({ ok: false, reason: expect.stringContaining('未能从办案系统页面确认') });
    expect(checkClaimedIdentity(tab, { reviewer: '林国栋', reviewerRole: '庭长' })).toMatchObject({ ok: false, reason: expect.stringContaining('与办案系统当前登录用户王建国（法官）不一致') });
    expect(checkClaimedIdentity(tab, { reviewer: '王建国', reviewerRole: '庭长' })).toMatchObject({ ok: false, reason: expect.stringContaining('不是阅核主体') });
    const head = { user: { name: '林国栋', role: '庭长' }, url: 'x', at: 0 };
    expect(checkClaimedIdentity(head, { reviewer: '林国栋', reviewerRole: '分管院领导' })).toMatchObject({ ok: false, reason: expect.stringContaining('不一致') });
    expect(checkClaimedIdentity(head, { reviewer: '林国栋', reviewerRole: '庭长' })).toMatchObject({ ok: true, role: '庭长' });
  });

  it('survives a service-worker restart through session storage', async () => {
    const store: Record<string, unknown> = {};
    const session = { get: async (k: string) => ({ [k]: store[k] }), set: async (v: Record<string, unknown>) => void Object.assign(store, v) };
    await new TabIdentities(session).record(7, { name: '林国栋', role: '庭长' }, 'u');
    expect((await new TabIdentities(session).get(7))?.user).toEqual({ name: '林国栋', role: '庭长' });
  });
});

describe('sign-off in the background', () => {
  it('stores, queues the write-back to the profile endpoint, records the audit entry', async () => {
    const { db, deps, identities, queued } = await setup();
    const r = await submitSignoffFromTab(deps, signoff(), await identities.get(1));
    expect(r.queued).toBe(true);
    expect(r.signoff).toMatchObject({ reviewer: '林国栋', reviewerRole: '庭长', decision: '同意', documentRef: 'c000123-w03' });
    // triggers and time come from the background, not from the message
    expect(r.signoff.triggers).toEqual(expect.arrayContaining(['本庭裁判文书', '延扣审'].filter((t) => t !== '延扣审')));
    expect(r.signoff.reviewedAt).toMatch(/\+08:00$/);
    const q = await db.outbox.toArray();
    expect(q).toHaveLength(1);
    expect(q[0].endpoint).toBe(`${ORIGIN}/api/cases/c000123/signoffs`);
    expect(queued).toHaveLength(1);
    const audit = await listAudit(db, CASE);
    expect(audit.filter((a) => a.type === 'signoff')).toHaveLength(1);
    expect((await verifyAudit(db)).ok).toBe(true);
  });

  it('refuses another role claimed by the content script, and a reviewer outside the division', async () => {
    const { db, deps, identities } = await setup();
    // tab 2 shows the judge; the message claims the 庭长
    await expect(submitSignoffFromTab(deps, signoff(), await identities.get(2))).rejects.toThrow('不一致');
    // no identity recorded for the tab
    await expect(submitSignoffFromTab(deps, signoff(), await identities.get(99))).rejects.toThrow('未能从办案系统页面确认');
    // 民二庭 庭长 on a 民一庭 case
    await expect(submitSignoffFromTab(deps, signoff({ reviewer: '高峰' }), await identities.get(3))).rejects.toThrow('只能阅核本庭');
    // 分管院领导 on a case that is not 四类 (no mark): not in scope for that role
    const leader = signoff({ reviewer: '唐启明', reviewerRole: '分管院领导' });
    await expect(submitSignoffFromTab(deps, leader, await identities.get(4))).rejects.toThrow('无权签署');
    expect(await listSignoffs(db, CASE)).toHaveLength(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('refuses 有意见 without an opinion (message schema and background)', async () => {
    const { db, deps, identities } = await setup();
    const bad = signoff({ decision: '有意见', recommendedRoute: '复议' });
    expect(MessageSchema.safeParse({ type: 'submitSignoff', signoff: bad }).success).toBe(false);
    await expect(submitSignoffFromTab(deps, { ...bad, opinion: '   ' }, await identities.get(1))).rejects.toThrow('必须填写具体意见');
    expect(await listSignoffs(db, CASE)).toHaveLength(0);
    const ok = await submitSignoffFromTab(deps, { ...bad, opinion: '事实认定部分证据不足' }, await identities.get(1));
    expect(ok.signoff).toMatchObject({ decision: '有意见', opinion: '事实认定部分证据不足', recommendedRoute: '复议' });
  });

  it('duplicate submissions (double click, two tabs) create one record, one queue entry, one audit entry', async () => {
    const { db, deps, identities } = await setup();
    const s = signoff();
    const tab = await identities.get(1);
    const results = await Promise.all([submitSignoffFromTab(deps, s, tab), submitSignoffFromTab(deps, s, tab), submitSignoffFromTab(deps, { ...s }, tab)]);
    const again = await submitSignoffFromTab(deps, s, tab);
    expect(new Set([...results, again].map((r) => r.signoff.id)).size).toBe(1);
    expect(await listSignoffs(db, CASE)).toHaveLength(1);
    expect(await db.outbox.count()).toBe(1);
    expect((await listAudit(db, CASE)).filter((a) => a.type === 'signoff')).toHaveLength(1);
  });

  it('without a write-back endpoint the record stays local and shows as such', async () => {
    const { db, deps, identities } = await setup({ profileId: 'court-x', url: 'http://10.9.9.9/case/1' });
    const r = await submitSignoffFromTab(deps, signoff(), await identities.get(1));
    expect(r.queued).toBe(false);
    expect(await db.outbox.count()).toBe(0);
    const view = await supervisionFor(deps, CASE, await identities.get(2));
    expect(view.writeBack).toBe(false);
    expect(view.signoffs[0]).toMatchObject({ sync: 'local', decision: '同意' });
  });

  it('judge sees the result; a failed write shows 未同步 until the retry succeeds', async () => {
    const { db, deps, identities } = await setup();
    await submitSignoffFromTab(deps, signoff({ decision: '有意见', opinion: '量刑说理不足', recommendedRoute: '专业法官会议' }), await identities.get(1));
    const fail: FetchLike = async () => ({ status: 503, ok: false, text: async () => '{"error":"服务暂不可用"}' });
    await processOutbox({ db, fetch: fail });
    let judge = await supervisionFor(deps, CASE, await identities.get(2));
    expect(judge.signoffs[0]).toMatchObject({ sync: 'queued', opinion: '量刑说理不足', recommendedRoute: '专业法官会议' });
    const okFetch: FetchLike = async () => ({ status: 201, ok: true, text: async () => '{}' });
    await processOutbox({ db, fetch: okFetch }, { force: true });
    judge = await supervisionFor(deps, CASE, await identities.get(2));
    expect(judge.signoffs[0].sync).toBe('synced');
    expect(judge.pendingMine).toBe(false);
  });
});

describe('四类 identification, marks, prompts and the log', () => {
  it('records each automatic hit once, prompts the judge with the reason, and records shown / acknowledged', async () => {
    const { db, deps, identities } = await setup();
    const a = await supervisionFor(deps, CASE, await identities.get(2));
    expect(a.fourCategory.suggestions.map((s) => s.subSituation)).toContain('发回重审、指令再审案件');
    expect(a.prompt).toMatchObject({ kind: 'suggested', acknowledged: false });
    expect(a.prompt!.text).toContain('须经阅核');
    expect(a.prompt!.reasons.join()).toContain('发回重审');
    await supervisionFor(deps, CASE, await identities.get(2));
    const marks = await listMarks(db, CASE);
    expect(marks.filter((m) => m.action === 'auto-hit')).toHaveLength(1);
    const audit = await listAudit(db, CASE);
    expect(audit.filter((x) => x.type === 'auto-hit')).toHaveLength(1);
    expect(audit.filter((x) => x.type === 'prompt-shown')).toHaveLength(1);

    const h = createSupervisionHandlers({ ...deps, retry: async () => ({ attempted: 0, synced: 0, retrying: 0, refused: 0 }) });
    const pending = h.ackPrompt({ type: 'ackPrompt', caseNo: CASE, promptId: a.prompt!.id }, { tab: { id: 2 } } as never);
    expect(pending).toBeInstanceOf(Promise);
    await pending;
    const b = await supervisionFor(deps, CASE, await identities.get(2));
    expect(b.prompt!.acknowledged).toBe(true);
  });

  it('mark needs a reason; the mark makes the case 四类 for the 分管院领导; un-mark is recorded, nothing deleted', async () => {
    const { db, deps, identities } = await setup();
    const h = createSupervisionHandlers({ ...deps, retry: async () => ({ attempted: 0, synced: 0, retrying: 0, refused: 0 }) });
    const judgeTab = { tab: { id: 2 } } as never;
    const base = { clientId: 'm1', caseNo: CASE, category: 1 as const, subSituation: '发回重审、指令再审案件', by: '王建国', role: '法官', at: '2025-06-30T09:00:00+08:00', action: 'mark' as const };
    await expect(h.markCase({ type: 'markCase', mark: { ...base, reason: ' ' } }, judgeTab)).rejects.toThrow('理由');
    await expect(h.markCase({ type: 'markCase', mark: { ...base, by: '林国栋', reason: '发回重审' } }, judgeTab)).rejects.toThrow('不一致');
    await h.markCase({ type: 'markCase', mark: { ...base, reason: '二审发回重审，确认属四类' } }, judgeTab);
    let v = await supervisionFor(deps, CASE, await identities.get(4));
    expect(v.fourCategory.marked).toBe(true);
    expect(v.prompt).toMatchObject({ kind: 'marked' });
    expect(v.prompt!.text).toMatch(/^本案属四类案件（第1类：重大、疑难、复杂、敏感）：需向院庭长报告进展 \/ 须经阅核 \/ 须进行类案检索$/);
    expect(v.review.triggers).toContain('四类');
    expect(v.canSign).toMatchObject({ ok: true, role: '分管院领导' });
    const leader = await submitSignoffFromTab(deps, signoff({ reviewer: '唐启明', reviewerRole: '分管院领导' }), await identities.get(4));
    expect(leader.signoff.triggers).toContain('四类');

    await h.markCase({ type: 'markCase', mark: { ...base, clientId: 'm2', action: 'unmark', subSituation: undefined, reason: '经审查不属四类' } }, judgeTab);
    v = await supervisionFor(deps, CASE, await identities.get(2));
    expect(v.fourCategory.marked).toBe(false);
    expect(v.fourCategory.history.map((x) => x.action)).toEqual(['auto-hit', 'mark', 'unmark']);
    const types = (await listAudit(db, CASE)).map((a) => a.type);
    expect(types).toEqual(expect.arrayContaining(['auto-hit', 'mark', 'signoff', 'unmark']));
  });

  it('the export reports a tampered log (edit, removal) instead of repairing it', async () => {
    const { db, deps, identities } = await setup();
    await supervisionFor(deps, CASE, await identities.get(2));
    await submitSignoffFromTab(deps, signoff(), await identities.get(1));
    const good = await exportLogFor(deps, CASE);
    expect(good.chainOk).toBe(true);
    expect(good.count).toBeGreaterThanOrEqual(3);
    expect(good.html).toContain('完整性校验通过');
    expect(JSON.parse(good.json).entries.map((e: { typeLabel: string }) => e.typeLabel)).toContain('阅核签署');

    const rows = await listAudit(db);
    const signRow = rows.find((r) => r.type === 'signoff')!;
    await db.audit.update(signRow.seq!, { payload: { ...(signRow.payload as object), decision: '有意见' } });
    const edited = await exportLogFor(deps, CASE);
    expect(edited.chainOk).toBe(false);
    expect(edited.problems.join()).toContain(`第 ${signRow.seq} 条`);
    expect(edited.html).toContain('完整性校验未通过');
    // reported, not repaired: the edited record is still there as edited
    expect(((await db.audit.get(signRow.seq!))!.payload as { decision: string }).decision).toBe('有意见');

    await db.audit.delete(rows[0].seq!);
    const removed = await supervisionFor(deps, CASE, await identities.get(2));
    expect(removed.chain.ok).toBe(false);
  });
});

describe('阅核 scope settings and the division ledger', () => {
  it('a stored override is validated; an invalid one is reported and the default used', async () => {
    const { db, deps, identities } = await setup();
    await setSetting(db, REVIEW_RULES_KEY, { ...DEFAULT_REVIEW_RULES, divisionJudgments: { ...DEFAULT_REVIEW_RULES.divisionJudgments, enabled: false }, remanded: { ...DEFAULT_REVIEW_RULES.remanded, enabled: false }, extendedOrDeducted: { ...DEFAULT_REVIEW_RULES.extendedOrDeducted, enabled: false } });
    expect((await loadReviewRules(db)).source).toBe('custom');
    const v = await supervisionFor(deps, CASE, await identities.get(1));
    expect(v.review.required).toBe(false);
    expect(v.canSign.ok).toBe(false);
    await setSetting(db, REVIEW_RULES_KEY, { version: '' });
    const bad = await loadReviewRules(db);
    expect(bad.source).toBe('default');
    expect(bad.error).toContain('阅核范围设置无效');
    expect((await supervisionFor(deps, CASE, await identities.get(1))).review.rulesError).toContain('无效');
  });

  it('draftOf prefers the 文书 tab draft, falls back to the 待阅核 row', () => {
    expect(draftOf({ caseNo: 'x', writs: [{ title: '民事裁定书', status: 'draft', ref: 'w9' }] })).toMatchObject({ ref: 'w9', kind: '裁定' });
    expect(draftOf({ caseNo: 'x', review: { documentRef: 'w7', documentTitle: '民事判决书' } })).toMatchObject({ ref: 'w7', kind: '判决' });
    expect(draftOf({ caseNo: 'x', writs: [{ title: '民事判决书', status: 'issued' }] })).toBeNull();
  });

  it('ledger: 待阅核 with age and the division 四类 cases with their 审限 status', async () => {
    const { db } = await setup();
    await ingestPage(db, {
      profileId: 'demo-modern', pageKind: 'review-list', url: `${ORIGIN}/app/reviews`,
      cases: [{ caseNo: CASE, review: { documentRef: 'c000123-w03', documentTitle: '民事判决书', submittedOn: '2025-06-20', triggers: ['本庭裁判文书', '发回重审'] } }],
    });
    const l = await supervisionLedger(db, TODAY, '民一庭', () => ({ text: '剩 20 天', level: 'warning' }));
    expect(l.pendingReview).toEqual([expect.objectContaining({ caseNo: CASE, ageDays: 10, signed: false, documentTitle: '民事判决书' })]);
    expect(l.fourCategory).toEqual([expect.objectContaining({ caseNo: CASE, categories: '第1类', marked: false, deadline: '剩 20 天' })]);
    expect((await supervisionLedger(db, TODAY, '民二庭', () => ({ text: '', level: 'ok' }))).pendingReview).toHaveLength(0);
  });
});
