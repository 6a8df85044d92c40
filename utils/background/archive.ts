// 立卷归档 in the background (domain.md §11): the court's checklist table (options page, settings key
// `archiveTable`), the archive check of a stored case with the clerk's flags, flags queued for write-back through
// the host profile's endpoint, and the clerk ledger for the popup. Extension origin only (uses the database).
import { checkArchive, type ArchiveContext } from '../domain/archive';
import { applyMarks } from '../domain/supervision';
import { supervisionArchiveContext } from '../domain/archive-context';
import { historyOf, hostFlagged, loadReviewRules } from './supervision';
import { originMatches } from '../host/detect';
import type { HostProfile } from '../host/profile';
import type { Handlers } from '../messaging';
import type { GetArchiveCheckReply } from '../messaging/archive-messages';
import { ArchiveTableSchema, DEFAULT_ARCHIVE_TABLE, type ArchiveTable } from '../rules/archive';
import {
  addFlag, enqueueOutbox, FlagInputSchema, formatZodError, getCase, getSetting, findCaseRows, listFlags, setSetting, storedCaseOf,
  type CaseRow, type FlagInput, type FlagRow, type MarkRow, type SignoffRow, type StoredCase, type StoredCaseRow, type ZhixiaoDB,
} from '../store';
import { listMarks, listSignoffs } from '../store';
import { ledgerRowOf, sortLedger, type LedgerRow } from '../views/archive-summary';
import type { ReviewRules } from '../rules/review';
import { allProfiles, profilesFor } from './profiles';
import { buildWriteBack, endpointUrl, outboxRunnerFor } from './writeback';

export const ARCHIVE_TABLE_KEY = 'archiveTable';

export interface LoadedArchiveTable {
  table: ArchiveTable;
  source: 'default' | 'custom';
  /** a stored table that no longer validates (kept in storage, the default is used and the problem shown) */
  error?: string;
}

// Validating the whole table is not free; list pages ask for hundreds of views at once.
let cached: { json: string; loaded: LoadedArchiveTable } | null = null;

/** The court's checklist table, or the built-in one. An invalid stored table is reported, never used. */
export async function loadArchiveTable(db: ZhixiaoDB): Promise<LoadedArchiveTable> {
  const raw = await getSetting<unknown>(db, ARCHIVE_TABLE_KEY);
  if (raw === undefined || raw === null) return { table: DEFAULT_ARCHIVE_TABLE, source: 'default' };
  const json = JSON.stringify(raw);
  if (cached?.json === json) return cached.loaded;
  const parsed = ArchiveTableSchema.safeParse(raw);
  const loaded: LoadedArchiveTable = parsed.success
    ? { table: parsed.data, source: 'custom' }
    : { table: DEFAULT_ARCHIVE_TABLE, source: 'default', error: `已保存的归档清单无效，暂用内置清单：${formatZodError(parsed.error)}` };
  cached = { json, loaded };
  return loaded;
}

export type ParseArchiveTableResult = { ok: true; table: ArchiveTable } | { ok: false; errors: string[] };

/** Validates a pasted / uploaded table (JSON text); errors carry their paths, in Chinese. */
export function parseArchiveTableText(text: string): ParseArchiveTableResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`不是有效的 JSON：${e instanceof Error ? e.message : String(e)}`] };
  }
  const parsed = ArchiveTableSchema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.slice(0, 20).map((i) => `${i.path.length ? formatPath(i.path) : '(根)'}：${i.message}`) };
  }
  return { ok: true, table: parsed.data };
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out;
}

export async function saveArchiveTable(db: ZhixiaoDB, table: ArchiveTable): Promise<void> {
  await setSetting(db, ARCHIVE_TABLE_KEY, ArchiveTableSchema.parse(table));
}

/** Back to the built-in table. */
export async function resetArchiveTable(db: ZhixiaoDB): Promise<void> {
  await db.settings.delete(ARCHIVE_TABLE_KEY);
}

// ── write-back endpoint ─────────────────────────────────────────────────────────────────────────

/**
 * The absolute flag endpoint of a profile for a case (null: the profile has none, or the case lacks hostRef).
 * Relative endpoints resolve against the case's URL, else the page the request came from — only when that page
 * is on one of the profile's origins (a flag is never sent anywhere else).
 */
