// 质效看板 data: read straight from the local database (extension origin). Every case is evaluated at most once
// per (record revision, day, rule configuration): rows still current come from the row cache (./dashboard-cache)
// in one bulk read, the rest are evaluated (buildCaseView) and written back. Then handed to the pure builders in
// ./dashboard-ledgers. The UI slices and paginates; nothing awaits per row.
import { z } from 'zod';
import { chinaToday } from '../domain/dates';
import { resolveIndicatorDefs, type IndicatorDef } from '../rules/indicators';
import { evaluateConfig } from '../background/views';
import { getCases, getSetting, openDb, formatZodError, type ZhixiaoDB } from '../store';
import { buildCaseView } from '../views/build';
import { HOLIDAY_OVERRIDES_KEY } from '../rules/holiday-overrides';
import {
  caseRevisions, dashCacheOf, fingerprintBase, fingerprintOf, readFreshRows, writeRows, type DashCacheDB, type DashCacheRow,
} from './dashboard-cache';
import { compactRow, dashRowOf, type DashRow, type DashUser, type MarkLike, type SignoffLike } from './dashboard-ledgers';
import type { ArchiveTable } from '../rules/archive';
import { DEFAULT_ARCHIVE_TABLE } from '../rules/archive';

/** Settings key of the indicator override (options page), validated by resolveIndicatorDefs (zod). */
export const INDICATOR_OVERRIDE_KEY = 'indicatorOverride';
/**
 * Settings key of the host user recorded by the background (PageUser shape plus url): the one the background's
 * reportUser handler writes (utils/background/supervision.ts LAST_HOST_USER_KEY). It was 'currentUser', which
 * nothing wrote, so the dashboard and the notifications always fell back to 全院.
 */
export const CURRENT_USER_KEY = 'lastHostUser';

const CurrentUserSchema = z.object({
  name: z.string().trim().min(1).max(64),
  role: z.string().trim().max(32).optional(),
  division: z.string().trim().max(128).optional(),
}).passthrough();

export interface DashboardData {
  today: string;
  rows: DashRow[];
  marks: MarkLike[];
  signoffs: SignoffLike[];
  user: DashUser | null;
  defs: IndicatorDef[];
  archiveTable: ArchiveTable;
  /** Chinese: settings that could not be used (kept, reported) */
  problems: string[];
  /** ms spent reading + evaluating (shown in the footer; first-paint budget is 1 s for 20,000 cases) */
  loadMs: number;
  /** rows taken from the row cache vs evaluated now; ms until the cached rows were read */
  cacheStats: { fresh: number; evaluated: number; readMs: number };
  /** the cache write of the rows evaluated now: null when done (or nothing to write), else the error */
  written: Promise<string | null>;
}

/** The user as stored by the background; accepts `{user: {...}}` wrappers too. Invalid → null. */
export function parseCurrentUser(raw: unknown): DashUser | null {
  const candidate = raw && typeof raw === 'object' && 'user' in (raw as object) ? (raw as { user: unknown }).user : raw;
  const p = CurrentUserSchema.safeParse(candidate);
  return p.success ? { name: p.data.name, role: p.data.role, division: p.data.division } : null;
}

export interface LoadOptions {
  /** evaluated-row cache (./dashboard-cache); default: the one of `db` (opened and closed here); null = no cache */
  cache?: DashCacheDB | null;
  /** called while cases are (re-)evaluated: done of total (only when something needs evaluating) */
  onProgress?: (done: number, total: number) => void;
  /** cases evaluated between two yields to the event loop (default 500) */
  chunk?: number;
  /** awaited before each chunk is read and evaluated (the background waits here for page traffic to pass) */
  pause?: () => Promise<void>;
}

/**
 * Reads the cached rows whose fingerprint is current (one bulk read), evaluates the others from the case store
 * (in chunks, reporting progress), and writes those back. The rows are in caseKey order, as a full evaluation
 * would give them; `written` settles when the cache write is done (null = ok, else the error).
 */
