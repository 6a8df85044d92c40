import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { createSimilarHandlers, demoCorpusUrl, loadState } from '../../utils/background/similar';
import { reportDocx } from '../../utils/export/similar-report';
import { ResponseDataSchemas } from '../../utils/messaging/schemas';
import { addSignoff, ingestPage, openDb } from '../../utils/store';
import { parseCorpus } from '../../utils/search/corpus';
import { SearchDb } from '../../utils/search/persist';
import { corpusJsonl, generateCorpus } from '../host/corpus';

const TODAY = '2025-06-01';
let n = 0;
const sender = {} as never;

async function setup(opts: { fetchFails?: boolean } = {}) {
  const id = `${Date.now()}-${n++}`;
  const db = openDb(`zx-sim-test-${id}`);
  const sdb = new SearchDb(`zx-sim-search-${id}`);
  const fetched: string[] = [];
  const fetchStub = (async (url: string) => {
    fetched.push(url);
    if (opts.fetchFails) return new Response('nope', { status: 500 });
    return new Response(corpusJsonl({ today: TODAY }), { status: 200 });
  }) as unknown as typeof fetch;
  let clock = Date.parse('2025-06-01T02:00:00Z');
  const h = createSimilarHandlers({ db, sdb, today: () => TODAY, now: () => new Date((clock += 1000)), fetch: fetchStub });
  await ingestPage(db, {
    profileId: 'demo-classic', pageKind: 'case-detail', url: 'http://127.0.0.1:5180/classic/case/c1/basic',
    cases: [{
      caseNo: '（2025）渝0107民初1234号', cause: '民间借贷纠纷', category: 'civil', procedure: 'ordinary', filedOn: '2025-01-10', status: 'pending',
      parties: Array.from({ length: 11 }, (_, i) => ({ name: `当事人${i}`, role: i ? '被告' : '原告' })),
      documents: [{ title: '被告代理词（援引指导案例24号）' }],
    }],
  });
  return { db, sdb, h, fetched };
}

const CASE = '(2025)渝0107民初1234号';
const FACTS = '原告通过银行转账向被告交付借款，未签订书面借款合同，被告辩称该款项系合伙投资款而非借款，双方对款项性质发生争议。';

describe('demo corpus (tests/host/corpus.ts)', () => {
  it('is deterministic, a few hundred entries, every line imports, all four tiers, civil / criminal / administrative', () => {
    const a = corpusJsonl({ today: TODAY });
    expect(corpusJsonl({ today: TODAY })).toBe(a);
    const { entries, errors } = parseCorpus(a, 'caselib');
    expect(errors).toEqual([]);
    expect(entries.length).toBeGreaterThanOrEqual(200);
    expect(entries.length).toBeLessThanOrEqual(500);
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    expect(new Set(entries.map((e) => e.tier))).toEqual(new Set([1, 2, 3, 4]));
    const raw = generateCorpus({ today: TODAY });
    expect(raw.some((e) => Array.isArray(e['罪名']))).toBe(true);
    expect(raw.some((e) => e['案由'] === '工伤认定')).toBe(true);
    for (const e of entries) expect(e.caseNo && e.court && e.date && e.gist && e.statutes.length).toBeTruthy();
  });
});

