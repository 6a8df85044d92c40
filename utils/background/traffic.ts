// Page traffic and background scans share the service worker's one thread and the one database. A host page's
// ingest (its reply and its queued write) is what the user waits for; the daily scan, the notification run and
// the badge's full count evaluate every cached case and can wait. They evaluate in small chunks and, before each
// chunk, wait here until no ingest has been in flight for a moment — but never longer than `maxWaitMs`, so a
// court that browses all day still gets its daily count.

export class PageTraffic {
  private inFlight = 0;
  private lastEnd = 0;
  private waiters: Array<() => void> = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * @param quietMs how long after the last ingest settled a scan chunk may start (consecutive pages of one user
   *   come within this gap; the scan does not slip in between them)
   * @param maxWaitMs the longest a scan chunk waits for a quiet moment
   */
  constructor(
    private readonly quietMs = 300,
    private readonly maxWaitMs = 10_000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Marks an ingest in flight; call the returned function (once) when its reply is sent and its write settled. */
  begin(): () => void {
    this.inFlight++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.inFlight--;
      this.lastEnd = this.now();
      this.schedule();
    };
  }

  get busy(): boolean {
    return this.inFlight > 0;
  }

  /** Resolves once no ingest is in flight and none ended within `quietMs` (or after `maxWaitMs` in any case). */
  whenQuiet(): Promise<void> {
    if (this.isQuiet()) return Promise.resolve();
    return new Promise<void>((resolve) => {
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        clearTimeout(limit);
        resolve();
      };
      const limit = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== finish);
        finish();
      }, this.maxWaitMs);
      this.waiters.push(finish);
      this.schedule();
    });
  }

  private isQuiet(): boolean {
    return this.inFlight === 0 && this.now() - this.lastEnd >= this.quietMs;
  }

  private schedule(): void {
    if (this.waiters.length === 0 || this.inFlight > 0) return;
    clearTimeout(this.timer);
    const wait = Math.max(0, this.quietMs - (this.now() - this.lastEnd));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.isQuiet()) return this.schedule();
      const waiters = this.waiters;
      this.waiters = [];
      for (const w of waiters) w();
    }, wait);
  }
}
