// Backup / restore across versions: the backup files every earlier version wrote (tests/fixtures/backups/, made
// from the seed generator with the frozen old row shapes of tests/unit/support/store-old-versions.ts) restore into
// the current version with counts reported and nothing lost; a corrupt or partial file is refused with a clear
// message and changes nothing.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../utils/domain/audit';
import { recordAudit, verifyAudit } from '../../utils/background/supervision';
import { openDb, type ZhixiaoDB } from '../../utils/store/db';
import {
  AuditRowSchema, CaseRowSchema, DocumentRowSchema, EventRowSchema, FlagRowSchema, MarkRowSchema, OutboxRowSchema,
  PartyRowSchema, SettingRowSchema, SignoffRowSchema, WritRowSchema,
} from '../../utils/store/records';
import { exportAll, getCase, importAll } from '../../utils/store/repo';
import { SCHEMA_VERSION, TABLES } from '../../utils/store/schema';
import { tableCount, tableRows } from './support/store-rows';

const SCHEMAS = {
  cases: CaseRowSchema, events: EventRowSchema, parties: PartyRowSchema, documents: DocumentRowSchema, writs: WritRowSchema,
  signoffs: SignoffRowSchema, marks: MarkRowSchema, flags: FlagRowSchema, audit: AuditRowSchema, settings: SettingRowSchema,
  outbox: OutboxRowSchema,
} as const;

type Row = Record<string, unknown>;
interface BackupFile { format: string; schemaVersion: number; exportedAt: string; tables: Record<string, Row[]> }
const fileText = (v: number) => readFileSync(resolve(`tests/fixtures/backups/zhixiao-backup-v${v}.json`), 'utf8');
const file = (v: number) => JSON.parse(fileText(v)) as BackupFile;
const isWritRow = (r: Row) => typeof r.status === 'string' && r.volume === undefined;

let dbs: ZhixiaoDB[] = [];
const fresh = async () => {
  const d = openDb(`test-backup-v-${crypto.randomUUID()}`);
  await d.open();
  dbs.push(d);
  return d;
};
afterEach(async () => {
  for (const d of dbs) await d.delete();
  dbs = [];
});

async function dump(d: ZhixiaoDB) {
  const out: Record<string, unknown[]> = {};
  for (const t of TABLES) out[t] = await tableRows(d, t);
  return out;
}

