// 立卷归档 on screen: summaries (row tag, ledger), the background handler over fake-indexeddb, the options
// table validation, and the overlay's archive-page detection.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaseDocument, CaseSnapshot } from '../../utils/domain/case';
import { checkArchive } from '../../utils/domain/archive';
import { DEFAULT_ARCHIVE_TABLE, type ArchiveTable } from '../../utils/rules/archive';
import { openDb, type ZhixiaoDB } from '../../utils/store/db';
import { addMark, getSetting, ingestPage, listFlags, setSetting } from '../../utils/store/repo';
import {
  ARCHIVE_TABLE_KEY, archiveLedger, createArchiveHandlers, flagEndpointOf, loadArchiveTable, parseArchiveTableText,
  resetArchiveTable, saveArchiveTable,
} from '../../utils/background/archive';
import { archiveTagOf, ledgerRowOf, ledgerTable, LEDGER_HEADERS, missingOf, sortLedger } from '../../utils/views/archive-summary';
import { buildCaseView } from '../../utils/views/build';
import { builtinProfile } from '../../utils/host/profiles';
import { archivePageState, archiveSectionsOf } from '../../utils/overlay/features/archive-checklist';
import { GetArchiveCheckReplySchema } from '../../utils/messaging/archive-messages';
import { MessageSchema, responseSchema } from '../../utils/messaging/schemas';

const TODAY = '2025-07-01';
const PARTIES = [{ name: '张三', role: '原告' }, { name: '李四', role: '被告' }];
const main = (...titles: string[]): CaseDocument[] => titles.map((title) => ({ title, volume: 'main' as const }));
const sub = (...titles: string[]): CaseDocument[] => titles.map((title) => ({ title, volume: 'sub' as const }));

/** A closed civil judgment case; its 目录 lacks 宣判笔录 and 李四's 送达回证. */
const closed = (over: Partial<CaseSnapshot> = {}): CaseSnapshot => ({
  caseNo: '（2025）渝0107民初100号', hostRef: 'c000100', url: 'http://127.0.0.1:5304/classic/case/c000100/archive',
  cause: '民间借贷纠纷', category: 'civil', procedure: 'simple', filedOn: '2025-01-02', closedOn: '2025-05-20', status: 'closed',
  closeMethod: '判决', judge: '王建国', clerk: '许诺', division: '民一庭', parties: PARTIES,
  documents: [
    ...main('1.卷宗封面', '2.卷内目录', '3.起诉状副本', '4.立案通知书', '5.应诉通知书回执', '6.举证通知书', '7.答辩状', '8.庭审笔录',
      '9.民事判决书（正本）', '10.送达回证(张三)', '11.备考表', '12.卷底'),
    ...sub('封面', '卷内目录', '审理报告', '民事判决书原本（签发稿）', '备考表', '卷底'),
  ],
  ...over,
});

