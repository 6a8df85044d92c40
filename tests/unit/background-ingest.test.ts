// The ingest hot path computes views from stored ⊕ page without re-reading: that overlay must agree with what
// the store holds after the write, or badges would show something other than the stored truth.
import { describe, expect, it } from 'vitest';
import type { CaseSnapshot } from '../../utils/domain/case';
import { getCase, getCases, ingestPage, openDb } from '../../utils/store';
import { ingestAndView, overlaySnapshot, ViewCache, WriteQueue } from '../../utils/background/ingest';
import { CaseCount } from '../../utils/store';

const base: CaseSnapshot = {
  caseNo: '（2024）渝0107民初100号',
  cause: '民间借贷纠纷',
  category: 'civil',
  procedure: 'ordinary',
  filedOn: '2024-06-03',
  judge: '王建国',
  status: 'pending',
  parties: [{ name: '张三', role: '原告' }, { name: '李四', role: '被告' }],
  events: [{ kind: 'deduction', reason: '鉴定', from: '2024-09-20' }],
  documents: [{ title: '起诉状', date: '2024-06-03', volume: 'main' }],
};

const strip = (c: CaseSnapshot | undefined) => {
  if (!c) return c;
  const { caseKey: _k, firstSeenAt: _f, lastSeenAt: _l, sources: _s, gone: _g, ...rest } = c as Record<string, unknown>;
  return rest;
};