describe('backup files of every version', () => {
  it('the fixtures are what each version wrote (format, version, its own tables)', () => {
    expect(SCHEMA_VERSION).toBe(6); // a new version needs its own fixture here
    expect(Object.keys(file(1).tables).sort()).toEqual(['audit', 'cases', 'documents', 'events', 'flags', 'marks', 'parties', 'settings', 'signoffs']);
    expect(file(1).tables.events.some((e) => e.present === false)).toBe(true);
    expect(file(1).tables.signoffs.every((s) => typeof s.synced === 'boolean')).toBe(true);
    expect(Object.keys(file(2).tables)).toContain('outbox');
    expect(Object.keys(file(2).tables)).not.toContain('writs');
    expect(file(2).tables.documents.some(isWritRow)).toBe(true);
    expect(Object.keys(file(3).tables).sort()).toEqual([...TABLES].sort());
    // v4 packs the sections per case on disk only: its files hold the same logical rows as v3 files
    expect(Object.keys(file(4).tables).sort()).toEqual([...TABLES].sort());
    expect(file(4).tables).toEqual(file(3).tables);
    // v5 keeps a case's sections in one row on disk only: the same logical rows again
    expect(file(5).tables).toEqual(file(3).tables);
    // v6 keeps them in the case row on disk only: the same logical rows again
    expect(file(6).tables).toEqual(file(3).tables);
    for (const v of [1, 2, 3, 4, 5, 6]) {
      expect(file(v)).toMatchObject({ format: 'zhixiao-backup', schemaVersion: v });
      expect(fileText(v).length).toBeLessThan(60_000);
    }
  });

  it.each([1, 2, 3, 4, 5, 6])('v%i restores into an empty current database: every record, counts reported, chain verified', async (v) => {
    const f = file(v);
    const db = await fresh();
    const r = await importAll(db, fileText(v));
    expect(r.ok, !r.ok ? r.error : '').toBe(true);
    if (!r.ok) return;
    expect(r.fromSchemaVersion).toBe(v);

    // counts: every row of the file was added (v1/v2 文书 land in writs)
    const docs = f.tables.documents ?? [];
    const expected: Record<string, number> = {
      cases: f.tables.cases.length, events: f.tables.events.length, parties: f.tables.parties.length,
      documents: v < 3 ? docs.filter((d) => !isWritRow(d)).length : docs.length,
      writs: v < 3 ? docs.filter(isWritRow).length : f.tables.writs.length,
      signoffs: f.tables.signoffs.length, marks: f.tables.marks.length, flags: f.tables.flags.length,
      audit: f.tables.audit.length, settings: f.tables.settings.length, outbox: (f.tables.outbox ?? []).length,
    };
    for (const t of TABLES) {
      expect(r.tables[t], t).toEqual({ added: expected[t], updated: 0, unchanged: 0 });
      expect(await tableCount(db, t), t).toBe(expected[t]);
      for (const row of await tableRows(db, t)) SCHEMAS[t].parse(row);
    }
    expect(expected.writs).toBeGreaterThan(0);

    // the records people made are the same records
    const strip = (r: Row, keys: string[]) => Object.fromEntries(Object.entries(r).filter(([k]) => !keys.includes(k)));
    const sync = ['synced', 'syncState', 'attempts', 'lastError'];
    expect((await db.signoffs.orderBy('id').toArray()).map((s) => strip(s as Row, sync))).toEqual(f.tables.signoffs.map((s) => strip(s, sync)));
    expect((await db.flags.orderBy('id').toArray()).map((s) => strip(s as Row, sync))).toEqual(f.tables.flags.map((s) => strip(s, sync)));
    expect((await db.marks.orderBy('id').toArray()).map((m) => strip(m as Row, ['clientId']))).toEqual(f.tables.marks.map((m) => strip(m, ['clientId'])));
    expect(await db.audit.orderBy('seq').toArray()).toEqual(f.tables.audit);
    expect(await verifyAudit(db)).toMatchObject({ ok: true, count: f.tables.audit.length });

    // cases read back whole
    for (const c of f.tables.cases) {
      const got = (await getCase(db, String(c.caseKey), { includeGone: true }))!;
      expect(got.caseNo).toBe(c.caseNo);
      const parties = f.tables.parties.filter((p) => p.caseKey === c.caseKey);
      expect(got.parties ?? []).toHaveLength(parties.length);
    }

    // restoring the same file again adds nothing
    const again = await importAll(db, fileText(v));
    expect(again.ok).toBe(true);
    if (again.ok) for (const t of TABLES) expect(again.tables[t].added, t).toBe(0);

    // and the restored chain goes on
    await recordAudit(db, { type: 'signoff', caseKey: String(f.tables.cases[0].caseKey), payload: { clientId: 'after-restore' }, actor: '林国栋（庭长）', at: '2025-07-01T09:00:00+08:00' });
    expect(await verifyAudit(db)).toMatchObject({ ok: true, count: f.tables.audit.length + 1 });
  });

  it('an old backup restored over newer local work keeps both (merge, never wipe)', async () => {
    const db = await fresh();
    expect((await importAll(db, fileText(3))).ok).toBe(true);
    const before = await dump(db);
    const r = await importAll(db, file(2));
    expect(r.ok, !r.ok ? r.error : '').toBe(true);
    const after = await dump(db);
    for (const t of ['cases', 'events', 'parties', 'documents', 'writs', 'signoffs', 'marks', 'flags', 'outbox'] as const) {
      // every local row is still there (cases may take newer scalars; nothing is removed)
      const keyOf = (x: Row) => String(x.caseKey ?? '') + '|' + String(x.id ?? x.clientId ?? '');
      const now = new Set((after[t] as Row[]).map(keyOf));
      for (const row of before[t] as Row[]) expect(now.has(keyOf(row)), `${t} ${keyOf(row)}`).toBe(true);
      expect(after[t].length, t).toBeGreaterThanOrEqual(before[t].length);
    }
    expect(after.signoffs).toHaveLength(before.signoffs.length + file(2).tables.signoffs.length);
  });
});

