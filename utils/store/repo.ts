// Repositories over the `zhixiao` database. Every multi-row write runs in one transaction; bulk reads and
// writes (bulkGet / bulkPut / anyOf) keep ingesting a 5,000-row page well under the 3 s budget.
import { z } from 'zod';
import { verifyChain } from '../domain/audit';
import type { CaseDocument, CaseEvent, CaseSnapshot, Party, Writ } from '../domain/case';
import { caseKeyOf } from './case-key';
import { announceCasesReplaced } from './case-count';
import Dexie from 'dexie';
import { derivedCacheName, type ZhixiaoDB } from './db';
import {
  AuditRowSchema, CaseRowSchema, CHILD_META_KEYS, DocumentRowSchema, EventRowSchema, FlagInputSchema,
  FlagRowSchema, MarkInputSchema, MarkRowSchema, OutboxRowSchema, PartyRowSchema, SECTIONS, SettingRowSchema,
  SignoffInputSchema, SignoffRowSchema, WritRowSchema, writIdentity,
  type AuditRow, type CaseRow, type ChildMeta, type DocumentRow, type EventRow, type FlagInput, type FlagRow,
  type CaseItems, type MarkInput, type MarkRow, type OutboxKind, type OutboxRow, type PartyRow, type Section, type SettingRow, type StoredCaseRow,
  type SignoffInput, type SignoffRow, type WritRow,
} from './records';
import { DB_TABLES, SCHEMA_VERSION, TABLES, upgradeBackupTables, type TableName } from './schema';
import { formatZodError } from './zod-issues';

type Row = Record<string, unknown>;
type ChildRow = EventRow | PartyRow | DocumentRow | WritRow;
type SectionItem = CaseEvent | Party | CaseDocument | Writ;

// ── helpers ─────────────────────────────────────────────────────────────────────────────────────

/** JSON with sorted keys and undefined dropped: equal values give equal strings. */
function canon(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'undefined';
  if (Array.isArray(v)) return `[${v.map(canon).join(',')}]`;
  const o = v as Row;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canon(o[k])}`).join(',')}}`;
}

function dropUndefined<T extends object>(o: T): T {
  const out: Row = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}

const META = new Set<string>(CHILD_META_KEYS);
function itemOf<T extends SectionItem>(row: ChildRow): T {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) if (!META.has(k) && v !== undefined) out[k] = v;
  return out as T;
}

/** Which fields identify an event of each kind; the rest is content that may change (e.g. `to` filled in). */
function eventIdentity(e: CaseEvent): string {
  switch (e.kind) {
    case 'extension': return `extension|${e.on}`;
    case 'deduction': return `deduction|${e.from}|${e.reason}`;
    case 'suspension': return `suspension|${e.from}`;
    case 'conversion': return `conversion|${e.on}|${e.to}`;
    case 'restart': return `restart|${e.on}|${e.reason}`;
    case 'hearing': return `hearing|${e.on}`;
  }
}
function partyIdentity(p: Party): string {
  return `${p.role}|${p.name}`;
}
function documentIdentity(d: CaseDocument): string {
  return d.ref ? `ref|${d.ref}` : `doc|${d.title}|${d.date ?? ''}|${d.party ?? ''}|${d.volume ?? ''}`;
}
const IDENTITY: Record<Section, (item: never) => string> = {
  events: eventIdentity as (item: never) => string,
  parties: partyIdentity as (item: never) => string,
  documents: documentIdentity as (item: never) => string,
  writs: writIdentity as (item: never) => string,
};

/** Row ids for a section's items, in order; repeated identities get `#2`, `#3`, … */
function childIds(caseKey: string, section: Section, items: readonly SectionItem[]): string[] {
  const count = new Map<string, number>();
  return items.map((item) => {
    const base = IDENTITY[section](item as never);
    const n = (count.get(base) ?? 0) + 1;
    count.set(base, n);
    return `${caseKey}|${n === 1 ? base : `${base}#${n}`}`;
  });
}

/** A section's stored items of a case (none when the case has no item of it). */
function itemsOf(items: CaseItems | undefined, section: Section): ChildRow[] {
  return (items?.[section] as ChildRow[] | undefined) ?? [];
}

const byId = (a: ChildMeta, b: ChildMeta) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * A section's logical rows (one per event / party / document / writ, the shape of records.ts EventRow etc.), flat
 * and in id order as the v3 tables held them: all cases, or only `caseKeys`. The storage keeps them in the case rows.
 */
export async function childRows(db: ZhixiaoDB, section: 'events', caseKeys?: readonly string[]): Promise<EventRow[]>;
export async function childRows(db: ZhixiaoDB, section: 'parties', caseKeys?: readonly string[]): Promise<PartyRow[]>;
export async function childRows(db: ZhixiaoDB, section: 'documents', caseKeys?: readonly string[]): Promise<DocumentRow[]>;
export async function childRows(db: ZhixiaoDB, section: 'writs', caseKeys?: readonly string[]): Promise<WritRow[]>;
export async function childRows(db: ZhixiaoDB, section: Section, caseKeys?: readonly string[]): Promise<ChildRow[]>;
export async function childRows(db: ZhixiaoDB, section: Section, caseKeys?: readonly string[]): Promise<ChildRow[]> {
  const rows = caseKeys ? (await db.cases.bulkGet(caseKeys.map(caseKeyOf))).filter((r) => r !== undefined) : await db.cases.toArray();
  return rows.flatMap((r) => itemsOf(r.items, section)).sort(byId);
}

