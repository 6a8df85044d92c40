// Write-back of shared truth (阅核 sign-offs, clerk flags) to the host system through the profile's endpoints.
// Generic over the outbox kinds: the record is always stored first (never lost), the outbox entry carries the
// request, and this processor sends due entries with backoff. Runs after each enqueue, on an alarm and on
// browser start (wired in utils/background/index.ts). Extension origin only (uses the database).
import { z } from 'zod';
import { fillUrlTemplate, type Endpoint, type HostProfile } from '../host/profile';
import {
  dueOutbox, markOutboxResult, type OutboxResult, type OutboxRow, type ZhixiaoDB,
} from '../store';

export const OUTBOX_ALARM = 'zhixiao-outbox';

/**
 * What an outbox entry's payload may be: an envelope with the HTTP details (built by buildWriteBack), or a
 * plain record object, which is sent as JSON with POST (what older callers enqueue).
 */
export const WriteBackEnvelopeSchema = z.strictObject({
  zxWriteBack: z.literal(1),
  method: z.enum(['POST', 'PUT', 'PATCH']),
  body: z.enum(['json', 'form']),
  headers: z.record(z.string(), z.string()).optional(),
  data: z.record(z.string(), z.unknown()),
});
export type WriteBackEnvelope = z.infer<typeof WriteBackEnvelopeSchema>;

/** Alternative names a profile's `fields` mapping may use for our sign-off / flag fields (utils/host/README.md). */
const FIELD_ALIASES: Record<string, string> = {
  route: 'recommendedRoute', signer: 'reviewer', role: 'reviewerRole', signedAt: 'reviewedAt', kind: 'flag',
};

/** The request for one record: the endpoint's method and body format, with `fields` ({hostField: ourField}) applied. */
export function buildWriteBack(endpoint: Endpoint, record: Record<string, unknown>): WriteBackEnvelope {
  let data: Record<string, unknown> = {};
  if (endpoint.fields && Object.keys(endpoint.fields).length > 0) {
    for (const [hostField, ours] of Object.entries(endpoint.fields)) {
      const v = record[ours] !== undefined ? record[ours] : record[FIELD_ALIASES[ours] ?? ''];
      if (v !== undefined) data[hostField] = v;
    }
    // The idempotency key always travels, so a retried write never creates a second record in the host.
    if (data.clientId === undefined && record.clientId !== undefined) data.clientId = record.clientId;
  } else {
    data = Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
  }
  return {
    zxWriteBack: 1,
    method: endpoint.method === 'PUT' || endpoint.method === 'PATCH' ? endpoint.method : 'POST',
    body: endpoint.body ?? 'json',
    ...(endpoint.headers ? { headers: endpoint.headers } : {}),
    data,
  };
}

/** The absolute URL of an endpoint for a case (null: placeholders cannot be filled or no base is known). */
export function endpointUrl(profile: HostProfile, endpoint: Endpoint, c: { hostRef?: string; caseNo: string; url?: string }): string | null {
  const path = fillUrlTemplate(endpoint.url, { hostRef: c.hostRef, caseNo: c.caseNo });
  if (!path) return null;
  try {
    if (/^https?:\/\//i.test(path)) return new URL(path).href;
    const base = c.url ?? profile.origins.find((o) => !o.includes('*'));
    return base ? new URL(path, base).href : null;
  } catch {
    return null;
  }
}

export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body: string; credentials: 'include'; signal?: AbortSignal }) => Promise<{ status: number; ok: boolean; text(): Promise<string> }>;

/** Marks the error of a write-back that the host refused because nobody was logged in (see retryAfterLogin). */
export const NOT_LOGGED_IN = '未登录或登录已过期';

/**
 * HTTP status → outcome. 2xx done; 408/425/429/5xx and network errors retried; 401 (not logged in: e.g. the
 * browser was restarted and the host's session cookie is gone) kept queued until the user logs in again; other
 * 4xx refused for good.
 */
export function classifyStatus(status: number, bodyText: string): OutboxResult {
  if (status >= 200 && status < 300) return { ok: true };
  if (status === 401) return { ok: false, error: `办案系统返回 HTTP 401：${NOT_LOGGED_IN}（重新登录办案系统后自动重试）` };
  let detail = '';
  try {
    const j = JSON.parse(bodyText) as { error?: unknown };
    if (typeof j?.error === 'string') detail = j.error;
  } catch {
    /* not JSON */
  }
  const error = `办案系统返回 HTTP ${status}${detail ? `：${detail}` : ''}`;
  const retry = status === 408 || status === 425 || status === 429 || status >= 500;
  return retry ? { ok: false, error } : { ok: false, error: `${error}（办案系统拒绝了该记录，不再重试；记录保留在本机，可导出）`, retry: false };
}

