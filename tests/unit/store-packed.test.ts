// Schema v4: the events / parties / documents / writs tables hold ONE row per case ({ id: caseKey, caseKey, items }).
// - a REAL v3 database (frozen v3 stores, realistic seed-generator data with goneSince and repeated identities) upgrades
//   to v4 with every logical row identical (read at v4), then on to the current schema (v6: a case's items in its case
//   row, store-sections.test.ts) with the same logical rows, and the current ingest finds nothing to change in it;
// - the chain from v1 and v2 ends where it ended at v3, and equals a fresh ingest of the same host pages;
// - an unchanged page writes nothing; a page that changes one section of a case rewrites only that case's row.
import Dexie from 'dexie';
import { recordIo } from './support/record-io';
import { scratchDatabases } from './support/scratch-dbs';
import { describe, expect, it } from 'vitest';
import type { CaseSnapshot } from '../../utils/domain/case';
import { openDb, type ZhixiaoDB } from '../../utils/store/db';
import { SECTIONS, SectionsRowSchema } from '../../utils/store/records';
import { childRows, getCases, ingestPage } from '../../utils/store/repo';
import { applySchema, packTableInPlace, SCHEMA_HISTORY, SCHEMA_VERSION, TABLES } from '../../utils/store/schema';
import {
  buildOldData, createOldDb, OLD_TABLES, seededSnapshots, V3_STORES, withRepeats, type OldData, type OldVersion,
} from './support/store-old-versions';
import { tableRows } from './support/store-rows';

type Row = Record<string, unknown>;
const SNAPS = withRepeats(seededSnapshots(60));

const { dbName, opened } = scratchDatabases('test-packed');

/** Every table's logical rows (sections flat, in id order), as the v3 layout held them. */
async function logical(db: ZhixiaoDB): Promise<Record<string, Row[]>> {
  const out: Record<string, Row[]> = {};
  for (const t of TABLES) out[t] = await tableRows(db, t);
  return out;
}

/** Records every row key each table is asked to write (Dexie's DBCore, below every repository function). */
const recordWrites = (db: Dexie) => recordIo(db).writes;

const SEEN0 = Date.UTC(2025, 2, 1, 1);
const DAY = 86_400_000;
const seenAt = (i: number) => ({ first: SEEN0 + i * 3600_000, last: SEEN0 + i * 3600_000 + (i % 5) * DAY });
const keyOf = (caseNo: string) => caseNo.replace(/[（〔[［]/g, '(').replace(/[）〕\]］]/g, ')').replace(/\s+/g, '');

/**
 * The host pages the old versions' data stand for (support/store-old-versions.ts buildOldData): case i was first
 * read whole at its firstSeenAt; every third case was read again at its lastSeenAt without its last event, its last
 * 电子卷宗 item (and, in v3, its last 文书); the 文书 / 卷宗 tabs of every seventh case were never opened.
 */
function pagesOf(s: CaseSnapshot, i: number, version: OldVersion): { first: CaseSnapshot; last?: CaseSnapshot } {
  const { documents, writs, review: _review, ...rest } = s;
  const first: CaseSnapshot = { ...rest };
  if (version !== 3) delete first.clerk; // v1/v2 did not store the clerk
  const volume = (documents ?? []).filter((d) => d.volume !== undefined);
  if (i % 7 !== 6) Object.assign(first, { documents: volume, writs: writs ?? [] });
  if (i % 3 !== 0) return { first };
  const last: CaseSnapshot = { ...first, events: (s.events ?? []).slice(0, -1) };
  if (i % 7 !== 6) {
    last.documents = volume.slice(0, -1);
    if (version === 3) last.writs = (writs ?? []).slice(0, -1);
  }
  return { first, last };
}
const sourceOf = (i: number) => (i % 2 ? 'demo-classic' : 'demo-modern');

describe('v4 schema entry', () => {
  it('is appended after the released entries, declares the sections by caseKey only and has no backup transform', () => {
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(4);
    expect(SCHEMA_HISTORY.map((v) => v.version).slice(0, 4)).toEqual([1, 2, 3, 4]);
    expect(SCHEMA_HISTORY[2].stores).toEqual({ writs: 'id, caseKey' }); // released v3, untouched
    expect(SCHEMA_HISTORY[3]).toMatchObject({ stores: { events: 'id', parties: 'id', documents: 'id', writs: 'id' } });
    expect(SCHEMA_HISTORY[3].upgrade).toBeTypeOf('function');
    expect(SCHEMA_HISTORY[3].upgradeTables).toBeUndefined();
  });
});

