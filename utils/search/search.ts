// Similar-case ranking: BM25 over character unigrams + bigrams, combined softly with legal features
// (normalised charges / 案由, statute articles) and explained per hit. Pure: Node and browsers.

import { chargeGroup, extractCharges, normalizeCharge, normalizeCharges } from './charges';
import { InvertedIndex, type Bm25Params, type DocMeta } from './inverted-index';
import { parseStatutes, statuteKey, statuteKeys, type Statute } from './statutes';
import { inWindow, normalizeDate, resolveTier, todayIso, TIER_LABELS, type Tier } from './tiers';
import { contentBigrams, termFrequencies } from './tokenize';

/** A corpus entry as the benchmark and importers hand it over. */
export interface CorpusDoc {
  id: string;
  title?: string;
  text: string;
  charges?: string[];
  cause?: string;
  statutes?: Array<string | Statute>;
  court?: string;
  tier?: number | string;
  date?: string;
  caseNo?: string;
}

export interface Query {
  text: string;
  charges?: string[];
  cause?: string;
  statutes?: Array<string | Statute>;
}

export interface RankParams extends Bm25Params {
  /** Query term frequency: raw counts, 1 + log, or presence. */
  qtf: 'raw' | 'log' | 'binary';
  /** Weight of the charge / 案由 match, relative to the best BM25 score of the query (= 1). */
  chargeWeight: number;
  /** Weight of sharing a charge group (same chapter of the 刑法分则) without sharing the charge. */
  groupWeight: number;
  /** Weight of the statute (article) overlap. */
  statuteWeight: number;
  /** Index the title together with the text. */
  indexTitle: boolean;
  /** Skip query terms found in more than this share of documents (near-zero idf, long postings). 1 = keep all.
   * Applies only to corpora of MIN_DOCS_FOR_DF_CUT documents or more (in a tiny corpus every shared term is "common"). */
  maxDfRatio: number;
  /** Pseudo-relevance feedback: re-weight query terms by how many of the top `prfDocs` first-pass hits contain them (0 = off). */
  prfDocs: number;
  prfWeight: number;
  /** Fewer distinct content bigrams than this (and no charges / statutes given) → needsMoreFacts. */
  minContentBigrams: number;
}

export const MIN_DOCS_FOR_DF_CUT = 500;

export const DEFAULT_RANK: RankParams = {
  k1: 1.2,
  b: 0.75,
  qtf: 'raw',
  chargeWeight: 0.3,
  groupWeight: 0,
  statuteWeight: 0.3,
  indexTitle: false,
  maxDfRatio: 0.3,
  prfDocs: 0,
  prfWeight: 0,
  minContentBigrams: 8,
};

export interface HitReasons {
  /** Charges / 案由 shared with the query (official names). */
  charges: string[];
  /** Statute articles shared with the query ("刑法 347"). */
  statutes: string[];
  /** Strongest shared terms (top BM25 contributions, bigrams first). */
  terms: string[];
  tier: Tier;
  tierLabel: string;
  date?: string;
  /** Inside the 3-year window (指导性案例 always); null when the date is unknown. */
  inWindow: boolean | null;
}

export interface Hit {
  id: string;
  score: number;
  /** Raw BM25 text score (before features). */
  bm25: number;
  title?: string;
  court?: string;
  caseNo?: string;
  reasons: HitReasons;
}

export interface SearchOptions {
  today?: string;
  /** Number of hits; Infinity ranks the whole corpus (benchmarks). Default 20. */
  limit?: number;
  /** How many of the top hits get term explanations (default: all returned hits, at most 100). */
  explain?: number;
  /** Window in years (default 3). */
  windowYears?: number;
}

export interface AnalysedQuery {
  charges: string[];
  chargesFromText: boolean;
  statutes: string[];
  contentBigrams: number;
  terms: number;
}

export type SearchResult =
  | { status: 'ok'; hits: Hit[]; query: AnalysedQuery; total: number }
  | { status: 'needsMoreFacts'; hits: []; query: AnalysedQuery; message: string; minContentBigrams: number };

