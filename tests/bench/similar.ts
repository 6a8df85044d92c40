// Similar-case retrieval benchmark (contracts.md "Similar-case benchmark").
//   npm run bench:similar -- --corpus F --queries F --qrels F
// Defaults: ../shared/datasets/lecard/{corpus.jsonl, queries-dev.jsonl, qrels-dev.tsv}.
// Every query ranks the whole corpus with the extension's ranking code (utils/search); ties by docid.
// Prints one JSON line per figure, then the summary object as the last line.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildIndex, search, type CorpusDoc, type Query, type RankParams } from '../../utils/search/search';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const DATA = resolve(process.cwd(), '../shared/datasets/lecard');
const corpusFile = arg('corpus', `${DATA}/corpus.jsonl`);
const queriesFile = arg('queries', `${DATA}/queries-dev.jsonl`);
const qrelsFile = arg('qrels', `${DATA}/qrels-dev.tsv`);
// Tuning hook (dev only): SIMILAR_PARAMS='{"chargeWeight":0.3}'
const override: Partial<RankParams> = process.env.SIMILAR_PARAMS ? JSON.parse(process.env.SIMILAR_PARAMS) : {};

function jsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

export type Qrels = Map<string, Map<string, number>>;

export function readQrels(file: string): Qrels {
  const q: Qrels = new Map();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const p = line.trim().split(/\s+/);
    if (p.length < 4) continue;
    const [qid, , docid, g] = p;
    if (!q.has(qid)) q.set(qid, new Map());
    q.get(qid)!.set(docid, Number(g));
  }
  return q;
}

export interface Metrics {
  ndcg10: number;
  ndcg30: number;
  ap: number;
  p5: number;
  r100: number;
}

/** Metrics of one ranked list (docids, best first) against one query's labels. */
export function evaluate(ranked: readonly string[], labels: Map<string, number>): Metrics {
  const grade = (d: string) => labels.get(d) ?? 0;
  const ideal = [...labels.values()].sort((a, b) => b - a);
  const ndcg = (k: number) => {
    let dcg = 0;
    let idcg = 0;
    for (let i = 0; i < k; i++) {
      if (i < ranked.length) dcg += grade(ranked[i]) / Math.log2(i + 2);
      if (i < ideal.length) idcg += ideal[i] / Math.log2(i + 2);
    }
    return idcg > 0 ? dcg / idcg : 0;
  };
  const rel3 = ideal.filter((g) => g === 3).length;
  let hits = 0;
  let sumP = 0;
  for (let i = 0; i < ranked.length && hits < rel3; i++) {
    if (grade(ranked[i]) === 3) {
      hits++;
      sumP += hits / (i + 1);
    }
  }
  let p5 = 0;
  for (let i = 0; i < 5 && i < ranked.length; i++) if (grade(ranked[i]) === 3) p5++;
  const rel2 = ideal.filter((g) => g >= 2).length;
  let r = 0;
  for (let i = 0; i < 100 && i < ranked.length; i++) if (grade(ranked[i]) >= 2) r++;
  return { ndcg10: ndcg(10), ndcg30: ndcg(30), ap: rel3 ? sumP / rel3 : 0, p5: p5 / 5, r100: rel2 ? r / rel2 : 0 };
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

const r4 = (x: number) => Math.round(x * 10000) / 10000;

function main(): void {
  const corpus = jsonl<CorpusDoc & { id: string | number }>(corpusFile).map((d) => ({ ...d, id: String(d.id) }));
  const queries = jsonl<Query & { id: string | number }>(queriesFile).map((q) => ({ ...q, id: String(q.id) }));
  const qrels = readQrels(qrelsFile);

  const t0 = performance.now();
  const index = buildIndex(corpus, override);
  const indexMs = performance.now() - t0;

  // One untimed warm-up query (JIT, per-index caches); every benchmark query is then timed.
  if (queries.length) search(index, { text: queries[0].text }, { limit: 10 });
  const per: Metrics[] = [];
  const times: number[] = [];
  const today = '2026-01-01';
  for (const q of queries) {
    const t = performance.now();
    const res = search(index, { text: q.text, charges: q.charges, cause: q.cause }, { limit: Infinity, explain: 0, today });
    times.push(performance.now() - t);
    const ranked = res.hits.map((h) => h.id);
    per.push(evaluate(ranked, qrels.get(q.id) ?? new Map()));
  }
  const mean = (f: (m: Metrics) => number) => per.reduce((a, m) => a + f(m), 0) / Math.max(1, per.length);
  const summary = {
    'ndcg@10': r4(mean((m) => m.ndcg10)),
    'ndcg@30': r4(mean((m) => m.ndcg30)),
    map: r4(mean((m) => m.ap)),
    'p@5': r4(mean((m) => m.p5)),
    'recall@100': r4(mean((m) => m.r100)),
    queries: queries.length,
    docs: corpus.length,
    index_ms: Math.round(indexMs),
    query_ms_p50: r4(pct(times, 50)),
    query_ms_p95: r4(pct(times, 95)),
  };
  const line = (name: string, value: number, unit: string, budget: number | null, better: 'higher' | 'lower') =>
    console.log(JSON.stringify({ name, value, unit, budget, better }));
  line('similar.ndcg@10', summary['ndcg@10'], 'ratio', 0.463, 'higher');
  line('similar.ndcg@30', summary['ndcg@30'], 'ratio', null, 'higher');
  line('similar.map', summary.map, 'ratio', 0.282, 'higher');
  line('similar.p@5', summary['p@5'], 'ratio', null, 'higher');
  line('similar.recall@100', summary['recall@100'], 'ratio', null, 'higher');
  line('similar.index_ms', summary.index_ms, 'ms', 2000, 'lower');
  line('similar.query_ms_p50', summary.query_ms_p50, 'ms', null, 'lower');
  line('similar.query_ms_p95', summary.query_ms_p95, 'ms', 20, 'lower');
  console.log(JSON.stringify(summary));
}

main();
