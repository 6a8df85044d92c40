// A memo for pure per-string work on the hot path (title normalisation, title classification): thousands of cases
// share a few hundred distinct 目录 titles. Bounded by clearing it when full: simpler and cheaper than an LRU, and a
// cleared memo only costs recomputation, never a different result. Callers must key on every input the value
// depends on (or keep one memo per other input, e.g. per rule table).
export class StringMemo<V> {
  private readonly map = new Map<string, V>();

  constructor(readonly limit = 4000) {}

  get size(): number {
    return this.map.size;
  }

  /** The value for `key`, computed by `compute` (pure, never returning undefined) on a miss. */
  get(key: string, compute: (key: string) => V): V {
    let v = this.map.get(key);
    if (v === undefined) {
      if (this.map.size >= this.limit) this.map.clear();
      v = compute(key);
      this.map.set(key, v);
    }
    return v;
  }
}
