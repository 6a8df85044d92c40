// Concurrent writers on one database (two tabs → one background): appends to the hash-chained audit log never
// fork, idempotent records are stored once, and automatic 四类 hits are logged once even when two requests for
// the same case run them at the same time.
import { afterEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../utils/domain/audit';
import { identifyFourCategory } from '../../utils/domain/supervision';
import { markFromTab, recordAudit, recordAutoHits, submitSignoffFromTab, verifyAudit } from '../../utils/background/supervision';
import { TabIdentities } from '../../utils/background/identity';
import { openDb, type ZhixiaoDB } from '../../utils/store/db';
import { addFlag, addMark, addSignoff, getCase, ingestPage } from '../../utils/store/repo';
import { DEFAULT_SUPERVISION_RULES } from '../../utils/rules/supervision';

let dbs: ZhixiaoDB[] = [];
const fresh = async () => {
  const d = openDb(`test-conc-${crypto.randomUUID()}`);
  await d.open();
  dbs.push(d);
  return d;
};
afterEach(async () => {
  for (const d of dbs) await d.delete();
  dbs = [];
});

const CASE_NO = '(2025)渝0107民初1665号';
const at = (i: number) => `2025-06-30T10:${String(i % 60).padStart(2, '0')}:00+08:00`;

describe('concurrent writers', () => {
  it('40 audit appends at once form one chain: no two entries share a predecessor', async () => {
    const db = await fresh();
    await Promise.all(Array.from({ length: 40 }, (_, i) => recordAudit(db, { type: 'mark', caseKey: `k${i % 3}`, payload: { i }, actor: i % 2 ? '林国栋（庭长）' : '唐启明（分管院领导）', at: at(i) })));
    const rows = await db.audit.orderBy('seq').toArray();
    expect(rows).toHaveLength(40);
    expect(new Set(rows.map((r) => r.prevHash)).size).toBe(40);
    expect(verifyChain(rows.map((r) => ({ ...r, caseKey: r.caseKey ?? '' })))).toMatchObject({ ok: true, count: 40 });
    expect(new Set(rows.map((r) => (r.payload as { i: number }).i)).size).toBe(40);
  });

  it('the same sign-off / flag / mark sent twice at once is stored once; different ones all stored', async () => {
    const db = await fresh();
    const so = (clientId: string) => ({ clientId, caseNo: CASE_NO, documentRef: 'w1', triggers: ['本庭裁判文书'], reviewer: '林国栋', reviewerRole: '庭长', reviewedAt: at(1), decision: '同意' as const, recommendedRoute: null });
    const fl = (clientId: string) => ({ clientId, caseNo: CASE_NO, item: '送达回证', flag: '缺失' as const, reason: '未归档', by: '许诺', at: at(2) });
    const mk = (clientId: string) => ({ clientId, caseNo: CASE_NO, category: 1 as const, subSituation: '新类型', reason: 'r', by: '林国栋', role: '庭长', at: at(3), action: 'mark' as const });
    await Promise.all([
      addSignoff(db, so('a'), { outbox: { endpoint: '/x' } }), addSignoff(db, so('a'), { outbox: { endpoint: '/x' } }), addSignoff(db, so('b')),
      addFlag(db, fl('f'), { outbox: { endpoint: '/y' } }), addFlag(db, fl('f'), { outbox: { endpoint: '/y' } }), addFlag(db, fl('g')),
      addMark(db, mk('m')), addMark(db, mk('m')), addMark(db, mk('n')),
    ]);
    expect((await db.signoffs.toArray()).map((s) => s.clientId).sort()).toEqual(['a', 'b']);
    expect((await db.flags.toArray()).map((s) => s.clientId).sort()).toEqual(['f', 'g']);
    expect((await db.marks.toArray()).map((s) => s.clientId).sort()).toEqual(['m', 'n']);
    expect((await db.outbox.toArray()).map((o) => o.id).sort()).toEqual(['flag:f', 'signoff:a']);
  });

  it('two requests running the automatic 四类 triggers for the same case at once log each hit once', async () => {
    const db = await fresh();
    const parties = Array.from({ length: 12 }, (_, i) => ({ name: `原告${i + 1}`, role: '原告' }));
    await ingestPage(db, { profileId: 'demo-modern', pageKind: 'case-detail', url: 'u', cases: [{ caseNo: CASE_NO, cause: '劳动争议', category: 'civil', procedure: 'ordinary', filedOn: '2025-03-01', status: 'pending', division: '民一庭', parties }] });
    const stored = (await getCase(db, CASE_NO))!;
    const hits = identifyFourCategory(stored, '2025-06-30', DEFAULT_SUPERVISION_RULES);
    expect(hits.length).toBeGreaterThan(0);
    const now = Date.parse('2025-06-30T02:00:00Z');
    const added = await Promise.all([0, 1, 2].map(() => recordAutoHits(db, stored, '2025-06-30', now, DEFAULT_SUPERVISION_RULES)));
    expect(added.reduce((a, b) => a + b, 0)).toBe(hits.length);
    expect(await db.marks.count()).toBe(hits.length);
    const audit = await db.audit.toArray();
    expect(audit.filter((a) => a.type === 'auto-hit')).toHaveLength(hits.length);
    expect((await verifyAudit(db)).ok).toBe(true);
  });

  it('the same 四类 mark sent twice at once (a double click, a resent message) is stored and logged once', async () => {
    const db = await fresh();
    const identities = new TabIdentities();
    await identities.record(1, { name: '林国栋', role: '庭长', division: '民一庭' }, 'http://127.0.0.1:5321/app/cases/c1/basic');
    const tab = (await identities.get(1))!;
    let clock = Date.parse('2025-06-30T02:00:00Z');
    const deps = { db, today: () => '2025-06-30', now: () => (clock += 1000), identities };
    const input = { clientId: 'mk-dup', caseNo: CASE_NO, category: 1 as const, subSituation: '新类型', reason: '首例', by: '林国栋', role: '庭长', at: at(5), action: 'mark' as const };
    const rows = await Promise.all([markFromTab(deps, input, tab), markFromTab(deps, input, tab), markFromTab(deps, input, tab)]);
    expect(new Set(rows.map((r) => r.id)).size).toBe(1);
    expect(await db.marks.count()).toBe(1);
    expect((await db.audit.toArray()).filter((a) => a.type === 'mark')).toHaveLength(1);
    expect((await verifyAudit(db)).ok).toBe(true);
  });

  it('a sign-off is stored, queued and logged together or not at all (the browser may stop between any two writes)', async () => {
    const db = await fresh();
    const ORIGIN = 'http://127.0.0.1:5180';
    await ingestPage(db, {
      profileId: 'demo-modern', pageKind: 'case-detail', url: `${ORIGIN}/app/cases/c000123/documents`,
      cases: [{
        caseNo: '（2025）渝0107民初1234号', hostRef: 'c000123', url: `${ORIGIN}/app/cases/c000123/basic`, cause: '民间借贷纠纷', category: 'civil',
        procedure: 'ordinary', filedOn: '2025-02-10', status: 'pending', judge: '王建国', division: '民一庭', signals: [],
        writs: [{ title: '民事判决书', date: '2025-06-20', status: 'draft', ref: 'c000123-w03' }],
      }],
    });
    const identities = new TabIdentities();
    await identities.record(1, { name: '林国栋', role: '庭长', division: '民一庭' }, `${ORIGIN}/app/cases/c000123/documents`);
    let clock = Date.parse('2025-06-30T02:00:00Z');
    const deps = { db, today: () => '2025-06-30', now: () => (clock += 1000), identities, getJson: async () => ({ items: [] }) };
    const input = { clientId: 'so-atomic', caseNo: '(2025)渝0107民初1234号', documentRef: 'c000123-w03', triggers: ['本庭裁判文书'], reviewer: '林国栋', reviewerRole: '庭长', reviewedAt: at(1), decision: '同意' as const, recommendedRoute: null };
    // the audit write fails (as if the browser stopped right there)
    const fail = () => { throw new Error('写入中断'); };
    db.audit.hook('creating', fail);
    await expect(submitSignoffFromTab(deps, input, (await identities.get(1))!)).rejects.toThrow();
    expect(await db.signoffs.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    db.audit.hook('creating').unsubscribe(fail);
    // sent again: all three are there, once
    const r = await submitSignoffFromTab(deps, input, (await identities.get(1))!);
    expect(r.queued).toBe(true);
    expect(await db.signoffs.count()).toBe(1);
    expect((await db.outbox.toArray()).map((o) => o.refId)).toEqual(['so-atomic']);
    expect((await db.audit.toArray()).filter((a) => a.type === 'signoff').map((a) => (a.payload as { clientId: string }).clientId)).toEqual(['so-atomic']);
    expect((await verifyAudit(db)).ok).toBe(true);
  });
});
