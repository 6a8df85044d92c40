// The typed client for content scripts and extension pages. `send` never throws: every failure
// (invalid message, no receiver, timeout, malformed reply) comes back as `{ ok: false, error }`.
import browser from 'webextension-polyfill';
import {
  MessageSchema, responseSchema,
  type Message, type MessageType, type Response, type ResponseData,
} from './schemas';
import { formatZodError } from '../store/zod-issues';

export const DEFAULT_TIMEOUT_MS = 10_000;

export interface ClientOptions {
  /** Per-call default; 0 disables the timeout */
  timeoutMs?: number;
  /** Transport; default browser.runtime.sendMessage (webextension-polyfill) */
  transport?: (message: unknown) => Promise<unknown>;
}

export interface CallOptions {
  timeoutMs?: number;
}

export class MessagingError extends Error {
  constructor(
    message: string,
    readonly type: MessageType,
  ) {
    super(message);
    this.name = 'MessagingError';
  }
}

export interface Client {
  send<M extends Message>(message: M, options?: CallOptions): Promise<Response<M['type']>>;
  /** Like send, but returns the data and throws MessagingError on `{ ok: false }`. */
  request<M extends Message>(message: M, options?: CallOptions): Promise<ResponseData<M['type']>>;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  if (!ms || ms <= 0) return p;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: no reply within ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

export function createClient(options: ClientOptions = {}): Client {
  const transport = options.transport ?? ((m: unknown) => browser.runtime.sendMessage(m) as Promise<unknown>);
  const defaultTimeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function send<M extends Message>(message: M, call: CallOptions = {}): Promise<Response<M['type']>> {
    type T = M['type'];
    const type = (message as { type?: unknown })?.type as T;
    const parsed = MessageSchema.safeParse(message);
    if (!parsed.success) return { ok: false, error: `invalid ${String(type)} message: ${formatZodError(parsed.error)}` };
    let raw: unknown;
    try {
      raw = await withTimeout(Promise.resolve().then(() => transport(parsed.data)), call.timeoutMs ?? defaultTimeout, String(type));
    } catch (e) {
      return { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
    if (raw === undefined) return { ok: false, error: `${String(type)}: no reply from the background` };
    const checked = responseSchema(type).safeParse(raw);
    if (!checked.success) return { ok: false, error: `invalid reply to ${String(type)}: ${formatZodError(checked.error)}` };
    return checked.data;
  }

  async function request<M extends Message>(message: M, call?: CallOptions): Promise<ResponseData<M['type']>> {
    const r = await send(message, call);
    if (!r.ok) throw new MessagingError(r.error, message.type);
    return r.data as ResponseData<M['type']>;
  }

  return { send, request };
}

let defaultClient: Client | undefined;
const client = () => (defaultClient ??= createClient());

/** Sends a typed message to the background through browser.runtime.sendMessage and validates the reply. */
export function sendMessage<M extends Message>(message: M, options?: CallOptions): Promise<Response<M['type']>> {
  return client().send(message, options);
}

/** sendMessage that returns the data or throws MessagingError. */
export function request<M extends Message>(message: M, options?: CallOptions): Promise<ResponseData<M['type']>> {
  return client().request(message, options);
}
