// The background's message router: validate → check sender → dispatch → validate the answer.
// It never throws and always returns a real Promise (Chromium's native onMessage only treats a real
// Promise as an async reply; a Dexie promise would make the sender receive `undefined`).
import browser, { type Runtime } from 'webextension-polyfill';
import {
  isMessageType, MessageSchema, ResponseDataSchemas,
  type Message, type MessageOf, type MessageType, type Response, type ResponseData,
} from './schemas';
import { formatZodError } from '../store/zod-issues';

export type Sender = Runtime.MessageSender;

/** A handler gets a validated message and returns the response data (thrown errors become `{ ok: false }`). */
export type Handler<T extends MessageType> = (message: MessageOf<T>, sender: Sender) => Promise<ResponseData<T>> | ResponseData<T>;
export type Handlers = { [T in MessageType]: Handler<T> };

export interface RouterOptions {
  /** Our extension id; messages whose sender.id differs are refused. Default: browser.runtime.id */
  extensionId?: string | (() => string | undefined);
  /** Validate what handlers return against the response schemas (default true) */
  validateResponses?: boolean;
  /** Called with handler failures (for logging); never affects the reply */
  onError?: (error: unknown, message: Message) => void;
}

export type Router = (message: unknown, sender: Sender) => Promise<Response>;

function errorText(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  return typeof e === 'string' ? e : 'unknown error';
}

/**
 * `browser.runtime.onMessage.addListener(createRouter(handlers))`. Handlers may be given for some types
 * only; a known type without a handler, and an unknown type, get a clear `{ ok: false }`.
 */
export function createRouter(handlers: Partial<Handlers>, options: RouterOptions = {}): Router {
  const validate = options.validateResponses ?? true;
  const expectedId = () =>
    typeof options.extensionId === 'function'
      ? options.extensionId()
      : options.extensionId ?? browser.runtime.id;

  return async function route(message: unknown, sender: Sender): Promise<Response> {
    const ourId = expectedId();
    if (!sender || !ourId || sender.id !== ourId) {
      return { ok: false, error: `message refused: sender ${sender?.id ?? '(none)'} is not this extension` };
    }
    if (typeof message !== 'object' || message === null || !('type' in message)) {
      return { ok: false, error: 'invalid message: type: expected an object with a "type" field' };
    }
    const type = (message as { type: unknown }).type;
    if (!isMessageType(type)) {
      return { ok: false, error: `unknown message type ${JSON.stringify(type)}` };
    }
    const parsed = MessageSchema.safeParse(message);
    if (!parsed.success) {
      return { ok: false, error: `invalid ${type} message: ${formatZodError(parsed.error)}` };
    }
    const msg = parsed.data;
    const handler = handlers[type] as Handler<MessageType> | undefined;
    if (!handler) return { ok: false, error: `no handler for message type "${type}"` };
    try {
      const data = await handler(msg as never, sender);
      if (validate) {
        const checked = ResponseDataSchemas[type].safeParse(data);
        if (!checked.success) {
          return { ok: false, error: `handler for "${type}" returned invalid data: ${formatZodError(checked.error)}` };
        }
        return { ok: true, data: checked.data } as Response;
      }
      return { ok: true, data } as Response;
    } catch (e) {
      try {
        options.onError?.(e, msg);
      } catch {
        // logging must never change the reply
      }
      return { ok: false, error: errorText(e) };
    }
  };
}
