// The content script's side of messaging, without zod: messages are typed at compile time and validated by the
// background's router on arrival (the boundary that matters: a content script runs inside someone else's page).
// Replies come from our own background and are checked for their envelope only. Extension pages use client.ts,
// which validates both ways.
import browser from 'webextension-polyfill';
import type { Message, Response, ResponseData } from './schemas';

export const DEFAULT_TIMEOUT_MS = 10_000;

export class MessagingError extends Error {
  constructor(message: string, readonly type: string) {
    super(message);
    this.name = 'MessagingError';
  }
}

/** Never throws: no receiver, a timeout or a malformed reply come back as `{ ok: false, error }`. */
export async function send<M extends Message>(message: M, options: { timeoutMs?: number } = {}): Promise<Response<M['type']>> {
  const ms = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const raw = await Promise.race([
      Promise.resolve().then(() => browser.runtime.sendMessage(message) as Promise<unknown>),
      new Promise<never>((_, reject) => {
        if (ms > 0) timer = setTimeout(() => reject(new Error(`${message.type}: no reply within ${ms} ms`)), ms);
      }),
    ]);
    if (raw === undefined) return { ok: false, error: `${message.type}: no reply from the background` };
    const r = raw as { ok?: unknown; data?: unknown; error?: unknown };
    if (r.ok === true && 'data' in r) return r as Response<M['type']>;
    if (r.ok === false && typeof r.error === 'string') return { ok: false, error: r.error };
    return { ok: false, error: `invalid reply to ${message.type}` };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  } finally {
    clearTimeout(timer);
  }
}

/** Like send, but returns the data and throws MessagingError on `{ ok: false }`. */
export async function request<M extends Message>(message: M, options?: { timeoutMs?: number }): Promise<ResponseData<M['type']>> {
  const r = await send(message, options);
  if (!r.ok) throw new MessagingError(r.error, message.type);
  return r.data as ResponseData<M['type']>;
}
