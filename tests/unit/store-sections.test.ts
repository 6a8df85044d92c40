// Schema v5 kept a case's items in ONE `sections` row per case ({ id: caseKey, caseKey, events?, parties?, documents?,
// writs? }) instead of the four per-section tables of v4; v6 keeps them in the case row itself (cases.items) (issue #8).
// - REAL v4 and v5 databases (frozen stores, realistic seed-generator data: all four sections, goneSince items,
//   repeated identities, cases with only some sections, a case seen with none) upgrade to v6 with the same logical
//   rows through childRows, getCases and exportAll, the old tables gone and every case row valid;
// - both merges work a chunk at a time (batches of 1, 2, 3 … rows);
// - ingest: an unchanged page writes nothing, a changed section writes its case row only, a section shown for the
//   first time keeps the sections already stored.
import Dexie, { type Table } from 'dexie';
import { recordIo } from './support/record-io';
import { scratchDatabases } from './support/scratch-dbs';
import { describe, expect, it } from 'vitest';
import type { CaseSnapshot } from '../../utils/domain/case';
import { openDb, type ZhixiaoDB } from '../../utils/store/db';
import { SECTIONS, StoredCaseRowSchema, type Section } from '../../utils/store/records';
import { childRows, exportAll, findCases, getCases, importAll, ingestPage, listCases } from '../../utils/store/repo';
import { DB_TABLES, mergeSectionTables, moveSectionsIntoCases, SCHEMA_HISTORY, SCHEMA_VERSION, TABLES } from '../../utils/store/schema';
import {
  buildOldData, createOldDb, OLD_TABLES, oldBackup, seededSnapshots, V4_STORES, V5_STORES, withRepeats, type OldData,
} from './support/store-old-versions';

type Row = Record<string, unknown>;
const SNAPS = withRepeats(seededSnapshots(60));
const byId = (a: Row, b: Row) => (String(a.id) < String(b.id) ? -1 : String(a.id) > String(b.id) ? 1 : 0);

const { dbName, opened } = scratchDatabases('test-sections');

const clear = (o: Record<string, unknown>) => {
  for (const k of Object.keys(o)) delete o[k];
};

