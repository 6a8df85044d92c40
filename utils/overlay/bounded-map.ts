// A Map that keeps only its `limit` most recently used entries. The content script lives as long as the tab: on a
// single-page host system it is never reloaded, so a per-case cache in a feature (keyed by 案号 or by URL) would
// otherwise grow with every case the user opens during the day (tests/bench/heap.ts measures this).
const named = new Map<string, BoundedMap<unknown, unknown>>();

/** Sizes of the named caches (for tests and the heap benchmark). */
export function overlayCacheSizes(): Record<string, { size: number; limit: number }> {
  const out: Record<string, { size: number; limit: number }> = {};
  for (const [name, m] of named) out[name] = { size: m.size, limit: m.limit };
  return out;
}

export class BoundedMap<K, V> {
  private readonly map = new Map<K, V>();

  constructor(readonly limit: number, name?: string) {
    if (!(limit >= 1)) throw new RangeError('BoundedMap: limit must be at least 1');
    if (name) named.set(name, this as BoundedMap<unknown, unknown>);
  }

  get size(): number {
    return this.map.size;
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  /** Reading an entry makes it the most recently used. */
  get(key: K): V | undefined {
    if (!this.map.has(key)) return undefined;
    const value = this.map.get(key) as V;
    this.map.delete(key);
    this.map.set(key, value);
    return value;
  }

  /** Adds or replaces; drops the least recently used entries beyond the limit. */
  set(key: K, value: V): this {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.limit) this.map.delete(this.map.keys().next().value as K);
    return this;
  }

  delete(key: K): boolean {
    return this.map.delete(key);
  }

  clear(): void {
    this.map.clear();
  }
}
