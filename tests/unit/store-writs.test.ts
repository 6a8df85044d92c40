// Store schema v3: 文书 (writs) as their own section, clerk and the 待阅核 review as case fields, the v2 → v3
// migration of a real-shaped v2 database (文书 rows that v2 kept among the documents) and backups of v1/v2/v3.
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseSnapshot } from '../../utils/domain/case';
import { openDb, type ZhixiaoDB } from '../../utils/store/db';
import { CaseRowSchema, DocumentRowSchema, WritRowSchema } from '../../utils/store/records';
import { childRows, exportAll, getCase, importAll, ingestPage, listSignoffs } from '../../utils/store/repo';
import { childRow } from './support/store-rows';
import { SCHEMA_HISTORY, SCHEMA_VERSION } from '../../utils/store/schema';

const T1 = Date.UTC(2025, 5, 20, 2);
const T2 = Date.UTC(2025, 5, 21, 2);
const T3 = Date.UTC(2025, 5, 22, 2);

let names: string[] = [];
afterEach(async () => {
  for (const n of names) await Dexie.delete(n);
  names = [];
});
async function fresh(): Promise<ZhixiaoDB> {
  const name = `test-writs-${crypto.randomUUID()}`;
  names.push(name);
  const db = openDb(name);
  await db.open();
  return db;
}
const page = (cases: CaseSnapshot[], pageKind = 'case-detail') => ({ profileId: 'demo-classic', pageKind, url: 'http://h/x', cases });

const CASE_NO = '（2025）渝0107刑初42号';
const KEY = '(2025)渝0107刑初42号';

