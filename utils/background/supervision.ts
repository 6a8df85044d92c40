// 四类案件 supervision and 阅核 sign-off in the background (domain.md §8–§9): automatic hits recorded as marks,
// manual marks with reasons, the judge's prompt, the 阅核 requirement, sign-offs checked against the identity the
// host page showed, write-back through the outbox, and the hash-chained 监管日志 with its export.
// Extension origin only (uses the database). The rules themselves live in utils/domain and utils/rules.
import type { z } from 'zod';
import { pullHostSignoffs, type GetJson } from './host-signoffs';
import { appendRecord, exportSupervisionLog, verifyChain, type AuditRecord } from '../domain/audit';
import type { CaseSnapshot } from '../domain/case';
import { diffDays } from '../domain/dates';
import {
  canSignOff, reviewRequirement, SignoffSchema, type DocumentKind, type ReviewRequirement,
} from '../domain/review';
import {
  applyMarks, identifyFourCategory, validateMarkEntry, type MarkHistoryEntry,
} from '../domain/supervision';
import { DEFAULT_REVIEW_RULES, ReviewRulesSchema, type ReviewRules } from '../rules/review';
import {
  DEFAULT_SUPERVISION_RULES, FOUR_CATEGORY_NAMES, SupervisionRulesSchema, type FourCategory, type SupervisionRules,
} from '../rules/supervision';
import type { HostProfile } from '../host/profile';
import type { Handlers, Sender } from '../messaging';
import type { SignoffSummary, SupervisionReply, SyncStatus } from '../messaging/supervision-messages';
import {
  addMark, addSignoff, appendAudit, enqueueOutbox, caseKeyOf, formatZodError, getCase, getSetting, listAudit, findCases, listMarks,
  listSignoffs, setSetting, type AuditRow, type MarkInput, type MarkRow, type SignoffInput, type SignoffRow, type StoredCase,
  type ZhixiaoDB,
} from '../store';
import { checkClaimedIdentity, divisionsOf, reviewerRoleOf, type PageUser, type TabIdentities, type TabIdentity } from './identity';
import { allProfiles, profilesFor } from './profiles';
import { buildWriteBack, endpointUrl } from './writeback';

/** Settings keys (options page / backup): a full 阅核 scope table and a full 四类 trigger table, zod-validated. */
export const REVIEW_RULES_KEY = 'reviewRules';
export const SUPERVISION_RULES_KEY = 'supervisionRules';
/** The last logged-in host user a page showed (popup ledgers). */
export const LAST_HOST_USER_KEY = 'lastHostUser';

export interface Loaded<T> {
  rules: T;
  source: 'default' | 'custom';
  /** a stored override that does not validate: kept, not used, reported */
  error?: string;
}

/** A stored rules override, validated on every read; one that fails is kept, not used, and reported. */
async function loadRules<T>(db: ZhixiaoDB, key: string, schema: z.ZodType<T>, defaults: T, what: string): Promise<Loaded<T>> {
  const raw = await getSetting<unknown>(db, key);
  if (raw === undefined || raw === null) return { rules: defaults, source: 'default' };
  const p = schema.safeParse(raw);
  return p.success
    ? { rules: p.data, source: 'custom' }
    : { rules: defaults, source: 'default', error: `已保存的${what}无效，暂用内置规则：${formatZodError(p.error)}` };
}

export const loadReviewRules = (db: ZhixiaoDB): Promise<Loaded<ReviewRules>> =>
  loadRules(db, REVIEW_RULES_KEY, ReviewRulesSchema, DEFAULT_REVIEW_RULES, '阅核范围设置');

export const loadSupervisionRules = (db: ZhixiaoDB): Promise<Loaded<SupervisionRules>> =>
  loadRules(db, SUPERVISION_RULES_KEY, SupervisionRulesSchema, DEFAULT_SUPERVISION_RULES, '四类识别规则');

/** Validates and stores a 阅核 scope override (throws with the zod issues when invalid). */
export async function saveReviewRules(db: ZhixiaoDB, rules: unknown): Promise<void> {
  await setSetting(db, REVIEW_RULES_KEY, ReviewRulesSchema.parse(rules));
}

// ── time ────────────────────────────────────────────────────────────────────────────────────────

