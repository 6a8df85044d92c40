// JSON endpoints: used by the modern skin and by the extension (reads, 阅核 sign-offs, clerk flags).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { currentUser, inScope, userById, type Scope } from './auth';
import { procedureLabel, toSnapshot, USERS, type HostCase, type User } from './model';
import type { Flag, Signoff, Store } from './store';
import { corpusJsonl } from './corpus';

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

export function nowChina(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function pageParams(url: URL): { page: number; size: number; scope: Scope } {
  const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1);
  const size = Math.min(500, Math.max(1, Number.parseInt(url.searchParams.get('size') ?? '50', 10) || 50));
  const scope: Scope = url.searchParams.get('scope') === 'all' ? 'all' : 'mine';
  return { page, size, scope };
}

/** The user's cases, newest filing first. */
export function listCases(store: Store, u: User, scope: Scope): HostCase[] {
  return store.cases.filter((c) => inScope(u, c, scope)).sort((a, b) => b.filedOn.localeCompare(a.filedOn) || b.id.localeCompare(a.id));
}

export function isFourClass(c: HostCase): boolean {
  return c.signals.length > 0 || c.parties.length >= 10 || (c.amount ?? 0) >= 50_000_000;
}

export interface ReviewItem {
  caseId: string; caseNo: string; cause: string; judge: string; division: string;
  documentRef: string; documentTitle: string; submittedOn: string; triggers: string[];
}

export function draftOf(c: HostCase) {
  return c.status === 'pending' ? c.documents.find((d) => d.status === 'draft' && /(判决书|裁定书|调解书)$/.test(d.title)) : undefined;
}

/** 待阅核 for a user: draft 裁判文书 of pending cases in the user's review scope, not yet signed off by them. */
export function reviewsFor(store: Store, u: User): ReviewItem[] {
  const out: ReviewItem[] = [];
  for (const c of store.cases) {
    const d = draftOf(c);
    if (!d) continue;
    const four = isFourClass(c);
    const mine = u.role === '庭长' ? c.division === u.division
      : u.role === '分管院领导' ? u.divisions.includes(c.division) && four
      : u.role === '审管办' ? true
      : u.role === '法官' ? c.judge === u.name
      : c.clerk === u.name;
    if (!mine) continue;
    if (store.signoffs.some((s) => s.caseId === c.id && s.documentRef === d.ref && s.reviewer === u.name)) continue;
    const triggers = ['本庭裁判文书'];
    if (four) triggers.push('四类案件');
    if (c.events.some((e) => e.kind === 'extension' || e.kind === 'deduction' || e.kind === 'suspension')) triggers.push('延扣审');
    if (c.signals.includes('发回重审')) triggers.push('发回重审');
    out.push({ caseId: c.id, caseNo: c.caseNo, cause: c.cause, judge: c.judge, division: c.division, documentRef: d.ref,
      documentTitle: d.title, submittedOn: d.date ?? '', triggers });
  }
  return out.sort((a, b) => b.submittedOn.localeCompare(a.submittedOn) || a.caseId.localeCompare(b.caseId));
}

export function caseJson(c: HostCase) {
  return { id: c.id, ...toSnapshot(c), court: c.court, courtName: c.courtName, clerk: c.clerk, procedureLabel: procedureLabel(c.category, c.procedure),
    parties: c.parties.map((p) => ({ ...p })), documents: c.documents.map((d) => ({ ...d })) };
}

export function listItemJson(c: HostCase) {
  return { id: c.id, caseNo: c.caseNo, cause: c.cause, category: c.category, procedure: c.procedure, procedureLabel: procedureLabel(c.category, c.procedure),
    filedOn: c.filedOn, judge: c.judge, division: c.division, status: c.status, ...(c.closedOn ? { closedOn: c.closedOn } : {}),
    parties: c.parties.map((p) => ({ name: p.name, role: p.role })) };
}