/** The extension's search index: an inverted index plus the ranking parameters. */
export class SearchIndex {
  readonly inv: InvertedIndex;
  readonly rank: RankParams;
  private featVersion = -1;
  private chargeSlots = new Map<string, number[]>();
  private groupSlots = new Map<string, number[]>();
  private statuteSlots = new Map<string, number[]>();
  private idRankVersion = -1;
  private idRankArr = new Int32Array(0);

  constructor(rank: Partial<RankParams> = {}, inv?: InvertedIndex) {
    this.rank = { ...DEFAULT_RANK, ...rank };
    this.inv = inv ?? new InvertedIndex({ k1: this.rank.k1, b: this.rank.b });
  }

  get size(): number {
    return this.inv.size;
  }
  has(id: string): boolean {
    return this.inv.has(id);
  }
  /** Add or replace a document. */
  add(doc: CorpusDoc): void {
    const text = this.rank.indexTitle && doc.title ? `${doc.title}\n${doc.text}` : doc.text;
    this.inv.add({ meta: docMeta(doc), text });
  }
  update(doc: CorpusDoc): void {
    this.add(doc);
  }
  remove(id: string): boolean {
    return this.inv.remove(id);
  }
  meta(id: string): DocMeta | null {
    const s = this.inv.slotFor(id);
    return s === undefined ? null : this.inv.metaAt(s);
  }
  serialize(): Uint8Array {
    return this.inv.serialize();
  }
  static deserialize(bytes: Uint8Array, rank: Partial<RankParams> = {}): SearchIndex {
    const inv = InvertedIndex.deserialize(bytes);
    return new SearchIndex({ ...rank, k1: inv.params.k1, b: inv.params.b }, inv);
  }

  /** Position of each slot's id in ascending string order (tie-breaking), cached per index version. */
  idRank(): Int32Array {
    if (this.idRankVersion !== this.inv.version) {
      const live: number[] = [];
      for (let s = 0; s < this.inv.slots; s++) if (this.inv.isAlive(s)) live.push(s);
      const ids = live.map((s) => this.inv.metaAt(s)!.id);
      const order = live.map((_, i) => i).sort((a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0));
      const r = new Int32Array(this.inv.slots).fill(0x7fffffff);
      order.forEach((i, pos) => (r[live[i]] = pos));
      this.idRankArr = r;
      this.idRankVersion = this.inv.version;
    }
    return this.idRankArr;
  }

  /** slot lists per charge / group / statute, rebuilt when the index changed. */
  features(): { charge: Map<string, number[]>; group: Map<string, number[]>; statute: Map<string, number[]> } {
    if (this.featVersion !== this.inv.version) {
      const charge = new Map<string, number[]>();
      const group = new Map<string, number[]>();
      const statute = new Map<string, number[]>();
      const push = (m: Map<string, number[]>, k: string, s: number) => {
        const l = m.get(k);
        if (l) {
          if (l[l.length - 1] !== s) l.push(s);
        } else m.set(k, [s]);
      };
      for (let s = 0; s < this.inv.slots; s++) {
        const meta = this.inv.metaAt(s);
        if (!meta) continue;
        for (const c of meta.charges) {
          push(charge, c, s);
          const g = chargeGroup(c);
          if (g) push(group, g, s);
        }
        for (const k of meta.statutes) push(statute, k, s);
      }
      this.chargeSlots = charge;
      this.groupSlots = group;
      this.statuteSlots = statute;
      this.featVersion = this.inv.version;
    }
    return { charge: this.chargeSlots, group: this.groupSlots, statute: this.statuteSlots };
  }
}