const CASE_META_KEYS = new Set(['caseKey', 'firstSeenAt', 'lastSeenAt', 'sources', 'sectionsSeen', 'items']);
const SECTION_SET = new Set<string>(SECTIONS);

/** Several rows for one case on one page: later scalars win, a later section replaces an earlier one. */
function combineSnapshots(a: CaseSnapshot, b: CaseSnapshot): CaseSnapshot {
  return { ...a, ...dropUndefined(b) };
}

/**
 * A case's items after a page: for each section the snapshot shows (the host's full view of it), the items it
 * shows in host order (new or changed ones rewritten, unchanged ones kept as stored), then the stored items it no
 * longer shows (marked goneSince `now` if they were not already); sections the snapshot lacks stay as stored.
 * Undefined when nothing changed (the row need not be written).
 */
function mergeSections(key: string, snap: CaseSnapshot, stored: CaseItems | undefined, now: number): CaseItems | undefined {
  const next: CaseItems = stored ? { ...stored } : {};
  let changed = false;
  for (const section of SECTIONS) {
    const items = snap[section] as SectionItem[] | undefined;
    if (items === undefined) continue;
    const ids = childIds(key, section, items);
    const before = new Map<string, ChildRow>();
    for (const r of itemsOf(stored, section)) before.set(r.id, r);
    const out: ChildRow[] = [];
    let sectionChanged = false;
    items.forEach((item, order) => {
      const id = ids[order];
      const prev = before.get(id);
      before.delete(id);
      const data = dropUndefined(item);
      if (prev && prev.goneSince === undefined && prev.order === order && canon(itemOf(prev)) === canon(data)) {
        out.push(prev);
        return;
      }
      out.push({ ...data, id, caseKey: key, order, firstSeenAt: prev?.firstSeenAt ?? now } as ChildRow);
      sectionChanged = true;
    });
    for (const prev of before.values()) {
      if (prev.goneSince === undefined) {
        out.push({ ...prev, goneSince: now });
        sectionChanged = true;
      } else out.push(prev);
    }
    if (sectionChanged) {
      (next as unknown as Record<Section, ChildRow[]>)[section] = out;
      changed = true;
    }
  }
  return changed ? next : undefined;
}

// ── ingest ──────────────────────────────────────────────────────────────────────────────────────

export interface IngestPage {
  profileId: string;
  pageKind: string;
  url: string;
  cases: CaseSnapshot[];
}
/** What ingestPage read for a page, before writing anything (in its transaction). */
export interface IngestRead {
  /** a case of the page as the store held it (as getCase would); undefined when new */
  stored: (caseNo: string, opts?: GetCaseOptions) => StoredCase | undefined;
  /** how many cases the store held, when countCases asked for it */
  casesStored?: number;
}

/** Lets a caller answer from ingestPage's own read (one read per page instead of two). */
export interface IngestHooks {
  /** Called once the page's stored cases are read, before anything is written. Synchronous, must not throw. */
  onRead: (read: IngestRead) => void;
  /** Asked right before the read: whether to count the stored cases in the same transaction. */
  countCases?: () => boolean;
}

export interface IngestResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** The normalized keys of the cases on the page, in page order (duplicates removed) */
  caseKeys: string[];
}

/**
 * Merges what a host page shows into the cache.
 * - A scalar field the snapshot has overwrites; a field it lacks is left alone.
 * - A section the snapshot has (parties / events / documents / writs) is the host's full view of it: items it
 *   shows are inserted or updated, stored items it no longer shows get `goneSince` (never deleted), and an
 *   item that reappears loses `goneSince`. A section the snapshot lacks is left alone.
 * - Ingesting the same page again writes nothing: `lastSeenAt` is the last time a page showed something new
 *   about the case (it is the case's revision for derived caches such as the dashboard's rows): `now`, or one
 *   above the highest lastSeenAt in the store when that is not below `now` (revisions only ever increase).
 */