describe('packing a v3 table in place, a batch at a time', () => {
  // case A has rows on both sides of case "A|B" (a caseKey with `|`: its rows are not one key range of A's); case C
  // has more rows than a batch
  const rows: Row[] = [
    ...['0', 'm', 'z'].map((x, i) => ({ id: `A|${x}`, caseKey: 'A', order: i, firstSeenAt: 1 })),
    { id: 'A|B|x', caseKey: 'A|B', order: 0, firstSeenAt: 2, goneSince: 3 },
    ...Array.from({ length: 9 }, (_, i) => ({ id: `C|${i}`, caseKey: 'C', order: i, firstSeenAt: 4 })),
    { id: 'D|only', caseKey: 'D', order: 0, firstSeenAt: 5 },
  ];
  const byId = (a: Row, b: Row) => (String(a.id) < String(b.id) ? -1 : 1);

  it.each([1, 2, 3, 7, 5000])('batch of %i: one packed row per case, every row kept once', async (batch) => {
    const name = dbName(`pack-${batch}`);
    const d = new Dexie(name);
    d.version(1).stores({ t: 'id, caseKey' });
    opened.push(d);
    await d.open();
    await d.table('t').bulkAdd(rows);
    await d.transaction('rw', d.table('t'), () => packTableInPlace(d.table('t'), batch));
    const packed = (await d.table('t').toArray()) as Array<{ id: string; caseKey: string; items: Row[] }>;
    expect(packed.map((p) => p.id)).toEqual(['A', 'A|B', 'C', 'D']);
    for (const p of packed) {
      expect(p.caseKey).toBe(p.id);
      expect(p.items.every((r) => r.caseKey === p.id)).toBe(true);
    }
    expect(packed.flatMap((p) => p.items).sort(byId)).toEqual([...rows].sort(byId));
  });
});

describe('a real v3 database → v4', () => {
  const data: OldData = buildOldData(3, SNAPS);

  it('has realistic variety: gone items and repeated identities in several sections', () => {
    expect(data.cases).toHaveLength(60);
    expect(OLD_TABLES[3].every((t) => Array.isArray(data[t]))).toBe(true);
    for (const section of ['events', 'documents', 'writs']) {
      expect(data[section].filter((r) => r.goneSince !== undefined).length, section).toBeGreaterThan(5);
    }
    expect(data.events.filter((r) => String(r.id).endsWith('#2')).length).toBeGreaterThan(5);
    expect(data.writs.filter((r) => String(r.id).endsWith('#2')).length).toBeGreaterThan(5);
    expect(data.writs.length).toBeGreaterThan(30);
    expect(data.documents.every((d) => d.volume !== undefined)).toBe(true);
    expect(data.cases.some((c) => typeof c.clerk === 'string')).toBe(true);
    expect(data.outbox!.length).toBeGreaterThan(3);
  });

  it('keeps every logical row identical (incl. goneSince, order, #2 ids), one valid packed row per case and section', async () => {
    const name = dbName('v3');
    await createOldDb(name, 3, data);
    // what the v3 database holds, read with the v3 stores
    const raw = new Dexie(name);
    raw.version(3).stores(V3_STORES);
    await raw.open();
    const before: Record<string, Row[]> = {};
    for (const t of OLD_TABLES[3]) before[t] = await raw.table(t).toArray();
    raw.close();
    expect(before.events.length).toBe(data.events.length);

    // upgraded to v4 only (the released schema up to v4), read as v4 holds it
    const at4 = new Dexie(name);
    applySchema(at4, 4);
    await at4.open();
    expect(at4.verno).toBe(4);
    // a v4 packed row of a section is valid when it would be a valid v5 sections row holding only that section
    const asSectionsRow = (section: string, p: Row) => ({ id: p.id, caseKey: p.caseKey, [section]: p.items });
    for (const t of OLD_TABLES[3]) {
      const rows = (await at4.table(t).toArray()) as Row[];
      if (!(SECTIONS as readonly string[]).includes(t)) {
        expect(rows, t).toEqual(before[t]);
        continue;
      }
      expect(rows.flatMap((p) => p.items as Row[]).sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1)), t).toEqual(before[t]);
      const casesWithRows = new Set(before[t].map((r) => r.caseKey));
      expect(rows.map((p) => p.id).sort(), t).toEqual([...casesWithRows].sort());
      for (const p of rows) SectionsRowSchema.parse(asSectionsRow(t, p));
      // the schema refuses a packed row whose items belong to another case
      const bad = { ...rows[0], items: [{ ...(rows[0].items as Row[])[0], caseKey: 'other' }] };
      expect(SectionsRowSchema.safeParse(asSectionsRow(t, bad)).success).toBe(false);
    }
    at4.close();

    // and on to the current schema: the same logical rows
    const db = openDb(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);
    const after = await logical(db);
    for (const t of OLD_TABLES[3]) expect(after[t], t).toEqual(before[t]);

    // the merged cases read back whole, gone items apart
    const merged = await getCases(db, data.cases.map((c) => String(c.caseKey)), { includeGone: true });
    data.cases.forEach((c, i) => {
      const m = merged[i]!;
      for (const section of SECTIONS) {
        const rows = before[section].filter((r) => r.caseKey === c.caseKey);
        expect((m[section] ?? []).length + m.gone![section].length, `${String(c.caseKey)} ${section}`).toBe(rows.length);
        expect(m.gone![section].length).toBe(rows.filter((r) => r.goneSince !== undefined).length);
      }
    });
  });

  it('the current ingest finds nothing to change: re-reading the last page of every case writes no row', async () => {
    const name = dbName('v3-reingest');
    await createOldDb(name, 3, data);
    const db = openDb(name);
    opened.push(db);
    const writes = recordWrites(db);
    await db.open();
    const before = await logical(db);
    for (const k of Object.keys(writes)) delete writes[k]; // the upgrade's own writes
    let unchanged = 0;
    for (const [i, s] of SNAPS.entries()) {
      const p = pagesOf(s, i, 3);
      const r = await ingestPage(db, { profileId: sourceOf(i), pageKind: 'case-detail', url: 'u', cases: [p.last ?? p.first] }, Date.UTC(2025, 6, 1));
      unchanged += r.unchanged;
    }
    expect(unchanged).toBe(SNAPS.length);
    expect(writes).toEqual({});
    expect(await logical(db)).toEqual(before);
  });
});