describe('writs section', () => {
  it('stores the 文书 tab apart from the 电子卷宗, by ref; a status change updates the same row', async () => {
    const db = await fresh();
    await ingestPage(db, page([{
      caseNo: CASE_NO,
      clerk: '彭丽',
      writs: [
        { title: '受理案件通知书', date: '2025-03-17', status: 'issued', ref: 'c1-w01' },
        { title: '刑事判决书', date: '2025-06-21', status: 'draft', ref: 'c1-w05' },
      ],
    }]), T1);
    await ingestPage(db, page([{ caseNo: CASE_NO, documents: [{ title: '起诉书', date: '2025-03-16', volume: 'main' }] }]), T1);
    expect((await childRows(db, 'writs')).length).toBe(2);
    expect((await childRows(db, 'documents')).length).toBe(1);
    let c = (await getCase(db, KEY))!;
    expect(c.clerk).toBe('彭丽');
    expect(c.writs!.map((w) => `${w.title}:${w.status}`)).toEqual(['受理案件通知书:issued', '刑事判决书:draft']);
    expect(c.documents).toEqual([{ title: '起诉书', date: '2025-03-16', volume: 'main' }]);

    // signed: same identity (ref), the row is updated, not duplicated
    const r = await ingestPage(db, page([{
      caseNo: CASE_NO,
      writs: [
        { title: '受理案件通知书', date: '2025-03-17', status: 'issued', ref: 'c1-w01' },
        { title: '刑事判决书', date: '2025-06-21', status: 'signed', ref: 'c1-w05' },
      ],
    }]), T2);
    expect(r).toMatchObject({ updated: 1 });
    expect((await childRows(db, 'writs')).length).toBe(2);
    const row = (await childRow(db, 'writs', `${KEY}|ref|c1-w05`))!;
    expect(row).toMatchObject({ status: 'signed', firstSeenAt: T1 });
    WritRowSchema.parse(row);
    // the 电子卷宗 was not touched by the 文书 page
    c = (await getCase(db, KEY))!;
    expect(c.documents).toHaveLength(1);
  });

  it('without a ref a writ is identified by title + date; one that disappears gets goneSince and comes back', async () => {
    const db = await fresh();
    const w1 = { title: '传票', date: '2025-03-25', status: 'issued' as const };
    const w2 = { title: '传票', date: '2025-05-04', status: 'issued' as const };
    await ingestPage(db, page([{ caseNo: CASE_NO, writs: [w1, w2] }]), T1);
    expect((await childRows(db, 'writs')).map((w) => w.id).sort()).toEqual([`${KEY}|writ|传票|2025-03-25`, `${KEY}|writ|传票|2025-05-04`]);
    await ingestPage(db, page([{ caseNo: CASE_NO, writs: [w2] }]), T2);
    const c = (await getCase(db, KEY, { includeGone: true }))!;
    expect(c.writs).toEqual([w2]);
    expect(c.gone!.writs).toEqual([{ ...w1, goneSince: T2 }]);
    expect((await childRows(db, 'writs')).length).toBe(2); // never deleted
    // a page without the 文书 tab says nothing about writs
    await ingestPage(db, page([{ caseNo: CASE_NO, judge: '刘洋' }], 'case-list'), T3);
    expect((await getCase(db, KEY))!.writs).toEqual([w2]);
    await ingestPage(db, page([{ caseNo: CASE_NO, writs: [w1, w2] }]), T3);
    expect((await childRow(db, 'writs', `${KEY}|writ|传票|2025-03-25`))!.goneSince).toBeUndefined();
  });

  it('an empty 文书 tab is remembered as seen-empty', async () => {
    const db = await fresh();
    await ingestPage(db, page([{ caseNo: CASE_NO, writs: [] }]), T1);
    expect((await getCase(db, KEY))!.writs).toEqual([]);
    await ingestPage(db, page([{ caseNo: '（2025）渝0107刑初43号', judge: 'x' }], 'case-list'), T1);
    expect((await getCase(db, '（2025）渝0107刑初43号'))!.writs).toBeUndefined();
  });

  it('keeps the 待阅核 review as a case field; a later row replaces it', async () => {
    const db = await fresh();
    await ingestPage(db, page([{ caseNo: CASE_NO, review: { documentRef: 'c1-w05', documentTitle: '刑事判决书', submittedOn: '2025-06-23', triggers: ['本庭裁判文书', '延扣审'] } }], 'review-list'), T1);
    let c = (await getCase(db, KEY))!;
    expect(c.review).toEqual({ documentRef: 'c1-w05', documentTitle: '刑事判决书', submittedOn: '2025-06-23', triggers: ['本庭裁判文书', '延扣审'] });
    CaseRowSchema.parse(await db.cases.get(KEY));
    const same = await ingestPage(db, page([{ caseNo: CASE_NO, review: { triggers: ['延扣审', '本庭裁判文书'].reverse(), submittedOn: '2025-06-23', documentTitle: '刑事判决书', documentRef: 'c1-w05' } }], 'review-list'), T2);
    expect(same).toMatchObject({ unchanged: 1 }); // key order does not matter
    await ingestPage(db, page([{ caseNo: CASE_NO, review: { documentRef: 'c1-w06', documentTitle: '刑事裁定书', triggers: ['四类案件'] } }], 'review-list'), T3);
    c = (await getCase(db, KEY))!;
    expect(c.review).toEqual({ documentRef: 'c1-w06', documentTitle: '刑事裁定书', triggers: ['四类案件'] });
  });
});

// ── v2 → v3 ─────────────────────────────────────────────────────────────────────────────────────

/** A frozen copy of the v2 store spec (v1 tables as changed by v2). */
const V2_STORES = {
  cases: 'caseKey, judge, division, status, category, filedOn, closedOn, lastSeenAt',
  events: 'id, caseKey',
  parties: 'id, caseKey, name',
  documents: 'id, caseKey',
  signoffs: '++id, &clientId, caseKey, syncState, reviewedAt',
  marks: '++id, &clientId, caseKey, at',
  flags: '++id, &clientId, caseKey, syncState',
  audit: '++seq, caseKey, type, hash',
  settings: 'key',
  outbox: 'id, kind, nextAttemptAt',
};

