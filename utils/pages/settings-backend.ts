// Options page data access for rules / thresholds / ranges / holidays / notifications and backup (extension
// origin: the database directly). Every stored override is validated with the zod schema of its rule module;
// an invalid text is never saved.
import { z } from 'zod';
import { DEFAULT_THRESHOLDS, RulesOverrideSchema } from '../rules';
import { DEFAULT_REVIEW_RULES, ReviewRulesSchema } from '../rules/review';
import { DEFAULT_SUPERVISION_RULES, SupervisionRulesSchema } from '../rules/supervision';
import { DEFAULT_INDICATOR_DEFS, IndicatorOverrideSchema, resolveIndicatorDefs } from '../rules/indicators';
import { HOLIDAY_OVERRIDES_KEY, HolidayOverridesSchema } from '../rules/holiday-overrides';
import { ArchiveTableSchema } from '../rules/archive';
import { clearCachedCases, exportAll, formatPath, getSetting, importAll, setSetting, type ImportResult, type ZhixiaoDB } from '../store';
import { loadArchiveTable, saveArchiveTable } from '../background/archive';
import { REVIEW_RULES_KEY, SUPERVISION_RULES_KEY } from '../background/supervision';
import { INDICATOR_OVERRIDE_KEY } from './dashboard-data';
import { NOTIFY_ENABLED_KEY } from '../background/notify';

export interface JsonSetting {
  key: string;
  title: string;
  /** what it changes and where the defaults come from (Chinese) */
  about: string;
  /** shown when nothing is stored: the built-in values as an editable template */
  template: unknown;
  /** full validation; returns the value to store */
  parse(json: unknown): { ok: true; value: unknown } | { ok: false; errors: string[] };
}

const issues = (e: z.ZodError) => e.issues.slice(0, 20).map((i) => `${i.path.length ? formatPath(i.path) : '(根)'}：${i.message}`);
const viaSchema = (schema: z.ZodTypeAny) => (json: unknown) => {
  const p = schema.safeParse(json);
  return p.success ? { ok: true as const, value: p.data } : { ok: false as const, errors: issues(p.error) };
};

export const JSON_SETTINGS: JsonSetting[] = [
  {
    key: 'rulesOverride', title: '审限预警分级与隐形超审限阈值',
    about: '提示 / 预警 / 临近届满天数（levels）、延长审限申请提前量（leadTimes）、长期未结层级（longPending）、久押不决（detention）、隐形超审限模式阈值（hidden）。只需填写要改的项，其余沿用内置值（domain.md §3、§5、§6、§7）。',
    template: { thresholds: DEFAULT_THRESHOLDS },
    parse: viaSchema(RulesOverrideSchema),
  },
  {
    key: REVIEW_RULES_KEY, title: '阅核范围',
    about: '哪些文书需要哪一级院庭长阅核、谁可以代为阅核（domain.md §9）。须提交完整规则表。',
    template: DEFAULT_REVIEW_RULES, parse: viaSchema(ReviewRulesSchema),
  },
  {
    key: SUPERVISION_RULES_KEY, title: '四类案件识别规则与阈值',
    about: '系统提示四类案件的触发规则（当事人人数、标的额、关键词等阈值；domain.md §8）。提示仅为建议，须院庭长确认。须提交完整规则表。',
    template: DEFAULT_SUPERVISION_RULES, parse: viaSchema(SupervisionRulesSchema),
  },
  {
    key: INDICATOR_OVERRIDE_KEY, title: '审判质效指标参考区间',
    about: '各指标的合理区间参考值（referenceRange：low / high / source / tag）及口径参数；内置区间为产品默认值，须按院内下发的参考值修改（domain.md §12）。只需列出要改的指标。',
    template: { indicators: DEFAULT_INDICATOR_DEFS.map((d) => ({ id: d.id, referenceRange: d.referenceRange })) },
    parse(json) {
      const p = IndicatorOverrideSchema.safeParse(json);
      if (!p.success) return { ok: false, errors: issues(p.error) };
      try {
        resolveIndicatorDefs(p.data);
        return { ok: true, value: p.data };
      } catch (e) {
        return { ok: false, errors: e instanceof z.ZodError ? issues(e) : [String(e)] };
      }
    },
  },
  {
    key: HOLIDAY_OVERRIDES_KEY, title: '节假日调整',
    about: '内置节假日数据尚未包含的法定节假日（holidays）和调休工作日（workdays），格式 YYYY-MM-DD；coveredYears 列出已完整录入当年通知的年份。影响审限届满日顺延（domain.md §3.1）。',
    template: { holidays: [], workdays: [], coveredYears: [] }, parse: viaSchema(HolidayOverridesSchema),
  },
];

