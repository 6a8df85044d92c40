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
  caseChangesSince, caseRevisions, dashCacheOf, fingerprintBase, fingerprintOf, freshByChanges, freshByRevisions, readCacheMeta, readSnapshot,
  writeRows, type DashCacheDB, type DashCacheRow,
  rowsVersionOf, writeIndicatorMemo,
} from './dashboard-cache';
import { compactRow, dashRowOf, inScope, periodOf, scopesFor, toIndicatorCase, type DashRow, type DashUser, type MarkLike, type SignoffLike } from './dashboard-ledgers';
import { computeIndicators } from '../domain/indicators';
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
  cacheStats: { fresh: number; evaluated: number; readMs: number; checkedBy: 'changes' | 'revisions' };
  /** the cache write of the rows evaluated now: null when done (or nothing to write), else the error */
  written: Promise<string | null>;
  /**
   * Indicator results stored by an earlier open for exactly these rows (present only when this load took every row
   * from the cache, evaluating and dropping none): the dashboard uses them when its inputs give the same key.
   */
  indicatorMemo?: IndicatorMemo;
}

/**
 * What the dashboard's opening view computes its indicators from (the widest scope the user has, no filter, this
 * year): shared by the page and the background's daily run so both name the memo alike.
 */
export function openingIndicatorInputs(data: Pick<DashboardData, 'user' | 'today' | 'defs'>): unknown[] {
  const { scopes } = scopesFor(data.user);
  return [scopes[scopes.length - 1], {}, periodOf('year', data.today), data.defs];
}

/**
 * After the daily run refreshed the rows: computes and stores the opening view's indicators, so the day's first
 * open of the dashboard paints from the memo. Returns whether it stored one.
 */
export async function prepareOpeningIndicators(db: ZhixiaoDB, today: string, load: LoadOptions = {}): Promise<boolean> {
  let data = await loadDashboardData(db, today, load);
  await data.written;
  // a load that evaluated rows offers no memo; once written, the next load takes every row from the cache
  if (!data.indicatorMemo) {
    data = await loadDashboardData(db, today, load);
    await data.written;
  }
  const memo = data.indicatorMemo;
  if (!memo) return false; // rows keep changing (pages being stored): the next run, or the next open, stores it
  const key = indicatorMemoKey(memo, openingIndicatorInputs(data));
  if (memo.stored?.key === key) return false;
  const scoped = inScope(data.rows, scopesFor(data.user).scopes.at(-1)!);
  const results = computeIndicators(scoped.map(toIndicatorCase), periodOf('year', today), data.defs);
  return (await memo.save(key, results)) === null;
}

/** The memo key for indicator inputs (scope, filter, period, definitions …) over the rows `memo` names. */
export function indicatorMemoKey(memo: IndicatorMemo, inputs: unknown): string {
  return `${memo.rowsVersion}|${JSON.stringify(inputs)}`;
}

/** The stored results when they were computed for `key`, else null. */
export function memoResults<T>(memo: IndicatorMemo | undefined, key: string | null): T[] | null {
  if (!memo?.stored || key === null || memo.stored.key !== key) return null;
  try {
    const r = JSON.parse(memo.stored.json) as unknown;
    return Array.isArray(r) ? (r as T[]) : null;
  } catch {
    return null;
  }
}

export interface IndicatorMemo {
  /** names these rows (rowsVersionOf); part of every key */
  rowsVersion: string;
  stored: { key: string; json: string } | null;
  save(key: string, results: unknown): Promise<string | null>;
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
  /**
   * With `pause`: also yield (a task, then `pause`) after every this many evaluations inside a chunk — reads stay
   * in big chunks (each read has a fixed cost), while a message from a starting page waits for a few cases only.
   */
  yieldEvery?: number;
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
  perfMark('zx:dash-load-start');
  const problems: string[] = [];
  const ownCache = opts.cache === undefined;
  const cache = ownCache ? dashCacheOf(db) : opts.cache ?? null;
  // Everything at once: settings, marks, sign-offs, the cached rows, and — as soon as the cache's meta says from
  // which revision on — the cases changed since (a small range of the lastSeenAt index).
  const noCache = () => null;
  const metaP = cache ? readCacheMeta(cache).catch(noCache) : Promise.resolve(null);
  const since = metaP.then((m) => {
    const ws = m ? Object.values(m).map((b) => b.w) : [];
    return ws.length ? Math.min(...ws) : null;
  });
  const changesP = since.then((w) => (w === null ? null : caseChangesSince(db, w)));
  const snapP = cache ? readSnapshot(cache).catch(noCache) : Promise.resolve(null);
  const [cfg, snap, changes, from, marks, signoffs, rawUser, rawIndicators, rawRules, rawHolidays] = await Promise.all([
    evaluateConfig(db),
    snapP,
    changesP.then((c) => { perfMark('zx:dash-revisions'); return c; }),
    since,
    db.marks.toArray(),
    db.signoffs.toArray(),
    getSetting<unknown>(db, CURRENT_USER_KEY),
    getSetting<unknown>(db, INDICATOR_OVERRIDE_KEY),
    getSetting<unknown>(db, 'rulesOverride'),
    getSetting<unknown>(db, HOLIDAY_OVERRIDES_KEY),
  ]);
  perfMark('zx:dash-rows-read');
  if (cfg.overrideError) problems.push(`审限规则设置无效，已按内置规则计算：${cfg.overrideError}`);
  const archiveTable = cfg.archiveTable ?? DEFAULT_ARCHIVE_TABLE;
  const base = fingerprintBase(today, JSON.stringify([rawRules ?? null, rawHolidays ?? null, archiveTable]));
  // the cache vouches for itself (every block's meta is for this base), else every row is checked by revision
  const byChanges = snap && changes && from !== null ? freshByChanges(snap, base, from, changes) : null;
  if (!byChanges) perfMark('zx:dash-by-revisions');
  const plan = byChanges ?? freshByRevisions(snap, base, await caseRevisions(db));
  const { fresh } = plan;
  const tRead = performance.now();

