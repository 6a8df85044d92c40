// 类案检索 in the background: the index is loaded here only (never in a content script). Handlers for the 类案 panel:
// context (default query, mandatory-search reasons, party citations, marks; imports the demo corpus on first use),
// search, marks, and the 类案检索报告 (saved with the case in the search DB `zhixiao-search`).
import { chinaToday } from '../domain/dates';
import { identifyFourCategory } from '../domain/supervision';
import type { Handlers } from '../messaging';
import { caseKeyOf, getCase, listSignoffs, type ZhixiaoDB } from '../store';
import { detectCitations } from '../search/citations';
import type { CaseEntry } from '../search/corpus-schema';
import { getEntries, importCorpus, loadIndex, searchDb, type SearchDb } from '../search/persist';
import { buildSimilarCaseReport, type Conclusion, type SearchMethod } from '../search/report';
import { search, type Hit } from '../search/search';
import { buildSimilarQuery, needsMoreFacts } from '../search/similar-query';
import {
  SimilarCaseStateSchema, type SimilarCaseState, type SimilarHit, type SimilarQueryInput,
} from '../search/similar-messages';
import { WINDOW_YEARS, windowStart } from '../search/tiers';

import { reportDocx, reportFileName, reportHtml } from '../export/similar-report';
import { DOCX_MIME } from '../export/docx';
import type { SimilarReport } from '../search/similar-messages';

/** Profiles whose host ships a demo corpus at `/api/corpus.jsonl` (the demo court system's two skins). */
export const DEMO_CORPUS_PROFILES = ['demo-classic', 'demo-modern'];
export const DEMO_CORPUS_PATH = '/api/corpus.jsonl';

const MAX_SEARCH_LOG = 20;

export interface SimilarDeps {
  db: ZhixiaoDB;
  sdb?: SearchDb;
  today?: () => string;
  now?: () => Date;
  fetch?: typeof fetch;
}

const emptyState = (caseKey: string): SimilarCaseState => ({ caseKey, updatedAt: 0, marks: {}, searches: [], lastHits: [], report: null });

export async function loadState(sdb: SearchDb, caseNo: string): Promise<SimilarCaseState> {
  const key = caseKeyOf(caseNo);
  const row = await sdb.caseState.get(key);
  if (!row) return emptyState(key);
  const r = SimilarCaseStateSchema.safeParse(row);
  return r.success ? r.data : emptyState(key); // a damaged row is not trusted (and not deleted: it is overwritten on the next save)
}

async function saveState(sdb: SearchDb, state: SimilarCaseState, now: Date): Promise<void> {
  await sdb.caseState.put({ ...SimilarCaseStateSchema.parse({ ...state, updatedAt: now.getTime() }) });
}

/** Loopback demo origins only: the corpus endpoint of the demo court system. */
export function demoCorpusUrl(origin: string | undefined, profileId: string | undefined): string | null {
  if (!origin || !profileId || !DEMO_CORPUS_PROFILES.includes(profileId)) return null;
  try {
    const u = new URL(origin);
    if (u.protocol !== 'http:' || !['127.0.0.1', 'localhost'].includes(u.hostname)) return null;
    return `${u.origin}${DEMO_CORPUS_PATH}`;
  } catch {
    return null;
  }
}

/** Art 2 triggers the software can see: 四类案件, referral to 专业法官会议 / 审委会, a 院庭长 request. */
export async function mandatoryReasons(db: ZhixiaoDB, caseNo: string, today: string): Promise<Array<{ reason: string; basis: string }>> {
  const stored = await getCase(db, caseNo);
  const out: Array<{ reason: string; basis: string }> = [];
  if (stored) {
    const hits = identifyFourCategory(stored, today);
    const cats = [...new Set(hits.map((h) => h.categoryName))];
    if (hits.length) {
      out.push({
        reason: `本案可能属于“四类案件”（${cats.join('；')}：${hits.map((h) => h.reason).join('；')}），提交专业法官会议或审委会讨论前应当进行类案检索`,
        basis: '法发〔2020〕24号第二条；四类案件监督管理',
      });
    }
    const texts = [...(stored.signals ?? []), ...(stored.documents ?? []).map((d) => d.title), ...(stored.writs ?? []).map((w) => w.title)];
    const referral = texts.find((t) => /专业(?:（主审）)?法官会议|审判委员会|审委会/.test(t));
    if (referral) out.push({ reason: `案件材料显示拟提交或已提交讨论（“${referral}”）`, basis: '法发〔2020〕24号第二条第（一）项' });
  }
  const signoffs = await listSignoffs(db, caseNo).catch(() => []);
  for (const s of signoffs) {
    if (s.recommendedRoute === '专业法官会议' || s.recommendedRoute === '审委会') {
      out.push({ reason: `${s.reviewerRole}${s.reviewer}阅核建议提交${s.recommendedRoute}讨论`, basis: '法发〔2020〕24号第二条第（一）项' });
    }
    if (/类案/.test(s.opinion ?? '')) {
      out.push({ reason: `${s.reviewerRole}${s.reviewer}在阅核意见中要求类案检索（“${(s.opinion ?? '').slice(0, 60)}”）`, basis: '法发〔2020〕24号第二条第（三）项' });
    }
  }
  return out;
}