describe('类案 background handlers', () => {
  it('context: imports the demo corpus on first use (demo profile, loopback only), builds the query, prompts', async () => {
    const { h, sdb, fetched } = await setup();
    expect(demoCorpusUrl('https://court.example', 'demo-classic')).toBeNull();
    expect(demoCorpusUrl('http://127.0.0.1:5180', 'my-court')).toBeNull();
    const ctx = await h.similarContext({ type: 'similarContext', caseNo: CASE, profileId: 'demo-classic', origin: 'http://127.0.0.1:5180', pageText: '文书 公诉意见（入库编号2024-18-1-222-001）' }, sender);
    ResponseDataSchemas.similarContext.parse(ctx);
    expect(fetched).toEqual(['http://127.0.0.1:5180/api/corpus.jsonl']);
    expect(ctx.corpus.docs).toBe(await sdb.docs.count());
    expect(ctx.corpus.imported).toBe(ctx.corpus.docs);
    expect(ctx.defaultQuery.cause).toBe('民间借贷纠纷');
    expect(ctx.defaultQuery.text).toContain('原告、被告10人之间因民间借贷发生纠纷');
    // 11 parties → 四类 (群体性) → mandatory
    expect(ctx.mandatory[0].reason).toMatch(/四类案件.*当事人共 11 人/);
    expect(ctx.mandatory[0].basis).toMatch(/法发〔2020〕24号第二条/);
    expect(ctx.citations.map((c) => c.match).sort()).toEqual(['入库编号2024-18-1-222-001', '指导案例24号']);
    // second use: corpus not empty, nothing fetched again
    await h.similarContext({ type: 'similarContext', caseNo: CASE, profileId: 'demo-classic', origin: 'http://127.0.0.1:5180' }, sender);
    expect(fetched).toHaveLength(1);
  });

  it('a failed corpus fetch is reported, not thrown', async () => {
    const { h } = await setup({ fetchFails: true });
    const ctx = await h.similarContext({ type: 'similarContext', caseNo: CASE, profileId: 'demo-modern', origin: 'http://localhost:5303' }, sender);
    expect(ctx.corpus).toEqual({ docs: 0, imported: null, error: '演示案例库导入失败：HTTP 500' });
  });

  it('a 院庭长 route to 审委会 makes retrieval mandatory', async () => {
    const { h, db } = await setup();
    await addSignoff(db, {
      clientId: 'c1', caseNo: CASE, documentRef: 'w1', triggers: ['四类案件'], reviewer: '林国栋', reviewerRole: '庭长', reviewedAt: '2025-05-30T10:00:00+08:00',
      decision: '有意见', opinion: '请补充类案检索后提交审委会', recommendedRoute: '审委会',
    });
    const ctx = await h.similarContext({ type: 'similarContext', caseNo: CASE }, sender);
    const reasons = ctx.mandatory.map((m) => m.reason).join('\n');
    expect(reasons).toContain('庭长林国栋阅核建议提交审委会讨论');
    expect(reasons).toContain('要求类案检索');
  });

  it('search: thin queries get needsMoreFacts, facts get tiered hits with reasons; marks and the report persist', async () => {
    const { h, sdb } = await setup();
    await h.similarContext({ type: 'similarContext', caseNo: CASE, profileId: 'demo-classic', origin: 'http://127.0.0.1:5180' }, sender);
    const thin = await h.searchSimilar({ type: 'searchSimilar', caseNo: CASE, query: { text: '借款', cause: '民间借贷纠纷', charges: [], statutes: [] } }, sender);
    expect(thin.status).toBe('needsMoreFacts');
    expect(thin.hits).toEqual([]);
    expect(thin.message).toMatch(/请补充案件事实/);

    const res = await h.searchSimilar({ type: 'searchSimilar', caseNo: CASE, query: { text: FACTS, cause: '民间借贷纠纷', charges: [], statutes: ['民法典第六百七十五条'] } }, sender);
    ResponseDataSchemas.searchSimilar.parse(res);
    expect(res.status).toBe('ok');
    expect(res.window).toEqual({ years: 3, from: '2022-06-01', to: TODAY });
    expect(res.hits.length).toBeGreaterThan(5);
    const top = res.hits[0];
    expect(top.reasons.charges).toContain('民间借贷纠纷');
    expect(top.caseNo).toMatch(/^\(\d{4}\)/);
    expect(top.gistSource).toBe('裁判要旨');
    // top hits are loans, not traffic accidents
    expect(res.hits.slice(0, 5).every((h) => h.reasons.charges.includes('民间借贷纠纷'))).toBe(true);
    for (const hit of res.hits) {
      if (hit.tier === 1) expect(hit.inWindow).toBe(true);
      else expect(hit.inWindow).toBe(hit.date! >= '2022-06-01');
    }

    const a = res.hits[0].id;
    const b = res.hits[1].id;
    await h.markSimilar({ type: 'markSimilar', caseNo: CASE, docId: a, mark: '参照', reason: '基本事实与法律适用一致' }, sender);
    await h.markSimilar({ type: 'markSimilar', caseNo: CASE, docId: b, mark: '不相关' }, sender);
    let marks = (await h.markSimilar({ type: 'markSimilar', caseNo: '（2025）渝0107民初1234号', docId: b, mark: '参考' }, sender)).marks;
    expect(Object.fromEntries(Object.entries(marks).map(([k, v]) => [k, v.mark]))).toEqual({ [a]: '参照', [b]: '参考' });
    marks = (await loadState(sdb, CASE)).marks; // stored, keyed by the normalized 案号
    expect(marks[a].reason).toBe('基本事实与法律适用一致');

    const { report } = await h.saveSimilarReport({ type: 'saveSimilarReport', caseNo: CASE, searcher: { name: '王建国', role: '承办法官' }, issues: ['借贷关系是否成立'] }, sender);
    ResponseDataSchemas.saveSimilarReport.parse(report && { report });
    expect(report.pendingCase.caseNo).toBe('（2025）渝0107民初1234号');
    expect(report.subject).toEqual({ name: '王建国', role: '承办法官' });
    expect(report.methods.map((m) => m.method)).toEqual(['关键词检索', '法条关联检索']);
    expect(report.methods[0].query).toContain(FACTS);
    expect(report.cases.map((c) => c.id).sort()).toEqual([a, b].sort()); // the marked ones
    expect(report.cases.find((c) => c.id === a)!.conclusion).toBe('参照');
    expect(report.cases.find((c) => c.id === a)!.reasons[0]).toBe('承办法官意见：基本事实与法律适用一致');
    expect(report.cases.find((c) => c.id === b)!.conclusion).toBe('参考');
    expect(report.summary).toEqual({ 参照: 1, 参考: 1, 不适用: 0 });
    expect(report.mandatoryReasons[0]).toMatch(/四类案件/);
    expect(report.pendingIssues).toEqual(['借贷关系是否成立']);

    // saved with the case: the next context returns it, and it exports
    const again = await h.similarContext({ type: 'similarContext', caseNo: CASE }, sender);
    expect(again.report?.time).toBe(report.time);
    expect(again.lastHits.map((x) => x.id)).toEqual(res.hits.map((x) => x.id));
    expect(again.lastQuery?.text).toBe(FACTS);
    expect(strFromU8(unzipSync(reportDocx(again.report!))['word/document.xml'])).toContain('（2025）渝0107民初1234号');
  });

  it('no report before a successful search', async () => {
    const { h } = await setup();
    await expect(h.saveSimilarReport({ type: 'saveSimilarReport', caseNo: CASE, searcher: { name: '王', role: '承办法官' }, issues: [] }, sender)).rejects.toThrow(/尚未进行有效的类案检索/);
  });

  it('handlers return real Promises (Chromium onMessage)', async () => {
    const { h } = await setup();
    const p = h.markSimilar({ type: 'markSimilar', caseNo: CASE, docId: 'x', mark: null }, sender);
    expect(p).toBeInstanceOf(Promise);
    await p;
  });
});
