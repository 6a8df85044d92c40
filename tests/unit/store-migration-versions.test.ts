// Migration from EVERY earlier schema version with realistic data: the old database is built with a frozen copy
// of that version's stores (tests/unit/support/store-old-versions.ts), filled with seed-generator cases and the
// records people made (sign-offs, marks, flags, a hash-chained audit log, outbox entries, settings), then opened
// with the current code. Nothing may be dropped, every row must have the current shape, the audit chain must
// still verify, and the current repositories must keep working on the upgraded data.
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../utils/domain/audit';
import { recordAudit, verifyAudit } from '../../utils/background/supervision';
import { openDb, type ZhixiaoDB } from '../../utils/store/db';
import {
  AuditRowSchema, CaseRowSchema, DocumentRowSchema, EventRowSchema, FlagRowSchema, MarkRowSchema, OutboxRowSchema,
  PartyRowSchema, SettingRowSchema, SignoffRowSchema, WritRowSchema, type CaseRow,
} from '../../utils/store/records';
import { addSignoff, childRows, getCases, ingestPage } from '../../utils/store/repo';
import { tableCount, tableRows } from './support/store-rows';
import { SCHEMA_VERSION, TABLES } from '../../utils/store/schema';
import { buildOldData, createOldDb, seededSnapshots, type OldData } from './support/store-old-versions';

const SCHEMAS = {
  cases: CaseRowSchema, events: EventRowSchema, parties: PartyRowSchema, documents: DocumentRowSchema, writs: WritRowSchema,
  signoffs: SignoffRowSchema, marks: MarkRowSchema, flags: FlagRowSchema, audit: AuditRowSchema, settings: SettingRowSchema,
  outbox: OutboxRowSchema,
} as const;

let toDelete: string[] = [];
afterEach(async () => {
  for (const name of toDelete) await Dexie.delete(name);
  toDelete = [];
});

const SNAPS = seededSnapshots(60);
type Row = Record<string, unknown>;
const isWritRow = (r: Row) => typeof r.status === 'string' && r.volume === undefined;
const strip = (r: Row, keys: string[]) => Object.fromEntries(Object.entries(r).filter(([k]) => !keys.includes(k)));