/** Index metadata for a corpus entry: normalised charges / 案由, statute keys, tier, date. */
export function docMeta(doc: CorpusDoc): DocMeta {
  const charges = normalizeCharges([...(doc.charges ?? []), ...(doc.cause ? [doc.cause] : [])]);
  const statutes = statuteKeys(doc.statutes ?? []);
  const meta: DocMeta = { id: String(doc.id), charges, statutes };
  if (doc.title) meta.title = doc.title;
  const date = normalizeDate(doc.date);
  if (date) meta.date = date;
  if (doc.court) meta.court = doc.court;
  if (doc.caseNo) meta.caseNo = doc.caseNo;
  meta.tier = resolveTier(doc.tier, doc.court);
  return meta;
}

export function buildIndex(docs: Iterable<CorpusDoc>, rank: Partial<RankParams> = {}): SearchIndex {
  const idx = new SearchIndex(rank);
  for (const d of docs) idx.add(d);
  idx.inv.trim();
  return idx;
}

/** Charges, statutes and fact density of a query. */
export function analyseQuery(q: Query, minContentBigrams = DEFAULT_RANK.minContentBigrams): AnalysedQuery & { explicit: boolean } {
  const given = normalizeCharges([...(q.charges ?? []), ...(q.cause ? [q.cause] : [])]);
  const fromText = given.length ? [] : extractCharges(q.text ?? '');
  const statutes = statuteKeys([...(q.statutes ?? []), ...parseStatutes(q.text ?? '')]);
  const cb = contentBigrams(q.text ?? '').size;
  void minContentBigrams;
  return {
    charges: given.length ? given : fromText,
    chargesFromText: !given.length && fromText.length > 0,
    statutes,
    contentBigrams: cb,
    terms: 0,
    explicit: given.length > 0 || (q.statutes?.length ?? 0) > 0,
  };
}

function queryWeight(f: number, mode: RankParams['qtf']): number {
  return mode === 'raw' ? f : mode === 'log' ? 1 + Math.log(f) : 1;
}

export function search(index: SearchIndex, query: Query, opts: SearchOptions = {}): SearchResult {
  const rank = index.rank;
  const inv = index.inv;
  const aq = analyseQuery(query, rank.minContentBigrams);
  const { explicit, ...analysed } = aq;
  if (analysed.contentBigrams < rank.minContentBigrams && !explicit && !(analysed.statutes.length && analysed.contentBigrams > 0)) {
    return {
      status: 'needsMoreFacts',
      hits: [],
      query: analysed,
      minContentBigrams: rank.minContentBigrams,
      message: `请补充案件事实：至少需要 ${rank.minContentBigrams} 个有效词组（当前 ${analysed.contentBigrams} 个），或指定罪名/案由、法条。`,
    };
  }
  inv.compact();
  const slots = inv.slots;
  const bm = new Float64Array(slots);
  const qtf = termFrequencies(query.text ?? '', inv.tokenizeOptions);
  const qterms: Array<[number, number]> = [];
  for (const [term, f] of qtf) {
    const tid = inv.termId(term);
    if (tid === undefined) continue;
    if (rank.maxDfRatio < 1 && inv.size >= MIN_DOCS_FOR_DF_CUT && inv.df(tid) > rank.maxDfRatio * inv.size) continue;
    const w = queryWeight(f, rank.qtf);
    qterms.push([tid, w]);
    inv.accumulate(tid, w, bm, rank.k1, rank.b);
  }
  analysed.terms = qterms.length;

  let score = combine(index, bm, analysed);
  if (rank.prfDocs > 0 && rank.prfWeight > 0 && qterms.length) {
    const top = topSlots(inv, score, rank.prfDocs, index.idRank());
    bm.fill(0);
    for (const q of qterms) {
      let c = 0;
      for (const s of top) if (inv.tf(q[0], s) > 0) c++;
      q[1] *= 1 + (rank.prfWeight * c) / top.length;
      inv.accumulate(q[0], q[1], bm, rank.k1, rank.b);
    }
    score = combine(index, bm, analysed);
  }

  const limit = opts.limit ?? 20;
  const order = topSlots(inv, score, limit, index.idRank());
  const today = opts.today ?? todayIso();
  const explainN = Math.min(order.length, opts.explain ?? Math.min(limit, 100));
  const qcSet = new Set(analysed.charges);
  const qsSet = new Set(analysed.statutes);
  const hits: Hit[] = order.map((s, i) => {
    const m = inv.metaAt(s)!;
    const tier = (m.tier ?? 4) as Tier;
    const reasons: HitReasons = {
      charges: m.charges.filter((c) => qcSet.has(c)),
      statutes: m.statutes.filter((k) => qsSet.has(k)),
      terms: i < explainN ? topTerms(inv, qterms, s, 5, query.text ?? '') : [],
      tier,
      tierLabel: TIER_LABELS[tier],
      inWindow: inWindow(tier, m.date, today, opts.windowYears),
    };
    if (m.date) reasons.date = m.date;
    const hit: Hit = { id: m.id, score: score[s], bm25: bm[s], reasons };
    if (m.title) hit.title = m.title;
    if (m.court) hit.court = m.court;
    if (m.caseNo) hit.caseNo = m.caseNo;
    return hit;
  });
  return { status: 'ok', hits, query: analysed, total: inv.size };
}