export async function ingestPage(db: ZhixiaoDB, page: IngestPage, now: number = Date.now(), hooks?: IngestHooks): Promise<IngestResult> {
  const source = `${page.profileId}/${page.pageKind}`;
  const byKey = new Map<string, CaseSnapshot>();
  for (const snap of page.cases) {
    const key = caseKeyOf(snap.caseNo);
    if (!key) continue;
    const prev = byKey.get(key);
    byKey.set(key, prev ? combineSnapshots(prev, snap) : snap);
  }
  const keys = [...byKey.keys()];
  const result: IngestResult = { inserted: 0, updated: 0, unchanged: 0, caseKeys: keys };
  if (keys.length === 0) {
    if (hooks) hooks.onRead({ stored: () => undefined, casesStored: hooks.countCases?.() ? await db.cases.count() : undefined });
    return result;
  }

  await db.transaction('rw', [db.cases], async () => {
    const [existing, top, casesStored] = await Promise.all([
      db.cases.bulkGet(keys),
      db.cases.orderBy('lastSeenAt').reverse().limit(1).keys(),
      hooks?.countCases?.() ? db.cases.count() : undefined,
    ]);
    if (hooks) {
      const rowOf = new Map(keys.map((k, i) => [k, existing[i]]));
      const stored = (caseNo: string, opts: GetCaseOptions = {}) => {
        const row = rowOf.get(caseKeyOf(caseNo));
        return row ? storedCaseOf(row, opts) : undefined;
      };
      hooks.onRead({ stored, casesStored });
    }
    // The revision this ingest gives the cases it changes: above every revision in the store, even when the clock
    // went back or two ingests fall in the same millisecond, so "cases changed since W" is exactly
    // cases.where('lastSeenAt').above(W) (utils/pages/dashboard-cache).
    const revision = Math.max(now, top.length ? Number(top[0]) + 1 : now);

    const shown = (snap: CaseSnapshot) => SECTIONS.filter((section) => snap[section] !== undefined);
    const casePuts: StoredCaseRow[] = [];

    keys.forEach((key, i) => {
      const snap = byKey.get(key)!;
      const old = existing[i];
      let changed = false;

      // scalars
      const row: Row = old ? { ...old } : { caseKey: key, firstSeenAt: now, sources: [], sectionsSeen: [] };
      for (const [field, value] of Object.entries(snap)) {
        if (value === undefined || SECTION_SET.has(field) || CASE_META_KEYS.has(field)) continue;
        if (!old || canon(old[field as keyof CaseRow]) !== canon(value)) {
          row[field] = value;
          changed = true;
        }
      }
      if (!(row.sources as string[]).includes(source)) {
        row.sources = [...(row.sources as string[]), source];
        changed = true;
      }

      // sections
      for (const section of shown(snap)) {
        if (!(row.sectionsSeen as Section[]).includes(section)) {
          row.sectionsSeen = [...(row.sectionsSeen as Section[]), section];
          changed = true;
        }
      }
      const merged = mergeSections(key, snap, old?.items, now);
      if (merged) {
        row.items = merged;
        changed = true;
      }

      if (old && !changed) {
        result.unchanged++;
        return;
      }
      row.lastSeenAt = revision;
      casePuts.push(row as StoredCaseRow);
      if (!old) result.inserted++;
      else result.updated++;
    });

    if (casePuts.length > 0) await db.cases.bulkPut(casePuts);
  });
  return result;
}

// ── reading cases ───────────────────────────────────────────────────────────────────────────────

export type GoneItem<T> = T & { goneSince: number };

/** A merged case as the store knows it: a CaseSnapshot plus bookkeeping. */
export type StoredCase = CaseSnapshot & {
  caseKey: string;
  firstSeenAt: number;
  lastSeenAt: number;
  sources: string[];
  /** Only with `includeGone`: items a page stopped showing (still stored, never deleted) */
  gone?: { events: GoneItem<CaseEvent>[]; parties: GoneItem<Party>[]; documents: GoneItem<CaseDocument>[]; writs: GoneItem<Writ>[] };
};

export interface GetCaseOptions {
  includeGone?: boolean;
  /** Read only these sections (default: all). Sections left out are absent from the result. */
  sections?: readonly Section[];
}

/** A case row as a StoredCase (as getCase gives it): its present items per section, gone ones apart when asked for. */
export function storedCaseOf(row: StoredCaseRow, opts: GetCaseOptions = {}): StoredCase {
  const { sectionsSeen, items, ...rest } = row;
  const out = { ...rest } as StoredCase;
  const gone = { events: [], parties: [], documents: [], writs: [] } as NonNullable<StoredCase['gone']>;
  for (const section of opts.sections ?? SECTIONS) {
    const rows = [...itemsOf(items, section)].sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1));
    const present = rows.filter((r) => r.goneSince === undefined);
    if (sectionsSeen.includes(section) || present.length > 0) {
      (out as Row)[section] = present.map((r) => itemOf(r));
    }
    if (opts.includeGone) {
      (gone[section] as Row[]) = rows
        .filter((r) => r.goneSince !== undefined)
        .map((r) => ({ ...itemOf(r), goneSince: r.goneSince }));
    }
  }
  if (opts.includeGone) out.gone = gone;
  return out;
}

/** One case by 案号 (any formatting) or caseKey; items marked goneSince are left out unless asked for. */
export async function getCase(db: ZhixiaoDB, caseNoOrKey: string, opts: GetCaseOptions = {}): Promise<StoredCase | undefined> {
  const [c] = await getCases(db, [caseNoOrKey], opts);
  return c;
}

