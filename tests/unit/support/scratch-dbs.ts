// Databases a store test file creates: unique names, and the handles it opened, closed and deleted after each test.
import Dexie from 'dexie';
import { afterEach } from 'vitest';

export function scratchDatabases(prefix: string): { dbName: (what: string) => string; opened: Dexie[] } {
  let names: string[] = [];
  const opened: Dexie[] = [];
  afterEach(async () => {
    for (const d of opened.splice(0)) d.close();
    for (const n of names) await Dexie.delete(n);
    names = [];
  });
  const dbName = (what: string) => {
    const n = `${prefix}-${what}-${crypto.randomUUID()}`;
    names.push(n);
    return n;
  };
  return { dbName, opened };
}