const DECISIONS = ['同意', '有意见'];
const ROUTES = ['复议', '专业法官会议', '审委会'];
const FLAGS = ['缺失', '待补扫', '不适用'];
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** Returns true when the request was an /api request (handled). */
export async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, store: Store): Promise<boolean> {
  const path = url.pathname;
  if (!path.startsWith('/api/')) return false;
  const method = req.method ?? 'GET';

  // test hooks and public endpoints
  if (path === '/api/_test/fail-writes' && method === 'POST') {
    const body = await parseJson(req);
    store.failWrites = !!(body && (body as { on?: unknown }).on);
    sendJson(res, 200, { failWrites: store.failWrites });
    return true;
  }
  if (path === '/api/_test/inject' && method === 'POST') {
    // Security tests: put a markup payload into every free-text field of one case (in memory only). The host
    // escapes it in its own pages; the extension must render it as text too.
    const body = (await parseJson(req)) as { caseId?: unknown; payload?: unknown } | null;
    const c = typeof body?.caseId === 'string' ? store.byId.get(body.caseId) : undefined;
    const payload = typeof body?.payload === 'string' ? body.payload : '';
    if (!c || !payload) {
      sendJson(res, 400, { error: 'caseId and payload required' });
      return true;
    }
    c.cause = `${c.cause}${payload}`;
    c.judge = `${c.judge}${payload}`;
    c.signals = [...c.signals, `投诉${payload}`];
    c.parties = c.parties.map((p) => ({ ...p, name: `${p.name}${payload}` }));
    c.documents = c.documents.map((d) => ({ ...d, title: `${d.title}${payload}` }));
    c.events = c.events.map((e) => (e.kind === 'deduction' ? { ...e, reason: `${e.reason}${payload}` } : e));
    sendJson(res, 200, { ok: true });
    return true;
  }
  if (path === '/api/_test/received' && method === 'GET') {
    // Data-safety tests: how many write requests (sign-offs, flags) reached the host per clientId since the last reset.
    sendJson(res, 200, { items: Object.fromEntries(store.received) });
    return true;
  }
  if (path === '/api/_test/reset' && method === 'POST') {
    store.reset();
    sendJson(res, 200, { ok: true, cases: store.cases.length });
    return true;
  }
  if (path === '/api/users') {
    sendJson(res, 200, { items: USERS });
    return true;
  }
  if (path === '/api/corpus.jsonl') {
    // Public sample 案例库 corpus (synthetic), for the extension's 类案检索 out of the box.
    res.writeHead(200, { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(corpusJsonl({ today: store.meta.today }));
    return true;
  }

  const user = currentUser(req);
  if (!user) { sendJson(res, 401, { error: '未登录' }); return true; }

  if (path === '/api/me') { sendJson(res, 200, user); return true; }
  if (path === '/api/cases' && method === 'GET') {
    const { page, size, scope } = pageParams(url);
    const all = listCases(store, user, scope);
    sendJson(res, 200, { page, size, total: all.length, items: all.slice((page - 1) * size, page * size).map(listItemJson) });
    return true;
  }
  if (path === '/api/reviews') { sendJson(res, 200, { items: reviewsFor(store, user) }); return true; }

  const m = /^\/api\/cases\/([^/]+)(?:\/(signoffs|flags))?\/?$/.exec(path);
  if (!m) { sendJson(res, 404, { error: '接口不存在' }); return true; }
  const c = store.byId.get(decodeURIComponent(m[1]));
  if (!c) { sendJson(res, 404, { error: '案件不存在' }); return true; }
  const sub = m[2];
  if (!sub) {
    if (method !== 'GET') { sendJson(res, 405, { error: '不支持的请求方法' }); return true; }
    sendJson(res, 200, caseJson(c));
    return true;
  }
  if (method === 'GET') {
    sendJson(res, 200, { items: sub === 'signoffs' ? store.signoffs.filter((s) => s.caseId === c.id) : store.flags.filter((f) => f.caseId === c.id) });
    return true;
  }
  if (method !== 'POST') { sendJson(res, 405, { error: '不支持的请求方法' }); return true; }
  if (store.failWrites) { sendJson(res, 503, { error: '服务暂不可用' }); return true; }
  const body = await parseJson(req);
  if (!body || typeof body !== 'object') { sendJson(res, 400, { error: '请求体不是有效的 JSON 对象' }); return true; }
  const b = body as Record<string, unknown>;
  const clientId = str(b.clientId);
  if (!clientId) { sendJson(res, 400, { error: '缺少 clientId', field: 'clientId' }); return true; }
  store.received.set(clientId, (store.received.get(clientId) ?? 0) + 1);

  if (sub === 'signoffs') {
    const decision = str(b.decision);
    if (!DECISIONS.includes(decision)) { sendJson(res, 400, { error: '阅核结论应为“同意”或“有意见”', field: 'decision' }); return true; }
    const opinion = str(b.opinion);
    const route = b.recommendedRoute == null || b.recommendedRoute === '' ? null : str(b.recommendedRoute);
    if (route !== null && !ROUTES.includes(route)) { sendJson(res, 400, { error: '建议路径应为 复议、专业法官会议 或 审委会', field: 'recommendedRoute' }); return true; }
    if (decision === '有意见' && !opinion) { sendJson(res, 400, { error: '“有意见”须填写阅核意见', field: 'opinion' }); return true; }
    if (decision === '有意见' && !route) { sendJson(res, 400, { error: '“有意见”须选择建议路径（复议、专业法官会议、审委会）', field: 'recommendedRoute' }); return true; }
    const s: Signoff = {
      id: `s${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`, caseId: c.id, caseNo: c.caseNo,
      decision: decision as Signoff['decision'], opinion: opinion || null, recommendedRoute: route as Signoff['recommendedRoute'],
      reviewer: str(b.reviewer) || user.name, reviewerRole: str(b.reviewerRole) || user.role, reviewedAt: str(b.reviewedAt) || nowChina(),
      documentRef: str(b.documentRef) || draftOf(c)?.ref || null, clientId, recordedAt: nowChina(),
    };
    const r = store.addSignoff(s);
    sendJson(res, r.created ? 201 : 200, r);
    return true;
  }
  const item = str(b.item);
  const flag = str(b.flag);
  if (!item) { sendJson(res, 400, { error: '缺少材料名称 item', field: 'item' }); return true; }
  if (!FLAGS.includes(flag)) { sendJson(res, 400, { error: '标记应为 缺失、待补扫 或 不适用', field: 'flag' }); return true; }
  const f: Flag = {
    id: `f${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`, caseId: c.id, caseNo: c.caseNo, item,
    flag: flag as Flag['flag'], reason: str(b.reason), by: str(b.by) || user.name, at: str(b.at) || nowChina(), clientId, recordedAt: nowChina(),
  };
  const r = store.addFlag(f);
  sendJson(res, r.created ? 201 : 200, r);
  return true;
}

async function parseJson(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req);
  if (!text.trim()) return {};
  try { return JSON.parse(text); } catch { return null; }
}

export { userById };