describe('missing summary and row tag', () => {
  it('counts missing items and per-party 送达回证 once each', () => {
    const check = checkArchive({ snapshot: closed(), today: TODAY });
    const m = missingOf(check);
    expect(m.names).toContain('送达回证（李四）');
    expect(m.names).not.toContain('送达回证（张三）');
    expect(m.names.some((n) => n.startsWith('宣判笔录'))).toBe(true);
    // the generic 送达回证 item is present (张三's proof), so it is not counted on top of 李四's
    expect(m.count).toBe(check.items.filter((i) => i.state === 'missing').length + 1);
  });

  it('counts a missing generic 送达回证 item only through the parties when the per-party check lists them', () => {
    const s = closed({ documents: closed().documents!.filter((d) => !d.title.includes('送达回证')) });
    const check = checkArchive({ snapshot: s, today: TODAY });
    expect(check.items.find((i) => i.id === 'service-proof')?.state).toBe('missing');
    const m = missingOf(check);
    expect(m.names.filter((n) => n.startsWith('送达回证'))).toEqual(['送达回证（张三）', '送达回证（李四）']);
  });

  it('never reports a count when the 目录 is unread or no list applies', () => {
    expect(missingOf(checkArchive({ snapshot: closed({ documents: undefined }), today: TODAY })).count).toBeNull();
    expect(missingOf(checkArchive({ snapshot: closed({ category: undefined }), today: TODAY })).count).toBeNull();
  });

  it('tags closed, unarchived cases with days since 结案 and missing count', () => {
    const tag = archiveTagOf(closed(), TODAY)!;
    // A closed 判决 needs its 阅核 record (pilot model), so that counts among the missing items too.
    const n = missingOf(checkArchive({ snapshot: closed(), today: TODAY, context: { reviewRequired: true } })).count!;
    expect(n).toBeGreaterThan(missingOf(checkArchive({ snapshot: closed(), today: TODAY })).count!);
    expect(tag.title).toContain('阅核记录');
    expect(tag.text).toBe(`归档·结案42天·缺${n}项`);
    expect(tag.title).toContain('2025-06-19 起预警');
    expect(tag.title).toContain('2025-08-20 起逾期');
    expect(tag.title).toContain('送达回证（李四）');
    expect(tag.warn).toBe(true);
  });

  it('says 目录未读 (not complete) when the 目录 was never read', () => {
    const tag = archiveTagOf(closed({ documents: undefined }), '2025-06-01')!;
    expect(tag.text).toBe('归档·结案12天·目录未读');
    expect(tag.title).toContain('缺项未知');
    expect(tag.warn).toBe(false);
  });

  it('has no tag for pending or archived cases', () => {
    expect(archiveTagOf(closed({ status: 'pending', closedOn: undefined, closeMethod: undefined }), TODAY)).toBeNull();
    expect(archiveTagOf(closed({ status: 'archived', archivedOn: '2025-06-01' }), TODAY)).toBeNull();
  });

  it('adds the tag to the case view, keeping the 审限 badge', () => {
    const view = buildCaseView(closed(), TODAY);
    expect(view.badge.level).toMatch(/closed/);
    expect(view.tags.some((t) => t.text.startsWith('归档·结案42天'))).toBe(true);
    const pending = buildCaseView(closed({ status: 'pending', closedOn: undefined, closeMethod: undefined }), TODAY);
    expect(pending.tags.some((t) => t.text.startsWith('归档'))).toBe(false);
  });

  it('uses the court table for the countdown', () => {
    const table: ArchiveTable = { ...DEFAULT_ARCHIVE_TABLE, countdown: { ...DEFAULT_ARCHIVE_TABLE.countdown, warnDays: 10, overdueMonths: 1 } };
    const tag = archiveTagOf(closed(), TODAY, table)!;
    expect(tag.title).toContain('逾期未归档');
    expect(tag.title).toContain('2025-06-20 起逾期（结案后 1 个月）');
  });
});

describe('ledger rows', () => {
  it('lists closed unarchived cases, longest waiting first, with missing counts and Chinese export rows', () => {
    const a = ledgerRowOf(closed(), TODAY)!;
    const b = ledgerRowOf(closed({ caseNo: '（2025）渝0107民初200号', closedOn: '2025-03-01' }), TODAY)!;
    const c = ledgerRowOf(closed({ caseNo: '（2025）渝0107民初300号', documents: undefined, closedOn: '2025-06-25' }), TODAY)!;
    expect(ledgerRowOf(closed({ status: 'archived', archivedOn: '2025-06-01' }), TODAY)).toBeNull();
    expect(ledgerRowOf(closed({ status: 'pending', closedOn: undefined }), TODAY)).toBeNull();
    const rows = sortLedger([a, c, b]);
    expect(rows.map((r) => r.daysSinceClosed)).toEqual([122, 42, 6]);
    expect(rows[0].state).toBe('overdue');
    expect(rows[1].state).toBe('due');
    expect(rows[2].state).toBe('ok');
    expect(rows[2].missingCount).toBeNull();
    const table = ledgerTable(rows);
    expect(LEDGER_HEADERS).toContain('结案天数');
    expect(table[0][LEDGER_HEADERS.indexOf('归档状态')]).toBe('逾期未归档');
    expect(table[1][LEDGER_HEADERS.indexOf('缺项数')]).toBe(a.missingCount);
    expect(String(table[1][LEDGER_HEADERS.indexOf('缺项')])).toContain('送达回证（李四）');
    expect(table[2][LEDGER_HEADERS.indexOf('缺项数')]).toBe('无法读取卷宗目录');
  });
});

