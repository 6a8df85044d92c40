import { validateCases } from '../../utils/background/ingest';
import browser from 'webextension-polyfill';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient } from '../../utils/messaging/client';
import { createRouter, type Handlers, type Sender } from '../../utils/messaging/router';
import { MessageSchema, responseSchema, type Message } from '../../utils/messaging/schemas';
import { openDb, type ZhixiaoDB } from '../../utils/store/db';
import { addSignoff, ingestPage } from '../../utils/store/repo';

const ID = 'our-extension-id';
const me: Sender = { id: ID, tab: { id: 7, index: 0, highlighted: false, active: true, pinned: false, incognito: false }, url: 'http://127.0.0.1:5180/cases' };

const ingestMsg = {
  type: 'ingest' as const,
  profileId: 'demo-classic',
  pageKind: 'case-list',
  url: 'http://127.0.0.1:5180/cases',
  cases: [{ caseNo: '(2024)渝0107民初1号', filedOn: '2024-01-05', judge: '张三' }],
  missing: [],
  errors: [],
};
const signoff = {
  clientId: 'so-1',
  caseNo: '(2024)渝0107民初1号',
  documentRef: '判决书 v1',
  triggers: ['本庭裁判文书'],
  reviewer: '钱七',
  reviewerRole: '庭长',
  reviewedAt: '2025-01-04T10:00:00+08:00',
  decision: '同意' as const,
  recommendedRoute: null,
};