/** Several cases at once (one bulkGet: a case row holds its items); results follow the input order. */
export async function getCases(db: ZhixiaoDB, caseNosOrKeys: string[], opts: GetCaseOptions = {}): Promise<(StoredCase | undefined)[]> {
  const keys = caseNosOrKeys.map(caseKeyOf);
  if (keys.length === 0) return [];
  const rows = await db.cases.bulkGet(keys);
  return rows.map((row) => (row ? storedCaseOf(row, opts) : undefined));
}

type OneOrMany<T> = T | readonly T[];
interface DateRange {
  from?: string;
  to?: string;
}
export interface CaseFilter {
  judge?: OneOrMany<string>;
  division?: OneOrMany<string>;
  status?: OneOrMany<NonNullable<CaseRow['status']>>;
  category?: OneOrMany<NonNullable<CaseRow['category']>>;
  /** Inclusive YYYY-MM-DD bounds */
  filedOn?: DateRange;
  closedOn?: DateRange;
  limit?: number;
  offset?: number;
}

const asList = <T,>(v: OneOrMany<T> | undefined): readonly T[] | undefined =>
  v === undefined ? undefined : Array.isArray(v) ? (v as readonly T[]) : [v as T];
const inRange = (v: string | undefined, r: DateRange | undefined) =>
  !r || (v !== undefined && (r.from === undefined || v >= r.from) && (r.to === undefined || v <= r.to));

/**
 * Whole case rows (scalars and items; storedCaseOf reads them), narrowed by an index then filtered: for callers that
 * filter on row fields before assembling. Others take findCases (stored cases) or listCases (scalars only).
 */
export async function findCaseRows(db: ZhixiaoDB, filter: CaseFilter = {}): Promise<StoredCaseRow[]> {
  const lists = {
    judge: asList(filter.judge),
    division: asList(filter.division),
    status: asList(filter.status),
    category: asList(filter.category),
  };
  const matches = (c: CaseRow) =>
    (!lists.judge || (c.judge !== undefined && lists.judge.includes(c.judge))) &&
    (!lists.division || (c.division !== undefined && lists.division.includes(c.division))) &&
    (!lists.status || (c.status !== undefined && lists.status.includes(c.status))) &&
    (!lists.category || (c.category !== undefined && lists.category.includes(c.category))) &&
    inRange(c.filedOn, filter.filedOn) &&
    inRange(c.closedOn, filter.closedOn);

  const indexed = (['judge', 'division', 'status', 'category'] as const).find((k) => lists[k]);
  let coll;
  if (indexed) coll = db.cases.where(indexed).anyOf(lists[indexed] as string[]);
  else if (filter.filedOn) coll = db.cases.where('filedOn').between(filter.filedOn.from ?? '', filter.filedOn.to ?? '\uffff', true, true);
  else if (filter.closedOn) coll = db.cases.where('closedOn').between(filter.closedOn.from ?? '', filter.closedOn.to ?? '\uffff', true, true);
  else coll = db.cases.toCollection();
  coll = coll.filter(matches);
  if (filter.offset) coll = coll.offset(filter.offset);
  if (filter.limit !== undefined) coll = coll.limit(filter.limit);
  return coll.toArray();
}

/** Case rows, scalar fields only, narrowed as findCaseRows. */
export async function listCases(db: ZhixiaoDB, filter: CaseFilter = {}): Promise<CaseRow[]> {
  return (await findCaseRows(db, filter)).map(({ items: _items, ...row }) => row);
}

/** Stored cases (as getCases gives them), narrowed as findCaseRows: one read, since a case row holds its items. */
export async function findCases(db: ZhixiaoDB, filter: CaseFilter = {}, opts: GetCaseOptions = {}): Promise<StoredCase[]> {
  return (await findCaseRows(db, filter)).map((row) => storedCaseOf(row, opts));
}

/** Clears the cached host data (cases and their sections: events, parties, documents, writs). Sign-offs, marks, flags, audit, settings and the outbox stay. */
export async function clearCachedCases(db: ZhixiaoDB): Promise<void> {
  await db.cases.clear();
  // The derived row cache vouches for its rows by case revision; a deletion must drop it (a handle open on it
  // stays closed, so a load running now cannot write back rows of the cleared cases).
  await Dexie.delete(derivedCacheName(db.name)).catch(() => {});
  announceCasesReplaced(db.name);
}

// ── outbox ──────────────────────────────────────────────────────────────────────────────────────

export interface OutboxRequest {
  kind: OutboxKind;
  /** clientId of the sign-off / flag */
  refId: string;
  payload: unknown;
  endpoint: string;
}

const outboxId = (kind: OutboxKind, refId: string) => `${kind}:${refId}`;

/** Queues a write-back (once per record: queuing the same record again returns the queued entry). */
export async function enqueueOutbox(db: ZhixiaoDB, req: OutboxRequest, now: number = Date.now()): Promise<OutboxRow> {
  return db.transaction('rw', db.outbox, () => putOutbox(db, req, now));
}

async function putOutbox(db: ZhixiaoDB, req: OutboxRequest, now: number): Promise<OutboxRow> {
  const id = outboxId(req.kind, req.refId);
  const prev = await db.outbox.get(id);
  if (prev) return prev;
  const row: OutboxRow = { id, kind: req.kind, refId: req.refId, payload: req.payload, endpoint: req.endpoint, attempts: 0, nextAttemptAt: now, createdAt: now };
  await db.outbox.add(row);
  return row;
}

