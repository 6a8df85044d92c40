// 质效看板 data: read straight from the local database (extension origin), every case evaluated ONCE
// (buildCaseView), then handed to the pure builders in ./dashboard-ledgers. The UI slices and paginates;
// nothing awaits per row.
import { z } from 'zod';
import { chinaToday } from '../domain/dates';
import { resolveIndicatorDefs, type IndicatorDef } from '../rules/indicators';
import { evaluateConfig } from '../background/views';
import { getCases, getSetting, openDb, formatZodError, type ZhixiaoDB } from '../store';
import { buildCaseView } from '../views/build';
import { dashRowOf, type DashRow, type DashUser, type MarkLike, type SignoffLike } from './dashboard-ledgers';
import type { ArchiveTable } from '../rules/archive';
import { DEFAULT_ARCHIVE_TABLE } from '../rules/archive';

/** Settings key of the indicator override (options page), validated by resolveIndicatorDefs (zod). */
export const INDICATOR_OVERRIDE_KEY = 'indicatorOverride';
/** Settings key of the host user recorded by the background (PageUser shape). */
export const CURRENT_USER_KEY = 'currentUser';

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
}

/** The user as stored by the background; accepts `{user: {...}}` wrappers too. Invalid → null. */
export function parseCurrentUser(raw: unknown): DashUser | null {
  const candidate = raw && typeof raw === 'object' && 'user' in (raw as object) ? (raw as { user: unknown }).user : raw;
  const p = CurrentUserSchema.safeParse(candidate);
  return p.success ? { name: p.data.name, role: p.data.role, division: p.data.division } : null;
}

export async function loadDashboardData(db: ZhixiaoDB = openDb(), today: string = chinaToday(new Date())): Promise<DashboardData> {
  const t0 = performance.now();
  const problems: string[] = [];
  const cfg = await evaluateConfig(db);
  if (cfg.overrideError) problems.push(`审限规则设置无效，已按内置规则计算：${cfg.overrideError}`);
  const keys = (await db.cases.toCollection().primaryKeys()) as string[];
  const [cases, marks, signoffs, rawUser, rawIndicators] = await Promise.all([
    getCases(db, keys),
    db.marks.toArray(),
    db.signoffs.toArray(),
    getSetting<unknown>(db, CURRENT_USER_KEY),
    getSetting<unknown>(db, INDICATOR_OVERRIDE_KEY),
  ]);
  const rows: DashRow[] = [];
  for (const c of cases) {
    if (!c) continue;
    try {
      rows.push(dashRowOf(c, buildCaseView(c, today, cfg)));
    } catch (e) {
      problems.push(`${c.caseNo}：无法计算（${e instanceof Error ? e.message : String(e)}）`);
    }
  }
  let defs: IndicatorDef[];
  try {
    defs = resolveIndicatorDefs(rawIndicators as never);
  } catch (e) {
    defs = resolveIndicatorDefs(null);
    problems.push(`指标参考区间设置无效，已用内置设置：${e instanceof z.ZodError ? formatZodError(e) : String(e)}`);
  }
  return {
    today, rows, marks: marks as MarkLike[], signoffs: signoffs as SignoffLike[], user: parseCurrentUser(rawUser), defs,
    archiveTable: cfg.archiveTable ?? DEFAULT_ARCHIVE_TABLE, problems, loadMs: Math.round(performance.now() - t0),
  };
}