const KA = '(2025)渝0107刑初42号'; // 文书 tab and 电子卷宗 both seen
const KB = '(2025)渝0107民初1234号'; // only the 文书 tab seen
const S1 = Date.UTC(2025, 5, 1);
const S2 = Date.UTC(2025, 5, 10);

const v2Data = {
  cases: [
    { caseKey: KA, caseNo: '（2025）渝0107刑初42号', cause: '帮助信息网络犯罪活动罪', category: 'criminal', procedure: 'public-ordinary', filedOn: '2025-03-16', status: 'pending', judge: '杨帆', division: '刑庭', firstSeenAt: S1, lastSeenAt: S2, sources: ['demo-classic/case-detail', 'demo-classic/review-list'], sectionsSeen: ['parties', 'documents'] },
    { caseKey: KB, caseNo: '（2025）渝0107民初1234号', cause: '民间借贷纠纷', category: 'civil', procedure: 'ordinary', filedOn: '2025-01-06', status: 'pending', judge: '王建国', division: '民一庭', firstSeenAt: S1, lastSeenAt: S1, sources: ['demo-modern/case-detail'], sectionsSeen: ['documents'] },
  ],
  parties: [
    { id: `${KA}|被告人|丙`, caseKey: KA, order: 0, firstSeenAt: S1, name: '丙', role: '被告人' },
  ],
  events: [],
  documents: [
    // from the 文书 tab (status, no volume), ids as v2 made them
    { id: `${KA}|ref|c003040-w01`, caseKey: KA, order: 0, firstSeenAt: S1, title: '受理案件通知书', date: '2025-03-17', status: 'issued', ref: 'c003040-w01' },
    { id: `${KA}|ref|c003040-w03`, caseKey: KA, order: 1, firstSeenAt: S1, title: '刑事判决书', date: '2025-06-21', status: 'draft', ref: 'c003040-w03' },
    { id: `${KA}|ref|c003040-w02`, caseKey: KA, order: 2, firstSeenAt: S1, goneSince: S2, title: '传票', date: '2025-04-02', status: 'issued', ref: 'c003040-w02' },
    // from the 电子卷宗 tab (volume), one of them a filed copy of a judgment that also has a status
    { id: `${KA}|doc|起诉书|2025-03-16||main`, caseKey: KA, order: 0, firstSeenAt: S2, title: '起诉书', date: '2025-03-16', volume: 'main' },
    { id: `${KA}|doc|送达回证（丙）|2025-03-20|丙|main`, caseKey: KA, order: 1, firstSeenAt: S2, title: '送达回证（丙）', date: '2025-03-20', volume: 'main', party: '丙' },
    { id: `${KA}|doc|合议庭评议笔录|2025-06-10||sub`, caseKey: KA, order: 2, firstSeenAt: S2, title: '合议庭评议笔录', date: '2025-06-10', volume: 'sub' },
    { id: `${KA}|doc|刑事判决书（正本）|2024-01-02||main`, caseKey: KA, order: 3, firstSeenAt: S2, title: '刑事判决书（正本）', date: '2024-01-02', volume: 'main', status: 'issued' },
    // case B: only 文书 rows, two without a ref and with the same title + date (v2 gave the second #2)
    { id: `${KB}|doc|传票|2025-02-01||`, caseKey: KB, order: 0, firstSeenAt: S1, title: '传票', date: '2025-02-01', status: 'issued' },
    { id: `${KB}|doc|传票|2025-02-01||#2`, caseKey: KB, order: 1, firstSeenAt: S1, title: '传票', date: '2025-02-01', status: 'issued' },
    { id: `${KB}|ref|c001-w05`, caseKey: KB, order: 2, firstSeenAt: S1, title: '民事判决书', date: '2025-06-20', status: 'draft', ref: 'c001-w05' },
  ],
  signoffs: [
    { clientId: 's-1', caseKey: KA, caseNo: '（2025）渝0107刑初42号', documentRef: 'c003040-w03', triggers: ['本庭裁判文书'], reviewer: '唐启明', reviewerRole: '分管院领导', reviewedAt: '2025-06-24T10:00:00+08:00', decision: '同意', recommendedRoute: null, syncState: 'synced', attempts: 1 },
  ],
  marks: [],
  flags: [],
  audit: [],
  settings: [{ key: 'profiles.enabled', value: ['demo-classic', 'demo-modern'] }],
  outbox: [],
};

