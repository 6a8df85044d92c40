// Ingest on the hot path of every host page load: answer with view models, then persist what the page showed.
// The views are computed from the stored case overlaid with the page's snapshot (the same merge the store does,
// tested), so the badges need only one read; the write follows in a queue that runs one page at a time. The
// host system stays the source of truth for case data: a write lost to a browser closed within that fraction of
// a second is redone by the next visit to the page. Our own records (sign-offs, flags, marks) never take this path.
import { CaseSnapshotSchema, type CaseSnapshot } from '../domain/case';
import { formatZodError } from '../store/zod-issues';
import type { EvaluateConfig } from '../domain/evaluate';
import type { ArchiveTable } from '../rules/archive';
import { getCases, ingestPage, type CaseCount, type IngestResult, type StoredCase, type ZhixiaoDB } from '../store';
import { caseKeyOf } from '../store/case-key';
import { buildCaseView } from '../views/build';
import { BoundedMap } from '../overlay/bounded-map';
import type { CaseView } from '../views/case-view';

const SECTIONS = ['parties', 'events', 'documents', 'writs'] as const;

/**
 * The case as the store will hold it after ingesting `page`: scalar fields the page shows overwrite, sections
 * the page shows replace the stored ones (items it no longer shows are kept in the store but not current), and
 * everything the page does not show stays as stored. Must agree with utils/store/repo.ts ingestPage + getCase.
 */
export function overlaySnapshot(stored: CaseSnapshot | undefined, page: CaseSnapshot): CaseSnapshot {
  if (!stored) return page;
  const out: Record<string, unknown> = { ...stored };
  for (const [key, value] of Object.entries(page)) if (value !== undefined) out[key] = value;
  for (const section of SECTIONS) if (page[section] === undefined && stored[section] !== undefined) out[section] = stored[section];
  delete out.caseKey; delete out.firstSeenAt; delete out.lastSeenAt; delete out.sources; delete out.gone;
  return out as CaseSnapshot;
}

/** The host page → snapshot boundary: each case the content script read is validated here, one by one. */
export function validateCases(cases: unknown[]): { valid: CaseSnapshot[]; rejected: string[] } {
  const valid: CaseSnapshot[] = [];
  const rejected: string[] = [];
  cases.forEach((c, i) => {
    const parsed = CaseSnapshotSchema.safeParse(c);
    if (parsed.success) valid.push(parsed.data);
    else {
      const no = typeof (c as { caseNo?: unknown })?.caseNo === 'string' ? `（${(c as { caseNo: string }).caseNo}）` : '';
      rejected.push(`第 ${i + 1} 件${no}数据无效，未保存：${formatZodError(parsed.error)}`);
    }
  });
  return { valid, rejected };
}

type ViewConfig = EvaluateConfig & { archiveTable?: ArchiveTable };

/**
 * Views memoised on (day, config, merged case): reloading a list page re-evaluates nothing that did not change.
 * Bounded to the most recently used cases (a few list pages' worth): each entry keeps its case's JSON and its view,
 * and a service worker that ingested a whole court kept 20,000 of them (≈100 MB), long GC pauses that delayed the
 * answers a starting page waits for.
 */
export class ViewCache {
  private readonly entries: BoundedMap<string, { signature: string; view: CaseView }>;
  private configs = new WeakMap<object, number>();
  private nextConfigId = 1;
  constructor(limit = 3_000) {
    this.entries = new BoundedMap(limit);
  }

  viewOf(snapshot: CaseSnapshot, day: string, cfg: ViewConfig, configKey: object): CaseView {
    let id = this.configs.get(configKey);
    if (id === undefined) this.configs.set(configKey, (id = this.nextConfigId++));
    const signature = `${day}|${id}|${JSON.stringify(snapshot)}`;
    const hit = this.entries.get(snapshot.caseNo);
    if (hit?.signature === signature) return hit.view;
    const view = buildCaseView(snapshot, day, cfg);
    this.entries.set(snapshot.caseNo, { signature, view });
    return view;
  }
}

export interface IngestInput {
  profileId: string;
  pageKind: string;
  url: string;
  cases: CaseSnapshot[];
}

/**
 * Runs writes one after another (a failed write does not block the next). Each starts in a later task than the
 * one that queued it, so the reply that queued it is sent before the write's own work takes the thread. Each write
 * names the cases it stores, so a page about other cases need not wait for it (idleFor).
 */
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly pending = new Set<ReadonlySet<string>>();
  run<T>(write: () => Promise<T>, caseKeys: Iterable<string> = []): Promise<T> {
    const keys: ReadonlySet<string> = new Set(caseKeys);
    this.pending.add(keys);
    const start = () => new Promise<void>((resolve) => setTimeout(resolve, 0)).then(write);
    const next = this.tail.then(start, start);
    const done = () => void this.pending.delete(keys);
    next.then(done, done);
    this.tail = next.catch(() => {});
    return next;
  }
  /** Resolves when every write queued so far has finished. */
  idle(): Promise<void> {
    return this.tail.then(() => {});
  }
  /** Resolves at once when no queued write stores one of `caseKeys`, else when every write queued so far has finished. */
  idleFor(caseKeys: readonly string[]): Promise<void> {
    for (const keys of this.pending) if (caseKeys.some((k) => keys.has(k))) return this.idle();
    return Promise.resolve();
  }
}

export interface IngestViews {
  caseKeys: string[];
  /** cases the store did not hold before this page */
  newCases: number;
  /** cases cached once this page is stored */
  casesCached: number;
  views: CaseView[];
  /** the queued write; settles after the reply */
  written: Promise<IngestResult>;
}

export async function ingestAndView(
  db: ZhixiaoDB,
  input: IngestInput,
  day: string,
  cfg: ViewConfig,
  configKey: object,
  cache: ViewCache,
  writes: WriteQueue = new WriteQueue(),
  /** the background's running count of cached cases (default: count them) */
  count?: CaseCount,
): Promise<IngestViews> {
  // A section the page shows replaces the stored one (overlaySnapshot), so only the others are read. A page waits
  // for the queued writes only when one of them stores one of its cases (its views must not miss what an earlier
  // page wrote); pages about other cases are read and answered while those writes run. IndexedDB still orders the
  // transactions (a read created after a write on the same store sees it).
  const shown = (s: (typeof SECTIONS)[number]) => input.cases.length > 0 && input.cases.every((c) => c[s] !== undefined);
  const sections = SECTIONS.filter((s) => !shown(s));
  const caseKeys = [...new Set(input.cases.map((c) => caseKeyOf(c.caseNo)).filter((k) => k !== ''))];
  // a count taken while writes are queued would miss their new cases
  await (count?.current ? writes.idleFor(caseKeys) : writes.idle());
  const [cachedBefore, stored] = await Promise.all([
    count ? count.get() : db.cases.count(),
    getCases(db, input.cases.map((c) => c.caseNo), { sections }) as Promise<Array<StoredCase | undefined>>,
  ]);
  const known = new Set(stored.filter((c): c is StoredCase => c !== undefined).map((c) => c.caseKey));
  const newCases = caseKeys.filter((k) => !known.has(k)).length;
  // counted as stored now: the next page's count includes them even if it is answered before this write ends
  count?.added(newCases);
  const written = writes.run(() => ingestPage(db, input), caseKeys);
  written.catch(() => count?.reset()); // the new cases were not stored after all: count again
  const views = input.cases.map((page, i) => cache.viewOf(overlaySnapshot(stored[i], page), day, cfg, configKey));
  return { caseKeys, newCases, casesCached: cachedBefore + newCases, views, written };
}
