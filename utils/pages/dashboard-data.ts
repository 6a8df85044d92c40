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
  rowsVersionOf, writeIndicatorMemo, writeOpeningScreen, readOpeningRecords, caseTopRevision,
} from './dashboard-cache';
import { compactRow, dashRowOf, inScope, periodOf, scopesFor, toIndicatorCase, type DashRow, type DashUser, type MarkLike, type SignoffLike } from './dashboard-ledgers';
import { computeIndicators, type IndicatorResult } from '../domain/indicators';
import { openingScreenOf, parseOpeningScreen, type OpeningScreen } from './dashboard-screen';
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
  const needResults = memo.stored?.key !== key;
  const needScreen = memo.screenKey !== key;
  if (!needResults && !needScreen) return false;
  const scoped = inScope(data.rows, scopesFor(data.user).scopes.at(-1)!);
  if (needResults) {
    const results = computeIndicators(scoped.map(toIndicatorCase), periodOf('year', today), data.defs);
    if ((await memo.save(key, results)) !== null) return false;
  }
  // the screen only after the results: an open paints from the memo only when both carry its key
  return (await memo.saveScreen(key, openingScreenOf({ rowCount: data.rows.length, scoped }))) === null;
}

/** The memo key for indicator inputs (scope, filter, period, definitions …) over the rows `memo` names. */
export function indicatorMemoKey(memo: Pick<IndicatorMemo, 'rowsVersion'>, inputs: unknown): string {
  return `${memo.rowsVersion}|${JSON.stringify(inputs)}`;
}

/** The stored results when they were computed for `key`, else null. */
export function memoResults<T>(memo: Pick<IndicatorMemo, 'stored'> | undefined, key: string | null): T[] | null {
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
  /** the store's top case revision these rows are valid for (stored with the opening screen) */
  w: number;
  stored: { key: string; json: string } | null;
  save(key: string, results: unknown): Promise<string | null>;
  /** the key of the stored opening screen (./dashboard-screen), null when none */
  screenKey: string | null;
  /** stores the opening screen for `key` (the opening view's key, as for `save`) */
  saveScreen(key: string, screen: OpeningScreen): Promise<string | null>;
}

/**
 * What an open paints before the rows are read: the opening view's indicators and screen, taken from the memo
 * when — checked without reading a row — its key is exactly the one a full load would give now.
 */
export interface OpeningView {
  today: string;
  user: DashUser | null;
  defs: IndicatorDef[];
  archiveTable: ArchiveTable;
  problems: string[];
  /** the memo key both records carry (indicatorMemoKey over the opening inputs) */
  key: string;
  results: IndicatorResult[];
  screen: OpeningScreen;
  /** ms spent on the check */
  checkMs: number;
}

/** Settings every load reads, resolved alike for the full load and the opening check. */
async function readDashSettings(db: ZhixiaoDB, today: string) {
  const [cfg, rawUser, rawIndicators, rawRules, rawHolidays] = await Promise.all([
    evaluateConfig(db),
    getSetting<unknown>(db, CURRENT_USER_KEY),
    getSetting<unknown>(db, INDICATOR_OVERRIDE_KEY),
    getSetting<unknown>(db, 'rulesOverride'),
    getSetting<unknown>(db, HOLIDAY_OVERRIDES_KEY),
  ]);
  const archiveTable = cfg.archiveTable ?? DEFAULT_ARCHIVE_TABLE;
  let defs: IndicatorDef[];
  let defsProblem: string | null = null;
  try {
    defs = resolveIndicatorDefs(rawIndicators as never);
  } catch (e) {
    defs = resolveIndicatorDefs(null);
    defsProblem = `指标参考区间设置无效，已用内置设置：${e instanceof z.ZodError ? formatZodError(e) : String(e)}`;
  }
  return {
    cfg, archiveTable, defs, user: parseCurrentUser(rawUser),
    base: fingerprintBase(today, JSON.stringify([rawRules ?? null, rawHolidays ?? null, archiveTable])),
    rulesProblem: cfg.overrideError ? `审限规则设置无效，已按内置规则计算：${cfg.overrideError}` : null,
    defsProblem,
  };
}