/** Entries whose next attempt is due, oldest schedule first. */
export async function dueOutbox(db: ZhixiaoDB, now: number = Date.now(), limit = 50): Promise<OutboxRow[]> {
  return db.outbox.where('nextAttemptAt').belowOrEqual(now).limit(limit).toArray();
}

export type OutboxResult = { ok: true } | { ok: false; error: string; /** false: give up (e.g. HTTP 4xx) */ retry?: boolean };

/** Backoff after the n-th failed attempt: 30 s, 1 min, 2 min … capped at 6 h. */
export function outboxBackoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 6 * 3600_000);
}

/**
 * Records the outcome of a write-back on the queue entry and on the sign-off / flag it carries.
 * Success removes the queue entry and marks the record synced; failure schedules a retry with backoff
 * (or, with `retry: false`, drops the entry) and marks the record failed with the error.
 */
export async function markOutboxResult(db: ZhixiaoDB, id: string, result: OutboxResult, now: number = Date.now()): Promise<OutboxRow | undefined> {
  return db.transaction('rw', [db.outbox, db.signoffs, db.flags], async () => {
    const entry = await db.outbox.get(id);
    if (!entry) return undefined;
    const attempts = entry.attempts + 1;
    const table = entry.kind === 'signoff' ? db.signoffs : db.flags;
    const record = await (table as typeof db.flags).where('clientId').equals(entry.refId).first();
    let next: OutboxRow | undefined;
    if (result.ok) {
      await db.outbox.delete(id);
      if (record) await (table as typeof db.flags).update(record.id!, { syncState: 'synced', attempts, lastError: undefined });
    } else {
      if (result.retry === false) await db.outbox.delete(id);
      else {
        next = { ...entry, attempts, nextAttemptAt: now + outboxBackoffMs(attempts), lastError: result.error };
        await db.outbox.put(next);
      }
      if (record) await (table as typeof db.flags).update(record.id!, { syncState: 'failed', attempts, lastError: result.error });
    }
    return next;
  });
}

// ── sign-offs, marks, flags ─────────────────────────────────────────────────────────────────────

export interface WriteBackOptions {
  /** When the host has an endpoint for this record: queue the write-back in the same transaction */
  outbox?: { endpoint: string };
  now?: number;
}

/** Stores a 阅核 sign-off (validated; idempotent on clientId: the stored record is returned again). */
export async function addSignoff(db: ZhixiaoDB, input: SignoffInput, opts: WriteBackOptions = {}): Promise<SignoffRow> {
  const s = SignoffInputSchema.parse(input);
  const now = opts.now ?? Date.now();
  return db.transaction('rw', [db.signoffs, db.outbox], async () => {
    const prev = await db.signoffs.where('clientId').equals(s.clientId).first();
    if (prev) return prev;
    const row: SignoffRow = dropUndefined({ ...s, caseKey: caseKeyOf(s.caseNo), syncState: 'pending' as const, attempts: 0 });
    row.id = await db.signoffs.add(row);
    if (opts.outbox) await putOutbox(db, { kind: 'signoff', refId: s.clientId, payload: s, endpoint: opts.outbox.endpoint }, now);
    return row;
  });
}

/** Sign-offs of a case, oldest first. */
export async function listSignoffs(db: ZhixiaoDB, caseNoOrKey: string): Promise<SignoffRow[]> {
  const rows = await db.signoffs.where('caseKey').equals(caseKeyOf(caseNoOrKey)).toArray();
  return rows.sort((a, b) => Date.parse(a.reviewedAt) - Date.parse(b.reviewedAt) || (a.id ?? 0) - (b.id ?? 0));
}

/** Appends a 四类 mark / un-mark / automatic hit (validated; idempotent on clientId). Nothing is ever deleted. */
export async function addMark(db: ZhixiaoDB, input: MarkInput): Promise<MarkRow> {
  const m = MarkInputSchema.parse(input);
  return db.transaction('rw', db.marks, async () => {
    const prev = await db.marks.where('clientId').equals(m.clientId).first();
    if (prev) return prev;
    const row: MarkRow = dropUndefined({ ...m, caseKey: caseKeyOf(m.caseNo) });
    row.id = await db.marks.add(row);
    return row;
  });
}

/** The mark history of a case, in time order. */
export async function listMarks(db: ZhixiaoDB, caseNoOrKey: string): Promise<MarkRow[]> {
  const rows = await db.marks.where('caseKey').equals(caseKeyOf(caseNoOrKey)).toArray();
  return rows.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.id ?? 0) - (b.id ?? 0));
}

