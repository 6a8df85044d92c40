// Incremental BM25 inverted index with typed-array postings and a compact binary serialisation.
// Pure TypeScript (no Node or browser APIs).
//
// Documents live in slots (0, 1, 2, …). Removing a document tombstones its slot; the postings are
// compacted lazily (before the next query) so that df and the average length stay exact.
// Postings of a term are sorted by slot because slots only grow.

import { stripBoilerplate, termFrequencies, type TokenizeOptions } from './tokenize';

export interface Bm25Params {
  k1: number;
  b: number;
}

export const DEFAULT_BM25: Bm25Params = { k1: 1.2, b: 0.75 };

/** Per-document metadata kept in the index (everything the ranking and the "why" need). */
export interface DocMeta {
  id: string;
  title?: string;
  /** Normalised charge / 案由 names (official names where known). */
  charges: string[];
  /** Canonical statute keys, e.g. "刑法 347" (see statutes.ts statuteKey). */
  statutes: string[];
  tier?: 1 | 2 | 3 | 4;
  date?: string;
  court?: string;
  caseNo?: string;
}

/** Dense index of a CJK char code (0 … 28095), or -1. Keeps bigram keys small integers (no heap numbers). */
function cjkIndex(c: number): number {
  if (c >= 0x4e00 && c <= 0x9fff) return c - 0x4e00;
  if (c >= 0x3400 && c <= 0x4dbf) return 20992 + c - 0x3400;
  if (c >= 0xf900 && c <= 0xfaff) return 27584 + c - 0xf900;
  return -1;
}
const CJK_SPAN = 28096;

class Postings {
  docs: Int32Array;
  tfs: Uint16Array;
  n = 0;
  constructor(cap = 2) {
    this.docs = new Int32Array(cap);
    this.tfs = new Uint16Array(cap);
  }
  push(slot: number, tf: number): void {
    if (this.n === this.docs.length) {
      const cap = Math.max(4, Math.ceil(this.docs.length * 1.6));
      const d = new Int32Array(cap);
      d.set(this.docs);
      const t = new Uint16Array(cap);
      t.set(this.tfs);
      this.docs = d;
      this.tfs = t;
    }
    this.docs[this.n] = slot;
    this.tfs[this.n] = tf > 65535 ? 65535 : tf;
    this.n++;
  }
  /** Shrink the arrays to their length (after a bulk build). */
  trim(): void {
    if (this.docs.length === this.n) return;
    this.docs = this.docs.slice(0, Math.max(this.n, 1));
    this.tfs = this.tfs.slice(0, Math.max(this.n, 1));
  }
  /** tf of a slot, 0 if absent (binary search). */
  tfOf(slot: number): number {
    let lo = 0;
    let hi = this.n - 1;
    const d = this.docs;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = d[mid];
      if (v === slot) return this.tfs[mid];
      if (v < slot) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }
}

export interface IndexInput {
  meta: DocMeta;
  /** Text to index (facts, reasoning …). */
  text: string;
}

export class InvertedIndex {
  readonly params: Bm25Params;
  readonly tokenizeOptions: TokenizeOptions;
  private termIds = new Map<string, number>();
  // fast term-id lookups for the indexing hot path: CJK unigram by char code, CJK bigram by c1·65536+c2
  private uniIds = new Int32Array(65536).fill(-1);
  private biIds = new Map<number, number>();
  private scratchTf = new Int32Array(1024);
  private touched: number[] = [];
  private termStrs: string[] = [];
  private postings: Postings[] = [];
  private docLen = new Float32Array(64);
  private alive = new Uint8Array(64);
  private metas: (DocMeta | null)[] = [];
  private slotOf = new Map<string, number>();
  private live = 0;
  private totalLen = 0;
  private tombstones = 0;
  /** Bumped on every change (lets callers cache derived data). */
  version = 0;

  constructor(params: Partial<Bm25Params> = {}, tokenizeOptions: TokenizeOptions = {}) {
    this.params = { ...DEFAULT_BM25, ...params };
    this.tokenizeOptions = tokenizeOptions;
  }

