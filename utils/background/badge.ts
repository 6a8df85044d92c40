// The toolbar badge: how many pending cached cases are overdue or urgent. Counted in full once per day (daily
// alarm, browser start, first ingest) and then kept current from each ingested page's views, so a page load
// never makes the background re-evaluate every cached case.
import type { RowView } from '../views/case-view';

export const countsOnBadge = (v: Pick<RowView, 'closed' | 'badge'>): boolean =>
  !v.closed && (v.badge.level === 'overdue' || v.badge.level === 'urgent');

export class BadgeCounter {
  private flagged = new Set<string>();
  private day: string | null = null;

  /** Replaces the state with a full count over every cached case, for `day`. */
  reset(day: string, views: Iterable<Pick<RowView, 'caseKey' | 'closed' | 'badge'>>): number {
    this.flagged = new Set();
    for (const v of views) if (countsOnBadge(v)) this.flagged.add(v.caseKey);
    this.day = day;
    return this.flagged.size;
  }

  /** Applies one page's views; null when a full count is needed first (none yet, or the day changed). */
  update(day: string, views: Iterable<Pick<RowView, 'caseKey' | 'closed' | 'badge'>>): number | null {
    if (this.day !== day) return null;
    for (const v of views) {
      if (countsOnBadge(v)) this.flagged.add(v.caseKey);
      else this.flagged.delete(v.caseKey);
    }
    return this.flagged.size;
  }
}