export function flagEndpointOf(profile: HostProfile | undefined, c: { hostRef?: string; caseNo: string; url?: string }, pageUrl?: string): string | null {
  const endpoint = profile?.writeBack?.flag;
  if (!profile || !endpoint) return null;
  let base = c.url;
  if (!base && pageUrl) {
    try {
      const origin = new URL(pageUrl).origin;
      if (profile.origins.some((o) => originMatches(o, origin))) base = pageUrl;
    } catch {
      /* not a URL */
    }
  }
  return endpointUrl(profile, endpoint, { ...c, url: base });
}

async function profileOfCase(db: ZhixiaoDB, c: StoredCase): Promise<HostProfile | undefined> {
  const ids = c.sources.map((s) => s.split('/')[0]);
  const all = await allProfiles(db);
  const byId = ids.map((id) => all.find((p) => p.id === id)).find((p) => p?.writeBack?.flag);
  if (byId) return byId;
  return c.url ? (await profilesFor(db, c.url)).find((p) => p.writeBack?.flag) : undefined;
}

// ── the check ───────────────────────────────────────────────────────────────────────────────────

/** Why a case's 目录 is unreadable, for the panel (never shown as "complete"). */
function unreadableReason(c: StoredCase): string {
  if (c.documents === undefined) return '本机尚未读取到本案的电子卷宗目录：请打开办案系统中本案的“电子卷宗目录”页；若已打开仍如此，说明站点配置未能识别该页的目录表格。';
  return '电子卷宗目录无法读取';
}

/**
 * The conditions only the extension knows (domain.md §11.5): a confirmed 四类 marking (or the host's own), whether
 * 阅核 is required, and whether 类案检索 was mandatory — so 监管/阅核 records and the 类案检索报告 are required
 * exactly when they should be. An unconfirmed automatic 四类 suggestion does not make the report mandatory.
 */
async function supervisionContextOf(db: ZhixiaoDB, stored: StoredCase): Promise<ArchiveContext> {
  const reviewRules = await loadReviewRules(db);
  return contextOf(stored, await listMarks(db, stored.caseKey), await listSignoffs(db, stored.caseKey), reviewRules.rules);
}

function contextOf(stored: StoredCase, marks: MarkRow[], signoffs: SignoffRow[], rules: ReviewRules): ArchiveContext {
  const supervised = applyMarks(historyOf(marks)).marked || hostFlagged(stored);
  return supervisionArchiveContext({ snapshot: stored, supervised, signoffs, reviewRules: rules });
}

/** The same contexts for many cases: the rules, marks and sign-offs read once (the clerk ledger covers every closed case). */
async function supervisionContextsOf(db: ZhixiaoDB, cases: StoredCase[]): Promise<Map<string, ArchiveContext>> {
  const [reviewRules, marks, signoffs] = await Promise.all([loadReviewRules(db), db.marks.toArray(), db.signoffs.toArray()]);
  const byCase = <T extends { caseKey: string }>(rows: T[], time: (r: T) => number, id: (r: T) => number) => {
    const map = new Map<string, T[]>();
    for (const r of [...rows].sort((a, b) => time(a) - time(b) || id(a) - id(b))) {
      const list = map.get(r.caseKey);
      if (list) list.push(r);
      else map.set(r.caseKey, [r]);
    }
    return map;
  };
  // the order listMarks / listSignoffs give
  const marksOf = byCase(marks, (m) => Date.parse(m.at), (m) => m.id ?? 0);
  const signoffsOf = byCase(signoffs, (s) => Date.parse(s.reviewedAt), (s) => s.id ?? 0);
  const out = new Map<string, ArchiveContext>();
  for (const c of cases) out.set(c.caseKey, contextOf(c, marksOf.get(c.caseKey) ?? [], signoffsOf.get(c.caseKey) ?? [], reviewRules.rules));
  return out;
}

export async function archiveCheckFor(db: ZhixiaoDB, caseNo: string, today: string, listId?: string, pageUrl?: string): Promise<GetArchiveCheckReply> {
  const loaded = await loadArchiveTable(db);
  const lists = loaded.table.lists.filter((l) => l.appliesTo.length > 0).map((l) => ({ id: l.id, name: l.name }));
  const base = { lists, tableSource: loaded.source, ...(loaded.error ? { tableError: loaded.error } : {}) };
  const stored = await getCase(db, caseNo);
  if (!stored) return { check: null, flags: [], flagEndpoint: null, ...base };
  const context = await supervisionContextOf(db, stored);
  const check = checkArchive({ snapshot: stored, today, listId, context }, loaded.table);
  if (!check.problem && stored.events === undefined) {
    check.notes.push('尚未读取本案的审限变更记录：延长、扣除审限的审批材料未按记录核对（打开“审限变更”页后刷新）');
  }
  const flags = await listFlags(db, stored.caseKey);
  const flagEndpoint = flagEndpointOf(await profileOfCase(db, stored), stored, pageUrl);
  return {
    check,
    ...(check.problem === '无法读取卷宗目录' ? { problemReason: unreadableReason(stored) } : {}),
    flags,
    flagEndpoint,
    ...base,
  };
}