function hitView(h: Hit, e: CaseEntry | undefined): SimilarHit {
  const gistSource = e?.gist ? '裁判要旨' : e?.reasoning ? '裁判理由' : '基本案情摘录';
  const gist = (e?.gist ?? e?.reasoning ?? e?.facts ?? '').slice(0, 300);
  return {
    id: h.id,
    caseNo: e?.caseNo ?? h.caseNo ?? null,
    court: e?.court ?? h.court ?? null,
    date: h.reasons.date ?? null,
    tier: h.reasons.tier,
    tierLabel: h.reasons.tierLabel,
    inWindow: h.reasons.inWindow,
    title: e?.title ?? h.title ?? null,
    gist,
    gistSource,
    discussedByCommittee: e?.discussedByCommittee ?? null,
    score: Math.round(h.score * 1000) / 1000,
    reasons: { charges: h.reasons.charges, statutes: h.reasons.statutes, terms: h.reasons.terms },
  };
}

function methodsOf(q: SimilarQueryInput): Array<{ method: SearchMethod; query: string }> {
  const out: Array<{ method: SearchMethod; query: string }> = [];
  const kw = [q.cause, ...q.charges, q.text].filter(Boolean).join(' ');
  if (kw) out.push({ method: '关键词检索', query: kw });
  if (q.statutes.length) out.push({ method: '法条关联检索', query: q.statutes.join('；') });
  return out;
}

const MARK_TO_CONCLUSION: Record<string, Conclusion> = { 参照: '参照', 参考: '参考', 不相关: '不适用' };