async function createV2(name: string) {
  const old = new Dexie(name);
  old.version(2).stores(V2_STORES);
  await old.open();
  await old.transaction('rw', old.tables, async () => {
    for (const [table, rows] of Object.entries(v2Data)) if (rows.length) await old.table(table).bulkAdd(rows);
  });
  old.close();
}

function expectV3Shape(t: { cases: unknown[]; documents: unknown[]; writs: unknown[] }) {
  const ids = (rows: unknown[]) => (rows as { id: string }[]).map((r) => r.id).sort();
  expect(ids(t.writs)).toEqual([
    `${KA}|ref|c003040-w01`, `${KA}|ref|c003040-w02`, `${KA}|ref|c003040-w03`,
    `${KB}|ref|c001-w05`, `${KB}|writ|传票|2025-02-01`, `${KB}|writ|传票|2025-02-01#2`,
  ].sort());
  expect(ids(t.documents)).toEqual([
    `${KA}|doc|刑事判决书（正本）|2024-01-02||main`, `${KA}|doc|合议庭评议笔录|2025-06-10||sub`,
    `${KA}|doc|起诉书|2025-03-16||main`, `${KA}|doc|送达回证（丙）|2025-03-20|丙|main`,
  ].sort());
  for (const w of t.writs) WritRowSchema.parse(w);
  for (const d of t.documents) DocumentRowSchema.parse(d);
  const seen = new Map((t.cases as { caseKey: string; sectionsSeen: string[] }[]).map((c) => [c.caseKey, [...c.sectionsSeen].sort()]));
  expect(seen.get(KA)).toEqual(['documents', 'parties', 'writs']);
  expect(seen.get(KB)).toEqual(['writs']); // its "documents" were all 文书: the 电子卷宗 was never seen
}

describe('v2 → v3 migration', () => {
  it('the v3 entry is appended and declares the writs table', () => {
    expect(SCHEMA_VERSION).toBe(6); // v4 packs the sections per case (store-packed.test.ts), v5 into one row (store-sections.test.ts)
    expect(SCHEMA_HISTORY[2]).toMatchObject({ version: 3, stores: { writs: 'id, caseKey' } });
  });

  it('moves the 文书 rows of a v2 database into writs, keeping order, firstSeenAt and goneSince', async () => {
    const name = `test-writs-v2-${crypto.randomUUID()}`;
    names.push(name);
    await createV2(name);
    const db = openDb(name);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);
    expectV3Shape({ cases: await db.cases.toArray(), documents: await childRows(db, 'documents'), writs: await childRows(db, 'writs') });
    expect(await childRow(db, 'writs', `${KA}|ref|c003040-w02`)).toEqual({
      id: `${KA}|ref|c003040-w02`, caseKey: KA, order: 2, firstSeenAt: S1, goneSince: S2, title: '传票', date: '2025-04-02', status: 'issued', ref: 'c003040-w02',
    });

    const a = (await getCase(db, KA, { includeGone: true }))!;
    expect(a.writs!.map((w) => w.ref)).toEqual(['c003040-w01', 'c003040-w03']);
    expect(a.gone!.writs.map((w) => w.ref)).toEqual(['c003040-w02']);
    expect(a.documents!.map((d) => d.title)).toEqual(['起诉书', '送达回证（丙）', '合议庭评议笔录', '刑事判决书（正本）']);
    const b = (await getCase(db, KB))!;
    expect(b.documents).toBeUndefined();
    expect(b.writs!.map((w) => w.title)).toEqual(['传票', '传票', '民事判决书']);
    expect(await listSignoffs(db, KA)).toHaveLength(1);

    // re-reading the 文书 tab after the upgrade finds the moved rows (no duplicates)
    const r = await ingestPage(db, page([{ caseNo: '（2025）渝0107民初1234号', writs: b.writs! }], 'case-detail'), S2 + 1);
    expect(await childRows(db, 'writs', [KB])).toHaveLength(3);
    expect(r.inserted).toBe(0);
    db.close();
  });
});

