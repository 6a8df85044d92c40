// The row views each list page showed last, so a reload or a return to the list can draw its badges from memory
// while the page's own ingest is on its way (the content script asks at document_start, utils/overlay/run.ts).
// Every ingest refreshes the rows of the cases it evaluated, whichever page they came from: a case opened in its
// detail page shows the new countdown on the list at once. A stamp (day · rule configuration) keeps yesterday's
// or another configuration's rows from being offered; the ingest reply that follows corrects anything else.
// The last few pages are mirrored to storage.session: the service worker sleeps after 30 s idle, and a judge
// coming back to the list after reading a case should not wait for a full evaluation. The mirror is written right
// after the page's answer, while the judge reads the list (written when page traffic was quiet, it landed on the next
// page's start, where the storage write held up that page's first answers); pages remembered while a write runs are
// written together after it, the newest entry of each page only.
import { z } from 'zod';
import { BoundedMap } from '../overlay/bounded-map';
import { RowViewSchema, type RowView } from '../views/case-view';

export interface RecentPage {
  rows: RowView[];
  casesCached: number;
}

/** storage.session as far as we use it (absent or failing: memory only). */
export interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

const StoredPageSchema = z.object({ stamp: z.string(), rows: z.array(RowViewSchema), casesCached: z.number().int().nonnegative() });
const INDEX_KEY = 'zxRecentPages';
const pageKey = (url: string) => `zxRecent:${url}`;

export class RecentRows {
  private readonly rows: BoundedMap<string, { stamp: string; row: RowView }>;
  private readonly pages: BoundedMap<string, { caseKeys: string[]; casesCached: number }>;
  private saving: Promise<void> = Promise.resolve();
  /** pages remembered since the last mirror write, oldest first */
  private unsaved = new Map<string, z.infer<typeof StoredPageSchema>>();

  /** `storedPages`: how many pages are mirrored to `session` (each ≈ 250 bytes a row; Chrome 109 allows 1 MB). */
  constructor(private readonly session?: SessionArea, rowLimit = 20_000, pageLimit = 64, private readonly storedPages = 3) {
    this.rows = new BoundedMap(rowLimit);
    this.pages = new BoundedMap(pageLimit);
  }

  /** Records what an ingest computed; `page` is the list page the rows were shown on (list pages only). */
  remember(stamp: string, rows: readonly RowView[], page?: { url: string; casesCached: number }): void {
    for (const row of rows) this.rows.set(row.caseKey, { stamp, row });
    if (!page) return;
    this.pages.set(page.url, { caseKeys: rows.map((r) => r.caseKey), casesCached: page.casesCached });
    if (!this.session) return;
    const first = this.unsaved.size === 0;
    this.unsaved.delete(page.url);
    this.unsaved.set(page.url, { stamp, rows: [...rows], casesCached: page.casesCached });
    // a write for everything remembered until it starts (one already running is followed by another)
    if (first) this.saving = this.saving.then(() => this.store());
  }

  /** The rows the page at exactly `url` (path and query: page number, size, filters) showed last, under `stamp`. */
  async pageRows(url: string, stamp: string): Promise<RecentPage | null> {
    const page = this.pages.get(url);
    if (page) {
      const rows: RowView[] = [];
      for (const key of page.caseKeys) {
        const hit = this.rows.get(key);
        if (hit && hit.stamp === stamp) rows.push(hit.row);
      }
      return rows.length ? { rows, casesCached: page.casesCached } : null;
    }
    return this.restore(url, stamp);
  }

  /** Resolves when the mirror has caught up (tests). */
  flushed(): Promise<void> {
    return this.saving;
  }

  private async store(): Promise<void> {
    const entries = [...this.unsaved].reverse().slice(0, this.storedPages); // newest first
    this.unsaved = new Map();
    try {
      const index = await this.index();
      const urls = entries.map(([url]) => url);
      const next = [...urls, ...index.filter((u) => !urls.includes(u))];
      const dropped = next.splice(this.storedPages);
      if (dropped.length) await this.session!.remove(dropped.map(pageKey));
      await this.session!.set({ ...Object.fromEntries(entries.map(([url, entry]) => [pageKey(url), entry])), [INDEX_KEY]: next });
    } catch {
      /* quota or no session storage: memory only */
    }
  }

  private async index(): Promise<string[]> {
    const raw = (await this.session!.get(INDEX_KEY))[INDEX_KEY];
    return Array.isArray(raw) ? raw.filter((u): u is string => typeof u === 'string') : [];
  }

  /** After a service-worker restart: the mirrored page, validated (anything else is simply not offered). */
  private async restore(url: string, stamp: string): Promise<RecentPage | null> {
    if (!this.session) return null;
    try {
      const parsed = StoredPageSchema.safeParse((await this.session.get(pageKey(url)))[pageKey(url)]);
      if (!parsed.success || parsed.data.stamp !== stamp || parsed.data.rows.length === 0) return null;
      const { rows, casesCached } = parsed.data;
      // rows evaluated since the restart (newer) win over the mirrored ones
      for (const row of rows) if (!this.rows.has(row.caseKey)) this.rows.set(row.caseKey, { stamp, row });
      this.pages.set(url, { caseKeys: rows.map((r) => r.caseKey), casesCached });
      return this.pageRows(url, stamp);
    } catch {
      return null;
    }
  }
}
