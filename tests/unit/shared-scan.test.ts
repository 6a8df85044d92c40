import { describe, expect, it } from 'vitest';
import { SharedScan } from '../../utils/background/shared-scan';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

describe('SharedScan: one scan of every cached case at a time', () => {
  it('a scan asked for while one for the same day runs joins it', async () => {
    const calls: string[] = [];
    const d = deferred<string>();
    const scan = new SharedScan((day) => { calls.push(day); return d.promise; });
    const a = scan.run('2026-11-23');
    const b = scan.run('2026-11-23');
    expect(b).toBe(a);
    d.resolve('rows');
    expect(await Promise.all([a, b])).toEqual(['rows', 'rows']);
    expect(calls).toEqual(['2026-11-23']);
  });

  it('another day, or a scan after the last one ended, runs anew', async () => {
    const calls: string[] = [];
    const scan = new SharedScan(async (day) => { calls.push(day); return day; });
    const first = scan.run('2026-11-23');
    const nextDay = scan.run('2026-11-24');
    expect(await first).toBe('2026-11-23');
    expect(await nextDay).toBe('2026-11-24');
    await scan.run('2026-11-24');
    expect(calls).toEqual(['2026-11-23', '2026-11-24', '2026-11-24']);
  });

  it('a failed scan is not kept: the next request scans again', async () => {
    let n = 0;
    const scan = new SharedScan(async () => {
      n++;
      if (n === 1) throw new Error('IndexedDB closed');
      return 'ok';
    });
    await expect(scan.run('2026-11-23')).rejects.toThrow('IndexedDB closed');
    expect(await scan.run('2026-11-23')).toBe('ok');
    expect(n).toBe(2);
  });
});
