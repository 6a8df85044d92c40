// The demo court system: node:http only. `npx tsx tests/host/server.ts` or `startServer({ port, dataDir })`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chinaToday } from '../../utils/domain/dates';
import { handleApi, listCases, pageParams, reviewsFor, sendJson } from './api';
import { currentUser, inScope, setSession, userById } from './auth';
import * as classic from './classic';
import { esc } from './html';
import { APP_CSS, APP_JS, shell } from './modern/shell';
import { USERS } from './model';
import { DEFAULT_COUNT, DEFAULT_SEED, Store } from './store';

export interface ServerOptions { port?: number; host?: string; dataDir?: string; today?: string; seed?: number; count?: number }
export interface RunningServer { url: string; port: number; store: Store; close(): Promise<void> }

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

function send(res: ServerResponse, status: number, body: string, type = 'text/html; charset=utf-8'): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}
function redirect(res: ServerResponse, to: string): void {
  res.writeHead(302, { Location: to });
  res.end();
}

function landing(): string {
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>重庆市九龙坡区人民法院 办案系统（演示）</title></head>
<body style="font-family:sans-serif;margin:40px"><h1>重庆市九龙坡区人民法院 办案系统（演示）</h1>
<ul><li><a id="link-login" href="/login">登录</a></li><li><a id="link-classic" href="/classic/">审判流程管理系统（旧版界面）</a></li>
<li><a id="link-modern" href="/app/cases">智慧审判平台（新版界面）</a></li></ul></body></html>`;
}

function loginPage(next: string): string {
  const q = next ? `&amp;next=${encodeURIComponent(next)}` : '';
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>用户登录</title></head>
<body style="font-family:sans-serif;margin:40px"><h1>用户登录</h1><p>请选择用户：</p><ul id="userList">
${USERS.map((u) => `<li><a class="user-link" href="/login?user=${u.id}${q}">${esc(u.name)}（${esc(u.division)} ${esc(u.role)}）</a></li>`).join('\n')}
</ul></body></html>`;
}

async function handle(req: IncomingMessage, res: ServerResponse, store: Store): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const path = url.pathname;
  if (await handleApi(req, res, url, store)) return;

  if (path === '/' || path === '/index.html') return send(res, 200, landing());
  if (path === '/login') {
    const id = url.searchParams.get('user');
    const next = url.searchParams.get('next') ?? '';
    if (id) {
      if (!userById(id)) return send(res, 400, loginPage(next));
      setSession(res, id);
      return redirect(res, next.startsWith('/') ? next : '/classic/');
    }
    return send(res, 200, loginPage(next));
  }
  if (path === '/logout') { setSession(res, null); return redirect(res, '/login'); }
  if (path === '/app/static/app.js') return send(res, 200, APP_JS, 'application/javascript; charset=utf-8');
  if (path === '/app/static/app.css') return send(res, 200, APP_CSS, 'text/css; charset=utf-8');
  if (path === '/favicon.ico') return send(res, 204, '');

  const isClassic = path === '/classic' || path.startsWith('/classic/');
  const isApp = path === '/app' || path.startsWith('/app/');
  if (!isClassic && !isApp) return send(res, 404, '<h1>404 页面不存在</h1>');
  const user = currentUser(req);
  if (!user) return redirect(res, `/login?next=${encodeURIComponent(path + url.search)}`);

  if (isApp) return send(res, 200, shell(user));
  if (path === '/classic' || path === '/classic/') return send(res, 200, classic.portal());
  if (path === '/classic/top') return send(res, 200, classic.top(user));
  if (path === '/classic/menu') return send(res, 200, classic.menu());
  if (path === '/classic/cases') {
    const { page, size, scope } = pageParams(url);
    const all = listCases(store, user, scope);
    return send(res, 200, classic.caseList(all.slice((page - 1) * size, page * size), all.length, page, size, scope));
  }
  if (path === '/classic/reviews') return send(res, 200, classic.reviewList(reviewsFor(store, user)));
  const m = /^\/classic\/case\/([^/]+)(?:\/([a-z]+))?\/?$/.exec(path);
  if (m) {
    const c = store.byId.get(m[1]);
    if (!c) return send(res, 404, '<h1>案件不存在</h1>');
    const tab = classic.CLASSIC_TABS.includes(m[2] ?? '') ? m[2]! : 'basic';
    void inScope; // every logged-in user may open a case by id (as 办案系统 search allows)
    return send(res, 200, classic.caseDetail(c, tab));
  }
  return send(res, 404, '<h1>404 页面不存在</h1>');
}

export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  const today = opts.today ?? process.env.DEMO_TODAY ?? chinaToday(new Date());
  const dataDir = resolve(opts.dataDir ?? process.env.DATA_DIR ?? resolve(ROOT, '.tmp/demo-court'));
  const store = new Store(dataDir, {
    seed: opts.seed ?? (Number(process.env.DEMO_SEED) || DEFAULT_SEED),
    count: opts.count ?? DEFAULT_COUNT,
    today,
  });
  store.load();
  const server = createServer((req, res) => {
    handle(req, res, store).catch((err: unknown) => {
      console.error('[demo-court]', err);
      if (!res.headersSent) sendJson(res, 500, { error: '服务器内部错误' });
      else res.end();
    });
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? Number(process.env.PORT ?? 5180), host, () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    store,
    close: () => new Promise<void>((ok) => { server.closeAllConnections?.(); server.close(() => ok()); }),
  };
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const t0 = Date.now();
  startServer().then((s) => {
    console.log(`demo court system: ${s.url}  (${s.store.cases.length} cases, today ${s.store.meta.today}, data ${s.store.dataDir}, ${Date.now() - t0} ms)`);
  }, (err: unknown) => { console.error(err); process.exit(1); });
}
