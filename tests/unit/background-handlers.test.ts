// The background's own handlers, called as the router would (validated message in, data out).
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../utils/background';
import { ingestPage, openDb } from '../../utils/store';

describe('getCaseViews', () => {
  it('answers in request order with null for unknown cases, from one read', async () => {
    const db = openDb(`handlers-${Math.random()}`);
    const known = { caseNo: '（2024）渝0107民初100号', category: 'civil' as const, procedure: 'ordinary' as const, filedOn: '2024-06-03' };
    await ingestPage(db, { profileId: 'p', pageKind: 'case-list', url: 'http://h/', cases: [known] });
    const h = createHandlers(db);
    const reply = await h.getCaseViews!({ type: 'getCaseViews', caseNos: ['(2024)渝0107民初999号', '(2024)渝0107民初100号'] }, { id: 'x' });
    expect(reply.views[0]).toBeNull();
    expect(reply.views[1]?.caseKey).toBe('(2024)渝0107民初100号');
    expect(reply.views[1]?.deadline?.dueOn).toBe('2024-12-03'); // 6 months from 立案 (民诉法 art 152)
    await db.delete();
  });
});

describe('ingest', () => {
  const row = { caseNo: '（2024）渝0107民初100号', category: 'civil', procedure: 'ordinary', filedOn: '2024-06-03', status: 'pending' };
  const msg = { type: 'ingest' as const, profileId: 'p', pageKind: 'case-list', url: 'http://h/', missing: [], errors: [] };

  it('answers a list page with row views, a case page with whole views, and stores both', async () => {
    const db = openDb(`handlers-ingest-${Math.random()}`);
    let changed = 0;
    const h = createHandlers(db, () => changed++);
    const list = await h.ingest!({ ...msg, cases: [row, { caseNo: '（2024）渝0107民初101号', filedOn: '2024-02-30' }], detail: 'rows' }, { id: 'x' });
    expect(list.views).toEqual([]);
    expect(list.rows).toHaveLength(1);
    expect(list.rows![0]).toEqual({ caseKey: '(2024)渝0107民初100号', caseNo: '（2024）渝0107民初100号', closed: false, badge: expect.objectContaining({ level: expect.any(String) }), tags: expect.any(Array) });
    expect(list.rejected?.[0]).toMatch(/^第 2 件/);
    expect(list.newCases).toBe(1);
    expect(list.casesCached).toBe(1);
    const detail = await h.ingest!({ ...msg, pageKind: 'case-detail', cases: [row] }, { id: 'x' });
    expect(detail.rows).toBeUndefined();
    expect(detail.views[0].deadline?.dueOn).toBe('2024-12-03');
    expect(detail.newCases).toBe(0);
    await new Promise((r) => setTimeout(r, 50)); // the writes follow the replies
    expect(await db.cases.count()).toBe(1);
    expect(changed).toBe(2);
    await db.delete();
  });
});

describe('recentRows', () => {
  const listUrl = 'http://h.court/cases?page=1&size=500';
  const caseA = { caseNo: '（2024）渝0107民初100号', category: 'civil', procedure: 'ordinary', filedOn: '2024-06-03', status: 'pending' };
  const caseB = { caseNo: '（2024）渝0107民初101号', category: 'civil', procedure: 'ordinary', filedOn: '2024-06-10', status: 'pending' };
  const msg = { type: 'ingest' as const, profileId: 'p', missing: [], errors: [] };
  const frame = { id: 'x', url: 'http://h.court/cases?page=1&size=500' };

  it('offers the rows a list page showed last, refreshed by a later case page, to frames of that origin only', async () => {
    const db = openDb(`handlers-recent-${Math.random()}`);
    const h = createHandlers(db);
    expect((await h.recentRows!({ type: 'recentRows', url: listUrl }, frame)).page).toBeNull();
    const list = await h.ingest!({ ...msg, pageKind: 'case-list', url: listUrl, cases: [caseA, caseB], detail: 'rows' }, frame);
    const first = (await h.recentRows!({ type: 'recentRows', url: listUrl }, frame)).page;
    expect(first?.rows).toEqual(list.rows);
    expect(first?.casesCached).toBe(2);
    // Another page of the list, or the same list on another host, is not this page.
    expect((await h.recentRows!({ type: 'recentRows', url: 'http://h.court/cases?page=2&size=500' }, frame)).page).toBeNull();
    expect((await h.recentRows!({ type: 'recentRows', url: listUrl }, { id: 'x', url: 'http://evil.example/cases' })).page).toBeNull();
    expect((await h.recentRows!({ type: 'recentRows', url: listUrl }, { id: 'x' })).page).toBeNull();
    // The judge opens case A and the host now shows an extension: the list's rows follow at once.
    const extended = { ...caseA, events: [{ kind: 'extension', on: '2024-11-20', months: 6, approvedBy: '院长' }] };
    const detail = await h.ingest!({ ...msg, pageKind: 'case-detail', url: 'http://h.court/cases/1', cases: [extended] }, frame);
    const again = (await h.recentRows!({ type: 'recentRows', url: listUrl }, frame)).page!;
    expect(again.rows[0].badge).toEqual(detail.views[0].badge);
    expect(again.rows[0].badge).not.toEqual(first!.rows[0].badge);
    expect(again.rows[1]).toEqual(first!.rows[1]);
    await new Promise((r) => setTimeout(r, 50)); // the writes follow the replies
    await db.delete();
  });
});
