import { describe, expect, it } from 'vitest';
import {
  buildWriteBack, classifyStatus, createOutboxRunner, processOutbox, retryAfterLogin, type FetchLike,
} from '../../utils/background/writeback';
import { addFlag, addSignoff, enqueueOutbox, openDb, outboxBackoffMs, type SignoffInput } from '../../utils/store';

let n = 0;
const T0 = Date.parse('2025-06-02T02:00:00Z');
const EP = 'http://127.0.0.1:5180/api/cases/c1/signoffs';

const signoff = (clientId: string): SignoffInput => ({
  clientId, caseNo: '(2025)渝0107民初1号', documentRef: 'c1-w03', triggers: ['本庭裁判文书'], reviewer: '林国栋', reviewerRole: '庭长',
  reviewedAt: '2025-06-02T10:00:00+08:00', decision: '同意', recommendedRoute: null,
});

/** A fake host: answers with the queued statuses in order, records every request. */
function fakeFetch(statuses: Array<number | 'network'>) {
  const calls: Array<{ url: string; method: string; body: string; headers: Record<string, string> }> = [];
  const f: FetchLike = async (url, init) => {
    calls.push({ url, method: init.method, body: init.body, headers: init.headers });
    const s = statuses.length > 1 ? statuses.shift()! : statuses[0];
    if (s === 'network') throw new TypeError('Failed to fetch');
    const body = s >= 400 ? JSON.stringify({ error: s === 503 ? '服务暂不可用' : s === 401 ? '未登录' : '“有意见”须填写阅核意见' }) : JSON.stringify({ created: true });
    return { status: s, ok: s < 300, text: async () => body };
  };
  return { f, calls };
}

async function setup() {
  const db = openDb(`zx-wb-${Date.now()}-${n++}`);
  const s = signoff(`so-${n}`);
  const env = buildWriteBack({ method: 'POST', url: '/api/cases/{hostRef}/signoffs', body: 'json' }, s as unknown as Record<string, unknown>);
  await addSignoff(db, s, { now: T0 });
  await enqueueOutbox(db, { kind: 'signoff', refId: s.clientId, payload: env, endpoint: EP }, T0);
  return { db, s };
}