/** Normalised BM25 plus the soft legal features. */
function combine(index: SearchIndex, bm: Float64Array, analysed: AnalysedQuery): Float64Array {
  const rank = index.rank;
  const inv = index.inv;
  const slots = inv.slots;
  let max = 0;
  for (let s = 0; s < slots; s++) if (bm[s] > max) max = bm[s];
  const norm = max > 0 ? 1 / max : 0;
  const score = new Float64Array(slots);
  for (let s = 0; s < slots; s++) score[s] = bm[s] * norm;

  // legal features, soft: added to the normalised text score
  const feats = index.features();
  const qc = analysed.charges;
  if (qc.length && (rank.chargeWeight > 0 || rank.groupWeight > 0)) {
    const shared = new Float64Array(slots);
    for (const c of qc) for (const s of feats.charge.get(c) ?? []) shared[s] += 1;
    const qGroups = [...new Set(qc.map((c) => chargeGroup(c)).filter((g): g is string => !!g))];
    const inGroup = new Uint8Array(slots);
    if (rank.groupWeight > 0) for (const g of qGroups) for (const s of feats.group.get(g) ?? []) inGroup[s] = 1;
    for (let s = 0; s < slots; s++) {
      if (shared[s] > 0) {
        const m = inv.metaAt(s);
        const dn = m ? m.charges.length : 1;
        score[s] += (rank.chargeWeight * 2 * shared[s]) / (qc.length + dn); // Dice
      } else if (inGroup[s]) score[s] += rank.groupWeight;
    }
  }
  const qs = analysed.statutes;
  if (qs.length && rank.statuteWeight > 0) {
    const shared = new Float64Array(slots);
    for (const k of qs) for (const s of feats.statute.get(k) ?? []) shared[s] += 1;
    for (let s = 0; s < slots; s++) {
      if (shared[s] > 0) {
        const m = inv.metaAt(s);
        score[s] += (rank.statuteWeight * 2 * shared[s]) / (qs.length + (m ? m.statutes.length : 1));
      }
    }
  }

  return score;
}