/** Stores a clerk archive flag (validated; idempotent on clientId), optionally queuing its write-back. */
export async function addFlag(db: ZhixiaoDB, input: FlagInput, opts: WriteBackOptions = {}): Promise<FlagRow> {
  const f = FlagInputSchema.parse(input);
  const now = opts.now ?? Date.now();
  return db.transaction('rw', [db.flags, db.outbox], async () => {
    const prev = await db.flags.where('clientId').equals(f.clientId).first();
    if (prev) return prev;
    const row: FlagRow = { ...f, caseKey: caseKeyOf(f.caseNo), syncState: 'pending', attempts: 0 };
    row.id = await db.flags.add(row);
    if (opts.outbox) await putOutbox(db, { kind: 'flag', refId: f.clientId, payload: f, endpoint: opts.outbox.endpoint }, now);
    return row;
  });
}

/** Archive flags of a case, in time order. */
export async function listFlags(db: ZhixiaoDB, caseNoOrKey: string): Promise<FlagRow[]> {
  const rows = await db.flags.where('caseKey').equals(caseKeyOf(caseNoOrKey)).toArray();
  return rows.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.id ?? 0) - (b.id ?? 0));
}

// ── audit log (fields only; the hash chain is the audit module's) ──────────────────────────────

/**
 * Appends to the audit log. `build` receives the current last entry (for `prevHash`) inside the same
 * transaction, so two appends never chain to the same predecessor. `build` must be synchronous.
 */
export async function appendAudit(db: ZhixiaoDB, build: (prev: AuditRow | undefined) => Omit<AuditRow, 'seq'>): Promise<AuditRow> {
  return db.transaction('rw', db.audit, async () => {
    const prev = await db.audit.orderBy('seq').last();
    const row: AuditRow = { ...build(prev) };
    delete row.seq;
    row.seq = await db.audit.add(row);
    return row;
  });
}

/** Audit entries in sequence order, all or for one case. */
export async function listAudit(db: ZhixiaoDB, caseNoOrKey?: string): Promise<AuditRow[]> {
  if (caseNoOrKey === undefined) return db.audit.orderBy('seq').toArray();
  const rows = await db.audit.where('caseKey').equals(caseKeyOf(caseNoOrKey)).toArray();
  return rows.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
}

// ── settings ────────────────────────────────────────────────────────────────────────────────────

export async function getSetting<T = unknown>(db: ZhixiaoDB, key: string): Promise<T | undefined>;
export async function getSetting<T>(db: ZhixiaoDB, key: string, fallback: T): Promise<T>;
export async function getSetting<T>(db: ZhixiaoDB, key: string, fallback?: T): Promise<T | undefined> {
  const row = await db.settings.get(key);
  return row === undefined ? fallback : (row.value as T);
}

export async function setSetting(db: ZhixiaoDB, key: string, value: unknown): Promise<void> {
  await db.settings.put({ key, value });
}

// ── backup ──────────────────────────────────────────────────────────────────────────────────────

export const BACKUP_FORMAT = 'zhixiao-backup';

export interface Backup {
  format: typeof BACKUP_FORMAT;
  schemaVersion: number;
  exportedAt: string;
  tables: Record<TableName, unknown[]>;
}

const SECTION_TABLES = new Set<string>(SECTIONS);

/**
 * Every table as one JSON-ready object. Sections are written as their logical rows (flat, in id order, as up to
 * schema v3): the case rows are read once and split into the cases (scalars) and events / parties / documents / writs.
 */
export async function exportAll(db: ZhixiaoDB, now: number = Date.now()): Promise<Backup> {
  const tables = {} as Record<TableName, unknown[]>;
  await db.transaction('r', DB_TABLES.map((t) => db.table(t)), async () => {
    const flat: Record<Section, ChildRow[]> = { events: [], parties: [], documents: [], writs: [] };
    const cases: CaseRow[] = [];
    await db.cases.each(({ items, ...row }) => {
      cases.push(row);
      for (const section of SECTIONS) for (const item of itemsOf(items, section)) flat[section].push(item);
    });
    for (const t of TABLES) {
      tables[t] = t === 'cases' ? cases : SECTION_TABLES.has(t) ? flat[t as Section].sort(byId) : await db.table(t).toArray();
    }
  });
  return { format: BACKUP_FORMAT, schemaVersion: SCHEMA_VERSION, exportedAt: new Date(now).toISOString(), tables };
}

const BackupHeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  schemaVersion: z.number().int().min(1).max(SCHEMA_VERSION, { message: `备份来自更新的版本（本机数据库版本 ${SCHEMA_VERSION}）` }),
  exportedAt: z.string(),
  tables: z.record(z.string(), z.array(z.unknown())),
});

const BackupTablesSchema = z.object({
  cases: z.array(CaseRowSchema).default([]),
  events: z.array(EventRowSchema).default([]),
  parties: z.array(PartyRowSchema).default([]),
  documents: z.array(DocumentRowSchema).default([]),
  writs: z.array(WritRowSchema).default([]),
  signoffs: z.array(SignoffRowSchema).default([]),
  marks: z.array(MarkRowSchema).default([]),
  flags: z.array(FlagRowSchema).default([]),
  audit: z.array(AuditRowSchema).default([]),
  settings: z.array(SettingRowSchema).default([]),
  outbox: z.array(OutboxRowSchema).default([]),
});