export interface JsonSettingState { stored: unknown; error?: string }

export function settingsBackendFor(db: ZhixiaoDB) {
  return {
    settings: JSON_SETTINGS,
    async load(key: string): Promise<JsonSettingState> {
      const stored = await getSetting<unknown>(db, key);
      const def = JSON_SETTINGS.find((s) => s.key === key);
      if (stored === undefined || !def) return { stored };
      const r = def.parse(stored);
      return r.ok ? { stored } : { stored, error: `已保存的设置无效（未生效）：${r.errors.join('；')}` };
    },
    /** Validates the text; saves only when valid. */
    async save(key: string, text: string): Promise<{ ok: true } | { ok: false; errors: string[] }> {
      const def = JSON_SETTINGS.find((s) => s.key === key);
      if (!def) return { ok: false, errors: [`未知设置：${key}`] };
      let json: unknown;
      try { json = JSON.parse(text); } catch (e) { return { ok: false, errors: [`不是有效的 JSON：${(e as Error).message}`] }; }
      const r = def.parse(json);
      if (!r.ok) return r;
      await setSetting(db, key, r.value);
      return { ok: true };
    },
    async reset(key: string): Promise<void> {
      await db.settings.delete(key);
    },
    // 归档期限 (the countdown of the archive table)
    async archiveCountdown(): Promise<{ warnDays: number; overdueMonths: number; source: string }> {
      const { table, source } = await loadArchiveTable(db);
      return { warnDays: table.countdown.warnDays, overdueMonths: table.countdown.overdueMonths, source };
    },
    async saveArchiveCountdown(warnDays: number, overdueMonths: number): Promise<{ ok: true } | { ok: false; errors: string[] }> {
      const { table } = await loadArchiveTable(db);
      const next = { ...table, countdown: { ...table.countdown, warnDays, overdueMonths, basis: `本院设置：结案后 ${warnDays} 日起提示，${overdueMonths} 个月逾期`, tag: 'G' as const } };
      const p = ArchiveTableSchema.safeParse(next);
      if (!p.success) return { ok: false, errors: issues(p.error) };
      if (warnDays >= overdueMonths * 31 && overdueMonths > 0) return { ok: false, errors: ['预警天数应早于逾期期限'] };
      await saveArchiveTable(db, p.data);
      return { ok: true };
    },
    async notificationsEnabled(): Promise<boolean> {
      return (await getSetting<unknown>(db, NOTIFY_ENABLED_KEY)) !== false;
    },
    async setNotificationsEnabled(on: boolean): Promise<void> {
      await setSetting(db, NOTIFY_ENABLED_KEY, on);
    },
  };
}
export type SettingsBackend = ReturnType<typeof settingsBackendFor>;

export function backupBackendFor(db: ZhixiaoDB) {
  return {
    /** the whole database as one versioned JSON text */
    async exportText(): Promise<{ text: string; counts: Record<string, number>; name: string }> {
      const b = await exportAll(db);
      const counts = Object.fromEntries(Object.entries(b.tables).map(([k, v]) => [k, v.length]));
      return { text: JSON.stringify(b), counts, name: `质效助手备份_v${b.schemaVersion}_${b.exportedAt.slice(0, 10)}.json` };
    },
    /** validated merge (never wipes; nothing written when invalid) */
    restore: (text: string): Promise<ImportResult> => importAll(db, text),
    clearCases: () => clearCachedCases(db),
    async counts(): Promise<Record<string, number>> {
      const out: Record<string, number> = {};
      for (const t of db.tables) out[t.name] = await t.count();
      return out;
    },
  };
}
export type BackupBackend = ReturnType<typeof backupBackendFor>;
