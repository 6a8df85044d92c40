// 类案检索报告 (domain.md §10.3) as pure data; the UI renders it.
// 法发〔2020〕24号: art 4 (tiers ①–④, 3-year window except 指导性案例), art 8 (contents), art 9 (参照 /
// 参考), art 11 (conflicts: 法院层级, 裁判时间, 审委会讨论).

import type { CaseEntry } from './corpus-schema';
import type { Hit, SearchResult } from './search';
import { TIER_LABELS, WINDOW_YEARS, windowStart, type Tier } from './tiers';
import { contentBigrams } from './tokenize';

export type SearchMethod = '关键词检索' | '法条关联检索' | '案例关联检索';
export type Conclusion = '参照' | '参考' | '不适用';
export type Level = '高' | '中' | '低';

export interface PendingCase {
  caseNo?: string;
  court?: string;
  title?: string;
  facts: string;
  /** 待决案件争议焦点. */
  issues: string[];
  charges?: string[];
  cause?: string;
  statutes?: string[];
}

export interface ReportInput {
  pending: PendingCase;
  searcher: { name: string; role: '承办法官' | '法官助理' | string };
  /** 检索时间 (ISO date-time). */
  searchedAt: string;
  /** YYYY-MM-DD; the window ends here. */
  today: string;
  platforms?: string[];
  /** The actual queries run, with their method. */
  queries: Array<{ method: SearchMethod; query: string }>;
  result: SearchResult | Hit[];
  /** Stored entries of the hits (for 裁判要点, 审委会, 案号 …). */
  entries: Map<string, CaseEntry> | Record<string, CaseEntry>;
  windowYears?: number;
  /** The judge's decisions, overriding the suggested conclusion per 类案 id. */
  decisions?: Record<string, { conclusion: Conclusion; reason: string }>;
  /** 指导性案例 ids known to be superseded or in conflict with newer law (art 9 exception). */
  supersededGuiding?: Record<string, string>;
  /** Only hits at least this similar (score relative to the best hit) are listed; default 0. */
  minRelativeScore?: number;
}

export interface DimensionSimilarity {
  level: Level;
  score: number; // 0 … 1
  basis: string[];
}

export interface ReportCase {
  id: string;
  caseNo: string | null;
  court: string | null;
  tier: Tier;
  tierLabel: string;
  date: string | null;
  inWindow: boolean | null;
  discussedByCommittee: boolean | null;
  title: string | null;
  /** 裁判要点 / 裁判要旨 (falls back to the start of the facts, flagged). */
  keyPoints: string;
  keyPointsSource: '裁判要旨' | '裁判理由' | '基本案情摘录';
  similarity: {
    basicFacts: DimensionSimilarity;
    disputedIssues: DimensionSimilarity;
    lawApplication: DimensionSimilarity;
  };
  conclusion: Conclusion;
  reasons: string[];
  suggested: boolean; // true when the conclusion is the software's suggestion, not the judge's decision
}

export interface SimilarCaseReport {
  kind: '类案检索报告';
  pendingCase: { caseNo: string | null; court: string | null; title: string | null };
  /** 检索主体 */
  subject: { name: string; role: string };
  /** 检索时间 */
  time: string;
  /** 检索平台 */
  platforms: string[];
  /** 检索方法 with the actual query strings */
  methods: Array<{ method: SearchMethod; query: string }>;
  /** 检索结果 */
  results: {
    total: number;
    window: { years: number; from: string; to: string; note: string };
    perTier: Array<{ tier: Tier; label: string; count: number; inWindow: number; outOfWindow: number; unknownDate: number }>;
    higherTierFound: Tier | null;
    note: string;
  };
  cases: ReportCase[];
  /** 待决案件争议焦点 */
  pendingIssues: string[];
  /** 冲突处理 (art 11) */
  conflicts: {
    detected: boolean;
    groups: Array<{ shared: string[]; caseIds: string[]; preferred: string; why: string[] }>;
    rule: string;
  };
  summary: { 参照: number; 参考: number; 不适用: number };
}

function level(x: number, hi: number, mid: number): Level {
  return x >= hi ? '高' : x >= mid ? '中' : '低';
}

function coverage(needle: Set<string>, hay: Set<string>): number {
  if (!needle.size) return 0;
  let n = 0;
  for (const b of needle) if (hay.has(b)) n++;
  return n / needle.size;
}

