import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendRecord, GENESIS_HASH, verifyChain } from '../../utils/domain/audit';
import type { CaseSnapshot } from '../../utils/domain/case';
import type { AuditRow } from '../../utils/store/records';
import { openDb, type ZhixiaoDB } from '../../utils/store/db';
import {
  addFlag, addMark, addSignoff, appendAudit, childRows, clearCachedCases, dueOutbox, enqueueOutbox, exportAll, getCase,
  getSetting, importAll, ingestPage, listAudit, listFlags, listMarks, listSignoffs, markOutboxResult, outboxBackoffMs,
  setSetting,
} from '../../utils/store/repo';
import { SCHEMA_VERSION, TABLES } from '../../utils/store/schema';
import { tableRows } from './support/store-rows';

const T0 = Date.UTC(2025, 0, 10, 2);
const K = '(2024)渝0107民初1669号';
let dbs: ZhixiaoDB[] = [];
let db: ZhixiaoDB;
const fresh = async () => {
  const d = openDb(`test-backup-${crypto.randomUUID()}`);
  await d.open();
  dbs.push(d);
  return d;
};
beforeEach(async () => {
  db = await fresh();
});
afterEach(async () => {
  for (const d of dbs) await d.delete();
  dbs = [];
});

const snap: CaseSnapshot = {
  caseNo: '（2024）渝0107民初1669号',
  judge: '张三',
  division: '民一庭',
  status: 'closed',
  category: 'civil',
  filedOn: '2024-08-31',
  closedOn: '2025-01-05',
  parties: [{ name: '甲公司', role: '原告' }, { name: '乙', role: '被告' }],
  events: [{ kind: 'deduction', reason: '鉴定', from: '2024-10-20', to: '2024-12-01' }, { kind: 'hearing', on: '2024-10-10' }],
  documents: [{ title: '判决书', status: 'issued', date: '2025-01-05' }, { title: '送达回证', party: '乙' }],
};

const signoff = {
  clientId: 'so-1',
  caseNo: snap.caseNo,
  documentRef: '判决书 v3',
  triggers: ['四类'],
  reviewer: '钱七',
  reviewerRole: '庭长',
  reviewedAt: '2025-01-04T10:00:00+08:00',
  decision: '有意见' as const,
  opinion: '请补充类案检索',
  recommendedRoute: '复议' as const,
};

async function seed(d: ZhixiaoDB) {
  await ingestPage(d, { profileId: 'demo-classic', pageKind: 'case-detail', url: 'u', cases: [snap, { caseNo: '(2024)渝0107民初2号', judge: '王五' }] }, T0);
  // one event disappears, so a goneSince row is part of the backup
  await ingestPage(d, { profileId: 'demo-classic', pageKind: 'case-detail', url: 'u', cases: [{ ...snap, events: [snap.events![1]] }] }, T0 + 1000);
  await addSignoff(d, signoff, { outbox: { endpoint: '/api/yuehe' }, now: T0 });
  await addSignoff(d, { ...signoff, clientId: 'so-2', decision: '同意', opinion: undefined, recommendedRoute: null, reviewedAt: '2025-01-06T10:00:00+08:00' });
  await addMark(d, { clientId: 'mk-1', caseNo: K, category: 1, subSituation: '具有普遍法律适用指导意义', reason: '新类型', by: '钱七', role: '庭长', at: '2025-01-02T09:00:00+08:00', action: 'mark' });
  await addMark(d, { clientId: 'mk-2', caseNo: K, category: 1, reason: '已报审委会', by: '钱七', role: '庭长', at: '2025-01-03T09:00:00+08:00', action: 'unmark' });
  await addFlag(d, { clientId: 'fl-1', caseNo: K, item: '送达回证(乙)', flag: '缺失', reason: '邮寄回执未归', by: '周九', at: '2025-01-07T09:00:00+08:00' }, { outbox: { endpoint: '/api/flags' }, now: T0 });
  // a real hash chain (utils/domain/audit.ts), as the background writes it
  const chain = (input: { type: string; payload: unknown; at: string }) => (prev: AuditRow | undefined) => {
    const r = appendRecord(prev ? { ...prev, seq: prev.seq!, caseKey: prev.caseKey ?? '' } : null, { ...input, caseKey: K, actor: '钱七' });
    return { caseKey: K, type: r.type, payload: r.payload, at: r.at, actor: '钱七', prevHash: r.prevHash, hash: r.hash };
  };
  await appendAudit(d, chain({ type: 'signoff', payload: { clientId: 'so-1' }, at: '2025-01-04T10:00:01+08:00' }));
  await appendAudit(d, chain({ type: 'mark', payload: { clientId: 'mk-1' }, at: '2025-01-04T10:00:02+08:00' }));
  await setSetting(d, 'thresholds', { notice: 30, warning: 15 });
}

