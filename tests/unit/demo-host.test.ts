// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseSnapshotSchema, PROCEDURES } from '../../utils/domain/case';
import { addMonths } from '../../utils/domain/dates';
import { generateCases } from '../host/seed';
import { toSnapshot } from '../host/model';
import { startServer, type RunningServer } from '../host/server';

const TODAY = '2025-11-23';

describe('demo court seed', () => {
  const cases = generateCases({ seed: 7, count: 3000, today: TODAY });

  it('is deterministic and large enough', () => {
    const again = generateCases({ seed: 7, count: 3000, today: TODAY });
    expect(JSON.stringify(again)).toBe(JSON.stringify(cases));
    expect(cases.length).toBeGreaterThanOrEqual(3000);
    const other = generateCases({ seed: 8, count: 3000, today: TODAY });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(cases));
  });

  it('covers every category and procedure, with unique 案号 and valid snapshots', () => {
    for (const [cat, procs] of Object.entries(PROCEDURES)) {
      for (const p of procs) expect(cases.some((c) => c.category === cat && c.procedure === p), `${cat}/${p}`).toBe(true);
    }
    expect(new Set(cases.map((c) => c.caseNo)).size).toBe(cases.length);
    for (const c of cases) {
      const r = CaseSnapshotSchema.safeParse(toSnapshot(c));
      if (!r.success) throw new Error(`${c.id}: ${r.error.message}`);
      expect(c.caseNo).toMatch(/^\(\d{4}\)渝01(07)?[\u4e00-\u9fff]{1,3}\d+号$/);
    }
  });

  it('has the hard cases the extension must handle', () => {
    const has = (pred: (c: (typeof cases)[number]) => boolean) => cases.filter(pred).length;
    expect(has((c) => c.events.some((e) => (e.kind === 'deduction' || e.kind === 'suspension') && !e.to))).toBeGreaterThan(3);
    expect(has((c) => c.events.some((e) => e.kind === 'conversion'))).toBeGreaterThan(20);
    expect(has((c) => c.events.some((e) => e.kind === 'restart'))).toBeGreaterThan(5);
    expect(has((c) => c.events.some((e) => e.kind === 'extension'))).toBeGreaterThan(20);
    expect(has((c) => c.events.some((e) => e.kind === 'hearing' && e.postponed))).toBeGreaterThan(5);
    for (const m of [12, 18, 24, 36]) {
      expect(has((c) => c.status === 'pending' && TODAY > addMonths(c.filedOn, m)), `>${m} months`).toBeGreaterThan(2);
    }
    expect(has((c) => c.parties.length >= 10)).toBeGreaterThan(3);
    expect(has((c) => (c.amount ?? 0) > 100_000_000)).toBeGreaterThan(0);
    for (const s of ['投诉', '发回重审', '涉黑涉恶']) expect(has((c) => c.signals.includes(s)), s).toBeGreaterThan(0);
    expect(has((c) => c.category === 'criminal' && !!c.detained && !!c.detainedSince)).toBeGreaterThan(20);
    expect(has((c) => c.status === 'pending' && c.documents.some((d) => d.status === 'draft'))).toBeGreaterThan(5);
    expect(has((c) => c.status === 'archived')).toBeGreaterThan(100);
    // withdraw-and-refile pairs: same parties + 案由 refiled within 90 days of a 撤诉
    const withdrawn = cases.filter((c) => c.closeMethod === '撤诉' || c.closeMethod === '按撤诉处理');
    const key = (c: (typeof cases)[number]) => `${c.cause}|${c.parties.map((p) => p.name).sort().join(',')}`;
    const byKey = new Map<string, typeof cases>();
    for (const c of cases) byKey.set(key(c), [...(byKey.get(key(c)) ?? []), c]);
    const pairs = withdrawn.filter((w) => (byKey.get(key(w)) ?? []).some((r) => r.id !== w.id && r.filedOn > w.closedOn! && r.filedOn <= addMonths(w.closedOn!, 3)));
    expect(pairs.length).toBeGreaterThan(5);
  });

  it('snapshots list the 文书 tab again as `writs` (status, no volume) and carry the 书记员', () => {
    let withDraft = 0;
    for (const c of cases) {
      const s = toSnapshot(c);
      expect(s.clerk).toBe(c.clerk);
      const tab = c.documents.filter((d) => d.status && !d.volume);
      expect(s.writs!.map((w) => w.ref)).toEqual(tab.map((d) => d.ref));
      expect(s.writs!.every((w) => w.status !== undefined && !('volume' in w))).toBe(true);
      if (s.writs!.some((w) => w.status === 'draft')) withDraft++;
      // documents still hold both kinds
      expect(s.documents).toHaveLength(c.documents.length);
    }
    expect(withDraft).toBeGreaterThan(0);
  });
});

