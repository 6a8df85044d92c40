// Case views computed from the local database (extension origin: background, popup, dashboard).
import type { EvaluateConfig } from '../domain/evaluate';
import { resolveRules, RulesOverrideSchema } from '../rules';
import { getCases, getSetting, type ZhixiaoDB } from '../store';
import { buildCaseView } from '../views/build';
import type { CaseView } from '../views/case-view';
import type { ArchiveTable } from '../rules/archive';
import { loadArchiveTable } from './archive';
import { createHolidayCalendar, type HolidayCalendar } from '../domain/holidays';
import { HOLIDAY_OVERRIDES_KEY, HolidayOverridesSchema } from '../rules/holiday-overrides';
import { hash32 } from '../pages/dashboard-cache';

/** The court's rule overrides from the options page; an invalid stored override is ignored and reported. */
export async function evaluateConfig(db: ZhixiaoDB): Promise<EvaluateConfig & { overrideError?: string; archiveTable?: ArchiveTable }> {
  const { table: archiveTable } = await loadArchiveTable(db);
  const calendar = await holidayCalendarOf(db);
  const raw = await getSetting<unknown>(db, 'rulesOverride');
  if (raw === undefined) return { archiveTable, ...calendar };
  const parsed = RulesOverrideSchema.safeParse(raw);
  if (!parsed.success) return { overrideError: parsed.error.message, archiveTable, ...calendar };
  return { rules: resolveRules(parsed.data), archiveTable, ...calendar };
}

/**
 * The evaluation config, re-read at most every few seconds: the ingest hot path must not read four settings
 * per page load, and an options change still shows within moments. The same object is returned while unchanged,
 * so view caches can key on it.
 */
export function configCache(db: ZhixiaoDB, maxAgeMs = 3000) {
  let cached: { at: number; json: string; cfg: Awaited<ReturnType<typeof evaluateConfig>> } | null = null;
  return {
    /** The last configuration read, however old (null before the first read): for answers that are corrected anyway. */
    peek() {
      return cached?.cfg ?? null;
    },
    async get() {
      const now = Date.now();
      if (cached && now - cached.at < maxAgeMs) return cached.cfg;
      const cfg = await evaluateConfig(db);
      const json = JSON.stringify([cfg.rules ?? null, cfg.archiveTable ?? null, cfg.overrideError ?? null, cfg.calendar ? 'cal' : null]);
      cached = cached && cached.json === json && cached.cfg.calendar === cfg.calendar ? { ...cached, at: now } : { at: now, json, cfg };
      return cached.cfg;
    },
  };
}

/**
 * A short, stable name of a configuration's content (rules, archive table, holiday adjustments): equal across
 * service-worker restarts for equal settings (utils/background/recent-rows.ts stamps remembered rows with it).
 */
export function configKeyOf(cfg: EvaluateConfig & { overrideError?: string; archiveTable?: ArchiveTable }): string {
  let key = configKeys.get(cfg);
  if (key === undefined) {
    const calendar = cfg.calendar ? calendarKeys.get(cfg.calendar) ?? 'calendar' : null;
    key = hash32(JSON.stringify([cfg.rules ?? null, cfg.archiveTable ?? null, cfg.overrideError ?? null, calendar]));
    configKeys.set(cfg, key);
  }
  return key;
}
const configKeys = new WeakMap<object, string>();
const calendarKeys = new WeakMap<HolidayCalendar, string>();

// 节假日调整 (options page): a calendar with the court's extra holidays / 调休 days; invalid settings are ignored.
let calendarCache: { json: string; calendar: HolidayCalendar } | null = null;
async function holidayCalendarOf(db: ZhixiaoDB): Promise<{ calendar?: HolidayCalendar }> {
  const raw = await getSetting<unknown>(db, HOLIDAY_OVERRIDES_KEY);
  if (raw === undefined || raw === null) return {};
  const parsed = HolidayOverridesSchema.safeParse(raw);
  if (!parsed.success) return {};
  const json = JSON.stringify(parsed.data);
  if (calendarCache?.json !== json) {
    calendarCache = { json, calendar: createHolidayCalendar(parsed.data) };
    calendarKeys.set(calendarCache.calendar, json);
  }
  return { calendar: calendarCache.calendar };
}

export async function caseViewsFor(db: ZhixiaoDB, caseNos: string[], today: string, config?: EvaluateConfig & { archiveTable?: ArchiveTable }): Promise<CaseView[]> {
  const cfg = config ?? (await evaluateConfig(db));
  const cases = await getCases(db, caseNos);
  return cases.flatMap((c) => (c ? [buildCaseView(c, today, cfg)] : []));
}
