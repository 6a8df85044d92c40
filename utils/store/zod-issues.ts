import type { z } from 'zod';

/** "tables.cases[3].filedOn: 日期不存在; …" — a zod error as one readable line, paths included. */
export function formatZodError(error: z.ZodError, max = 5, prefix: ReadonlyArray<PropertyKey> = []): string {
  const parts = error.issues.slice(0, max).map((i) => `${formatPath([...prefix, ...i.path])}: ${i.message}`);
  if (error.issues.length > max) parts.push(`… ${error.issues.length - max} more`);
  return parts.join('; ');
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return '(root)';
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}
