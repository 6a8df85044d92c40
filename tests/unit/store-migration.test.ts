// Builds a version-1 database with a raw Dexie definition (a frozen copy of what v1 shipped) and realistic
// old rows, then opens it with the current schema and checks that every record survived and was upgraded.
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { CaseRowSchema, EventRowSchema, DocumentRowSchema, FlagRowSchema, MarkRowSchema, PartyRowSchema, SignoffRowSchema } from '../../utils/store/records';
import { openDb, type ZhixiaoDB } from '../../utils/store/db';
import { addMark, childRows, getCase, ingestPage, listSignoffs } from '../../utils/store/repo';
import { childRow, tableCount } from './support/store-rows';
import { SCHEMA_HISTORY, SCHEMA_VERSION, upgradeBackupTables } from '../../utils/store/schema';

const V1_STORES = {
  cases: 'caseKey, judge, division, status, category, filedOn, closedOn',
  events: 'id, caseKey',
  parties: 'id, caseKey, name',
  documents: 'id, caseKey',
  signoffs: '++id, &clientId, caseKey, synced',
  marks: '++id, caseKey, at',
  flags: '++id, &clientId, caseKey',
  audit: '++seq, caseKey, type',
  settings: 'key',
};

const K1 = '(2023)渝0107民初1669号';
const K2 = '(2023)渝0107刑初88号';
const SEEN1 = Date.UTC(2024, 4, 1);
const SEEN2 = Date.UTC(2024, 5, 1);

const v1Data = {
  cases: [
    { caseKey: K1, caseNo: '（2023）渝0107民初1669号', cause: '民间借贷纠纷', category: 'civil', procedure: 'ordinary', filedOn: '2023-08-31', status: 'pending', judge: '张三', division: '民一庭', panel: ['张三', '李四', '王五'], amount: 120000, firstSeenAt: SEEN1 - 86_400_000, lastSeenAt: SEEN1, source: 'demo-classic' },
    { caseKey: K2, caseNo: '(2023)渝0107刑初88号', cause: '盗窃罪', category: 'criminal', procedure: 'public-ordinary', filedOn: '2023-09-05', closedOn: '2023-11-02', status: 'closed', closeMethod: '判决', judge: '赵六', division: '刑庭', detained: true, detainedSince: '2023-08-20', firstSeenAt: SEEN2, lastSeenAt: SEEN2 },
  ],
  events: [
    { id: `${K1}|hearing|2023-10-10`, caseKey: K1, order: 0, firstSeenAt: SEEN1, present: true, kind: 'hearing', on: '2023-10-10' },
    { id: `${K1}|deduction|2023-10-20|鉴定`, caseKey: K1, order: 1, firstSeenAt: SEEN1, present: false, kind: 'deduction', reason: '鉴定', from: '2023-10-20', to: '2023-12-01' },
    { id: `${K1}|extension|2024-02-20`, caseKey: K1, order: 2, firstSeenAt: SEEN1, present: true, kind: 'extension', on: '2024-02-20', months: 6, approvedBy: '院长' },
  ],
  parties: [
    { id: `${K1}|原告|甲公司`, caseKey: K1, order: 0, firstSeenAt: SEEN1, present: true, name: '甲公司', role: '原告' },
    { id: `${K1}|被告|乙`, caseKey: K1, order: 1, firstSeenAt: SEEN1, present: true, name: '乙', role: '被告' },
    { id: `${K2}|被告人|丙`, caseKey: K2, order: 0, firstSeenAt: SEEN2, present: true, name: '丙', role: '被告人' },
  ],
  documents: [
    { id: `${K2}|doc|判决书|2023-11-02||main`, caseKey: K2, order: 0, firstSeenAt: SEEN2, present: true, title: '判决书', date: '2023-11-02', volume: 'main', status: 'issued' },
    { id: `${K2}|doc|送达回证|2023-11-05|丙|main`, caseKey: K2, order: 1, firstSeenAt: SEEN2, present: false, title: '送达回证', date: '2023-11-05', volume: 'main', party: '丙' },
  ],
  signoffs: [
    { clientId: 's-1', caseKey: K2, caseNo: '(2023)渝0107刑初88号', documentRef: '判决书 v2', triggers: ['本庭裁判文书'], reviewer: '钱七', reviewerRole: '庭长', reviewedAt: '2023-10-30T10:15:00+08:00', decision: '同意', recommendedRoute: null, synced: true },
    { clientId: 's-2', caseKey: K1, caseNo: '（2023）渝0107民初1669号', documentRef: '判决书草稿', triggers: ['四类', '延扣审'], reviewer: '孙八', reviewerRole: '分管院领导', reviewedAt: '2024-05-02T16:40:00+08:00', decision: '有意见', opinion: '事实认定部分需补充鉴定意见的采信理由', recommendedRoute: '专业法官会议', synced: false },
  ],
  marks: [
    { caseKey: K1, caseNo: '（2023）渝0107民初1669号', category: 1, subSituation: '对事实认定或者法律适用存在较大争议', reason: '鉴定结论争议大', by: '钱七', role: '庭长', at: '2024-01-05T09:00:00+08:00', action: 'mark' },
    { caseKey: K1, caseNo: '（2023）渝0107民初1669号', category: 1, reason: '争议已解决', by: '钱七', role: '庭长', at: '2024-03-05T09:00:00+08:00', action: 'unmark' },
  ],
  flags: [
    { clientId: 'f-1', caseKey: K2, caseNo: '(2023)渝0107刑初88号', item: '送达回证(丙)', flag: '待补扫', reason: '纸质回证已收回未扫描', by: '周九', at: '2023-11-20T11:00:00+08:00', synced: false },
  ],
  audit: [
    { caseKey: K2, type: 'signoff', payload: { clientId: 's-1' }, at: '2023-10-30T10:15:01+08:00', actor: '钱七', prevHash: '', hash: 'h1' },
    { caseKey: K1, type: 'mark', payload: { category: 1 }, at: '2024-01-05T09:00:01+08:00', actor: '钱七', prevHash: 'h1', hash: 'h2' },
  ],
  settings: [
    { key: 'thresholds', value: { notice: 30, warning: 15, urgent: 5 } },
    { key: 'profiles.enabled', value: ['demo-classic'] },
  ],
};