describe('backups of every version', () => {
  const header = (v: number, tables: Record<string, unknown[]>) => ({ format: 'zhixiao-backup', schemaVersion: v, exportedAt: '2025-06-30T00:00:00.000Z', tables });

  it('imports a v2 file and puts its 文书 rows into writs', async () => {
    const db = await fresh();
    const r = await importAll(db, JSON.stringify(header(2, JSON.parse(JSON.stringify(v2Data)))));
    expect(r).toMatchObject({ ok: true, fromSchemaVersion: 2 });
    if (r.ok) expect(r.tables.writs.added).toBe(6);
    expectV3Shape({ cases: await db.cases.toArray(), documents: await childRows(db, 'documents'), writs: await childRows(db, 'writs') });
  });

  it('imports a v1 file (present flags, one `source`) through v2 to v3', async () => {
    const db = await fresh();
    const v1 = {
      cases: [{ caseKey: KB, caseNo: '（2025）渝0107民初1234号', judge: '王建国', firstSeenAt: S1, lastSeenAt: S1, source: 'demo-classic' }],
      documents: [
        { id: `${KB}|ref|c001-w05`, caseKey: KB, order: 0, firstSeenAt: S1, present: true, title: '民事判决书', date: '2025-06-20', status: 'draft', ref: 'c001-w05' },
        { id: `${KB}|doc|起诉状|2025-01-06||main`, caseKey: KB, order: 0, firstSeenAt: S1, present: false, title: '起诉状', date: '2025-01-06', volume: 'main' },
      ],
    };
    const r = await importAll(db, header(1, v1));
    expect(r).toMatchObject({ ok: true, fromSchemaVersion: 1 });
    expect(await childRows(db, 'writs')).toEqual([{ id: `${KB}|ref|c001-w05`, caseKey: KB, order: 0, firstSeenAt: S1, title: '民事判决书', date: '2025-06-20', status: 'draft', ref: 'c001-w05' }]);
    expect((await childRows(db, 'documents')).map((d) => [d.title, d.goneSince])).toEqual([['起诉状', S1]]);
    expect([...(await db.cases.get(KB))!.sectionsSeen].sort()).toEqual(['documents', 'writs']);
  });

  it('a v3 export carries writs, clerk and review and restores them into an empty database', async () => {
    const src = await fresh();
    await ingestPage(src, page([{
      caseNo: CASE_NO, clerk: '彭丽', review: { documentRef: 'c1-w05', triggers: ['本庭裁判文书'] },
      writs: [{ title: '刑事判决书', date: '2025-06-21', status: 'draft', ref: 'c1-w05' }],
    }]), T1);
    const backup = await exportAll(src, T2);
    expect(backup.schemaVersion).toBe(SCHEMA_VERSION);
    expect(backup.tables.writs).toHaveLength(1);
    const dst = await fresh();
    const r = await importAll(dst, JSON.stringify(backup));
    expect(r.ok).toBe(true);
    const c = (await getCase(dst, KEY))!;
    expect(c).toMatchObject({ clerk: '彭丽', review: { documentRef: 'c1-w05', triggers: ['本庭裁判文书'] } });
    expect(c.writs).toEqual([{ title: '刑事判决书', date: '2025-06-21', status: 'draft', ref: 'c1-w05' }]);
  });

  it('refuses a writ row whose id does not belong to its case, writing nothing', async () => {
    const db = await fresh();
    const bad = header(3, { writs: [{ id: 'other|ref|x', caseKey: KB, order: 0, firstSeenAt: S1, title: '判决书' }] });
    const r = await importAll(db, bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('tables.writs[0].id');
    expect((await childRows(db, 'writs')).length).toBe(0);
  });
});