describe.each([1, 2] as const)('v%i → current, realistic data', (version) => {
  const data: OldData = buildOldData(version, SNAPS);

  it('has realistic variety (so the test means something)', () => {
    expect(data.cases).toHaveLength(60);
    expect(data.events.length).toBeGreaterThan(60);
    expect(data.documents.filter(isWritRow).length).toBeGreaterThan(10);
    expect(data.documents.filter((d) => !isWritRow(d)).length).toBeGreaterThan(30);
    expect(data.signoffs.length).toBeGreaterThan(5);
    expect(data.marks.length).toBeGreaterThan(10);
    expect(data.flags.length).toBeGreaterThan(3);
    expect(data.audit.length).toBeGreaterThan(20);
    expect(new Set(data.cases.map((c) => c.category)).size).toBeGreaterThan(1);
    expect(new Set(data.cases.map((c) => c.status)).size).toBeGreaterThan(1);
    if (version === 2) expect(data.outbox!.length).toBeGreaterThan(3);
    const gone = version === 1 ? data.events.filter((e) => e.present === false) : data.events.filter((e) => e.goneSince !== undefined);
    expect(gone.length).toBeGreaterThan(5);
  });

  it('keeps every record, upgrades its shape, and the audit chain still verifies', async () => {
    const name = `test-migrate-v${version}-${crypto.randomUUID()}`;
    toDelete.push(name);
    await createOldDb(name, version, data);

    const db: ZhixiaoDB = openDb(name);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);

    // counts: nothing dropped (文书 moved from documents to writs, the sum is the same)
    for (const t of ['cases', 'events', 'parties', 'signoffs', 'marks', 'flags', 'audit', 'settings'] as const) {
      expect(await tableCount(db, t), t).toBe(data[t].length);
    }
    expect((await childRows(db, 'writs')).length).toBe(data.documents.filter(isWritRow).length);
    expect((await childRows(db, 'documents')).length).toBe(data.documents.filter((d) => !isWritRow(d)).length);
    expect(await db.outbox.count()).toBe(version === 2 ? data.outbox!.length : 0);

    // every row has the current shape
    for (const t of TABLES) for (const r of await tableRows(db, t)) SCHEMAS[t].parse(r);

    // children: the same content, present ↔ goneSince, never duplicated
    for (const section of ['events', 'parties'] as const) {
      const rows = new Map((await tableRows(db, section)).map((r: Row) => [r.id, r]));
      for (const old of data[section]) {
        const now = rows.get(old.id)!;
        expect(now, String(old.id)).toBeDefined();
        expect(strip(now, ['goneSince']), String(old.id)).toEqual(strip(old, ['present', 'goneSince']));
        const wasGone = version === 1 ? old.present === false : old.goneSince !== undefined;
        expect(now.goneSince !== undefined, String(old.id)).toBe(wasGone);
      }
    }
    const docsNow = new Map((await childRows(db, 'documents')).map((r) => [`d:${r.id}`, r as Row]));
    for (const w of await childRows(db, 'writs')) docsNow.set(`w:${w.id}`, w as Row);
    for (const old of data.documents) {
      const now = docsNow.get(`${isWritRow(old) ? 'w' : 'd'}:${String(old.id)}`);
      expect(now, String(old.id)).toBeDefined();
      const content = (r: Row) => strip(r, ['present', 'goneSince', ...(isWritRow(old) ? ['volume', 'party'] : [])]);
      expect(content(now!)).toEqual(content(old));
    }

    // cases: every scalar kept; sources / sectionsSeen filled
    const cases = new Map((await tableRows(db, 'cases')).map((c) => [String(c.caseKey), c as CaseRow]));
    for (const old of data.cases) {
      const now = cases.get(String(old.caseKey))!;
      expect(strip(now as Row, ['sources', 'sectionsSeen'])).toEqual(strip(old, ['source', 'sources', 'sectionsSeen']));
      expect(now.sources.length).toBeGreaterThan(0);
    }

    // the merged view of each case is what the host showed (minus what a later page no longer showed)
    const merged = await getCases(db, SNAPS.map((s) => s.caseNo), { includeGone: true });
    SNAPS.forEach((s, i) => {
      const m = merged[i]!;
      expect(m, s.caseNo).toBeDefined();
      expect(m.parties).toEqual(s.parties);
      expect([...(m.events ?? []), ...m.gone!.events.map(({ goneSince: _g, ...e }) => e)]).toHaveLength(s.events!.length);
      const writsShown = s.documents!.filter((d) => d.status && !d.volume).map((d) => ({ title: d.title, ref: d.ref, ...(d.date ? { date: d.date } : {}), status: d.status }));
      if (i % 7 !== 6) expect((m.writs ?? []).map((w) => ({ title: w.title, ref: w.ref, ...(w.date ? { date: w.date } : {}), status: w.status }))).toEqual(writsShown);
      else expect(m.writs).toBeUndefined();
    });

    // sign-offs, marks, flags: the same records (plus the current bookkeeping)
    const signoffs = await db.signoffs.orderBy('id').toArray();
    expect(signoffs.map((s) => strip(s as Row, ['id', 'syncState', 'attempts', 'lastError']))).toEqual(data.signoffs.map((s) => strip(s, ['synced', 'syncState', 'attempts', 'lastError'])));
    data.signoffs.forEach((s, i) => {
      const want = version === 1 ? (s.synced ? 'synced' : 'pending') : s.syncState;
      expect(signoffs[i].syncState).toBe(want);
    });
    const marks = await db.marks.orderBy('id').toArray();
    expect(marks.map((m) => strip(m as Row, ['id', 'clientId']))).toEqual(data.marks.map((m) => strip(m, ['clientId'])));
    expect(new Set(marks.map((m) => m.clientId)).size).toBe(marks.length);
    const flags = await db.flags.orderBy('id').toArray();
    expect(flags.map((f) => strip(f as Row, ['id', 'syncState', 'attempts', 'lastError']))).toEqual(data.flags.map((f) => strip(f, ['synced', 'syncState', 'attempts'])));
    if (version === 2) expect(await db.outbox.orderBy('id').toArray()).toEqual([...data.outbox!].sort((a, b) => String(a.id).localeCompare(String(b.id))));
    expect(await db.settings.toArray()).toEqual([...data.settings].sort((a, b) => String(a.key).localeCompare(String(b.key))));

    // the audit log: same rows, same order, and the chain verifies
    const audit = await db.audit.orderBy('seq').toArray();
    expect(audit.map((a) => strip(a as Row, ['seq']))).toEqual(data.audit);
    expect(verifyChain(audit)).toMatchObject({ ok: true, count: data.audit.length });
    expect((await verifyAudit(db)).ok).toBe(true);

    // the current code keeps working on the upgraded data: re-reading every page changes no 文书 and drops nothing
    const writsBefore = await childRows(db, 'writs');
    const cut = Date.UTC(2025, 5, 30);
    await ingestPage(db, { profileId: 'demo-modern', pageKind: 'case-detail', url: 'u', cases: SNAPS.map((s) => ({ ...s, documents: s.documents!.filter((d) => d.volume) })) }, cut);
    // (order is the position in the 文书 tab now, no longer in the combined v2 list; nothing else changes)
    const writsAfter = new Map((await childRows(db, 'writs')).map((w) => [w.id, w]));
    for (const w of writsBefore) expect(strip(writsAfter.get(w.id)! as Row, ['order'])).toEqual(strip(w as Row, ['order']));
    const neverOpened = SNAPS.filter((_, i) => i % 7 === 6).reduce((n, s) => n + s.writs!.length, 0);
    expect(writsAfter.size).toBe(writsBefore.length + neverOpened);
    for (const section of ['events', 'parties', 'documents', 'writs'] as const) {
      expect((await tableRows(db, section)).filter((r: Row) => r.goneSince === cut), section).toEqual([]);
    }
    // new records chain on after the migrated ones
    const c = SNAPS[0];
    await addSignoff(db, { clientId: 'after-migration', caseNo: c.caseNo, documentRef: 'x', triggers: ['本庭裁判文书'], reviewer: '林国栋', reviewerRole: '庭长', reviewedAt: '2025-06-30T10:00:00+08:00', decision: '同意', recommendedRoute: null });
    await recordAudit(db, { type: 'signoff', caseKey: String(data.cases[0].caseKey), payload: { clientId: 'after-migration' }, actor: '林国栋（庭长）', at: '2025-06-30T10:00:00+08:00' });
    const v = await verifyAudit(db);
    expect(v).toMatchObject({ ok: true, count: data.audit.length + 1 });
    expect(await db.signoffs.count()).toBe(data.signoffs.length + 1);
    db.close();
  });
});
