// Ingest on the hot path of every host page load: answer with view models, then persist what the page showed.
// Pages are stored one at a time (a queue); each page's stored cases are read once, inside its write's
// transaction, and the views are computed from them overlaid with the page's snapshot (the same merge the store
// does, tested) and sent before the merged rows are written. The host system stays the source of truth for case
// data: a write lost to a browser closed within that fraction of a second is redone by the next visit to the page.
// Our own records (sign-offs, flags, marks) never take this path.
import Dexie from 'dexie';
import { CaseSnapshotSchema, type CaseSnapshot } from '../domain/case';
import { formatZodError } from '../store/zod-issues';
import type { EvaluateConfig } from '../domain/evaluate';
import type { ArchiveTable } from '../rules/archive';
import { ingestPage, type CaseCount, type IngestRead, type IngestResult, type StoredCase, type ZhixiaoDB } from '../store';
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

/** Runs writes one after another, in the order queued (a failed write does not block the next). */
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(write: () => Promise<T>): Promise<T> {
    const next = this.tail.then(write, write);
    this.tail = next.catch(() => {});
    return next;
  }
  /** Resolves when every write queued so far has finished. */
  idle(): Promise<void> {
    return this.tail.then(() => {});
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
  // A section the page shows replaces the stored one (overlaySnapshot), so only the others are taken from the store.
  const shown = (s: (typeof SECTIONS)[number]) => input.cases.length > 0 && input.cases.every((c) => c[s] !== undefined);
  const sections = SECTIONS.filter((s) => !shown(s));
  const caseKeys = [...new Set(input.cases.map((c) => caseKeyOf(c.caseNo)).filter((k) => k !== ''))];
  let answer!: (a: Omit<IngestViews, 'written'>) => void;
  let fail!: (e: unknown) => void;
  // settled outside the write's transaction zone: what runs on the answer must not join that transaction
  const answered = new Promise<Omit<IngestViews, 'written'>>((resolve, reject) => {
    answer = (a) => Dexie.ignoreTransaction(() => resolve(a));
    fail = (e) => Dexie.ignoreTransaction(() => reject(e));
  });
  // Answered from the write's own read, in its transaction: every page queued earlier is stored by then, and a
  // count taken there (when the running one is not current) sees exactly those.
  const onRead = ({ stored, casesStored }: IngestRead) => {
    try {
      if (casesStored !== undefined) count?.set(casesStored);
      const cachedBefore = casesStored ?? count?.peek() ?? 0;
      const before = input.cases.map((c) => stored(c.caseNo, { sections }));
      const known = new Set(before.filter((c): c is StoredCase => c !== undefined).map((c) => c.caseKey));
      const newCases = caseKeys.filter((k) => !known.has(k)).length;
      count?.added(newCases);
      const views = input.cases.map((page, i) => cache.viewOf(overlaySnapshot(before[i], page), day, cfg, configKey));
      answer({ caseKeys, newCases, casesCached: cachedBefore + newCases, views });
    } catch (e) {
      fail(e); // no answer, but the page is still stored
    }
  };
  const hooks = { onRead, countCases: () => !count?.current };
  const written = writes.run(() => ingestPage(db, input, Date.now(), hooks));
  written.catch((e) => {
    count?.reset(); // new cases counted may not be stored after all: count again
    fail(e); // a write that failed before its read answers with its error
  });
  return { ...(await answered), written };
}
