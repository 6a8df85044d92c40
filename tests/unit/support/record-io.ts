// Records what the store asks IndexedDB for, below every repository function (Dexie's DBCore): the row key of each
// write per table, and the keys of each bulkGet per table (one list per request). For tests that count requests.
import type Dexie from 'dexie';
import type { DBCoreGetManyRequest, DBCoreMutateRequest } from 'dexie';

type Row = Record<string, unknown>;

export function recordIo(db: Dexie): { writes: Record<string, string[]>; reads: Record<string, string[][]> } {
  const writes: Record<string, string[]> = {};
  const reads: Record<string, string[][]> = {};
  db.use({
    stack: 'dbcore',
    name: 'test-record-io',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          mutate: (req: DBCoreMutateRequest) => {
            const keys = req.type === 'add' || req.type === 'put'
              ? req.values.map((v) => String((v as Row).id ?? (v as Row).caseKey ?? (v as Row).key ?? '?'))
              : req.type === 'delete' ? req.keys.map(String) : [`<${req.type}>`];
            (writes[name] ??= []).push(...keys);
            return table.mutate(req);
          },
          getMany: (req: DBCoreGetManyRequest) => {
            (reads[name] ??= []).push(req.keys.map(String));
            return table.getMany(req);
          },
        };
      },
    }),
  });
  return { writes, reads };
}