describe('options: archive table', () => {
  it('rejects invalid JSON and invalid tables with paths', () => {
    const bad = parseArchiveTableText('{');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0]).toContain('不是有效的 JSON');
    const t = JSON.parse(JSON.stringify(DEFAULT_ARCHIVE_TABLE));
    t.lists[0].items[0].titles = [];
    t.lists.push({ ...t.lists[1] });
    const r = parseArchiveTableText(JSON.stringify(t));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.some((e) => e.startsWith('lists[0].items[0].titles'))).toBe(true);
      expect(r.errors.some((e) => e.includes('清单编号重复'))).toBe(true);
    }
    const ok = parseArchiveTableText(JSON.stringify(DEFAULT_ARCHIVE_TABLE));
    expect(ok.ok).toBe(true);
  });
});

// ── background, over fake-indexeddb ──

let db: ZhixiaoDB;
beforeEach(async () => {
  db = openDb(`test-archive-ui-${crypto.randomUUID()}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

const sender = {} as never;
const ingest = (s: CaseSnapshot, profileId = 'demo-classic') =>
  ingestPage(db, { profileId, pageKind: 'case-detail', url: s.url ?? 'http://127.0.0.1:5304/', cases: [s] });

describe('getArchiveCheck / submitFlag handlers', () => {
  it('answers the check of the stored case, consistent with checkArchive, with the flag endpoint', async () => {
    await ingest(closed());
    const h = createArchiveHandlers({ db, today: () => TODAY });
    const reply = await h.getArchiveCheck({ type: 'getArchiveCheck', caseNo: '(2025)渝0107民初100号' }, sender);
    expect(() => responseSchema('getArchiveCheck').parse({ ok: true, data: reply })).not.toThrow();
    // A closed 判决 of the division needs 阅核 (the pilot model): its record is required in the 副卷. Not marked 四类,
    // so no 监管记录 and no mandatory 类案检索报告.
    const expected = checkArchive({ snapshot: closed(), today: TODAY, context: { supervised: false, reviewRequired: true, similarCaseRequired: false } });
    expect(reply.check!.items.map((i) => [i.id, i.state])).toEqual(expected.items.map((i) => [i.id, i.state]));
    const state = (id: string) => reply.check!.items.find((i) => i.id === id)?.state;
    expect(state('review-record')).toBe('missing');
    expect(state('supervision-record')).toBe('not-applicable');
    expect(state('similar-case-report')).toBe('not-applicable');
    expect(reply.check!.serviceProof).toEqual(expected.serviceProof);
    expect(reply.check!.flags).toEqual(expected.flags);
    expect(reply.flagEndpoint).toBe('http://127.0.0.1:5304/api/cases/c000100/flags');
    expect(reply.tableSource).toBe('default');
    expect(reply.lists.some((l) => l.id === 'civil-first')).toBe(true);
  });

  it('requires the 监管记录 and the 类案检索报告 once a person marks the case 四类', async () => {
    await ingest(closed());
    await addMark(db, {
      clientId: 'm1', caseNo: '(2025)渝0107民初100号', category: 2, subSituation: '涉及群体性纠纷', reason: '当事人众多',
      by: '林国栋', role: '庭长', at: '2025-06-01T10:00:00+08:00', action: 'mark',
    });
    const h = createArchiveHandlers({ db, today: () => TODAY });
    const reply = await h.getArchiveCheck({ type: 'getArchiveCheck', caseNo: '(2025)渝0107民初100号' }, sender);
    const state = (id: string) => reply.check!.items.find((i) => i.id === id)?.state;
    expect(state('supervision-record')).toBe('missing');
    expect(state('similar-case-report')).toBe('missing');
    expect(reply.check!.flags).toEqual(expect.arrayContaining(['missingSupervisionRecord', 'missingSimilarCaseReport']));
  });

  it('reports 无法读取卷宗目录 with a reason when the 目录 was never read, and null for unknown cases', async () => {
    await ingest(closed({ documents: undefined }));
    const h = createArchiveHandlers({ db, today: () => TODAY });
    const reply = await h.getArchiveCheck({ type: 'getArchiveCheck', caseNo: '（2025）渝0107民初100号' }, sender);
    expect(reply.check!.problem).toBe('无法读取卷宗目录');
    expect(reply.check!.items).toEqual([]);
    expect(reply.problemReason).toContain('电子卷宗目录');
    const none = await h.getArchiveCheck({ type: 'getArchiveCheck', caseNo: '（2025）渝0107民初999号' }, sender);
    expect(none.check).toBeNull();
  });

  it('checks against the list the clerk chose', async () => {
    await ingest(closed({ category: 'compensation', procedure: 'decision' }));
    const h = createArchiveHandlers({ db, today: () => TODAY });
    const auto = await h.getArchiveCheck({ type: 'getArchiveCheck', caseNo: '（2025）渝0107民初100号' }, sender);
    const chosen = await h.getArchiveCheck({ type: 'getArchiveCheck', caseNo: '（2025）渝0107民初100号', listId: 'civil-first' }, sender);
    expect(chosen.check!.listId).toBe('civil-first');
    expect(chosen.check!.problem).toBeUndefined();
    expect(auto.check!.problem).toBe('无适用清单');
    expect(auto.check!.items).toEqual([]);
  });

  it('stores a flag first and queues its write-back to the profile endpoint; the check then lists it as 未同步', async () => {
    await ingest(closed());
    let queued = 0;
    const h = createArchiveHandlers({ db, today: () => TODAY, onQueued: () => queued++ });
    const msg = MessageSchema.parse({
      type: 'submitFlag',
      flag: { clientId: 'f-1', caseNo: '（2025）渝0107民初100号', item: '宣判笔录', flag: '待补扫', reason: '纸质已有', by: '许诺', at: '2025-07-01T10:00:00+08:00' },
    });
    const r = await h.submitFlag(msg as never, sender);
    expect(r.queued).toBe(true);
    expect(queued).toBe(1);
    const outbox = await db.outbox.toArray();
    expect(outbox).toHaveLength(1);
    expect(outbox[0].endpoint).toBe('http://127.0.0.1:5304/api/cases/c000100/flags');
    expect(outbox[0].payload).toMatchObject({ zxWriteBack: 1, method: 'POST', body: 'json', data: { item: '宣判笔录', flag: '待补扫', clientId: 'f-1', by: '许诺' } });
    // the same clientId again: stored once
    await h.submitFlag(msg as never, sender);
    expect(await listFlags(db, '（2025）渝0107民初100号')).toHaveLength(1);
    const reply = await h.getArchiveCheck({ type: 'getArchiveCheck', caseNo: '（2025）渝0107民初100号' }, sender);
    expect(reply.flags.map((f) => [f.item, f.flag, f.syncState])).toEqual([['宣判笔录', '待补扫', 'pending']]);
  });

  it('by default runs the write-back processor at once: the host gets the flag and the flag turns synced', async () => {
    await ingest(closed());
    const calls: Array<{ url: string; body: string }> = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async (url: string, init: { body: string }) => {
      calls.push({ url: String(url), body: init.body });
      return new Response(JSON.stringify({ created: true }), { status: 201 });
    }) as unknown as typeof fetch;
    try {
      const h = createArchiveHandlers({ db, today: () => TODAY });
      await h.submitFlag({ type: 'submitFlag', flag: { clientId: 'f-9', caseNo: '（2025）渝0107民初100号', item: '宣判笔录', flag: '缺失', reason: '确未见', by: '许诺', at: '2025-07-01T10:00:00+08:00' } }, sender);
      await vi.waitFor(async () => expect((await listFlags(db, '（2025）渝0107民初100号'))[0].syncState).toBe('synced'));
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe('http://127.0.0.1:5304/api/cases/c000100/flags');
    expect(JSON.parse(calls[0].body)).toMatchObject({ item: '宣判笔录', flag: '缺失', reason: '确未见', clientId: 'f-9' });
    expect(await db.outbox.count()).toBe(0);
  });

  it('keeps a flag locally (not queued) when the host profile has no flag endpoint', async () => {
    await ingest(closed({ url: 'http://court.example/case/1' }), 'unknown-profile');
    const h = createArchiveHandlers({ db, today: () => TODAY });
    const r = await h.submitFlag({ type: 'submitFlag', flag: { clientId: 'f-2', caseNo: '（2025）渝0107民初100号', item: '卷底', flag: '不适用', reason: '电子卷宗单套制', by: '许诺', at: '2025-07-01T10:00:00+08:00' } }, sender);
    expect(r.queued).toBe(false);
    expect(await db.outbox.count()).toBe(0);
    expect(r.flag.syncState).toBe('pending');
  });

  it('uses a saved court table, and falls back to the default (reporting why) when the stored table is invalid', async () => {
    await ingest(closed());
    const table: ArchiveTable = { ...DEFAULT_ARCHIVE_TABLE, version: 'court-1', countdown: { ...DEFAULT_ARCHIVE_TABLE.countdown, warnDays: 50 } };
    await saveArchiveTable(db, table);
    const h = createArchiveHandlers({ db, today: () => TODAY });
    let reply = await h.getArchiveCheck({ type: 'getArchiveCheck', caseNo: '（2025）渝0107民初100号' }, sender);
    expect(reply.tableSource).toBe('custom');
    expect(reply.check!.countdown.state).toBe('ok'); // 42 days < 50
    await setSetting(db, ARCHIVE_TABLE_KEY, { version: 'x', lists: [] });
    reply = await h.getArchiveCheck({ type: 'getArchiveCheck', caseNo: '（2025）渝0107民初100号' }, sender);
    expect(reply.tableSource).toBe('default');
    expect(reply.tableError).toContain('已保存的归档清单无效');
    expect(reply.check!.countdown.state).toBe('due');
    await resetArchiveTable(db);
    expect(await getSetting(db, ARCHIVE_TABLE_KEY)).toBeUndefined();
    expect((await loadArchiveTable(db)).source).toBe('default');
    expect(() => GetArchiveCheckReplySchema.parse(reply)).not.toThrow();
  });

  it('builds the clerk ledger from the store, counting unsynced flags', async () => {
    await ingest(closed());
    await ingest(closed({ caseNo: '（2025）渝0107民初200号', hostRef: 'c000200', closedOn: '2025-03-01' }));
    await ingest(closed({ caseNo: '（2025）渝0107民初300号', hostRef: 'c000300', status: 'archived', archivedOn: '2025-06-01' }));
    await ingest(closed({ caseNo: '（2025）渝0107民初400号', hostRef: 'c000400', status: 'pending', closedOn: undefined, closeMethod: undefined }));
    const h = createArchiveHandlers({ db, today: () => TODAY, onQueued: () => {} });
    await h.submitFlag({ type: 'submitFlag', flag: { clientId: 'f-3', caseNo: '（2025）渝0107民初100号', item: '宣判笔录', flag: '缺失', reason: '确未见', by: '许诺', at: '2025-07-01T10:00:00+08:00' } }, sender);
    const rows = await archiveLedger(db, TODAY);
    expect(rows.map((r) => r.caseNo)).toEqual(['（2025）渝0107民初200号', '（2025）渝0107民初100号']);
    expect(rows[1].unsyncedFlags).toBe(1);
    expect(rows[0].unsyncedFlags).toBe(0);
    expect(rows[0].missingCount).toBeGreaterThan(0);
  });

  it('the ledger reads marks and sign-offs once for all cases and agrees with each case\'s own check', async () => {
    await ingest(closed());
    await ingest(closed({ caseNo: '（2025）渝0107民初200号', hostRef: 'c000200', closedOn: '2025-03-01' }));
    // 100号 marked 四类 (then un-marked and marked again: the history's order matters); 200号 is not
    const mark = (clientId: string, at: string, action: 'mark' | 'unmark') => addMark(db, {
      clientId, caseNo: '（2025）渝0107民初100号', category: 2, ...(action === 'mark' ? { subSituation: '涉及群体性纠纷' } : {}),
      reason: '当事人众多', by: '林国栋', role: '庭长', at, action,
    });
    await mark('m1', '2025-06-01T10:00:00+08:00', 'mark');
    await mark('m2', '2025-06-02T10:00:00+08:00', 'unmark');
    await mark('m3', '2025-06-03T10:00:00+08:00', 'mark');
    const h = createArchiveHandlers({ db, today: () => TODAY });
    const rows = await archiveLedger(db, TODAY);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      const check = (await h.getArchiveCheck({ type: 'getArchiveCheck', caseNo: row.caseNo }, sender)).check!;
      expect({ count: row.missingCount, names: row.missing }, row.caseNo).toEqual(missingOf(check));
    }
    const marked = rows.find((r) => r.caseNo.includes('100号'))!;
    const plain = rows.find((r) => r.caseNo.includes('200号'))!;
    expect(marked.missing.join()).toContain('监督管理记录');
    expect(plain.missing.join()).not.toContain('监督管理记录');
  });
});

describe('flag endpoint', () => {
  it('fills {hostRef} and resolves against the case page', () => {
    const p = builtinProfile('demo-modern')!;
    expect(flagEndpointOf(p, { caseNo: 'x', hostRef: 'c 1', url: 'http://localhost:9000/app/cases/c1/archive' })).toBe('http://localhost:9000/api/cases/c%201/flags');
    expect(flagEndpointOf(p, { caseNo: 'x', url: 'http://localhost:9000/app/cases/c1/archive' })).toBeNull();
    expect(flagEndpointOf(undefined, { caseNo: 'x', hostRef: 'c1' })).toBeNull();
  });

  it('resolves against the requesting page when the case has no URL, only on the profile origins', () => {
    const p = builtinProfile('demo-classic')!;
    expect(flagEndpointOf(p, { caseNo: 'x', hostRef: 'c1' }, 'http://127.0.0.1:5304/classic/case/c1/archive')).toBe('http://127.0.0.1:5304/api/cases/c1/flags');
    expect(flagEndpointOf(p, { caseNo: 'x', hostRef: 'c1' }, 'https://evil.example/classic/case/c1/archive')).toBeNull();
    expect(flagEndpointOf(p, { caseNo: 'x', hostRef: 'c1' })).toBeNull();
  });

  it('queues the flag to the host of the requesting page when the stored case has no URL', async () => {
    await ingest(closed({ url: undefined }));
    const h = createArchiveHandlers({ db, today: () => TODAY, onQueued: () => {} });
    const page = { url: 'http://localhost:7000/app/cases/c000100/archive' } as never;
    const check = await h.getArchiveCheck({ type: 'getArchiveCheck', caseNo: '（2025）渝0107民初100号' }, page);
    expect(check.flagEndpoint).toBe('http://localhost:7000/api/cases/c000100/flags');
    const r = await h.submitFlag({ type: 'submitFlag', flag: { clientId: 'f-7', caseNo: '（2025）渝0107民初100号', item: '卷底', flag: '缺失', reason: '确未见', by: '许诺', at: '2025-07-01T10:00:00+08:00' } }, page);
    expect(r.queued).toBe(true);
    expect((await db.outbox.toArray())[0].endpoint).toBe('http://localhost:7000/api/cases/c000100/flags');
  });
});

describe('archive page detection', () => {
  const profile = builtinProfile('demo-classic')!;
  const base = { profile, page: { kind: 'case-detail' as const, name: '案件详情' } };
  const result = (sections: string[], cases: CaseSnapshot[] = [closed()]) => ({
    profile: 'demo-classic', page: '案件详情', kind: 'case-detail' as const, sections, cases, missing: [], errors: [],
  });
  it('finds the profile section that reads the 电子卷宗目录', () => {
    expect(archiveSectionsOf(profile, '案件详情')).toEqual(['电子卷宗目录']);
  });
  it('is on for the 电子卷宗 tab, off for other tabs', () => {
    expect(archivePageState({ ...base, url: 'http://127.0.0.1:1/classic/case/c1/archive', result: result(['基本信息', '电子卷宗目录']) })).toEqual({ on: true });
    expect(archivePageState({ ...base, url: 'http://127.0.0.1:1/classic/case/c1/docs', result: result(['基本信息', '文书']) })).toEqual({ on: false });
  });
  it('says why when the archive tab could not be read (never "complete")', () => {
    const missingSection = archivePageState({ ...base, url: 'http://127.0.0.1:1/classic/case/c1/archive', result: result(['基本信息']) });
    expect(missingSection.on).toBe(true);
    expect(missingSection.reason).toContain('未找到');
    const noCase = archivePageState({ ...base, url: 'http://127.0.0.1:1/classic/case/c1/archive', result: { ...result(['电子卷宗目录'], []), errors: ['立案日期：无法识别的日期'] } });
    expect(noCase.reason).toContain('无法识别的日期');
  });
});