/**
 * Stores a clerk flag and, when the host profile has a flag endpoint, queues its write-back in the same
 * transaction (never lost: the flag is stored even when the host is down; the outbox processor retries).
 */
export async function submitArchiveFlag(db: ZhixiaoDB, input: FlagInput, pageUrl?: string): Promise<{ flag: FlagRow; queued: boolean }> {
  const stored = await getCase(db, input.caseNo);
  const profile = stored ? await profileOfCase(db, stored) : undefined;
  const endpoint = profile?.writeBack?.flag;
  const url = stored ? flagEndpointOf(profile, stored, pageUrl) : null;
  if (!url || !endpoint) return { flag: await addFlag(db, input), queued: false };
  const flag = await db.transaction('rw', [db.flags, db.outbox], async () => {
    const existed = await db.flags.where('clientId').equals(input.clientId).first();
    const row = await addFlag(db, input);
    if (!existed) {
      await enqueueOutbox(db, { kind: 'flag', refId: row.clientId, payload: buildWriteBack(endpoint, { ...FlagInputSchema.parse(input) }), endpoint: url });
    }
    return row;
  });
  return { flag, queued: true };
}

// ── clerk ledger ────────────────────────────────────────────────────────────────────────────────

/**
 * Closed cases not yet archived, longest waiting first, with missing counts and unsynced flags. `include`: which
 * cases the ledger covers (e.g. the clerk's own; default every cached case).
 */
export async function archiveLedger(db: ZhixiaoDB, today: string, include: (c: CaseRow) => boolean = () => true): Promise<LedgerRow[]> {
  const { table } = await loadArchiveTable(db);
  // closed by status, or with a closing date and not archived: each row read once, whole (it holds the case's items)
  const [closed, withDate] = await Promise.all([
    findCaseRows(db, { status: 'closed' }),
    db.cases.where('closedOn').above('').filter((c) => c.status !== 'archived' && !c.archivedOn).toArray(),
  ]);
  const rows = new Map<string, StoredCaseRow>();
  for (const r of [...closed, ...withDate]) if (!rows.has(r.caseKey) && include(r)) rows.set(r.caseKey, r);
  const cases = [...rows.values()].map((r) => storedCaseOf(r));
  const unsynced = new Map<string, number>();
  await db.flags.each((f) => {
    if (f.syncState !== 'synced') unsynced.set(f.caseKey, (unsynced.get(f.caseKey) ?? 0) + 1);
  });
  const stored = cases.filter((c): c is StoredCase => c !== undefined);
  const contexts = await supervisionContextsOf(db, stored);
  const out: LedgerRow[] = [];
  for (const c of stored) {
    const row = ledgerRowOf(c, today, table, unsynced.get(c.caseKey) ?? 0, contexts.get(c.caseKey));
    if (row) out.push(row);
  }
  return sortLedger(out);
}

// ── handlers ────────────────────────────────────────────────────────────────────────────────────

export interface ArchiveHandlerDeps {
  db: ZhixiaoDB;
  today: () => string;
  /**
   * Called after a flag was queued for write-back. Default: run the generic outbox processor
   * (utils/background/writeback.ts) at once; the background's own runner may be passed instead.
   */
  onQueued?: () => void;
}

export function createArchiveHandlers(deps: ArchiveHandlerDeps): Pick<Handlers, 'getArchiveCheck' | 'submitFlag'> {
  // The background's one runner per database (utils/background/writeback.ts): never two runners sending at once.
  const onQueued = deps.onQueued ?? (() => void outboxRunnerFor(deps.db).kick().catch(() => {}));
  return {
    getArchiveCheck: async (msg, sender) => archiveCheckFor(deps.db, msg.caseNo, deps.today(), msg.listId, sender?.url ?? sender?.tab?.url),
    submitFlag: async (msg, sender) => {
      const r = await submitArchiveFlag(deps.db, msg.flag, sender?.url ?? sender?.tab?.url);
      if (r.queued) onQueued();
      return r;
    },
  };
}
