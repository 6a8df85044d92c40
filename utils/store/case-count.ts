// How many cases are cached, without counting them on every page load: IndexedDB's count() walks every key
// (90–320 ms at 50,000 cases, once per ingested page). The background counts once, adds what each ingest
// inserted, and counts again when another context replaced the cases (clearCachedCases, importAll announce it on
// a BroadcastChannel) or when the count is older than ten minutes (a missed announcement heals itself; a page load
// that recounts waits for every queued write and the count, so this stays rare).
import type { ZhixiaoDB } from './db';

const CHANNEL_PREFIX = 'zhixiao-cases:';
const REPLACED = 'cases-replaced';

/** Tells every context of this origin that the cases of `dbName` were replaced or merged in bulk. */
export function announceCasesReplaced(dbName: string): void {
  try {
    const channel = new BroadcastChannel(`${CHANNEL_PREFIX}${dbName}`);
    channel.postMessage(REPLACED);
    channel.close();
  } catch {
    /* no BroadcastChannel: the count's age limit still applies */
  }
}

export class CaseCount {
  private value: number | null = null;
  private countedAt = 0;
  private readonly channel: BroadcastChannel | null;

  constructor(private readonly db: ZhixiaoDB, private readonly maxAgeMs = 600_000, private readonly now: () => number = Date.now) {
    let channel: BroadcastChannel | null = null;
    try {
      channel = new BroadcastChannel(`${CHANNEL_PREFIX}${db.name}`);
      channel.onmessage = (e: MessageEvent) => {
        if (e.data === REPLACED) this.value = null;
      };
    } catch {
      channel = null;
    }
    this.channel = channel;
  }

  /** The number of cached cases. When not `current` it counts: call then only with no write of this context queued. */
  async get(): Promise<number> {
    if (!this.current) {
      this.value = null;
      const counted = await this.db.cases.count();
      this.value = counted;
      this.countedAt = this.now();
    }
    return this.value!;
  }

  /** Whether get() answers without counting (a count must not be taken while this context's writes are queued). */
  get current(): boolean {
    return this.value !== null && this.now() - this.countedAt <= this.maxAgeMs;
  }

  /** The last count, however old (null: never counted, or forgotten). */
  peek(): number | null {
    return this.value;
  }

  /** A count taken by the caller (e.g. in an ingest's transaction, with nothing of this context queued before it). */
  set(counted: number): void {
    this.value = counted;
    this.countedAt = this.now();
  }

  /** An ingest of this context stores `inserted` new cases. */
  added(inserted: number): void {
    if (this.value !== null) this.value += inserted;
  }

  /** Forget the count (a write failed): the next get() counts. */
  reset(): void {
    this.value = null;
  }

  close(): void {
    this.channel?.close();
  }
}