describe('ingest overlay', () => {
  it.each([
    ['a list row (scalars only)', { caseNo: '(2024)渝0107民初100号', cause: '民间借贷纠纷', judge: '赵磊', status: 'pending' } as CaseSnapshot],
    ['the 审限变更 tab (events replaced: the deduction ended, an extension added)', {
      caseNo: '（2024）渝0107民初100号',
      events: [
        { kind: 'deduction', reason: '鉴定', from: '2024-09-20', to: '2024-11-25' },
        { kind: 'extension', on: '2024-11-20', months: 6, approvedBy: '院长' },
      ],
    } as CaseSnapshot],
    ['the 当事人 tab showing fewer parties', { caseNo: '（2024）渝0107民初100号', parties: [{ name: '张三', role: '原告' }] } as CaseSnapshot],
    ['a closing', { caseNo: '（2024）渝0107民初100号', status: 'closed', closedOn: '2024-12-01', closeMethod: '判决' } as CaseSnapshot],
  ])('agrees with the store after ingesting %s', async (_label, page) => {
    const db = openDb(`ingest-overlay-${Math.random()}`);
    await ingestPage(db, { profileId: 'p', pageKind: 'case-detail', url: 'http://h/1', cases: [base] });
    const before = await getCase(db, base.caseNo);
    const predicted = overlaySnapshot(before, page);
    await ingestPage(db, { profileId: 'p', pageKind: 'case-detail', url: 'http://h/2', cases: [page] });
    const after = await getCase(db, base.caseNo);
    expect(strip(predicted)).toEqual(strip(after));
    await db.delete();
  });

  it('answers with views, then stores the page, and reuses unchanged views', async () => {
    const db = openDb(`ingest-views-${Math.random()}`);
    const cache = new ViewCache();
    const cfg = {};
    const first = await ingestAndView(db, { profileId: 'p', pageKind: 'case-list', url: 'u', cases: [base] }, '2024-11-25', cfg, cfg, cache);
    expect(first.newCases).toBe(1);
    expect(first.views[0].deadline?.dueOn).toBe('2025-02-07'); // domain.md §3.3 example 4
    expect((await first.written).inserted).toBe(1);
    expect(await getCase(db, base.caseNo)).toBeTruthy();
    const again = await ingestAndView(db, { profileId: 'p', pageKind: 'case-list', url: 'u', cases: [base] }, '2024-11-25', cfg, cfg, cache);
    expect(again.views[0]).toBe(first.views[0]); // same object: not re-evaluated
    const nextDay = await ingestAndView(db, { profileId: 'p', pageKind: 'case-list', url: 'u', cases: [base] }, '2024-12-20', cfg, cfg, cache);
    expect(nextDay.views[0]).not.toBe(first.views[0]);
    expect(nextDay.views[0].deadline?.daysLeft).toBe(74); // the open deduction freezes the countdown
    await db.delete();
  });

  it('a page ingested right after another sees its queued write', async () => {
    const db = openDb(`ingest-queue-${Math.random()}`);
    const writes = new WriteQueue();
    const cache = new ViewCache();
    const detail = await ingestAndView(db, { profileId: 'p', pageKind: 'case-detail', url: 'd', cases: [base] }, '2024-11-25', {}, {}, cache, writes);
    // Not awaiting detail.written: the list page arrives while the detail page is still being stored.
    const listRow: CaseSnapshot = { caseNo: base.caseNo, cause: base.cause, judge: base.judge, status: 'pending' };
    const list = await ingestAndView(db, { profileId: 'p', pageKind: 'case-list', url: 'l', cases: [listRow] }, '2024-11-25', {}, {}, cache, writes);
    expect(list.newCases).toBe(0);
    expect(list.views[0].deadline?.dueOn).toBe(detail.views[0].deadline?.dueOn); // the stored deduction counts
    expect(list.views[0].deadline?.dueOn).not.toBe('2024-12-03'); // what the list row alone would give
    await Promise.all([detail.written, list.written]);
    expect((await getCase(db, base.caseNo))?.events).toHaveLength(1);
    await db.delete();
  });

  it('pages are answered in order, each from the store as the pages before it left it; counts stay exact', async () => {
    const db = openDb(`ingest-pipeline-${Math.random()}`);
    const writes = new WriteQueue();
    const cache = new ViewCache();
    const count = new CaseCount(db);
    expect(await count.get()).toBe(0);
    // hold the queue: a slow write is in flight
    let release!: () => void;
    const held = writes.run(() => new Promise<void>((r) => { release = r; }));
    const answered: string[] = [];
    const other: CaseSnapshot = { caseNo: '（2024）渝0107民初102号', cause: '买卖合同纠纷', status: 'pending' };
    const a = ingestAndView(db, { profileId: 'p', pageKind: 'case-list', url: 'l1', cases: [base] }, '2024-11-25', {}, {}, cache, writes, count)
      .then((r) => { answered.push('a'); return r; });
    const b = ingestAndView(db, { profileId: 'p', pageKind: 'case-list', url: 'l2', cases: [other] }, '2024-11-25', {}, {}, cache, writes, count)
      .then((r) => { answered.push('b'); return r; });
    // the 审限变更 tab of a's case: its answer must build on what a stores (filedOn, procedure …)
    const c = ingestAndView(db, { profileId: 'p', pageKind: 'case-detail', url: 'd', cases: [{ caseNo: base.caseNo, events: base.events }] }, '2024-11-25', {}, {}, cache, writes, count)
      .then((r) => { answered.push('c'); return r; });
    await new Promise((r) => setTimeout(r, 30));
    expect(answered).toEqual([]); // nothing is read before the writes queued earlier are done
    release();
    await held;
    const [ra, rb, rc] = await Promise.all([a, b, c]);
    expect(answered).toEqual(['a', 'b', 'c']);
    expect([ra.newCases, ra.casesCached]).toEqual([1, 1]);
    expect([rb.newCases, rb.casesCached]).toEqual([1, 2]);
    expect([rc.newCases, rc.casesCached]).toEqual([0, 2]);
    expect(rc.views[0].caseNo).toBe(base.caseNo);
    expect(rc.views[0].deadline?.dueOn).toBeTruthy(); // c's page alone has no filing date: a's stored one counts
    expect(rc.views[0]).toEqual(ra.views[0]);
    await Promise.all([ra.written, rb.written, rc.written]);
    expect(await db.cases.count()).toBe(2);
    count.close();
    await db.delete();
  });

  it('counts inside the write when the count is not current, and a failed write answers with its error', async () => {
    const db = openDb(`ingest-count-${Math.random()}`);
    await ingestPage(db, { profileId: 'p', pageKind: 'case-list', url: 'l', cases: [base] });
    const writes = new WriteQueue();
    const count = new CaseCount(db);
    const other: CaseSnapshot = { caseNo: '（2024）渝0107民初102号', status: 'pending' };
    const r = await ingestAndView(db, { profileId: 'p', pageKind: 'case-list', url: 'l', cases: [other] }, '2024-11-25', {}, {}, new ViewCache(), writes, count);
    expect([r.newCases, r.casesCached]).toEqual([1, 2]);
    await r.written;
    expect(await count.get()).toBe(2);
    // a database that cannot be written: the page is answered with the error, not left hanging
    db.close();
    await expect(ingestAndView(db, { profileId: 'p', pageKind: 'case-list', url: 'l', cases: [base] }, '2024-11-25', {}, {}, new ViewCache(), writes, count)).rejects.toThrow();
    count.close();
    await db.delete();
  });

  it('the view cache keeps only its most recently used cases', () => {
    const cache = new ViewCache(2);
    const snap = (n: number): CaseSnapshot => ({ ...base, caseNo: `（2024）渝0107民初${n}号` });
    const a = cache.viewOf(snap(1), '2024-11-25', {}, {} as object);
    const key = {};
    const v1 = cache.viewOf(snap(1), '2024-11-25', {}, key);
    const v2first = cache.viewOf(snap(2), '2024-11-25', {}, key);
    expect(cache.viewOf(snap(2), '2024-11-25', {}, key)).toBe(v2first);
    expect(cache.viewOf(snap(1), '2024-11-25', {}, key)).toBe(v1); // 1 used last: 2 is the oldest
    cache.viewOf(snap(3), '2024-11-25', {}, key); // evicts 2
    expect(cache.viewOf(snap(1), '2024-11-25', {}, key)).toBe(v1);
    const v2 = cache.viewOf(snap(2), '2024-11-25', {}, key);
    expect(v2).not.toBe(v2first); // evaluated again
    expect(v2).toEqual(v2first);
    expect(a).not.toBe(v1); // another configuration object: evaluated anew
  });

  it('a failed write does not block the writes queued after it', async () => {
    const writes = new WriteQueue();
    const order: string[] = [];
    const bad = writes.run(async () => { order.push('bad'); throw new Error('disk full'); });
    const good = writes.run(async () => { order.push('good'); return 1; });
    await expect(bad).rejects.toThrow('disk full');
    await expect(good).resolves.toBe(1);
    await writes.idle();
    expect(order).toEqual(['bad', 'good']);
  });
});

describe('getCases sections', () => {
  it('reads only the sections asked for, and child rows only for cases seen with them', async () => {
    const db = openDb(`getcases-sections-${Math.random()}`);
    const other: CaseSnapshot = { caseNo: '（2024）渝0107民初101号', cause: '买卖合同纠纷', status: 'pending' };
    await ingestPage(db, { profileId: 'p', pageKind: 'case-detail', url: 'd', cases: [base, other] });
    const [full, bare] = await getCases(db, [base.caseNo, other.caseNo]);
    expect(full?.events).toHaveLength(1);
    expect(full?.parties).toHaveLength(2);
    expect(bare?.events).toBeUndefined();
    const [partial] = await getCases(db, [base.caseNo], { sections: ['events'] });
    expect(partial?.events).toHaveLength(1);
    expect(partial?.parties).toBeUndefined();
    expect(partial?.documents).toBeUndefined();
    await db.delete();
  });
});