function toBase64(data: Uint8Array | string): string {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function createSimilarHandlers(deps: SimilarDeps): Pick<Handlers, 'similarContext' | 'searchSimilar' | 'markSimilar' | 'saveSimilarReport' | 'exportSimilarReport'> {
  const sdb = () => deps.sdb ?? searchDb();
  const today = () => deps.today?.() ?? chinaToday(new Date());
  const now = () => deps.now?.() ?? new Date();
  const importing = new Map<string, Promise<number>>();

  async function ensureDemoCorpus(url: string | null): Promise<{ imported: number | null; error: string | null }> {
    if (!url) return { imported: null, error: null };
    if ((await sdb().docs.count()) > 0) return { imported: null, error: null };
    let p = importing.get(url);
    if (!p) {
      p = (async () => {
        const res = await (deps.fetch ?? fetch)(url, { credentials: 'omit' });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const report = await importCorpus(await res.text(), 'caselib', sdb());
        return report.added + report.updated;
      })();
      importing.set(url, p);
      p.finally(() => importing.delete(url)).catch(() => {});
    }
    try {
      return { imported: await p, error: null };
    } catch (err) {
      return { imported: null, error: `演示案例库导入失败：${(err as Error).message}` };
    }
  }

  return {
    similarContext: async (msg) => {
      const day = today();
      const corpus = await ensureDemoCorpus(demoCorpusUrl(msg.origin, msg.profileId));
      const stored = await getCase(deps.db, msg.caseNo);
      const texts = [msg.pageText ?? ''];
      if (stored) texts.push(...(stored.documents ?? []).map((d) => d.title), ...(stored.writs ?? []).map((w) => w.title));
      const citations = detectCitations(texts).map(({ kind, match, source, basis, message }) => ({ kind, match, source, basis, message }));
      const state = await loadState(sdb(), msg.caseNo);
      const last = state.searches.find((s) => s.status === 'ok') ?? state.searches[0];
      const q = buildSimilarQuery(stored ?? { cause: undefined });
      return {
        defaultQuery: { text: q.text, charges: q.charges, statutes: q.statutes, ...(q.cause ? { cause: q.cause } : {}) },
        mandatory: await mandatoryReasons(deps.db, msg.caseNo, day),
        citations,
        marks: state.marks,
        lastQuery: last?.query ?? null,
        lastHits: state.lastHits,
        report: state.report,
        corpus: { docs: await sdb().docs.count(), ...corpus },
        today: day,
      };
    },

    searchSimilar: async (msg) => {
      const day = today();
      const window = { years: WINDOW_YEARS, from: windowStart(day), to: day };
      const state = await loadState(sdb(), msg.caseNo);
      const at = now().toISOString();
      const thin = needsMoreFacts(msg.query.text);
      const { index } = await loadIndex(sdb());
      let hitsOut: SimilarHit[] = [];
      let message: string | null = thin;
      if (!thin) {
        const res = search(index, { text: msg.query.text, cause: msg.query.cause, charges: msg.query.charges, statutes: msg.query.statutes }, { today: day, limit: msg.limit ?? 30 });
        if (res.status === 'needsMoreFacts') message = res.message;
        else {
          const entries = await getEntries(res.hits.map((h) => h.id), sdb());
          hitsOut = res.hits.map((h) => hitView(h, entries.get(h.id)));
        }
      }
      const status = message ? ('needsMoreFacts' as const) : ('ok' as const);
      state.searches = [{ at, query: msg.query, status, ...(message ? { message } : {}), hitIds: hitsOut.map((h) => h.id) }, ...state.searches].slice(0, MAX_SEARCH_LOG);
      if (status === 'ok') state.lastHits = hitsOut;
      await saveState(sdb(), state, now());
      return { status, message, hits: hitsOut, corpusSize: index.size, window };
    },

    markSimilar: async (msg) => {
      const state = await loadState(sdb(), msg.caseNo);
      if (msg.mark === null) delete state.marks[msg.docId];
      else state.marks[msg.docId] = { mark: msg.mark, at: now().toISOString(), ...(msg.reason ? { reason: msg.reason } : {}) };
      await saveState(sdb(), state, now());
      return { marks: state.marks };
    },

    exportSimilarReport: async (msg) => {
      const r = msg.report as SimilarReport;
      return msg.format === 'docx'
        ? { name: reportFileName(r, 'docx'), mime: DOCX_MIME, base64: toBase64(reportDocx(r)) }
        : { name: reportFileName(r, 'html'), mime: 'text/html;charset=utf-8', base64: toBase64(reportHtml(r)) };
    },

    saveSimilarReport: async (msg) => {
      const day = today();
      const state = await loadState(sdb(), msg.caseNo);
      const last = state.searches.find((s) => s.status === 'ok');
      if (!last) throw new Error('尚未进行有效的类案检索，无法生成报告');
      const hits = state.lastHits;
      const entries = await getEntries(hits.map((h) => h.id), sdb());
      const stored = await getCase(deps.db, msg.caseNo);
      const decisions: Record<string, { conclusion: Conclusion; reason: string }> = {};
      for (const [id, m] of Object.entries(state.marks)) {
        if (hits.some((h) => h.id === id)) decisions[id] = { conclusion: MARK_TO_CONCLUSION[m.mark], reason: m.reason || `标记为“${m.mark}”` };
      }
      const coreHits: Hit[] = hits.map((h) => ({
        id: h.id, score: h.score, bm25: h.score, ...(h.caseNo ? { caseNo: h.caseNo } : {}), ...(h.court ? { court: h.court } : {}),
        reasons: { ...h.reasons, tier: h.tier, tierLabel: h.tierLabel, inWindow: h.inWindow, ...(h.date ? { date: h.date } : {}) },
      }));
      const queries = state.searches.filter((s) => s.status === 'ok').reverse().flatMap((s) => methodsOf(s.query));
      const uniqueQueries = queries.filter((q, i) => queries.findIndex((o) => o.method === q.method && o.query === q.query) === i);
      const report = buildSimilarCaseReport({
        pending: {
          caseNo: stored?.caseNo ?? msg.caseNo,
          court: undefined,
          title: stored?.cause,
          facts: last.query.text,
          issues: msg.issues,
          charges: last.query.charges,
          ...(last.query.cause ? { cause: last.query.cause } : {}),
          statutes: last.query.statutes,
        },
        searcher: msg.searcher,
        searchedAt: last.at,
        today: day,
        platforms: msg.platforms,
        queries: uniqueQueries,
        result: coreHits,
        entries,
        decisions,
      });
      // Only what the judge looked at goes into the report: the marked results (all hits when nothing is marked).
      const marked = new Set(Object.keys(decisions));
      const cases = marked.size ? report.cases.filter((c) => marked.has(c.id)) : report.cases;
      const mandatory = (await mandatoryReasons(deps.db, msg.caseNo, day)).map((m) => `${m.reason}（${m.basis}）`);
      const full = {
        ...report,
        cases,
        summary: {
          参照: cases.filter((c) => c.conclusion === '参照').length,
          参考: cases.filter((c) => c.conclusion === '参考').length,
          不适用: cases.filter((c) => c.conclusion === '不适用').length,
        },
        conflicts: { ...report.conflicts, ...(msg.conflictNote ? { note: msg.conflictNote } : {}) },
        mandatoryReasons: mandatory,
      };
      state.report = full;
      await saveState(sdb(), state, now());
      return { report: state.report! };
    },
  };
}