let toDelete: string[] = [];
afterEach(async () => {
  for (const name of toDelete) await Dexie.delete(name);
  toDelete = [];
});

async function createV1(name: string) {
  const old = new Dexie(name);
  old.version(1).stores(V1_STORES);
  await old.open();
  await old.transaction('rw', old.tables, async () => {
    for (const [table, rows] of Object.entries(v1Data)) await old.table(table).bulkAdd(rows);
  });
  old.close();
}

describe('schema history', () => {
  it('starts at version 1, increases by one, and the current version has a real upgrade', () => {
    expect(SCHEMA_HISTORY[0].version).toBe(1);
    SCHEMA_HISTORY.forEach((v, i) => expect(v.version).toBe(i + 1));
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(2);
    expect(SCHEMA_HISTORY[0].stores).toEqual(V1_STORES); // v1 entry is frozen
  });
});

describe('v1 → current migration', () => {
  it('keeps every record and upgrades it', async () => {
    const name = `test-migrate-${crypto.randomUUID()}`;
    toDelete.push(name);
    await createV1(name);

    const db: ZhixiaoDB = openDb(name);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);

    // counts: nothing lost
    for (const [table, rows] of Object.entries(v1Data)) expect(await tableCount(db, table), table).toBe(rows.length);
    expect(await db.outbox.count()).toBe(0);

    // every row is valid under the current schema
    for (const c of await db.cases.toArray()) CaseRowSchema.parse(c);
    for (const e of await childRows(db, 'events')) EventRowSchema.parse(e);
    for (const p of await childRows(db, 'parties')) PartyRowSchema.parse(p);
    for (const d of await childRows(db, 'documents')) DocumentRowSchema.parse(d);
    for (const s of await db.signoffs.toArray()) SignoffRowSchema.parse(s);
    for (const m of await db.marks.toArray()) MarkRowSchema.parse(m);
    for (const f of await db.flags.toArray()) FlagRowSchema.parse(f);

    // cases: source → sources, sectionsSeen back-filled from the rows that exist
    const c1 = (await db.cases.get(K1))!;
    expect(c1.sources).toEqual(['demo-classic']);
    expect('source' in c1).toBe(false);
    expect([...c1.sectionsSeen].sort()).toEqual(['events', 'parties']);
    const c2 = (await db.cases.get(K2))!;
    expect(c2.sources).toEqual(['v1/unknown']);
    expect([...c2.sectionsSeen].sort()).toEqual(['documents', 'parties']);
    expect(c2).toMatchObject({ detained: true, detainedSince: '2023-08-20', closeMethod: '判决' });

    // children: present:false → goneSince (the case's last sighting), present dropped
    const gone = (await childRow(db, 'events', `${K1}|deduction|2023-10-20|鉴定`))!;
    expect(gone.goneSince).toBe(SEEN1);
    expect('present' in gone).toBe(false);
    expect((await childRow(db, 'events', `${K1}|hearing|2023-10-10`))!.goneSince).toBeUndefined();
    expect((await childRow(db, 'documents', `${K2}|doc|送达回证|2023-11-05|丙|main`))!.goneSince).toBe(SEEN2);

    // the merged view hides gone items but keeps them
    const view = (await getCase(db, K1, { includeGone: true }))!;
    expect(view.events!.map((e) => e.kind)).toEqual(['hearing', 'extension']);
    expect(view.gone!.events).toEqual([{ kind: 'deduction', reason: '鉴定', from: '2023-10-20', to: '2023-12-01', goneSince: SEEN1 }]);
    expect(view.documents).toBeUndefined();

    // signoffs / flags: synced → syncState + attempts
    const signoffs = await listSignoffs(db, K2);
    expect(signoffs).toHaveLength(1);
    expect(signoffs[0]).toMatchObject({ clientId: 's-1', syncState: 'synced', attempts: 0 });
    expect('synced' in signoffs[0]).toBe(false);
    expect(await db.signoffs.where('syncState').equals('pending').count()).toBe(1);
    expect((await db.flags.toArray())[0]).toMatchObject({ clientId: 'f-1', syncState: 'pending', attempts: 0 });

    // marks: clientId back-filled and unique
    const marks = await db.marks.orderBy('id').toArray();
    expect(marks.map((m) => m.clientId)).toEqual([`v1-mark-${marks[0].id}`, `v1-mark-${marks[1].id}`]);

    // audit and settings untouched
    expect(await db.audit.orderBy('seq').toArray()).toEqual(v1Data.audit.map((a, i) => ({ ...a, seq: i + 1 })));
    expect(await db.settings.get('thresholds')).toEqual(v1Data.settings[0]);

    // the upgraded database works with the current repositories
    await addMark(db, { clientId: 'm-new', caseNo: K1, category: 2, subSituation: '示范效应', reason: '系列案', by: '钱七', role: '庭长', at: '2024-06-01T09:00:00+08:00', action: 'mark' });
    expect(await db.marks.count()).toBe(3);
    const r = await ingestPage(db, { profileId: 'demo-classic', pageKind: 'case-detail', url: 'u', cases: [{ caseNo: K1, events: [{ kind: 'hearing', on: '2023-10-10' }, { kind: 'extension', on: '2024-02-20', months: 6, approvedBy: '院长' }] }] }, SEEN2);
    expect(r).toMatchObject({ updated: 1 }); // new source, nothing else
    expect((await childRow(db, 'events', `${K1}|deduction|2023-10-20|鉴定`))!.goneSince).toBe(SEEN1);
    db.close();
  });

  it('upgrades the tables of a v1 backup with the same transforms', () => {
    const t = upgradeBackupTables(1, JSON.parse(JSON.stringify({ ...v1Data, marks: v1Data.marks.map((m, i) => ({ ...m, id: i + 1 })) })));
    expect((t.cases[0] as { sources: string[] }).sources).toEqual(['demo-classic']);
    expect((t.events[1] as { goneSince?: number }).goneSince).toBe(SEEN1);
    expect((t.signoffs[1] as { syncState: string }).syncState).toBe('pending');
    expect((t.marks[0] as { clientId: string }).clientId).toBe('v1-mark-1');
    expect(t.outbox).toEqual([]);
  });
});
