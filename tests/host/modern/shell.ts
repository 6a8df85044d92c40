// The modern skin: one HTML shell for every /app/* path; the client script routes and renders.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { esc } from '../html';
import type { User } from '../model';

const here = fileURLToPath(new URL('.', import.meta.url));
export const APP_JS = readFileSync(`${here}app.js`, 'utf8');
export const APP_CSS = readFileSync(`${here}app.css`, 'utf8');

export function shell(u: User): string {
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>智慧审判平台 - 重庆市九龙坡区人民法院</title><link rel="stylesheet" href="/app/static/app.css"></head>
<body><div id="app-root">
<header class="app-header"><span class="brand">智慧审判平台</span><span class="court">重庆市九龙坡区人民法院</span>
<span class="user-box"><span class="user-name" id="currentUser">${esc(u.name)}</span><span class="user-role">${esc(u.division)} · ${esc(u.role)}</span>
<a class="logout" href="/logout">退出</a></span></header>
<nav class="side-nav"><a class="nav-link menu-item" href="/app/cases">我的案件</a><a class="nav-link menu-item" href="/app/reviews">待阅核</a>
<a class="menu-item" href="/classic/">旧版界面</a></nav>
<main id="app" class="app-main is-loading"></main>
</div><script src="/app/static/app.js"></script></body></html>`;
}
