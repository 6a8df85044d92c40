// Schema v5: ONE `sections` row per case ({ id: caseKey, caseKey, events?, parties?, documents?, writs? }) instead of
// the four per-section tables of v4 (issue #8).
// - a REAL v4 database (frozen v4 stores, realistic seed-generator data: all four sections, goneSince items, repeated
//   identities, cases with only some sections, a case seen with none) upgrades to v5 with the same logical rows
//   through childRows, getCases and exportAll, the four old tables gone and every sections row valid;
// - the merge works a chunk at a time (batches of 1, 2, 3 … rows);
// - ingest: an unchanged page writes nothing, a changed section writes one sections row (plus the case row), a list
//   page writes and reads no sections row, and a section shown for the first time keeps the sections already stored.
import Dexie, { type Table } from 'dexie';
import { recordIo } from './support/record-io';
import { scratchDatabases } from './support/scratch-dbs';
import { describe, expect, it } from 'vitest';
import type { CaseSnapshot } from '../../utils/domain/case';
import { openDb, type ZhixiaoDB } from '../../utils/store/db';
import { SECTIONS, SectionsRowSchema, type Section } from '../../utils/store/records';
import { childRows, exportAll, getCases, importAll, ingestPage } from '../../utils/store/repo';
import { DB_TABLES, mergeSectionTables, SCHEMA_HISTORY, SCHEMA_VERSION, TABLES } from '../../utils/store/schema';
import {
  buildOldData, createOldDb, OLD_TABLES, oldBackup, seededSnapshots, V4_STORES, withRepeats, type OldData,
} from './support/store-old-versions';

type Row = Record<string, unknown>;
const SNAPS = withRepeats(seededSnapshots(60));
const byId = (a: Row, b: Row) => (String(a.id) < String(b.id) ? -1 : String(a.id) > String(b.id) ? 1 : 0);

const { dbName, opened } = scratchDatabases('test-sections');

const clear = (o: Record<string, unknown>) => {
  for (const k of Object.keys(o)) delete o[k];
};

