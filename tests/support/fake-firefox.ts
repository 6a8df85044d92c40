// A Firefox-style `browser` global for loading the built Firefox (MV2) bundles outside a browser
// (tests/e2e/firefox-build.spec.ts). Promise-based like Firefox's own `browser.*`, and deliberately strict: it has
// only namespaces and methods that Firefox ESR 115 offers an MV2 extension with the manifest's permissions —
// no `action` (MV3 only), no `sidePanel`, no `offscreen`, no `runtime.getContexts` — so a bundle that reaches
// for one of those without a fallback fails here as it would in Firefox.
// One `FakeFirefox` is one extension: its background and its content scripts talk through `runtime.sendMessage`
// (structured-cloned, the sender filled in as Firefox does).

export type Listener = (...args: any[]) => unknown;

export class FakeEvent {
  readonly listeners: Listener[] = [];
  addListener = (l: Listener) => { if (!this.listeners.includes(l)) this.listeners.push(l); };
  removeListener = (l: Listener) => { const i = this.listeners.indexOf(l); if (i >= 0) this.listeners.splice(i, 1); };
  hasListener = (l: Listener) => this.listeners.includes(l);
  hasListeners = () => this.listeners.length > 0;
}

export interface FakeFirefoxOptions {
  manifest: Record<string, unknown>;
  /** _locales/<lang>/messages.json contents, for i18n.getMessage */
  messages: Record<string, { message: string }>;
  uuid?: string;
}

export interface Call { api: string; args: unknown[] }

function storageArea(data: Map<string, unknown>, onChanged: FakeEvent, areaName: string) {
  const pick = (keys: unknown): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    if (keys === null || keys === undefined) { for (const [k, v] of data) out[k] = structuredClone(v); return out; }
    if (typeof keys === 'string') keys = [keys];
    if (Array.isArray(keys)) { for (const k of keys) if (data.has(k)) out[k] = structuredClone(data.get(k)); return out; }
    for (const [k, dflt] of Object.entries(keys as Record<string, unknown>)) out[k] = data.has(k) ? structuredClone(data.get(k)) : dflt;
    return out;
  };
  return {
    get: async (keys?: unknown) => pick(keys),
    set: async (items: Record<string, unknown>) => {
      const changes: Record<string, { oldValue?: unknown; newValue: unknown }> = {};
      for (const [k, v] of Object.entries(items)) { changes[k] = { oldValue: data.get(k), newValue: v }; data.set(k, structuredClone(v)); }
      for (const l of onChanged.listeners) l(changes, areaName);
    },
    remove: async (keys: string | string[]) => { for (const k of typeof keys === 'string' ? [keys] : keys) data.delete(k); },
    clear: async () => { data.clear(); },
  };
}

export class FakeFirefox {
  readonly calls: Call[] = [];
  readonly uuid: string;
  readonly alarms = new Map<string, { name: string; periodInMinutes?: number; delayInMinutes?: number; scheduledTime: number }>();
  readonly registeredScripts: Array<Record<string, unknown>> = [];
  readonly granted = new Set<string>();
  /** The background's namespace (listeners registered by background.js land here). */
  readonly background: any;
  private readonly opts: FakeFirefoxOptions;

  constructor(opts: FakeFirefoxOptions) {
    this.opts = opts;
    this.uuid = opts.uuid ?? '0f1e2d3c-4b5a-6978-8897-a6b5c4d3e2f1';
    const perms = (opts.manifest.permissions as string[] | undefined) ?? [];
    for (const p of perms) if (p.includes('://')) this.granted.add(p);
    this.background = this.namespace({ kind: 'background' });
  }

  get id(): string {
    return ((this.opts.manifest.browser_specific_settings as { gecko?: { id?: string } } | undefined)?.gecko?.id) ?? 'unknown@id';
  }

  private record(api: string, args: unknown[]): void {
    this.calls.push({ api, args });
  }

