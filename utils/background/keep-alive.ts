// A schema upgrade of a court-sized store runs inside one IndexedDB transaction for seconds to tens of seconds
// (50,000 cases). Chrome stops an extension service worker after 30 s without events or extension API calls, and a
// stopped worker aborts the upgrade (IndexedDB rolls it back; the next start begins again). Since Chrome 110 every
// extension API call resets that timer, so the background pings one while the database opens.

/** Calls `ping` every `intervalMs` until `work` settles; returns `work`. */
export function keepAliveWhile<T>(work: Promise<T>, ping: () => Promise<unknown>, intervalMs = 20_000): Promise<T> {
  const timer = setInterval(() => void ping().catch(() => {}), intervalMs);
  const stop = () => clearInterval(timer);
  work.then(stop, stop);
  return work;
}