/**
 * The opening view from the memo, or null when it cannot be used. Reads the settings, three small records of the
 * derived cache and the store's top case revision (one index key) — no row block, no per-case read, no count — and
 * uses the memo only when the store's top case revision is the one the rows were valid for (no case added, changed
 * or removed since: ./dashboard-cache caseTopRevision) and the key computed now equals the key both records were
 * stored under (same rows: cache generation, fingerprint base = format · day · rules · holidays · archive table;
 * same inputs: scope, period, definitions).
 */
export async function loadOpeningView(db: ZhixiaoDB = openDb(), today: string = chinaToday(new Date()), opts: { cache?: DashCacheDB } = {}): Promise<OpeningView | null> {
  const t0 = performance.now();
  perfMark('zx:dash-opening-start');
  const cache = opts.cache ?? dashCacheOf(db);
  try {
    const [s, recs, top] = await Promise.all([readDashSettings(db, today), readOpeningRecords(cache), caseTopRevision(db).finally(() => perfMark('zx:dash-opening-store'))]);
    perfMark('zx:dash-opening-read');
    // same cases as when the memo was stored: same top revision, same cache generation (see caseTopRevision)
    if (!recs.memo || !recs.screen || !recs.generation || recs.memo.key !== recs.screen.key || recs.screen.w !== top) return null;
    const screen = parseOpeningScreen(recs.screen.json);
    if (!screen) return null;
    const key = indicatorMemoKey({ rowsVersion: rowsVersionOf(recs, s.base, screen.rowCount) }, openingIndicatorInputs({ user: s.user, today, defs: s.defs }));
    if (key !== recs.screen.key) return null;
    const results = memoResults<IndicatorResult>({ stored: recs.memo }, key);
    if (!results) return null;
    const problems = [s.rulesProblem, s.defsProblem].filter((p): p is string => p !== null);
    perfMark('zx:dash-opening-checked');
    return { today, user: s.user, defs: s.defs, archiveTable: s.archiveTable, problems, key, results, screen, checkMs: Math.round(performance.now() - t0) };
  } catch {
    return null; // the full load reports what is wrong
  } finally {
    if (!opts.cache) cache.close();
  }
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
  const [settings, snap, changes, from, marks, signoffs] = await Promise.all([
    readDashSettings(db, today),
    snapP,
    changesP.then((c) => { perfMark('zx:dash-revisions'); return c; }),
    since,
    db.marks.toArray(),
    db.signoffs.toArray(),
  ]);
  perfMark('zx:dash-rows-read');
  const { cfg, archiveTable, base, defs } = settings;
  if (settings.rulesProblem) problems.push(settings.rulesProblem);
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
  if (settings.defsProblem) problems.push(settings.defsProblem);
  const withCache = async (f: (c: DashCacheDB) => Promise<string | null>) => {
    const c = ownCache ? dashCacheOf(db) : cache!;
    try {
      return await f(c);
    } finally {
      if (ownCache) c.close();
    }
  };
  const indicatorMemo: IndicatorMemo | undefined = snap && byChanges && evaluated.size === 0 && gone.length === 0 && cache
    ? {
        rowsVersion: rowsVersionOf(snap, base, rows.length),
        w: plan.w,
        stored: snap.memo,
        save: (key, results) => withCache((c) => writeIndicatorMemo(c, key, JSON.stringify(results))),
        screenKey: snap.screenKey,
        saveScreen: (key, screen) => withCache((c) => writeOpeningScreen(c, key, plan.w, JSON.stringify(screen))),
      }
    : undefined;
  return {
    indicatorMemo,
    today, rows, marks: marks as MarkLike[], signoffs: signoffs as SignoffLike[], user: settings.user, defs,
    archiveTable, problems, loadMs: Math.round(performance.now() - t0),
    cacheStats: { fresh: fresh.size, evaluated: evaluated.size, readMs: Math.round(tRead - t0), checkedBy: byChanges ? 'changes' : 'revisions' }, written,
  };
}