  /** A `browser` object for one context: the background page, or a content script in a tab at `url`. */
  namespace(where: { kind: 'background' } | { kind: 'content'; url: string; tabId: number; frameId?: number }): any {
    const self = this;
    const rec = <T extends (...a: any[]) => any>(api: string, fn: T): T => ((...args: any[]) => { self.record(api, args); return fn(...args); }) as T;
    const base = `moz-extension://${this.uuid}/`;
    const runtime = {
      id: this.id,
      getManifest: rec('runtime.getManifest', () => structuredClone(this.opts.manifest)),
      getURL: rec('runtime.getURL', (p: string) => base + p.replace(/^\//, '')),
      getPlatformInfo: rec('runtime.getPlatformInfo', async () => ({ os: 'linux', arch: 'x86-64' })),
      getBrowserInfo: rec('runtime.getBrowserInfo', async () => ({ name: 'Firefox', vendor: 'Mozilla', version: '115.0', buildID: '0' })),
      sendMessage: rec('runtime.sendMessage', async (message: unknown) => {
        // Firefox delivers to every other context of the extension; here that is the background's listeners.
        const sender = where.kind === 'content'
          ? { id: this.id, url: where.url, envType: 'content_child', frameId: where.frameId ?? 0, tab: { id: where.tabId, url: where.url, active: true, index: 0, windowId: 1, incognito: false, highlighted: true, pinned: false } }
          : { id: this.id, url: base + '_generated_background_page.html', envType: 'addon_child' };
        const target = where.kind === 'content' ? this.background : null;
        if (!target) throw new Error('Could not establish connection. Receiving end does not exist.');
        return this.dispatch(target.runtime.onMessage as FakeEvent, structuredClone(message), sender);
      }),
      onMessage: new FakeEvent(),
      onInstalled: new FakeEvent(),
      onStartup: new FakeEvent(),
      onConnect: new FakeEvent(),
      onSuspend: new FakeEvent(),
      lastError: undefined,
    };
    if (where.kind === 'content') {
      // What Firefox exposes to content scripts: runtime (messaging, getURL, id), storage, i18n. Nothing else.
      return { runtime, i18n: this.i18n(rec), storage: this.storage };
    }
    return {
      runtime,
      i18n: this.i18n(rec),
      storage: this.storage,
      alarms: {
        create: rec('alarms.create', (name: string, info: { periodInMinutes?: number; delayInMinutes?: number; when?: number }) => {
          this.alarms.set(name, { name, ...info, scheduledTime: info.when ?? Date.now() + (info.delayInMinutes ?? info.periodInMinutes ?? 0) * 60_000 });
        }),
        get: rec('alarms.get', async (name: string) => this.alarms.get(name)),
        getAll: rec('alarms.getAll', async () => [...this.alarms.values()]),
        clear: rec('alarms.clear', async (name: string) => this.alarms.delete(name)),
        clearAll: rec('alarms.clearAll', async () => { this.alarms.clear(); return true; }),
        onAlarm: new FakeEvent(),
      },
      permissions: {
        contains: rec('permissions.contains', async (p: { origins?: string[]; permissions?: string[] }) =>
          (p.origins ?? []).every((o) => this.granted.has(o)) && (p.permissions ?? []).every((x) => ((this.opts.manifest.permissions as string[]) ?? []).includes(x))),
        request: rec('permissions.request', async (p: { origins?: string[] }) => { for (const o of p.origins ?? []) this.granted.add(o); return true; }),
        remove: rec('permissions.remove', async (p: { origins?: string[] }) => { for (const o of p.origins ?? []) this.granted.delete(o); return true; }),
        getAll: rec('permissions.getAll', async () => ({ origins: [...this.granted], permissions: (this.opts.manifest.permissions as string[]) ?? [] })),
        onAdded: new FakeEvent(),
        onRemoved: new FakeEvent(),
      },
      // Firefox ≥ 102 has `scripting` in MV2 too (with the "scripting" permission).
      scripting: {
        registerContentScripts: rec('scripting.registerContentScripts', async (s: Array<Record<string, unknown>>) => { this.registeredScripts.push(...s); }),
        getRegisteredContentScripts: rec('scripting.getRegisteredContentScripts', async (f?: { ids?: string[] }) =>
          this.registeredScripts.filter((s) => !f?.ids || f.ids.includes(s.id as string))),
        unregisterContentScripts: rec('scripting.unregisterContentScripts', async (f?: { ids?: string[] }) => {
          for (let i = this.registeredScripts.length - 1; i >= 0; i--) if (!f?.ids || f.ids.includes(this.registeredScripts[i].id as string)) this.registeredScripts.splice(i, 1);
        }),
        executeScript: rec('scripting.executeScript', async () => []),
      },
      tabs: {
        create: rec('tabs.create', async (p: { url?: string }) => ({ id: 99, url: p.url })),
        query: rec('tabs.query', async () => []),
        get: rec('tabs.get', async (id: number) => ({ id })),
        sendMessage: rec('tabs.sendMessage', async () => undefined),
        executeScript: rec('tabs.executeScript', async () => []),
        onUpdated: new FakeEvent(),
        onRemoved: new FakeEvent(),
        onActivated: new FakeEvent(),
      },
      notifications: {
        create: rec('notifications.create', async (id: string) => id),
        clear: rec('notifications.clear', async () => true),
        getAll: rec('notifications.getAll', async () => ({})),
        onClicked: new FakeEvent(),
        onClosed: new FakeEvent(),
        onButtonClicked: new FakeEvent(),
      },
      // MV2: browserAction, never `action`.
      browserAction: {
        setBadgeText: rec('browserAction.setBadgeText', async () => {}),
        setBadgeBackgroundColor: rec('browserAction.setBadgeBackgroundColor', async () => {}),
        setTitle: rec('browserAction.setTitle', async () => {}),
        onClicked: new FakeEvent(),
      },
      downloads: {
        download: rec('downloads.download', async () => 1),
        onChanged: new FakeEvent(),
      },
    };
  }

  private readonly storageChanged = new FakeEvent();
  readonly storage = {
    local: storageArea(new Map(), this.storageChanged, 'local'),
    session: storageArea(new Map(), this.storageChanged, 'session'),
    sync: storageArea(new Map(), this.storageChanged, 'sync'),
    onChanged: this.storageChanged,
  };

  private i18n(rec: <T extends (...a: any[]) => any>(api: string, fn: T) => T) {
    return {
      getMessage: rec('i18n.getMessage', (name: string, subs?: string | string[]) => {
        const m = this.opts.messages[name]?.message ?? '';
        const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
        return m.replace(/\$(\d)/g, (_, d) => list[Number(d) - 1] ?? '');
      }),
      getUILanguage: rec('i18n.getUILanguage', () => 'zh-CN'),
    };
  }

  /** Firefox's onMessage: the first listener that returns a promise (or calls sendResponse) answers. */
  async dispatch(event: FakeEvent, message: unknown, sender: unknown): Promise<unknown> {
    if (!event.listeners.length) throw new Error('Could not establish connection. Receiving end does not exist.');
    let responded: ((v: unknown) => void) | null = null;
    const viaCallback = new Promise((resolve) => { responded = resolve; });
    for (const l of event.listeners) {
      let called = false;
      const sendResponse = (v: unknown) => { called = true; responded?.(v); };
      const r = l(message, sender, sendResponse);
      if (r && typeof (r as Promise<unknown>).then === 'function') return structuredClone(await r);
      if (called || r === true) return structuredClone(await viaCallback);
    }
    return undefined;
  }
}