  get size(): number {
    return this.live;
  }
  get slots(): number {
    return this.metas.length;
  }
  get avgLen(): number {
    return this.live ? this.totalLen / this.live : 0;
  }
  get vocabularySize(): number {
    return this.termStrs.length;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }
  slotFor(id: string): number | undefined {
    return this.slotOf.get(id);
  }
  metaAt(slot: number): DocMeta | null {
    return this.metas[slot] ?? null;
  }
  isAlive(slot: number): boolean {
    return this.alive[slot] === 1;
  }
  lengthAt(slot: number): number {
    return this.docLen[slot];
  }
  ids(): string[] {
    return [...this.slotOf.keys()];
  }

  /** Add a document; replaces an existing document with the same id. */
  add(input: IndexInput): void {
    if (this.slotOf.has(input.meta.id)) this.remove(input.meta.id);
    const o = this.tokenizeOptions;
    if (o.unigrams === false || o.bigrams === false) {
      this.addTf(input.meta, termFrequencies(input.text, o));
      return;
    }
    // hot path, same tokens as termFrequencies(): CJK unigrams + bigrams, Latin words of 2+ letters
    let t = (input.text ?? '').normalize('NFKC');
    if (o.boilerplate !== false) t = stripBoilerplate(t);
    const touched = this.touched;
    touched.length = 0;
    let prev = -1;
    let prevIdx = -1;
    let wordStart = -1;
    const n = t.length;
    for (let i = 0; i <= n; i++) {
      const c = i < n ? t.charCodeAt(i) : 32;
      const ci = cjkIndex(c);
      if (ci >= 0) {
        let u = this.uniIds[c];
        if (u < 0) u = this.intern(String.fromCharCode(c));
        this.bump(u);
        if (prev >= 0) {
          let b = this.biIds.get(prevIdx * CJK_SPAN + ci);
          if (b === undefined) b = this.intern(String.fromCharCode(prev, c));
          this.bump(b);
        }
        prev = c;
        prevIdx = ci;
      } else prev = -1;
      const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
      if (letter) {
        if (wordStart < 0) wordStart = i;
      } else if (wordStart >= 0) {
        if (i - wordStart >= 2) this.bump(this.intern(t.slice(wordStart, i).toLowerCase()));
        wordStart = -1;
      }
    }
    const slot = this.metas.length;
    this.ensureSlots(slot + 1);
    let len = 0;
    for (const tid of touched) {
      const f = this.scratchTf[tid];
      this.scratchTf[tid] = 0;
      this.postings[tid].push(slot, f);
      len += f;
    }
    touched.length = 0;
    this.finishAdd(input.meta, slot, len);
  }

  private bump(tid: number): void {
    if (tid >= this.scratchTf.length) {
      const nt = new Int32Array(Math.max(tid + 1, this.scratchTf.length * 2));
      nt.set(this.scratchTf);
      this.scratchTf = nt;
    }
    if (this.scratchTf[tid]++ === 0) this.touched.push(tid);
  }

  /** Term id for a term, created if new. */
  private intern(term: string): number {
    let tid = this.termIds.get(term);
    if (tid !== undefined) return tid;
    tid = this.termStrs.length;
    this.termIds.set(term, tid);
    this.termStrs.push(term);
    this.postings.push(new Postings());
    const i0 = cjkIndex(term.charCodeAt(0));
    if (term.length === 1 && i0 >= 0) this.uniIds[term.charCodeAt(0)] = tid;
    else if (term.length === 2 && i0 >= 0) {
      const i1 = cjkIndex(term.charCodeAt(1));
      if (i1 >= 0) this.biIds.set(i0 * CJK_SPAN + i1, tid);
    }
    return tid;
  }

  private finishAdd(meta: DocMeta, slot: number, len: number): void {
    this.metas.push(meta);
    this.docLen[slot] = len;
    this.alive[slot] = 1;
    this.slotOf.set(meta.id, slot);
    this.live++;
    this.totalLen += len;
    this.version++;
  }