async function dumpTables(d: ZhixiaoDB) {
  const out: Record<string, unknown[]> = {};
  for (const t of TABLES) out[t] = await tableRows(d, t);
  return out;
}

describe('records', () => {
  it('sign-offs: 有意见 needs an opinion and a route; clientId makes them idempotent', async () => {
    await expect(addSignoff(db, { ...signoff, opinion: undefined })).rejects.toThrow(/opinion/);
    await expect(addSignoff(db, { ...signoff, recommendedRoute: null })).rejects.toThrow(/recommendedRoute/);
    const a = await addSignoff(db, signoff);
    const b = await addSignoff(db, signoff);
    expect(b.id).toBe(a.id);
    expect(a).toMatchObject({ caseKey: K, syncState: 'pending', attempts: 0 });
    expect(await listSignoffs(db, K)).toHaveLength(1);
  });

  it('marks keep the whole history, un-marking included', async () => {
    await seed(db);
    expect((await listMarks(db, K)).map((m) => m.action)).toEqual(['mark', 'unmark']);
    await expect(addMark(db, { clientId: 'x', caseNo: K, category: 1, reason: 'r', by: 'b', role: '庭长', at: '2025-01-03T09:00:00+08:00', action: 'mark' })).rejects.toThrow(/subSituation/);
  });

  it('outbox: due entries, backoff on failure, synced on success', async () => {
    await seed(db);
    const due = await dueOutbox(db, T0);
    expect(due.map((o) => o.id).sort()).toEqual(['flag:fl-1', 'signoff:so-1']);
    expect(await enqueueOutbox(db, { kind: 'signoff', refId: 'so-1', payload: {}, endpoint: '/x' }, T0 + 5)).toMatchObject({ endpoint: '/api/yuehe', createdAt: T0 });

    const next = await markOutboxResult(db, 'signoff:so-1', { ok: false, error: 'HTTP 503' }, T0);
    expect(next).toMatchObject({ attempts: 1, nextAttemptAt: T0 + outboxBackoffMs(1), lastError: 'HTTP 503' });
    expect((await listSignoffs(db, K))[0]).toMatchObject({ syncState: 'failed', attempts: 1, lastError: 'HTTP 503' });
    expect((await dueOutbox(db, T0)).map((o) => o.id)).toEqual(['flag:fl-1']);
    expect((await dueOutbox(db, T0 + outboxBackoffMs(1))).map((o) => o.id).sort()).toEqual(['flag:fl-1', 'signoff:so-1']);

    await markOutboxResult(db, 'signoff:so-1', { ok: true }, T0 + 60_000);
    expect(await db.outbox.get('signoff:so-1')).toBeUndefined();
    const s = (await listSignoffs(db, K))[0];
    expect(s).toMatchObject({ syncState: 'synced', attempts: 2 });
    expect(s.lastError).toBeUndefined();

    await markOutboxResult(db, 'flag:fl-1', { ok: false, error: 'HTTP 400', retry: false }, T0);
    expect(await db.outbox.count()).toBe(0);
    expect((await listFlags(db, K))[0]).toMatchObject({ syncState: 'failed', lastError: 'HTTP 400' });
  });

  it('settings and audit', async () => {
    expect(await getSetting(db, 'missing')).toBeUndefined();
    expect(await getSetting(db, 'missing', 7)).toBe(7);
    await seed(db);
    expect(await getSetting(db, 'thresholds')).toEqual({ notice: 30, warning: 15 });
    const audit = await listAudit(db, K);
    expect(audit.map((a) => a.seq)).toEqual([1, 2]);
    expect(audit[0].prevHash).toBe(GENESIS_HASH);
    expect(audit[1].prevHash).toBe(audit[0].hash);
    expect(verifyChain(audit).ok).toBe(true);
  });
});

