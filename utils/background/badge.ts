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

/**
 * Full counts, one at a time: a count asked for while one runs joins it (a page stored before the first full
 * count used to start a second evaluation of every cached case, and a third…). Pages stored while it runs are
 * applied on top of it once it is done, so the count it sets is never older than the last stored page.
 */
export class BadgeRefresher {
  private running: Promise<number> | null = null;
  private late: Array<Pick<RowView, 'caseKey' | 'closed' | 'badge'>> = [];

  constructor(
    private readonly counter: BadgeCounter,
    /** evaluates every cached case and resets the counter (refreshBadge) */
    private readonly fullCount: (counter: BadgeCounter) => Promise<number>,
    private readonly show: (count: number) => Promise<void>,
    private readonly today: () => string,
  ) {}

  get refreshing(): boolean {
    return this.running !== null;
  }

  refresh(): Promise<number> {
    if (this.running) return this.running;
    this.late = [];
    const run = this.fullCount(this.counter).then(async (count) => {
      const late = this.late;
      this.late = [];
      if (late.length === 0) return count;
      const now = this.counter.update(this.today(), late);
      if (now === null) return count;
      await this.show(now);
      return now;
    });
    this.running = run.finally(() => {
      this.running = null;
      this.late = [];
    });
    return this.running;
  }

  /** A stored page's views: the count to show now, or null when a full count is needed first. */
  pageStored(views: ReadonlyArray<Pick<RowView, 'caseKey' | 'closed' | 'badge'>>): number | null {
    if (this.running) this.late.push(...views);
    return this.counter.update(this.today(), views);
  }
}