  /** Add with precomputed term frequencies. */
  addTf(meta: DocMeta, tf: Map<string, number>): void {
    if (this.slotOf.has(meta.id)) this.remove(meta.id);
    const slot = this.metas.length;
    this.ensureSlots(slot + 1);
    let len = 0;
    for (const [term, f] of tf) {
      this.postings[this.intern(term)].push(slot, f);
      len += f;
    }
    this.finishAdd(meta, slot, len);
  }

  update(input: IndexInput): void {
    this.add(input);
  }

  remove(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    this.slotOf.delete(id);
    this.alive[slot] = 0;
    this.metas[slot] = null;
    this.live--;
    this.totalLen -= this.docLen[slot];
    this.tombstones++;
    this.version++;
    return true;
  }

  private ensureSlots(n: number): void {
    if (n <= this.docLen.length) return;
    const cap = Math.max(n, Math.ceil(this.docLen.length * 1.6));
    const l = new Float32Array(cap);
    l.set(this.docLen);
    const a = new Uint8Array(cap);
    a.set(this.alive);
    this.docLen = l;
    this.alive = a;
  }

  /** Drop tombstoned postings so that df is exact. Called before scoring. */
  compact(): void {
    if (!this.tombstones) return;
    const alive = this.alive;
    for (const p of this.postings) {
      let w = 0;
      for (let r = 0; r < p.n; r++) {
        const s = p.docs[r];
        if (alive[s]) {
          p.docs[w] = s;
          p.tfs[w] = p.tfs[r];
          w++;
        }
      }
      p.n = w;
    }
    this.tombstones = 0;
  }

