// The background keeps its service worker alive while the database opens (a long schema upgrade must not be cut off).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keepAliveWhile } from '../../utils/background/keep-alive';

afterEach(() => vi.useRealTimers());

describe('keepAliveWhile', () => {
  it('pings while the work runs and stops when it settles, either way', async () => {
    vi.useFakeTimers();
    for (const outcome of ['resolve', 'reject'] as const) {
      let settle!: () => void;
      const work = new Promise<void>((res, rej) => (settle = outcome === 'resolve' ? res : () => rej(new Error('upgrade failed'))));
      const ping = vi.fn(async () => {});
      const kept = keepAliveWhile(work, ping, 20_000);
      await vi.advanceTimersByTimeAsync(65_000);
      expect(ping).toHaveBeenCalledTimes(3);
      settle();
      await kept.catch(() => {});
      await vi.advanceTimersByTimeAsync(100_000);
      expect(ping).toHaveBeenCalledTimes(3);
    }
  });
});