  const evaluated = new Map<string, DashRow>();
  const puts: DashCacheRow[] = [];
  const gone = [...plan.gone];
  const stale = plan.stale;
  const chunk = Math.max(1, opts.chunk ?? 500);
  for (let i = 0; i < stale.length; i += chunk) {
    const keys = stale.slice(i, i + chunk);
    if (opts.pause) await opts.pause();
    const cases = await getCases(db, keys);
    const step = opts.pause && opts.yieldEvery ? Math.max(1, opts.yieldEvery) : Infinity;
    for (let j = 0; j < cases.length; j++) {
      if (j > 0 && j % step === 0) {
        await new Promise((r) => setTimeout(r, 0));
        await opts.pause!();
      }
      const c = cases[j];
      if (!c) { gone.push(keys[j]); continue; }
      try {
        const row = compactRow(dashRowOf(c, buildCaseView(c, today, cfg)), today, archiveTable);
        evaluated.set(c.caseKey, row);
        puts.push({ caseKey: c.caseKey, fp: fingerprintOf(base, c.lastSeenAt), row });
      } catch (e) {
        gone.push(c.caseKey); // never keep an older row of a case that cannot be evaluated now
        problems.push(`${c.caseNo}：无法计算（${e instanceof Error ? e.message : String(e)}）`);
      }
    }
    opts.onProgress?.(Math.min(i + chunk, stale.length), stale.length);
    if (i + chunk < stale.length) await new Promise((r) => setTimeout(r, 0));
  }
  const rows: DashRow[] = [];
  for (const k of plan.order) {
    const r = fresh.get(k) ?? evaluated.get(k);
    if (r) rows.push(r);
  }
  const at = { base, w: plan.w, vouch: true };
  // blocks the cache does not yet vouch for as of this load (first load after an upgrade, other base, older w)
  const vouchable = snap !== null && [...snap.blocks.keys()].some((id) => { const m = snap.meta[id]; return !m || m.base !== base || m.w < plan.w; });
  let written: Promise<string | null> = cache && (puts.length || gone.length || vouchable) ? writeRows(cache, puts, gone, at) : Promise.resolve(null);
  if (cache && ownCache) written = written.finally(() => cache.close());
  let defs: IndicatorDef[];
  try {
    defs = resolveIndicatorDefs(rawIndicators as never);
  } catch (e) {
    defs = resolveIndicatorDefs(null);
    problems.push(`指标参考区间设置无效，已用内置设置：${e instanceof z.ZodError ? formatZodError(e) : String(e)}`);
  }
  const indicatorMemo: IndicatorMemo | undefined = snap && byChanges && evaluated.size === 0 && gone.length === 0 && cache
    ? {
        rowsVersion: rowsVersionOf(snap, base, rows.length),
        stored: snap.memo,
        save: async (key, results) => {
          const c = ownCache ? dashCacheOf(db) : cache;
          try {
            return await writeIndicatorMemo(c, key, JSON.stringify(results));
          } finally {
            if (ownCache) c.close();
          }
        },
      }
    : undefined;
  return {
    indicatorMemo,
    today, rows, marks: marks as MarkLike[], signoffs: signoffs as SignoffLike[], user: parseCurrentUser(rawUser), defs,
    archiveTable, problems, loadMs: Math.round(performance.now() - t0),
    cacheStats: { fresh: fresh.size, evaluated: evaluated.size, readMs: Math.round(tRead - t0), checkedBy: byChanges ? 'changes' : 'revisions' }, written,
  };
}