describe('v5 schema entry', () => {
  it('is appended after the released entries, replaces the four section tables and has no backup transform', () => {
    expect(SCHEMA_VERSION).toBe(5);
    expect(SCHEMA_HISTORY.map((v) => v.version)).toEqual([1, 2, 3, 4, 5]);
    expect(SCHEMA_HISTORY[3].stores).toEqual({ events: 'id', parties: 'id', documents: 'id', writs: 'id' }); // released v4, untouched
    expect(SCHEMA_HISTORY[4].stores).toEqual({ sections: 'id', events: null, parties: null, documents: null, writs: null });
    expect(SCHEMA_HISTORY[4].upgrade).toBeTypeOf('function');
    expect(SCHEMA_HISTORY[4].upgradeTables).toBeUndefined();
    // backups keep the logical tables; the database has one sections table
    expect([...TABLES]).toEqual(['cases', 'events', 'parties', 'documents', 'writs', 'signoffs', 'marks', 'flags', 'audit', 'settings', 'outbox']);
    expect([...DB_TABLES].sort()).toEqual(['audit', 'cases', 'flags', 'marks', 'outbox', 'sections', 'settings', 'signoffs']);
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

describe('a real v4 database → v5', () => {
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

  it('keeps every logical row: childRows, getCases and exportAll read what v4 held; old tables gone; rows valid', async () => {
    const name = dbName('v4');
    await createOldDb(name, 4, data);
    // what the v4 database holds, read with the v4 stores
    const raw = new Dexie(name);
    raw.version(4).stores(V4_STORES);
    await raw.open();
    const before: Record<string, Row[]> = {};
    for (const t of OLD_TABLES[4]) before[t] = await raw.table(t).toArray();
    raw.close();
    const flat: Record<string, Row[]> = {};
    for (const s of SECTIONS) flat[s] = before[s].flatMap((p) => p.items as Row[]).sort(byId);
    for (const s of SECTIONS) expect(flat[s], s).toEqual([...data[s]].sort(byId));

    const db = openDb(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(5);
    // the four v4 tables are gone from the database itself, not only from the declared schema
    const idb = db.backendDB();
    expect([...idb.objectStoreNames].sort()).toEqual([...DB_TABLES].sort());

    // childRows: all cases, and some cases
    for (const s of SECTIONS) {
      expect(await childRows(db, s), s).toEqual(flat[s]);
      const some = keys.filter((_, i) => i % 3 === 1);
      expect(await childRows(db, s, some), s).toEqual(flat[s].filter((r) => some.includes(String(r.caseKey))));
    }

    // one valid row per case that had any item, holding exactly the sections it had items of
    const rows = await db.sections.toArray();
    const withItems = new Set(SECTIONS.flatMap((s) => flat[s].map((r) => String(r.caseKey))));
    expect(rows.map((r) => r.id).sort()).toEqual([...withItems].sort());
    expect(withItems.has(LIST_ONLY)).toBe(false);
    for (const r of rows) {
      SectionsRowSchema.parse(r);
      for (const s of SECTIONS) expect(r[s] !== undefined, `${r.id} ${s}`).toBe(flat[s].some((x) => x.caseKey === r.id));
      for (const s of SECTIONS) if (r[s]) expect(r[s], `${r.id} ${s}`).toEqual(before[s].find((p) => p.id === r.id)!.items);
    }
    expect(Object.keys((await db.sections.get(PARTIES_ONLY))!).sort()).toEqual(['caseKey', 'id', 'parties']);
    // the schema refuses an item filed under another case, an empty section and an unknown key
    const a = rows.find((r) => r.events && r.writs)!;
    expect(SectionsRowSchema.safeParse({ ...a, events: [{ ...a.events![0], caseKey: 'other' }] }).success).toBe(false);
    expect(SectionsRowSchema.safeParse({ ...a, writs: [] }).success).toBe(false);
    expect(SectionsRowSchema.safeParse({ ...a, items: [] }).success).toBe(false);

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

    // exportAll: the flat logical tables, exactly what v4 held (and what a v4 backup of it held)
    const b = await exportAll(db);
    expect(Object.keys(b.tables)).toEqual([...TABLES]);
    for (const t of TABLES) expect(b.tables[t], t).toEqual((SECTIONS as readonly string[]).includes(t) ? flat[t] : before[t]);
  });

  it('the current ingest finds nothing to change: re-reading the last page of every case writes no row', async () => {
    const name = dbName('v4-reingest');
    await createOldDb(name, 4, data);
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

  it('a v4 backup of the same data restores into v5 as the upgraded database holds it', async () => {
    const upgraded = openDb(dbName('v4-upgraded'));
    opened.push(upgraded);
    await createOldDb(upgraded.name, 4, data);
    await upgraded.open();
    const restored = openDb(dbName('v4-restored'));
    opened.push(restored);
    const r = await importAll(restored, oldBackup(4, data));
    expect(r.ok, !r.ok ? r.error : '').toBe(true);
    // (a row's items in id order: the upgrade keeps v4's order, a restore the file's; childRows and getCases sort)
    const sorted = async (d: ZhixiaoDB) =>
      (await d.sections.orderBy(':id').toArray()).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Array.isArray(v) ? [...v].sort(byId) : v])));
    expect(await sorted(restored)).toEqual(await sorted(upgraded));
    expect((await exportAll(restored, 0)).tables).toEqual((await exportAll(upgraded, 0)).tables);
  });
});

describe('ingest reads and writes one sections row per case, only when it must', () => {
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

  it('an unchanged case page writes nothing; one changed section writes one sections row and the case row', async () => {
    await open();
    const cases = [1, 2, 3].map(CASE);
    await ingestPage(db, page(cases), T1);
    expect(io.writes).toEqual({ cases: [key(1), key(2), key(3)], sections: [key(1), key(2), key(3)] });
    expect(io.reads.sections).toBeUndefined(); // new cases: nothing stored to read
    reset();
    await ingestPage(db, page(cases), T2);
    expect(io.writes).toEqual({});
    expect(io.reads.sections).toEqual([[key(1), key(2), key(3)]]);
    reset();
    const before = (await db.sections.get(key(2)))!;
    await ingestPage(db, page([cases[0], { ...cases[1], events: [...cases[1].events!, { kind: 'hearing', on: '2024-11-11' }] }, cases[2]]), T2);
    expect(io.writes).toEqual({ cases: [key(2)], sections: [key(2)] });
    const after = (await db.sections.get(key(2)))!;
    expect(after.events!.map((e) => [(e as Row).on, e.firstSeenAt])).toEqual([['2024-10-10', T1], ['2024-11-11', T2]]);
    expect({ ...after, events: undefined }).toEqual({ ...before, events: undefined });
  });

  it('a list page (no sections) neither reads nor writes a sections row', async () => {
    await open();
    await ingestPage(db, page([CASE(1), CASE(2)]), T1);
    reset();
    await ingestPage(db, page([listRow(1, 'closed'), listRow(2), listRow(3)], 'case-list'), T2);
    expect(io.writes).toEqual({ cases: [key(1), key(2), key(3)] }); // new source / status, and one new case
    expect(io.reads.sections).toBeUndefined();
    expect((await getCases(db, [key(1)]))[0]).toMatchObject({ status: 'closed', writs: [{ ref: 'w1' }] });
  });

  it('reads a sections row only for cases seen with a section the page shows', async () => {
    await open();
    // case 1 seen whole, case 2 seen on a list page only, case 3 seen with its 当事人 only
    await ingestPage(db, page([CASE(1), listRow(2), { caseNo: CASE(3).caseNo, parties: CASE(3).parties }]), T1);
    reset();
    // the 文书 tab of all three, unchanged for case 1: its row is read to compare; 2 and 3 were never seen with
    // writs, so nothing of theirs is read to compare; they get their first 文书, and their rows are read (one more
    // request, once in a case's life) only to be written back whole, so case 3's parties stay
    await ingestPage(db, page([1, 2, 3].map((n) => ({ caseNo: CASE(n).caseNo, writs: CASE(n).writs }))), T2);
    expect(io.reads.sections).toEqual([[key(1)], [key(2), key(3)]]);
    expect(io.writes).toEqual({ cases: [key(2), key(3)], sections: [key(2), key(3)] });
    // a page changing nothing reads nothing more than the rows it compares
    reset();
    await ingestPage(db, page([1, 2, 3].map((n) => ({ caseNo: CASE(n).caseNo, writs: CASE(n).writs }))), T2);
    expect(io.reads.sections).toEqual([[key(1), key(2), key(3)]]);
    expect(io.writes).toEqual({});
    const [two, three] = await db.sections.bulkGet([key(2), key(3)]);
    expect(Object.keys(two!).sort()).toEqual(['caseKey', 'id', 'writs']);
    expect(Object.keys(three!).sort()).toEqual(['caseKey', 'id', 'parties', 'writs']);
    expect(three!.parties!.map((p) => [p.name, p.firstSeenAt, p.goneSince])).toEqual([['甲3', T1, undefined], ['乙', T1, undefined]]);
    expect((await getCases(db, [key(3)]))[0]).toMatchObject({ parties: CASE(3).parties, writs: CASE(3).writs });
  });

  it('a section shown for the first time keeps stored items the case row does not account for', async () => {
    await open();
    await ingestPage(db, page([{ caseNo: CASE(4).caseNo, events: CASE(4).events }]), T1);
    // a store whose case row lost track of its events (a damaged import): the next page must not drop them
    await db.cases.update(key(4), { sectionsSeen: [] });
    await ingestPage(db, page([{ caseNo: CASE(4).caseNo, events: [{ kind: 'hearing', on: '2024-12-12' }], writs: CASE(4).writs }]), T2);
    const row = (await db.sections.get(key(4)))!;
    expect(row.events!.map((e) => [(e as Row).on, e.firstSeenAt, e.goneSince])).toEqual([['2024-12-12', T2, undefined], ['2024-10-10', T1, T2]]);
    expect(row.writs).toHaveLength(1);
  });
});