const CONFLICT_RULE =
  '类案之间存在冲突的，综合考虑法院层级、裁判时间、是否经审判委员会讨论等因素，优先参照层级更高、时间更新、经审委会讨论的类案；仍有分歧的，通过法律适用分歧解决机制解决（法发〔2020〕24号第十一条）。';

export function buildSimilarCaseReport(input: ReportInput): SimilarCaseReport {
  const years = input.windowYears ?? WINDOW_YEARS;
  const hits = Array.isArray(input.result) ? input.result : input.result.hits;
  const entryOf = (id: string): CaseEntry | undefined =>
    input.entries instanceof Map ? input.entries.get(id) : (input.entries as Record<string, CaseEntry>)[id];
  const top = hits.reduce((m, h) => Math.max(m, h.bm25), 0) || 1;
  const topScore = hits.reduce((m, h) => Math.max(m, h.score), 0) || 1;
  const minRel = input.minRelativeScore ?? 0;
  const listed = hits.filter((h) => h.score / topScore >= minRel);
  const pendingCharges = input.pending.charges ?? [];
  const pendingStatutes = input.pending.statutes ?? [];
  const issueGrams = input.pending.issues.map((i) => contentBigrams(i));

  const cases: ReportCase[] = listed.map((h) => {
    const e = entryOf(h.id);
    const r = h.reasons;
    const factsScore = h.bm25 / top;
    const basicFacts: DimensionSimilarity = {
      score: round(factsScore),
      level: level(factsScore, 0.6, 0.3),
      basis: r.terms.length ? [`共同关键词：${r.terms.join('、')}`] : [],
    };
    const docGrams = contentBigrams([e?.gist, e?.reasoning, e?.facts, ...(e?.keywords ?? [])].filter(Boolean).join('\n'));
    const matched = input.pending.issues.filter((_, i) => coverage(issueGrams[i], docGrams) >= 0.4);
    const issueScore = input.pending.issues.length ? matched.length / input.pending.issues.length : 0;
    const disputedIssues: DimensionSimilarity = {
      score: round(issueScore),
      level: level(issueScore, 0.67, 0.34),
      basis: input.pending.issues.length ? matched.map((m) => `涉及争议焦点：${m}`) : ['待决案件未列明争议焦点'],
    };
    const lawParts = (pendingCharges.length ? r.charges.length / pendingCharges.length : 0) + (pendingStatutes.length ? r.statutes.length / pendingStatutes.length : 0);
    const lawDen = (pendingCharges.length ? 1 : 0) + (pendingStatutes.length ? 1 : 0);
    const lawScore = lawDen ? lawParts / lawDen : 0;
    const lawApplication: DimensionSimilarity = {
      score: round(lawScore),
      level: level(lawScore, 0.67, 0.34),
      basis: [
        ...(r.charges.length ? [`相同罪名/案由：${r.charges.join('、')}`] : []),
        ...(r.statutes.length ? [`相同法条：${r.statutes.join('、')}`] : []),
      ],
    };
    const reasons: string[] = [];
    let conclusion: Conclusion;
    const similar = lawApplication.level !== '低' && basicFacts.level !== '低';
    if (r.tier === 1) {
      const sup = input.supersededGuiding?.[h.id];
      if (sup) {
        conclusion = '不适用';
        reasons.push(`指导性案例与新的法律、司法解释相冲突或已被新的指导性案例取代：${sup}（第九条但书）`);
      } else if (similar || lawApplication.level === '高') {
        conclusion = '参照';
        reasons.push('属于最高人民法院指导性案例，与待决案件在法律适用上相似，应当参照（法发〔2020〕24号第九条）');
      } else {
        conclusion = '不适用';
        reasons.push('指导性案例与待决案件的基本事实或法律适用不相类似');
      }
    } else if (similar) {
      conclusion = '参考';
      reasons.push('非指导性案例，基本事实与法律适用相似，可以作为参考（第九条）');
      if (r.inWindow === false) reasons.push(`裁判日期早于近${years}年检索期间，参考价值需结合此后法律、司法解释变化评估`);
      if (r.inWindow === null) reasons.push('裁判日期不明，无法确认是否在检索期间内');
    } else {
      conclusion = '不适用';
      if (lawApplication.level === '低') reasons.push('罪名/案由或适用法条不同');
      if (basicFacts.level === '低') reasons.push('基本事实相似度低');
    }
    let suggested = true;
    const d = input.decisions?.[h.id];
    if (d) {
      conclusion = d.conclusion;
      reasons.unshift(`承办法官意见：${d.reason}`);
      suggested = false;
    }
    const keyPointsSource: ReportCase['keyPointsSource'] = e?.gist ? '裁判要旨' : e?.reasoning ? '裁判理由' : '基本案情摘录';
    const keyPoints = e?.gist ?? e?.reasoning ?? (e?.facts ?? '').slice(0, 200);
    return {
      id: h.id,
      caseNo: e?.caseNo ?? h.caseNo ?? null,
      court: e?.court ?? h.court ?? null,
      tier: r.tier,
      tierLabel: TIER_LABELS[r.tier],
      date: r.date ?? null,
      inWindow: r.inWindow,
      discussedByCommittee: e?.discussedByCommittee ?? null,
      title: e?.title ?? h.title ?? null,
      keyPoints,
      keyPointsSource,
      similarity: { basicFacts, disputedIssues, lawApplication },
      conclusion,
      reasons,
      suggested,
    };
  });
  cases.sort((a, b) => a.tier - b.tier || (a.inWindow === b.inWindow ? 0 : a.inWindow ? -1 : 1));

  const perTier = ([1, 2, 3, 4] as Tier[]).map((tier) => {
    const mine = cases.filter((c) => c.tier === tier);
    return {
      tier,
      label: TIER_LABELS[tier],
      count: mine.length,
      inWindow: mine.filter((c) => c.inWindow === true).length,
      outOfWindow: mine.filter((c) => c.inWindow === false).length,
      unknownDate: mine.filter((c) => c.inWindow === null).length,
    };
  });
  const applicable = cases.filter((c) => c.conclusion !== '不适用');
  const higherTierFound = applicable.length ? (Math.min(...applicable.map((c) => c.tier)) as Tier) : null;

  // conflicts: applicable 类案 sharing a charge / statute, from different tiers or years → priority order
  const groups: SimilarCaseReport['conflicts']['groups'] = [];
  const keyOf = (c: ReportCase) => c.similarity.lawApplication.basis.join('；');
  const byKey = new Map<string, ReportCase[]>();
  for (const c of applicable) {
    const k = keyOf(c);
    if (!k) continue;
    if (!byKey.has(k)) byKey.set(k, []);
    byKey.get(k)!.push(c);
  }
  for (const [k, list] of byKey) {
    if (list.length < 2) continue;
    const distinct = new Set(list.map((c) => `${c.tier}|${c.date?.slice(0, 4) ?? ''}`));
    if (distinct.size < 2) continue;
    const ordered = [...list].sort(
      (a, b) => a.tier - b.tier || (b.date ?? '').localeCompare(a.date ?? '') || Number(!!b.discussedByCommittee) - Number(!!a.discussedByCommittee),
    );
    const p = ordered[0];
    const why = [`层级：${p.tierLabel}`];
    if (p.date) why.push(`裁判时间：${p.date}`);
    if (p.discussedByCommittee) why.push('经审判委员会讨论');
    groups.push({ shared: k.split('；'), caseIds: ordered.map((c) => c.id), preferred: p.id, why });
  }

  const from = windowStart(input.today, years);
  return {
    kind: '类案检索报告',
    pendingCase: { caseNo: input.pending.caseNo ?? null, court: input.pending.court ?? null, title: input.pending.title ?? null },
    subject: { name: input.searcher.name, role: input.searcher.role },
    time: input.searchedAt,
    platforms: input.platforms?.length ? input.platforms : ['人民法院案例库'],
    methods: input.queries.map((q) => ({ method: q.method, query: q.query })),
    results: {
      total: cases.length,
      window: {
        years,
        from,
        to: input.today,
        note: `除指导性案例外，优先检索近${years}年（${from} 至 ${input.today}）的案例（法发〔2020〕24号第四条）`,
      },
      perTier,
      higherTierFound,
      note:
        higherTierFound && higherTierFound < 4
          ? `已在第${'①②③④'[higherTierFound - 1]}层级检索到类案，可以不再进行下一层级检索（第四条）`
          : '按 ①指导性案例 → ②最高法典型案例及生效裁判 → ③本省高院参考性案例及生效裁判 → ④上一级法院及本院生效裁判 顺序检索',
    },
    cases,
    pendingIssues: [...input.pending.issues],
    conflicts: { detected: groups.length > 0, groups, rule: CONFLICT_RULE },
    summary: {
      参照: cases.filter((c) => c.conclusion === '参照').length,
      参考: cases.filter((c) => c.conclusion === '参考').length,
      不适用: cases.filter((c) => c.conclusion === '不适用').length,
    },
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
