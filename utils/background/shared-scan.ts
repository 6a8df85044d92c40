// One evaluation of every cached case at a time. The toolbar count and the daily notification run both fire at
// browser start and on their daily alarms; each used to read (and, on a new day, evaluate) every cached case, side by
// side — at 50,000 cases the two scans slowed each other to 147 s and 543 s. A scan asked for while one for the same
// day runs joins it.
export class SharedScan<T> {
  private running: { day: string; result: Promise<T> } | null = null;

  constructor(private readonly scan: (day: string) => Promise<T>) {}

  run(day: string): Promise<T> {
    if (this.running?.day === day) return this.running.result;
    const entry = { day, result: this.scan(day) };
    this.running = entry;
    const done = () => {
      if (this.running === entry) this.running = null;
    };
    entry.result.then(done, done);
    return entry.result;
  }
}