describe('backup', () => {
  it('exports one versioned JSON object with every table', async () => {
    await seed(db);
    const b = await exportAll(db, T0);
    expect(b).toMatchObject({ format: 'zhixiao-backup', schemaVersion: SCHEMA_VERSION, exportedAt: new Date(T0).toISOString() });
    expect(Object.keys(b.tables).sort()).toEqual([...TABLES].sort());
    expect(b.tables.events).toHaveLength(2);
    expect(JSON.parse(JSON.stringify(b))).toEqual(b);
  });

  it('round trip: export → wipe → import restores every record', async () => {
    await seed(db);
    const before = await dumpTables(db);
    const file = JSON.stringify(await exportAll(db));
    await db.transaction('rw', db.tables, async () => {
      for (const t of db.tables) await t.clear();
    });
    const r = await importAll(db, file);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    for (const t of TABLES) expect(r.tables[t], t).toEqual({ added: before[t].length, updated: 0, unchanged: 0 });
    expect(await dumpTables(db)).toEqual(before);
    expect((await getCase(db, K, { includeGone: true }))!.gone!.events).toHaveLength(1);
  });

  it('round trip into a brand-new database', async () => {
    await seed(db);
    const before = await dumpTables(db);
    const other = await fresh();
    const r = await importAll(other, await exportAll(db));
    expect(r.ok).toBe(true);
    expect(await dumpTables(other)).toEqual(before);
  });

  it('importing into a database that has the data merges without duplicates', async () => {
    await seed(db);
    const before = await dumpTables(db);
    const r = await importAll(db, await exportAll(db));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    for (const t of TABLES) expect(r.tables[t].added, t).toBe(0);
    expect(await dumpTables(db)).toEqual(before);
  });

  it('merges: newer case scalars win, local-only records stay, synced state is taken over', async () => {
    await seed(db);
    const other = await fresh();
    await ingestPage(other, { profileId: 'demo-modern', pageKind: 'case-list', url: 'u', cases: [{ caseNo: K, judge: '李四' }, { caseNo: '(2024)渝0107民初9号' }] }, T0 + 5000);
    await addSignoff(other, { ...signoff, clientId: 'so-local' });
    await addSignoff(other, signoff);
    const backup = await exportAll(db);
    (backup.tables.signoffs as { clientId: string; syncState: string }[]).find((s) => s.clientId === 'so-1')!.syncState = 'synced';
    const r = await importAll(other, backup);
    expect(r.ok && r.tables.signoffs).toEqual({ added: 1, updated: 1, unchanged: 0 });
    const c = (await getCase(other, K))!;
    expect(c.judge).toBe('李四'); // seen later in `other`
    expect(c.division).toBe('民一庭'); // only in the backup
    expect(c.sources.sort()).toEqual(['demo-classic/case-detail', 'demo-modern/case-list']);
    expect(c.firstSeenAt).toBe(T0);
    expect(c.lastSeenAt).toBe(T0 + 5000);
    expect(await other.cases.count()).toBe(3);
    expect((await listSignoffs(other, K)).map((s) => [s.clientId, s.syncState])).toEqual([['so-local', 'pending'], ['so-1', 'synced'], ['so-2', 'pending']]);
  });

  it('refuses a bad file, says where, and writes nothing', async () => {
    await seed(db);
    const before = await dumpTables(db);
    const good = await exportAll(db);

    const bad = JSON.parse(JSON.stringify(good));
    bad.tables.cases.push({ caseKey: 'NEW', caseNo: 'NEW', firstSeenAt: 1, lastSeenAt: 1, sources: [], sectionsSeen: [] });
    bad.tables.signoffs.push({ ...bad.tables.signoffs[0], clientId: 'so-new', id: 99 });
    bad.tables.events[0].from = '2023-02-29'; // a date that does not exist
    const r = await importAll(db, bad);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/tables\.events\[0\]\.from/);
    expect(await dumpTables(db)).toEqual(before);

    for (const broken of [
      'not json',
      { format: 'something-else', schemaVersion: 1, exportedAt: '', tables: {} },
      { ...good, schemaVersion: SCHEMA_VERSION + 1 },
      { ...good, tables: { ...good.tables, mystery: [] } },
      { ...good, tables: { ...good.tables, signoffs: [{ ...(good.tables.signoffs[0] as object), opinion: undefined }] } },
    ]) {
      const res = await importAll(db, broken);
      expect(res.ok).toBe(false);
    }
    expect(await dumpTables(db)).toEqual(before);
  });

  it('items of a case the file lacks: merged into the stored case, refused when this store lacks it too', async () => {
    await seed(db);
    const full = await exportAll(db);
    // a file with the case's events but not the case (edited by hand): the store has the case, so they are merged
    const eventsOnly = { ...full, tables: { ...full.tables, cases: [], parties: [], documents: [], writs: [], events: (full.tables.events as { id: string }[]).map((e) => ({ ...e, id: `${e.id}-x` })) } };
    const merged = await importAll(db, eventsOnly);
    expect(merged.ok && merged.tables.events.added).toBe(full.tables.events.length);
    expect((await childRows(db, 'events')).filter((e) => e.id.endsWith('-x'))).toHaveLength(full.tables.events.length);

    // into a store without the case: the items would have no case row to live in, so nothing at all is written
    const empty = await fresh();
    const r = await importAll(empty, eventsOnly);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/tables\.events\[0\]\.caseKey: 案件 .* 既不在备份中也不在本机/);
    for (const t of TABLES) expect(await tableRows(empty, t), t).toEqual([]);
  });

  it('clearCachedCases clears host data and keeps sign-offs, marks, flags, audit, settings, outbox', async () => {
    await seed(db);
    const before = await dumpTables(db);
    await clearCachedCases(db);
    expect(await db.cases.count()).toBe(0);
    expect(before.events.length + before.parties.length).toBeGreaterThan(0); // there were rows to clear
    for (const t of ['events', 'parties', 'documents', 'writs']) expect(await tableRows(db, t), t).toEqual([]);
    for (const t of ['signoffs', 'marks', 'flags', 'audit', 'settings', 'outbox']) expect(await db.table(t).toArray(), t).toEqual(before[t]);
  });
});