describe('v5 and v6 schema entries', () => {
  it('are appended after the released entries, v5 replaces the four section tables, v6 drops sections; no backup transform', () => {
    expect(SCHEMA_VERSION).toBe(6);
    expect(SCHEMA_HISTORY.map((v) => v.version)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(SCHEMA_HISTORY[3].stores).toEqual({ events: 'id', parties: 'id', documents: 'id', writs: 'id' }); // released v4, untouched
    expect(SCHEMA_HISTORY[4].stores).toEqual({ sections: 'id', events: null, parties: null, documents: null, writs: null }); // released v5
    expect(SCHEMA_HISTORY[5].stores).toEqual({ sections: null });
    for (const v of SCHEMA_HISTORY.slice(4)) {
      expect(v.upgrade).toBeTypeOf('function');
      expect(v.upgradeTables).toBeUndefined();
    }
    // backups keep the logical tables; the database holds the items in the case rows
    expect([...TABLES]).toEqual(['cases', 'events', 'parties', 'documents', 'writs', 'signoffs', 'marks', 'flags', 'audit', 'settings', 'outbox']);
    expect([...DB_TABLES].sort()).toEqual(['audit', 'cases', 'flags', 'marks', 'outbox', 'settings', 'signoffs']);
  });
});

describe('merging the v4 section tables into sections, a chunk at a time', () => {
  // case A has rows in every table, B only events and writs, C only parties; "A|B" sorts between A and B; D's
  // documents row is empty (no key for it), E has only that empty row
  const v4: Record<Section, Row[]> = {
    events: [
      { id: 'A', caseKey: 'A', items: [{ id: 'A|e1', caseKey: 'A', order: 0, firstSeenAt: 1 }, { id: 'A|e2', caseKey: 'A', order: 1, firstSeenAt: 1, goneSince: 2 }] },
      { id: 'A|B', caseKey: 'A|B', items: [{ id: 'A|B|e', caseKey: 'A|B', order: 0, firstSeenAt: 3 }] },
      { id: 'B', caseKey: 'B', items: [{ id: 'B|e', caseKey: 'B', order: 0, firstSeenAt: 4 }] },
    ],
    parties: [
      { id: 'A', caseKey: 'A', items: [{ id: 'A|p', caseKey: 'A', order: 0, firstSeenAt: 1, name: '甲', role: '原告' }] },
      { id: 'C', caseKey: 'C', items: [{ id: 'C|p', caseKey: 'C', order: 0, firstSeenAt: 5, name: '乙', role: '被告' }] },
    ],
    documents: [
      { id: 'A', caseKey: 'A', items: [{ id: 'A|d', caseKey: 'A', order: 0, firstSeenAt: 1, title: '起诉状' }] },
      { id: 'D', caseKey: 'D', items: [] },
      { id: 'E', caseKey: 'E', items: [] },
    ],
    writs: [
      { id: 'A', caseKey: 'A', items: [{ id: 'A|w', caseKey: 'A', order: 0, firstSeenAt: 1, title: '判决书', status: 'draft' }] },
      { id: 'B', caseKey: 'B', items: [{ id: 'B|w', caseKey: 'B', order: 0, firstSeenAt: 4, title: '裁定书' }] },
      { id: 'D', caseKey: 'D', items: [{ id: 'D|w', caseKey: 'D', order: 0, firstSeenAt: 6, title: '传票' }] },
    ],
  };

  it.each([1, 2, 3, 1000])('batch of %i: one row per case with each of its sections, nothing else', async (batch) => {
    const d = new Dexie(dbName(`merge-${batch}`));
    d.version(1).stores({ ...V4_STORES, sections: 'id' });
    opened.push(d);
    await d.open();
    for (const s of SECTIONS) await d.table(s).bulkAdd(v4[s]);
    await d.transaction('rw', [...SECTIONS.map((s) => d.table(s)), d.table('sections')], async () => {
      await mergeSectionTables(Object.fromEntries(SECTIONS.map((s) => [s, d.table(s)])) as Record<Section, Table>, d.table('sections'), batch);
    });
    const rows = (await d.table('sections').toArray()) as Row[];
    expect(rows).toEqual([
      { id: 'A', caseKey: 'A', events: v4.events[0].items, parties: v4.parties[0].items, documents: v4.documents[0].items, writs: v4.writs[0].items },
      { id: 'A|B', caseKey: 'A|B', events: v4.events[1].items },
      { id: 'B', caseKey: 'B', events: v4.events[2].items, writs: v4.writs[1].items },
      { id: 'C', caseKey: 'C', parties: v4.parties[1].items },
      { id: 'D', caseKey: 'D', writs: v4.writs[2].items },
    ]);
    // the v4 tables are read, never changed (Dexie drops them after the upgrade)
    for (const s of SECTIONS) expect(await d.table(s).toArray(), s).toEqual(v4[s]);
  });
});

describe('moving the v5 sections rows into the case rows, a chunk at a time', () => {
  // sections rows of A, A|B ("A|B" sorts between A and B), B, C and D; D has no case row (only a hand-made import
  // could leave that); E has a case row and no items
  const item = (k: string, n: string, extra: Row = {}) => ({ id: `${k}|${n}`, caseKey: k, order: 0, firstSeenAt: 1, ...extra });
  const sectionsRows: Row[] = [
    { id: 'A', caseKey: 'A', events: [item('A', 'e1'), item('A', 'e2', { goneSince: 2 })], parties: [item('A', 'p', { name: '甲', role: '原告' })], writs: [item('A', 'w', { title: '判决书' })] },
    { id: 'A|B', caseKey: 'A|B', events: [item('A|B', 'e')] },
    { id: 'B', caseKey: 'B', documents: [item('B', 'd', { title: '起诉状' })] },
    { id: 'C', caseKey: 'C', parties: [item('C', 'p', { name: '乙', role: '被告' })] },
    { id: 'D', caseKey: 'D', writs: [item('D', 'w', { title: '传票' })] },
  ];
  const caseRow = (k: string) => ({ caseKey: k, caseNo: k, firstSeenAt: 1, lastSeenAt: 2, sources: ['s'], sectionsSeen: ['events'] });

  it.each([1, 2, 3, 1000])('batch of %i: each case row gets exactly its sections row\'s items', async (batch) => {
    const d = new Dexie(dbName(`move-${batch}`));
    d.version(1).stores({ cases: 'caseKey, judge, lastSeenAt', sections: 'id' });
    opened.push(d);
    await d.open();
    await d.table('sections').bulkAdd(sectionsRows);
    await d.table('cases').bulkAdd(['A', 'A|B', 'B', 'C', 'E'].map(caseRow));
    await d.transaction('rw', [d.table('cases'), d.table('sections')], async () => {
      await moveSectionsIntoCases(d.table('sections'), d.table('cases'), batch);
    });
    const { id: _a, caseKey: _ak, ...aItems } = sectionsRows[0];
    expect(await d.table('cases').toArray()).toEqual([
      { ...caseRow('A'), items: aItems },
      { ...caseRow('A|B'), items: { events: sectionsRows[1].events } },
      { ...caseRow('B'), items: { documents: sectionsRows[2].documents } },
      { ...caseRow('C'), items: { parties: sectionsRows[3].parties } },
      caseRow('E'),
    ]);
    expect(await d.table('sections').toArray()).toEqual(sectionsRows); // read, never changed (Dexie drops the table)
  });
});

describe.each([4, 5] as const)('a real v%i database → v6', (version) => {
  const data: OldData = buildOldData(4, SNAPS);
  // a case seen only on a list page (no section), and one whose detail page was read with its 当事人 tab only
  const LIST_ONLY = '(2025)渝0107民初90001号';
  const PARTIES_ONLY = '(2025)渝0107民初90002号';
  data.cases.push(
    { caseNo: '（2025）渝0107民初90001号', caseKey: LIST_ONLY, judge: '张三', status: 'pending', firstSeenAt: 1, lastSeenAt: 2, sources: ['demo-modern/case-list'], sectionsSeen: [] },
    { caseNo: '（2025）渝0107民初90002号', caseKey: PARTIES_ONLY, judge: '张三', status: 'pending', firstSeenAt: 3, lastSeenAt: 4, sources: ['demo-modern/case-detail'], sectionsSeen: ['parties'] },
  );
  data.parties.push({ id: `${PARTIES_ONLY}|原告|丁`, caseKey: PARTIES_ONLY, order: 0, firstSeenAt: 3, name: '丁', role: '原告' });
  const keys = data.cases.map((c) => String(c.caseKey));

  it('has realistic variety: every section, gone items, repeats, cases with some sections and with none', () => {
    expect(data.cases).toHaveLength(62);
    for (const section of SECTIONS) expect(data[section].length, section).toBeGreaterThan(30);
    for (const section of ['events', 'documents', 'writs']) {
      expect(data[section].filter((r) => r.goneSince !== undefined).length, section).toBeGreaterThan(5);
    }
    expect(data.events.filter((r) => String(r.id).endsWith('#2')).length).toBeGreaterThan(5);
    const seen = data.cases.map((c) => (c.sectionsSeen as string[]).length);
    expect(seen.filter((n) => n === 4).length).toBeGreaterThan(40);
    expect(seen.filter((n) => n === 2).length).toBeGreaterThan(5); // 文书 / 卷宗 never opened
    expect(seen.filter((n) => n === 1)).toHaveLength(1);
    expect(seen.filter((n) => n === 0)).toHaveLength(1);
  });

  it(`keeps every logical row: childRows, getCases and exportAll read what v${version} held; old tables gone; rows valid`, async () => {
    const name = dbName(`v${version}`);
    await createOldDb(name, version, data);
    // what the old database holds, read with its own stores: a case's items per section, as stored
    const raw = new Dexie(name);
    raw.version(version).stores(version === 4 ? V4_STORES : V5_STORES);
    await raw.open();
    const before: Record<string, Row[]> = {};
    const stored: Record<string, Map<string, Row[]>> = {};
    for (const t of OLD_TABLES[version]) if (!(SECTIONS as readonly string[]).includes(t)) before[t] = await raw.table(t).toArray();
    for (const s of SECTIONS) {
      const rows = (await raw.table(version === 4 ? s : 'sections').toArray()) as Row[];
      stored[s] = new Map(rows.filter((r) => (version === 4 ? r.items : r[s]) !== undefined).map((r) => [String(r.id), (version === 4 ? r.items : r[s]) as Row[]]));
    }
    raw.close();
    const flat: Record<string, Row[]> = {};
    for (const s of SECTIONS) flat[s] = [...stored[s].values()].flat().sort(byId);
    for (const s of SECTIONS) expect(flat[s], s).toEqual([...data[s]].sort(byId));

    const db = openDb(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(6);
    // the old tables are gone from the database itself, not only from the declared schema
    const idb = db.backendDB();
    expect([...idb.objectStoreNames].sort()).toEqual([...DB_TABLES].sort());

    // childRows: all cases, and some cases
    for (const s of SECTIONS) {
      expect(await childRows(db, s), s).toEqual(flat[s]);
      const some = keys.filter((_, i) => i % 3 === 1);
      expect(await childRows(db, s, some), s).toEqual(flat[s].filter((r) => some.includes(String(r.caseKey))));
    }

    // every case row valid, its scalars as stored, holding items exactly for the sections it had items of, as stored
    const rows = await db.cases.toArray();
    expect(rows).toHaveLength(data.cases.length);
    const withItems = new Set(SECTIONS.flatMap((s) => flat[s].map((r) => String(r.caseKey))));
    expect(rows.filter((r) => r.items).map((r) => r.caseKey).sort()).toEqual([...withItems].sort());
    expect(withItems.has(LIST_ONLY)).toBe(false);
    for (const r of rows) {
      StoredCaseRowSchema.parse(r);
      const { items, ...scalars } = r;
      expect(scalars).toEqual(before.cases.find((c) => c.caseKey === r.caseKey));
      for (const s of SECTIONS) expect(items?.[s], `${r.caseKey} ${s}`).toEqual(stored[s].get(r.caseKey));
    }
    expect(Object.keys((await db.cases.get(PARTIES_ONLY))!.items!)).toEqual(['parties']);
    // the schema refuses an item filed under another case, an empty section and an unknown key
    const a = rows.find((r) => r.items?.events && r.items.writs)!;
    expect(StoredCaseRowSchema.safeParse({ ...a, items: { ...a.items, events: [{ ...a.items!.events![0], caseKey: 'other' }] } }).success).toBe(false);
    expect(StoredCaseRowSchema.safeParse({ ...a, items: { ...a.items, writs: [] } }).success).toBe(false);
    expect(StoredCaseRowSchema.safeParse({ ...a, items: { ...a.items, files: [] } }).success).toBe(false);
    expect(StoredCaseRowSchema.safeParse({ ...a, items: {} }).success).toBe(false);

    // getCases: each case assembled from what v4 held (present items in host order; gone ones apart; a section
    // seen but empty is [], a section never seen is absent)
    const got = await getCases(db, keys, { includeGone: true });
    const meta = new Set(['id', 'caseKey', 'order', 'firstSeenAt', 'goneSince']);
    const itemOf = (r: Row) => Object.fromEntries(Object.entries(r).filter(([k]) => !meta.has(k)));
    data.cases.forEach((c, i) => {
      const g = got[i]!;
      expect(g.caseNo).toBe(c.caseNo);
      for (const s of SECTIONS) {
        const mine = flat[s].filter((r) => r.caseKey === c.caseKey).sort((x, y) => Number(x.order) - Number(y.order) || byId(x, y));
        const present = mine.filter((r) => r.goneSince === undefined).map(itemOf);
        if ((c.sectionsSeen as string[]).includes(s) || present.length > 0) expect(g[s], `${String(c.caseKey)} ${s}`).toEqual(present);
        else expect(g[s], `${String(c.caseKey)} ${s}`).toBeUndefined();
        expect(g.gone![s], `${String(c.caseKey)} ${s}`).toEqual(mine.filter((r) => r.goneSince !== undefined).map((r) => ({ ...itemOf(r), goneSince: r.goneSince })));
      }
    });
    expect(got[keys.indexOf(LIST_ONLY)]).toMatchObject({ caseNo: '（2025）渝0107民初90001号' });
    expect(got[keys.indexOf(LIST_ONLY)]!.events).toBeUndefined();
    // only some sections asked for: the others are absent
    const [partiesOnly] = await getCases(db, [keys[0]], { sections: ['parties'] });
    expect(partiesOnly!.parties).toEqual(flat.parties.filter((r) => r.caseKey === keys[0]).map(itemOf));
    expect(partiesOnly!.events).toBeUndefined();

    // exportAll: the flat logical tables, exactly what the old database held (and what its backup held)
    const b = await exportAll(db);
    expect(Object.keys(b.tables)).toEqual([...TABLES]);
    for (const t of TABLES) expect(b.tables[t], t).toEqual((SECTIONS as readonly string[]).includes(t) ? flat[t] : before[t]);
  });

  it('the current ingest finds nothing to change: re-reading the last page of every case writes no row', async () => {
    const name = dbName(`v${version}-reingest`);
    await createOldDb(name, version, data);
    const db = openDb(name);
    opened.push(db);
    const { writes } = recordIo(db);
    await db.open();
    clear(writes); // the upgrade's own writes
    let unchanged = 0;
    for (const [i, s] of SNAPS.entries()) {
      // the pages the data stands for (see store-packed.test.ts pagesOf): whole case, then without its last event,
      // 卷宗 item and 文书 on every third case; 文书 / 卷宗 never shown on every seventh
      const { documents, writs, review: _review, ...rest } = s;
      const page: CaseSnapshot = { ...rest };
      const volume = (documents ?? []).filter((d) => d.volume !== undefined);
      if (i % 7 !== 6) Object.assign(page, { documents: volume, writs: writs ?? [] });
      if (i % 3 === 0) {
        page.events = (s.events ?? []).slice(0, -1);
        if (i % 7 !== 6) Object.assign(page, { documents: volume.slice(0, -1), writs: (writs ?? []).slice(0, -1) });
      }
      const r = await ingestPage(db, { profileId: i % 2 ? 'demo-classic' : 'demo-modern', pageKind: 'case-detail', url: 'u', cases: [page] }, Date.UTC(2025, 6, 1));
      unchanged += r.unchanged;
    }
    expect(unchanged).toBe(SNAPS.length);
    expect(writes).toEqual({});
  });

  it(`a v${version} backup of the same data restores into v6 as the upgraded database holds it`, async () => {
    const upgraded = openDb(dbName(`v${version}-upgraded`));
    opened.push(upgraded);
    await createOldDb(upgraded.name, version, data);
    await upgraded.open();
    const restored = openDb(dbName(`v${version}-restored`));
    opened.push(restored);
    const r = await importAll(restored, oldBackup(version, data));
    expect(r.ok, !r.ok ? r.error : '').toBe(true);
    // (a row's items in id order: the upgrade keeps the stored order, a restore the file's; childRows and getCases sort)
    const sorted = async (d: ZhixiaoDB) =>
      (await d.cases.orderBy(':id').toArray()).map((r) =>
        r.items ? { ...r, items: Object.fromEntries(Object.entries(r.items).map(([k, v]) => [k, [...(v as Row[])].sort(byId)])) } : r,
      );
    expect(await sorted(restored)).toEqual(await sorted(upgraded));
    expect((await exportAll(restored, 0)).tables).toEqual((await exportAll(upgraded, 0)).tables);
  });
});

describe('ingest reads and writes one row per case, only when it must', () => {
  const CASE = (n: number): CaseSnapshot => ({
    caseNo: `（2024）渝0107民初${n}号`,
    judge: '张三',
    status: 'pending',
    parties: [{ name: `甲${n}`, role: '原告' }, { name: '乙', role: '被告' }],
    events: [{ kind: 'hearing', on: '2024-10-10' }],
    documents: [{ title: '起诉状', date: '2024-08-31', volume: 'main' }],
    writs: [{ title: '民事判决书', status: 'draft', ref: `w${n}` }],
  });
  const key = (n: number) => `(2024)渝0107民初${n}号`;
  const page = (cases: CaseSnapshot[], pageKind = 'case-detail') => ({ profileId: 'demo-classic', pageKind, url: 'u', cases });
  const listRow = (n: number, status: 'pending' | 'closed' = 'pending'): CaseSnapshot => ({ caseNo: CASE(n).caseNo, judge: '张三', status });
  const T1 = Date.UTC(2025, 0, 10);
  const T2 = Date.UTC(2025, 0, 11);

  let db: ZhixiaoDB;
  let io: ReturnType<typeof recordIo>;
  const open = async () => {
    db = openDb(dbName('io'));
    opened.push(db);
    io = recordIo(db);
    await db.open();
  };
  const reset = () => {
    clear(io.writes);
    clear(io.reads);
  };

  it('an unchanged case page writes nothing; one changed section writes its case row only', async () => {
    await open();
    const cases = [1, 2, 3].map(CASE);
    await ingestPage(db, page(cases), T1);
    expect(io.writes).toEqual({ cases: [key(1), key(2), key(3)] });
    reset();
    await ingestPage(db, page(cases), T2);
    expect(io.writes).toEqual({});
    expect(Object.keys(io.reads)).toEqual(['cases']);
    reset();
    const before = (await db.cases.get(key(2)))!.items!;
    await ingestPage(db, page([cases[0], { ...cases[1], events: [...cases[1].events!, { kind: 'hearing', on: '2024-11-11' }] }, cases[2]]), T2);
    expect(io.writes).toEqual({ cases: [key(2)] });
    const after = (await db.cases.get(key(2)))!.items!;
    expect(after.events!.map((e) => [(e as Row).on, e.firstSeenAt])).toEqual([['2024-10-10', T1], ['2024-11-11', T2]]);
    expect({ ...after, events: undefined }).toEqual({ ...before, events: undefined });
  });

  it('a list page (no sections) keeps the stored items', async () => {
    await open();
    await ingestPage(db, page([CASE(1), CASE(2)]), T1);
    reset();
    await ingestPage(db, page([listRow(1, 'closed'), listRow(2), listRow(3)], 'case-list'), T2);
    expect(io.writes).toEqual({ cases: [key(1), key(2), key(3)] }); // new source / status, and one new case
    expect((await getCases(db, [key(1)]))[0]).toMatchObject({ status: 'closed', writs: [{ ref: 'w1' }], parties: CASE(1).parties });
    expect((await db.cases.get(key(3)))!.items).toBeUndefined();
  });

  it('a section shown for the first time keeps the sections already stored', async () => {
    await open();
    // case 1 seen whole, case 2 seen on a list page only, case 3 seen with its 当事人 only
    await ingestPage(db, page([CASE(1), listRow(2), { caseNo: CASE(3).caseNo, parties: CASE(3).parties }]), T1);
    reset();
    // the 文书 tab of all three, unchanged for case 1; 2 and 3 get their first 文书
    await ingestPage(db, page([1, 2, 3].map((n) => ({ caseNo: CASE(n).caseNo, writs: CASE(n).writs }))), T2);
    expect(io.writes).toEqual({ cases: [key(2), key(3)] });
    reset();
    await ingestPage(db, page([1, 2, 3].map((n) => ({ caseNo: CASE(n).caseNo, writs: CASE(n).writs }))), T2);
    expect(io.writes).toEqual({});
    const [two, three] = await db.cases.bulkGet([key(2), key(3)]);
    expect(Object.keys(two!.items!)).toEqual(['writs']);
    expect(Object.keys(three!.items!).sort()).toEqual(['parties', 'writs']);
    expect(three!.items!.parties!.map((p) => [p.name, p.firstSeenAt, p.goneSince])).toEqual([['甲3', T1, undefined], ['乙', T1, undefined]]);
    expect((await getCases(db, [key(3)]))[0]).toMatchObject({ parties: CASE(3).parties, writs: CASE(3).writs });
  });

  it('findCases gives what getCases gives for the cases a filter selects, in one read; listCases only the scalars', async () => {
    await open();
    await ingestPage(db, page([CASE(1), listRow(2), { ...CASE(3), judge: '李四' }]), T1);
    reset();
    const found = await findCases(db, { judge: '张三' }, { includeGone: true });
    expect(io.reads).toEqual({}); // the index query returns whole rows: no second read by key
    expect(found.map((c) => c.caseKey)).toEqual([key(1), key(2)]);
    expect(found).toEqual(await getCases(db, [key(1), key(2)], { includeGone: true }));
    expect(found[0].writs).toEqual(CASE(1).writs);
    const rows = await listCases(db, { judge: '张三' });
    expect(rows.map((r) => 'items' in r)).toEqual([false, false]);
    expect(rows[0]).toMatchObject({ caseKey: key(1), sectionsSeen: ['parties', 'events', 'documents', 'writs'] });
  });

  it('a section shown for the first time keeps stored items the case row does not account for', async () => {
    await open();
    await ingestPage(db, page([{ caseNo: CASE(4).caseNo, events: CASE(4).events }]), T1);
    // a store whose case row lost track of its events (a damaged import): the next page must not drop them
    await db.cases.update(key(4), { sectionsSeen: [] });
    await ingestPage(db, page([{ caseNo: CASE(4).caseNo, events: [{ kind: 'hearing', on: '2024-12-12' }], writs: CASE(4).writs }]), T2);
    const row = (await db.cases.get(key(4)))!.items!;
    expect(row.events!.map((e) => [(e as Row).on, e.firstSeenAt, e.goneSince])).toEqual([['2024-12-12', T2, undefined], ['2024-10-10', T1, T2]]);
    expect(row.writs).toHaveLength(1);
  });
});