/** Timing marks for tests/bench/dashboard.ts (harmless elsewhere). */
const perfMark = (name: string) => { try { performance.mark(name); } catch { /* no performance API */ } };

export async function loadDashboardData(db: ZhixiaoDB = openDb(), today: string = chinaToday(new Date()), opts: LoadOptions = {}): Promise<DashboardData> {
  const t0 = performance.now();
  const problems: string[] = [];
  const ownCache = opts.cache === undefined;
  const cache = ownCache ? dashCacheOf(db) : opts.cache ?? null;
  const cfg = await evaluateConfig(db);
  if (cfg.overrideError) problems.push(`审限规则设置无效，已按内置规则计算：${cfg.overrideError}`);
  const archiveTable = cfg.archiveTable ?? DEFAULT_ARCHIVE_TABLE;
  const [revisions, marks, signoffs, rawUser, rawIndicators, rawRules, rawHolidays] = await Promise.all([
    caseRevisions(db).then((r) => { perfMark('zx:dash-revisions'); return r; }),
    db.marks.toArray(),
    db.signoffs.toArray(),
    getSetting<unknown>(db, CURRENT_USER_KEY),
    getSetting<unknown>(db, INDICATOR_OVERRIDE_KEY),
    getSetting<unknown>(db, 'rulesOverride'),
    getSetting<unknown>(db, HOLIDAY_OVERRIDES_KEY),
  ]);
  const base = fingerprintBase(today, JSON.stringify([rawRules ?? null, rawHolidays ?? null, archiveTable]));
  const { fresh, staleOrGone } = cache ? await readFreshRows(cache, base, revisions) : { fresh: new Map<string, DashRow>(), staleOrGone: [] };
  const tRead = performance.now();
  perfMark('zx:dash-rows-read');

  const stale = [...revisions.keys()].filter((k) => !fresh.has(k));
  const evaluated = new Map<string, DashRow>();
  const puts: DashCacheRow[] = [];
  const chunk = Math.max(1, opts.chunk ?? 500);
  for (let i = 0; i < stale.length; i += chunk) {
    const keys = stale.slice(i, i + chunk);
    if (opts.pause) await opts.pause();
    const cases = await getCases(db, keys);
    for (const c of cases) {
      if (!c) continue;
      try {
        const row = compactRow(dashRowOf(c, buildCaseView(c, today, cfg)), today, archiveTable);
        evaluated.set(c.caseKey, row);
        puts.push({ caseKey: c.caseKey, fp: fingerprintOf(base, revisions.get(c.caseKey) ?? c.lastSeenAt), row });
      } catch (e) {
        problems.push(`${c.caseNo}：无法计算（${e instanceof Error ? e.message : String(e)}）`);
      }
    }
    opts.onProgress?.(Math.min(i + chunk, stale.length), stale.length);
    if (i + chunk < stale.length) await new Promise((r) => setTimeout(r, 0));
  }
  const rows: DashRow[] = [];
  for (const k of revisions.keys()) {
    const r = fresh.get(k) ?? evaluated.get(k);
    if (r) rows.push(r);
  }
  let written: Promise<string | null> = cache && (puts.length || staleOrGone.length) ? writeRows(cache, puts, staleOrGone) : Promise.resolve(null);
  if (cache && ownCache) written = written.finally(() => cache.close());
  let defs: IndicatorDef[];
  try {
    defs = resolveIndicatorDefs(rawIndicators as never);
  } catch (e) {
    defs = resolveIndicatorDefs(null);
    problems.push(`指标参考区间设置无效，已用内置设置：${e instanceof z.ZodError ? formatZodError(e) : String(e)}`);
  }
  return {
    today, rows, marks: marks as MarkLike[], signoffs: signoffs as SignoffLike[], user: parseCurrentUser(rawUser), defs,
    archiveTable, problems, loadMs: Math.round(performance.now() - t0),
    cacheStats: { fresh: fresh.size, evaluated: evaluated.size, readMs: Math.round(tRead - t0) }, written,
  };
}
