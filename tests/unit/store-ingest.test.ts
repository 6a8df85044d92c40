import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseSnapshot } from '../../utils/domain/case';
import { caseKeyOf } from '../../utils/store/case-key';
import { openDb, type ZhixiaoDB } from '../../utils/store/db';
import { childRows, getCase, getCases, ingestPage, listCases } from '../../utils/store/repo';

let db: ZhixiaoDB;
beforeEach(async () => {
  db = openDb(`test-ingest-${crypto.randomUUID()}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

const T1 = Date.UTC(2025, 0, 10, 2);
const T2 = Date.UTC(2025, 0, 11, 2);
const T3 = Date.UTC(2025, 0, 12, 2);

const detail = (): CaseSnapshot => ({
  caseNo: '（2024）渝0107民初１６６９号',
  hostRef: 'C1669',
  cause: '民间借贷纠纷',
  category: 'civil',
  procedure: 'ordinary',
  filedOn: '2024-08-31',
  status: 'pending',
  judge: '张三',
  division: '民一庭',
  parties: [
    { name: '甲公司', role: '原告' },
    { name: '乙', role: '被告' },
  ],
  events: [
    { kind: 'hearing', on: '2024-10-10' },
    { kind: 'deduction', reason: '鉴定', from: '2024-10-20' },
    { kind: 'extension', on: '2025-02-20', months: 6, approvedBy: '院长' },
  ],
  documents: [
    { title: '起诉状', date: '2024-08-31', volume: 'main' },
    { title: '送达回证', date: '2024-09-03', volume: 'main', party: '乙' },
  ],
});
const page = (cases: CaseSnapshot[], pageKind = 'case-detail') => ({
  profileId: 'demo-classic',
  pageKind,
  url: 'http://127.0.0.1:5180/case/1669',
  cases,
});

describe('caseKeyOf', () => {
  it('normalizes brackets, full-width digits and spaces, idempotently', () => {
    expect(caseKeyOf('（2024）渝0107民初１６６９号')).toBe('(2024)渝0107民初1669号');
    expect(caseKeyOf(' 〔2024〕 渝0107 民初1669号')).toBe('(2024)渝0107民初1669号');
    expect(caseKeyOf('[2024]渝0107民初1669号')).toBe('(2024)渝0107民初1669号');
    expect(caseKeyOf('(2024)渝0107民初1669号')).toBe('(2024)渝0107民初1669号');
  });
});

describe('ingestPage', () => {
  it('inserts a case and reads it back merged, keyed by the normalized 案号', async () => {
    const r = await ingestPage(db, page([detail()]), T1);
    expect(r).toEqual({ inserted: 1, updated: 0, unchanged: 0, caseKeys: ['(2024)渝0107民初1669号'] });
    const c = await getCase(db, '(2024)渝0107民初1669号');
    expect(c).toMatchObject({
      caseKey: '(2024)渝0107民初1669号',
      caseNo: '（2024）渝0107民初１６６９号',
      judge: '张三',
      firstSeenAt: T1,
      lastSeenAt: T1,
      sources: ['demo-classic/case-detail'],
    });
    expect(c!.events).toEqual(detail().events);
    expect(c!.parties).toEqual(detail().parties);
    expect(c!.documents).toEqual(detail().documents);
    // any formatting of the 案号 finds it
    expect((await getCase(db, '〔2024〕渝0107民初1669号'))?.caseKey).toBe(c!.caseKey);
  });

  it('is idempotent: the same page twice writes nothing (lastSeenAt too stays: it is the case revision)', async () => {
    await ingestPage(db, page([detail()]), T1);
    const dump = async () => ({
      cases: await db.cases.toArray(),
      events: await childRows(db, 'events'),
      parties: await childRows(db, 'parties'),
      documents: await childRows(db, 'documents'),
    });
    const before = await dump();
    const r = await ingestPage(db, page([detail()]), T2);
    expect(r).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    const after = await dump();
    expect(after.cases[0].lastSeenAt).toBe(T1);
    expect(after).toEqual(before);
    const changed = await ingestPage(db, page([{ ...detail(), judge: '赵磊' }]), T2);
    expect(changed).toMatchObject({ updated: 1 });
    expect((await db.cases.toArray())[0].lastSeenAt).toBe(T2);
  });

  it('revisions only increase: a clock that went back or the same millisecond still gives a higher lastSeenAt', async () => {
    await ingestPage(db, page([detail()]), T2);
    const other = { ...detail(), caseNo: '(2024)渝0107民初1670号' };
    // the clock went back: the new case is not given a revision below the stored one
    await ingestPage(db, page([other]), T1);
    const rev = async (no: string) => (await getCase(db, no))!.lastSeenAt;
    expect(await rev('(2024)渝0107民初1670号')).toBe(T2 + 1);
    // a change at the same (earlier) time: above everything again; firstSeenAt keeps the clock's time
    await ingestPage(db, page([{ ...detail(), judge: '赵磊' }]), T1);
    expect(await rev('(2024)渝0107民初1669号')).toBe(T2 + 2);
    expect((await getCase(db, '(2024)渝0107民初1670号'))!.firstSeenAt).toBe(T1);
    // an unchanged page still writes nothing
    await ingestPage(db, page([other]), T1);
    expect(await rev('(2024)渝0107民初1670号')).toBe(T2 + 1);
    // "changed since W" is exactly the lastSeenAt range above W
    expect(await db.cases.where('lastSeenAt').above(T2 + 1).primaryKeys()).toEqual(['(2024)渝0107民初1669号']);
    // a clock ahead again: its own time
    await ingestPage(db, page([{ ...detail(), judge: '钱七' }]), T2 + 1000);
    expect(await rev('(2024)渝0107民初1669号')).toBe(T2 + 1000);
  });

  it('overwrites scalars that are present and leaves absent ones and absent sections alone', async () => {
    await ingestPage(db, page([detail()]), T1);
    // a list row: few scalars, no sections
    const r = await ingestPage(
      db,
      page([{ caseNo: '(2024)渝0107民初1669号', status: 'closed', closedOn: '2025-03-01', judge: '李四' }], 'case-list'),
      T2,
    );
    expect(r).toMatchObject({ updated: 1 });
    const c = (await getCase(db, '(2024)渝0107民初1669号'))!;
    expect(c).toMatchObject({ status: 'closed', closedOn: '2025-03-01', judge: '李四', cause: '民间借贷纠纷', filedOn: '2024-08-31', hostRef: 'C1669' });
    expect(c.events).toHaveLength(3);
    expect(c.parties).toHaveLength(2);
    expect(c.documents).toHaveLength(2);
    expect(c.sources).toEqual(['demo-classic/case-detail', 'demo-classic/case-list']);
    expect(c.firstSeenAt).toBe(T1);
    expect(c.lastSeenAt).toBe(T2);
  });

  it('marks events and documents a shown section no longer has as goneSince, never deleting them; reappearing clears it', async () => {
    await ingestPage(db, page([detail()]), T1);
    const less = detail();
    less.events = [less.events![0], less.events![2]]; // the deduction disappeared
    less.documents = [less.documents![0]]; // the 送达回证 disappeared
    delete less.parties; // the parties tab was not shown
    const r = await ingestPage(db, page([less]), T2);
    expect(r).toMatchObject({ updated: 1 });

    const c = (await getCase(db, less.caseNo))!;
    expect(c.events!.map((e) => e.kind)).toEqual(['hearing', 'extension']);
    expect(c.documents!.map((d) => d.title)).toEqual(['起诉状']);
    expect(c.parties).toHaveLength(2);
    // still stored
    expect((await childRows(db, 'events')).length).toBe(3);
    expect((await childRows(db, 'documents')).length).toBe(2);
    const withGone = (await getCase(db, less.caseNo, { includeGone: true }))!;
    expect(withGone.gone!.events).toEqual([{ kind: 'deduction', reason: '鉴定', from: '2024-10-20', goneSince: T2 }]);
    expect(withGone.gone!.documents).toEqual([{ title: '送达回证', date: '2024-09-03', volume: 'main', party: '乙', goneSince: T2 }]);

    // seeing the same smaller page again keeps the original goneSince
    await ingestPage(db, page([less]), T3);
    expect((await getCase(db, less.caseNo, { includeGone: true }))!.gone!.events[0].goneSince).toBe(T2);

    // reappearing clears goneSince and keeps firstSeenAt
    const back = await ingestPage(db, page([detail()]), T3);
    expect(back).toMatchObject({ updated: 1 });
    const again = (await getCase(db, less.caseNo, { includeGone: true }))!;
    expect(again.events).toEqual(detail().events);
    expect(again.documents).toEqual(detail().documents);
    expect(again.gone).toEqual({ events: [], parties: [], documents: [], writs: [] });
    const row = (await childRows(db, 'events', [again.caseKey])).find((e) => e.kind === 'deduction');
    expect(row).toMatchObject({ firstSeenAt: T1 });
    expect(row!.goneSince).toBeUndefined();
  });

  it('an empty section that is shown marks everything gone; nothing is lost', async () => {
    await ingestPage(db, page([detail()]), T1);
    await ingestPage(db, page([{ ...detail(), events: [] }]), T2);
    const c = (await getCase(db, detail().caseNo, { includeGone: true }))!;
    expect(c.events).toEqual([]);
    expect(c.gone!.events).toHaveLength(3);
    expect((await childRows(db, 'events')).length).toBe(3);
  });

  it('updates an event in place when its content changes (an open deduction gets its end date)', async () => {
    await ingestPage(db, page([detail()]), T1);
    const closed = detail();
    closed.events![1] = { kind: 'deduction', reason: '鉴定', from: '2024-10-20', to: '2024-12-01' };
    const r = await ingestPage(db, page([closed]), T2);
    expect(r).toMatchObject({ updated: 1 });
    const c = (await getCase(db, closed.caseNo, { includeGone: true }))!;
    expect(c.events![1]).toEqual({ kind: 'deduction', reason: '鉴定', from: '2024-10-20', to: '2024-12-01' });
    expect(c.gone!.events).toEqual([]);
    expect((await childRows(db, 'events')).length).toBe(3);
  });

  it('keeps repeated identical items apart and in host order', async () => {
    const snap: CaseSnapshot = {
      caseNo: '(2024)渝0107民初7号',
      events: [
        { kind: 'hearing', on: '2024-10-10', postponed: true },
        { kind: 'hearing', on: '2024-10-10' },
      ],
      documents: [{ title: '送达回证' }, { title: '送达回证' }],
    };
    await ingestPage(db, page([snap]), T1);
    const c = (await getCase(db, snap.caseNo))!;
    expect(c.events).toEqual(snap.events);
    expect(c.documents).toEqual(snap.documents);
    expect(await ingestPage(db, page([snap]), T2)).toMatchObject({ unchanged: 1 });
  });

  it('merges several rows of the same case on one page and counts inserted / updated / unchanged', async () => {
    await ingestPage(db, page([detail()]), T1);
    const r = await ingestPage(
      db,
      page(
        [
          { caseNo: '(2024)渝0107民初1669号', judge: '张三' }, // unchanged
          { caseNo: '(2024)渝0107民初2号', judge: '王五', status: 'pending' },
          { caseNo: '（2024）渝0107民初2号', division: '民二庭' }, // same case, other formatting
        ],
        'case-list',
      ),
      T2,
    );
    // the known case gains a source (case-list), which counts as an update
    expect(r).toEqual({ inserted: 1, updated: 1, unchanged: 0, caseKeys: ['(2024)渝0107民初1669号', '(2024)渝0107民初2号'] });
    expect(await getCase(db, '(2024)渝0107民初2号')).toMatchObject({ judge: '王五', division: '民二庭', status: 'pending' });
    const again = await ingestPage(db, page([{ caseNo: '(2024)渝0107民初1669号', judge: '张三' }], 'case-list'), T3);
    expect(again).toMatchObject({ unchanged: 1 });
  });

  it('a case never shown with a section has no such section; one shown empty has []', async () => {
    await ingestPage(db, page([{ caseNo: '(2024)渝0107民初3号', judge: '王五', parties: [] }], 'case-list'), T1);
    const c = (await getCase(db, '(2024)渝0107民初3号'))!;
    expect(c.parties).toEqual([]);
    expect(c.events).toBeUndefined();
    expect(c.documents).toBeUndefined();
    expect(await getCase(db, '(2024)渝0107民初404号')).toBeUndefined();
  });

  it('getCases returns cases in input order with undefined for unknown ones', async () => {
    await ingestPage(db, page([detail(), { caseNo: '(2024)渝0107民初2号', judge: '王五' }]), T1);
    const got = await getCases(db, ['(2024)渝0107民初2号', 'nope', '（2024）渝0107民初1669号']);
    expect(got.map((c) => c?.caseKey)).toEqual(['(2024)渝0107民初2号', undefined, '(2024)渝0107民初1669号']);
    expect(got[2]!.events).toHaveLength(3);
  });

  it('listCases filters on indexed fields and date ranges', async () => {
    await ingestPage(
      db,
      page(
        [
          { caseNo: '(2024)渝0107民初1号', judge: '张三', division: '民一庭', status: 'pending', category: 'civil', filedOn: '2024-01-05' },
          { caseNo: '(2024)渝0107民初2号', judge: '张三', division: '民一庭', status: 'closed', category: 'civil', filedOn: '2024-03-05', closedOn: '2024-06-01' },
          { caseNo: '(2024)渝0107刑初3号', judge: '李四', division: '刑庭', status: 'pending', category: 'criminal', filedOn: '2024-05-05' },
        ],
        'case-list',
      ),
      T1,
    );
    const keys = (rows: { caseKey: string }[]) => rows.map((r) => r.caseKey).sort();
    expect(keys(await listCases(db, { judge: '张三' }))).toEqual(['(2024)渝0107民初1号', '(2024)渝0107民初2号']);
    expect(keys(await listCases(db, { judge: '张三', status: 'pending' }))).toEqual(['(2024)渝0107民初1号']);
    expect(keys(await listCases(db, { status: ['pending', 'closed'], category: 'criminal' }))).toEqual(['(2024)渝0107刑初3号']);
    expect(keys(await listCases(db, { filedOn: { from: '2024-02-01', to: '2024-05-05' } }))).toEqual(['(2024)渝0107刑初3号', '(2024)渝0107民初2号']);
    expect(keys(await listCases(db, { closedOn: { from: '2024-01-01' } }))).toEqual(['(2024)渝0107民初2号']);
    expect(await listCases(db)).toHaveLength(3);
    expect(await listCases(db, { limit: 2 })).toHaveLength(2);
  });

  it('ingests 1,000 cases and re-ingests them unchanged in one go', async () => {
    const many: CaseSnapshot[] = Array.from({ length: 1000 }, (_, i) => ({
      ...detail(),
      caseNo: `(2024)渝0107民初${i + 1}号`,
    }));
    expect(await ingestPage(db, page(many, 'case-list'), T1)).toMatchObject({ inserted: 1000 });
    expect(await ingestPage(db, page(many, 'case-list'), T2)).toMatchObject({ unchanged: 1000 });
    expect((await childRows(db, 'events')).length).toBe(3000);
  });
});
