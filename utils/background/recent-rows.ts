// The row views each list page showed last, so a reload or a return to the list can draw its badges from memory
// while the page's own ingest is on its way (the content script asks at document_start, utils/overlay/run.ts).
// Every ingest refreshes the rows of the cases it evaluated, whichever page they came from: a case opened in its
// detail page shows the new countdown on the list at once. A stamp (day · rule configuration) keeps yesterday's
// or another configuration's rows from being offered; the ingest reply that follows corrects anything else.
import { BoundedMap } from '../overlay/bounded-map';
import type { RowView } from '../views/case-view';

export interface RecentPage {
  rows: RowView[];
  casesCached: number;
}

export class RecentRows {
  private readonly rows: BoundedMap<string, { stamp: string; row: RowView }>;
  private readonly pages: BoundedMap<string, { caseKeys: string[]; casesCached: number }>;

  constructor(rowLimit = 20_000, pageLimit = 64) {
    this.rows = new BoundedMap(rowLimit);
    this.pages = new BoundedMap(pageLimit);
  }

  /** Records what an ingest computed; `url` is the page the rows were shown on (list pages only). */
  remember(stamp: string, rows: readonly RowView[], page?: { url: string; casesCached: number }): void {
    for (const row of rows) this.rows.set(row.caseKey, { stamp, row });
    if (page) this.pages.set(page.url, { caseKeys: rows.map((r) => r.caseKey), casesCached: page.casesCached });
  }

  /** The rows the page at exactly `url` showed last (path and query: page number, size, filters), each as last evaluated under `stamp`; null when the page is unknown. */
  pageRows(url: string, stamp: string): RecentPage | null {
    const page = this.pages.get(url);
    if (!page) return null;
    const rows: RowView[] = [];
    for (const key of page.caseKeys) {
      const hit = this.rows.get(key);
      if (hit && hit.stamp === stamp) rows.push(hit.row);
    }
    return rows.length ? { rows, casesCached: page.casesCached } : null;
  }

  clear(): void {
    this.rows.clear();
    this.pages.clear();
  }
}