describe('corrupt or partial backups are refused and change nothing', () => {
  const cases: Array<[string, (text: string) => unknown, RegExp]> = [
    ['cut off in the middle (a partial download)', (t) => t.slice(0, Math.floor(t.length / 2)), /不是有效的 JSON/],
    ['empty file', () => '', /不是有效的 JSON/],
    ['not a backup at all', () => ({ cases: [] }), /备份文件无效/],
    ['from a newer version', (t) => ({ ...JSON.parse(t), schemaVersion: SCHEMA_VERSION + 1 }), /更新的版本/],
    ['a table that does not exist', (t) => { const f = JSON.parse(t); f.tables.mystery = [{}]; return f; }, /未知的表 mystery/],
    ['a sign-off without its decision', (t) => { const f = JSON.parse(t); delete f.tables.signoffs[0].decision; return f; }, /tables\.signoffs\[0\]\.decision/],
    ['an audit record edited after the fact', (t) => { const f = JSON.parse(t); f.tables.audit[1].payload = { forged: true }; return f; }, /审计日志未通过完整性校验.*第 2 条/],
    ['an audit record removed from the middle', (t) => { const f = JSON.parse(t); f.tables.audit.splice(1, 1); return f; }, /审计日志未通过完整性校验/],
    ['audit records swapped', (t) => { const f = JSON.parse(t); [f.tables.audit[0], f.tables.audit[1]] = [f.tables.audit[1], f.tables.audit[0]]; return f; }, /审计日志未通过完整性校验/],
    ['an event row filed under another case', (t) => { const f = JSON.parse(t); f.tables.events[0].caseKey = 'X'; return f; }, /tables\.events\[0\]\.id/],
  ];

  it.each([1, 2, 3, 4, 5, 6])('v%i file, every kind of damage', async (v) => {
    const db = await fresh();
    // local data that must survive every refused restore
    expect((await importAll(db, fileText(v >= 3 ? 2 : 3))).ok).toBe(true);
    await recordAudit(db, { type: 'mark', caseKey: 'local', payload: { n: 1 }, actor: '林国栋（庭长）', at: '2025-07-01T09:00:00+08:00' });
    const before = await dump(db);
    for (const [what, damage, message] of cases) {
      const r = await importAll(db, damage(fileText(v)));
      expect(r.ok, `${what}`).toBe(false);
      if (!r.ok) expect(r.error, what).toMatch(message);
      expect(await dump(db), what).toEqual(before);
    }
    expect((await verifyAudit(db)).ok).toBe(true);
  });

  it('a file that leaves tables out restores the tables it has and touches no others', async () => {
    const db = await fresh();
    expect((await importAll(db, fileText(3))).ok).toBe(true);
    const before = await dump(db);
    const f = file(2);
    const partial = { ...f, tables: { signoffs: f.tables.signoffs, settings: [{ key: 'thresholds', value: { notice: 20 } }] } };
    const r = await importAll(db, partial);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.tables.signoffs.added).toBe(f.tables.signoffs.length);
    expect(r.tables.settings).toEqual({ added: 0, updated: 1, unchanged: 0 });
    expect(r.tables.cases).toEqual({ added: 0, updated: 0, unchanged: 0 });
    const after = await dump(db);
    for (const t of ['cases', 'events', 'parties', 'documents', 'writs', 'marks', 'flags', 'audit', 'outbox'] as const) expect(after[t], t).toEqual(before[t]);
    expect(verifyChain(after.audit).ok).toBe(true);
  });
});

it.each([3, 4, 5, 6])('export of the current version reads back as the v%i fixture (the logical, flat format)', async (v) => {
  const db = await fresh();
  expect((await importAll(db, fileText(v))).ok).toBe(true);
  const b = await exportAll(db);
  expect(b.schemaVersion).toBe(SCHEMA_VERSION);
  expect(Object.keys(b.tables).sort()).toEqual(Object.keys(file(v).tables).sort());
  for (const t of TABLES) expect(b.tables[t], t).toEqual(file(v).tables[t]);
});