export interface TableImportCount {
  /** rows that were not there */
  added: number;
  /** rows merged into an existing one */
  updated: number;
  /** rows already present as they are */
  unchanged: number;
}
export type ImportResult =
  | { ok: true; fromSchemaVersion: number; tables: Record<TableName, TableImportCount> }
  | { ok: false; error: string };

/**
 * Restores a backup by merging (never wiping). The whole file is validated first; if anything fails,
 * nothing is written. Older backup versions are upgraded with the same transforms as the database.
 * Merge rules: cases take the scalars of whichever copy was seen last (sources/sections united, earliest
 * firstSeenAt); event/party/document/writ rows, sign-offs, marks, flags and outbox entries are matched on their
 * id / clientId and kept when present (a sign-off or flag that is synced in the file becomes synced);
 * audit entries are matched on hash and keep their seq when it is free; settings in the file overwrite.
 */
export async function importAll(db: ZhixiaoDB, json: unknown): Promise<ImportResult> {
  let data: unknown = json;
  if (typeof json === 'string') {
    try {
      data = JSON.parse(json);
    } catch (e) {
      return { ok: false, error: `不是有效的 JSON: ${(e as Error).message}` };
    }
  }
  const header = BackupHeaderSchema.safeParse(data);
  if (!header.success) return { ok: false, error: `备份文件无效: ${formatZodError(header.error)}` };
  const unknownTables = Object.keys(header.data.tables).filter((t) => !(TABLES as readonly string[]).includes(t));
  if (unknownTables.length) return { ok: false, error: `备份文件无效: 未知的表 ${unknownTables.join(', ')}` };
  const upgraded = upgradeBackupTables(header.data.schemaVersion, header.data.tables);
  const parsed = BackupTablesSchema.safeParse(upgraded);
  if (!parsed.success) return { ok: false, error: `备份文件无效: ${formatZodError(parsed.error, 5, ['tables'])}` };
  const t = parsed.data;
  for (const section of SECTIONS) {
    const bad = (t[section] as ChildMeta[]).findIndex((r) => !r.id.startsWith(`${r.caseKey}|`));
    if (bad >= 0) return { ok: false, error: `备份文件无效: tables.${section}[${bad}].id: 应以 "${t[section][bad].caseKey}|" 开头` };
  }
  // The audit log is a hash chain (exportAll always writes all of it): an edited, cut or reordered log is refused
  // rather than merged, so a damaged file can never break the local chain.
  if (t.audit.length > 0) {
    const v = verifyChain(t.audit.map((a) => ({ ...a, caseKey: a.caseKey ?? '' })));
    if (!v.ok) {
      const shown = v.problems.slice(0, 3).map((p) => p.message).join('；');
      return { ok: false, error: `备份文件无效: 审计日志未通过完整性校验（${shown}${v.problems.length > 3 ? ` 等 ${v.problems.length} 处` : ''}），未导入任何数据` };
    }
  }

  const counts = Object.fromEntries(TABLES.map((n) => [n, { added: 0, updated: 0, unchanged: 0 }])) as Record<TableName, TableImportCount>;

  try {
    await importTables(db, t, counts);
  } catch (e) {
    if (e instanceof ImportRefused) return { ok: false, error: e.message }; // the transaction rolled back: nothing written
    throw e;
  }
  // Rows merged in may change a case without changing its lastSeenAt: drop the derived row cache.
  await Dexie.delete(derivedCacheName(db.name)).catch(() => {});
  announceCasesReplaced(db.name);

  return { ok: true, fromSchemaVersion: header.data.schemaVersion, tables: counts };
}

/** A file refused after its transaction started (what it lacks is known only from the store). */
class ImportRefused extends Error {}