let db: ZhixiaoDB;
beforeEach(async () => {
  fakeBrowser.reset();
  db = openDb(`test-msg-${crypto.randomUUID()}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

/** Handlers wired to the store, as the background will do it (view models are stand-ins). */
function handlers(): Partial<Handlers> {
  return {
    ping: async () => ({ pong: true, version: '0.1.0' }),
    ingest: async (m) => { const r = await ingestPage(db, { ...m, cases: validateCases(m.cases).valid }); return { caseKeys: r.caseKeys, newCases: r.inserted, views: [], casesCached: await db.cases.count() }; },
    getCaseView: async () => ({ view: null }),
    submitSignoff: async (m) => ({ signoff: await addSignoff(db, m.signoff), queued: false }),
  };
}

describe('schemas', () => {
  it('accept every message type and refuse bad ones with the path', () => {
    const ok: Message[] = [
      ingestMsg,
      { type: 'getProfiles', url: 'http://127.0.0.1:5180/cases' },
      { type: 'getCaseViews', caseNos: ['(2024)渝0107民初1号'] },
      { type: 'getCaseView', caseNo: '(2024)渝0107民初1号' },
      { type: 'pageStatus', url: 'http://x/', profileId: null, pageKind: null, caseCount: 0, missing: [], errors: [] },
      { type: 'getPageStatus', tabId: 3 },
      { type: 'submitSignoff', signoff },
      { type: 'submitFlag', flag: { clientId: 'f', caseNo: 'x', item: '送达回证', flag: '缺失', reason: 'r', by: 'b', at: '2025-01-04T10:00:00+08:00' } },
      { type: 'markCase', mark: { clientId: 'm', caseNo: 'x', category: 2, subSituation: 's', reason: 'r', by: 'b', role: '庭长', at: '2025-01-04T10:00:00+08:00', action: 'mark' } },
      { type: 'whatIf', caseNo: 'x', events: [{ kind: 'extension', on: '2025-01-01', months: 3 }] },
      { type: 'ping' },
    ];
    for (const m of ok) expect(MessageSchema.safeParse(m).success, m.type).toBe(true);
    // An ingest envelope is valid with a bad case in it: the background checks each case (one bad row never
    // blocks the page) and reports it with the path.
    const withBadCase = { ...ingestMsg, cases: [ingestMsg.cases[0], { caseNo: 'x', filedOn: '2023-02-29' }] };
    expect(MessageSchema.safeParse(withBadCase).success).toBe(true);
    const checked = validateCases(withBadCase.cases);
    expect(checked.valid.map((c) => c.caseNo)).toEqual(['(2024)渝0107民初1号']);
    expect(checked.rejected).toHaveLength(1);
    expect(checked.rejected[0]).toMatch(/第 2 件（x）.*filedOn/);
    expect(MessageSchema.safeParse({ ...ingestMsg, url: '' }).success).toBe(false);
    expect(MessageSchema.safeParse({ type: 'markCase', mark: { clientId: 'm', caseNo: 'x', category: 2, subSituation: 's', reason: 'r', by: 'b', role: '庭长', at: '2025-01-04T10:00:00+08:00', action: 'auto-hit' } }).success).toBe(false);
    expect(MessageSchema.safeParse({ type: 'submitSignoff', signoff: { ...signoff, decision: '有意见' } }).success).toBe(false);
  });

  it('response schema is {ok:true,data} | {ok:false,error}', () => {
    expect(responseSchema('ping').safeParse({ ok: true, data: { pong: true, version: '1' } }).success).toBe(true);
    expect(responseSchema('ping').safeParse({ ok: false, error: 'x' }).success).toBe(true);
    expect(responseSchema('ping').safeParse({ ok: true, data: { pong: false } }).success).toBe(false);
    expect(responseSchema('ping').safeParse({ ok: false }).success).toBe(false);
  });
});

describe('router', () => {
  const route = () => createRouter(handlers(), { extensionId: ID });

  it('returns a real Promise, also for refused messages', () => {
    const r = route();
    const results = [r({ type: 'ping' }, me), r('garbage', me), r({ type: 'ping' }, { id: 'other' })];
    for (const p of results) expect(p).toBeInstanceOf(Promise);
    return Promise.all(results);
  });

  it('dispatches a valid message to its typed handler', async () => {
    expect(await route()({ type: 'ping' }, me)).toEqual({ ok: true, data: { pong: true, version: '0.1.0' } });
    const res = await route()(ingestMsg, me);
    expect(res).toEqual({ ok: true, data: { caseKeys: ['(2024)渝0107民初1号'], newCases: 1, views: [], casesCached: 1 } });
    expect(await db.cases.count()).toBe(1);
  });

  it('refuses invalid messages with the zod path and never calls the handler', async () => {
    const ingest = vi.fn(async () => ({ caseKeys: [], newCases: 0, views: [], casesCached: 0 }));
    const r = createRouter({ ingest }, { extensionId: ID });
    const res = await r({ ...ingestMsg, profileId: '' }, me);
    expect(res.ok).toBe(false);
    expect(!res.ok && res.error).toMatch(/profileId/);
    const res2 = await r({ ...ingestMsg, missing: undefined }, me);
    expect(!res2.ok && res2.error).toMatch(/missing/);
    expect(await r(null, me)).toMatchObject({ ok: false });
    expect(await r(42, me)).toMatchObject({ ok: false });
    expect(ingest).not.toHaveBeenCalled();
  });

  it('answers unknown types and missing handlers clearly', async () => {
    expect(await route()({ type: 'selfDestruct' }, me)).toEqual({ ok: false, error: 'unknown message type "selfDestruct"' });
    expect(await route()({ type: 'whatIf', caseNo: 'x', events: [] }, me)).toEqual({ ok: false, error: 'no handler for message type "whatIf"' });
  });

  it('refuses messages that are not from this extension', async () => {
    const ping = vi.fn(async () => ({ pong: true as const, version: '1' }));
    const r = createRouter({ ping }, { extensionId: ID });
    for (const sender of [{ id: 'someone-else' }, {}, undefined as unknown as Sender]) {
      const res = await r({ type: 'ping' }, sender);
      expect(res.ok).toBe(false);
      expect(!res.ok && res.error).toMatch(/refused/);
    }
    expect(ping).not.toHaveBeenCalled();
  });

  it('uses browser.runtime.id by default', async () => {
    const r = createRouter(handlers());
    expect(await r({ type: 'ping' }, { id: browser.runtime.id })).toMatchObject({ ok: true });
    expect(await r({ type: 'ping' }, { id: 'x' })).toMatchObject({ ok: false });
  });

  it('turns handler errors (thrown, rejected, Dexie, zod) into {ok:false}', async () => {
    const onError = vi.fn();
    const r = createRouter(
      {
        ping: () => {
          throw new Error('sync boom');
        },
        getCaseView: async () => {
          throw new Error('async boom');
        },
        submitSignoff: async (m) => ({ signoff: await addSignoff(db, { ...m.signoff, reviewedAt: 'yesterday' }), queued: false }),
        getCaseViews: async () => db.table('nope').toArray() as never,
      },
      { extensionId: ID, onError },
    );
    expect(await r({ type: 'ping' }, me)).toEqual({ ok: false, error: 'sync boom' });
    expect(await r({ type: 'getCaseView', caseNo: 'x' }, me)).toEqual({ ok: false, error: 'async boom' });
    expect(await r({ type: 'submitSignoff', signoff }, me)).toMatchObject({ ok: false });
    expect(await r({ type: 'getCaseViews', caseNos: ['x'] }, me)).toMatchObject({ ok: false });
    expect(onError).toHaveBeenCalledTimes(4);
  });

  it('refuses handler data that does not match the response schema', async () => {
    const r = createRouter({ ping: async () => ({ pong: 'yes' }) as never }, { extensionId: ID });
    const res = await r({ type: 'ping' }, me);
    expect(res.ok).toBe(false);
    expect(!res.ok && res.error).toMatch(/invalid data: pong/);
  });

  it('stores a sign-off end to end', async () => {
    const res = await route()({ type: 'submitSignoff', signoff }, me);
    expect(res).toMatchObject({ ok: true, data: { signoff: { clientId: 'so-1', caseKey: '(2024)渝0107民初1号', syncState: 'pending' }, queued: false } });
  });
});

describe('client', () => {
  it('sends through browser.runtime.sendMessage and validates the reply', async () => {
    const r = createRouter(handlers(), { extensionId: ID });
    // the fake browser passes an empty sender; stand in for the real one (our own id)
    fakeBrowser.runtime.onMessage.addListener((m: unknown) => r(m, { id: ID }));
    const client = createClient();
    expect(await client.send({ type: 'ping' })).toEqual({ ok: true, data: { pong: true, version: '0.1.0' } });
    const data = await client.request(ingestMsg);
    expect(data.newCases).toBe(1);
    expect(await client.send({ type: 'getCaseViews', caseNos: ['x'] })).toEqual({ ok: false, error: 'no handler for message type "getCaseViews"' });
    await expect(client.request({ type: 'whatIf', caseNo: 'x', events: [] })).rejects.toThrow(/no handler/);
  });

  it('refuses to send an invalid message', async () => {
    const transport = vi.fn(async () => ({ ok: true, data: {} }));
    const client = createClient({ transport });
    const res = await client.send({ type: 'getCaseView', caseNo: '' });
    expect(res.ok).toBe(false);
    expect(!res.ok && res.error).toMatch(/caseNo/);
    expect(transport).not.toHaveBeenCalled();
  });

  it('reports timeouts, transport errors, no reply and malformed replies as {ok:false}', async () => {
    const never = createClient({ transport: () => new Promise(() => {}), timeoutMs: 20 });
    expect(await never.send({ type: 'ping' })).toEqual({ ok: false, error: 'ping: no reply within 20 ms' });
    const perCall = createClient({ transport: () => new Promise(() => {}) });
    expect(await perCall.send({ type: 'ping' }, { timeoutMs: 10 })).toMatchObject({ ok: false });

    const down = createClient({ transport: async () => { throw new Error('Could not establish connection. Receiving end does not exist.'); } });
    expect(await down.send({ type: 'ping' })).toEqual({ ok: false, error: 'Could not establish connection. Receiving end does not exist.' });
    const sync = createClient({ transport: () => { throw new Error('Extension context invalidated.'); } });
    expect(await sync.send({ type: 'ping' })).toMatchObject({ ok: false, error: 'Extension context invalidated.' });

    const silent = createClient({ transport: async () => undefined });
    expect(await silent.send({ type: 'ping' })).toEqual({ ok: false, error: 'ping: no reply from the background' });

    const wrong = createClient({ transport: async () => ({ ok: true, data: { pong: 1 } }) });
    const res = await wrong.send({ type: 'ping' });
    expect(!res.ok && res.error).toMatch(/invalid reply to ping/);
  });
});