describe.each([1, 2] as const)('the chain from v%i', (version) => {
  const data: OldData = buildOldData(version, SNAPS);

  it('ends as it ended at v3 (the same logical rows)', async () => {
    const name3 = dbName(`v${version}-to3`);
    const name4 = dbName(`v${version}-to4`);
    await createOldDb(name3, version, data);
    await createOldDb(name4, version, data);
    const at3 = new Dexie(name3);
    applySchema(at3, 3);
    opened.push(at3);
    await at3.open();
    expect(at3.verno).toBe(3);
    const db = openDb(name4);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);
    const after = await logical(db);
    for (const t of TABLES) expect(after[t], t).toEqual(await at3.table(t).toArray());
    expect(after.writs.filter((w) => String(w.id).endsWith('#2')).length).toBeGreaterThan(5);
  });

  it('equals a fresh ingest of the same host pages (v2 kept 文书 and 卷宗 in one list: their order differs)', async () => {
    const name = dbName(`v${version}-chain`);
    await createOldDb(name, version, data);
    const db = openDb(name);
    opened.push(db);
    await db.open();
    const fresh = openDb(dbName('fresh'));
    opened.push(fresh);
    await fresh.open();
    for (const [i, s] of SNAPS.entries()) {
      const p = pagesOf(s, i, version);
      const t = seenAt(i);
      await ingestPage(fresh, { profileId: sourceOf(i), pageKind: 'case-detail', url: 'u', cases: [p.first] }, t.first);
      if (p.last) await ingestPage(fresh, { profileId: sourceOf(i), pageKind: 'case-detail', url: 'u', cases: [p.last] }, t.last);
      expect(keyOf(s.caseNo)).toBe(String(data.cases[i].caseKey));
    }
    const noOrder = (rows: Row[]) => rows.map(({ order: _o, ...r }) => r);
    for (const section of SECTIONS) {
      const migrated = (await childRows(db, section)) as unknown as Row[];
      const ingested = (await childRows(fresh, section)) as unknown as Row[];
      expect(migrated.length, section).toBeGreaterThan(0);
      if (section === 'events' || section === 'parties') expect(migrated, section).toEqual(ingested);
      else expect(noOrder(migrated), section).toEqual(noOrder(ingested));
    }
    expect((await childRows(db, 'events')).filter((e) => e.goneSince !== undefined).length).toBeGreaterThan(5);
  });
});