describe('restore id collisions', () => {
  it('keeps every sign-off and mark when an id given out during the restore is one a later row of the file had', async () => {
    // local: sign-off #1 and audit #1; the file: sign-offs #1, #2 and marks #1, #2 (other clientIds)
    await addSignoff(db, { ...signoff, clientId: 'local-1' });
    const other = await fresh();
    await addSignoff(other, { ...signoff, clientId: 'file-1' });
    await addSignoff(other, { ...signoff, clientId: 'file-2' });
    await addMark(db, { clientId: 'local-m', caseNo: K, category: 1, subSituation: '新类型', reason: 'r', by: '钱七', role: '庭长', at: '2025-01-02T09:00:00+08:00', action: 'mark' });
    await addMark(other, { clientId: 'file-m1', caseNo: K, category: 1, subSituation: '新类型', reason: 'r', by: '钱七', role: '庭长', at: '2025-01-02T09:00:00+08:00', action: 'mark' });
    await addMark(other, { clientId: 'file-m2', caseNo: K, category: 2, subSituation: '新类型', reason: 'r', by: '钱七', role: '庭长', at: '2025-01-02T09:00:00+08:00', action: 'mark' });
    const r = await importAll(db, await exportAll(other));
    expect(r.ok, !r.ok ? r.error : '').toBe(true);
    expect((await db.signoffs.toArray()).map((s) => s.clientId).sort()).toEqual(['file-1', 'file-2', 'local-1']);
    expect((await db.marks.toArray()).map((s) => s.clientId).sort()).toEqual(['file-m1', 'file-m2', 'local-m']);
  });
});