export async function sendOne(entry: OutboxRow, fetchImpl: FetchLike, timeoutMs = 15_000): Promise<OutboxResult> {
  const env = WriteBackEnvelopeSchema.safeParse(entry.payload);
  const req: WriteBackEnvelope = env.success
    ? env.data
    : { zxWriteBack: 1, method: 'POST', body: 'json', data: (entry.payload ?? {}) as Record<string, unknown> };
  const headers: Record<string, string> = { ...(req.headers ?? {}) };
  let body: string;
  if (req.body === 'form') {
    headers['Content-Type'] = 'application/x-www-form-urlencoded;charset=UTF-8';
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(req.data)) if (v !== undefined && v !== null) p.set(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
    body = p.toString();
  } else {
    headers['Content-Type'] = 'application/json;charset=UTF-8';
    body = JSON.stringify(req.data);
  }
  const ctrl = typeof AbortController !== 'undefined' ? new AbortController() : undefined;
  const timer = ctrl ? setTimeout(() => ctrl.abort(), timeoutMs) : undefined;
  try {
    const res = await fetchImpl(entry.endpoint, { method: req.method, headers, body, credentials: 'include', signal: ctrl?.signal });
    const text = await res.text().catch(() => '');
    return classifyStatus(res.status, text);
  } catch (err) {
    return { ok: false, error: `无法连接办案系统：${err instanceof Error ? err.message : String(err)}` };
  } finally {
    if (timer) clearTimeout(timer);
  }
}

export interface ProcessResult {
  attempted: number;
  synced: number;
  /** failed and scheduled again */
  retrying: number;
  /** refused by the host (4xx): kept locally as failed, not retried */
  refused: number;
}

export interface OutboxDeps {
  db: ZhixiaoDB;
  fetch?: FetchLike;
  now?: () => number;
  timeoutMs?: number;
}

/**
 * Sends every due entry once. `force` sends every queued entry regardless of its backoff schedule (a user's
 * "立即重试"). Each outcome is recorded on the entry and on its record (markOutboxResult).
 */
export async function processOutbox(deps: OutboxDeps, opts: { force?: boolean } = {}): Promise<ProcessResult> {
  const now = deps.now ?? Date.now;
  const fetchImpl = deps.fetch ?? ((url, init) => fetch(url, init));
  const due = opts.force ? await deps.db.outbox.toArray() : await dueOutbox(deps.db, now());
  const out: ProcessResult = { attempted: 0, synced: 0, retrying: 0, refused: 0 };
  for (const entry of due) {
    out.attempted++;
    const result = await sendOne(entry, fetchImpl, deps.timeoutMs);
    const next = await markOutboxResult(deps.db, entry.id, result, now());
    if (result.ok) out.synced++;
    else if (next) out.retrying++;
    else out.refused++;
  }
  return out;
}

/**
 * A host page was read for a logged-in user: write-backs that waited for a login are due now. Returns how many
 * were rescheduled (the caller kicks the runner when > 0).
 */
export async function retryAfterLogin(db: ZhixiaoDB, now: number = Date.now()): Promise<number> {
  return db.transaction('rw', db.outbox, async () => {
    const waiting = await db.outbox.filter((o) => (o.lastError ?? '').includes(NOT_LOGGED_IN) && o.nextAttemptAt > now).toArray();
    for (const o of waiting) await db.outbox.update(o.id, { nextAttemptAt: now });
    return waiting.length;
  });
}

/** Earliest scheduled attempt still queued (ms epoch), or null when the queue is empty. */
export async function nextOutboxAttempt(db: ZhixiaoDB): Promise<number | null> {
  const first = await db.outbox.orderBy('nextAttemptAt').first();
  return first ? first.nextAttemptAt : null;
}

export interface OutboxRunner {
  /** Runs the processor now (coalesced: one run at a time; a kick during a run causes one more run). */
  kick(opts?: { force?: boolean }): Promise<ProcessResult>;
}

export function createOutboxRunner(deps: OutboxDeps & { onSettled?: (r: ProcessResult) => void }): OutboxRunner {
  let running: Promise<ProcessResult> | null = null;
  let again: { force: boolean } | null = null;
  const run = async (force: boolean): Promise<ProcessResult> => {
    try {
      const r = await processOutbox(deps, { force });
      deps.onSettled?.(r);
      return r;
    } finally {
      running = null;
      if (again) {
        const f = again.force;
        again = null;
        running = run(f);
      }
    }
  };
  return {
    kick(opts = {}) {
      if (running) {
        again = { force: (again?.force ?? false) || !!opts.force };
        return running;
      }
      running = run(!!opts.force);
      return running;
    },
  };
}

const runners = new WeakMap<ZhixiaoDB, OutboxRunner>();
/** One runner per database (handlers, alarm and start-up share it, so runs never overlap). */
export function outboxRunnerFor(db: ZhixiaoDB): OutboxRunner {
  let r = runners.get(db);
  if (!r) {
    r = createOutboxRunner({ db });
    runners.set(db, r);
  }
  return r;
}