describe('ingest writes one row per changed case and nothing for an unchanged page', () => {
  const CASE = (n: number): CaseSnapshot => ({
    caseNo: `（2024）渝0107民初${n}号`,
    judge: '张三',
    status: 'pending',
    parties: [{ name: `甲${n}`, role: '原告' }, { name: '乙', role: '被告' }],
    events: [{ kind: 'hearing', on: '2024-10-10' }, { kind: 'deduction', reason: '鉴定', from: '2024-10-20' }],
    documents: [{ title: '起诉状', date: '2024-08-31', volume: 'main' }],
    writs: [{ title: '民事判决书', status: 'draft', ref: `w${n}` }],
  });
  const page = (cases: CaseSnapshot[]) => ({ profileId: 'demo-classic', pageKind: 'case-detail', url: 'u', cases });
  const T1 = Date.UTC(2025, 0, 10);
  const T2 = Date.UTC(2025, 0, 11);
  const T3 = Date.UTC(2025, 0, 12);

  it('counts the rows each table is asked to write', async () => {
    const db = openDb(dbName('writes'));
    opened.push(db);
    const writes = recordWrites(db);
    await db.open();
    const cases = Array.from({ length: 50 }, (_, i) => CASE(i + 1));
    const keys = cases.map((c) => keyOf(c.caseNo));

    await ingestPage(db, page(cases), T1);
    expect(writes.cases).toEqual(keys); // 50 rows, not 50 × (1 + 4 sections) or 50 × items
    expect(Object.keys(writes)).toEqual(['cases']);
    for (const r of await db.cases.toArray()) expect(Object.keys(r.items!).sort()).toEqual(['documents', 'events', 'parties', 'writs']);
    expect(await childRows(db, 'events')).toHaveLength(100);

    // the same page again: nothing at all
    for (const k of Object.keys(writes)) delete writes[k];
    expect(await ingestPage(db, page(cases), T2)).toMatchObject({ unchanged: 50 });
    expect(writes).toEqual({});

    // case 7's deduction ends: its case row, nothing else
    const changed = cases.map((c, i) => (i === 6 ? { ...c, events: [c.events![0], { kind: 'deduction' as const, reason: '鉴定', from: '2024-10-20', to: '2024-12-01' }] } : c));
    expect(await ingestPage(db, page(changed), T2)).toMatchObject({ updated: 1, unchanged: 49 });
    expect(writes).toEqual({ cases: [keys[6]] });
    const ev = await childRows(db, 'events', [keys[6]]);
    expect(ev.map((e) => [e.kind, e.firstSeenAt, e.goneSince])).toEqual([['deduction', T1, undefined], ['hearing', T1, undefined]]);
    expect(ev.find((e) => e.kind === 'deduction')).toMatchObject({ to: '2024-12-01' });

    // case 9's 文书 tab alone (the other sections not shown): its case row, the other sections kept as stored; the draft is signed
    for (const k of Object.keys(writes)) delete writes[k];
    const beforeSigned = (await db.cases.get(keys[8]))!.items!;
    const signed = { caseNo: cases[8].caseNo, writs: [{ title: '民事判决书', status: 'signed' as const, ref: 'w9' }] };
    expect(await ingestPage(db, page([signed]), T3)).toMatchObject({ updated: 1 });
    expect(writes).toEqual({ cases: [keys[8]] });
    const afterSigned = (await db.cases.get(keys[8]))!.items!;
    expect({ ...afterSigned, writs: undefined }).toEqual({ ...beforeSigned, writs: undefined });
    expect(afterSigned.writs!.map((w) => [w.status, w.firstSeenAt])).toEqual([['signed', T1]]);

    // a party disappears on case 3: its row keeps the party with goneSince (never deleted)
    for (const k of Object.keys(writes)) delete writes[k];
    await ingestPage(db, page([{ ...cases[2], parties: [cases[2].parties![1]] }]), T3);
    expect(writes).toEqual({ cases: [keys[2]] });
    expect((await childRows(db, 'parties', [keys[2]])).map((p) => [p.name, p.goneSince])).toEqual([['甲3', T3], ['乙', undefined]]); // id order: 原告|甲3, 被告|乙
    // and it comes back: goneSince cleared, firstSeenAt kept
    await ingestPage(db, page([cases[2]]), T3 + 1);
    expect((await childRows(db, 'parties', [keys[2]])).map((p) => [p.name, p.firstSeenAt, p.goneSince])).toEqual([['甲3', T1, undefined], ['乙', T1, undefined]]);
  });

  it('a section shown empty for a new case stores no items for it but is remembered as seen', async () => {
    const db = openDb(dbName('empty'));
    opened.push(db);
    const writes = recordWrites(db);
    await db.open();
    await ingestPage(db, page([{ caseNo: '（2024）渝0107民初1号', writs: [], events: [] }]), T1);
    expect(writes.cases).toHaveLength(1);
    expect((await db.cases.toArray())[0].items).toBeUndefined();
    const [c] = await getCases(db, ['（2024）渝0107民初1号']);
    expect(c).toMatchObject({ writs: [], events: [] });
    expect(c!.documents).toBeUndefined();
  });
});
