// Scale benchmark for the similar-case index: a deterministic 100,000-document corpus recombined from
// the dev corpus sentences (same-charge documents mixed, so the charge metadata stays plausible).
//   npx tsx tests/bench/similar-scale.ts [--docs 100000] [--rounds 3] [--corpus F] [--queries F]
// Query latency: every dev query, `rounds` times, after one untimed warm-up query; top 20 with explanations.
// Prints one JSON line per figure, then a summary object as the last line.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildIndex, search, SearchIndex, type CorpusDoc, type Query } from '../../utils/search/search';
import { stripBoilerplate } from '../../utils/search/tokenize';
import { mulberry32 } from '../host/seed';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const DATA = resolve(process.cwd(), '../shared/datasets/lecard');
const N = Number(arg('docs', '100000'));
const corpusFile = arg('corpus', `${DATA}/corpus.jsonl`);
const queriesFile = arg('queries', `${DATA}/queries-dev.jsonl`);

const jsonl = <T>(f: string): T[] => readFileSync(f, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as T);

const rng = mulberry32; // the demo seed's PRNG (tests/host/seed.ts)

export function synthesise(base: CorpusDoc[], n: number, seed = 20260101): CorpusDoc[] {
  const rand = rng(seed);
  const sentences = base.map((d) =>
    stripBoilerplate(d.text)
      .split(/(?<=[。；！？])|\n+/)
      .map((s) => s.trim())
      .filter((s) => s.length >= 6),
  );
  const byCharge = new Map<string, number[]>();
  base.forEach((d, i) => {
    const k = (d.charges ?? []).join('|');
    if (!byCharge.has(k)) byCharge.set(k, []);
    byCharge.get(k)!.push(i);
  });
  const courts = ['北京市第一中级人民法院', '上海市高级人民法院', '最高人民法院', '广东省深圳市南山区人民法院', '浙江省杭州市中级人民法院', '四川省成都市武侯区人民法院'];
  const out: CorpusDoc[] = [];
  for (let i = 0; i < n; i++) {
    const a = Math.floor(rand() * base.length);
    const peers = byCharge.get((base[a].charges ?? []).join('|'))!;
    const parts: string[] = [];
    const k = 6 + Math.floor(rand() * 6); // ≈ the dev corpus length (344 chars on average)
    for (let j = 0; j < k; j++) {
      const src = j === 0 ? a : peers[Math.floor(rand() * peers.length)];
      const ss = sentences[src];
      if (ss.length) parts.push(ss[Math.floor(rand() * ss.length)]);
    }
    const year = 2015 + Math.floor(rand() * 11);
    const date = `${year}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
    out.push({
      id: `S${String(i).padStart(6, '0')}`,
      title: base[a].title,
      text: parts.join(''),
      charges: base[a].charges,
      court: courts[Math.floor(rand() * courts.length)],
      date,
    });
  }
  return out;
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

function main(): void {
  const base = jsonl<CorpusDoc>(corpusFile).map((d) => ({ ...d, id: String(d.id) }));
  const queries = jsonl<Query & { id: string }>(queriesFile);
  const tg = performance.now();
  const docs = synthesise(base, N);
  const genMs = performance.now() - tg;
  const chars = docs.reduce((a, d) => a + d.text.length, 0);

  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  const index = buildIndex(docs);
  const indexMs = performance.now() - t0;
  const rss1 = process.memoryUsage().rss;
  const postingsBytes = index.inv.postingsBytes();

  const ts = performance.now();
  const bytes = index.serialize();
  const serializeMs = performance.now() - ts;
  const td = performance.now();
  let restored: SearchIndex | null = SearchIndex.deserialize(bytes);
  const deserializeMs = performance.now() - td;
  const restoredSize = restored.size;
  restored = null; // let it go before the query timings

  search(index, { text: queries[0].text }, { limit: 20 }); // untimed warm-up
  const times: number[] = [];
  const rounds = Number(arg('rounds', '3'));
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const t = performance.now();
      search(index, { text: q.text, charges: q.charges }, { limit: 20, today: '2026-01-01' });
      times.push(performance.now() - t);
    }
  }
  // incremental update: replace 100 documents
  const tu = performance.now();
  for (let i = 0; i < 100; i++) index.add({ ...docs[i], text: `${docs[i].text}补充事实。` });
  search(index, { text: queries[0].text }, { limit: 20 });
  const updateMs = performance.now() - tu;

  const summary = {
    docs: N,
    chars,
    generate_ms: Math.round(genMs),
    index_ms: Math.round(indexMs),
    index_bytes: bytes.length,
    postings_mem_bytes: postingsBytes,
    rss_delta_bytes: rss1 - rss0,
    vocabulary: index.inv.vocabularySize,
    restored_docs: restoredSize,
    serialize_ms: Math.round(serializeMs),
    deserialize_ms: Math.round(deserializeMs),
    update100_ms: Math.round(updateMs),
    queries: queries.length,
    query_rounds: rounds,
    query_ms_p50: Math.round(pct(times, 50) * 100) / 100,
    query_ms_p95: Math.round(pct(times, 95) * 100) / 100,
  };
  const line = (name: string, value: number, unit: string, budget: number | null, better: 'higher' | 'lower') =>
    console.log(JSON.stringify({ name, value, unit, budget, better }));
  line('similar_scale.index_ms', summary.index_ms, 'ms', 90000, 'lower');
  line('similar_scale.query_ms_p50', summary.query_ms_p50, 'ms', null, 'lower');
  line('similar_scale.query_ms_p95', summary.query_ms_p95, 'ms', 150, 'lower');
  line('similar_scale.index_bytes', summary.index_bytes, 'bytes', null, 'lower');
  line('similar_scale.postings_mem_bytes', summary.postings_mem_bytes, 'bytes', null, 'lower');
  line('similar_scale.deserialize_ms', summary.deserialize_ms, 'ms', null, 'lower');
  line('similar_scale.update100_ms', summary.update100_ms, 'ms', null, 'lower');
  console.log(JSON.stringify(summary));
}

main();