/** `YYYY-MM-DDTHH:mm:ss+08:00` (China time) for an epoch-ms instant. */
export function chinaDateTime(ms: number): string {
  const d = new Date(ms + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}T${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}+08:00`;
}

// ── the draft under review ──────────────────────────────────────────────────────────────────────

const JUDGMENT = /(判决书|裁定书|调解书)/;

/** The draft 裁判文书 of a case: the 文书 tab's draft (writs), else a draft among older stored documents, else the 待阅核 row. */
export function draftOf(c: CaseSnapshot): { ref: string; title: string; status?: string; kind: DocumentKind } | null {
  const kindOf = (t: string): DocumentKind => (/判决书/.test(t) ? '判决' : /裁定书/.test(t) ? '裁定' : /调解书/.test(t) ? '调解' : '其他');
  const pools = [c.writs ?? [], (c.documents ?? []).filter((d) => d.status && !d.volume)];
  for (const pool of pools) {
    const drafts = pool.filter((d) => d.status === 'draft' && JUDGMENT.test(d.title));
    const d = drafts[drafts.length - 1];
    if (d) return { ref: d.ref ?? `${d.title}${d.date ? `@${d.date}` : ''}`, title: d.title, status: d.status, kind: kindOf(d.title) };
  }
  if (c.review?.documentRef || c.review?.documentTitle) {
    const title = c.review.documentTitle ?? '待阅核文书';
    return { ref: c.review.documentRef ?? title, title, status: 'draft', kind: kindOf(title) };
  }
  return null;
}

// ── audit ───────────────────────────────────────────────────────────────────────────────────────

export const actorText = (name: string, role?: string) => (role ? `${name}（${role}）` : name);

const toRecord = (r: AuditRow): AuditRecord => ({
  seq: r.seq!, type: r.type, caseKey: r.caseKey ?? '', payload: r.payload, actor: r.actor, at: r.at, prevHash: r.prevHash, hash: r.hash,
});

/** Appends one hash-chained record (utils/domain/audit.ts appendRecord) to the store's append-only log. */
export async function recordAudit(db: ZhixiaoDB, input: { type: string; caseKey: string; payload: unknown; actor: string; at: string }): Promise<AuditRow> {
  return appendAudit(db, (prev) => {
    const rec = appendRecord(prev ? toRecord(prev) : null, input);
    return { caseKey: rec.caseKey, type: rec.type, payload: rec.payload, at: rec.at, actor: input.actor, prevHash: rec.prevHash, hash: rec.hash };
  });
}

/** Verifies the whole chain (records of every case share one chain). Reports; never repairs. */
export async function verifyAudit(db: ZhixiaoDB): Promise<{ ok: boolean; count: number; problems: string[]; records: AuditRecord[] }> {
  const rows = await listAudit(db);
  const records = rows.map(toRecord);
  const v = verifyChain(records);
  return v.ok ? { ok: true, count: v.count, problems: [], records } : { ok: false, count: records.length, problems: v.problems.map((p) => p.message), records };
}

// ── 四类 state ──────────────────────────────────────────────────────────────────────────────────

const AUTO_PREFIX = 'auto:';
const ruleIdOf = (m: MarkRow) => (m.action === 'auto-hit' && m.clientId.startsWith(AUTO_PREFIX) ? m.clientId.split(':').slice(2).join(':') : undefined);

export function historyOf(rows: MarkRow[]): MarkHistoryEntry[] {
  return rows.map((m) => ({
    action: m.action, category: m.category, subSituation: m.subSituation ?? '', reason: m.reason, by: m.by, role: m.role, at: m.at,
    ...(ruleIdOf(m) ? { ruleId: ruleIdOf(m) } : {}),
  }));
}

/** The host itself lists the case as 四类 (its 待阅核 row says so): the host's own marking. */
export function hostFlagged(c: CaseSnapshot): boolean {
  return (c.review?.triggers ?? []).some((t) => /四类/.test(t));
}

/**
 * Runs the automatic triggers and records each new hit once (a mark row `auto-hit` + an audit record). The
 * clientId `auto:<caseKey>:<ruleId>` makes the recording idempotent across scans and service-worker restarts.
 */
export async function recordAutoHits(db: ZhixiaoDB, c: StoredCase, today: string, now: number, rules: SupervisionRules): Promise<number> {
  const hits = identifyFourCategory(c, today, rules);
  if (hits.length === 0) return 0;
  const known = new Set((await listMarks(db, c.caseKey)).map((m) => m.clientId));
  let added = 0;
  for (const h of hits) {
    const clientId = `${AUTO_PREFIX}${c.caseKey}:${h.ruleId}`;
    if (known.has(clientId)) continue;
    const at = chinaDateTime(now);
    // Checked again, marked and logged in one transaction: two requests for the same case at once (two tabs) log a hit once.
    const created = await db.transaction('rw', [db.marks, db.audit], async () => {
      if (await db.marks.where('clientId').equals(clientId).first()) return false;
      await addMark(db, { clientId, caseNo: c.caseNo, category: h.category, subSituation: h.subSituation, reason: h.reason, by: '系统', role: '系统', at, action: 'auto-hit' });
      await recordAudit(db, {
        type: 'auto-hit', caseKey: c.caseKey, at, actor: '系统',
        payload: { ruleId: h.ruleId, category: h.category, subSituation: h.subSituation, reason: h.reason, basis: h.basis },
      });
      return true;
    });
    if (created) added++;
  }
  return added;
}

const MEASURES = ['需向院庭长报告进展', '须经阅核', '须进行类案检索'];

function promptOf(state: ReturnType<typeof applyMarks>, host: boolean, basisByRule: Map<string, string>): SupervisionReply['prompt'] {
  if (state.marked || host) {
    const cats = [...new Set(state.marks.map((m) => m.category))].sort();
    const names = cats.length ? cats.map((c) => `第${c}类：${FOUR_CATEGORY_NAMES[c]}`).join('；') : '办案系统已列为四类案件';
    const reasons = state.marks.map((m) => `${m.subSituation}——${m.reason}（${actorText(m.by, m.role)}于 ${m.at.slice(0, 10)} 标记）`);
    if (host && !state.marked) reasons.push('办案系统的待阅核事由列明「四类案件」');
    return {
      id: `marked:${cats.join(',') || 'host'}`,
      kind: 'marked',
      text: `本案属四类案件（${names}）：${MEASURES.join(' / ')}`,
      measures: MEASURES,
      reasons,
      basis: ['法发〔2021〕30号（四类案件监督管理）', '《最高人民法院关于完善案件阅核工作机制 全面准确落实司法责任制的指导意见》（2024）：四类案件应当报院庭长阅核'],
      acknowledged: false,
    };
  }
  if (state.suggestions.length) {
    const cats = [...new Set(state.suggestions.map((s) => s.category))].sort();
    const names = cats.map((c) => `第${c}类：${FOUR_CATEGORY_NAMES[c]}`).join('；');
    return {
      id: `suggested:${cats.join(',')}`,
      kind: 'suggested',
      text: `系统识别本案可能属四类案件（${names}），待确认；确认后：${MEASURES.join(' / ')}`,
      measures: MEASURES,
      reasons: state.suggestions.map((s) => `${s.subSituation}——${s.reason}`),
      basis: [...new Set(state.suggestions.map((s) => (s.ruleId && basisByRule.get(s.ruleId)) || '法发〔2021〕30号'))],
      acknowledged: false,
    };
  }
  return null;
}

// ── write-back endpoint ─────────────────────────────────────────────────────────────────────────

async function signoffProfileOf(db: ZhixiaoDB, c: StoredCase): Promise<HostProfile | undefined> {
  const all = await allProfiles(db);
  const byId = c.sources.map((s) => all.find((p) => p.id === s.split('/')[0])).find((p) => p?.writeBack?.signoff);
  if (byId) return byId;
  return c.url ? (await profilesFor(db, c.url)).find((p) => p.writeBack?.signoff) : undefined;
}

async function signoffEndpoint(db: ZhixiaoDB, c: StoredCase): Promise<{ url: string; profile: HostProfile } | null> {
  const profile = await signoffProfileOf(db, c);
  const ep = profile?.writeBack?.signoff;
  if (!profile || !ep) return null;
  const url = endpointUrl(profile, ep, c);
  return url ? { url, profile } : null;
}

// ── sign-off summaries ──────────────────────────────────────────────────────────────────────────

async function summaries(db: ZhixiaoDB, rows: SignoffRow[]): Promise<SignoffSummary[]> {
  const queued = new Set((await db.outbox.where('kind').equals('signoff').toArray()).map((o) => o.refId));
  return rows.map((s) => {
    const sync: SyncStatus = s.syncState === 'synced' ? 'synced' : queued.has(s.clientId) ? 'queued' : s.syncState === 'failed' ? 'failed' : 'local';
    return {
      clientId: s.clientId, documentRef: s.documentRef, decision: s.decision, ...(s.opinion ? { opinion: s.opinion } : {}),
      recommendedRoute: s.recommendedRoute, reviewer: s.reviewer, reviewerRole: s.reviewerRole, reviewedAt: s.reviewedAt,
      triggers: s.triggers, sync, ...(s.lastError ? { lastError: s.lastError } : {}),
    };
  });
}

// ── the case state ──────────────────────────────────────────────────────────────────────────────

export interface SupervisionDeps {
  db: ZhixiaoDB;
  today: () => string;
  now?: () => number;
  identities: TabIdentities;
  /** called after a write-back was queued (runs the outbox processor) */
  onQueued?: () => void;
  /** reads the host's JSON (sign-off read-back); default: fetch with the browser's cookies */
  getJson?: GetJson;
}

function requirementFor(c: StoredCase, marked: boolean, rules: ReviewRules): ReviewRequirement {
  const d = draftOf(c);
  return reviewRequirement({ snapshot: c, marked四类: marked, ...(d ? { documentKind: d.kind } : {}) }, rules);
}

function viewerCheck(viewer: PageUser | null, c: StoredCase, req: ReviewRequirement, rules: ReviewRules): SupervisionReply['canSign'] {
  if (!viewer) return { ok: false, reason: '未能从办案系统页面确认当前登录用户' };
  if (!viewer.role) return { ok: false, reason: `办案系统页面未显示${viewer.name}的职务，无法确认阅核权限` };
  const role = reviewerRoleOf(viewer.role);
  const check = canSignOff(role ?? viewer.role, divisionsOf(viewer), c.division, req, rules);
  return check.ok ? { ok: true, role: role! } : { ok: false, reason: check.reason };
}

export async function supervisionFor(deps: SupervisionDeps, caseNo: string, tab: TabIdentity | null, pageUrl?: string): Promise<SupervisionReply> {
  const { db } = deps;
  const now = (deps.now ?? Date.now)();
  const caseKey = caseKeyOf(caseNo);
  const [rr, sr] = await Promise.all([loadReviewRules(db), loadSupervisionRules(db)]);
  const categories = ([1, 2, 3, 4] as FourCategory[]).map((category) => ({
    category,
    name: FOUR_CATEGORY_NAMES[category],
    subSituations: [...new Set(sr.rules.rules.filter((r) => r.category === category).map((r) => r.subSituation))],
  }));
  const viewer = tab?.user ?? null;
  const viewerOut = viewer ? { name: viewer.name, ...(viewer.role ? { role: viewer.role } : {}), reviewerRole: reviewerRoleOf(viewer.role) } : null;
  const chain = await verifyAudit(db);
  const chainOut = { ok: chain.ok, count: chain.count, problems: chain.problems };
  const stored = await getCase(db, caseKey);
  if (!stored) {
    return {
      caseNo, caseKey, known: false, viewer: viewerOut,
      fourCategory: { marked: false, hostFlagged: false, marks: [], suggestions: [], history: [] },
      prompt: null,
      review: { required: false, reviewers: [], triggers: [], reasons: ['本机尚无该案件数据'], basis: [], ...(rr.error ? { rulesError: rr.error } : {}) },
      draft: null, signoffs: [], canSign: { ok: false, reason: '本机尚无该案件数据' }, pendingMine: false, writeBack: false, categories, chain: chainOut,
    };
  }
  await recordAutoHits(db, stored, deps.today(), now, sr.rules);
  const markRows = await listMarks(db, caseKey);
  const history = historyOf(markRows);
  const state = applyMarks(history);
  const host = hostFlagged(stored);
  const basisByRule = new Map(sr.rules.rules.map((r) => [r.id, r.basis]));
  const prompt = promptOf(state, host, basisByRule);
  const req = requirementFor(stored, state.marked || host, rr.rules);
  const draft = draftOf(stored);
  // Sign-offs made in other browsers live in the host system: pull them in first (deps.getJson in tests).
  await pullHostSignoffs(db, stored, deps.getJson, pageUrl ?? tab?.url).catch(() => null);
  const signRows = await listSignoffs(db, caseKey);
  const signoffs = await summaries(db, signRows);
  const canSign = viewerCheck(viewer, stored, req, rr.rules);
  const pendingMine = !!(canSign.ok && draft && viewer && !signRows.some((s) => s.documentRef === draft.ref && s.reviewer === viewer.name));

  if (prompt && viewer) {
    const audit = await listAudit(db, caseKey);
    const actor = actorText(viewer.name, viewer.role);
    const mine = audit.filter((a) => a.actor === actor && (a.payload as { promptId?: string } | null)?.promptId === prompt.id);
    prompt.acknowledged = mine.some((a) => a.type === 'prompt-ack');
    // 全程留痕: the first time a prompt is shown to a person is recorded.
    if (!mine.some((a) => a.type === 'prompt-shown')) {
      await recordAudit(db, { type: 'prompt-shown', caseKey, actor, at: chinaDateTime(now), payload: { promptId: prompt.id, text: prompt.text } });
    }
  }

  return {
    caseNo: stored.caseNo, caseKey, known: true, viewer: viewerOut,
    fourCategory: {
      marked: state.marked || host,
      hostFlagged: host,
      marks: state.marks.map((m) => ({ category: m.category, categoryName: m.categoryName, subSituation: m.subSituation, reason: m.reason, by: m.by, role: m.role, at: m.at })),
      suggestions: state.suggestions.map((s) => ({
        category: s.category, categoryName: s.categoryName, subSituation: s.subSituation, reason: s.reason,
        ...(s.ruleId ? { ruleId: s.ruleId, basis: basisByRule.get(s.ruleId) } : {}),
      })),
      history: markRows.map((m) => ({ action: m.action, category: m.category, subSituation: m.subSituation ?? '', reason: m.reason, by: m.by, role: m.role, at: m.at })),
    },
    prompt,
    review: {
      required: req.required, reviewers: req.reviewers, triggers: req.triggers, reasons: req.reasons,
      basis: [...new Set(req.details.map((d) => d.basis))], ...(rr.error ? { rulesError: rr.error } : {}),
    },
    draft: draft ? { ref: draft.ref, title: draft.title, ...(draft.status ? { status: draft.status } : {}) } : null,
    signoffs,
    canSign,
    pendingMine,
    writeBack: (await signoffEndpoint(db, stored)) !== null,
    categories,
    chain: chainOut,
  };
}

// ── marking ─────────────────────────────────────────────────────────────────────────────────────

/** A person marks / un-marks: the name and role are the host page's, the time the background's. */
export async function markFromTab(deps: SupervisionDeps, input: MarkInput, tab: TabIdentity | null): Promise<MarkRow> {
  if (!tab) throw new Error('未能从办案系统页面确认当前登录用户，不能标记或撤销标记');
  if (input.by.trim() !== tab.user.name) throw new Error(`操作人「${input.by}」与办案系统当前登录用户「${tab.user.name}」不一致，已拒绝`);
  const at = chinaDateTime((deps.now ?? Date.now)());
  const entry = { ...input, by: tab.user.name, role: tab.user.role || '未知职务', at, subSituation: input.subSituation ?? '' };
  const v = validateMarkEntry(entry);
  if (!v.ok) throw new Error(v.error);
  const existing = await deps.db.marks.where('clientId').equals(input.clientId).first();
  if (existing) return existing;
  // Pending automatic hits are logged first, so that a confirmation follows the suggestion it settles.
  const stored = await getCase(deps.db, input.caseNo);
  if (stored) await recordAutoHits(deps.db, stored, deps.today(), (deps.now ?? Date.now)(), (await loadSupervisionRules(deps.db)).rules);
  entry.at = chinaDateTime((deps.now ?? Date.now)());
  // Stored and logged in one transaction, only when new: the same mark sent twice at once is logged once.
  const { db } = deps;
  return db.transaction('rw', [db.marks, db.audit], async () => {
    const again = await db.marks.where('clientId').equals(input.clientId).first();
    if (again) return again;
    const row = await addMark(db, entry);
    await recordAudit(db, {
      type: input.action, caseKey: row.caseKey, at: entry.at, actor: actorText(entry.by, entry.role),
      payload: { category: entry.category, subSituation: entry.subSituation, reason: entry.reason },
    });
    return row;
  });
}

// ── sign-off ────────────────────────────────────────────────────────────────────────────────────

const inflight = new Map<string, Promise<{ signoff: SignoffRow; queued: boolean }>>();

/**
 * A 阅核 sign-off from a tab. Refused (with a reason) when the signer is not the user the host page showed,
 * when that user may not sign this case (canSignOff) or when the record is invalid (SignoffSchema: 有意见 needs
 * an opinion and a route; no field may change the panel's result). Duplicates (same clientId) return the one
 * stored record; the record is stored first and then queued for write-back.
 */
export async function submitSignoffFromTab(deps: SupervisionDeps, input: SignoffInput, tab: TabIdentity | null): Promise<{ signoff: SignoffRow; queued: boolean }> {
  const running = inflight.get(input.clientId);
  if (running) return running;
  const p = doSubmit(deps, input, tab).finally(() => inflight.delete(input.clientId));
  inflight.set(input.clientId, p);
  return p;
}

async function doSubmit(deps: SupervisionDeps, input: SignoffInput, tab: TabIdentity | null): Promise<{ signoff: SignoffRow; queued: boolean }> {
  const { db } = deps;
  const prev = await db.signoffs.where('clientId').equals(input.clientId).first();
  if (prev) return { signoff: prev, queued: (await db.outbox.get(`signoff:${prev.clientId}`)) !== undefined };

  const id = checkClaimedIdentity(tab, input);
  if (!id.ok) throw new Error(id.reason);
  const stored = await getCase(db, input.caseNo);
  if (!stored) throw new Error('本机尚无该案件数据，请先在办案系统中打开本案');
  const rr = await loadReviewRules(db);
  const sr = await loadSupervisionRules(db);
  await recordAutoHits(db, stored, deps.today(), (deps.now ?? Date.now)(), sr.rules);
  const state = applyMarks(historyOf(await listMarks(db, stored.caseKey)));
  const req = requirementFor(stored, state.marked || hostFlagged(stored), rr.rules);
  const check = canSignOff(id.role, divisionsOf(id.user), stored.division, req, rr.rules);
  if (!check.ok) throw new Error(check.reason);
  const draft = draftOf(stored);
  const documentRef = input.documentRef.trim() || draft?.ref || '';

  const record = {
    clientId: input.clientId,
    caseNo: stored.caseNo,
    documentRef,
    triggers: req.triggers,
    reviewer: id.user.name,
    reviewerRole: id.role,
    reviewedAt: chinaDateTime((deps.now ?? Date.now)()),
    decision: input.decision,
    ...(input.opinion?.trim() ? { opinion: input.opinion.trim() } : {}),
    recommendedRoute: input.decision === '有意见' ? input.recommendedRoute : null,
  };
  const valid = SignoffSchema.safeParse(record);
  if (!valid.success) throw new Error(valid.error.issues.map((i) => i.message).join('；'));

  const ep = await signoffEndpoint(db, stored);
  const envelope = ep ? buildWriteBack(ep.profile.writeBack!.signoff!, record) : null;
  // Stored, queued and logged in one transaction: the record is never lost, never left unqueued, and never
  // without its audit entry (a browser closed in between leaves all three or none).
  const row = await db.transaction('rw', [db.signoffs, db.outbox, db.audit], async () => {
    const again = await db.signoffs.where('clientId').equals(record.clientId).first();
    if (again) return again;
    const r = await addSignoff(db, record, {});
    if (ep && envelope) await enqueueOutbox(db, { kind: 'signoff', refId: record.clientId, payload: envelope, endpoint: ep.url });
    await recordAudit(db, {
      type: 'signoff', caseKey: stored.caseKey, at: record.reviewedAt, actor: actorText(record.reviewer, record.reviewerRole),
      payload: {
        clientId: record.clientId, documentRef, triggers: record.triggers, decision: record.decision, opinion: record.opinion,
        recommendedRoute: record.recommendedRoute, reviewerRole: record.reviewerRole,
      },
    });
    return r;
  });
  if (ep) deps.onQueued?.();
  return { signoff: row, queued: ep !== null };
}

// ── export ──────────────────────────────────────────────────────────────────────────────────────

export async function exportLogFor(deps: SupervisionDeps, caseNo: string) {
  const now = (deps.now ?? Date.now)();
  const caseKey = caseKeyOf(caseNo);
  const chain = await verifyAudit(deps.db);
  const ex = exportSupervisionLog(chain.records, caseKey, { caseNo, generatedAt: chinaDateTime(now) });
  const safe = caseKey.replace(/[\\/:*?"<>|()]/g, '_');
  return {
    filename: `监管日志_${safe}`,
    json: JSON.stringify(ex.json, null, 2),
    html: ex.html,
    chainOk: chain.ok,
    problems: chain.problems,
    count: ex.json.count,
  };
}

// ── 待阅核 list ─────────────────────────────────────────────────────────────────────────────────

export async function reviewQueueFor(deps: SupervisionDeps, items: Array<{ caseNo: string; documentRef?: string }>, tab: TabIdentity | null) {
  const viewer = tab?.user ?? null;
  const out = [];
  for (const it of items) {
    let signed: { decision: '同意' | '有意见'; sync: SyncStatus } | null = null;
    if (viewer) {
      const rows = (await listSignoffs(deps.db, it.caseNo)).filter((s) => s.reviewer === viewer.name && (!it.documentRef || s.documentRef === it.documentRef));
      const last = rows[rows.length - 1];
      if (last) signed = { decision: last.decision, sync: (await summaries(deps.db, [last]))[0].sync };
    }
    out.push({ caseNo: it.caseNo, signed });
  }
  return { items: out, viewer: viewer ? { name: viewer.name, ...(viewer.role ? { role: viewer.role } : {}) } : null };
}

// ── division ledger (popup) ─────────────────────────────────────────────────────────────────────

export interface SupervisionLedger {
  /** whose ledger (the last host user seen, when known) */
  division: string | null;
  pendingReview: Array<{ caseNo: string; caseKey: string; url?: string; judge?: string; documentTitle: string; submittedOn?: string; ageDays: number | null; signed: boolean }>;
  fourCategory: Array<{ caseNo: string; caseKey: string; url?: string; judge?: string; categories: string; marked: boolean; deadline: string; level: string }>;
  unsynced: number;
}

/**
 * 待阅核 with age, and the 四类 cases of a division with their 审限 status. `deadlineOf` comes from the view
 * model (utils/background/views), passed in so this module stays independent of the view builder.
 */
export async function supervisionLedger(
  db: ZhixiaoDB,
  today: string,
  division: string | null,
  deadlineOf: (c: StoredCase) => { text: string; level: string },
): Promise<SupervisionLedger> {
  // 待阅核 list rows carry no status: everything not known to be closed counts as pending.
  const cases = (await findCases(db, division ? { division } : {})).filter((c) => c.status !== 'closed' && c.status !== 'archived');
  const sr = await loadSupervisionRules(db);
  const signoffs = await db.signoffs.toArray();
  const pendingReview: SupervisionLedger['pendingReview'] = [];
  const fourCategory: SupervisionLedger['fourCategory'] = [];
  for (const c of cases) {
    if (c.review) {
      const d = draftOf(c);
      const ref = c.review.documentRef ?? d?.ref;
      pendingReview.push({
        caseNo: c.caseNo, caseKey: c.caseKey, ...(c.url ? { url: c.url } : {}), ...(c.judge ? { judge: c.judge } : {}),
        documentTitle: c.review.documentTitle ?? d?.title ?? '裁判文书',
        ...(c.review.submittedOn ? { submittedOn: c.review.submittedOn } : {}),
        ageDays: c.review.submittedOn ? diffDays(c.review.submittedOn, today) : null,
        signed: signoffs.some((s) => s.caseKey === c.caseKey && (!ref || s.documentRef === ref)),
      });
    }
    const state = applyMarks(historyOf(await listMarks(db, c.caseKey)));
    const hits = identifyFourCategory(c, today, sr.rules);
    const host = hostFlagged(c);
    if (state.marked || host || hits.length) {
      const cats = state.marked ? state.marks.map((m) => m.category) : hits.map((h) => h.category);
      const dl = deadlineOf(c);
      fourCategory.push({
        caseNo: c.caseNo, caseKey: c.caseKey, ...(c.url ? { url: c.url } : {}), ...(c.judge ? { judge: c.judge } : {}),
        categories: [...new Set(cats)].sort().map((n) => `第${n}类`).join('、') || '四类',
        marked: state.marked || host, deadline: dl.text, level: dl.level,
      });
    }
  }
  pendingReview.sort((a, b) => (b.ageDays ?? -1) - (a.ageDays ?? -1));
  const order = ['overdue', 'urgent', 'warning', 'notice', 'ok'];
  fourCategory.sort((a, b) => (order.indexOf(a.level) + 10) % 20 - (order.indexOf(b.level) + 10) % 20);
  const unsynced = await db.outbox.where('kind').equals('signoff').count();
  return { division, pendingReview, fourCategory, unsynced };
}

// ── handlers ────────────────────────────────────────────────────────────────────────────────────

export type SupervisionHandlerDeps = SupervisionDeps & {
  retry: () => Promise<{ attempted: number; synced: number; retrying: number; refused: number }>;
  /** saves a file (browser.downloads in the extension) */
  download?: (filename: string, dataUrl: string) => Promise<void>;
};

const tabOf = (sender: Sender) => sender.tab?.id;

export function createSupervisionHandlers(deps: SupervisionHandlerDeps): Pick<Handlers, 'reportUser' | 'getSupervision' | 'ackPrompt' | 'exportSupervisionLog' | 'retryOutbox' | 'reviewQueue' | 'markCase' | 'submitSignoff'> {
  const { identities } = deps;
  return {
    reportUser: async (msg, sender) => {
      const id = tabOf(sender);
      if (id === undefined) return { recorded: false };
      await identities.record(id, msg.user, msg.url, (deps.now ?? Date.now)());
      // The popup (no tab) shows the ledger of the last host user seen.
      await setSetting(deps.db, LAST_HOST_USER_KEY, { ...msg.user, url: msg.url });
      return { recorded: true };
    },
    getSupervision: async (msg, sender) => supervisionFor(deps, msg.caseNo, await identities.get(tabOf(sender)), sender.url),
    ackPrompt: async (msg, sender) => {
      const tab = await identities.get(tabOf(sender));
      if (!tab) throw new Error('未能从办案系统页面确认当前登录用户');
      const at = chinaDateTime((deps.now ?? Date.now)());
      await recordAudit(deps.db, { type: 'prompt-ack', caseKey: caseKeyOf(msg.caseNo), actor: actorText(tab.user.name, tab.user.role), at, payload: { promptId: msg.promptId } });
      return { recorded: true };
    },
    exportSupervisionLog: async (msg) => {
      const ex = await exportLogFor(deps, msg.caseNo);
      if (!msg.download) return ex;
      if (!deps.download) throw new Error('此处不能保存文件');
      const mime = msg.download === 'json' ? 'application/json;charset=utf-8' : 'text/html;charset=utf-8';
      const url = `data:${mime},${encodeURIComponent(msg.download === 'json' ? ex.json : ex.html)}`;
      let filename = `${ex.filename}.${msg.download}`;
      try {
        await deps.download(filename, url);
      } catch {
        // Some platforms refuse non-ASCII download names: fall back to an ASCII one.
        filename = `supervision-log_${caseKeyOf(msg.caseNo).replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '')}.${msg.download}`;
        await deps.download(filename, url);
      }
      return { ...ex, saved: filename };
    },
    retryOutbox: async () => deps.retry(),
    reviewQueue: async (msg, sender) => reviewQueueFor(deps, msg.items, await identities.get(tabOf(sender))),
    markCase: async (msg, sender) => ({ mark: await markFromTab(deps, msg.mark, await identities.get(tabOf(sender))) }),
    submitSignoff: async (msg, sender) => submitSignoffFromTab(deps, msg.signoff, await identities.get(tabOf(sender))),
  };
}
