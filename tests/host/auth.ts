// Login by choosing a user; the session is a cookie holding the user id (a demo, not security).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DIVISIONS, USERS, type HostCase, type User } from './model';

export const COOKIE = 'ZXSID';

export function userById(id: string | undefined | null): User | undefined {
  return id ? USERS.find((u) => u.id === id) : undefined;
}

export function parseCookies(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

export function currentUser(req: IncomingMessage): User | undefined {
  const header = req.headers['x-demo-user'];
  return userById(typeof header === 'string' ? header : parseCookies(req)[COOKIE]);
}

export function setSession(res: ServerResponse, userId: string | null): void {
  res.setHeader('Set-Cookie', userId
    ? `${COOKIE}=${encodeURIComponent(userId)}; Path=/; HttpOnly; SameSite=Lax`
    : `${COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
}

export type Scope = 'mine' | 'all';

/** 我的案件: judge → own cases; clerk → own; 庭长 → division; 分管院领导 → divisions in charge; 审管办 → all. */
export function inScope(u: User, c: HostCase, scope: Scope = 'mine'): boolean {
  if (scope === 'all' && (u.role === '审管办' || u.role === '分管院领导')) return true;
  switch (u.role) {
    case '法官': return c.judge === u.name;
    case '书记员': return c.clerk === u.name;
    case '庭长': return c.division === u.division;
    case '分管院领导': return u.divisions.includes(c.division);
    case '审管办': return (DIVISIONS as readonly string[]).includes(c.division);
  }
}