describe('write-back outbox', () => {
  it('success: sends the record as JSON with its clientId and marks it synced', async () => {
    const { db, s } = await setup();
    const { f, calls } = fakeFetch([201]);
    const r = await processOutbox({ db, fetch: f, now: () => T0 });
    expect(r).toEqual({ attempted: 1, synced: 1, retrying: 0, refused: 0 });
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe(EP);
    expect(calls[0].method).toBe('POST');
    expect(calls[0].headers['Content-Type']).toMatch(/application\/json/);
    expect(JSON.parse(calls[0].body)).toMatchObject({ clientId: s.clientId, decision: '同意', reviewer: '林国栋', documentRef: 'c1-w03' });
    expect(await db.outbox.count()).toBe(0);
    const row = await db.signoffs.where('clientId').equals(s.clientId).first();
    expect(row).toMatchObject({ syncState: 'synced', attempts: 1 });
  });

  it('503 → stays queued with backoff → retried when due → synced', async () => {
    const { db, s } = await setup();
    const { f, calls } = fakeFetch([503, 201]);
    const first = await processOutbox({ db, fetch: f, now: () => T0 });
    expect(first).toEqual({ attempted: 1, synced: 0, retrying: 1, refused: 0 });
    let row = await db.signoffs.where('clientId').equals(s.clientId).first();
    expect(row?.syncState).toBe('failed');
    expect(row?.lastError).toContain('503');
    expect(row?.lastError).toContain('服务暂不可用');
    const q = await db.outbox.get(`signoff:${s.clientId}`);
    expect(q).toMatchObject({ attempts: 1, nextAttemptAt: T0 + outboxBackoffMs(1) });

    // not due yet: nothing is sent
    expect(await processOutbox({ db, fetch: f, now: () => T0 + 1000 })).toMatchObject({ attempted: 0 });
    expect(calls).toHaveLength(1);

    // due: retried, the same clientId goes again (idempotent on the host), and the record is synced
    const second = await processOutbox({ db, fetch: f, now: () => T0 + outboxBackoffMs(1) });
    expect(second).toEqual({ attempted: 1, synced: 1, retrying: 0, refused: 0 });
    expect(JSON.parse(calls[1].body).clientId).toBe(s.clientId);
    row = await db.signoffs.where('clientId').equals(s.clientId).first();
    expect(row).toMatchObject({ syncState: 'synced', attempts: 2 });
    expect(row?.lastError).toBeUndefined();
    expect(await db.outbox.count()).toBe(0);
  });

  it('401 after a browser restart (session cookie gone): kept queued, and sent as soon as a host page shows a login', async () => {
    const { db, s } = await setup();
    const other = signoff(`so-other-${n}`);
    await addSignoff(db, other, { now: T0 });
    await enqueueOutbox(db, { kind: 'signoff', refId: other.clientId, payload: other, endpoint: EP }, T0 + 1);
    const { f, calls } = fakeFetch([401, 503, 201]);
    expect(await processOutbox({ db, fetch: f, now: () => T0 + 1 })).toEqual({ attempted: 2, synced: 0, retrying: 2, refused: 0 });
    const q = await db.outbox.get(`signoff:${s.clientId}`);
    expect(q).toMatchObject({ attempts: 1, nextAttemptAt: T0 + 1 + outboxBackoffMs(1) });
    expect(q!.lastError).toContain('401');
    expect(q!.lastError).toContain('重新登录办案系统后自动重试');
    expect((await db.signoffs.where('clientId').equals(s.clientId).first())).toMatchObject({ syncState: 'failed' });

    // the user logs in again: only the entry that waited for a login is due at once (the 503 one keeps its backoff)
    expect(await retryAfterLogin(db, T0 + 5000)).toBe(1);
    expect((await db.outbox.get(`signoff:${s.clientId}`))!.nextAttemptAt).toBe(T0 + 5000);
    expect((await db.outbox.get(`signoff:${other.clientId}`))!.nextAttemptAt).toBe(T0 + 1 + outboxBackoffMs(1));
    expect(await processOutbox({ db, fetch: f, now: () => T0 + 5000 })).toEqual({ attempted: 1, synced: 1, retrying: 0, refused: 0 });
    expect(calls.map((c) => JSON.parse(c.body).clientId)).toEqual([s.clientId, other.clientId, s.clientId]);
    expect((await db.signoffs.where('clientId').equals(s.clientId).first())).toMatchObject({ syncState: 'synced', attempts: 2 });
    expect(await retryAfterLogin(db, T0 + 6000)).toBe(0);
  });

  it('network errors are retried like 5xx; force sends before the backoff is over', async () => {
    const { db, s } = await setup();
    const { f } = fakeFetch(['network', 200]);
    expect(await processOutbox({ db, fetch: f, now: () => T0 })).toMatchObject({ retrying: 1 });
    expect((await db.signoffs.where('clientId').equals(s.clientId).first())?.lastError).toContain('无法连接办案系统');
    expect(await processOutbox({ db, fetch: f, now: () => T0 + 1 }, { force: true })).toMatchObject({ attempted: 1, synced: 1 });
  });

  it('400 → failed, dropped from the queue, never retried, but the record stays', async () => {
    const { db, s } = await setup();
    const { f, calls } = fakeFetch([400]);
    const r = await processOutbox({ db, fetch: f, now: () => T0 });
    expect(r).toEqual({ attempted: 1, synced: 0, retrying: 0, refused: 1 });
    expect(await db.outbox.count()).toBe(0);
    const row = await db.signoffs.where('clientId').equals(s.clientId).first();
    expect(row?.syncState).toBe('failed');
    expect(row?.lastError).toContain('不再重试');
    await processOutbox({ db, fetch: f, now: () => T0 + 86_400_000 }, { force: true });
    expect(calls).toHaveLength(1);
  });

  it('is generic: clerk flags queued as plain records are sent too', async () => {
    const db = openDb(`zx-wb-flag-${n++}`);
    await addFlag(db, { clientId: 'fl-1', caseNo: '(2025)渝0107民初1号', item: '送达回证(乙)', flag: '缺失', reason: '回执未归', by: '许诺', at: '2025-06-02T09:00:00+08:00' },
      { outbox: { endpoint: 'http://127.0.0.1:5180/api/cases/c1/flags' }, now: T0 });
    const { f, calls } = fakeFetch([201]);
    expect(await processOutbox({ db, fetch: f, now: () => T0 })).toMatchObject({ synced: 1 });
    expect(JSON.parse(calls[0].body)).toMatchObject({ clientId: 'fl-1', item: '送达回证(乙)', flag: '缺失' });
    expect((await db.flags.where('clientId').equals('fl-1').first())?.syncState).toBe('synced');
  });

  it('runner: concurrent kicks never send an entry twice', async () => {
    const { db } = await setup();
    let inFlight = 0;
    let maxInFlight = 0;
    const calls: string[] = [];
    const f: FetchLike = async (url) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      calls.push(url);
      await new Promise((r) => setTimeout(r, 20));
      inFlight--;
      return { status: 201, ok: true, text: async () => '{}' };
    };
    const runner = createOutboxRunner({ db, fetch: f, now: () => T0 });
    await Promise.all([runner.kick(), runner.kick(), runner.kick()]);
    await runner.kick();
    expect(calls).toHaveLength(1);
    expect(maxInFlight).toBe(1);
  });
});

describe('write-back request building', () => {
  it('applies a profile field mapping and keeps the clientId', () => {
    const env = buildWriteBack(
      { url: '/x', method: 'PUT', body: 'form', fields: { jl: 'decision', yj: 'opinion', lj: 'route', qsr: 'signer' } },
      { clientId: 'c1', decision: '有意见', opinion: '事实认定部分需再核', recommendedRoute: '复议', reviewer: '林国栋' },
    );
    expect(env).toMatchObject({ method: 'PUT', body: 'form', data: { jl: '有意见', yj: '事实认定部分需再核', lj: '复议', qsr: '林国栋', clientId: 'c1' } });
  });

  it('classifies statuses: 2xx ok, 429/5xx retried, other 4xx refused', () => {
    expect(classifyStatus(200, '')).toEqual({ ok: true });
    expect(classifyStatus(503, '{"error":"忙"}')).toMatchObject({ ok: false, error: expect.stringContaining('忙') });
    expect(classifyStatus(429, '')).not.toHaveProperty('retry');
    expect(classifyStatus(404, '')).toMatchObject({ ok: false, retry: false });
    expect(classifyStatus(400, '')).toMatchObject({ ok: false, retry: false });
    expect(classifyStatus(401, '{"error":"未登录"}')).not.toHaveProperty('retry');
    expect(classifyStatus(403, '')).toMatchObject({ ok: false, retry: false });
  });
});