/** importAll's merge, in one transaction over every table. */
async function importTables(db: ZhixiaoDB, t: z.infer<typeof BackupTablesSchema>, counts: Record<TableName, TableImportCount>): Promise<void> {
  await db.transaction('rw', DB_TABLES.map((n) => db.table(n)), async () => {
    // cases: scalars merged here; a case row is written once, with the items merged below
    const oldCases = await db.cases.bulkGet(t.cases.map((c) => c.caseKey));
    const rowsByKey = new Map<string, StoredCaseRow>();
    const changedKeys = new Set<string>();
    t.cases.forEach((c, i) => {
      const old = oldCases[i];
      if (!old) {
        rowsByKey.set(c.caseKey, c);
        changedKeys.add(c.caseKey);
        counts.cases.added++;
        return;
      }
      const { items, ...oldScalars } = old;
      const newer = c.lastSeenAt > old.lastSeenAt ? c : oldScalars;
      const merged: CaseRow = {
        ...(newer === c ? { ...oldScalars, ...dropUndefined(c) } : { ...c, ...dropUndefined(oldScalars) }),
        firstSeenAt: Math.min(c.firstSeenAt, old.firstSeenAt),
        lastSeenAt: Math.max(c.lastSeenAt, old.lastSeenAt),
        sources: [...new Set([...old.sources, ...c.sources])],
        sectionsSeen: [...new Set([...old.sectionsSeen, ...c.sectionsSeen])],
      };
      if (canon(merged) === canon(oldScalars)) {
        rowsByKey.set(c.caseKey, old);
        counts.cases.unchanged++;
      } else {
        rowsByKey.set(c.caseKey, items ? { ...merged, items } : merged);
        changedKeys.add(c.caseKey);
        counts.cases.updated++;
      }
    });

    // event / party / document / writ rows: kept when present (by their id within the case's items)
    {
      const byCase = new Map<string, Record<Section, ChildRow[]>>();
      for (const section of SECTIONS) {
        for (const r of t[section] as ChildRow[]) {
          let g = byCase.get(r.caseKey);
          if (!g) byCase.set(r.caseKey, (g = { events: [], parties: [], documents: [], writs: [] }));
          g[section].push(r);
        }
      }
      const missing = [...byCase.keys()].filter((k) => !rowsByKey.has(k));
      const stored = await db.cases.bulkGet(missing);
      missing.forEach((k, i) => {
        if (stored[i]) rowsByKey.set(k, stored[i]!);
      });
      // items are stored in their case's row: items of a case neither the file nor this store has cannot be kept
      const orphan = missing.find((k) => !rowsByKey.has(k));
      if (orphan !== undefined) {
        const section = SECTIONS.find((sec) => byCase.get(orphan)![sec].length > 0)!;
        const at = (t[section] as ChildRow[]).findIndex((r) => r.caseKey === orphan);
        throw new ImportRefused(`备份文件无效: tables.${section}[${at}].caseKey: 案件 "${orphan}" 既不在备份中也不在本机，无法导入其条目`);
      }
      for (const [caseKey, sections] of byCase) {
        const prev = rowsByKey.get(caseKey)!;
        const next: CaseItems = { ...prev.items };
        let changed = false;
        for (const section of SECTIONS) {
          const items = sections[section];
          if (items.length === 0) continue;
          const have = new Set(itemsOf(prev.items, section).map((r) => r.id));
          const add: ChildRow[] = [];
          for (const r of items) {
            if (have.has(r.id)) continue;
            have.add(r.id);
            add.push(r);
          }
          counts[section].added += add.length;
          counts[section].unchanged += items.length - add.length;
          if (add.length) {
            (next as Record<Section, ChildRow[]>)[section] = [...itemsOf(prev.items, section), ...add];
            changed = true;
          }
        }
        if (changed) {
          rowsByKey.set(caseKey, { ...prev, items: next });
          changedKeys.add(caseKey);
        }
      }
      await db.cases.bulkPut([...changedKeys].map((k) => rowsByKey.get(k)!));
    }
    {
      const rows = t.outbox;
      const old = await db.outbox.bulkGet(rows.map((r) => r.id));
      const add = rows.filter((_, i) => !old[i]);
      counts.outbox.added += add.length;
      counts.outbox.unchanged += rows.length - add.length;
      await db.outbox.bulkPut(add);
    }

    // records with clientId and an auto-increment id
    for (const name of ['signoffs', 'marks', 'flags'] as const) {
      const rows = t[name] as (Row & { id?: number; clientId: string; syncState?: string })[];
      const table = db.table(name);
      const byClient = new Map<string, Row & { id: number; syncState?: string }>();
      for (const r of await table.where('clientId').anyOf(rows.map((r) => r.clientId)).toArray()) byClient.set(r.clientId, r);
      for (const r of rows) {
        const prev = byClient.get(r.clientId);
        if (prev) {
          if (r.syncState === 'synced' && prev.syncState !== 'synced') {
            await table.update(prev.id, { syncState: 'synced', lastError: undefined });
            counts[name].updated++;
          } else counts[name].unchanged++;
          continue;
        }
        const row = { ...r };
        // Keep the file's id when it is free now (an id given out earlier in this loop counts as taken).
        if (row.id === undefined || (await table.get(row.id))) delete row.id;
        const id = await table.add(row);
        byClient.set(r.clientId, { ...row, id: id as number });
        counts[name].added++;
      }
    }

    // audit: match on hash, keep seq when free
    const auditRows = t.audit;
    const knownHashes = new Set<string>(
      (await db.audit.where('hash').anyOf(auditRows.map((a) => a.hash)).toArray()).map((a) => a.hash),
    );
    for (const a of auditRows) {
      if (a.hash && knownHashes.has(a.hash)) {
        counts.audit.unchanged++;
        continue;
      }
      const row = { ...a };
      if (row.seq === undefined || (await db.audit.get(row.seq))) delete row.seq;
      await db.audit.add(row);
      if (a.hash) knownHashes.add(a.hash);
      counts.audit.added++;
    }

    // settings: the file's value wins
    const oldSettings = await db.settings.bulkGet(t.settings.map((s) => s.key));
    const settingPuts: SettingRow[] = [];
    t.settings.forEach((s, i) => {
      const old = oldSettings[i];
      if (!old) counts.settings.added++;
      else if (canon(old.value) === canon(s.value)) {
        counts.settings.unchanged++;
        return;
      } else counts.settings.updated++;
      settingPuts.push(s);
    });
    await db.settings.bulkPut(settingPuts);
  });
}