describe('demo court server', () => {
  let dir: string;
  let server: RunningServer;
  const judge = { 'X-Demo-User': 'u101' };
  const head = { 'X-Demo-User': 'u201', 'Content-Type': 'application/json' };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zx-demo-host-'));
    server = await startServer({ port: 0, dataDir: dir, today: TODAY });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the classic skin (list and detail tabs)', async () => {
    const login = await fetch(`${server.url}/login?user=u101`, { redirect: 'manual' });
    expect(login.status).toBe(302);
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const list = await (await fetch(`${server.url}/classic/cases?page=1&size=500`, { headers: { cookie } })).text();
    expect(list).toContain('<table id="caseList"');
    expect(list).toMatch(/<th>案号<\/th><th>案由<\/th>/);
    const id = /\/classic\/case\/(c\d{6})\/basic/.exec(list)![1];
    for (const tab of ['basic', 'parties', 'changes', 'docs', 'archive']) {
      const r = await fetch(`${server.url}/classic/case/${id}/${tab}`, { headers: { cookie } });
      expect(r.status).toBe(200);
      const html = await r.text();
      expect(html).toContain('<span id="caseNo">（');
      if (tab === 'basic') expect(html).toMatch(/<td class="label">立案日期<\/td><td class="value">\d{4}年\d{2}月\d{2}日<\/td>/);
      if (tab === 'changes') expect(html).toContain('id="deductList"');
      if (tab === 'archive') expect(html).toContain('id="zjList"');
    }
    expect((await fetch(`${server.url}/classic/`, { headers: { cookie } }).then((r) => r.text()))).toContain('name="mainFrame"');
    expect((await fetch(`${server.url}/classic/cases`, { redirect: 'manual' })).status).toBe(302);
  });

  it('serves the modern skin shell, client and JSON', async () => {
    const shell = await (await fetch(`${server.url}/app/cases/c000001/basic`, { headers: judge })).text();
    expect(shell).toContain('id="app"');
    expect(shell).toContain('/app/static/app.js');
    const js = await fetch(`${server.url}/app/static/app.js`);
    expect(js.headers.get('content-type')).toContain('javascript');
    expect(await js.text()).toContain('pushState');
    const list = await (await fetch(`${server.url}/api/cases?page=1&size=20`, { headers: judge })).json();
    expect(list.items.length).toBe(20);
    expect(list.items.every((c: { judge: string }) => c.judge === '王建国')).toBe(true);
    const detail = await (await fetch(`${server.url}/api/cases/${list.items[0].id}`, { headers: judge })).json();
    expect(CaseSnapshotSchema.safeParse(detail).success).toBe(true);
    expect((await fetch(`${server.url}/api/cases`)).status).toBe(401);
  });

  it('records sign-offs idempotently, validates them, simulates an outage and persists across a restart', async () => {
    const reviews = await (await fetch(`${server.url}/api/reviews`, { headers: head })).json();
    expect(reviews.items.length).toBeGreaterThan(0);
    const r0 = reviews.items[0];
    const url = `${server.url}/api/cases/${r0.caseId}/signoffs`;
    const body = { decision: '同意', opinion: '', recommendedRoute: null, documentRef: r0.documentRef, clientId: 'client-1' };
    const a = await fetch(url, { method: 'POST', headers: head, body: JSON.stringify(body) });
    expect(a.status).toBe(201);
    const b = await fetch(url, { method: 'POST', headers: head, body: JSON.stringify(body) });
    expect(b.status).toBe(200);
    expect((await b.json()).item.id).toBe((await a.json()).item.id);
    const bad = await fetch(url, { method: 'POST', headers: head, body: JSON.stringify({ decision: '有意见', clientId: 'client-2' }) });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toBeTruthy();
    const noRoute = await fetch(url, { method: 'POST', headers: head, body: JSON.stringify({ decision: '有意见', opinion: '说理不充分', clientId: 'client-3' }) });
    expect(noRoute.status).toBe(400);
    const after = await (await fetch(`${server.url}/api/reviews`, { headers: head })).json();
    expect(after.items.some((x: { documentRef: string }) => x.documentRef === r0.documentRef)).toBe(false);

    const flagUrl = `${server.url}/api/cases/${r0.caseId}/flags`;
    const flag = { item: '送达回证（张三）', flag: '缺失', reason: '未附', clientId: 'flag-1' };
    expect((await fetch(flagUrl, { method: 'POST', headers: head, body: JSON.stringify(flag) })).status).toBe(201);
    expect((await fetch(flagUrl, { method: 'POST', headers: head, body: JSON.stringify(flag) })).status).toBe(200);

    await fetch(`${server.url}/api/_test/fail-writes`, { method: 'POST', body: JSON.stringify({ on: true }) });
    const down = await fetch(url, { method: 'POST', headers: head, body: JSON.stringify({ ...body, clientId: 'client-4' }) });
    expect(down.status).toBe(503);
    await fetch(`${server.url}/api/_test/fail-writes`, { method: 'POST', body: JSON.stringify({ on: false }) });

    const caseCount = server.store.cases.length;
    await server.close();
    const t0 = Date.now();
    server = await startServer({ port: 0, dataDir: dir, today: TODAY });
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(server.store.cases.length).toBe(caseCount);
    const kept = await (await fetch(`${server.url}/api/cases/${r0.caseId}/signoffs`, { headers: head })).json();
    expect(kept.items.map((s: { clientId: string }) => s.clientId)).toEqual(['client-1']);
    const flags = await (await fetch(`${server.url}/api/cases/${r0.caseId}/flags`, { headers: head })).json();
    expect(flags.items).toHaveLength(1);

    const reset = await fetch(`${server.url}/api/_test/reset`, { method: 'POST' });
    expect(reset.status).toBe(200);
    expect((await (await fetch(`${server.url}/api/cases/${r0.caseId}/signoffs`, { headers: head })).json()).items).toHaveLength(0);
  });
});