  termId(term: string): number | undefined {
    return this.termIds.get(term);
  }
  termString(tid: number): string {
    return this.termStrs[tid];
  }
  df(tid: number): number {
    this.compact();
    return this.postings[tid].n;
  }
  /** Robertson–Spärck Jones idf, floored at a small positive value. */
  idf(tid: number): number {
    const n = this.live;
    const df = this.df(tid);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /**
   * Add weight × BM25(term) for every document containing the term into `acc` (indexed by slot).
   */
  accumulate(tid: number, weight: number, acc: Float64Array, k1 = this.params.k1, b = this.params.b): void {
    this.compact();
    const p = this.postings[tid];
    const idf = this.idf(tid) * weight;
    if (idf <= 0) return;
    const avg = this.avgLen || 1;
    const k1b = k1 * b / avg;
    const k1nb = k1 * (1 - b);
    const docs = p.docs;
    const tfs = p.tfs;
    const len = this.docLen;
    for (let i = 0; i < p.n; i++) {
      const s = docs[i];
      const f = tfs[i];
      acc[s] += (idf * f * (k1 + 1)) / (f + k1nb + k1b * len[s]);
    }
  }

  /** tf of a term in a slot (0 if absent). */
  tf(tid: number, slot: number): number {
    return this.postings[tid].tfOf(slot);
  }

  /** BM25 contribution of one term in one document (for explanations). */
  termScore(tid: number, slot: number, weight = 1): number {
    const f = this.tf(tid, slot);
    if (!f) return 0;
    const { k1, b } = this.params;
    const avg = this.avgLen || 1;
    return (this.idf(tid) * weight * f * (k1 + 1)) / (f + k1 * (1 - b + (b * this.docLen[slot]) / avg));
  }

  // ---------------------------------------------------------------------------------------------
  // Serialisation: [magic "ZXSI" | u32 header length | header JSON (utf-8) | postings varints].
  // Postings per term: varint n, then n × (varint slot gap, varint tf). Slots are renumbered densely.

  serialize(): Uint8Array {
    this.compact();
    // dense renumbering of live slots
    const remap = new Int32Array(this.metas.length).fill(-1);
    const metas: DocMeta[] = [];
    const lens: number[] = [];
    for (let s = 0; s < this.metas.length; s++) {
      if (this.alive[s]) {
        remap[s] = metas.length;
        metas.push(this.metas[s]!);
        lens.push(this.docLen[s]);
      }
    }
    const keep: number[] = [];
    for (let t = 0; t < this.postings.length; t++) if (this.postings[t].n > 0) keep.push(t);
    const header = {
      v: 1,
      params: this.params,
      tok: this.tokenizeOptions,
      docs: metas,
      lens,
      terms: keep.map((t) => this.termStrs[t]).join('\u0001'),
    };
    const enc = new TextEncoder();
    const hbytes = enc.encode(JSON.stringify(header));
    const w = new VarintWriter(1 << 16);
    for (const t of keep) {
      const p = this.postings[t];
      w.write(p.n);
      let prev = -1;
      for (let i = 0; i < p.n; i++) {
        const s = remap[p.docs[i]];
        w.write(s - prev - 1);
        w.write(p.tfs[i]);
        prev = s;
      }
    }
    const body = w.finish();
    const out = new Uint8Array(8 + hbytes.length + body.length);
    out.set([0x5a, 0x58, 0x53, 0x49], 0); // "ZXSI"
    new DataView(out.buffer).setUint32(4, hbytes.length, true);
    out.set(hbytes, 8);
    out.set(body, 8 + hbytes.length);
    return out;
  }

  static deserialize(bytes: Uint8Array): InvertedIndex {
    if (bytes.length < 8 || bytes[0] !== 0x5a || bytes[1] !== 0x58 || bytes[2] !== 0x53 || bytes[3] !== 0x49) {
      throw new Error('not a serialised search index');
    }
    const hlen = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + hlen))) as {
      v: number;
      params: Bm25Params;
      tok: TokenizeOptions;
      docs: DocMeta[];
      lens: number[];
      terms: string;
    };
    if (header.v !== 1) throw new Error(`unsupported index version ${header.v}`);
    const idx = new InvertedIndex(header.params, header.tok);
    const n = header.docs.length;
    idx.ensureSlots(n);
    for (let s = 0; s < n; s++) {
      idx.metas.push(header.docs[s]);
      idx.slotOf.set(header.docs[s].id, s);
      idx.docLen[s] = header.lens[s];
      idx.alive[s] = 1;
      idx.totalLen += header.lens[s];
    }
    idx.live = n;
    const terms = header.terms ? header.terms.split('\u0001') : [];
    const r = new VarintReader(bytes, 8 + hlen);
    for (let t = 0; t < terms.length; t++) {
      const cnt = r.read();
      const p = new Postings(Math.max(2, cnt));
      let prev = -1;
      for (let i = 0; i < cnt; i++) {
        const s = prev + 1 + r.read();
        p.docs[i] = s;
        p.tfs[i] = r.read();
        prev = s;
      }
      p.n = cnt;
      idx.intern(terms[t]);
      idx.postings[t] = p;
    }
    idx.version++;
    return idx;
  }

  /** Release the growth slack of every postings list (call after a bulk build). */
  trim(): void {
    this.compact();
    for (const p of this.postings) p.trim();
  }

  /** Rough in-memory size of the postings (bytes), for benchmarks. */
  postingsBytes(): number {
    let b = 0;
    for (const p of this.postings) b += p.docs.byteLength + p.tfs.byteLength;
    return b;
  }
}

class VarintWriter {
  private buf: Uint8Array;
  private pos = 0;
  constructor(cap: number) {
    this.buf = new Uint8Array(cap);
  }
  write(v: number): void {
    if (this.pos + 5 > this.buf.length) {
      const nb = new Uint8Array(this.buf.length * 2);
      nb.set(this.buf);
      this.buf = nb;
    }
    while (v >= 0x80) {
      this.buf[this.pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[this.pos++] = v;
  }
  finish(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }
}

class VarintReader {
  constructor(private buf: Uint8Array, private pos: number) {}
  read(): number {
    let v = 0;
    let shift = 0;
    for (;;) {
      const b = this.buf[this.pos++];
      v |= (b & 0x7f) << shift;
      if (b < 0x80) return v >>> 0;
      shift += 7;
    }
  }
}