/** Live slots by score desc, ties by id ascending (string order). */
function topSlots(inv: InvertedIndex, score: Float64Array, limit: number, idRank: Int32Array): number[] {
  const slots = inv.slots;
  const better = (a: number, b: number) => {
    const d = score[a] - score[b];
    if (d !== 0) return d > 0;
    return idRank[a] < idRank[b];
  };
  if (!Number.isFinite(limit) || limit >= inv.size) {
    const all: number[] = [];
    for (let s = 0; s < slots; s++) if (inv.isAlive(s)) all.push(s);
    all.sort((a, b) => score[b] - score[a] || idRank[a] - idRank[b]);
    return all;
  }
  // bounded min-heap of the best `limit`
  const heap: number[] = [];
  const worse = (a: number, b: number) => better(b, a);
  const up = (i: number) => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (worse(heap[i], heap[p])) {
        [heap[i], heap[p]] = [heap[p], heap[i]];
        i = p;
      } else break;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l], heap[m])) m = l;
      if (r < heap.length && worse(heap[r], heap[m])) m = r;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  };
  if (limit <= 0) return [];
  for (let s = 0; s < slots; s++) {
    if (!inv.isAlive(s)) continue;
    if (heap.length < limit) {
      heap.push(s);
      up(heap.length - 1);
    } else if (score[s] >= score[heap[0]] && better(s, heap[0])) {
      heap[0] = s;
      down(0);
    }
  }
  return heap.sort((a, b) => (better(a, b) ? -1 : 1));
}

const EDGE_HEAD = '的了在和与及并从将把被于对向';
const EDGE_TAIL = '的了在和与及并中将把被于对向';

function topTerms(inv: InvertedIndex, qterms: Array<[number, number]>, slot: number, n: number, queryText: string): string[] {
  const contrib: Array<[string, number]> = [];
  for (const [tid, w] of qterms) {
    const term = inv.termString(tid);
    if (term.length < 2) continue; // unigrams explain nothing to a reader
    const c = inv.termScore(tid, slot, w);
    if (c > 0) contrib.push([term, c]);
  }
  contrib.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  // Chain overlapping strong bigrams into the phrases of the query they come from
  // ("入户" + "户盗" + "盗窃" → "入户盗窃"), so that explanations read as words, not character pairs.
  const strong = contrib.slice(0, 4 * n);
  const weight = new Map(strong);
  const used = new Set<string>();
  const phrases: Array<[string, number]> = [];
  const text = queryText.normalize('NFKC');
  for (const [bg, w] of strong) {
    if (used.has(bg) || bg.length !== 2) continue;
    let phrase = bg;
    let total = w;
    used.add(bg);
    for (let grew = true; grew && phrase.length < 8; ) {
      grew = false;
      for (const [cand] of strong) {
        if (used.has(cand) || cand.length !== 2) continue;
        if (cand[0] === phrase[phrase.length - 1] && text.includes(phrase + cand[1])) {
          phrase += cand[1];
        } else if (cand[1] === phrase[0] && text.includes(cand[0] + phrase)) {
          phrase = cand[0] + phrase;
        } else continue;
        total += weight.get(cand)!;
        used.add(cand);
        grew = true;
      }
    }
    // trim function characters at the edges ("的毒品可疑物" → "毒品可疑物")
    while (phrase.length > 2 && EDGE_HEAD.includes(phrase[0])) phrase = phrase.slice(1);
    while (phrase.length > 2 && EDGE_TAIL.includes(phrase[phrase.length - 1])) phrase = phrase.slice(0, -1);
    if (!phrases.some((p) => p[0] === phrase)) phrases.push([phrase, total]);
  }
  for (const [t, w] of strong) if (t.length !== 2 && !used.has(t)) phrases.push([t, w]);
  phrases.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return phrases.slice(0, n).map((x) => x[0]);
}

export interface TierGroup {
  tier: Tier;
  label: string;
  /** Hits of this tier, in-window first, each part in score order. */
  hits: Hit[];
  inWindow: Hit[];
  outOfWindow: Hit[];
}

/** Hits grouped by tier ① → ④ (all four groups, possibly empty). */
export function groupByTier(hits: readonly Hit[]): TierGroup[] {
  return ([1, 2, 3, 4] as Tier[]).map((tier) => {
    const mine = hits.filter((h) => h.reasons.tier === tier);
    const inW = mine.filter((h) => h.reasons.inWindow === true);
    const outW = mine.filter((h) => h.reasons.inWindow !== true);
    return { tier, label: TIER_LABELS[tier], hits: [...inW, ...outW], inWindow: inW, outOfWindow: outW };
  });
}

export { normalizeCharge };
